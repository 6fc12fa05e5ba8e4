/* When the join link opens: REG_JOIN_OPENS_BEFORE seconds before the next
 * session that has not ended (else before the event's start), and the page
 * that says so to those who come earlier. */
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

bool reg_join_too_early(struct request *req, struct db *db, const struct event_ref *ev)
{
    int64_t now = (int64_t)time(NULL), opens = ev->can_manage ? 0 : reg_join_opens_at(db, ev, now);
    if (opens < 0) {
        page_error(req, 500);
        return true;
    }
    if (opens <= now)
        return false;
    char ours[EVENT_CLOCK_MAX], yours[EVENT_CLOCK_MAX];
    const char *viewer = request_viewer_tz(req);
    event_clocks_format(opens, ev->tz, viewer, req->lang, ours, yours);
    /* TRANSLATORS: %s is a date and time with its zone, such as "Thursday, 28 March 2024 at 14:30 CET
     * (Europe/Brussels)"; the link opens 30 minutes before the session. */
    const char *message = arena_printf(req->arena, viewer ? _("The link opens at %s (your time), 30 minutes before "
                                                              "the session starts. Please come back then.")
                                                          : _("The link opens at %s, 30 minutes before the session "
                                                              "starts. Please come back then."),
                                       yours[0] ? yours : ours);
    request_add_header(req, "Cache-Control", "no-store");
    reg_message(req, 200, _("The join link is not open yet"), message,
                arena_printf(req->arena, "/events/%s", ev->slug), _("Back to the event"));
    return true;
}
