/* The steps around an event's change of status (organise_status.c): the
 * confirmation asked before cancelling (with the offer to tell its
 * registrants), the checklist shown before publishing an event people
 * could not take part in, and what a change does besides the status
 * (emails to registrants, the rooms closed when it finishes). */
#ifndef DXHUB_EVENTS_ORGANISE_STATUS_H
#define DXHUB_EVENTS_ORGANISE_STATUS_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"
#include "events/event_access.h"
#include "http/request.h"

/* Answers req with the confirmation page when the change of ev's status to
 * `to` needs one that the form has not given: cancelling without
 * confirm=1 (or with a message too long: 422), publishing with something
 * missing from the checklist without anyway=1. Returns true when it
 * answered (also with 500 on a database error), false to go on. */
bool organise_status_confirm(struct request *req, struct db *db, const struct event_ref *ev, const char *to);

/* Does what the change of ev's status to `to` brings besides the status,
 * inside the caller's transaction: cancelling with notify=1 queues the
 * email to every registrant (the posted message included), finishing
 * closes the rooms of its sessions. *notified receives the number of
 * registrants told (-1: not asked). 0 or -1. */
int organise_status_effects(struct request *req, struct db *db, const struct event_ref *ev, const char *to,
                            int64_t *notified);

/* After the commit: tells the live rooms of ev's sessions that they changed
 * (their streams show the room closed). */
void organise_status_after(const struct event_ref *ev, const char *to);

/* The dashboard's notice after a cancellation (done=cancelled, notified=N
 * or none), translated; NULL for any other request. */
const char *organise_status_notice(struct request *req);

#endif
