/* Form pages that come back filled in with their errors. */
#include "view/form.h"

#include <ctype.h>
#include <string.h>

#include "accounts/session.h"
#include "i18n/tz.h"
#include "view/page.h"

const char *form_text(struct request *req, const char *field)
{
    const char *v = request_form(req, field);
    if (!v)
        return "";
    while (isspace((unsigned char)*v))
        v++;
    size_t n = strlen(v);
    while (n && isspace((unsigned char)v[n - 1]))
        n--;
    return arena_strndup(req->arena, v, n);
}

json_t *form_page(struct request *req, const char *title, const char *const fields[], size_t n)
{
    json_t *values = json_object();
    for (size_t i = 0; i < n; i++) {
        const char *v = request_form(req, fields[i]);
        json_object_set_new(values, fields[i], json_string(v ? v : ""));
    }
    json_t *page = json_pack("{s:s, s:s, s:o, s:{}}", "title", title, "csrf", session_csrf(req), "form", values,
                             "errors");
    if (req->status == 403)
        json_object_set_new(page, "error", json_string(_("This form had expired or was sent from elsewhere, so "
                                                         "nothing was done. Please check it and send it again.")));
    return page;
}

void form_error(json_t *page, const char *field, const char *message)
{
    if (field)
        json_object_set_new(json_object_get(page, "errors"), field, json_string(message));
    if (!json_object_get(page, "error"))
        json_object_set_new(page, "error", json_string(field ? _("Please correct the marked fields.") : message));
}

bool form_has_errors(json_t *page) { return json_object_get(page, "error") != NULL; }

void form_render(struct request *req, const char *template_name, json_t *page)
{
    unsigned status = req->status == 403 ? 403 : form_has_errors(page) ? 422 : 200;
    page_render(req, status, template_name, page);
}

static json_t *zone_option(const char *name, const char *selected)
{
    return json_pack("{s:s, s:b}", "name", name, "selected", selected && strcmp(selected, name) == 0);
}

json_t *form_zone_options(const char *selected)
{
    const char **zones;
    size_t n = tz_list(&zones);
    json_t *list = json_array();
    json_array_append_new(list, zone_option("UTC", selected));
    for (size_t i = 0; i < n; i++)
        if (strcmp(zones[i], "UTC") != 0)
            json_array_append_new(list, zone_option(zones[i], selected));
    return list;
}
