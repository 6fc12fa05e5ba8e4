/* Labels for the event's clock and the viewer's, formatted by ICU. */
#include "events/event_clocks.h"

#include <stdio.h>

#include "i18n/tz.h"

/* "<start> (zone)", or with an end (end > at) "<start> – <end> (zone)",
 * the end as a time alone when it falls on the start's local day. */
static void clock_label(char *out, size_t n, int64_t at, int64_t end, const char *zone, enum lang lang)
{
    char when[TIMEFMT_MAX], until[TIMEFMT_MAX] = "";
    timefmt_format(when, sizeof when, at, zone, lang, TIMEFMT_DATETIME);
    if (end > at) {
        struct civil from, to;
        tz_utc_to_local(zone, at, &from);
        tz_utc_to_local(zone, end, &to);
        bool same_day = from.year == to.year && from.month == to.month && from.day == to.day;
        timefmt_format(until, sizeof until, end, zone, lang, same_day ? TIMEFMT_TIME : TIMEFMT_DATETIME);
    }
    snprintf(out, n, "%s%s%s (%s)", when, until[0] ? " – " : "", until,
             zone && tz_valid(zone) ? zone : "UTC");
}

/* The two clocks of at (and end when > at) into event_out and yours_out
 * (both of n bytes); true when yours_out was written. */
static bool clocks(int64_t at, int64_t end, const char *event_tz, const char *viewer_tz, enum lang lang,
                   char *event_out, char *yours_out, size_t n)
{
    clock_label(event_out, n, at, end, event_tz, lang);
    yours_out[0] = '\0';
    if (!viewer_tz)
        return false;
    int event_offset, viewer_offset;
    tz_offset(event_tz, at, &event_offset, NULL);
    tz_offset(viewer_tz, at, &viewer_offset, NULL);
    if (event_offset == viewer_offset)
        return false;
    clock_label(yours_out, n, at, end, viewer_tz, lang);
    return true;
}

bool event_clocks_format(int64_t at, const char *event_tz, const char *viewer_tz, enum lang lang,
                         char event_out[EVENT_CLOCK_MAX], char yours_out[EVENT_CLOCK_MAX])
{
    return clocks(at, 0, event_tz, viewer_tz, lang, event_out, yours_out, EVENT_CLOCK_MAX);
}

static void set_labels(json_t *obj, const char *event, const char *yours, const char *zone)
{
    json_object_set_new(obj, "time_event_label", json_string(event));
    json_object_set_new(obj, "time_yours_label", json_string(yours));
    json_object_set_new(obj, "viewer_tz", json_string(zone));
}

void event_clocks_add(json_t *obj, int64_t at, const char *event_tz, const char *viewer_tz, enum lang lang)
{
    event_clocks_add_range(obj, at, 0, event_tz, viewer_tz, lang);
}

void event_clocks_add_range(json_t *obj, int64_t at, int64_t end, const char *event_tz, const char *viewer_tz,
                            enum lang lang)
{
    char event[EVENT_RANGE_MAX], yours[EVENT_RANGE_MAX];
    bool two = clocks(at, end, event_tz, viewer_tz, lang, event, yours, sizeof event);
    set_labels(obj, event, yours, two ? viewer_tz : "");
}

void event_clocks_none(json_t *obj) { set_labels(obj, "", "", ""); }
