/* Page handlers for the iCalendar files. Each: permission (route table) → parameters →
 * calendar_*() (the queries) → text/calendar, or an error page in the request's language.
 * Not cacheable: the page cache keeps neither Content-Disposition nor a fresh DTSTAMP. */
#include "events/calendar_pages.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "events/calendar.h"
#include "view/page.h"

/* Answers req with the result of a calendar_*() call: text (taken, freed once sent) as
 * "<name>.ics", or the page for rc. event_slug links the undated page back to the event. */
static void respond_calendar(struct request *req, enum calendar_result rc, char *text, const char *name,
                             const char *event_slug)
{
    if (rc == CALENDAR_UNDATED) {
        json_t *data = json_pack("{s:s, s:s, s:{s:s, s:s}}", "title", _("No calendar entry yet"), "message",
                                 _("This event does not have an exact date yet, so it cannot be added to a "
                                   "calendar. Its page will show the date once it is set."),
                                 "link", "url", arena_printf(req->arena, "/events/%s", event_slug), "label",
                                 _("Back to the event"));
        page_render(req, 404, "message", data);
        return;
    }
    if (rc != CALENDAR_OK) {
        page_error(req, rc == CALENDAR_NOT_FOUND ? 404 : 500);
        return;
    }
    /* The file name is the slug with anything a quoted header value could trip on replaced. */
    char *file = arena_printf(req->arena, "%s.ics", name);
    for (char *p = file; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '.' && *p != '-' && *p != '_')
            *p = '-';
    request_respond_owned(req, 200, "text/calendar; charset=utf-8", text, strlen(text));
    request_add_header(req, "Content-Disposition", arena_printf(req->arena, "inline; filename=\"%s\"", file));
}

void page_event_ics(struct request *req)
{
    const char *slug = request_param(req, "slug");
    char *text;
    enum calendar_result rc = calendar_event(slug, req->lang, &text);
    respond_calendar(req, rc, text, slug, slug);
}

void page_session_ics(struct request *req)
{
    const char *slug = request_param(req, "slug"), *id = request_param(req, "id");
    char *end = "";
    long long n = id && isdigit((unsigned char)id[0]) ? strtoll(id, &end, 10) : 0;
    if (n <= 0 || *end) {
        page_error(req, 404);
        return;
    }
    char *text;
    enum calendar_result rc = calendar_session(slug, n, req->lang, &text);
    respond_calendar(req, rc, text, arena_printf(req->arena, "%s-session-%lld", slug, n), slug);
}

void page_series_ics(struct request *req)
{
    const char *slug = request_param(req, "slug");
    char *text;
    enum calendar_result rc = calendar_series(slug, req->lang, &text);
    respond_calendar(req, rc, text, slug, NULL);
}
