/* The filters of the event listing (GET /events?kind=&language=&series=):
 * reading them from the query and the view of the filter form. */
#ifndef DXHUB_EVENTS_EVENT_FILTERS_H
#define DXHUB_EVENTS_EVENT_FILTERS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "http/request.h"

/* Which events a list holds. The zero value (with the strings "") keeps
 * every event the list would show anyway. */
struct event_filter {
    const char *kind;     /* events.kind, or "" for any */
    const char *language; /* a code spoken or interpreted into, or "" for any */
    int64_t series_id;    /* 0 for any */
    bool with_cancelled;  /* also list cancelled events (marked so) */
};

/* Reads ?kind (an events.kind code), ?language (en, fr, es) and ?series (a
 * series slug) into *f; an absent or empty parameter means "any". Returns
 * the view of the filter form, a new object: {"kind", "language", "series"
 * (the values kept), "active" (any filter applied), "kinds", "languages",
 * "series_options" ([{"value", "label", "selected"}]), "errors" ({field:
 * translated message} for each unknown value, which is then not applied)}.
 * Sets *bad when a value was unknown. NULL on a database error. */
json_t *event_filters_read(struct request *req, struct event_filter *f, bool *bad);

#endif
