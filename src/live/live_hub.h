/* The in-process hub of live rooms: a topic per watched room with its
 * subscribers, and the thread that reads each room's new events once,
 * formats each frame once and hands it to the subscribers allowed to see
 * it; it also sends the heartbeat and sweeps finished connections.
 * live_notify, live_start and live_stop (live.h) are its public face. */
#ifndef DXHUB_LIVE_LIVE_HUB_H
#define DXHUB_LIVE_LIVE_HUB_H

#include <stdint.h>

#include "live/live_sub.h"

/* Events read per room and pass; a room with more is read again at once. */
#define LIVE_FETCH_BATCH 256

/* Subscribes s to its room (the hub takes its own reference). after: the
 * last event id the browser has (Last-Event-ID), or -1 for none (then only
 * events from now on are sent). known_last: the room's latest stored event
 * id as the caller read it (the hub may not have read that far yet). Sets
 * s's replay range (after, the room's last delivered id] and makes it skip
 * live events up to after (or up to now without one), so that every event
 * reaches it exactly once. Returns 0, or -1 when
 * the hub is not running (stopped, or stopping). */
int live_hub_attach(struct live_sub *s, int64_t after, int64_t known_last);

/* Subscribers attached now (all rooms), for tests. */
long live_hub_subscribers(void);

#endif
