/* Speakers and moderators of sessions, for the event page. */
#ifndef DXHUB_EVENTS_SESSION_PEOPLE_H
#define DXHUB_EVENTS_SESSION_PEOPLE_H

#include <jansson.h>
#include <stdbool.h>

#include "db/db.h"
#include "http/request.h"

/* Adds "speakers" and "moderators" arrays (name, affiliation, bio in the
 * request's language or the event's, profile url for members with a
 * visible profile) to each object of the event view's "sessions" array
 * (the sessions of event event_id, each with its "id"), in one query.
 * Returns false on a database error. */
bool session_people_add(struct request *req, struct db *db, int64_t event_id, json_t *sessions);

#endif
