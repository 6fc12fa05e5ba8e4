/* Replaying stored room events after a Last-Event-ID. */
#include "live/live_replay.h"

#include "live/live_frame.h"

/* A stored frame's audience as it would be decided today. A frame for
 * everyone about an object (data's "id") that is no longer public goes to
 * fewer people (a question's vote count follows the question); the
 * object's row is looked up only for the types that name one, and a frame
 * whose object is not found keeps its audience. */
static const char events_sql[] =
    "SELECT e.id, CASE WHEN e.audience <> 0 THEN e.audience "
    "WHEN q.status IN ('pending', 'hidden') THEN 2 "
    "WHEN c.hidden = 1 OR p.status = 'draft' OR (p.show_results = 0 AND e.results) THEN 1 ELSE 0 END, "
    "CASE WHEN e.audience <> 0 THEN COALESCE(e.user_id, 0) "
    "WHEN q.status IN ('pending', 'hidden') THEN COALESCE(q.user_id, 0) ELSE 0 END, e.type, e.data "
    "FROM (SELECT *, CASE WHEN audience = 0 AND type IN ('question', 'votes', 'chat', 'poll') AND json_valid(data) "
    "THEN json_extract(data, '$.id') END AS ref, "
    "CASE WHEN type = 'poll' AND json_valid(data) THEN json_extract(data, '$.show_results') END AS results "
    "FROM room_events WHERE room_id = ?1 AND id > ?2 AND id <= ?3 ORDER BY id LIMIT ?4) e "
    "LEFT JOIN room_questions q ON e.type IN ('question', 'votes') AND q.id = e.ref AND q.room_id = e.room_id "
    "LEFT JOIN room_chat c ON e.type = 'chat' AND c.id = e.ref AND c.room_id = e.room_id "
    "LEFT JOIN room_polls p ON e.type = 'poll' AND p.id = e.ref AND p.room_id = e.room_id ORDER BY e.id";

struct db_stmt *live_events_query(struct db *db, int64_t room_id, int64_t after, int64_t upto, int64_t limit)
{
    struct db_stmt *st = db_prepare(db, events_sql);
    if (!st)
        return NULL;
    if (db_bind_int(st, 1, room_id) || db_bind_int(st, 2, after) || db_bind_int(st, 3, upto) ||
        db_bind_int(st, 4, limit)) {
        db_reset(st);
        return NULL;
    }
    return st;
}

int live_replay_fetch(struct db *db, int64_t room_id, const struct live_viewer *v, int64_t *after, int64_t upto,
                      struct buf *out)
{
    struct db_stmt *st = live_events_query(db, room_id, *after, upto, LIVE_REPLAY_BATCH);
    if (!st)
        return -1;
    int rows = 0;
    enum db_step step;
    while ((step = db_step(st)) == DB_ROW) {
        rows++;
        *after = db_col_int(st, 0);
        if (live_may_see(v, (enum live_audience)db_col_int(st, 1), db_col_int(st, 2)))
            live_frame_format(out, *after, db_col_text(st, 3), db_col_text(st, 4));
    }
    db_reset(st);
    return step == DB_ERROR ? -1 : rows;
}

int64_t live_replay_last_id(struct db *db, int64_t room_id)
{
    int64_t id = 0;
    if (db_one_int(db, "SELECT MAX(id) FROM room_events WHERE room_id = ?", &id, "i", room_id) != 1)
        return 0;
    return id;
}
