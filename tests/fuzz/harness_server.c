/* The hub's HTTP server in a fuzz target, with routes that read what the
 * parsers under test produced. */
#include "harness_server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "accounts/secret.h"
#include "accounts/session.h"
#include "harness.h"
#include "http/server.h"
#include "http/upload.h"
#include "http/viewer_tz.h"
#include "records/sniff.h"

/* Answers with every decoded pair of list, so that the parsers' output is read through. */
static void echo_pairs(struct request *req, const struct kvlist *list)
{
    size_t total = 0;
    for (size_t i = 0; i < list->n; i++)
        total += strlen(list->items[i].key) + strlen(list->items[i].value);
    const char *body = arena_printf(req->arena, "%zu pairs, %zu bytes", list->n, total);
    request_respond(req, 200, "text/plain", body, strlen(body));
}

static void page_root(struct request *req)
{
    request_respond(req, 200, "text/plain", "ok", 2);
}

static void page_cookie(struct request *req)
{
    const char *names[] = {"lang", "csrf", "sid", VIEWER_TZ_COOKIE};
    struct kvlist seen = {0};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *v = request_cookie(req, names[i]);
        if (v)
            kvlist_add(req->arena, &seen, names[i], v);
    }
    const char *sid = request_cookie(req, "sid");
    if (sid) {
        char hash[SECRET_HASH_LEN];
        secret_hash(sid, hash); /* what session_load looks up */
        kvlist_add(req->arena, &seen, "sid hash", arena_strdup(req->arena, hash));
    }
    const char *tz = request_viewer_tz(req);
    kvlist_add(req->arena, &seen, "viewer tz", tz ? tz : "");
    echo_pairs(req, &seen);
}

static void page_params(struct request *req)
{
    echo_pairs(req, &req->params);
}

static void page_form(struct request *req)
{
    echo_pairs(req, &req->form);
}

/* What src/records/documents.c and files.c do with an uploaded file: type it
 * from its first bytes and make the name it is stored and served under. */
static void page_upload(struct request *req)
{
    struct upload_file *f = upload_get(req, "file");
    if (f && f->head_len > f->size)
        abort(); /* the sniffing head is never more than the file */
    const struct file_type *type = f ? sniff_type(f->head, f->head_len) : NULL;
    if (type) {
        const char *name = sniff_file_name(req->arena, f->filename, type->ext);
        /* Safe in a URL path segment and a Content-Disposition header. */
        if (strlen(name) > 80 || name[0] == '.' ||
            name[strspn(name, "abcdefghijklmnopqrstuvwxyz"
                              "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")])
            abort();
    }
    echo_pairs(req, &req->form);
}

static const struct route routes[] = {
    {HTTP_GET, "/", page_root, PERM_PUBLIC, false, NULL, false},
    {HTTP_GET, "/cookie", page_cookie, PERM_PUBLIC, false, NULL, false},
    {HTTP_GET, "/events/{slug}/sessions/{id}.ics", page_params, PERM_PUBLIC, false, NULL, false},
    {HTTP_POST, "/form", page_form, PERM_PUBLIC, false, page_form, false},
    {HTTP_POST, "/upload", page_upload, PERM_MEMBER, false, NULL, true},
};

/* The real session hook (which reads the sid and csrf cookies; without a
 * database it stops there), then a made-up member so that uploads are taken. */
static void caller_load(struct request *req)
{
    session_load(req);
    req->caller.user_id = 1;
    req->caller.perm = PERM_MEMBER;
    if (!req->caller.csrf)
        req->caller.csrf = "fuzz-token";
}

static void error_page(struct request *req, unsigned status)
{
    request_respond(req, status, "text/plain", "error", 5);
}

static void signin_required(struct request *req)
{
    request_redirect(req, "/signin");
}

static unsigned port;

static const char closing_request[] = "GET / HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\n\r\n";

void harness_server_start(void)
{
    harness_init_i18n();
    char *uploads = malloc(strlen(harness_tmpdir()) + 16);
    sprintf(uploads, "%s/uploads", harness_tmpdir());
    if (mkdir(uploads, 0700) != 0)
        abort();
    upload_set_dir(uploads);
    struct server_config cfg = {.listen = "127.0.0.1:0",
                                .threads = 1,
                                .conn_limit = 64,
                                .body_limit = 1 << 20,
                                .upload_limit = 8 << 20,
                                .conn_timeout_s = 10};
    struct server_app app = {.routes = routes,
                             .nroutes = sizeof routes / sizeof routes[0],
                             .caller_load = caller_load,
                             .signin_required = signin_required,
                             .error_page = error_page};
    if (server_start(&cfg, &app) != 0 || !(port = server_port())) {
        fprintf(stderr, "fuzz: the server did not start\n");
        abort();
    }
}

static void send_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return; /* the server closed early: that is its answer */
        p += w;
        n -= (size_t)w;
    }
}

/* A new connection to the server, with the receive timeout below. A
 * signal (libFuzzer's own timers) may interrupt connect: start again on a
 * new socket then, since an interrupted connect goes on in the background. */
static int connect_to_server(void)
{
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    /* libmicrohttpd waits for a body's missing bytes until its connection
     * timeout, half-closed or not: after 50 ms without a byte the answer is
     * taken as complete and the connection reset (a server that never
     * answers makes the runs slow, which run.sh shows, not a crash). */
    struct timeval tv = {.tv_usec = 50 * 1000};
    for (;;) {
        int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
            abort();
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        if (connect(fd, (struct sockaddr *)&addr, sizeof addr) == 0)
            return fd;
        int err = errno;
        close(fd);
        if (err != EINTR) {
            errno = err;
            perror("fuzz: connect");
            abort();
        }
    }
}

void harness_server_send(const char *head, const void *body, size_t body_len, const char *tail)
{
    int fd = connect_to_server();
    if (head)
        send_all(fd, head, strlen(head));
    if (body)
        send_all(fd, body, body_len);
    if (tail)
        send_all(fd, tail, strlen(tail));
    /* libmicrohttpd may miss the half-close of a connection it keeps alive
     * until its timeout; a last request that asks to close ends it at once
     * (or is just more body, or garbage after an error, and harmless). */
    send_all(fd, closing_request, sizeof closing_request - 1);
    shutdown(fd, SHUT_WR);
    char buf[16384];
    for (;;) {
        ssize_t r = recv(fd, buf, sizeof buf, 0);
        if (r > 0 || (r < 0 && errno == EINTR))
            continue;
        break; /* closed, reset or quiet */
    }
    /* Reset rather than linger: thousands of connections a second would
     * otherwise fill the loopback ports with TIME_WAIT, and a server still
     * waiting for a body stops at once. */
    struct linger lg = {.l_onoff = 1, .l_linger = 0};
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    close(fd);
}
