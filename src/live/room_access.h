/* Who may watch a room, and as what. */
#ifndef DXHUB_LIVE_ROOM_ACCESS_H
#define DXHUB_LIVE_ROOM_ACCESS_H

#include <stdbool.h>
#include <stdint.h>

#include "http/request.h"

struct live_viewer {
    int64_t user_id; /* 0 for a visitor */
    bool moderator;  /* the session's moderators, the event's organisers, admins */
};

/* Fills *v for the request's caller in room room_id (a session id).
 * 1: the caller may watch; 0: no such room, or the caller may not see it
 * (a draft event's session for a non-organiser): 404; -1: database error. */
int room_viewer(struct request *req, int64_t room_id, struct live_viewer *v);

#endif
