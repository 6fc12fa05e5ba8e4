/* Saving a session of an event from the organiser screens: times, texts
 * per language, guiding questions (ids kept when only their texts change)
 * and the calendar revision; and reading it back into the form. */
#ifndef DXHUB_EVENTS_ORGANISE_SESSION_H
#define DXHUB_EVENTS_ORGANISE_SESSION_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "events/organise_parse.h"
#include "http/request.h"

/* A session as the form gives it, checked. */
struct session_input {
    const char *title[ORGANISE_NLANGS], *description[ORGANISE_NLANGS]; /* "" when absent; Markdown */
    /* Guiding question i in language k is questions[k][i]; a language has
     * either nquestions of them or none (nq[k] == 0: it falls back). */
    const char **questions[ORGANISE_NLANGS];
    size_t nq[ORGANISE_NLANGS], nquestions;
    bool has_start, has_end;
    int64_t starts_at, ends_at;
};

/* Creates (session_id 0, at the end of the event's sessions) or updates
 * the session of event_id from in; stores its id in *id. An update that
 * changes its times or titles bumps its calendar revision. 0 or -1.
 * Inside the caller's transaction. */
int organise_session_save(struct request *req, struct db *db, int64_t event_id, int64_t session_id,
                          const struct session_input *in, int64_t *id);

/* Fills the form object (field → value) with session id as saved: local
 * times in zone, texts, and the questions one per line. 0 or -1. */
int organise_session_form_values(struct request *req, struct db *db, int64_t id, const char *zone, json_t *form);

#endif
