/* View objects for events, series and their outcomes, in the request's
 * language (falling back, marked, to the event's own language). */
#ifndef DXHUB_EVENTS_EVENT_VIEWS_H
#define DXHUB_EVENTS_EVENT_VIEWS_H

#include <jansson.h>
#include <stdint.h>

#include "events/event_filters.h"
#include "http/request.h"

enum event_period { EVENTS_UPCOMING, EVENTS_PAST };

/* Published events of one period, soonest (upcoming) or latest (past)
 * first, at most limit, optionally only those of series_id (0: all).
 * Returns a new array of event summaries; NULL on a database error. */
json_t *event_list(struct request *req, enum event_period period, int64_t series_id, int limit);
/* The same, for the listing: the events of one period that pass filter f
 * (src/events/event_filters.h), cancelled ones too when f asks for them.
 * Each summary has "kind", "format", "format_label", "status_label" and
 * "cancelled" besides the fields above. NULL on a database error. */
json_t *event_list_filtered(struct request *req, enum event_period period, const struct event_filter *f, int limit);
/* How many events pass filter f, upcoming and past (no limit): sets both
 * and returns 0, or -1 on a database error. */
int event_count(const struct event_filter *f, int64_t *upcoming, int64_t *past);
/* The full event with that slug (summary plus description, sessions with
 * guiding questions, partners, proposals), or NULL when there is none or it
 * is a draft the caller does not manage (src/events/event_access.h). Sets
 * "draft", "can_manage" and, for those who manage it, "manage_url".
 * *error is set on a database error. What does not depend on the viewer
 * comes from the fragment cache (src/http/fragment_cache.h): the returned
 * object is the caller's, but the values under its keys are shared, so
 * replace them rather than modify them. When jsonld is not NULL it
 * receives the event's schema.org text as a JSON string (a new reference,
 * NULL when the event is not returned), for event["jsonld_html"]
 * (src/events/event_jsonld.h). */
json_t *event_full(struct request *req, const char *slug, bool *error, json_t **jsonld);
/* The series with that slug and its editions (latest first), or NULL. */
json_t *series_view(struct request *req, const char *slug, bool *error);
/* Every series with its editions, for the home page. NULL on error. */
json_t *series_list(struct request *req);
/* The latest events that have proposals, with them: [{event, proposals}]. */
json_t *event_outcomes(struct request *req, int limit);

#endif
