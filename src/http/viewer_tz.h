/* The time zone a page is read in, besides the event's own. */
#ifndef DXHUB_HTTP_VIEWER_TZ_H
#define DXHUB_HTTP_VIEWER_TZ_H

#include "http/request.h"

/* The viewer's IANA zone: the signed-in person's (req->caller.tz, when not
 * empty), else a visitor's "tz" cookie when tz_valid() accepts it, else NULL
 * (no zone chosen). The string belongs to the request; never NULL req. */
const char *request_viewer_tz(const struct request *req);

/* The cookie that keeps a visitor's zone, and how long it lasts (a year). */
#define VIEWER_TZ_COOKIE "tz"
#define VIEWER_TZ_COOKIE_AGE (365L * 24 * 3600)

#endif
