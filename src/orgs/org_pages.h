/* Pages of organisations: the list, an organisation's page with its
 * members, and the forms that create and edit one. */
#ifndef DXHUB_ORGS_ORG_PAGES_H
#define DXHUB_ORGS_ORG_PAGES_H

#include "http/request.h"

void page_orgs(struct request *req);          /* GET  /orgs?before= */
void page_org(struct request *req);           /* GET  /orgs/{slug}?invited=1|joined=1|... */
void page_org_new_form(struct request *req);  /* GET  /orgs/new */
void page_org_new(struct request *req);       /* POST /orgs/new */
void page_org_edit_form(struct request *req); /* GET  /orgs/{slug}/edit */
void page_org_edit(struct request *req);      /* POST /orgs/{slug}/edit */

/* Renders the page of the organisation at the route's {slug} with status,
 * and when message is given, that message beside form field `field` (NULL:
 * for the whole page). The invitation form keeps what was posted. Used by
 * the membership actions to answer a refused request in place. */
void org_page_render(struct request *req, unsigned status, const char *field, const char *message);

#endif
