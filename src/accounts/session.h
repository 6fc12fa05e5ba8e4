/* Sessions and CSRF tokens: who is asking, from the "sid" cookie
 * ("__Host-sid" behind HTTPS, see request_session_cookie).
 *
 * The cookie carries a random 256-bit token; the database stores only its
 * hash. A session ends after SESSION_IDLE_S without use or SESSION_MAX_S in
 * all, when its person is disabled or deleted, or on sign-out. Every form
 * carries the CSRF token: the session's own, or for a visitor the one in
 * the "csrf" cookie (double submit). */
#ifndef DXHUB_ACCOUNTS_SESSION_H
#define DXHUB_ACCOUNTS_SESSION_H

#include <stdint.h>

#include "db/db.h"
#include "http/request.h"

#define SESSION_IDLE_S (14 * 24 * 3600)
#define SESSION_MAX_S (60 * 24 * 3600)

/* Fills req->caller from the request's cookies (server hook). A session
 * cookie that is unknown, expired or of a disabled account is cleared. */
void session_load(struct request *req);
/* Starts a new session for user_id (sign-in): new token and CSRF token, the
 * old session of this browser (if any) ended, cookie set, req->caller
 * updated. Runs in its own transaction. Returns 0 or -1. */
int session_start(struct request *req, int64_t user_id);
/* Ends the caller's session and clears the cookie. */
void session_end(struct request *req);
/* Ends every session of user_id except keep_session_id (0: all). Returns
 * the number ended, or -1. Must run inside the caller's transaction. */
int session_end_all(struct db *db, int64_t user_id, int64_t keep_session_id);
/* The CSRF token to put in a form, creating the visitor cookie if needed. */
const char *session_csrf(struct request *req);

#endif
