/* Replaying a room's stored events to a reconnecting browser
 * (Last-Event-ID), in small batches. */
#ifndef DXHUB_LIVE_LIVE_REPLAY_H
#define DXHUB_LIVE_LIVE_REPLAY_H

#include <stdint.h>

#include "core/buf.h"
#include "db/db.h"
#include "live/room_access.h"

/* Rows read per batch. */
#define LIVE_REPLAY_BATCH 64

/* Prepares (cached statement) the read of up to limit events of room_id
 * with after < id <= upto, in id order, with columns: id, audience,
 * user_id (0 for none), type, data. The audience is today's, not the one
 * recorded: a frame about a question, chat message or poll that may not be
 * shown now is narrowed (a question pending or hidden since: its asker and
 * the moderators; a hidden chat message, which no page shows, a draft
 * poll, or results hidden since: the moderators). Never widened. The
 * live hub and the replay both read through it. NULL on a database error;
 * the caller steps and resets it. */
struct db_stmt *live_events_query(struct db *db, int64_t room_id, int64_t after, int64_t upto, int64_t limit);

/* Reads up to LIVE_REPLAY_BATCH events of room_id with *after < id <= upto,
 * in id order, appends the frames of those viewer v may see to out and
 * moves *after to the last id read (audience as live_events_query). Returns the number of rows read (0:
 * nothing left), or -1 on a database error. */
int live_replay_fetch(struct db *db, int64_t room_id, const struct live_viewer *v, int64_t *after, int64_t upto,
                      struct buf *out);

/* The id of room_id's latest stored event, 0 when there is none or on an
 * error. */
int64_t live_replay_last_id(struct db *db, int64_t room_id);

#endif
