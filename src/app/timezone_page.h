/* The time-zone picker: the zone event times are also shown in. */
#ifndef DXHUB_APP_TIMEZONE_PAGE_H
#define DXHUB_APP_TIMEZONE_PAGE_H

#include "http/request.h"

/* GET /timezone : the picker, with the viewer's zone selected (none when no
 * zone is chosen yet: app.js then pre-selects the browser's).
 *   next  the local page to go back to (default "/"). */
void page_timezone_form(struct request *req);
/* POST /timezone : sets the viewer's zone, then redirects (303) to next.
 *   tz    an IANA zone from the list; anything else is 422, form kept
 *   next  the local page to go back to; anything else is "/"
 * A signed-in person's users.tz is updated; a visitor gets the "tz" cookie
 * for a year. */
void page_timezone_set(struct request *req);

#endif
