/* Deleting one's own account: personal data removed, contributions in
 * public places kept under "former member", the audit log keeping only the
 * account's number. */
#ifndef DXHUB_PROFILES_ACCOUNT_DELETE_H
#define DXHUB_PROFILES_ACCOUNT_DELETE_H

#include <stdint.h>

#include "db/db.h"
#include "http/request.h"

void page_account_delete_form(struct request *req); /* GET  /account/delete */
void page_account_delete(struct request *req);      /* POST /account/delete */

/* Erases the personal data of user_id inside the caller's write
 * transaction: profile (with its countries, languages and tags),
 * organisation memberships, invitations addressed to the account's email,
 * emails to it in the outbox, the rate limit keyed by it ("reset-email:"),
 * sessions and email tokens; the users row
 * keeps its id with email "deleted-<id>@invalid", an empty name, no
 * password and deleted_at set. Does not check who may do it, nor the
 * organisations it is the only owner of (see org_sole_ownerships), and
 * records nothing in the audit log. Returns 0 or -1 (logged by the db
 * layer). */
int account_erase(struct db *db, int64_t user_id);

#endif
