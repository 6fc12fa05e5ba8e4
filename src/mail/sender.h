/* The sender thread: delivers the outbox over SMTP with libcurl, retrying
 * with exponential backoff, so that no message is lost across a restart.
 *
 * Delivery is at least once: a message is marked sent only after the SMTP
 * server accepted it, so a crash between the two sends it again (with the
 * same Message-ID, which lets mail software drop the copy), but never loses
 * it. Before sending, the thread leases each due message for MAIL_LEASE_S
 * (moves its next attempt forward), so that a second dxhub process sharing
 * the database does not send it at the same time. */
#ifndef DXHUB_MAIL_SENDER_H
#define DXHUB_MAIL_SENDER_H

#include <stdbool.h>
#include <stdint.h>

/* Where and as whom to send. Every field may be NULL or "". smtp_url:
 * smtp://host:port (STARTTLS when the server offers it) or smtps://host:port
 * (TLS from the start); without it nothing is sent and messages wait in the
 * outbox (the demo). user/password: SMTP AUTH, when both are given. from: the
 * sender, "hub@example.org" or "Hub Name <hub@example.org>"; required with
 * smtp_url. */
struct mail_config {
    const char *smtp_url, *user, *password, *from;
};

#define MAIL_POLL_S 5                  /* the thread looks for due messages this often */
#define MAIL_BACKOFF_FIRST_S 60        /* the wait after the first failed attempt ... */
#define MAIL_BACKOFF_MAX_S (6 * 3600)  /* ... doubled after each further one, up to this */
#define MAIL_GIVE_UP_S (3 * 24 * 3600) /* a message still undelivered this long after queuing fails */
#define MAIL_LEASE_S 600               /* longer than any one SMTP transfer may take */

/* Starts the sender thread with a copy of cfg (the strings may be freed
 * afterwards). Without an SMTP URL it starts nothing, logs that messages
 * will wait in the outbox, and returns 0. Returns -1 (message on stderr,
 * nothing started) when the URL is not smtp:// or smtps://, the from address
 * is missing or not an address, or the thread cannot start. Call once, after
 * db_init and i18n_init; it calls curl_global_init, which libcurl 7.84+
 * (Debian 12 has 7.88) makes safe while other threads run. */
int mail_start(const struct mail_config *cfg);

/* Stops the thread: an SMTP transfer in progress is abandoned (its message
 * stays queued and goes first next time) and the thread is joined. Call
 * before db_shutdown. Harmless when mail_start started nothing or never ran. */
void mail_stop(void);

/* Tells the thread that a message was queued: it looks at once, and again as
 * soon as the enqueuing transaction commits (db_generation()). Any thread. */
void mail_kick(void);

/* Whether mail_start started the thread (an SMTP URL is configured). */
bool mail_sending(void);

/* Seconds to wait after `attempts` failed attempts (1, 2, ...): 60, 120,
 * 240, ... capped at MAIL_BACKOFF_MAX_S. attempts < 1 counts as 1. */
int64_t mail_backoff_s(int attempts);

#endif
