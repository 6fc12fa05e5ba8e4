/* How a room's questions are laid out beyond the list: the moderators'
 * queue of questions awaiting approval, and the presenter view's list. */
#ifndef DXHUB_LIVE_ROOM_QUEUE_H
#define DXHUB_LIVE_ROOM_QUEUE_H

#include <jansson.h>

/* For a moderator's room page: sets in view "queue" (the pending questions
 * of questions, oldest first, each with "next_anchor": the anchor of the
 * card after it in the queue, else of the one before it, else "queue"),
 * "queue_count" and "queue_empty", and marks each pending question of
 * questions "in_queue" (the page lists it in the queue, not among the
 * others). questions is borrowed and stays in its order; the JSON twin
 * keeps every question there. */
void room_queue_view(json_t *view, json_t *questions);

/* For the presenter view: a new array of the ten most voted visible
 * questions of questions (borrowed, sorted by votes), plus the pinned one
 * when it is visible, kept in its place and marked "pinned" (the template
 * hides it there, since it is shown large above: never twice). */
json_t *room_present_questions(json_t *questions);

#endif
