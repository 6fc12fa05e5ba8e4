/* Registration questions: loading them in a language, checking posted
 * answers, and the form's and the organisers' views of them. */
#include "registration/registration_questions.h"

#include <stdlib.h>
#include <string.h>

#include "i18n/i18n.h"
#include "profiles/code_lists.h"
#include "profiles/form_values.h"
#include "view/form.h"

const struct reg_kind reg_kinds[] = {
    {"short_text", N_("Short text")},
    {"long_text", N_("Long text")},
    {"single_choice", N_("One choice from a list")},
    {"multiple_choice", N_("Several choices from a list")},
    {"country", N_("Country")},
    /* TRANSLATORS: a kind of registration question: a box people must tick to agree. */
    {"consent", N_("Consent (a box to tick)")},
};
const size_t nreg_kinds = sizeof reg_kinds / sizeof reg_kinds[0];

/* The flag the form template tests for each kind. */
static const char *const kind_flags[] = {"is_short", "is_long", "is_single", "is_multiple", "is_country",
                                         "is_consent"};

static int kind_index(const char *kind)
{
    for (size_t i = 0; kind && i < nreg_kinds; i++)
        if (strcmp(kind, reg_kinds[i].kind) == 0)
            return (int)i;
    return -1;
}

bool reg_kind_valid(const char *kind) { return kind_index(kind) >= 0; }

bool reg_kind_has_choices(const char *kind)
{
    return kind && (strcmp(kind, "single_choice") == 0 || strcmp(kind, "multiple_choice") == 0);
}

/* The lines of text as a new array of strings (blank lines left out). */
static json_t *lines_json(const char *text)
{
    json_t *out = json_array();
    while (text && *text) {
        size_t n = strcspn(text, "\n");
        size_t len = n;
        while (len && (text[len - 1] == '\r' || text[len - 1] == ' ' || text[len - 1] == '\t'))
            len--;
        size_t start = 0;
        while (start < len && (text[start] == ' ' || text[start] == '\t'))
            start++;
        if (len > start)
            json_array_append_new(out, json_stringn(text + start, len - start));
        text += n + (text[n] == '\n');
    }
    return out;
}

json_t *reg_questions_load(struct db *db, int64_t event_id, const char *lang)
{
    struct db_stmt *st = db_prepare(db, "SELECT q.id, q.kind, q.required, COALESCE(t.label, d.label), "
                                        "COALESCE(NULLIF(t.choices, ''), d.choices) FROM registration_questions q "
                                        "JOIN events e ON e.id = q.event_id "
                                        "LEFT JOIN registration_question_texts d ON d.question_id = q.id "
                                        "AND d.lang = e.default_lang "
                                        "LEFT JOIN registration_question_texts t ON t.question_id = q.id AND t.lang = ?2 "
                                        "WHERE q.event_id = ?1 ORDER BY q.position, q.id");
    if (!st)
        return NULL;
    db_bind_int(st, 1, event_id);
    db_bind_text(st, 2, lang);
    json_t *list = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *label = db_col_text(st, 3);
        json_array_append_new(list, json_pack("{s:I, s:s, s:b, s:s, s:o}", "id", (json_int_t)db_col_int(st, 0),
                                              "kind", db_col_text(st, 1), "required", (int)db_col_int(st, 2),
                                              "label", label ? label : "", "choices",
                                              lines_json(db_col_text(st, 4))));
    }
    db_reset(st);
    if (rc == DB_ERROR) {
        json_decref(list);
        return NULL;
    }
    return list;
}

static const char *field_name(struct request *req, json_t *q)
{
    return arena_printf(req->arena, "q%lld", (long long)json_integer_value(json_object_get(q, "id")));
}

/* The line number ("3") of a choice of q, or 0 when it is not one. */
static long choice_number(json_t *q, const char *value)
{
    char *end;
    long n = value && *value >= '1' && *value <= '9' ? strtol(value, &end, 10) : 0;
    return n > 0 && !*end && (size_t)n <= json_array_size(json_object_get(q, "choices")) ? n : 0;
}

/* Reads the choices posted for q: "2" or "1,3", or NULL after marking why not. */
static const char *read_choices(struct request *req, json_t *q, const char *field, json_t *page, bool several)
{
    json_t *values = form_values(req, field);
    const char *out = NULL;
    bool ok = several || json_array_size(values) <= 1;
    size_t i;
    json_t *v;
    json_array_foreach (values, i, v)
        ok = ok && choice_number(q, json_string_value(v));
    if (!ok) {
        form_error(page, field, _("Please choose from the list."));
    } else if (json_array_size(values)) {
        /* Stored in the list's order whatever the order sent. */
        size_t n = json_array_size(json_object_get(q, "choices"));
        out = "";
        for (size_t k = 1; k <= n; k++)
            json_array_foreach (values, i, v)
                if (choice_number(q, json_string_value(v)) == (long)k) {
                    out = arena_printf(req->arena, "%s%s%zu", out, *out ? "," : "", k);
                    break;
                }
    }
    json_decref(values);
    return out;
}

/* The stored value of one answer, or NULL when there is none (or it is wrong: marked on page). */
static const char *read_answer(struct request *req, json_t *q, json_t *page)
{
    const char *kind = json_string_value(json_object_get(q, "kind")), *field = field_name(req, q);
    const char *value = NULL;
    if (reg_kind_has_choices(kind)) {
        value = read_choices(req, q, field, page, strcmp(kind, "multiple_choice") == 0);
    } else if (strcmp(kind, "consent") == 0) {
        value = *form_text(req, field) ? "1" : NULL;
    } else if (strcmp(kind, "country") == 0) {
        value = form_text(req, field);
        if (*value && !country_valid(value)) {
            form_error(page, field, _("Please choose a country from the list."));
            return NULL;
        }
    } else {
        value = strcmp(kind, "short_text") == 0 ? text_squeeze(req->arena, form_text(req, field))
                                                : form_text(req, field);
        if (utf8_length(value) > REG_ANSWER_MAX) {
            form_error(page, field, _("Please shorten your answer to at most 4,000 characters."));
            return NULL;
        }
    }
    return value && *value ? value : NULL;
}

json_t *reg_answers_read(struct request *req, json_t *questions, json_t *page)
{
    json_t *answers = json_object();
    size_t i;
    json_t *q;
    json_array_foreach (questions, i, q) {
        const char *field = field_name(req, q);
        const char *value = read_answer(req, q, page);
        const char *kind = json_string_value(json_object_get(q, "kind"));
        if (value)
            json_object_set_new(answers, arena_printf(req->arena, "%lld",
                                                      (long long)json_integer_value(json_object_get(q, "id"))),
                                json_string(value));
        else if (!json_object_get(json_object_get(page, "errors"), field) &&
                 (json_is_true(json_object_get(q, "required")) || strcmp(kind, "consent") == 0))
            form_error(page, field,
                       strcmp(kind, "consent") == 0 ? _("Please tick this box to register.")
                                                    : _("Please answer this question."));
    }
    return answers;
}

/* The choices of q for the form, each {value, label, checked} from what was posted. */
static json_t *choices_form(struct request *req, json_t *q, const char *field)
{
    json_t *posted = form_values(req, field), *out = json_array();
    size_t i, j;
    json_t *c, *v;
    json_array_foreach (json_object_get(q, "choices"), i, c) {
        const char *value = arena_printf(req->arena, "%zu", i + 1);
        bool checked = false;
        json_array_foreach (posted, j, v)
            checked = checked || strcmp(json_string_value(v), value) == 0;
        json_array_append_new(out, json_pack("{s:s, s:O, s:b, s:s}", "value", value, "label", c, "checked", checked,
                                             "id", arena_printf(req->arena, "%s-%zu", field, i + 1)));
    }
    json_decref(posted);
    return out;
}

json_t *reg_questions_form(struct request *req, json_t *questions, json_t *page)
{
    json_t *out = json_array(), *errors = json_object_get(page, "errors");
    size_t i;
    json_t *q;
    json_array_foreach (questions, i, q) {
        const char *field = field_name(req, q), *kind = json_string_value(json_object_get(q, "kind"));
        json_t *f = json_deep_copy(q);
        json_object_set_new(f, "field", json_string(field));
        json_object_set_new(f, kind_flags[kind_index(kind) < 0 ? 0 : kind_index(kind)], json_true());
        json_object_set_new(f, "value", json_string(form_text(req, field)));
        json_object_set_new(f, "required", json_boolean(json_is_true(json_object_get(q, "required")) ||
                                                        strcmp(kind, "consent") == 0));
        if (reg_kind_has_choices(kind))
            json_object_set_new(f, "options", choices_form(req, q, field));
        if (strcmp(kind, "country") == 0) {
            json_t *chosen = json_pack("[s]", form_text(req, field));
            json_object_set_new(f, "options", country_options(req->lang, chosen));
            json_decref(chosen);
        }
        /* Always set: a section would otherwise find the page's own "error". */
        json_t *error = json_object_get(errors, field);
        json_object_set_new(f, "error", error ? json_incref(error) : json_false());
        json_array_append_new(out, f);
    }
    return out;
}

const char *reg_answer_text(struct request *req, json_t *q, const char *value)
{
    const char *kind = json_string_value(json_object_get(q, "kind"));
    if (strcmp(kind, "consent") == 0)
        return _("Yes");
    if (strcmp(kind, "country") == 0) {
        const char *name = country_name(value, req->lang);
        return name ? name : value;
    }
    if (!reg_kind_has_choices(kind))
        return value;
    const char *out = "";
    for (const char *p = value; p && *p;) {
        long n = strtol(p, (char **)&p, 10);
        json_t *c = n > 0 ? json_array_get(json_object_get(q, "choices"), (size_t)n - 1) : NULL;
        if (c)
            out = arena_printf(req->arena, "%s%s%s", out, *out ? ", " : "", json_string_value(c));
        if (*p == ',')
            p++;
        else if (*p)
            break;
    }
    return out;
}
