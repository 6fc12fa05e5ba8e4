/* Helpers shared by the account pages and the admin screens. */
#ifndef DXHUB_ACCOUNTS_ACCOUNT_COMMON_H
#define DXHUB_ACCOUNTS_ACCOUNT_COMMON_H

#include <jansson.h>
#include <stdint.h>

#include "db/db.h"
#include "http/request.h"

/* Renders the generic message page: a title, a paragraph and an optional
 * link (url may be NULL), with status. */
void account_message(struct request *req, unsigned status, const char *title, const char *message,
                     const char *link_url, const char *link_label);
/* Queues the email `mail` ("verify", "reset", "set_password") to the
 * account with a fresh single-use link to path ("/verify", "/password/new")
 * valid ttl_s seconds, in the account's language. Inside the caller's
 * transaction. Returns 0 or -1. */
int account_send_link(struct db *db, int64_t user_id, const char *mail, const char *purpose, int ttl_s,
                      const char *path);
/* account_send_link that also keeps, with the link's token, next (a path
 * checked by account_safe_next, or NULL) and browser_hash (see
 * token_create_with; NULL for none). */
int account_send_link_with(struct db *db, int64_t user_id, const char *mail, const char *purpose, int ttl_s,
                           const char *path, const char *next, const char *browser_hash);
/* "Please try again in 3 minutes." in the request's language. */
const char *account_wait_message(struct request *req, int64_t seconds);
/* The local path to go to after signing in (or any other redirect a
 * visitor's input names): next when it is a plain path on this hub, else
 * fallback. Refused: anything not starting with "/", any byte outside
 * 0x21-0x7e (tabs and newlines that URL parsers drop), backslashes, and a
 * path part that, percent-decoded once, has an empty, "." or ".." segment
 * ("//host", "/%2F/host", "/./"), a backslash or a control character.
 * The query and fragment after '?' or '#' are not judged further. */
const char *account_safe_next(const char *next, const char *fallback);

#endif
