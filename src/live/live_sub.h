/* One watching connection of a live room (a subscriber): its viewer, the
 * stored events it still has to replay, and a bounded queue of live frames,
 * drained by libmicrohttpd through live_sub_read while the connection is
 * writable and suspended when there is nothing to send.
 *
 * Threads: the hub pushes frames (live_sub_push, live_sub_close) from its
 * own thread; libmicrohttpd calls live_sub_read and live_sub_finished from
 * the connection's worker thread. The queue and the suspended flag are under
 * the subscriber's lock, so a push either lands before the reader looks or
 * finds the connection suspended and resumes it: no wake-up is lost. The
 * connection is only touched by the hub while it is suspended, when
 * libmicrohttpd cannot close it. */
#ifndef DXHUB_LIVE_LIVE_SUB_H
#define DXHUB_LIVE_LIVE_SUB_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "live/live_frame.h"
#include "live/room_access.h"

struct MHD_Connection;

/* A connection that falls this far behind is dropped (it reconnects and
 * resumes with Last-Event-ID). */
#define LIVE_QUEUE_MAX_FRAMES 512
#define LIVE_QUEUE_MAX_BYTES (256 * 1024)
/* Largest piece handed to libmicrohttpd per call: it keeps the touched part
 * of each connection's memory pool (and so the server's memory) small. */
#define LIVE_READ_MAX 4096
/* The reconnection delay suggested to browsers, in milliseconds. */
#define LIVE_RETRY_MS 3000

struct live_sub {
    pthread_mutex_t lock;
    atomic_int refs;
    atomic_bool gone;            /* libmicrohttpd finished the response */
    struct MHD_Connection *conn; /* NULL in unit tests: suspending is then only recorded */
    struct live_viewer viewer;
    int64_t room_id;

    /* Under lock. */
    struct live_frame **queue; /* ring of qcap entries, qlen of them from qhead */
    unsigned qcap, qhead, qlen;
    size_t qbytes;   /* bytes of the queued frames not sent yet */
    size_t head_off; /* bytes of the first frame already sent */
    bool suspended, dropped, closing;

    /* Only the reader (one libmicrohttpd thread at a time) touches these. */
    bool greeted;                      /* the retry hint went out */
    int64_t replay_after, replay_upto; /* stored events in (after, upto] still to replay */
    char *replay;                      /* formatted replay frames, replay_off of replay_len sent */
    size_t replay_len, replay_off;

    /* Set when attached: frames up to this id are not queued (the browser
     * has them, or they are replayed). Under the hub's lock. */
    int64_t live_after;

    /* The hub's topic list, under the hub's lock. */
    struct live_sub *prev, *next;
    bool attached;
};

/* A new subscriber with one reference (the caller's) for viewer v of room
 * room_id on conn (may be NULL in tests). It counts as an open stream until
 * live_sub_finished. Never NULL. */
struct live_sub *live_sub_new(struct MHD_Connection *conn, int64_t room_id, const struct live_viewer *v);
void live_sub_ref(struct live_sub *s);
/* Drops a reference; the last frees the subscriber and its queue. */
void live_sub_unref(struct live_sub *s);

/* Queues f (a reference is taken) if s's viewer may see it and its id is
 * past s->live_after (comments always), and resumes
 * the connection when it waits. A subscriber whose queue would pass
 * LIVE_QUEUE_MAX_FRAMES or LIVE_QUEUE_MAX_BYTES is dropped instead: its
 * queue is emptied, the connection resumed to be closed, and the dropped
 * counter grows. Returns false once s is dropped or closing. */
bool live_sub_push(struct live_sub *s, struct live_frame *f);
/* Asks s to end its stream (server shutdown): resumes it if it waits; the
 * reader then ends the response. */
void live_sub_close(struct live_sub *s);

/* The libmicrohttpd content reader (MHD_ContentReaderCallback) of a stream,
 * cls = the subscriber: writes at most min(max, LIVE_READ_MAX) bytes: the
 * retry hint first, then the stored events to replay (read from the
 * database in small batches), then queued frames. With nothing to send it
 * suspends the connection and returns 0; a dropped subscriber ends with an
 * error (the connection is closed), a closing one with end of stream. */
ssize_t live_sub_read(void *cls, uint64_t pos, char *buf, size_t max);
/* The content reader's free callback: the response is gone, so is the
 * connection; drops the response's reference. */
void live_sub_finished(void *cls);
/* Whether libmicrohttpd is done with s (the hub then forgets it). */
bool live_sub_is_gone(struct live_sub *s);

/* Streams open now, and subscribers dropped for being too slow since start. */
long live_sub_open_count(void);
long live_sub_dropped_count(void);

#endif
