/* Replaying stored room events after a Last-Event-ID. */
#include "live/live_replay.h"

#include "live/live_frame.h"

int live_replay_fetch(struct db *db, int64_t room_id, const struct live_viewer *v, int64_t *after, int64_t upto,
                      struct buf *out)
{
    struct db_stmt *st = db_prepare(db, "SELECT id, audience, COALESCE(user_id, 0), type, data FROM room_events "
                                        "WHERE room_id = ? AND id > ? AND id <= ? ORDER BY id LIMIT ?");
    if (!st)
        return -1;
    db_bind_int(st, 1, room_id);
    db_bind_int(st, 2, *after);
    db_bind_int(st, 3, upto);
    db_bind_int(st, 4, LIVE_REPLAY_BATCH);
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
