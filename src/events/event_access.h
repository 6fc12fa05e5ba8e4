/* Finding an event by slug and deciding who may see and manage it.
 *
 * Drafts exist only for their organisers (event_organisers) and admins:
 * everyone else gets 404 for them, as for an event that does not exist.
 * Managing (the organiser screens, registrations, record, statistics)
 * needs the same: an organiser of that event, or an admin. */
#ifndef DXHUB_EVENTS_EVENT_ACCESS_H
#define DXHUB_EVENTS_EVENT_ACCESS_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"
#include "http/request.h"

struct event_ref {
    int64_t id;
    const char *slug;         /* arena copies */
    const char *status;       /* draft, published, cancelled, finished */
    const char *tz;           /* IANA zone */
    const char *default_lang; /* en, fr, es */
    int64_t starts_at, ends_at; /* 0 when unknown */
    int64_t sequence;
    bool can_manage; /* the caller is an organiser of it, or an admin */
};

enum event_need { EVENT_SEE, EVENT_MANAGE };

/* True when the caller is an admin or one of the event's organisers. */
bool event_can_manage(const struct caller *c, int64_t event_id);

/* True when the caller is an admin or one of the series' organisers
 * (series_organisers); false on a database error. */
bool series_can_manage(const struct caller *c, int64_t series_id);

/* Loads the event with that slug into *ev for the request's caller.
 * 1 found, 0 no such event, -1 database error (logged). */
int event_lookup(struct request *req, const char *slug, struct event_ref *ev);

/* The event's title in the request's language, else in its own (arena);
 * "" when there is no such event, NULL on a database error. */
const char *event_title(struct request *req, struct db *db, int64_t event_id);

/* Loads the event named by the route parameter {slug} and checks the
 * caller may see it (EVENT_SEE: not a draft, or they manage it) or manage it
 * (EVENT_MANAGE). On failure renders the error page (404 when unseen, 403
 * when seen but not manageable, 500 on a database error) and returns false. */
bool event_require(struct request *req, struct event_ref *ev, enum event_need need);

#endif
