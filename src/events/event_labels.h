/* The fixed vocabularies of events (kinds, formats, statuses, languages):
 * their codes as stored in the database and their translated labels. */
#ifndef DXHUB_EVENTS_EVENT_LABELS_H
#define DXHUB_EVENTS_EVENT_LABELS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* A code and its English label (an N_() msgid: translate with _()). */
struct event_label {
    const char *code, *label;
};

/* The kinds of event (events.kind), in the order a list shows them. */
extern const struct event_label event_kinds[];
extern const size_t event_nkinds;
/* The languages content and events come in (events.languages). */
extern const struct event_label event_languages[];
extern const size_t event_nlanguages;

/* The translated label of kind ("Webinar"); "Event" for an unknown one. */
const char *event_kind_label(const char *kind);
/* The translated label of format (online, in_person, hybrid); "" when unknown. */
const char *event_format_label(const char *format);
/* The translated label of a status as a visitor reads it: "Draft",
 * "Cancelled", "Scheduled", or "Took place" for a finished event or a
 * published one that has ended (ended true). */
const char *event_status_label(const char *status, bool ended);
/* The languages of a comma-separated list of codes ("en,fr"), in the order
 * of event_languages, as a new array of {"code", "name"} (name translated).
 * Unknown codes are left out; NULL reads as empty. */
json_t *event_languages_json(const char *csv);
/* True when code is one of list[0..n). */
bool event_label_known(const struct event_label *list, size_t n, const char *code);

#endif
