/* The sender thread: delivers the outbox over SMTP with libcurl
 * (delivery.h: leases, retries with exponential backoff, at least once), so
 * that no message is lost across a restart. Without an SMTP server
 * configured it does not run and messages wait in the outbox. */
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

#define MAIL_POLL_S 5 /* the thread looks for due messages this often */

/* Starts the sender thread with a copy of cfg (the strings may be freed
 * afterwards). Without an SMTP URL it starts nothing, logs that messages
 * will wait in the outbox, and returns 0. Returns -1 (message on stderr,
 * nothing started) when the URL is not smtp:// or smtps://, the from address
 * is missing or not an address, or the thread cannot start. Call after
 * db_init and i18n_init, and not again before mail_stop; it calls
 * curl_global_init, which libcurl 7.84+ (Debian 12 has 7.88) makes safe
 * while other threads run. */
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

#endif
