/* Who may watch and moderate a room: a room exists for every session; a
 * draft event's rooms exist only for those who manage the event. The
 * moderators are the session's moderators (members named with role
 * 'moderator'), the event's organisers and admins. */
#include "live/room_access.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/db.h"
#include "events/event_access.h"
#include "http/router.h"
#include "live/room.h"
#include "view/page.h"

static const char room_sql[] =
    "SELECT s.event_id, e.slug, e.status, e.tz, e.default_lang, COALESCE(r.premoderation, 1), "
    "COALESCE(r.chat_enabled, 1), COALESCE(r.opens_at, 0), COALESCE(r.closed_at, 0), COALESCE(r.pinned_id, 0) "
    "FROM sessions s JOIN events e ON e.id = s.event_id LEFT JOIN rooms r ON r.session_id = s.id WHERE s.id = ?";

int room_load(struct request *req, int64_t id, struct room *r)
{
    struct db *db = db_get();
    if (!db)
        return -1;
    struct db_stmt *st = db_prepare(db, room_sql);
    if (!st || db_bind_int(st, 1, id)) {
        if (st)
            db_reset(st);
        return -1;
    }
    enum db_step step = db_step(st);
    if (step != DB_ROW) {
        db_reset(st);
        return step == DB_DONE ? 0 : -1;
    }
    *r = (struct room){
        .id = id,
        .event_id = db_col_int(st, 0),
        .event_slug = arena_strdup(req->arena, db_col_text(st, 1)),
        .event_status = arena_strdup(req->arena, db_col_text(st, 2)),
        .tz = arena_strdup(req->arena, db_col_text(st, 3)),
        .default_lang = arena_strdup(req->arena, db_col_text(st, 4)),
        .premoderation = db_col_int(st, 5) != 0,
        .chat_enabled = db_col_int(st, 6) != 0,
        .opens_at = db_col_int(st, 7),
        .closed_at = db_col_int(st, 8),
        .pinned_id = db_col_int(st, 9),
    };
    db_reset(st);
    int64_t now = (int64_t)time(NULL);
    r->state = r->closed_at ? ROOM_CLOSED : r->opens_at > now ? ROOM_NOT_YET : ROOM_OPEN;
    r->manages_event = req->caller.user_id && event_can_manage(&req->caller, r->event_id);
    if (strcmp(r->event_status, "draft") == 0 && !r->manages_event)
        return 0;
    r->viewer = (struct live_viewer){.user_id = req->caller.user_id, .moderator = r->manages_event};
    if (req->caller.user_id && !r->manages_event) {
        int found = db_one_int(db,
                               "SELECT 1 FROM session_people WHERE session_id = ? AND user_id = ? AND role = "
                               "'moderator'",
                               NULL, "ii", id, req->caller.user_id);
        if (found < 0)
            return -1;
        r->viewer.moderator = found == 1;
    }
    return 1;
}

int room_viewer(struct request *req, int64_t room_id, struct live_viewer *v)
{
    struct room r;
    int rc = room_load(req, room_id, &r);
    if (rc == 1)
        *v = r.viewer;
    return rc;
}

int64_t room_param_id(struct request *req, const char *name)
{
    const char *s = request_param(req, name);
    char *end;
    long long v = s && *s >= '1' && *s <= '9' ? strtoll(s, &end, 10) : 0;
    return v > 0 && *end == '\0' ? (int64_t)v : 0;
}

bool room_require(struct request *req, struct room *r, bool moderate)
{
    int64_t id = room_param_id(req, "id");
    int rc = id ? room_load(req, id, r) : 0;
    if (rc != 1) {
        page_error(req, rc == 0 ? 404 : 500);
        return false;
    }
    if (moderate && !r->viewer.moderator) {
        page_error(req, 403);
        return false;
    }
    return true;
}

unsigned room_require_open(const struct room *r, const char **message)
{
    if (r->state == ROOM_OPEN)
        return 0;
    *message = r->state == ROOM_CLOSED ? _("This room is closed: it is kept as a read-only archive.")
                                       : _("This room is not open yet.");
    return 409;
}
