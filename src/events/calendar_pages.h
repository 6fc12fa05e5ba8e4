/* Page handlers for the iCalendar files: one event, one session, a series feed. */
#ifndef DXHUB_EVENTS_CALENDAR_PAGES_H
#define DXHUB_EVENTS_CALENDAR_PAGES_H

#include "http/request.h"

/* GET /events/{slug}.ics : the event as an iCalendar file (text/calendar), in the request's
 * language. 404 when there is no such event, a 404 page saying so when its date is not known
 * to the day. */
void page_event_ics(struct request *req);
/* GET /events/{slug}/sessions/{id}.ics : one session of the event (id: the session's number),
 * as page_event_ics. */
void page_session_ics(struct request *req);
/* GET /series/{slug}.ics : the subscription feed (webcal://) of a series, every dated edition. */
void page_series_ics(struct request *req);

#endif
