/* The fixed vocabularies of events and their translated labels. */
#include "events/event_labels.h"

#include <string.h>

#include "i18n/i18n.h"

const struct event_label event_kinds[] = {
    {"virtual_exchange", N_("Virtual exchange")}, {"webinar", N_("Webinar")}, {"workshop", N_("Workshop")},
    {"conference", N_("Conference")},             {"other", N_("Event")},
};
const size_t event_nkinds = sizeof event_kinds / sizeof event_kinds[0];

const struct event_label event_languages[] = {{"en", N_("English")}, {"fr", N_("French")}, {"es", N_("Spanish")}};
const size_t event_nlanguages = sizeof event_languages / sizeof event_languages[0];

static const struct event_label formats[] = {
    /* TRANSLATORS: an event's format: held on the internet only. */
    {"online", N_("Online")},
    /* TRANSLATORS: an event's format: held at a place, people attend in person. */
    {"in_person", N_("In person")},
    /* TRANSLATORS: an event's format: at a place and online at the same time. */
    {"hybrid", N_("Hybrid: in person and online")},
};

/* The entry of list[0..n) with that code, or NULL. */
static const struct event_label *find(const struct event_label *list, size_t n, const char *code)
{
    for (size_t i = 0; code && i < n; i++)
        if (strcmp(list[i].code, code) == 0)
            return &list[i];
    return NULL;
}

bool event_label_known(const struct event_label *list, size_t n, const char *code)
{
    return find(list, n, code) != NULL;
}

const char *event_kind_label(const char *kind)
{
    const struct event_label *l = find(event_kinds, event_nkinds, kind);
    return l ? _(l->label) : _("Event");
}

const char *event_format_label(const char *format)
{
    const struct event_label *l = find(formats, sizeof formats / sizeof formats[0], format);
    return l ? _(l->label) : "";
}

const char *event_status_label(const char *status, bool ended)
{
    if (strcmp(status, "draft") == 0)
        /* TRANSLATORS: an event's status: not published yet, seen by its organisers only. */
        return _("Draft");
    if (strcmp(status, "cancelled") == 0)
        /* TRANSLATORS: an event's status. */
        return _("Cancelled");
    if (strcmp(status, "finished") == 0 || ended)
        /* TRANSLATORS: an event's status: it is over. */
        return _("Took place");
    /* TRANSLATORS: an event's status: published and still to come. */
    return _("Scheduled");
}

/* True when the comma-separated csv holds exactly code as one of its items. */
static bool csv_has(const char *csv, const char *code)
{
    size_t n = strlen(code);
    for (const char *p = csv; p && *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && strncmp(p, code, n) == 0)
            return true;
        p = end ? end + 1 : NULL;
    }
    return false;
}

json_t *event_languages_json(const char *csv)
{
    json_t *list = json_array();
    for (size_t i = 0; i < event_nlanguages; i++)
        if (csv_has(csv, event_languages[i].code))
            json_array_append_new(list, json_pack("{s:s, s:s}", "code", event_languages[i].code, "name",
                                                  _(event_languages[i].label)));
    return list;
}
