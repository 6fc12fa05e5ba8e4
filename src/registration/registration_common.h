/* What the registration pages share: the event as their headings show it,
 * status words, the waitlist sentence, who may follow the join link, and
 * the short message page. */
#ifndef DXHUB_REGISTRATION_REGISTRATION_COMMON_H
#define DXHUB_REGISTRATION_REGISTRATION_COMMON_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"
#include "events/event_access.h"
#include "http/request.h"

/* The event for a page's heading: {title (req's language, else the
 * event's), url, time_event_label, time_yours_label} (labels "" when the
 * start is not known to the minute). A new object; NULL on a database error. */
json_t *reg_event_view(struct request *req, const struct event_ref *ev);

/* "Confirmed", "On the waitlist", ... in the thread's language. */
const char *reg_status_label(const char *status);

/* "You are number 12 on the waitlist." (arena), or NULL for position 0. */
const char *reg_position_label(struct request *req, int64_t position);

/* An instant on the event's clock and the viewer's, for a sentence:
 * "Thursday, 28 March 2024 at 15:00 CET (Europe/Brussels)", then " · " and
 * the viewer's when it reads differently. Arena string. */
const char *reg_instant_label(struct request *req, int64_t at, const char *event_tz);

/* Whether the caller may follow event_id's join link: those who manage it
 * (can_manage), its confirmed registrants and the members who speak at or
 * moderate one of its sessions. */
bool reg_may_join(struct db *db, const struct caller *c, int64_t event_id, bool can_manage);

/* How long before a session the join link opens: 30 minutes (the page
 * that says so names the figure: change both together). */
#define REG_JOIN_OPENS_BEFORE (30 * 60)

/* When the join link of ev opens, seen at `now`: REG_JOIN_OPENS_BEFORE
 * before the start of the earliest session that has not ended, else before
 * the event's start when it is to come; 0 when it is open for good (no
 * start to come), -1 on a database error. */
int64_t reg_join_opens_at(struct db *db, const struct event_ref *ev, int64_t now);

/* The sentence saying when ev's join link opens for the caller, on their
 * clock (arena), or NULL when it is open to them (organisers: always);
 * *error is set on a database error (NULL then too). */
const char *reg_join_opens_text(struct request *req, struct db *db, const struct event_ref *ev, bool *error);

/* Sets on obj "join_url" (/events/{slug}/join) when ev has a meeting
 * address and the caller may join, and "join_opens" (reg_join_opens_text)
 * while the link is not open yet. false on a database error. */
bool reg_join_view(struct request *req, struct db *db, const struct event_ref *ev, json_t *obj);

/* For GET /events/{slug}/join: when the link is not open yet for the
 * caller (organisers may always follow it), answers with the page that
 * says when it opens, on the caller's clock (200, not cached) and returns
 * true; also true after a 500. false: go on. */
bool reg_join_too_early(struct request *req, struct db *db, const struct event_ref *ev);

/* Renders the short message page: title, message, an optional link. */
void reg_message(struct request *req, unsigned status, const char *title, const char *message, const char *url,
                 const char *label);

/* The id in route parameter name, or 0 when it is not a positive number. */
int64_t reg_param_id(struct request *req, const char *name);

#endif
