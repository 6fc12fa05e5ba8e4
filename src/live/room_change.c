/* Running a change to a room: the write transaction, the live events it
 * recorded handed to the hub once committed, and the answer (redirect,
 * JSON, or the room page with the refusal). */
#include <string.h>

#include "live/live.h"
#include "live/room.h"
#include "view/page.h"

/* Where a successful form post goes back to. */
static const char *back_url(struct request *req, const struct room *r, const char *anchor)
{
    const char *back = request_form(req, "back");
    if (anchor && anchor[0] == '/')
        return anchor;
    if (back && strcmp(back, "present") == 0)
        return arena_printf(req->arena, "/rooms/%lld/present", (long long)r->id);
    return arena_printf(req->arena, "/rooms/%lld%s%s", (long long)r->id, anchor ? "#" : "", anchor ? anchor : "");
}

static void refuse(struct request *req, struct room *r, unsigned status, const char *message)
{
    if (status == 404 || status == 500 || status == 403) {
        page_error(req, status);
        return;
    }
    if (req->want_json) {
        json_t *data = json_pack("{s:{s:i, s:s}}", "error", "status", (int)status, "message", message ? message : "");
        page_render(req, status, "room", data);
        return;
    }
    room_render(req, r, status, message);
}

static bool run(struct request *req, struct room *r, room_change_fn change, void *arg, const char *anchor,
                bool seen_in_cached_pages)
{
    struct db *db = db_get();
    if (!db || db_begin(db)) {
        page_error(req, 500);
        return false;
    }
    const char *message = NULL;
    unsigned status = change(req, db, r, arg, &message);
    if (status == 0 && (seen_in_cached_pages ? db_commit(db) : db_commit_unseen(db)))
        status = 500;
    if (status) {
        db_rollback(db);
        refuse(req, r, status, message);
        return false;
    }
    live_notify(r->id);
    if (req->want_json)
        page_render(req, 200, "room", json_pack("{s:b}", "ok", 1));
    else
        request_redirect(req, back_url(req, r, anchor));
    return true;
}

bool room_run(struct request *req, struct room *r, room_change_fn change, void *arg, const char *anchor)
{
    return run(req, r, change, arg, anchor, false);
}

bool room_run_public(struct request *req, struct room *r, room_change_fn change, void *arg, const char *anchor)
{
    return run(req, r, change, arg, anchor, true);
}
