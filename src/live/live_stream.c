/* GET /rooms/{id}/stream: a live room's Server-Sent Events stream. */
#include <errno.h>
#include <stdlib.h>

#include "live/live.h"
#include "live/live_hub.h"
#include "live/live_replay.h"
#include "live/live_sub.h"
#include "live/room_access.h"
#include "view/page.h"

/* Reads a decimal id (no sign, no spaces) into *out; false on anything else. */
static bool parse_id(const char *s, int64_t *out)
{
    if (!s || *s < '0' || *s > '9')
        return false;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end)
        return false;
    *out = v;
    return true;
}

/* GET /rooms/{id}/stream
 *   id              the room (a session id); 404 unless room_viewer lets the caller watch it
 *   Last-Event-ID   (header) or ?last_event_id=: the last event the browser has; the stored
 *                   events after it that the caller may see are sent first, then live ones.
 *                   Without it, only events from now on. A malformed id is a 400.
 * Answers text/event-stream that never ends on its own: a retry hint, the replay, then each
 * event the caller may see, and a heartbeat comment every 15 s (--live-heartbeat). */
void page_room_stream(struct request *req)
{
    int64_t room_id;
    if (!parse_id(request_param(req, "id"), &room_id) || room_id <= 0) {
        page_error(req, 404);
        return;
    }
    struct live_viewer viewer;
    int rc = room_viewer(req, room_id, &viewer);
    if (rc <= 0) {
        page_error(req, rc < 0 ? 500 : 404);
        return;
    }
    const char *last = request_header(req, "Last-Event-ID");
    if (!last || !*last)
        last = request_query(req, "last_event_id");
    int64_t after = -1;
    if (last && *last && !parse_id(last, &after)) {
        page_error(req, 400);
        return;
    }
    struct db *db = db_get();
    int64_t known_last = db ? live_replay_last_id(db, room_id) : 0;
    struct live_sub *sub = live_sub_new(req->conn, room_id, &viewer);
    if (live_hub_attach(sub, after, known_last)) {
        live_sub_finished(sub);
        page_error(req, 503);
        return;
    }
    request_add_header(req, "Cache-Control", "no-store");
    request_add_header(req, "X-Accel-Buffering", "no");
    request_respond_stream(req, "text/event-stream", live_sub_read, live_sub_finished, sub);
}
