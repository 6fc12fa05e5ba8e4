/* The event's record on its page: outcome summary, recordings, documents,
 * graphic summary, the statistics link, and the proposals' anchors. */
#include "records/record_view.h"

#include <string.h>

#include "db/db.h"
#include "records/record_common.h"

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

/* Each proposal's stable anchor and address, for links from elsewhere. */
static void anchor_proposals(struct request *req, json_t *event)
{
    const char *url = json_string_value(json_object_get(event, "url"));
    size_t i;
    json_t *p;
    json_array_foreach (json_object_get(event, "proposals"), i, p) {
        long long id = (long long)json_integer_value(json_object_get(p, "id"));
        json_object_set_new(p, "anchor", json_string(arena_printf(req->arena, "proposal-%lld", id)));
        json_object_set_new(p, "url", json_string(arena_printf(req->arena, "%s#proposal-%lld", url, id)));
    }
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
    json_object_set_new(record, "any", json_boolean(any));
    anchor_proposals(req, event);
    json_object_set_new(event, "record", record);
    return true;
}
