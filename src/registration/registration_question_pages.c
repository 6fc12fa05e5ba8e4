/* The question editor of the registration form: add, edit, delete and
 * move questions, each with its label and choices per language. */
#include "registration/registration_pages.h"

#include <string.h>

#include "accounts/audit.h"
#include "core/log.h"
#include "events/organise_parse.h"
#include "profiles/form_values.h"
#include "registration/registration_common.h"
#include "registration/registration_questions.h"
#include "registration/registration_settings.h"
#include "view/form.h"
#include "view/page.h"

static const char *const language_names[ORGANISE_NLANGS] = {N_("English"), N_("French"), N_("Spanish")};

/* The form field of language i: "label_fr", "choices_fr". */
static const char *lang_field(struct request *req, const char *what, size_t i)
{
    return arena_printf(req->arena, "%s_%s", what, organise_langs[i]);
}

static const char *value_of(json_t *values, const char *field)
{
    const char *v = json_string_value(json_object_get(values, field));
    return v ? v : "";
}

json_t *reg_question_form_view(struct request *req, const struct event_ref *ev, json_t *values, json_t *errors,
                               const char *action)
{
    const char *kind = value_of(values, "kind");
    json_t *kinds = json_array(), *langs = json_array();
    for (size_t i = 0; i < nreg_kinds; i++)
        json_array_append_new(kinds, json_pack("{s:s, s:s, s:b}", "value", reg_kinds[i].kind, "label",
                                               _(reg_kinds[i].label), "selected", strcmp(kind, reg_kinds[i].kind) == 0));
    for (size_t i = 0; i < ORGANISE_NLANGS; i++) {
        const char *label = lang_field(req, "label", i), *choices = lang_field(req, "choices", i);
        json_t *l = json_pack("{s:s, s:s, s:b, s:s, s:s, s:s, s:s}", "code", organise_langs[i], "name",
                              _(language_names[i]), "default", strcmp(organise_langs[i], ev->default_lang) == 0,
                              "label_field", label, "choices_field", choices, "label", value_of(values, label),
                              "choices", value_of(values, choices));
        json_t *e = json_object_get(errors, label);
        if (e)
            json_object_set(l, "label_error", e);
        if ((e = json_object_get(errors, choices)))
            json_object_set(l, "choices_error", e);
        json_array_append_new(langs, l);
    }
    return json_pack("{s:s, s:s, s:b, s:o, s:o, s:O*}", "action", action, "kind", kind, "required",
                     *value_of(values, "required") != '\0', "kinds", kinds, "langs", langs, "errors",
                     errors ? errors : NULL);
}

/* What was posted, as field → text. A new object. */
static json_t *posted_values(struct request *req)
{
    json_t *values = json_pack("{s:s, s:s}", "kind", form_text(req, "kind"), "required", form_text(req, "required"));
    for (size_t i = 0; i < ORGANISE_NLANGS; i++) {
        const char *label = lang_field(req, "label", i), *choices = lang_field(req, "choices", i);
        json_object_set_new(values, label, json_string(text_squeeze(req->arena, form_text(req, label))));
        json_object_set_new(values, choices, json_string(form_text(req, choices)));
    }
    return values;
}

/* Checks the posted question (values from posted_values), marking problems on page. */
static void check_question(struct request *req, const struct event_ref *ev, json_t *values, json_t *page)
{
    const char *kind = value_of(values, "kind");
    if (!reg_kind_valid(kind))
        form_error(page, "kind", _("Please choose the kind of question."));
    int d = organise_lang_index(ev->default_lang);
    const char **lines;
    size_t ndefault = d < 0 ? 0 : organise_lines(req->arena, value_of(values, lang_field(req, "choices", (size_t)d)), &lines);
    for (size_t i = 0; i < ORGANISE_NLANGS; i++) {
        const char *label_field = lang_field(req, "label", i), *choices_field = lang_field(req, "choices", i);
        const char *label = value_of(values, label_field);
        if ((int)i == d && !*label)
            form_error(page, label_field, _("Please write the question in the event's own language."));
        if (utf8_length(label) > REG_LABEL_MAX)
            form_error(page, label_field, _("Please keep the question within 300 characters."));
        if (!reg_kind_has_choices(kind))
            continue;
        size_t n = organise_lines(req->arena, value_of(values, choices_field), &lines);
        if ((int)i == d && (n < 2 || n > REG_CHOICES_MAX))
            form_error(page, choices_field, _("Please give from 2 to 50 choices, one per line."));
        else if ((int)i != d && n && n != ndefault)
            form_error(page, choices_field,
                       _("Please give as many choices as in the event's own language, in the same order, or none."));
    }
}

/* The choices as stored: the trimmed lines joined with "\n". Arena string. */
static const char *choices_text(struct request *req, const char *kind, const char *text)
{
    if (!reg_kind_has_choices(kind))
        return "";
    const char **lines;
    size_t n = organise_lines(req->arena, text, &lines);
    const char *out = "";
    for (size_t i = 0; i < n; i++)
        out = arena_printf(req->arena, "%s%s%s", out, i ? "\n" : "", lines[i]);
    return out;
}

/* Writes the kind, required flag and texts of question id. 0 or -1. */
static int save_texts(struct request *req, struct db *db, int64_t id, json_t *values)
{
    const char *kind = value_of(values, "kind");
    bool required = strcmp(kind, "consent") == 0 || *value_of(values, "required");
    if (db_run(db, "UPDATE registration_questions SET kind = ?, required = ? WHERE id = ?", "tii", kind,
               (int64_t)required, id))
        return -1;
    for (size_t i = 0; i < ORGANISE_NLANGS; i++) {
        const char *label = value_of(values, lang_field(req, "label", i));
        const char *choices = choices_text(req, kind, value_of(values, lang_field(req, "choices", i)));
        int rc = *label ? db_run(db,
                                 "INSERT INTO registration_question_texts (question_id, lang, label, choices) "
                                 "VALUES (?, ?, ?, ?) ON CONFLICT (question_id, lang) DO UPDATE SET "
                                 "label = excluded.label, choices = excluded.choices",
                                 "ittt", id, organise_langs[i], label, choices)
                        : db_run(db, "DELETE FROM registration_question_texts WHERE question_id = ? AND lang = ?",
                                 "it", id, organise_langs[i]);
        if (rc)
            return -1;
    }
    return 0;
}

/* Renders the question page (add or edit) with values and page's errors. Takes page and values. */
static void render_question(struct request *req, const struct event_ref *ev, json_t *page, json_t *values,
                            const char *action)
{
    json_t *event = reg_event_view(req, ev);
    if (!event) {
        json_decref(page), json_decref(values);
        page_error(req, 500);
        return;
    }
    json_object_set_new(page, "event", event);
    json_object_set_new(page, "settings_url",
                        json_string(arena_printf(req->arena, "/events/%s/registration/settings", ev->slug)));
    json_object_set_new(page, "question_form",
                        reg_question_form_view(req, ev, values, json_object_get(page, "errors"), action));
    json_decref(values);
    form_render(req, "registration_question", page);
}

/* Runs change (inside a transaction) and logs action; then back to the
 * settings. 500 when anything fails. */
static void commit_change(struct request *req, const struct event_ref *ev, int rc_change, const char *action,
                          int64_t question_id)
{
    struct db *db = db_get();
    const char *detail = arena_printf(req->arena, "event %s: question %lld", ev->slug, (long long)question_id);
    if (rc_change || audit_record(db, req, action, 0, detail) || db_commit(db)) {
        db_rollback(db);
        log_event(LOG_ERROR, req->id, "registration question not saved", "event", ev->slug, NULL);
        page_error(req, 500);
        return;
    }
    request_redirect(req, arena_printf(req->arena, "/events/%s/registration/settings?done=question", ev->slug));
}

/*
 * POST /events/{slug}/registration/questions : adds a question at the end.
 *   kind                  one of reg_kinds
 *   required              "1": must be answered (consent always is)
 *   label_<lang>          the question per language; required in the
 *                         event's own, the others fall back to it
 *   choices_<lang>        for choice kinds: one per line, 2 to 50 in the
 *                         event's language, as many (or none) in the others
 */
void page_registration_question_add(struct request *req)
{
    struct event_ref ev;
    struct db *db = db_get();
    if (!db || !event_require(req, &ev, EVENT_MANAGE))
        return;
    json_t *page = form_page(req, _("Add a question"), NULL, 0), *values = posted_values(req);
    const char *action = arena_printf(req->arena, "/events/%s/registration/questions", ev.slug);
    check_question(req, &ev, values, page);
    if (form_has_errors(page)) {
        render_question(req, &ev, page, values, action);
        return;
    }
    json_decref(page);
    int64_t id = 0;
    int rc = db_begin(db) ? -1 : 0;
    if (rc == 0)
        rc = db_one_int(db,
                        "INSERT INTO registration_questions (event_id, position, kind) VALUES (?1, (SELECT "
                        "COALESCE(max(position), 0) + 1 FROM registration_questions WHERE event_id = ?1), ?2) "
                        "RETURNING id",
                        &id, "it", ev.id, value_of(values, "kind")) == 1
                 ? save_texts(req, db, id, values)
                 : -1;
    json_decref(values);
    commit_change(req, &ev, rc, "registration_question_add", id);
}

/* The question {id} of the route, of an event the caller manages (which
 * goes into *ev): its id, or 0 when the page has answered (403, 404, 500). */
static int64_t route_question(struct request *req, struct event_ref *ev)
{
    struct db *db = db_get();
    if (!db || !event_require(req, ev, EVENT_MANAGE))
        return 0;
    int64_t id = reg_param_id(req, "id");
    int found = id ? db_one_int(db, "SELECT 1 FROM registration_questions WHERE id = ? AND event_id = ?", NULL, "ii",
                                id, ev->id)
                   : 0;
    if (found != 1)
        page_error(req, found < 0 ? 500 : 404);
    return found == 1 ? id : 0;
}

/* The stored question as field → text. A new object, NULL on error. */
static json_t *stored_values(struct request *req, struct db *db, int64_t id)
{
    json_t *values = json_object();
    struct db_stmt *st = db_prepare(db, "SELECT q.kind, q.required, t.lang, t.label, t.choices "
                                        "FROM registration_questions q "
                                        "LEFT JOIN registration_question_texts t ON t.question_id = q.id "
                                        "WHERE q.id = ?");
    if (!st) {
        json_decref(values);
        return NULL;
    }
    db_bind_int(st, 1, id);
    while (db_step(st) == DB_ROW) {
        json_object_set_new(values, "kind", json_string(db_col_text(st, 0)));
        json_object_set_new(values, "required", json_string(db_col_int(st, 1) ? "1" : ""));
        const char *lang = db_col_text(st, 2);
        if (!lang)
            continue;
        json_object_set_new(values, arena_printf(req->arena, "label_%s", lang), json_string(db_col_text(st, 3)));
        json_object_set_new(values, arena_printf(req->arena, "choices_%s", lang), json_string(db_col_text(st, 4)));
    }
    db_reset(st);
    return values;
}

/*
 * GET /events/{slug}/registration/questions/{id} : one question as a form.
 * Also renders the refused posts of that question (bad CSRF token).
 */
void page_registration_question_form(struct request *req)
{
    struct event_ref ev;
    int64_t id = route_question(req, &ev);
    if (!id)
        return;
    json_t *values = req->method == HTTP_POST ? posted_values(req) : stored_values(req, db_get(), id);
    if (!values) {
        page_error(req, 500);
        return;
    }
    render_question(req, &ev, form_page(req, _("Edit the question"), NULL, 0), values, request_target(req));
}

/*
 * POST /events/{slug}/registration/questions/{id} : saves the question;
 * fields as for adding one.
 */
void page_registration_question_save(struct request *req)
{
    struct event_ref ev;
    int64_t id = route_question(req, &ev);
    if (!id)
        return;
    json_t *page = form_page(req, _("Edit the question"), NULL, 0), *values = posted_values(req);
    check_question(req, &ev, values, page);
    if (form_has_errors(page)) {
        render_question(req, &ev, page, values, request_target(req));
        return;
    }
    json_decref(page);
    struct db *db = db_get();
    int rc = db_begin(db) ? -1 : save_texts(req, db, id, values);
    json_decref(values);
    commit_change(req, &ev, rc, "registration_question_edit", id);
}

/*
 * POST /events/{slug}/registration/questions/{id}/delete : deletes the
 * question and the answers given to it.
 */
void page_registration_question_delete(struct request *req)
{
    struct event_ref ev;
    int64_t id = route_question(req, &ev);
    struct db *db = db_get();
    if (id)
        commit_change(req, &ev,
                      db_begin(db) ? -1 : db_run(db, "DELETE FROM registration_questions WHERE id = ?", "i", id),
                      "registration_question_delete", id);
}

/* Swaps question id with its neighbour before (up) or after it, and numbers them all 1..n. */
static int move_question(struct db *db, int64_t event_id, int64_t id, bool up)
{
    int64_t ids[256];
    size_t n = 0, at = 0;
    struct db_stmt *st =
        db_prepare(db, "SELECT id FROM registration_questions WHERE event_id = ? ORDER BY position, id");
    if (!st)
        return -1;
    db_bind_int(st, 1, event_id);
    while (n < 256 && db_step(st) == DB_ROW) {
        ids[n] = db_col_int(st, 0);
        if (ids[n] == id)
            at = n;
        n++;
    }
    db_reset(st);
    size_t other = up ? at - 1 : at + 1;
    if ((up && at > 0) || (!up && at + 1 < n)) {
        ids[at] = ids[other];
        ids[other] = id;
    }
    for (size_t i = 0; i < n; i++)
        if (db_run(db, "UPDATE registration_questions SET position = ? WHERE id = ?", "ii", (int64_t)i + 1, ids[i]))
            return -1;
    return 0;
}

/*
 * POST /events/{slug}/registration/questions/{id}/move : moves it.
 *   direction   "up" or "down"
 */
void page_registration_question_move(struct request *req)
{
    struct event_ref ev;
    int64_t id = route_question(req, &ev);
    if (!id)
        return;
    const char *direction = form_text(req, "direction");
    if (strcmp(direction, "up") != 0 && strcmp(direction, "down") != 0) {
        page_error(req, 400);
        return;
    }
    struct db *db = db_get();
    int rc = db_begin(db) ? -1 : move_question(db, ev.id, id, strcmp(direction, "up") == 0);
    commit_change(req, &ev, rc, "registration_question_move", id);
}
