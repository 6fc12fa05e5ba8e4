/* The time-zone picker: shows the zone list and records the choice, in the
 * profile for signed-in people and in a cookie for visitors. */
#include "app/timezone_page.h"

#include "accounts/account_common.h"
#include "core/log.h"
#include "db/db.h"
#include "http/viewer_tz.h"
#include "i18n/tz.h"
#include "view/form.h"
#include "view/page.h"

static const char *const timezone_fields[] = {"tz", "next"};

/* The form, filled from the post (or the query's next and the viewer's
 * zone on a first showing). */
static json_t *timezone_page(struct request *req)
{
    json_t *page = FORM_PAGE(req, _("Your time zone"), timezone_fields);
    json_t *form = json_object_get(page, "form");
    const char *next = request_form(req, "next") ? request_form(req, "next") : request_query(req, "next");
    json_object_set_new(form, "next", json_string(account_safe_next(next, "/")));
    const char *tz = json_string_value(json_object_get(form, "tz"));
    const char *current = *tz ? tz : request_viewer_tz(req);
    json_object_set_new(page, "zones", form_zone_options(current));
    json_object_set_new(page, "detect", json_boolean(!current));
    return page;
}

void page_timezone_form(struct request *req) { form_render(req, "timezone", timezone_page(req)); }

/* Stores zone as the signed-in caller's own. Returns 0 or -1. */
static int save_user_tz(struct request *req, const char *zone)
{
    struct db *db = db_get();
    if (!db || db_begin(db))
        return -1;
    if (db_run(db, "UPDATE users SET tz = ? WHERE id = ?", "ti", zone, req->caller.user_id) || db_commit(db)) {
        db_rollback(db);
        return -1;
    }
    return 0;
}

void page_timezone_set(struct request *req)
{
    const char *zone = form_text(req, "tz");
    if (!tz_valid(zone)) {
        json_t *page = timezone_page(req);
        form_error(page, "tz", _("Please choose a time zone from the list."));
        form_render(req, "timezone", page);
        return;
    }
    if (req->caller.user_id) {
        if (save_user_tz(req, zone)) {
            log_event(LOG_ERROR, req->id, "time zone not saved", NULL);
            page_error(req, 500);
            return;
        }
    } else {
        request_set_cookie(req, VIEWER_TZ_COOKIE, zone, VIEWER_TZ_COOKIE_AGE);
    }
    request_redirect(req, account_safe_next(request_form(req, "next"), "/"));
}
