/* When the join link opens: REG_JOIN_OPENS_BEFORE seconds before the next
 * session that has not ended (else before the event's start), the page
 * that says so to those who come earlier, and the link with that sentence
 * on the event and registration pages. */
#include "registration/registration_common.h"

#include <time.h>

#include "events/event_clocks.h"
#include "http/viewer_tz.h"
#include "view/page.h"

int64_t reg_join_opens_at(struct db *db, const struct event_ref *ev, int64_t now)
{
    int64_t next = 0;
    int found = db_one_int(db,
                           "SELECT MIN(starts_at) FROM sessions WHERE event_id = ? AND starts_at IS NOT NULL "
                           "AND COALESCE(ends_at, starts_at) > ?",
                           &next, "ii", ev->id, now);
    if (found < 0)
        return -1;
    if (found == 0 || next == 0)
        next = ev->starts_at > now ? ev->starts_at : 0;
    return next ? next - REG_JOIN_OPENS_BEFORE : 0;
}

const char *reg_join_opens_text(struct request *req, struct db *db, const struct event_ref *ev, bool *error)
{
    int64_t now = (int64_t)time(NULL), opens = ev->can_manage ? 0 : reg_join_opens_at(db, ev, now);
    *error = opens < 0;
    if (opens <= now)
        return NULL;
    char ours[EVENT_CLOCK_MAX], yours[EVENT_CLOCK_MAX];
    const char *viewer = request_viewer_tz(req);
    event_clocks_format(opens, ev->tz, viewer, req->lang, ours, yours);
    /* TRANSLATORS: %s is a date and time with its zone, such as "Thursday, 28 March 2024 at 14:30 CET
     * (Europe/Brussels)"; the link opens 30 minutes before the session. */
    return arena_printf(req->arena, viewer ? _("The link opens at %s (your time), 30 minutes before the session "
                                               "starts. Please come back then.")
                                           : _("The link opens at %s, 30 minutes before the session starts. Please "
                                               "come back then."),
                        yours[0] ? yours : ours);
}

bool reg_join_too_early(struct request *req, struct db *db, const struct event_ref *ev)
{
    bool error;
    const char *message = reg_join_opens_text(req, db, ev, &error);
    if (error)
        page_error(req, 500);
    if (error || !message)
        return error;
    request_add_header(req, "Cache-Control", "no-store");
    reg_message(req, 200, _("The join link is not open yet"), message,
                arena_printf(req->arena, "/events/%s", ev->slug), _("Back to the event"));
    return true;
}

bool reg_join_view(struct request *req, struct db *db, const struct event_ref *ev, json_t *obj)
{
    int has_link = db_one_int(db, "SELECT 1 FROM events WHERE id = ? AND meeting_url <> ''", NULL, "i", ev->id);
    if (has_link < 0)
        return false;
    if (has_link == 0 || !reg_may_join(db, &req->caller, ev->id, ev->can_manage))
        return true;
    bool error;
    const char *opens = reg_join_opens_text(req, db, ev, &error);
    if (error)
        return false;
    json_object_set_new(obj, "join_url", json_string(arena_printf(req->arena, "/events/%s/join", ev->slug)));
    if (opens)
        json_object_set_new(obj, "join_opens", json_string(opens));
    return true;
}
