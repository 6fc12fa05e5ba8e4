/* One SMTP transaction with libcurl: a finished message handed to a server. */
#ifndef DXHUB_MAIL_SMTP_H
#define DXHUB_MAIL_SMTP_H

#include <stdbool.h>
#include <stddef.h>

#define SMTP_CONNECT_TIMEOUT_S 20
#define SMTP_TIMEOUT_S 120 /* a whole transaction; well below MAIL_LEASE_S */

struct smtp_server {
    const char *url;             /* smtp://host:port or smtps://host:port */
    const char *user, *password; /* SMTP AUTH when both are non-NULL and non-empty */
    const char *from;            /* the envelope sender (MAIL FROM), a plain address */
};

/* Returns true to abandon the transfer in progress (the server is stopping). */
typedef bool (*smtp_cancel_fn)(void);

/* True when url is an smtp:// or smtps:// URL with a host. */
bool smtp_url_ok(const char *url);

/* Sends msg[0..len) (CRLF lines, as mime_build makes them) to the single
 * recipient `to` through srv: TLS from the start for smtps://; for smtp://,
 * STARTTLS when the server offers it, and required when a user and password
 * are set, so that they never cross the network in clear text. Certificates
 * are verified; connect and total timeouts apply. cancel (may be NULL) is
 * polled during the transfer. Returns 0 when the server accepted the
 * message; -1 otherwise, with a one-line reason in err (errlen bytes,
 * NUL-terminated): libcurl's message and the last SMTP reply code, or
 * "cancelled". Thread-safe after curl_global_init. */
int smtp_send(const struct smtp_server *srv, const char *to, const char *msg, size_t len, smtp_cancel_fn cancel,
              char *err, size_t errlen);

#endif
