/* The HTTP server: libmicrohttpd with epoll, a thread pool and the request lifecycle. */
#include "http/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "core/json_arena.h"
#include "core/log.h"
#include "db/db.h"
#include "http/conn_guard.h"
#include "http/compress.h"
#include "http/page_cache.h"
#include "http/metrics.h"
#include "http/origin.h"
#include "http/security.h"
#include "http/upload.h"

#define HEADERS_MAX_BYTES (16 * 1024)
/* libmicrohttpd's memory pool per connection: see server_start(). */
#define CONNECTION_POOL_BYTES (21 * 1024)
#define HEADERS_MAX_COUNT 100
#define API_PREFIX "/api/v1"

static struct MHD_Daemon *daemon_handle;
static struct server_config config;
static struct server_app app;
static atomic_long open_connections;
static atomic_long requests_in_flight;
static sigset_t stop_signals;

void server_error_page(struct request *req, unsigned status) { app.error_page(req, status); }

long server_open_connections(void) { return atomic_load(&open_connections); }

static int64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* MHD would percent-decode the path before we see it, turning "%2F" into a
 * separator; keep it raw and decode per segment in the router. */
static size_t keep_raw(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls, (void)c;
    return strlen(s);
}

static enum MHD_Result collect_query(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    struct request *req = cls;
    char *k = url_decode(req->arena, key, strlen(key), true, NULL);
    char *v = value ? url_decode(req->arena, value, strlen(value), true, NULL) : arena_strdup(req->arena, "");
    if (!k || !v) {
        req->bad_input = true;
        return MHD_NO;
    }
    kvlist_add(req->arena, &req->query, k, v);
    return MHD_YES;
}

struct header_tally {
    size_t bytes, count;
    const char *content_length; /* the first one seen */
    bool conflicting_length, chunked;
};

static enum MHD_Result tally_header(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    struct header_tally *t = cls;
    t->bytes += strlen(key) + (value ? strlen(value) : 0) + 4;
    t->count++;
    if (strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH) == 0) {
        if (t->content_length && (!value || strcmp(t->content_length, value) != 0))
            t->conflicting_length = true;
        t->content_length = value ? value : "";
    } else if (strcasecmp(key, MHD_HTTP_HEADER_TRANSFER_ENCODING) == 0) {
        t->chunked = true;
    }
    return MHD_YES;
}

static bool accepts_json(const char *accept)
{
    /* A browser's Accept lists text/html first; an API client asks for JSON. */
    return accept && strstr(accept, "application/json") && !strstr(accept, "text/html");
}

/* Whether req posts files to a route that takes them (the first POST route
 * whose pattern matches, as the router will pick), for a caller it admits. */
static bool takes_upload(struct request *req)
{
    if (!upload_is_multipart(req))
        return false;
    for (const struct route *r = app.routes; r < app.routes + app.nroutes; r++)
        if (r->method == HTTP_POST && router_pattern_match(r->pattern, req->raw_path, NULL, NULL)) {
            if (!r->upload)
                return false;
            /* Only a signed-in caller the route admits may make the server spool a large body:
             * their session is read now, before the body, instead of at dispatch. */
            app.caller_load(req);
            req->caller_loaded = true;
            return req->caller.user_id != 0 && req->caller.perm >= (int)r->perm;
        }
    return false;
}

static struct request *request_new(struct MHD_Connection *conn, const char *url, const char *method)
{
    struct arena *a = arena_create();
    struct request *req = arena_alloc(a, sizeof *req);
    req->arena = a;
    req->conn = conn;
    req->started_us = now_us();
    req->sql_started = db_statements();
    unsigned char rnd[8];
    randombytes_buf(rnd, sizeof rnd);
    sodium_bin2hex(req->id, sizeof req->id, rnd, sizeof rnd);
    req->method_name = arena_strdup(a, method);
    req->method = http_method_parse(method);
    req->body_limit = config.body_limit;
    req->status = 0;

    const char *raw = url;
    if (strncmp(raw, API_PREFIX, strlen(API_PREFIX)) == 0 &&
        (raw[strlen(API_PREFIX)] == '/' || raw[strlen(API_PREFIX)] == '\0')) {
        req->want_json = true;
        raw += strlen(API_PREFIX);
        if (*raw == '\0')
            raw = "/";
    }
    req->raw_path = arena_strdup(a, raw);
    req->path = url_decode(a, raw, strlen(raw), false, NULL);
    if (!req->path || raw[0] != '/') {
        req->bad_input = true;
        req->path = "(malformed)";
    }
    if (accepts_json(request_header(req, MHD_HTTP_HEADER_ACCEPT)))
        req->want_json = true;
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_query, req);

    struct header_tally t = {0};
    MHD_get_connection_values(conn, MHD_HEADER_KIND, tally_header, &t);
    if (t.bytes > HEADERS_MAX_BYTES || t.count > HEADERS_MAX_COUNT)
        req->status = 431;
    /* RFC 9112 §6.3: differing lengths, or a length beside chunked framing,
     * are how requests get smuggled past proxies: refuse them. */
    if (t.conflicting_length || (t.content_length && t.chunked))
        req->bad_input = true;
    bool upload = !req->bad_input && takes_upload(req);
    if (upload)
        req->body_limit = config.upload_limit;
    const char *length = request_header(req, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (length && strtoull(length, NULL, 10) > req->body_limit)
        req->too_large = true;
    if (upload && !req->too_large)
        upload_begin(req, config.body_limit);
    atomic_fetch_add(&requests_in_flight, 1);
    return req;
}

#define BODY_FIRST 4096 /* a request body's first buffer; most forms fit */

static void body_append(struct request *req, const char *data, size_t size)
{
    if (req->too_large || req->body_len + size > req->body_limit) {
        req->too_large = true;
        return;
    }
    /* The buffer grows by doubling, up to the limit: allocating (and zeroing)
     * the whole limit for every form post cost about a MiB per request. */
    if (req->body_len + size + 1 > req->body_cap) {
        size_t cap = req->body_cap ? req->body_cap : BODY_FIRST;
        while (cap < req->body_len + size + 1)
            cap *= 2;
        cap = cap < req->body_limit + 1 ? cap : req->body_limit + 1;
        char *grown = arena_alloc(req->arena, cap);
        if (req->body_len)
            memcpy(grown, req->body, req->body_len);
        req->body = grown;
        req->body_cap = cap;
    }
    memcpy(req->body + req->body_len, data, size);
    req->body_len += size;
    req->body[req->body_len] = '\0';
}

static void parse_form(struct request *req)
{
    const char *type = request_header(req, MHD_HTTP_HEADER_CONTENT_TYPE);
    if (!req->body || !type || strncasecmp(type, "application/x-www-form-urlencoded", 33) != 0)
        return;
    if (form_parse_urlencoded(req->arena, req->body, req->body_len, &req->form))
        req->bad_input = true;
}

static void choose_language(struct request *req)
{
    const char *asked = request_query(req, "lang");
    const char *chosen = request_cookie(req, "lang");
    req->lang = i18n_negotiate(asked, chosen ? chosen : req->caller.lang,
                               request_header(req, MHD_HTTP_HEADER_ACCEPT_LANGUAGE));
    enum lang parsed;
    if (asked && i18n_parse(asked, &parsed))
        request_set_cookie(req, "lang", i18n_code(parsed), 365L * 24 * 3600);
    i18n_use(req->lang);
}

/* Every state-changing request carries the caller's CSRF token, in the
 * form field "csrf" or the X-CSRF-Token header (for scripts). */
static bool csrf_valid(struct request *req)
{
    const char *sent = request_form(req, "csrf");
    if (!sent)
        sent = request_header(req, "X-CSRF-Token");
    const char *want = req->caller.csrf;
    if (!sent || !want)
        return false;
    size_t n = strlen(want);
    return n > 0 && strlen(sent) == n && sodium_memcmp(sent, want, n) == 0;
}

/* Runs the route's handler, or the error page the request has earned. */
static void dispatch(struct request *req)
{
    bool broken = req->status == 431 || req->bad_input || req->too_large;
    if (!broken && !req->caller_loaded)
        app.caller_load(req);
    choose_language(req);
    if (broken) {
        app.error_page(req, req->status == 431 ? 431 : req->too_large ? 413 : 400);
        return;
    }
    char allow[64];
    switch (router_match(app.routes, app.nroutes, req, allow, sizeof allow)) {
    case ROUTE_NOT_FOUND:
        app.error_page(req, 404);
        return;
    case ROUTE_WRONG_METHOD:
        request_add_header(req, MHD_HTTP_HEADER_ALLOW, arena_strdup(req->arena, allow));
        app.error_page(req, 405);
        return;
    case ROUTE_FOUND:
        break;
    }
    if (req->caller.perm < (int)req->route->perm) {
        if (req->caller.user_id == 0)
            app.signin_required(req);
        else
            app.error_page(req, 403);
        return;
    }
    parse_form(req);
    if (req->bad_input) {
        app.error_page(req, 400);
        return;
    }
    bool foreign = false;
    if (req->method != HTTP_GET && req->method != HTTP_HEAD &&
        ((foreign = !origin_same_site(req, config.base_url)) || !csrf_valid(req))) {
        log_event(LOG_WARN, req->id, foreign ? "request from another site refused" : "CSRF token refused", "route",
                  req->route->pattern, NULL);
        if (req->route->refused) {
            req->status = 403;
            req->route->refused(req);
            /* Whatever else the form page found wrong, the answer is the refusal. */
            if (req->status < 500)
                req->status = 403;
        } else {
            app.error_page(req, 403);
        }
        return;
    }
    /* What the handler reads may be newer than this, never older: cached
     * pages and fragments stored under it can only expire early. */
    req->cache_generation = db_generation();
    if (page_cache_answer(req))
        return;
    /* A GET reads one consistent snapshot, taking the database's shared lock once. */
    struct db *db = req->method == HTTP_GET || req->method == HTTP_HEAD ? db_get() : NULL;
    if (db)
        db_read_begin(db);
    req->route->handler(req);
    if (db)
        db_read_end(db);
    if (!req->stream_read)
        page_cache_store(req);
    if (req->status == 0) {
        log_event(LOG_ERROR, req->id, "handler produced no response", "route", req->route->pattern, NULL);
        app.error_page(req, 500);
    }
}

/* A streamed response's buffer for HTTP/1.0 clients (HTTP/1.1 ones get
 * chunks written straight into the connection's memory pool). Each open
 * live stream holds one, so it is small: 1 KiB cost 1.1 KB per stream. */
#define STREAM_BLOCK_SIZE 256

static enum MHD_Result send_response(struct request *req)
{
    struct MHD_Response *resp;
    bool stream = req->stream_read != NULL;
    if (stream) {
        resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, STREAM_BLOCK_SIZE, req->stream_read,
                                                 req->stream_cls, req->stream_free);
        if (!resp)
            req->stream_free(req->stream_cls);
        req->stream_read = NULL; /* cls belongs to the response now (or is freed) */
    } else {
        resp = MHD_create_response_from_buffer(req->resp_len, (void *)req->resp_body,
                                               req->resp_owned ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
        if (resp)
            req->resp_owned = false; /* MHD frees it now */
    }
    if (!resp)
        return MHD_NO;
    if (req->content_type)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, req->content_type);
    security_add_headers(resp, !stream);
    for (size_t i = 0; i < req->headers.n; i++)
        MHD_add_response_header(resp, req->headers.items[i].key, req->headers.items[i].value);
    enum MHD_Result ret = MHD_queue_response(req->conn, req->status, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* Logs and counts a finished request and frees it. */
static void request_end(struct request *req)
{
    int64_t duration = now_us() - req->started_us;
    log_request(req->id, req->method_name, req->path, req->status, duration, db_statements() - req->sql_started);
    metrics_record(req->route, req->status, duration);
    if (req->resp_owned)
        free((char *)req->resp_body);
    arena_destroy(req->arena);
    atomic_fetch_sub(&requests_in_flight, 1);
}

/* The body length the head announces: Content-Length, UINT64_MAX for a
 * chunked body, else 0. */
static uint64_t announced_length(struct request *req)
{
    const char *length = request_header(req, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (length)
        return strtoull(length, NULL, 10);
    return request_header(req, MHD_HTTP_HEADER_TRANSFER_ENCODING) ? UINT64_MAX : 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    (void)cls, (void)version;
    struct request *req = *con_cls;
    if (!req) {
        req = request_new(conn, url, method);
        *con_cls = req;
        conn_guard_head(conn, announced_length(req));
        /* A body we will refuse is answered before it is read (and the
         * connection closed); everything else waits for the second call,
         * where queueing keeps the connection alive. */
        if (!req->too_large)
            return MHD_YES;
    } else if (*upload_data_size) {
        conn_guard_body(conn, *upload_data_size);
        if (req->upload)
            upload_feed(req, upload_data, *upload_data_size);
        else
            body_append(req, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    conn_guard_answering(conn);
    upload_finish(req);
    /* The view objects and template output of this request live in its arena. */
    struct arena *outer = json_arena_use(req->arena);
    dispatch(req);
    compress_response(req);
    json_arena_use(outer);
    bool streamed = req->stream_read != NULL;
    enum MHD_Result ret = send_response(req);
    if (streamed) {
        /* A stream lasts as long as its client watches: the request ends
         * here, so that its arena is not held meanwhile. */
        request_end(req);
        *con_cls = NULL;
    }
    return ret;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode code)
{
    (void)cls, (void)code;
    conn_guard_idle(conn);
    struct request *req = *con_cls;
    if (!req)
        return;
    request_end(req);
    *con_cls = NULL;
}

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    (void)cls;
    bool started = code == MHD_CONNECTION_NOTIFY_STARTED;
    atomic_fetch_add(&open_connections, started ? 1 : -1);
    if (started)
        conn_guard_opened(conn, socket_context);
    else
        conn_guard_closed(socket_context);
}

static void on_mhd_error(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    msg[strcspn(msg, "\n")] = '\0';
    log_event(LOG_WARN, NULL, "libmicrohttpd", "detail", msg, NULL);
}

/* Parses "ADDR:PORT", "[V6]:PORT" or ":PORT" into addr. Returns 0 or -1. */
static int parse_listen(const char *listen, struct sockaddr_storage *addr, bool *v6)
{
    memset(addr, 0, sizeof *addr);
    const char *colon = strrchr(listen, ':');
    if (!colon || !colon[1])
        return -1;
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end || port < 0 || port > 65535)
        return -1;
    char host[64];
    size_t hlen = (size_t)(colon - listen);
    if (hlen >= sizeof host)
        return -1;
    memcpy(host, listen, hlen);
    host[hlen] = '\0';
    *v6 = host[0] == '[';
    if (*v6) {
        struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)addr;
        if (hlen < 2 || host[hlen - 1] != ']')
            return -1;
        host[hlen - 1] = '\0';
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)port);
        return inet_pton(AF_INET6, host + 1, &a6->sin6_addr) == 1 ? 0 : -1;
    }
    struct sockaddr_in *a4 = (struct sockaddr_in *)addr;
    a4->sin_family = AF_INET;
    a4->sin_port = htons((uint16_t)port);
    if (!host[0])
        return 0; /* INADDR_ANY */
    return inet_pton(AF_INET, host, &a4->sin_addr) == 1 ? 0 : -1;
}

static void raise_fd_limit(unsigned conns)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl))
        return;
    rlim_t want = (rlim_t)conns + 256; /* database, logs, epoll, listeners */
    if (rl.rlim_cur >= want)
        return;
    rl.rlim_cur = want <= rl.rlim_max ? want : rl.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &rl) || rl.rlim_cur < want) {
        char have[32];
        snprintf(have, sizeof have, "%llu", (unsigned long long)rl.rlim_cur);
        log_event(LOG_WARN, NULL, "open-file limit is below the connection limit", "nofile", have, NULL);
    }
}

int server_start(const struct server_config *cfg, const struct server_app *application)
{
    config = *cfg;
    app = *application;
    struct sockaddr_storage addr;
    bool v6 = false;
    if (parse_listen(cfg->listen, &addr, &v6)) {
        fprintf(stderr, "dxhub: cannot read the listen address \"%s\" (expected ADDR:PORT)\n", cfg->listen);
        return -1;
    }
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, NULL);
    signal(SIGPIPE, SIG_IGN);
    raise_fd_limit(cfg->conn_limit);

    unsigned threads = cfg->threads ? cfg->threads : (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
    if (threads < 1)
        threads = 1;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG |
                     MHD_ALLOW_SUSPEND_RESUME | (v6 ? MHD_USE_IPv6 : 0);
    metrics_init(app.routes, app.nroutes);
    struct MHD_OptionItem options[] = {
        /* The logger must come first, or MHD prints early messages itself. */
        {MHD_OPTION_EXTERNAL_LOGGER, (intptr_t)on_mhd_error, NULL},
        {MHD_OPTION_SOCK_ADDR, 0, &addr},
        {MHD_OPTION_CONNECTION_LIMIT, cfg->conn_limit, NULL},
        /* 0: no cap (behind a proxy every client has the proxy's address). */
        {MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->per_ip_limit, NULL},
        {MHD_OPTION_CONNECTION_TIMEOUT, cfg->conn_timeout_s, NULL},
        /* Each connection's pool holds its request head and response head.
         * libmicrohttpd 0.9.75 gives the read buffer half of the pool and
         * zeroes what the request left unused when it shrinks it, so about
         * half the pool stays resident for as long as a live stream is open:
         * 21 KiB is the least that still holds a 20 KiB head (we answer our
         * own translated 431 past 16 KiB) and measured 17.3 KB of RSS per
         * open stream (32 KiB: 23.7 KB). tests/http/errors.test.mjs guards it. */
        {MHD_OPTION_CONNECTION_MEMORY_LIMIT, CONNECTION_POOL_BYTES, NULL},
        {MHD_OPTION_UNESCAPE_CALLBACK, (intptr_t)keep_raw, NULL},
        {MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_completed, NULL},
        {MHD_OPTION_NOTIFY_CONNECTION, (intptr_t)on_connection, NULL},
        /* One thread is the internal polling thread itself, not a pool. */
        {threads > 1 ? MHD_OPTION_THREAD_POOL_SIZE : MHD_OPTION_END, threads, NULL},
        {MHD_OPTION_END, 0, NULL},
    };
    struct conn_guard_config guard = {.header_timeout_s = cfg->header_timeout_s,
                                      .request_timeout_s = cfg->request_timeout_s,
                                      .body_min_rate = cfg->body_min_rate,
                                      .conn_limit = cfg->conn_limit};
    if (conn_guard_start(&guard)) {
        fprintf(stderr, "dxhub: cannot start the connection watchdog\n");
        metrics_shutdown();
        return -1;
    }
    daemon_handle = MHD_start_daemon(flags, 0, NULL, NULL, on_request, NULL, MHD_OPTION_ARRAY, options,
                                     MHD_OPTION_END);
    if (!daemon_handle) {
        fprintf(stderr, "dxhub: cannot listen on %s: %s\n", cfg->listen,
                errno ? strerror(errno) : "address unavailable");
        conn_guard_stop();
        metrics_shutdown();
        return -1;
    }
    char port[16], nthreads[16];
    snprintf(port, sizeof port, "%u", server_port());
    snprintf(nthreads, sizeof nthreads, "%u", threads);
    log_event(LOG_INFO, NULL, "serving", "listen", cfg->listen, "port", port, "threads", nthreads, NULL);
    return 0;
}

unsigned server_port(void)
{
    const union MHD_DaemonInfo *info = daemon_handle ? MHD_get_daemon_info(daemon_handle, MHD_DAEMON_INFO_BIND_PORT)
                                                     : NULL;
    return info ? info->port : 0;
}

void server_stop(void)
{
    if (!daemon_handle)
        return;
    if (app.stopping)
        app.stopping();
    conn_guard_stop();
    MHD_stop_daemon(daemon_handle);
    daemon_handle = NULL;
    metrics_shutdown();
}

void server_wait_and_stop(void)
{
    int sig = 0;
    sigwait(&stop_signals, &sig);
    log_event(LOG_INFO, NULL, "stopping", "signal", sig == SIGTERM ? "SIGTERM" : "SIGINT", NULL);
    MHD_socket listener = MHD_quiesce_daemon(daemon_handle);
    if (listener != MHD_INVALID_SOCKET)
        close(listener);
    for (int waited_ms = 0; atomic_load(&requests_in_flight) > 0 && waited_ms < 10000; waited_ms += 20)
        usleep(20 * 1000);
    server_stop();
}
