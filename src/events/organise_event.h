/* Saving an event from the organiser screens: its slug, creation (as a
 * draft, with its creator as first organiser), updates with their
 * calendar revision, and reading it back into the edit form. */
#ifndef DXHUB_EVENTS_ORGANISE_EVENT_H
#define DXHUB_EVENTS_ORGANISE_EVENT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"
#include "events/organise_parse.h"
#include "http/request.h"

/* One language's texts; a language without a title has no texts. */
struct event_text {
    const char *title, *summary, *description; /* description: Markdown */
};

/* An event as the form gives it, checked. */
struct event_input {
    struct event_text texts[ORGANISE_NLANGS]; /* in organise_langs order */
    const char *default_lang, *kind, *format, *place, *languages, *interpretation, *tz, *precision, *meeting_url;
    int64_t series_id; /* 0: none */
    bool has_start, has_end;
    int64_t starts_at, ends_at; /* UTC, when has_start / has_end */
};

/* A slug for title that no event has yet: its words in ASCII
 * (org_slug_base), then "-2", "-3"... (arena). NULL on a database error.
 * Inside the caller's write transaction. */
const char *organise_event_slug(struct request *req, struct db *db, const char *title);

/* Creates the draft event slug from in, with the caller as its first
 * organiser. Returns its id, or -1 (logged by the database layer). Inside
 * the caller's transaction. */
int64_t organise_event_create(struct request *req, struct db *db, const char *slug, const struct event_input *in);

/* Replaces the details and texts of event id with in. When what its
 * calendar entries show (times, zone, precision, place, titles,
 * summaries, default language) changed, bumps the revision of the event
 * and its sessions and sets *changed_calendar. 0 or -1. Inside the
 * caller's transaction. */
int organise_event_update(struct request *req, struct db *db, int64_t id, const struct event_input *in,
                          bool *changed_calendar);

/* Fills the form object (field → value) with event id as saved, local
 * times in its zone, and stores its languages and interpretation lists
 * (arena) in *languages and *interpretation. 0, or -1 on a database error. */
int organise_event_form_values(struct request *req, struct db *db, int64_t id, json_t *form, const char **languages,
                               const char **interpretation);

#endif
