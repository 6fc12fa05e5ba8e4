/* The account export: one JSON file of everything the hub holds about the
 * person asking (their right of access and to portability). */
#ifndef DXHUB_PROFILES_ACCOUNT_EXPORT_H
#define DXHUB_PROFILES_ACCOUNT_EXPORT_H

#include <jansson.h>
#include <stdint.h>

#include "db/db.h"
#include "http/request.h"

/* GET /account/export : the download (attachment "dxhub-account.json"). */
void page_account_export(struct request *req);

/* The export of user_id as a new object: "format", "version",
 * "exported_at", "account" (email, name, role, lang, tz, created_at,
 * verified_at: never the password hash), "profile" (or null),
 * "organisations", "invitations_sent", "sessions" (created, last seen,
 * expiry, user agent, whether it is the current one) and "audit_log" (the
 * entries by or about the person; the address is given only for their own
 * actions, never for what others, such as administrators, did) and "emails"
 * (kind, subject, status and times of the messages to the account's
 * address; not their bodies, whose links may still work). Times are
 * ISO 8601 UTC. NULL on a database error (logged). */
json_t *account_export(struct request *req, struct db *db, int64_t user_id);

#endif
