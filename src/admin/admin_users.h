/* The admin pages of people's accounts: the searchable list, one account's
 * page, and the forms that change its role, disable or enable it and send
 * its verification email again. Every route here needs PERM_ADMIN. */
#ifndef DXHUB_ADMIN_ADMIN_USERS_H
#define DXHUB_ADMIN_ADMIN_USERS_H

#include "http/request.h"

#define ADMIN_USERS_PAGE 50
#define ADMIN_REASON_MAX 500 /* characters */

/* GET /admin/users : accounts by id, ADMIN_USERS_PAGE a page.
 *   q       part of a name or email address (case-insensitive; % and _ are literal)
 *   role    member | organiser | moderator | admin; absent or "": any
 *   status  active | unverified | disabled | deleted; absent or "": any
 *   after   keyset pagination: only accounts whose id is above this one
 * A filter that is wrong comes back as the page with the field marked
 * (422); a malformed `after` (only links make it) is a 400. */
void page_admin_users(struct request *req);

/* GET /admin/users/{id} : the account, its recent audit entries and the
 * forms below. 404 for an unknown id.
 *   done    after a change: role | disable | enable | verify | unchanged */
void page_admin_user(struct request *req);

/* POST /admin/users/{id}/role, field role: gives the account that role.
 * An admin cannot give up their own admin role (422). */
void page_admin_user_role(struct request *req);
/* POST /admin/users/{id}/disable, field reason (optional, at most
 * ADMIN_REASON_MAX characters): the account can no longer sign in and all
 * its sessions end. An admin cannot disable their own account (422). */
void page_admin_user_disable(struct request *req);
/* POST /admin/users/{id}/enable, field reason (optional): undoes disable. */
void page_admin_user_enable(struct request *req);
/* POST /admin/users/{id}/verify-email: a new verification link, by email,
 * for an account that is neither verified, disabled nor deleted. */
void page_admin_user_verify(struct request *req);

/* Each change above writes the account and its audit entry in one
 * transaction, then redirects (303) to /admin/users/{id}?done=…; a deleted
 * account is refused (422), an account already so changes nothing
 * (done=unchanged). */

/* The `refused` renderer of the four posts: the account page again with
 * what was typed, req->status being 403. */
void page_admin_user_refused(struct request *req);

#endif
