/* The live rooms' answered questions and closed polls on the event record. */
#include "records/record_room.h"

#include "i18n/i18n.h"

/* The answered questions of room_id, most voted first. NULL on an error. */
static json_t *answered(struct request *req, struct db *db, int64_t room_id)
{
    struct db_stmt *st = db_prepare(db, "SELECT body, lang, votes FROM room_questions WHERE room_id = ? AND "
                                        "status = 'answered' ORDER BY votes DESC, id");
    if (!st)
        return NULL;
    db_bind_int(st, 1, room_id);
    json_t *list = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t v = db_col_int(st, 2);
        const char *label = arena_printf(req->arena, ngettext("%lld vote", "%lld votes", (unsigned long)v), (long long)v);
        json_array_append_new(list, json_pack("{s:s, s:s, s:I, s:s}", "body", db_col_text(st, 0), "lang",
                                              db_col_text(st, 1), "votes", (json_int_t)v, "votes_label", label));
    }
    db_reset(st);
    if (rc == DB_ERROR) {
        json_decref(list);
        return NULL;
    }
    return list;
}

/* The options of poll_id with their share of voters. 0 or -1. */
static int poll_options(struct request *req, struct db *db, int64_t poll_id, int64_t voters, json_t *options)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT label, votes FROM room_poll_options WHERE poll_id = ? ORDER BY position, id");
    if (!st)
        return -1;
    db_bind_int(st, 1, poll_id);
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t v = db_col_int(st, 1);
        long long pct = voters > 0 ? (long long)((v * 100 + voters / 2) / voters) : 0;
        const char *label = arena_printf(
            req->arena, ngettext("%lld vote (%lld%%)", "%lld votes (%lld%%)", (unsigned long)v), (long long)v, pct);
        json_array_append_new(options, json_pack("{s:s, s:I, s:I, s:s}", "label", db_col_text(st, 0), "votes",
                                                 (json_int_t)v, "percent", (json_int_t)pct, "result_label", label));
    }
    db_reset(st);
    return rc == DB_DONE ? 0 : -1;
}

/* The closed polls of room_id with their results, oldest first. NULL on an error. */
static json_t *closed_polls(struct request *req, struct db *db, int64_t room_id)
{
    struct db_stmt *st = db_prepare(db, "SELECT id, question, voters FROM room_polls WHERE room_id = ? AND "
                                        "status = 'closed' ORDER BY id");
    if (!st)
        return NULL;
    db_bind_int(st, 1, room_id);
    /* The polls first, then each one's options. */
    json_t *list = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t voters = db_col_int(st, 2);
        const char *label =
            arena_printf(req->arena, ngettext("%lld person voted", "%lld people voted", (unsigned long)voters),
                         (long long)voters);
        json_array_append_new(list, json_pack("{s:I, s:s, s:I, s:s, s:[]}", "id", (json_int_t)db_col_int(st, 0),
                                              "question", db_col_text(st, 1), "voters", (json_int_t)voters,
                                              "voters_label", label, "options"));
    }
    db_reset(st);
    size_t i;
    json_t *p;
    json_array_foreach (list, i, p)
        if (rc == DB_DONE && poll_options(req, db, json_integer_value(json_object_get(p, "id")),
                                          json_integer_value(json_object_get(p, "voters")),
                                          json_object_get(p, "options")))
            rc = DB_ERROR;
    if (rc != DB_DONE) {
        json_decref(list);
        return NULL;
    }
    return list;
}

json_t *record_rooms(struct request *req, struct db *db, json_t *sessions)
{
    json_t *out = json_array();
    size_t i;
    json_t *s;
    json_array_foreach (sessions, i, s) {
        int64_t id = json_integer_value(json_object_get(s, "id"));
        json_t *questions = answered(req, db, id);
        json_t *polls = questions ? closed_polls(req, db, id) : NULL;
        if (!polls) {
            json_decref(questions);
            json_decref(out);
            return NULL;
        }
        if (json_array_size(questions) || json_array_size(polls))
            json_array_append_new(out, json_pack("{s:I, s:O?, s:b, s:o, s:o}", "session_id", (json_int_t)id, "title",
                                                 json_object_get(s, "title"), "any_questions",
                                                 json_array_size(questions) > 0, "questions", questions, "polls",
                                                 polls));
        else {
            json_decref(questions);
            json_decref(polls);
        }
    }
    return out;
}
