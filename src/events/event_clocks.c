/* Labels for the event's clock and the viewer's, formatted by ICU. */
#include "events/event_clocks.h"

#include <stdio.h>

#include "i18n/tz.h"

static void clock_label(char out[EVENT_CLOCK_MAX], int64_t at, const char *zone, enum lang lang)
{
    char when[TIMEFMT_MAX];
    timefmt_format(when, sizeof when, at, zone, lang, TIMEFMT_DATETIME);
    snprintf(out, EVENT_CLOCK_MAX, "%s (%s)", when, zone && tz_valid(zone) ? zone : "UTC");
}

bool event_clocks_format(int64_t at, const char *event_tz, const char *viewer_tz, enum lang lang,
                         char event_out[EVENT_CLOCK_MAX], char yours_out[EVENT_CLOCK_MAX])
{
    clock_label(event_out, at, event_tz, lang);
    yours_out[0] = '\0';
    if (!viewer_tz)
        return false;
    int event_offset, viewer_offset;
    tz_offset(event_tz, at, &event_offset, NULL);
    tz_offset(viewer_tz, at, &viewer_offset, NULL);
    if (event_offset == viewer_offset)
        return false;
    clock_label(yours_out, at, viewer_tz, lang);
    return true;
}

static void set_labels(json_t *obj, const char *event, const char *yours, const char *zone)
{
    json_object_set_new(obj, "time_event_label", json_string(event));
    json_object_set_new(obj, "time_yours_label", json_string(yours));
    json_object_set_new(obj, "viewer_tz", json_string(zone));
}

void event_clocks_add(json_t *obj, int64_t at, const char *event_tz, const char *viewer_tz, enum lang lang)
{
    char event[EVENT_CLOCK_MAX], yours[EVENT_CLOCK_MAX];
    bool two = event_clocks_format(at, event_tz, viewer_tz, lang, event, yours);
    set_labels(obj, event, yours, two ? viewer_tz : "");
}

void event_clocks_none(json_t *obj) { set_labels(obj, "", "", ""); }
