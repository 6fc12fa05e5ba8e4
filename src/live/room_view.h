/* The view objects of the room page and of the presenter view. */
#ifndef DXHUB_LIVE_ROOM_VIEW_H
#define DXHUB_LIVE_ROOM_VIEW_H

#include <jansson.h>
#include <stdbool.h>

#include "http/request.h"
#include "live/room.h"

/* The room page's object for the caller: title, event, room (state, urls,
 * settings), questions as the caller may see them (query sort and language
 * applied), pinned, log, polls, chat, the ask form (posted values kept),
 * csrf and the strings room.js needs. With present, the presenter view's:
 * the pinned question and the ten most voted shown ones only. New
 * reference, NULL on a database error. */
json_t *room_view(struct request *req, const struct room *r, bool present);

#endif
