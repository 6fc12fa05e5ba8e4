/* The live rooms' answered questions and closed polls on the event record. */
#include "records/record_room.h"

#include <stdio.h>

#include "i18n/i18n.h"

/* "7 votes", "4 people voted"...: n written with format, the plural form
 * ngettext chose for it. */
static json_t *count_label(const char *format, int64_t n)
{
    char text[96];
    snprintf(text, sizeof text, format, (long long)n);
    return json_string(text);
}

/* An answered question: its text, its language and its votes. */
static json_t *question_row(struct db_stmt *st, int64_t arg)
{
    (void)arg;
    int64_t v = db_col_int(st, 2);
    return json_pack("{s:s, s:s, s:I, s:o}", "body", db_col_text(st, 0), "lang", db_col_text(st, 1), "votes",
                     (json_int_t)v, "votes_label", count_label(ngettext("%lld vote", "%lld votes", (unsigned long)v), v));
}

/* A closed poll, its options still to add. */
static json_t *poll_row(struct db_stmt *st, int64_t arg)
{
    (void)arg;
    int64_t voters = db_col_int(st, 2);
    return json_pack("{s:I, s:s, s:I, s:o, s:[]}", "id", (json_int_t)db_col_int(st, 0), "question",
                     db_col_text(st, 1), "voters", (json_int_t)voters, "voters_label",
                     count_label(ngettext("%lld person voted", "%lld people voted", (unsigned long)voters), voters), "options");
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
    json_t *list = db_rows_json(db,
                                "SELECT id, question, voters FROM room_polls WHERE room_id = ?1 AND status = 'closed' "
                                "ORDER BY id",
                                room_id, poll_row, 0);
    size_t i;
    json_t *p;
    json_array_foreach (list, i, p)
        if (poll_options(req, db, json_integer_value(json_object_get(p, "id")),
                         json_integer_value(json_object_get(p, "voters")), json_object_get(p, "options"))) {
            json_decref(list);
            return NULL;
        }
    return list;
}

/* The ids of the sessions of event_id whose room kept something (an answered question or a
 * closed poll), as a JSON object used as a set ({"12": true}): one query for the event instead
 * of two per session. NULL on a database error. */
static json_t *rooms_with_record(struct db *db, int64_t event_id)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT s.id FROM sessions s WHERE s.event_id = ?1 AND ("
                       "EXISTS (SELECT 1 FROM room_questions q WHERE q.room_id = s.id AND q.status = 'answered') OR "
                       "EXISTS (SELECT 1 FROM room_polls p WHERE p.room_id = s.id AND p.status = 'closed'))");
    if (!st)
        return NULL;
    db_bind_int(st, 1, event_id);
    json_t *set = json_object();
    enum db_step rc;
    char key[24];
    while ((rc = db_step(st)) == DB_ROW) {
        snprintf(key, sizeof key, "%lld", (long long)db_col_int(st, 0));
        json_object_set_new(set, key, json_true());
    }
    db_reset(st);
    if (rc != DB_DONE) {
        json_decref(set);
        return NULL;
    }
    return set;
}

json_t *record_rooms(struct request *req, struct db *db, int64_t event_id, json_t *sessions)
{
    json_t *kept = rooms_with_record(db, event_id);
    if (!kept)
        return NULL;
    json_t *out = json_array();
    size_t i;
    json_t *s;
    json_array_foreach (sessions, i, s) {
        int64_t id = json_integer_value(json_object_get(s, "id"));
        char key[24];
        snprintf(key, sizeof key, "%lld", (long long)id);
        if (!json_object_get(kept, key))
            continue;
        json_t *questions = db_rows_json(db,
                                         "SELECT body, lang, votes FROM room_questions WHERE room_id = ?1 AND "
                                         "status = 'answered' ORDER BY votes DESC, id",
                                         id, question_row, 0);
        json_t *polls = questions ? closed_polls(req, db, id) : NULL;
        if (!polls) {
            json_decref(questions);
            json_decref(out);
            json_decref(kept);
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
    json_decref(kept);
    return out;
}
