/* Recording room events for the live stream, inside the writer's transaction. */
#include <stdlib.h>
#include <time.h>

#include "core/json_arena.h"
#include "live/live.h"
#include "live/live_replay.h"

int64_t live_record(struct db *db, int64_t room_id, enum live_audience audience, int64_t user_id, const char *type,
                    json_t *data)
{
    char *text = data ? json_dumps(data, JSON_COMPACT) : NULL;
    int64_t id = -1;
    if (text && db_one_int(db,
                           "INSERT INTO room_events (room_id, audience, user_id, type, data, created_at) "
                           "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                           &id, "iintti", room_id, (int64_t)audience, user_id, type, text, (int64_t)time(NULL)) != 1)
        id = -1;
    json_arena_free_text(text);
    return id;
}

int64_t live_last_id(struct db *db, int64_t room_id)
{
    return live_replay_last_id(db, room_id);
}
