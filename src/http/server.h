/* The HTTP server: libmicrohttpd with epoll and a thread pool, limits,
 * request lifecycle (arena, body cap, routing, permission) and shutdown. */
#ifndef DXHUB_HTTP_SERVER_H
#define DXHUB_HTTP_SERVER_H

#include <stdbool.h>
#include <stddef.h>

#include "http/router.h"

struct server_config {
    const char *listen;      /* "ADDR:PORT", "[v6]:PORT" or ":PORT" */
    unsigned threads;        /* 0: one per core */
    unsigned conn_limit;     /* simultaneous connections */
    size_t body_limit;       /* bytes accepted in a form post */
    size_t upload_limit;     /* bytes accepted where a route takes files */
    unsigned conn_timeout_s; /* idle keep-alive connections are closed after this */
    unsigned per_ip_limit;   /* simultaneous connections from one address; 0: no cap */
    unsigned header_timeout_s, request_timeout_s, body_min_rate; /* deadlines: http/conn_guard.h */
    bool secure_cookies;     /* served over HTTPS: cookies get Secure */
    const char *base_url;    /* the public address: an Origin naming it is this site; may be NULL */
};

/* What the server asks of the application layer, which knows the areas. */
struct server_app {
    const struct route *routes;
    size_t nroutes;
    /* Fills req->caller (session, permission, CSRF token) from the request. */
    void (*caller_load)(struct request *req);
    /* Answers a visitor who needs to sign in first (route->perm > PERM_PUBLIC). */
    void (*signin_required)(struct request *req);
    /* Renders an error page for status into req (never fails). */
    void (*error_page)(struct request *req, unsigned status);
    /* Optional: called by server_stop before the workers stop, to end the
     * connections the application suspended (libmicrohttpd must not be
     * stopped with any); may be called more than once. */
    void (*stopping)(void);
};

/* Starts serving. Blocks SIGINT/SIGTERM in the calling thread first (the
 * worker threads inherit that), raises RLIMIT_NOFILE to fit conn_limit.
 * Returns 0, or -1 with a message on stderr (e.g. address in use). */
int server_start(const struct server_config *cfg, const struct server_app *app);
/* Waits for SIGINT or SIGTERM, then stops accepting, lets requests in flight
 * finish (up to a few seconds) and stops the workers. */
void server_wait_and_stop(void);
/* Stops at once (tests and start-up failures). */
void server_stop(void);
/* Answers req with the application's error page for status (404, 400, ...). */
void server_error_page(struct request *req, unsigned status);
/* Open connections right now (for /metrics). */
long server_open_connections(void);
/* The port actually bound (useful with port 0). */
unsigned server_port(void);

#endif
