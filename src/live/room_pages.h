/* The pages of a live exchange room (routes in src/app/routes.c, section
 * "live rooms"); room id = session id. Anyone who may see the event sees
 * its rooms (a draft's only its managers: else 404); asking, voting, chat
 * and polls need a signed-in member; moderating needs a moderator of the
 * room (the session's moderators, the event's organisers, admins: else
 * 403). Changes are refused with 409 while the room is not open (not yet,
 * or closed: then it is a read-only archive). A change answers 303 back to
 * the room (or {"ok": true} with Accept: application/json); a refusal is
 * the room page again with the reason and what was typed. */
#ifndef DXHUB_LIVE_ROOM_PAGES_H
#define DXHUB_LIVE_ROOM_PAGES_H

#include "http/request.h"

/* GET /rooms/{id}: the room. ?sort=votes (default) or time; ?language=en,
 * fr or es shows only the questions in that language. */
void page_room(struct request *req);
/* GET /rooms/{id}/present: the presenter view: the pinned question, then
 * the top questions, in large type. */
void page_room_present(struct request *req);
/* The refused-CSRF page of every POST of a room: the room again, 403. */
void page_room_refused(struct request *req);

/* POST /rooms/{id}/questions: body (at most 500 characters), language
 * (en, fr, es; default the page's), anonymous (any value: shown as
 * anonymous to other participants). Pending until approved when the room
 * is pre-moderated. */
void page_room_ask(struct request *req);
/* POST /rooms/{id}/questions/{qid}/vote and .../unvote: one vote per
 * person; voting twice or withdrawing no vote is 409. */
void page_room_vote(struct request *req);
void page_room_unvote(struct request *req);
/* POST /rooms/{id}/questions/{qid}/moderate: action approve, hide (with
 * reason off_topic, inappropriate, personal or other), merge (into: the id
 * of a shown question), answer, pin or unpin. */
void page_room_moderate(struct request *req);

/* POST /rooms/{id}/polls (moderators): question, options (one per line,
 * 2 to 10), multiple (any value: several choices), open (any value: open
 * it now, else a draft). */
void page_room_poll_create(struct request *req);
/* POST /rooms/{id}/polls/{pid}/state (moderators): action open, close,
 * show (the results) or hide. */
void page_room_poll_state(struct request *req);
/* POST /rooms/{id}/polls/{pid}/vote: option (one, or several for a
 * multiple-choice poll); once per person, while the poll is open. */
void page_room_poll_vote(struct request *req);

/* POST /rooms/{id}/chat: message (at most 280 characters), one per person
 * every 2 seconds (429), while the chat is on. */
void page_room_chat(struct request *req);
/* POST /rooms/{id}/chat/{mid}/hide (moderators). */
void page_room_chat_hide(struct request *req);

/* POST /rooms/{id}/settings (moderators): action save (premoderation,
 * chat: any value for on; opens_date and opens_time in the event's zone,
 * both empty: open now), close or reopen. */
void page_room_settings(struct request *req);
/* POST /rooms/{id}/outcome (the event's organisers and admins): appends
 * the answered questions and poll results to the event's outcome summary;
 * answers 303 to the record editor. */
void page_room_outcome(struct request *req);

/* The room's interface strings ({{t.room_*}}), registered at start-up. */
void rooms_register_strings(void);

#endif
