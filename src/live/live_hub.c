/* The live hub: topics per room, the fan-out thread, heartbeat and shutdown. */
#include "live/live_hub.h"

#include <errno.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/log.h"
#include "db/db.h"
#include "http/metrics.h"
#include "live/live.h"
#include "live/live_replay.h"

#define TOPIC_BUCKETS 256
#define STOP_WAIT_MS 3000

struct topic {
    int64_t room_id;
    int64_t last_id; /* events up to this id were handed to the subscribers */
    struct live_sub *subs;
    long nsubs;
    bool pending; /* on the pending list: new events to read */
    struct topic *next, *next_pending;
};

/* A room's new events, read outside the hub's lock. */
struct batch {
    int64_t room_id, after;
    struct live_frame **frames;
    size_t n;
    bool more; /* a full batch: read the room again */
};

static struct {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_t thread;
    bool running, stopping;
    unsigned heartbeat_s;
    struct topic *buckets[TOPIC_BUCKETS];
    struct topic *pending;
    long nsubs;
    struct live_frame *heartbeat;
} hub = {.lock = PTHREAD_MUTEX_INITIALIZER, .heartbeat_s = 15};

void live_set_heartbeat(unsigned seconds)
{
    hub.heartbeat_s = seconds ? seconds : 15;
}

static struct topic **bucket_of(int64_t room_id)
{
    return &hub.buckets[(uint64_t)room_id % TOPIC_BUCKETS];
}

static struct topic *topic_find(int64_t room_id)
{
    for (struct topic *t = *bucket_of(room_id); t; t = t->next)
        if (t->room_id == room_id)
            return t;
    return NULL;
}

/* Puts t on the pending list and wakes the hub. Under the lock. */
static void topic_mark(struct topic *t)
{
    if (t->pending)
        return;
    t->pending = true;
    t->next_pending = hub.pending;
    hub.pending = t;
    pthread_cond_signal(&hub.wake);
}

static void sub_unlink(struct topic *t, struct live_sub *s)
{
    if (s->prev)
        s->prev->next = s->next;
    else
        t->subs = s->next;
    if (s->next)
        s->next->prev = s->prev;
    s->prev = s->next = NULL;
    s->attached = false;
    t->nsubs--;
    hub.nsubs--;
    live_sub_unref(s);
}

int live_hub_attach(struct live_sub *s, int64_t after, int64_t known_last)
{
    pthread_mutex_lock(&hub.lock);
    if (!hub.running || hub.stopping) {
        pthread_mutex_unlock(&hub.lock);
        return -1;
    }
    struct topic *t = topic_find(s->room_id);
    if (!t) {
        t = xcalloc(1, sizeof *t);
        t->room_id = s->room_id;
        t->last_id = known_last;
        t->next = *bucket_of(s->room_id);
        *bucket_of(s->room_id) = t;
        /* Events committed after the caller's read may have been notified
         * while nobody watched: look now rather than at the next tick. */
        topic_mark(t);
    }
    /* The hub may not have read the newest events yet (t->last_id lags):
     * those up to `from` are the browser's already, or older than "now". */
    int64_t now = known_last > t->last_id ? known_last : t->last_id;
    int64_t from = after < 0 ? now : after;
    s->replay_upto = t->last_id;
    s->replay_after = from < t->last_id ? from : t->last_id;
    s->live_after = from;
    live_sub_ref(s);
    s->next = t->subs;
    if (t->subs)
        t->subs->prev = s;
    t->subs = s;
    s->attached = true;
    t->nsubs++;
    hub.nsubs++;
    pthread_mutex_unlock(&hub.lock);
    return 0;
}

long live_hub_subscribers(void)
{
    pthread_mutex_lock(&hub.lock);
    long n = hub.nsubs;
    pthread_mutex_unlock(&hub.lock);
    return n;
}

void live_notify(int64_t room_id)
{
    pthread_mutex_lock(&hub.lock);
    struct topic *t = hub.running ? topic_find(room_id) : NULL;
    if (t)
        topic_mark(t);
    pthread_mutex_unlock(&hub.lock);
}

/* Reads the events of b->room_id after b->after (outside the lock), each
 * with today's audience (live_events_query): one frame per event, shared. */
static void batch_read(struct db *db, struct batch *b)
{
    b->n = 0;
    b->more = false;
    struct db_stmt *st = db ? live_events_query(db, b->room_id, b->after, INT64_MAX, LIVE_FETCH_BATCH) : NULL;
    if (!st)
        return;
    b->frames = xmalloc(LIVE_FETCH_BATCH * sizeof *b->frames);
    while (db_step(st) == DB_ROW)
        b->frames[b->n++] = live_frame_new(db_col_int(st, 0), (enum live_audience)db_col_int(st, 1), db_col_int(st, 2),
                                           db_col_text(st, 3), db_col_text(st, 4));
    db_reset(st);
    b->more = b->n == LIVE_FETCH_BATCH;
}

/* Hands f to every subscriber of t and forgets the finished ones. Under the lock. */
static void fan_out(struct topic *t, struct live_frame *f)
{
    for (struct live_sub *s = t->subs, *next; s; s = next) {
        next = s->next;
        if (live_sub_is_gone(s))
            sub_unlink(t, s);
        else
            live_sub_push(s, f);
    }
}

/* Delivers b's frames newer than what t's subscribers already have. Under the lock. */
static void batch_deliver(struct batch *b)
{
    struct topic *t = topic_find(b->room_id);
    for (size_t i = 0; i < b->n; i++) {
        if (t && b->frames[i]->id > t->last_id) {
            fan_out(t, b->frames[i]);
            t->last_id = b->frames[i]->id;
        }
        live_frame_unref(b->frames[i]);
    }
    free(b->frames);
    b->frames = NULL;
    if (t && b->more)
        topic_mark(t);
}

/* The heartbeat: a comment to every subscriber, which also finds dead
 * connections (libmicrohttpd only notices a closed peer when it writes);
 * forgets finished subscribers and empty topics, and looks for events
 * whose notification was missed. Under the lock. */
static void tick(void)
{
    for (size_t i = 0; i < TOPIC_BUCKETS; i++) {
        for (struct topic **tp = &hub.buckets[i]; *tp;) {
            struct topic *t = *tp;
            fan_out(t, hub.heartbeat);
            if (t->nsubs == 0 && !t->pending) {
                *tp = t->next;
                free(t);
                continue;
            }
            topic_mark(t);
            tp = &t->next;
        }
    }
}

static struct timespec after_seconds(unsigned s)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    ts.tv_sec += s;
    return ts;
}

static bool reached(const struct timespec *when)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > when->tv_sec || (now.tv_sec == when->tv_sec && now.tv_nsec >= when->tv_nsec);
}

static void *hub_main(void *arg)
{
    (void)arg;
    struct db *db = db_get();
    struct timespec next_tick = after_seconds(hub.heartbeat_s);
    size_t cap = 16;
    struct batch *work = xmalloc(cap * sizeof *work);
    pthread_mutex_lock(&hub.lock);
    while (!hub.stopping) {
        if (!hub.pending && !reached(&next_tick)) {
            int rc = pthread_cond_timedwait(&hub.wake, &hub.lock, &next_tick);
            if (rc != 0 && rc != ETIMEDOUT)
                continue;
        }
        if (hub.stopping)
            break;
        if (reached(&next_tick)) {
            tick();
            next_tick = after_seconds(hub.heartbeat_s);
        }
        size_t n = 0;
        for (struct topic *t = hub.pending; t; t = t->next_pending) {
            if (n == cap)
                work = xrealloc(work, (cap *= 2) * sizeof *work);
            work[n++] = (struct batch){.room_id = t->room_id, .after = t->last_id};
            t->pending = false;
        }
        hub.pending = NULL;
        pthread_mutex_unlock(&hub.lock);
        for (size_t i = 0; i < n; i++)
            batch_read(db, &work[i]);
        pthread_mutex_lock(&hub.lock);
        for (size_t i = 0; i < n; i++)
            batch_deliver(&work[i]);
    }
    pthread_mutex_unlock(&hub.lock);
    free(work);
    return NULL;
}

static void render_metrics(struct buf *out)
{
    buf_printf(out,
               "# HELP dxhub_live_streams Live room event streams open now.\n"
               "# TYPE dxhub_live_streams gauge\n"
               "dxhub_live_streams %ld\n"
               "# HELP dxhub_live_dropped_total Live room streams dropped for falling too far behind.\n"
               "# TYPE dxhub_live_dropped_total counter\n"
               "dxhub_live_dropped_total %ld\n",
               live_sub_open_count(), live_sub_dropped_count());
}

int live_start(void)
{
    pthread_mutex_lock(&hub.lock);
    if (hub.running) {
        pthread_mutex_unlock(&hub.lock);
        return 0;
    }
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&hub.wake, &attr);
    pthread_condattr_destroy(&attr);
    hub.heartbeat = live_frame_raw(": heartbeat\n\n");
    hub.stopping = false;
    int rc = pthread_create(&hub.thread, NULL, hub_main, NULL);
    hub.running = rc == 0;
    if (rc) {
        live_frame_unref(hub.heartbeat);
        pthread_cond_destroy(&hub.wake);
    }
    pthread_mutex_unlock(&hub.lock);
    if (rc) {
        log_event(LOG_ERROR, NULL, "cannot start the live hub", NULL);
        return -1;
    }
    metrics_add_source(render_metrics);
    return 0;
}

/* Ends every stream (resuming the waiting ones) and waits a little for
 * libmicrohttpd to finish them, so that none is left suspended. */
static void close_all(void)
{
    pthread_mutex_lock(&hub.lock);
    for (size_t i = 0; i < TOPIC_BUCKETS; i++)
        for (struct topic *t = hub.buckets[i]; t; t = t->next)
            for (struct live_sub *s = t->subs; s; s = s->next)
                live_sub_close(s);
    pthread_mutex_unlock(&hub.lock);
    for (int waited = 0; live_sub_open_count() > 0 && waited < STOP_WAIT_MS; waited += 10)
        usleep(10 * 1000);
}

void live_stop(void)
{
    pthread_mutex_lock(&hub.lock);
    bool running = hub.running && !hub.stopping;
    hub.stopping = true;
    pthread_cond_signal(&hub.wake);
    pthread_mutex_unlock(&hub.lock);
    if (!running)
        return;
    pthread_join(hub.thread, NULL);
    close_all();
    pthread_mutex_lock(&hub.lock);
    for (size_t i = 0; i < TOPIC_BUCKETS; i++) {
        while (hub.buckets[i]) {
            struct topic *t = hub.buckets[i];
            while (t->subs)
                sub_unlink(t, t->subs);
            hub.buckets[i] = t->next;
            free(t);
        }
    }
    hub.pending = NULL;
    live_frame_unref(hub.heartbeat);
    hub.heartbeat = NULL;
    pthread_cond_destroy(&hub.wake);
    hub.running = false;
    pthread_mutex_unlock(&hub.lock);
}
