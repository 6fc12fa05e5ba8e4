/* schema.org Event as JSON-LD for the event page's <head>, so that search
 * engines and calendar tools read the event's name, times, place and
 * sessions. */
#ifndef DXHUB_EVENTS_EVENT_JSONLD_H
#define DXHUB_EVENTS_EVENT_JSONLD_H

#include <jansson.h>

#include "core/arena.h"
#include "http/request.h"

/* Sets event["jsonld_html"] to the JSON-LD text of the event view built by
 * event_full (src/events/event_views.h): a schema.org Event with name,
 * description (the summary), startDate/endDate (local time with its UTC
 * offset when known to the minute, the date when known to the day, none for
 * a year), eventStatus, eventAttendanceMode, location (the event page as
 * VirtualLocation, never the meeting link; a Place for in-person and
 * hybrid), organizer (the hub), inLanguage, url and one subEvent per timed
 * session. The text is safe inside <script type="application/ld+json">:
 * see event_jsonld_escape. URLs are absolute, on app_base_url(). */
void event_jsonld_add(struct request *req, json_t *event);

/* A copy (in arena a) of the JSON text json with every '<', '>' and '&'
 * written as the JSON escapes \u003c, \u003e and \u0026, which parse to the
 * same string but can never close the script element or open a comment.
 * Those characters only occur inside JSON strings, so the value is unchanged. */
char *event_jsonld_escape(struct arena *a, const char *json);

#endif
