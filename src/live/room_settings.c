/* A room's settings, changed by its moderators: pre- or post-moderation,
 * chat on or off, the time it opens (in the event's zone), and closing it
 * (a read-only archive from then on) or opening it again. */
#include <string.h>
#include <time.h>

#include "accounts/audit.h"
#include "events/organise_parse.h"
#include "i18n/i18n.h"
#include "live/live.h"
#include "live/room.h"
#include "live/room_pages.h"
#include "view/form.h"

static unsigned settings(struct request *req, struct db *db, struct room *r, void *arg, const char **message)
{
    (void)arg;
    const char *action = request_form(req, "action");
    action = action ? action : "save";
    int64_t now = (int64_t)time(NULL);
    int rc;
    if (room_settings_row(db, r->id))
        return 500;
    if (strcmp(action, "close") == 0) {
        rc = db_run(db, "UPDATE rooms SET closed_at = ? WHERE session_id = ?", "ii", now, r->id);
        r->closed_at = now;
        r->state = ROOM_CLOSED;
    } else if (strcmp(action, "reopen") == 0) {
        rc = db_run(db, "UPDATE rooms SET closed_at = NULL WHERE session_id = ?", "i", r->id);
        r->closed_at = 0;
        r->state = r->opens_at > now ? ROOM_NOT_YET : ROOM_OPEN;
    } else if (strcmp(action, "save") == 0) {
        int64_t opens = 0;
        enum local_time_rc t =
            organise_local_time(r->tz, form_text(req, "opens_date"), form_text(req, "opens_time"), true, &opens);
        if (t != LOCAL_OK && t != LOCAL_EMPTY) {
            *message = _("Give the opening date as YYYY-MM-DD and the time as HH:MM, in the event's time zone, or "
                         "leave both empty to open the room now.");
            return 422;
        }
        const char *pre = request_form(req, "premoderation"), *chat = request_form(req, "chat");
        r->premoderation = pre && *pre;
        r->chat_enabled = chat && *chat;
        r->opens_at = t == LOCAL_OK ? opens : 0;
        r->state = r->closed_at ? ROOM_CLOSED : r->opens_at > now ? ROOM_NOT_YET : ROOM_OPEN;
        rc = db_run(db, "UPDATE rooms SET premoderation = ?, chat_enabled = ?, opens_at = ? WHERE session_id = ?",
                    "iini", (int64_t)r->premoderation, (int64_t)r->chat_enabled, r->opens_at, r->id);
    } else {
        *message = _("This action cannot be done on this room.");
        return 400;
    }
    static const char *const states[] = {"not_yet", "open", "closed"};
    json_t *data = json_pack("{s:s, s:b, s:b}", "state", states[r->state], "premoderation", r->premoderation,
                             "chat_enabled", r->chat_enabled);
    int64_t ev = live_record(db, r->id, LIVE_ALL, 0, "room", data);
    json_decref(data);
    if (rc || ev < 0 ||
        audit_record(db, req, "room_settings", 0, arena_printf(req->arena, "room %lld: %s", (long long)r->id, action)))
        return 500;
    return 0;
}

void page_room_settings(struct request *req)
{
    struct room r;
    if (room_require(req, &r, true))
        room_run(req, &r, settings, NULL, "settings");
}
