/* The record editor page: its view object, built from the database and,
 * for the form just posted, from what was sent. */
#include "records/record_form.h"

#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "http/router.h"
#include "records/record_common.h"
#include "view/form.h"
#include "view/markdown.h"
#include "view/page.h"

/* The posted value of key when form is the one posted, else fallback. */
static const char *value_of(struct request *req, const struct record_post *post, enum record_form form, int64_t id,
                            const char *key, const char *fallback)
{
    if (post && post->form == form && post->id == id) {
        const char *v = request_form(req, key);
        return v ? v : "";
    }
    return fallback ? fallback : "";
}

/* The reason for key when form is the one posted, or NULL. */
static const char *reason(const struct record_post *post, enum record_form form, int64_t id, const char *key)
{
    if (!post || post->form != form || post->id != id || !post->errors)
        return NULL;
    return json_string_value(json_object_get(post->errors, key));
}

/* Sets key to message, or to null: a missing key would let the template
 * find the page's own "error" further up. */
static void set_reason(json_t *obj, const char *key, const char *message)
{
    json_object_set_new(obj, key, message ? json_string(message) : json_null());
}

/* Outcome summaries exist in the languages the event has texts in. */
static json_t *outcome_view(struct request *req, struct db *db, const struct event_ref *ev,
                            const struct record_post *post)
{
    const char *order[RECORD_NLANGS];
    int n = record_lang_order(ev->default_lang, order);
    json_t *langs = json_array();
    for (int i = 0; i < n; i++) {
        struct db_stmt *st = db_prepare(db, "SELECT outcome FROM event_texts WHERE event_id = ? AND lang = ?");
        if (!st)
            goto fail;
        db_bind_int(st, 1, ev->id);
        db_bind_text(st, 2, order[i]);
        enum db_step rc = db_step(st);
        const char *stored = rc == DB_ROW ? arena_strdup(req->arena, db_col_text(st, 0)) : NULL;
        db_reset(st);
        if (rc == DB_ERROR)
            goto fail;
        if (rc == DB_DONE)
            continue;
        const char *key = arena_printf(req->arena, "outcome_%s", order[i]);
        const char *value = value_of(req, post, RECORD_OUTCOME, 0, key, stored);
        json_t *lang = json_pack("{s:s, s:s, s:s, s:s}", "code", order[i], "name", record_lang_name(order[i]), "field",
                                 key, "value", value);
        set_reason(lang, "error", reason(post, RECORD_OUTCOME, 0, key));
        if (post && post->form == RECORD_OUTCOME && post->preview && *value) {
            char *html = markdown_to_html(value);
            json_object_set_new(lang, "preview_html", json_string(html));
            free(html);
        }
        json_array_append_new(langs, lang);
    }
    struct db_stmt *st = db_prepare(db, "SELECT recording_url FROM events WHERE id = ?");
    if (!st)
        goto fail;
    db_bind_int(st, 1, ev->id);
    const char *url = db_step(st) == DB_ROW ? arena_strdup(req->arena, db_col_text(st, 0)) : "";
    db_reset(st);
    json_t *outcome =
        json_pack("{s:s, s:o, s:b, s:s}", "action", arena_printf(req->arena, "/events/%s/record", ev->slug), "langs",
                  langs, "missing", json_array_size(langs) < RECORD_NLANGS, "recording_url",
                  value_of(req, post, RECORD_OUTCOME, 0, "recording_url", url));
    set_reason(outcome, "recording_error", reason(post, RECORD_OUTCOME, 0, "recording_url"));
    return outcome;
fail:
    json_decref(langs);
    return NULL;
}

/* One language's title and body fields of a proposal form. */
static json_t *proposal_lang(struct request *req, const struct record_post *post, enum record_form form, int64_t id,
                             const char *code, bool required, const char *title, const char *body)
{
    const char *title_key = arena_printf(req->arena, "title_%s", code);
    const char *body_key = arena_printf(req->arena, "body_%s", code);
    json_t *lang = json_pack("{s:s, s:s, s:s, s:s, s:b}", "code", code, "name", record_lang_name(code), "title",
                             value_of(req, post, form, id, title_key, title), "body",
                             value_of(req, post, form, id, body_key, body), "required", required);
    set_reason(lang, "title_error", reason(post, form, id, title_key));
    set_reason(lang, "body_error", reason(post, form, id, body_key));
    return lang;
}

/* The stored texts of proposal id: title and body per language (arena). */
static int proposal_texts(struct request *req, struct db *db, int64_t id, const char *titles[RECORD_NLANGS],
                          const char *bodies[RECORD_NLANGS], const char *order[RECORD_NLANGS])
{
    struct db_stmt *st = db_prepare(db, "SELECT lang, title, body FROM proposal_texts WHERE proposal_id = ?");
    if (!st)
        return -1;
    db_bind_int(st, 1, id);
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW)
        for (int i = 0; i < RECORD_NLANGS; i++)
            if (strcmp(order[i], db_col_text(st, 0)) == 0) {
                titles[i] = arena_strdup(req->arena, db_col_text(st, 1));
                bodies[i] = arena_strdup(req->arena, db_col_text(st, 2));
            }
    db_reset(st);
    return rc == DB_DONE ? 0 : -1;
}

static json_t *id_row(struct db_stmt *st, int64_t arg)
{
    (void)arg;
    return json_integer(db_col_int(st, 0));
}

static json_t *proposals_view(struct request *req, struct db *db, const struct event_ref *ev,
                              const struct record_post *post)
{
    const char *order[RECORD_NLANGS];
    record_lang_order(ev->default_lang, order);
    json_t *list =
        db_rows_json(db, "SELECT id FROM proposals WHERE event_id = ? ORDER BY position, id", ev->id, id_row, 0);
    if (!list)
        return NULL;
    size_t n = json_array_size(list);
    json_t *out = json_array();
    for (size_t i = 0; i < n; i++) {
        int64_t id = json_integer_value(json_array_get(list, i));
        const char *titles[RECORD_NLANGS] = {NULL}, *bodies[RECORD_NLANGS] = {NULL};
        if (proposal_texts(req, db, id, titles, bodies, order)) {
            json_decref(list);
            json_decref(out);
            return NULL;
        }
        json_t *langs = json_array();
        for (int k = 0; k < RECORD_NLANGS; k++)
            json_array_append_new(
                langs, proposal_lang(req, post, RECORD_PROPOSAL_EDIT, id, order[k], k == 0, titles[k], bodies[k]));
        const char *base = arena_printf(req->arena, "/events/%s/proposals/%lld", ev->slug, (long long)id);
        bool editing = post && post->form == RECORD_PROPOSAL_EDIT && post->id == id;
        json_array_append_new(out,
                              json_pack("{s:I, s:s, s:s, s:o, s:b, s:b, s:b, s:s, s:s, s:s}", "id", (json_int_t)id,
                                        "heading", titles[0] ? titles[0] : "", "body", bodies[0] ? bodies[0] : "",
                                        "langs", langs, "open", editing, "first", i == 0, "last", i + 1 == n,
                                        "edit_action", base, "move_action", arena_printf(req->arena, "%s/move", base),
                                        "delete_action", arena_printf(req->arena, "%s/delete", base)));
    }
    json_decref(list);
    return out;
}

static json_t *new_proposal_view(struct request *req, const struct event_ref *ev, const struct record_post *post)
{
    const char *order[RECORD_NLANGS];
    record_lang_order(ev->default_lang, order);
    json_t *langs = json_array();
    for (int k = 0; k < RECORD_NLANGS; k++)
        json_array_append_new(langs, proposal_lang(req, post, RECORD_PROPOSAL_NEW, 0, order[k], k == 0, "", ""));
    return json_pack("{s:s, s:o, s:b}", "action", arena_printf(req->arena, "/events/%s/proposals", ev->slug), "langs",
                     langs, "open", post && post->form == RECORD_PROPOSAL_NEW);
}

static json_t *documents_view(struct request *req, struct db *db, const struct event_ref *ev)
{
    json_t *docs = record_documents(req, db, ev->id);
    size_t i;
    json_t *d;
    json_array_foreach (docs, i, d) {
        const char *base = arena_printf(req->arena, "/events/%s/documents/%lld", ev->slug,
                                        (long long)json_integer_value(json_object_get(d, "id")));
        json_object_set_new(d, "move_action", json_string(arena_printf(req->arena, "%s/move", base)));
        json_object_set_new(d, "delete_action", json_string(arena_printf(req->arena, "%s/delete", base)));
    }
    return docs;
}

/* The event's sessions as options of the attach form, the posted one
 * selected. NULL on a database error. */
static json_t *session_options(struct request *req, struct db *db, const struct event_ref *ev, const char *chosen)
{
    struct db_stmt *st = db_prepare(db, "SELECT s.id, COALESCE(t.title, d.title, '') FROM sessions s "
                                        "JOIN events e ON e.id = s.event_id "
                                        "LEFT JOIN session_texts d ON d.session_id = s.id AND d.lang = e.default_lang "
                                        "LEFT JOIN session_texts t ON t.session_id = s.id AND t.lang = ? "
                                        "WHERE s.event_id = ? ORDER BY s.position, s.id");
    if (!st)
        return NULL;
    db_bind_text(st, 1, i18n_code(req->lang));
    db_bind_int(st, 2, ev->id);
    json_t *list = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *id = arena_printf(req->arena, "%lld", (long long)db_col_int(st, 0));
        json_array_append_new(list, json_pack("{s:s, s:s, s:b}", "id", id, "title", db_col_text(st, 1), "selected",
                                              strcmp(id, chosen) == 0));
    }
    db_reset(st);
    if (rc == DB_ERROR) {
        json_decref(list);
        return NULL;
    }
    return list;
}

static json_t *new_document_view(struct request *req, const struct event_ref *ev, const struct record_post *post)
{
    static const char *const kinds[] = {"recording", "document", "graphic"};
    static const char *const hints[] = {
        N_("A video or audio recording: a link (for example to a video site) or a file (MP4, WebM, MP3, Ogg, "
           "WAV), which plays in the page."),
        N_("Slides, a report, a list of resources: a link or a file."),
        N_("An image that sums up the exchange; its title is read to those who cannot see it."),
    };
    const char *kind = value_of(req, post, RECORD_DOCUMENT_NEW, 0, "kind", "document");
    json_t *kind_list = json_array();
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        json_array_append_new(kind_list,
                              json_pack("{s:s, s:s, s:s, s:b}", "value", kinds[i], "label", record_kind_label(kinds[i]),
                                        "hint", _(hints[i]), "checked", strcmp(kind, kinds[i]) == 0));
    const char *lang = value_of(req, post, RECORD_DOCUMENT_NEW, 0, "lang", "");
    const char *order[RECORD_NLANGS];
    record_lang_order("en", order);
    json_t *langs = json_array();
    for (int k = 0; k < RECORD_NLANGS; k++)
        json_array_append_new(langs, json_pack("{s:s, s:s, s:b}", "code", order[k], "name", record_lang_name(order[k]),
                                               "selected", strcmp(lang, order[k]) == 0));
    json_t *doc = json_pack("{s:s, s:o, s:o, s:s, s:s, s:b}", "action",
                            arena_printf(req->arena, "/events/%s/documents", ev->slug), "kinds", kind_list, "langs",
                            langs, "title", value_of(req, post, RECORD_DOCUMENT_NEW, 0, "title", ""), "url",
                            value_of(req, post, RECORD_DOCUMENT_NEW, 0, "url", ""), "any_lang", !*lang);
    struct db *db = db_get();
    json_t *sessions = db ? session_options(req, db, ev, value_of(req, post, RECORD_DOCUMENT_NEW, 0, "session", ""))
                          : NULL;
    json_object_set_new(doc, "any_sessions", json_boolean(json_array_size(sessions) > 0));
    json_object_set_new(doc, "sessions", sessions ? sessions : json_array());
    static const char *const fields[] = {"kind", "title", "lang", "url", "file", "session", "captions"};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        set_reason(doc, arena_printf(req->arena, "%s_error", fields[i]),
                   reason(post, RECORD_DOCUMENT_NEW, 0, fields[i]));
    return doc;
}

void record_render(struct request *req, const struct event_ref *ev, const struct record_post *post)
{
    struct db *db = db_get();
    const char *title = db ? event_title(req, db, ev->id) : NULL;
    json_t *outcome = title ? outcome_view(req, db, ev, post) : NULL;
    json_t *proposals = outcome ? proposals_view(req, db, ev, post) : NULL;
    json_t *documents = proposals ? documents_view(req, db, ev) : NULL;
    if (!documents) {
        json_decref(outcome);
        json_decref(proposals);
        page_error(req, 500);
        return;
    }
    json_t *page = form_page(req, _("The event's record"), NULL, 0);
    if (post && (post->summary || (post->errors && json_object_size(post->errors))))
        form_error(page, NULL, post->summary ? post->summary : _("Please correct the marked fields."));
    const char *notice = request_query(req, "done");
    if (notice && !post && strcmp(notice, "1") == 0)
        json_object_set_new(page, "notice", json_string(_("Saved.")));
    const char *url = arena_printf(req->arena, "/events/%s", ev->slug);
    json_object_set_new(page, "event",
                        json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "title", title, "slug", ev->slug, "url", url,
                                  "stats_url", arena_printf(req->arena, "%s/stats", url), "csv_url",
                                  arena_printf(req->arena, "%s/registrations.csv", url), "xlsx_url",
                                  arena_printf(req->arena, "%s/registrations.xlsx", url)));
    json_object_set_new(page, "outcome", outcome);
    json_object_set_new(page, "proposals", proposals);
    json_object_set_new(page, "new_proposal", new_proposal_view(req, ev, post));
    json_object_set_new(page, "documents", documents);
    json_object_set_new(page, "new_document", new_document_view(req, ev, post));
    form_render(req, "record", page);
}

enum record_form record_form_of_route(const struct request *req)
{
    const char *p = req->route ? req->route->pattern : "";
    if (strcmp(p, "/events/{slug}/record") == 0)
        return RECORD_OUTCOME;
    if (strcmp(p, "/events/{slug}/proposals") == 0)
        return RECORD_PROPOSAL_NEW;
    if (strcmp(p, "/events/{slug}/proposals/{id}") == 0)
        return RECORD_PROPOSAL_EDIT;
    if (strcmp(p, "/events/{slug}/documents") == 0)
        return RECORD_DOCUMENT_NEW;
    return RECORD_NONE;
}
