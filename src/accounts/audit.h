/* The append-only audit log of security-relevant actions. */
#ifndef DXHUB_ACCOUNTS_AUDIT_H
#define DXHUB_ACCOUNTS_AUDIT_H

#include <stdint.h>

#include "db/db.h"
#include "http/request.h"

/* Records that req's caller (0 for a visitor) did `action` (a short code:
 * "signin", "signin_failed", "signup", "verify", "password_change",
 * "password_reset", "role_change", "account_disable", "account_enable",
 * "account_delete", "signout_everywhere", ...) to account subject_id (0:
 * none), with detail (plain words, no secrets, may be NULL) and the client
 * address. Runs on db, inside the caller's transaction if there is one.
 * Returns 0 or -1 (logged). req may be NULL (command line). */
int audit_record(struct db *db, struct request *req, const char *action, int64_t subject_id, const char *detail);
/* The same with an explicit actor (command line, or before a session exists). */
int audit_record_as(struct db *db, struct request *req, int64_t actor_id, const char *action, int64_t subject_id,
                    const char *detail);

#endif
