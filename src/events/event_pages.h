/* Page handlers for the home page, event listing, event and series pages. */
#ifndef DXHUB_EVENTS_EVENT_PAGES_H
#define DXHUB_EVENTS_EVENT_PAGES_H

#include "http/request.h"
/* The route table (src/app/routes.c) takes the .ics handlers from here too. */
#include "events/calendar_pages.h"

/* GET / : upcoming exchanges, the featured edition, series, latest outcomes. */
void page_home(struct request *req);
/* GET /events : upcoming and past events. */
void page_events(struct request *req);
/* GET /events/{slug} : one event with sessions, guiding questions, partners and outcomes. */
void page_event(struct request *req);
/* GET /series/{slug} : a series and its editions. */
void page_series(struct request *req);

#endif
