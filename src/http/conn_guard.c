/* Deadlines for slow clients and room kept near the connection limit (see conn_guard.h). */
#include "http/conn_guard.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include "core/alloc.h"

#define TICK_MS 250
/* Under pressure, a connection that has waited this long for its head is
 * no ordinary browser (they send it at once) and may be cut. */
#define PRESSURE_MIN_AGE_MS 1000

enum phase { PHASE_HEAD, PHASE_BODY, PHASE_ANSWERING, PHASE_CUT };

struct guarded {
    MHD_socket fd;
    _Atomic int phase;
    _Atomic int64_t since_ms;    /* when the phase began */
    _Atomic int64_t deadline_ms; /* for HEAD and BODY */
    _Atomic uint64_t expected, received;
    /* The watch list, under the lock: connections waiting for a head or a body
     * (or cut), oldest first. One being answered (a live stream can be, for
     * hours) has no deadline and stays off it, so sweeps cost what waits. */
    struct guarded *prev, *next;
    bool listed;
};

static struct conn_guard_config config;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static struct guarded *oldest, *newest;
static long count, watched; /* connections open; on the watch list */
static bool running, pressure_hint;
static pthread_t watchdog;
static atomic_uint_fast64_t cut_total;

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static struct guarded *of(struct MHD_Connection *conn)
{
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return info ? info->socket_context : NULL;
}

/* Starts phase p at since_ms with its deadline. The phase is stored last, so
 * the watchdog never sees the new phase with the old phase's deadline. */
static void set_phase(struct guarded *g, enum phase p, int64_t since_ms, int64_t deadline_ms)
{
    if (atomic_load(&g->phase) == PHASE_CUT)
        return;
    atomic_store(&g->since_ms, since_ms);
    atomic_store(&g->deadline_ms, deadline_ms);
    atomic_store(&g->phase, p);
}

/* The body's deadline: the request timeout from since_ms plus the time its
 * bytes (those announced, or those seen when none were) take at the minimum rate. */
static int64_t body_deadline(struct guarded *g, int64_t since_ms)
{
    uint64_t bytes = atomic_load(&g->expected);
    if (bytes == UINT64_MAX)
        bytes = atomic_load(&g->received);
    return since_ms + (int64_t)config.request_timeout_s * 1000 +
           (int64_t)(bytes * 1000 / (config.body_min_rate ? config.body_min_rate : 1));
}

/* Starts the head phase now. */
static void head_phase(struct guarded *g)
{
    int64_t now = now_ms();
    set_phase(g, PHASE_HEAD, now, now + (int64_t)config.header_timeout_s * 1000);
}

/* Puts g at the newest end of the watch list. Under the lock. */
static void watch_add(struct guarded *g)
{
    if (g->listed)
        return;
    g->prev = newest;
    g->next = NULL;
    if (newest)
        newest->next = g;
    else
        oldest = g;
    newest = g;
    g->listed = true;
    watched++;
}

/* Takes g off the watch list. Under the lock. */
static void watch_remove(struct guarded *g)
{
    if (!g->listed)
        return;
    if (g->prev)
        g->prev->next = g->next;
    else
        oldest = g->next;
    if (g->next)
        g->next->prev = g->prev;
    else
        newest = g->prev;
    g->prev = g->next = NULL;
    g->listed = false;
    watched--;
}

long conn_guard_watched(void)
{
    pthread_mutex_lock(&lock);
    long n = watched;
    pthread_mutex_unlock(&lock);
    return n;
}

void conn_guard_opened(struct MHD_Connection *conn, void **socket_context)
{
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
    struct guarded *g = xcalloc(1, sizeof *g);
    g->fd = info ? info->connect_fd : MHD_INVALID_SOCKET;
    head_phase(g);
    *socket_context = g;
    pthread_mutex_lock(&lock);
    watch_add(g);
    count++;
    if (running && config.conn_limit && (unsigned long)count >= config.conn_limit - config.conn_limit / 10) {
        pressure_hint = true;
        pthread_cond_signal(&wake);
    }
    pthread_mutex_unlock(&lock);
}

void conn_guard_closed(void **socket_context)
{
    struct guarded *g = *socket_context;
    if (!g)
        return;
    /* Under the lock, so that the watchdog never shuts down a descriptor
     * that libmicrohttpd has closed (and the kernel may have reused). */
    pthread_mutex_lock(&lock);
    watch_remove(g);
    count--;
    pthread_mutex_unlock(&lock);
    free(g);
    *socket_context = NULL;
}

void conn_guard_head(struct MHD_Connection *conn, uint64_t content_length)
{
    struct guarded *g = of(conn);
    if (!g)
        return;
    atomic_store(&g->expected, content_length);
    atomic_store(&g->received, 0);
    /* The deadline goes in with the phase: stored after it, a sweep in
     * between saw a body phase with no time left and cut a healthy request. */
    int64_t now = now_ms();
    set_phase(g, PHASE_BODY, now, body_deadline(g, now));
}

void conn_guard_body(struct MHD_Connection *conn, size_t n)
{
    struct guarded *g = of(conn);
    if (!g)
        return;
    atomic_fetch_add(&g->received, n);
    if (atomic_load(&g->expected) == UINT64_MAX)
        atomic_store(&g->deadline_ms, body_deadline(g, atomic_load(&g->since_ms)));
}

void conn_guard_answering(struct MHD_Connection *conn)
{
    struct guarded *g = of(conn);
    if (!g)
        return;
    /* No deadline; INT64_MAX, not 0, so that a sweep before the phase is
     * stored does not find the body phase out of time. */
    set_phase(g, PHASE_ANSWERING, now_ms(), INT64_MAX);
    pthread_mutex_lock(&lock);
    if (atomic_load(&g->phase) == PHASE_ANSWERING)
        watch_remove(g);
    pthread_mutex_unlock(&lock);
}

void conn_guard_idle(struct MHD_Connection *conn)
{
    struct guarded *g = of(conn);
    if (!g)
        return;
    head_phase(g);
    pthread_mutex_lock(&lock);
    watch_add(g);
    pthread_mutex_unlock(&lock);
}

uint64_t conn_guard_cut_total(void) { return atomic_load(&cut_total); }

/* Ends g's connection: libmicrohttpd sees the socket shut and closes it. Under the lock. */
static void cut(struct guarded *g)
{
    atomic_store(&g->phase, PHASE_CUT);
    if (g->fd != MHD_INVALID_SOCKET)
        shutdown(g->fd, SHUT_RDWR);
    atomic_fetch_add(&cut_total, 1);
}

/* One pass over the watch list, under the lock: cut those past their
 * deadline, then, while fewer than a tenth of the limit stays free, those
 * that have waited longest for a head (or trickle a body). Connections
 * being answered count towards the limit but are not walked. */
static void sweep(void)
{
    int64_t now = now_ms();
    long live = count, room = config.conn_limit ? (long)config.conn_limit - (long)config.conn_limit / 10 : count;
    for (struct guarded *g = oldest; g; g = g->next) {
        int p = atomic_load(&g->phase);
        if (p == PHASE_CUT) {
            live--; /* cut earlier, not closed yet */
        } else if ((p == PHASE_HEAD || p == PHASE_BODY) && now >= atomic_load(&g->deadline_ms)) {
            cut(g);
            live--;
        }
    }
    for (struct guarded *g = oldest; g && live >= room; g = g->next) {
        int p = atomic_load(&g->phase);
        int64_t age = now - atomic_load(&g->since_ms);
        bool trickling = p == PHASE_BODY && age > PRESSURE_MIN_AGE_MS &&
                         atomic_load(&g->received) * 1000 < (uint64_t)age * config.body_min_rate;
        if ((p == PHASE_HEAD && age > PRESSURE_MIN_AGE_MS) || trickling) {
            cut(g);
            live--;
        }
    }
}

static void *watch(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock);
    while (running) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += TICK_MS * 1000000L;
        if (until.tv_nsec >= 1000000000L)
            until.tv_sec++, until.tv_nsec -= 1000000000L;
        if (!pressure_hint)
            pthread_cond_timedwait(&wake, &lock, &until);
        pressure_hint = false;
        if (running)
            sweep();
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

int conn_guard_start(const struct conn_guard_config *cfg)
{
    config = *cfg;
    pthread_mutex_lock(&lock);
    running = true;
    pthread_mutex_unlock(&lock);
    if (pthread_create(&watchdog, NULL, watch, NULL)) {
        running = false;
        return -1;
    }
    return 0;
}

void conn_guard_stop(void)
{
    pthread_mutex_lock(&lock);
    bool was = running;
    running = false;
    pthread_cond_signal(&wake);
    pthread_mutex_unlock(&lock);
    if (was)
        pthread_join(watchdog, NULL);
}
