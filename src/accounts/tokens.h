/* Single-use links sent by email: account verification, password reset,
 * first password for an account made on the command line. */
#ifndef DXHUB_ACCOUNTS_TOKENS_H
#define DXHUB_ACCOUNTS_TOKENS_H

#include <stdint.h>

#include "accounts/secret.h"
#include "core/arena.h"
#include "db/db.h"

#define TOKEN_VERIFY_TTL_S (7 * 24 * 3600)
#define TOKEN_RESET_TTL_S 3600
#define TOKEN_SET_PASSWORD_TTL_S (7 * 24 * 3600)

/* Creates a token for user_id and purpose ("verify", "reset",
 * "set_password") valid for ttl_s seconds, writing its text (to put in the
 * link) into out. Earlier unused tokens of the same purpose stop working.
 * Runs inside the caller's transaction. Returns 0 or -1. */
int token_create(struct db *db, int64_t user_id, const char *purpose, int ttl_s, char out[SECRET_TEXT_LEN]);
/* token_create that also stores with the token next (a path already checked
 * by account_safe_next) and browser_hash (secret_hash of a cookie set in the
 * browser that asked for it); either may be NULL. */
int token_create_with(struct db *db, int64_t user_id, const char *purpose, int ttl_s, const char *next,
                      const char *browser_hash, char out[SECRET_TEXT_LEN]);
/* What token_create_with stored with the live token text of purpose: *next
 * and *browser_hash become arena copies, or NULL when none was stored or the
 * token is not live. Does not use the token up. */
void token_context(struct db *db, struct arena *arena, const char *text, const char *purpose, const char **next,
                   const char **browser_hash);
/* The user the token belongs to when it is of that purpose, unused and not
 * expired, marking it used; 0 otherwise. Runs inside the caller's transaction. */
int64_t token_consume(struct db *db, const char *text, const char *purpose);
/* Like token_consume but without using it up (to show the form behind the link). */
int64_t token_peek(struct db *db, const char *text, const char *purpose);

#endif
