/* A live room's subscriber: its bounded frame queue and the content reader
 * that drains it into a suspended-when-idle libmicrohttpd connection. */
#include "live/live_sub.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/log.h"
#include "db/db.h"
#include "live/live_replay.h"

static atomic_long open_streams;
static atomic_long dropped_total;

long live_sub_open_count(void)
{
    return atomic_load(&open_streams);
}

long live_sub_dropped_count(void)
{
    return atomic_load(&dropped_total);
}

struct live_sub *live_sub_new(struct MHD_Connection *conn, int64_t room_id, const struct live_viewer *v)
{
    struct live_sub *s = xcalloc(1, sizeof *s);
    pthread_mutex_init(&s->lock, NULL);
    atomic_init(&s->refs, 1);
    atomic_init(&s->gone, false);
    s->conn = conn;
    s->room_id = room_id;
    s->viewer = *v;
    atomic_fetch_add(&open_streams, 1);
    return s;
}

void live_sub_ref(struct live_sub *s)
{
    atomic_fetch_add_explicit(&s->refs, 1, memory_order_relaxed);
}

/* Drops every queued frame. Under s->lock (or with no other user left). */
static void queue_clear(struct live_sub *s)
{
    for (unsigned i = 0; i < s->qlen; i++)
        live_frame_unref(s->queue[(s->qhead + i) % s->qcap]);
    s->qhead = s->qlen = 0;
    s->qbytes = s->head_off = 0;
}

void live_sub_unref(struct live_sub *s)
{
    if (!s || atomic_fetch_sub_explicit(&s->refs, 1, memory_order_acq_rel) != 1)
        return;
    queue_clear(s);
    free(s->queue);
    free(s->replay);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

/* Lets libmicrohttpd process the connection again. Under s->lock. */
static void wake(struct live_sub *s)
{
    if (!s->suspended)
        return;
    s->suspended = false;
    if (s->conn)
        MHD_resume_connection(s->conn);
}

/* Makes room for one more frame in the ring. Under s->lock. */
static void queue_grow(struct live_sub *s)
{
    if (s->qlen < s->qcap)
        return;
    unsigned cap = s->qcap ? s->qcap * 2 : 8;
    struct live_frame **q = xmalloc(cap * sizeof *q);
    for (unsigned i = 0; i < s->qlen; i++)
        q[i] = s->queue[(s->qhead + i) % s->qcap];
    free(s->queue);
    s->queue = q;
    s->qcap = cap;
    s->qhead = 0;
}

bool live_sub_push(struct live_sub *s, struct live_frame *f)
{
    pthread_mutex_lock(&s->lock);
    bool alive = !s->dropped && !s->closing;
    if (alive && (f->id == 0 || f->id > s->live_after) && live_may_see(&s->viewer, f->audience, f->user_id)) {
        if (s->qlen + 1 > LIVE_QUEUE_MAX_FRAMES || s->qbytes + f->len > LIVE_QUEUE_MAX_BYTES) {
            s->dropped = true;
            alive = false;
            queue_clear(s);
            atomic_fetch_add(&dropped_total, 1);
        } else {
            queue_grow(s);
            s->queue[(s->qhead + s->qlen) % s->qcap] = live_frame_ref(f);
            s->qlen++;
            s->qbytes += f->len;
        }
        wake(s);
    }
    pthread_mutex_unlock(&s->lock);
    return alive;
}

void live_sub_close(struct live_sub *s)
{
    pthread_mutex_lock(&s->lock);
    s->closing = true;
    wake(s);
    pthread_mutex_unlock(&s->lock);
}

/* Copies queued frames into buf[0..cap), returns the bytes copied. Under s->lock. */
static size_t queue_drain(struct live_sub *s, char *buf, size_t cap)
{
    size_t n = 0;
    while (s->qlen && n < cap) {
        struct live_frame *f = s->queue[s->qhead];
        size_t take = f->len - s->head_off;
        if (take > cap - n)
            take = cap - n;
        memcpy(buf + n, f->text + s->head_off, take);
        n += take;
        s->head_off += take;
        s->qbytes -= take;
        if (s->head_off == f->len) {
            live_frame_unref(f);
            s->qhead = (s->qhead + 1) % s->qcap;
            s->qlen--;
            s->head_off = 0;
        }
    }
    return n;
}

/* Copies pending replay bytes into buf[0..cap), reading the next batch of
 * stored events when the last one is sent. Returns the bytes copied; 0 once
 * the replay is over. Only the reader's thread touches the replay state. */
static size_t replay_drain(struct live_sub *s, char *buf, size_t cap)
{
    while (s->replay_off == s->replay_len) {
        free(s->replay);
        s->replay = NULL;
        s->replay_len = s->replay_off = 0;
        if (s->replay_after >= s->replay_upto)
            return 0;
        struct buf b = BUF_INIT;
        struct db *db = db_get();
        int rows = db ? live_replay_fetch(db, s->room_id, &s->viewer, &s->replay_after, s->replay_upto, &b) : -1;
        if (rows <= 0) {
            /* An error ends the replay; the browser has what it got so far. */
            if (rows < 0)
                log_event(LOG_ERROR, NULL, "live replay failed", NULL);
            s->replay_after = s->replay_upto;
        }
        s->replay = buf_detach(&b, &s->replay_len);
    }
    size_t take = s->replay_len - s->replay_off;
    if (take > cap)
        take = cap;
    memcpy(buf, s->replay + s->replay_off, take);
    s->replay_off += take;
    return take;
}

ssize_t live_sub_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)pos;
    struct live_sub *s = cls;
    size_t cap = max < LIVE_READ_MAX ? max : LIVE_READ_MAX;
    size_t n = 0;
    if (!s->greeted && cap >= 32) {
        n = (size_t)snprintf(buf, cap, "retry: %d\n\n", LIVE_RETRY_MS);
        s->greeted = true;
    }
    n += replay_drain(s, buf + n, cap - n);
    pthread_mutex_lock(&s->lock);
    if (s->dropped) {
        pthread_mutex_unlock(&s->lock);
        return MHD_CONTENT_READER_END_WITH_ERROR;
    }
    n += queue_drain(s, buf + n, cap - n);
    if (n == 0) {
        if (s->closing) {
            pthread_mutex_unlock(&s->lock);
            return MHD_CONTENT_READER_END_OF_STREAM;
        }
        s->suspended = true;
        if (s->conn)
            MHD_suspend_connection(s->conn);
    }
    pthread_mutex_unlock(&s->lock);
    return (ssize_t)n;
}

void live_sub_finished(void *cls)
{
    struct live_sub *s = cls;
    atomic_store(&s->gone, true);
    atomic_fetch_sub(&open_streams, 1);
    live_sub_unref(s);
}

bool live_sub_is_gone(struct live_sub *s)
{
    return atomic_load(&s->gone);
}
