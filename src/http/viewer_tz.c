/* The viewer's time zone: from the profile, or a visitor's cookie. */
#include "http/viewer_tz.h"

#include "i18n/tz.h"

const char *request_viewer_tz(const struct request *req)
{
    if (req->caller.user_id)
        return req->caller.tz && *req->caller.tz ? req->caller.tz : NULL;
    const char *cookie = request_cookie(req, VIEWER_TZ_COOKIE);
    return tz_valid(cookie) ? cookie : NULL;
}
