/* Membership of organisations: invitations by email, accepting them,
 * removing members (or leaving) and changing their role. Owners manage
 * their organisation, and the hub's administrators any (org_may_manage);
 * an organisation always keeps at least one owner. */
#ifndef DXHUB_ORGS_ORG_MEMBERS_H
#define DXHUB_ORGS_ORG_MEMBERS_H

#include "http/request.h"

#define ORG_INVITE_TTL_S (14 * 24 * 3600)

void page_org_invite(struct request *req);        /* POST /orgs/{slug}/invite */
void page_org_join_form(struct request *req);     /* GET  /orgs/join?token= */
void page_org_join(struct request *req);          /* POST /orgs/join */
void page_org_member_remove(struct request *req); /* POST /orgs/{slug}/members/{user_id}/remove */
void page_org_member_role(struct request *req);   /* POST /orgs/{slug}/members/{user_id}/role */

#endif
