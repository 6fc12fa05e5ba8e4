/* PLACEHOLDER until the room area lands: rooms of visible, non-draft events
 * may be watched by anyone; nobody moderates. */
#include "live/room_access.h"

#include "db/db.h"

int room_viewer(struct request *req, int64_t room_id, struct live_viewer *v)
{
    *v = (struct live_viewer){.user_id = req->caller.user_id, .moderator = false};
    struct db *db = db_get();
    if (!db)
        return -1;
    return db_one_int(db,
                      "SELECT 1 FROM sessions s JOIN events e ON e.id = s.event_id "
                      "WHERE s.id = ? AND e.status <> 'draft'",
                      NULL, "i", room_id);
}
