/* Server-Sent Events frames of a live room: the text of one event as it goes
 * on the wire, formatted once and shared (reference-counted) by every
 * connection that receives it. */
#ifndef DXHUB_LIVE_LIVE_FRAME_H
#define DXHUB_LIVE_LIVE_FRAME_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "live/live.h"
#include "live/room_access.h"

struct live_frame {
    atomic_int refs;
    int64_t id; /* room_events.id; 0 for a comment (heartbeat) */
    enum live_audience audience;
    int64_t user_id; /* with LIVE_USER */
    size_t len;
    char text[]; /* len bytes, NUL-terminated */
};

/* Appends the SSE frame "id: ID\nevent: TYPE\ndata: LINE\n...\n\n" to out.
 * Each line of data (split at CRLF, CR or LF) gets its own "data:" field,
 * so the browser rebuilds the same text; CR and LF in type (never expected)
 * become spaces, since they would end the field. NULL data sends "". */
void live_frame_format(struct buf *out, int64_t id, const char *type, const char *data);

/* A new frame (one reference, the caller's) for one room event: the text of
 * live_frame_format and who may receive it. Never NULL (aborts on OOM). */
struct live_frame *live_frame_new(int64_t id, enum live_audience audience, int64_t user_id, const char *type,
                                  const char *data);
/* A new frame holding text as is (comments, the retry hint); id 0, LIVE_ALL. */
struct live_frame *live_frame_raw(const char *text);
/* Takes one more reference; returns f. */
struct live_frame *live_frame_ref(struct live_frame *f);
/* Drops one reference; the last one frees the frame. NULL is ignored. */
void live_frame_unref(struct live_frame *f);

/* Whether viewer v may receive an event of this audience (user_id: the
 * person a LIVE_USER event is for): everyone for LIVE_ALL, moderators for
 * LIVE_MODERATORS, that person and the moderators for LIVE_USER. */
bool live_may_see(const struct live_viewer *v, enum live_audience audience, int64_t user_id);

#endif
