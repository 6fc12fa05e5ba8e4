/* Deadlines for slow clients: a connection must deliver its request head
 * within the header timeout and its body within the request timeout plus
 * the time the body takes at a minimum rate; a watchdog thread cuts the
 * connections that miss them (shutdown(2) on the socket, which
 * libmicrohttpd then closes as if the client had left). Near the
 * connection limit it also cuts, oldest first, the connections still
 * waiting for a head, so that room stays for new visitors and established
 * streams. Requests being answered and live streams have no deadline. */
#ifndef DXHUB_HTTP_CONN_GUARD_H
#define DXHUB_HTTP_CONN_GUARD_H

#include <stddef.h>
#include <stdint.h>

struct MHD_Connection;

struct conn_guard_config {
    unsigned header_timeout_s;  /* accept (or the previous response) to the end of the head */
    unsigned request_timeout_s; /* end of the head to the end of the body, before the rate allowance */
    unsigned body_min_rate;     /* bytes per second a body is granted on top of request_timeout_s */
    unsigned conn_limit;        /* the daemon's connection limit: pressure is judged against it */
};

/* Starts the watchdog thread. 0, or -1 (thread not started). */
int conn_guard_start(const struct conn_guard_config *cfg);
/* Stops the watchdog thread (before the daemon stops); safe if not started. */
void conn_guard_stop(void);

/* libmicrohttpd's connection notifications (MHD_OPTION_NOTIFY_CONNECTION):
 * opened starts the head deadline and keeps the guard's state in
 * *socket_context; closed frees it. */
void conn_guard_opened(struct MHD_Connection *conn, void **socket_context);
void conn_guard_closed(void **socket_context);
/* The head of a request arrived: the body deadline starts, allowing
 * content_length bytes (UINT64_MAX: unknown, judged by what arrives). */
void conn_guard_head(struct MHD_Connection *conn, uint64_t content_length);
/* n more body bytes arrived (extends the deadline of a body of unknown length). */
void conn_guard_body(struct MHD_Connection *conn, size_t n);
/* The request is being answered (or streamed): no deadline until it ends. */
void conn_guard_answering(struct MHD_Connection *conn);
/* The request ended: the next head's deadline starts (keep-alive). */
void conn_guard_idle(struct MHD_Connection *conn);
/* Connections on the watchdog's list now: those waiting for a head or a
 * body (or cut and not closed yet); not those being answered, such as open
 * live streams (for /metrics). */
long conn_guard_watched(void);
/* Connections cut so far (for /metrics). */
uint64_t conn_guard_cut_total(void);

#endif
