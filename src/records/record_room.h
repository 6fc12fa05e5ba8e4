/* What the event's live rooms leave on its record: each session's answered
 * questions and the results of its closed polls, read from the live room
 * tables (src/live/ writes them; this only reads). */
#ifndef DXHUB_RECORDS_RECORD_ROOM_H
#define DXHUB_RECORDS_RECORD_ROOM_H

#include <jansson.h>

#include "db/db.h"
#include "http/request.h"

/* For each session of sessions (the event view's array of {"id", "title"},
 * borrowed: the sessions of event_id) whose room has any, a new array element {"session_id",
 * "title", "questions": [{"body", "lang", "votes", "votes_label"}] (the
 * answered ones, most voted first; never who asked), "polls": [{"question",
 * "voters_label", "options": [{"label", "votes", "percent", "result_label"}]}]
 * (closed polls only: drafts and open ones stay in the room)}. Sessions with
 * neither are left out. Labels are in the request's language. NULL on a
 * database error. */
json_t *record_rooms(struct request *req, struct db *db, int64_t event_id, json_t *sessions);

#endif
