/* People's accounts: creation and look-ups shared by the pages, the admin
 * screens and the command line. */
#ifndef DXHUB_ACCOUNTS_USERS_H
#define DXHUB_ACCOUNTS_USERS_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"

/* Checks and normalises a typed email address with the mailer's own rule
 * (mail_address_normalise: local part lower-cased, domain through IDNA).
 * Writes the normalised form into out (255 bytes). Returns false when the
 * hub could not send mail to it. */
bool user_email_normalise(const char *email, char out[255]);
/* Creates an account (inside the caller's transaction). password_hash may
 * be NULL (no password yet); role is "member", "organiser", "moderator" or
 * "admin"; lang "en"/"fr"/"es"; tz an IANA zone. Returns the new id, 0 when
 * the email is taken, -1 on error. */
int64_t user_create(struct db *db, const char *email, const char *name, const char *password_hash, const char *role,
                    const char *lang, const char *tz);
/* The id of the account with that (normalised) email, or 0. */
int64_t user_id_by_email(struct db *db, const char *email);
/* True when role names one of the four roles. */
bool user_role_valid(const char *role);

#endif
