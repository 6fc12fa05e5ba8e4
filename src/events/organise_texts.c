/* The per-language texts of the organiser forms: reading them and laying
 * them out as one fieldset per language. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "events/organise.h"
#include "events/organise_parse.h"
#include "profiles/form_values.h"
#include "view/form.h"
#include "view/markdown.h"

void organise_read_texts(struct request *req, json_t *form_page, const char *default_lang,
                         const struct organise_text_field fields[], size_t n,
                         const char *out[][ORGANISE_TEXT_FIELDS_MAX])
{
    for (int k = 0; k < ORGANISE_NLANGS; k++) {
        const char *code = organise_langs[k], *name = organise_lang_name(code);
        bool others = false;
        for (size_t j = 0; j < n; j++) {
            const char *field = arena_printf(req->arena, "%s_%s", fields[j].key, code);
            const char *v = form_text(req, field);
            out[k][j] = fields[j].one_line ? text_squeeze(req->arena, v) : v;
            others |= j > 0 && *out[k][j];
            if (utf8_length(out[k][j]) > fields[j].max)
                form_error(form_page, field,
                           arena_printf(req->arena, _("Please use at most %d characters."), (int)fields[j].max));
        }
        const char *title_field = arena_printf(req->arena, "%s_%s", fields[0].key, code);
        if (*out[k][0])
            continue;
        if (default_lang && strcmp(code, default_lang) == 0)
            /* TRANSLATORS: %s is a language name ("French"). */
            form_error(form_page, title_field,
                       arena_printf(req->arena, _("Please give the title in %s, the main language."), name));
        else if (others)
            /* TRANSLATORS: both %s are the same language name ("French"). */
            form_error(form_page, title_field,
                       arena_printf(req->arena, _("Please give the title in %s too, or leave %s empty."), name, name));
    }
}

json_t *organise_lang_fieldsets(json_t *form_page, const char *default_lang, const char *const keys[], size_t n,
                                const char *markdown_key)
{
    json_t *form = json_object_get(form_page, "form"), *errors = json_object_get(form_page, "errors");
    json_t *list = json_array();
    for (int k = 0; k < ORGANISE_NLANGS; k++) {
        const char *code = organise_langs[k];
        json_t *set = json_pack("{s:s, s:s, s:b}", "code", code, "name", organise_lang_name(code), "required",
                                default_lang && strcmp(code, default_lang) == 0);
        char field[64], key[64];
        for (size_t j = 0; j < n; j++) {
            snprintf(field, sizeof field, "%s_%s", keys[j], code);
            snprintf(key, sizeof key, "%s_error", keys[j]);
            const char *v = json_string_value(json_object_get(form, field));
            const char *e = json_string_value(json_object_get(errors, field));
            json_object_set_new(set, keys[j], json_string(v ? v : ""));
            json_object_set_new(set, key, json_string(e ? e : ""));
        }
        if (markdown_key) {
            snprintf(field, sizeof field, "%s_%s", markdown_key, code);
            char *html = markdown_to_html(json_string_value(json_object_get(form, field)));
            json_object_set_new(set, "preview_html", json_string(html));
            free(html);
        }
        json_array_append_new(list, set);
    }
    return list;
}
