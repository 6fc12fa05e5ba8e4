/* Accounts made by an operator on the command line (`dxhub user add`): no
 * password yet, and a one-time link to choose one. */
#ifndef DXHUB_ADMIN_USER_ADD_H
#define DXHUB_ADMIN_USER_ADD_H

#include <stdint.h>

#include "accounts/secret.h"
#include "db/db.h"

#define ADMIN_NAME_MAX 200 /* bytes of a name */

/* Checks what `dxhub user add` was given: email (normalised into
 * email_out), name (1..ADMIN_NAME_MAX bytes of UTF-8 without control
 * characters), role (one of the four) and lang ("en", "fr", "es", or a tag
 * such as "fr-CA": its code goes into lang_out). Returns NULL when all is
 * well, else a plain English message naming the option at fault. */
const char *admin_user_add_check(const char *email, const char *name, const char *role, const char *lang,
                                 char email_out[255], const char **lang_out);

/* Creates the account (email already normalised, values checked as above)
 * in its own transaction: email counted as verified (an operator made it),
 * time zone UTC, and the audit entry "user_add_cli" (no actor, detail: the
 * role). With password_hash NULL the account has no password yet and a
 * "set_password" token valid TOKEN_SET_PASSWORD_TTL_S is written into
 * token; otherwise the account gets that hash and token may be NULL.
 * Returns the new id, 0 when the email is taken (nothing written), -1 on a
 * database error (logged). */
int64_t admin_user_add(struct db *db, const char *email, const char *name, const char *role, const char *lang,
                       const char *password_hash, char token[SECRET_TEXT_LEN]);

#endif
