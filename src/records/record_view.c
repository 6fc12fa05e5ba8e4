/* The event's record on its page: outcome summary, recordings, documents,
 * graphic summary, the statistics link, what the live rooms left (answered
 * questions, closed polls), and the proposals with their anchors. */
#include "records/record_view.h"

#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "records/record_common.h"
#include "records/record_room.h"

/* The outcome in the request's language, else the event's own (marked). */
static bool add_outcome(struct request *req, struct db *db, int64_t event_id, json_t *record)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT t.outcome_html, d.outcome_html, e.default_lang, e.stats_public "
                       "FROM events e JOIN event_texts d ON d.event_id = e.id AND d.lang = e.default_lang "
                       "LEFT JOIN event_texts t ON t.event_id = e.id AND t.lang = ? WHERE e.id = ?");
    if (!st)
        return false;
    db_bind_text(st, 1, i18n_code(req->lang));
    db_bind_int(st, 2, event_id);
    enum db_step rc = db_step(st);
    if (rc == DB_ROW) {
        const char *own = db_col_text(st, 0);
        bool fallback = !own || !*own;
        const char *html = fallback ? db_col_text(st, 1) : own;
        json_object_set_new(record, "outcome_html", json_string(html ? html : ""));
        json_object_set_new(
            record, "fallback",
            json_boolean(fallback && html && *html && strcmp(db_col_text(st, 2), i18n_code(req->lang)) != 0));
        json_object_set_new(record, "text_lang", json_string(db_col_text(st, 2)));
        json_object_set_new(record, "stats_public", json_boolean(db_col_int(st, 3)));
    }
    db_reset(st);
    return rc == DB_ROW;
}

/* Splits the documents by kind into the record's three lists. */
static void add_documents(json_t *record, json_t *docs)
{
    static const char *const kinds[][2] = {
        {"recording", "recordings"}, {"document", "documents"}, {"graphic", "graphics"}};
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        json_t *list = json_array();
        size_t i;
        json_t *d;
        json_array_foreach (docs, i, d)
            if (strcmp(json_string_value(json_object_get(d, "kind")), kinds[k][0]) == 0)
                json_array_append(list, d);
        json_object_set_new(record, kinds[k][1], list);
    }
}

/* "Only in Spanish": the note beside a text shown in lang because the
 * reader's language has none. */
static const char *only_in(const char *lang)
{
    if (strcmp(lang, "en") == 0)
        return _("Only in English");
    if (strcmp(lang, "fr") == 0)
        return _("Only in French");
    return _("Only in Spanish");
}

/* Sets p's key (and key_lang and key_note when it is not in the reader's
 * language) to text written in lang, unless a better one is there: the
 * reader's language first, then the event's own, then any. */
static void proposal_text(json_t *p, const char *key, const char *text, const char *lang, const char *reader,
                          const char *own)
{
    if (!*text)
        return;
    char lang_key[32], rank_key[32], note_key[32];
    snprintf(lang_key, sizeof lang_key, "%s_lang", key);
    snprintf(rank_key, sizeof rank_key, "%s_rank", key);
    snprintf(note_key, sizeof note_key, "%s_note", key);
    int rank = strcmp(lang, reader) == 0 ? 3 : strcmp(lang, own) == 0 ? 2 : 1;
    if (rank <= json_integer_value(json_object_get(p, rank_key)))
        return;
    json_object_set_new(p, rank_key, json_integer(rank));
    json_object_set_new(p, key, json_string(text));
    json_object_set_new(p, lang_key, rank == 3 ? json_null() : json_string(lang));
    json_object_set_new(p, note_key, rank == 3 ? json_null() : json_string(only_in(lang)));
}

/* The event's proposals, each title and text in the reader's language, else
 * in the event's own, else in the one it was written in, marked with its
 * language ("title_lang", "title_note", "body_lang", "body_note"), with its
 * stable anchor and address for links from elsewhere. Replaces the event's
 * "proposals". False on a database error. */
static bool add_proposals(struct request *req, struct db *db, int64_t event_id, json_t *event)
{
    struct db_stmt *st = db_prepare(db, "SELECT p.id, t.lang, t.title, t.body, e.default_lang FROM proposals p "
                                        "JOIN events e ON e.id = p.event_id "
                                        "JOIN proposal_texts t ON t.proposal_id = p.id "
                                        "WHERE p.event_id = ? ORDER BY p.position, p.id");
    if (!st)
        return false;
    db_bind_int(st, 1, event_id);
    const char *url = json_string_value(json_object_get(event, "url"));
    const char *reader = i18n_code(req->lang);
    json_t *list = json_array(), *p = NULL;
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        long long id = (long long)db_col_int(st, 0);
        if (!p || json_integer_value(json_object_get(p, "id")) != id) {
            p = json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)id, "title", "", "body", "", "anchor",
                          arena_printf(req->arena, "proposal-%lld", id), "url",
                          arena_printf(req->arena, "%s#proposal-%lld", url ? url : "", id));
            json_array_append_new(list, p);
        }
        const char *lang = db_col_text(st, 1), *own = db_col_text(st, 4);
        proposal_text(p, "title", db_col_text(st, 2), lang, reader, own);
        proposal_text(p, "body", db_col_text(st, 3), lang, reader, own);
    }
    db_reset(st);
    size_t i;
    json_array_foreach (list, i, p) {
        json_object_del(p, "title_rank");
        json_object_del(p, "body_rank");
    }
    if (rc == DB_ERROR) {
        json_decref(list);
        return false;
    }
    json_object_set_new(event, "proposals", list);
    return true;
}

bool record_view_add(struct request *req, int64_t event_id, json_t *event)
{
    struct db *db = db_get();
    json_t *record = json_object();
    json_t *docs = db ? record_documents(req, db, event_id) : NULL;
    if (!docs || !add_outcome(req, db, event_id, record)) {
        json_decref(docs);
        json_decref(record);
        return false;
    }
    add_documents(record, docs);
    json_decref(docs);
    const char *url = json_string_value(json_object_get(event, "url"));
    bool manage = json_is_true(json_object_get(event, "can_manage"));
    bool stats = manage || json_is_true(json_object_get(record, "stats_public"));
    json_object_set_new(record, "stats_url",
                        stats ? json_string(arena_printf(req->arena, "%s/stats", url)) : json_null());
    json_object_set_new(record, "edit_url",
                        manage ? json_string(arena_printf(req->arena, "%s/record", url)) : json_null());
    bool any = *json_string_value(json_object_get(record, "outcome_html")) ||
               json_array_size(json_object_get(record, "recordings")) ||
               json_array_size(json_object_get(record, "documents")) ||
               json_array_size(json_object_get(record, "graphics")) || stats;
    json_t *rooms = record_rooms(req, db, event_id, json_object_get(event, "sessions"));
    json_object_set_new(record, "any_rooms", json_boolean(json_array_size(rooms) > 0));
    json_object_set_new(record, "rooms", rooms ? rooms : json_array());
    json_object_set_new(record, "any", json_boolean(any || json_array_size(rooms)));
    json_object_set_new(event, "record", record);
    return rooms && add_proposals(req, db, event_id, event);
}
