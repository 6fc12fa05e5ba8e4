/* Pages of member profiles: editing one's own, seeing someone's as its
 * owner allows, and the directory of people who chose to be listed. */
#ifndef DXHUB_PROFILES_PROFILE_PAGES_H
#define DXHUB_PROFILES_PROFILE_PAGES_H

#include "http/request.h"

void page_profile_edit_form(struct request *req); /* GET  /account/profile?saved=1 */
void page_profile_edit(struct request *req);      /* POST /account/profile */
void page_person(struct request *req);            /* GET  /people/{id} */
void page_people(struct request *req);            /* GET  /people?group=&country=&tag=&before= */

#endif
