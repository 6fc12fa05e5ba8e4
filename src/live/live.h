/* Live updates of exchange rooms over Server-Sent Events.
 *
 * A room is a session (room id = sessions.id). Whatever changes in a room
 * (a question asked, approved, voted on, pinned; a poll opened; a chat
 * message) is recorded as a row of room_events inside the writer's
 * transaction, then, once it committed, the writer calls live_notify(). An
 * in-process hub (a topic per room) reads the new rows once, formats each as
 * an SSE frame ("id: N\nevent: TYPE\ndata: JSON\n\n") and hands it to every
 * subscribed connection whose viewer may see it (audience), each through a
 * bounded buffer; connections wait suspended in libmicrohttpd, never a
 * thread each. A reconnecting browser sends Last-Event-ID and first receives
 * the stored rows it missed. A heartbeat comment goes out every 15 s. */
#ifndef DXHUB_LIVE_LIVE_H
#define DXHUB_LIVE_LIVE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"
#include "http/request.h"

/* Who may receive an event. */
enum live_audience {
    LIVE_ALL = 0,        /* everyone watching the room */
    LIVE_MODERATORS = 1, /* the room's moderators only (e.g. a question awaiting approval) */
    LIVE_USER = 2,       /* one person (user_id) and the moderators (e.g. your hidden question) */
};

/* Records event `type` with `data` (a JSON object, borrowed; serialised
 * compactly) for room_id on db, inside the caller's open write transaction.
 * user_id is used with LIVE_USER (else 0). Returns the event id, or -1. */
int64_t live_record(struct db *db, int64_t room_id, enum live_audience audience, int64_t user_id, const char *type,
                    json_t *data);

/* Call after the transaction that recorded events for room_id committed:
 * the hub delivers them to the room's subscribers. Cheap; never blocks on
 * slow clients. */
void live_notify(int64_t room_id);

/* The id of room_id's latest stored event (0: none yet). A room page puts
 * it in the stream's URL (?last_event_id=N) so that nothing that happens
 * between the page's rendering and the stream's start is lost or repeated. */
int64_t live_last_id(struct db *db, int64_t room_id);

/* Sets the heartbeat interval in seconds (default 15; 0 keeps the
 * default). Call before live_start. */
void live_set_heartbeat(unsigned seconds);

/* Starts and stops the hub (its thread, heartbeat). live_start returns 0 or
 * -1. live_stop ends every stream, resuming the suspended connections so
 * that libmicrohttpd finishes them (it must not be stopped with suspended
 * connections), waits up to 3 s for that, then stops the thread; afterwards
 * new streams are refused with 503. Calling it twice is harmless. */
int live_start(void);
void live_stop(void);

/* GET /rooms/{id}/stream : the room's text/event-stream for the caller
 * (room_viewer decides who may watch and what they see). Without a
 * Last-Event-ID (header, or ?last_event_id= for clients that cannot set
 * it) the stream starts with the events from now on. */
void page_room_stream(struct request *req);

#endif
