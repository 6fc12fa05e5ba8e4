/* What the record and statistics pages share: the event's languages in
 * the order forms show them, their names, the event's title, the audit
 * line of an organiser's change, and the attached documents as a view. */
#ifndef DXHUB_RECORDS_RECORD_COMMON_H
#define DXHUB_RECORDS_RECORD_COMMON_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"
#include "events/event_access.h"
#include "http/request.h"

#define RECORD_NLANGS 3

/* The content languages, the event's own (default_lang) first, then the
 * others in the order en, fr, es. Stores them in out and returns 3. */
int record_lang_order(const char *default_lang, const char *out[RECORD_NLANGS]);
/* "English", "French", "Spanish" in the request's language; NULL for an
 * unknown code. */
const char *record_lang_name(const char *code);
/* True for "en", "fr", "es". */
bool record_lang_valid(const char *code);

/* Logs to the audit log that the caller did action (a short code such as
 * "record_outcome") to event ev, with what (plain words, may be NULL).
 * Inside the caller's transaction. 0 or -1. */
int record_audit(struct request *req, struct db *db, const struct event_ref *ev, const char *action, const char *what);

/* The event's attached recordings, documents and graphic summaries, in
 * order: a new array of {"id", "kind", "kind_label", "title", "href",
 * "lang", "lang_name", "file": {"id", "name", "url", "type_label",
 * "size_label", "content_type", "size", "video", "audio", "image"} or null,
 * "session_id" and "session_title" (in the request's language, else the
 * event's; or null), "captions_url" (a WebVTT file, or null), "first",
 * "last"}. NULL on a database error. */
json_t *record_documents(struct request *req, struct db *db, int64_t event_id);

/* The label of a document kind ("recording", "document", "graphic"),
 * translated; NULL for an unknown kind. */
const char *record_kind_label(const char *kind);

/* The label of a registration status ("confirmed", "pending", ...),
 * translated; the status itself when unknown. */
const char *record_status_label(const char *status);

/* Reads the route parameter {name} as a positive id; 0 when it is not one. */
int64_t record_param_id(struct request *req, const char *name);

/* The number of characters (code points) of UTF-8 text s. */
size_t record_chars(const char *s);

/* A change to an event made in one write transaction: returns 1 done, 0
 * when what it names is not the event's, -1 on an error. arg is the
 * caller's. */
typedef int (*record_change_fn)(struct request *req, struct db *db, const struct event_ref *ev, void *arg);
/* Runs change inside a write transaction (BEGIN IMMEDIATE) and commits it.
 * True when committed; otherwise rolled back, and req is answered with the
 * error page: 404 when change returned 0, else 500. */
bool record_change(struct request *req, const struct event_ref *ev, record_change_fn change, void *arg);

/* The ordered lists of an event whose items can be moved. */
enum record_list { RECORD_PROPOSALS, RECORD_DOCUMENTS };
/* Moves item id of the event's list one place up or down (nothing when it
 * is first or last already), numbering the list 1..n on the way. Inside the
 * caller's transaction. 1 done, 0 no such item in this event, -1 error. */
int record_move(struct db *db, enum record_list list, int64_t event_id, int64_t id, bool up);
/* The position after the last item of the event's list. -1 on error. */
int64_t record_next_position(struct db *db, enum record_list list, int64_t event_id);

#endif
