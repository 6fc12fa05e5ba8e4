/* What the event page shows of registration, for the request's caller. */
#ifndef DXHUB_REGISTRATION_REGISTRATION_VIEW_H
#define DXHUB_REGISTRATION_REGISTRATION_VIEW_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "http/request.h"

/* Adds to the event view object (built by event_full) a "registration"
 * object for templates/partials/event_register.mustache: whether the event
 * takes registrations, whether they are open, seats left, the caller's own
 * registration (status, waitlist position, links) and the join link when
 * the caller may have it (confirmed registrants, speakers, organisers).
 * Visitors' pages are cached and shared: for them it depends on nothing
 * but the event. Returns false on a database error. */
bool registration_view_add(struct request *req, int64_t event_id, json_t *event);

#endif
