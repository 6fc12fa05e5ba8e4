/* Delivering the outbox: leasing the due messages, sending each over SMTP
 * and recording the outcome, or the next attempt after an exponential
 * backoff. The sender thread (sender.c) calls it; tests call the schedule.
 *
 * Delivery is at least once: a message is marked sent only after the SMTP
 * server accepted it, so a crash between the two sends it again (with the
 * same Message-ID, which lets mail software drop the copy) but never loses
 * it. Before sending, each due message is leased for MAIL_LEASE_S (its next
 * attempt moved forward), so that a second dxhub process sharing the
 * database does not send it at the same time; after a crash it is due again
 * when the lease ends. */
#ifndef DXHUB_MAIL_DELIVERY_H
#define DXHUB_MAIL_DELIVERY_H

#include <stdint.h>

#include "db/db.h"
#include "mail/smtp.h"

#define MAIL_BACKOFF_FIRST_S 60        /* the wait after the first failed attempt ... */
#define MAIL_BACKOFF_MAX_S (6 * 3600)  /* ... doubled after each further one, up to this */
#define MAIL_GIVE_UP_S (3 * 24 * 3600) /* a message still undelivered this long after queuing fails */
#define MAIL_LEASE_S 600               /* longer than any one SMTP transaction may take */

/* Seconds to wait after `attempts` failed attempts (1, 2, ...): 60, 120,
 * 240, ... capped at MAIL_BACKOFF_MAX_S. attempts < 1 counts as 1. */
int64_t mail_backoff_s(int attempts);

/* Sends every message of the outbox on db that is due now, in batches,
 * through srv, as "from_name <srv->from>" (from_name NULL: the hub's name in
 * each message's language), until none is due or cancel() (not NULL) returns
 * true; the message in hand is then given back, due at once, its attempt
 * not counted. Each message attempted ends sent (status, sent_at; its two
 * parts emptied, so the links they held are no longer stored), queued
 * again after mail_backoff_s(attempts) with last_error, or failed once
 * MAIL_GIVE_UP_S has passed since it was queued. Database errors are logged
 * and end the round early; the leases make trying again later safe. */
void mail_deliver_due(struct db *db, const struct smtp_server *srv, const char *from_name, smtp_cancel_fn cancel);

#endif
