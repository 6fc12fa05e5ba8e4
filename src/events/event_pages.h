/* Page handlers for the home page, event listing, event and series pages. */
#ifndef DXHUB_EVENTS_EVENT_PAGES_H
#define DXHUB_EVENTS_EVENT_PAGES_H

#include "http/request.h"
/* The route table (src/app/routes.c) takes the .ics handlers from here too. */
#include "events/calendar_pages.h"

/* GET / : upcoming exchanges, the featured edition, series, latest outcomes. */
void page_home(struct request *req);
/* GET /events : upcoming and past events (cancelled ones marked), filtered by
 *   ?kind=     an event type (virtual_exchange, webinar, workshop, conference, other)
 *   ?language= en, fr or es: events spoken in it or interpreted into it
 *   ?series=   a series slug: its editions only
 * with how many match. Empty means any; an unknown value is answered 400,
 * with the reason beside its field and the other filters applied. */
void page_events(struct request *req);
/* GET /events/{slug} : one event with its facts, sessions, guiding questions,
 * partners and outcomes, and schema.org JSON-LD in the head. */
void page_event(struct request *req);
/* GET /series/{slug} : a series and its editions. */
void page_series(struct request *req);

#endif
