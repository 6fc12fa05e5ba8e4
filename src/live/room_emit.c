/* What a room's changes send live (room_events, through live.h), and the
 * JSON shapes those events share with the page: a question as its asker,
 * the moderators or everyone may see it, the moderation log's counts, a
 * poll with or without its results. */
#include <string.h>
#include <time.h>

#include "i18n/i18n.h"
#include "live/live.h"
#include "live/room.h"
#include "live/room_rules.h"

static const char question_sql[] =
    "SELECT q.user_id, q.body, q.lang, q.anonymous, q.status, q.hide_reason, q.merged_into, q.votes, "
    "q.created_at, COALESCE(u.name, '') FROM room_questions q LEFT JOIN users u ON u.id = q.user_id "
    "WHERE q.id = ? AND q.room_id = ?";

int room_emit_question(struct db *db, const struct room *r, int64_t qid)
{
    struct db_stmt *st = db_prepare(db, question_sql);
    if (!st || db_bind_int(st, 1, qid) || db_bind_int(st, 2, r->id) || db_step(st) != DB_ROW) {
        if (st)
            db_reset(st);
        return -1;
    }
    int64_t asker = db_col_int(st, 0);
    const char *status = db_col_text(st, 4);
    bool anonymous = db_col_int(st, 3) != 0;
    json_t *full =
        json_pack("{s:I, s:s, s:s, s:s, s:b, s:s, s:I, s:I, s:s?, s:I}", "id", (json_int_t)qid, "body",
                  db_col_text(st, 1), "lang", db_col_text(st, 2), "author", db_col_text(st, 9), "anonymous", anonymous,
                  "status", status, "votes", (json_int_t)db_col_int(st, 7), "created_at", (json_int_t)db_col_int(st, 8),
                  "reason", db_col_text(st, 5), "merged_into", (json_int_t)db_col_int(st, 6));
    db_reset(st);
    int rc = 0;
    const char *s = json_string_value(json_object_get(full, "status"));
    if (strcmp(s, "pending") == 0) {
        rc = live_record(db, r->id, LIVE_USER, asker, "question", full) < 0;
    } else if (strcmp(s, "hidden") == 0) {
        json_t *gone = json_pack("{s:I, s:O}", "id", (json_int_t)qid, "reason", json_object_get(full, "reason"));
        rc = live_record(db, r->id, LIVE_ALL, 0, "question_removed", gone) < 0 ||
             live_record(db, r->id, LIVE_USER, asker, "question", full) < 0;
        json_decref(gone);
    } else {
        json_t *pub = json_deep_copy(full);
        if (anonymous)
            json_object_set_new(pub, "author", json_null());
        rc = live_record(db, r->id, LIVE_ALL, 0, "question", pub) < 0;
        json_decref(pub);
    }
    json_decref(full);
    return rc ? -1 : 0;
}

/* The label of a moderation log line (translated). */
static const char *log_label(const char *action, const char *reason, struct arena *a)
{
    if (strcmp(action, "hide") == 0) {
        const char *why = room_hide_reason_label(reason);
        /* TRANSLATORS: a line of a live room's public moderation log; %s is the reason. */
        return arena_printf(a, _("Questions hidden: %s"), why ? why : "");
    }
    if (strcmp(action, "merge") == 0)
        return _("Duplicate questions merged into another");
    return _("Chat messages hidden");
}

static json_t *log_row(struct db_stmt *st, int64_t arg)
{
    (void)arg;
    return json_pack("{s:s, s:s, s:I}", "action", db_col_text(st, 0), "reason", db_col_text(st, 1), "count",
                     (json_int_t)db_col_int(st, 2));
}

static json_t *log_rows(struct db *db, int64_t room_id)
{
    return db_rows_json(db,
                        "SELECT action, COALESCE(reason, ''), COUNT(*) FROM room_moderation WHERE room_id = ?1 "
                        "AND action IN ('hide', 'merge', 'hide_message') GROUP BY action, reason "
                        "ORDER BY action, reason",
                        room_id, log_row, 0);
}

json_t *room_log_counts(struct db *db, int64_t room_id)
{
    json_t *rows = log_rows(db, room_id);
    struct arena *a = arena_create();
    size_t i;
    json_t *row;
    json_array_foreach (rows, i, row) {
        const char *label = log_label(json_string_value(json_object_get(row, "action")),
                                      json_string_value(json_object_get(row, "reason")), a);
        json_object_set_new(row, "label", json_string(label));
    }
    arena_destroy(a);
    return rows;
}

int room_log(struct request *req, struct db *db, const struct room *r, const char *action, const char *reason,
             int64_t question_id, int64_t message_id)
{
    if (db_run(db,
               "INSERT INTO room_moderation (room_id, actor_id, action, reason, question_id, message_id, created_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)",
               "inttnni", r->id, req->caller.user_id, action, reason, question_id, message_id, (int64_t)time(NULL)))
        return -1;
    json_t *rows = log_rows(db, r->id);
    if (!rows)
        return -1;
    json_t *data = json_pack("{s:o}", "entries", rows);
    int rc = live_record(db, r->id, LIVE_ALL, 0, "log", data) < 0 ? -1 : 0;
    json_decref(data);
    return rc;
}

static json_t *option_row(struct db_stmt *st, int64_t with_results)
{
    json_t *o = json_pack("{s:I, s:s}", "id", (json_int_t)db_col_int(st, 0), "label", db_col_text(st, 1));
    if (with_results)
        json_object_set_new(o, "votes", json_integer(db_col_int(st, 2)));
    return o;
}

json_t *room_poll_json(struct db *db, int64_t pid, bool with_results)
{
    struct db_stmt *st = db_prepare(db, "SELECT question, multiple, status, show_results, voters FROM room_polls "
                                        "WHERE id = ?");
    if (!st || db_bind_int(st, 1, pid) || db_step(st) != DB_ROW) {
        if (st)
            db_reset(st);
        return NULL;
    }
    bool shown = db_col_int(st, 3) != 0;
    int64_t voters = db_col_int(st, 4);
    json_t *poll = json_pack("{s:I, s:s, s:b, s:s, s:b, s:I}", "id", (json_int_t)pid, "question", db_col_text(st, 0),
                             "multiple", db_col_int(st, 1) != 0, "status", db_col_text(st, 2), "show_results", shown,
                             "voters", (json_int_t)voters);
    db_reset(st);
    json_t *options = db_rows_json(db,
                                   "SELECT id, label, votes FROM room_poll_options WHERE poll_id = ?1 "
                                   "ORDER BY position",
                                   pid, option_row, with_results);
    if (!options) {
        json_decref(poll);
        return NULL;
    }
    size_t i;
    json_t *o;
    json_array_foreach (options, i, o) {
        json_t *votes = json_object_get(o, "votes");
        if (votes)
            json_object_set_new(o, "percent",
                                json_integer(voters ? (json_integer_value(votes) * 100 + voters / 2) / voters : 0));
    }
    json_object_set_new(poll, "options", options);
    return poll;
}

int room_emit_poll(struct db *db, const struct room *r, int64_t pid)
{
    json_t *pub = room_poll_json(db, pid, false);
    json_t *full = room_poll_json(db, pid, true);
    int rc = -1;
    if (!pub || !full)
        goto out;
    bool shown = json_is_true(json_object_get(pub, "show_results"));
    bool draft = strcmp(json_string_value(json_object_get(pub, "status")), "draft") == 0;
    if (!draft && live_record(db, r->id, LIVE_ALL, 0, "poll", shown ? full : pub) < 0)
        goto out;
    if ((draft || !shown) && live_record(db, r->id, LIVE_MODERATORS, 0, "poll", full) < 0)
        goto out;
    rc = 0;
out:
    json_decref(pub);
    json_decref(full);
    return rc;
}
