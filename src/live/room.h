/* What the room's files share (src/live/room_*.c): a room loaded for the
 * request's caller, the transaction every change runs in (recording live
 * events, then notifying the hub), and the room page rendered again with a
 * refusal. Room id = session id. */
#ifndef DXHUB_LIVE_ROOM_H
#define DXHUB_LIVE_ROOM_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"
#include "http/request.h"
#include "live/room_access.h"

enum room_state { ROOM_NOT_YET, ROOM_OPEN, ROOM_CLOSED };

struct room {
    int64_t id; /* the session's id */
    int64_t event_id;
    const char *event_slug, *event_status, *tz, *default_lang; /* arena copies */
    bool premoderation, chat_enabled;
    int64_t opens_at, closed_at, pinned_id; /* 0 when unset */
    enum room_state state;                  /* at load time */
    struct live_viewer viewer;
    bool manages_event; /* an organiser of the event, or an admin: settings, outcome */
};

/* Loads room id for the request's caller into *r. 1 found and visible to
 * the caller, 0 no such room or a draft event's room the caller does not
 * manage, -1 database error (logged). */
int room_load(struct request *req, int64_t id, struct room *r);

/* Loads the room named by the route parameter {id}; with moderate, also
 * requires the caller to moderate it. On failure answers req (404, 403,
 * 500) and returns false. */
bool room_require(struct request *req, struct room *r, bool moderate);

/* Reads the route parameter {name} as a positive id; 0 when it is not one. */
int64_t room_param_id(struct request *req, const char *name);

/* A change in one write transaction: returns 0 when done, else the HTTP
 * status of the refusal (400, 404, 409, 422, 429; 500 on a database error)
 * with *message (translated, may stay NULL) saying why. arg is the caller's.
 * It runs as a job of the batching writer (db/db_batch.h), possibly on
 * another request's thread: it uses the db it is given, reads req, and
 * renders nothing. */
typedef unsigned (*room_change_fn)(struct request *req, struct db *db, struct room *r, void *arg, const char **message);

/* Runs change in a write transaction (a savepoint in a batch of concurrent
 * changes and registrations), commits and notifies the live hub.
 * Then answers: JSON {"ok": true} (with Accept: application/json), or a
 * redirect to the room page at #anchor (the presenter view when the form
 * sent back=present; anchor may instead be a local path starting with "/").
 * A refusal rolls back and answers with the room page
 * (or the JSON error) with its status and message; 404 and 500 with the
 * error page. Returns true when committed. */
bool room_run(struct request *req, struct room *r, room_change_fn change, void *arg, const char *anchor);
/* room_run for a change that pages the page cache keeps show too (the
 * event's outcome summary): it empties the cache. room_run does not, since
 * no cached page shows a room's questions, votes, polls or chat. */
bool room_run_public(struct request *req, struct room *r, room_change_fn change, void *arg, const char *anchor);

/* Answers with the room page for r, status and a summary error (may be
 * NULL); the ask and chat forms keep what was posted. */
void room_render(struct request *req, struct room *r, unsigned status, const char *error);

/* Refuses a change when the room does not take part now (not open yet, or
 * closed): 409 with the reason, else 0. */
unsigned room_require_open(const struct room *r, const char **message);

/* Records for room r the current state of question qid as live events:
 * everyone sees a visible or answered question (the author's name unless
 * anonymous); a pending one goes to its asker and the moderators; a hidden
 * one is removed for everyone ("question_removed", no text) and shown with
 * its reason to its asker and the moderators. Inside the transaction. 0 or -1. */
int room_emit_question(struct db *db, const struct room *r, int64_t qid);

/* Appends a line to the room's moderation log and records the log's new
 * counts as a live event for everyone. Inside the transaction. 0 or -1. */
int room_log(struct request *req, struct db *db, const struct room *r, const char *action, const char *reason,
             int64_t question_id, int64_t message_id);

/* The public moderation log: a new array of {"action", "reason", "label",
 * "count"} (labels translated), NULL on error. */
json_t *room_log_counts(struct db *db, int64_t room_id);

/* Poll pid as JSON: {"id", "question", "multiple", "status", "show_results",
 * "voters", "options": [{"id", "label", "votes"?, "percent"?}]}; the counts
 * only when with_results. New reference, NULL when none or on error. */
json_t *room_poll_json(struct db *db, int64_t pid, bool with_results);

/* Records poll pid as live events: everyone gets it once it is out of
 * draft (results when shown); moderators also get it with results while
 * they are hidden, and alone receive a draft. 0 or -1. */
int room_emit_poll(struct db *db, const struct room *r, int64_t pid);

/* Makes sure room_id has its rooms row (the defaults), so that a setting
 * can be updated. Inside the caller's transaction. 0 or -1. */
int room_settings_row(struct db *db, int64_t room_id);

#endif
