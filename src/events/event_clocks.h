/* The two clocks of a time known to the minute: the event's own, and the
 * viewer's when it reads differently. */
#ifndef DXHUB_EVENTS_EVENT_CLOCKS_H
#define DXHUB_EVENTS_EVENT_CLOCKS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "i18n/i18n.h"
#include "i18n/timefmt.h"

/* Room for a TIMEFMT_DATETIME text and " (zone name)". */
#define EVENT_CLOCK_MAX (TIMEFMT_MAX + 64)
/* Room for a start, an end and the zone's name. */
#define EVENT_RANGE_MAX (2 * TIMEFMT_MAX + 64)

/* Writes instant `at` as TIMEFMT_DATETIME in lang followed by " (zone)":
 * into event_out as seen in event_tz ("Thursday, 28 March 2024 at 15:00 CET
 * (Europe/Brussels)"), and into yours_out as seen in viewer_tz. yours_out
 * is "" when viewer_tz is NULL, or when its UTC offset at `at` equals the
 * event zone's (the two clocks read the same). Unknown zones read as UTC.
 * Returns true when yours_out was written. */
bool event_clocks_format(int64_t at, const char *event_tz, const char *viewer_tz, enum lang lang,
                         char event_out[EVENT_CLOCK_MAX], char yours_out[EVENT_CLOCK_MAX]);

/* Sets on obj "time_event_label" and "time_yours_label" from
 * event_clocks_format, and "viewer_tz" (the zone, or "" when there is no
 * second clock). Every key is set even when empty, so that a Mustache
 * section inside obj never falls back to an enclosing object's clock. */
void event_clocks_add(json_t *obj, int64_t at, const char *event_tz, const char *viewer_tz, enum lang lang);

/* event_clocks_add for a span: when end > at, each label reads "<start> –
 * <end> (zone)", the end as a time alone ("17:00 CET") when it falls on the
 * start's day on that clock, else with its date. end 0: the start alone. */
void event_clocks_add_range(json_t *obj, int64_t at, int64_t end, const char *event_tz, const char *viewer_tz,
                            enum lang lang);

/* Sets the same three keys to "" on obj: a time not known to the minute. */
void event_clocks_none(json_t *obj);

#endif
