/* The statistics page of an event and the switch that publishes it. */
#include <string.h>

#include "db/db.h"
#include "events/event_access.h"
#include "records/record_common.h"
#include "records/record_pages.h"
#include "records/stats.h"
#include "view/form.h"
#include "view/page.h"

/* The page for ev; req->status 403 (a refused token) is kept. */
static void stats_render(struct request *req, const struct event_ref *ev)
{
    struct db *db = db_get();
    int64_t published = 0;
    if (!db || db_one_int(db, "SELECT stats_public FROM events WHERE id = ?", &published, "i", ev->id) != 1) {
        page_error(req, 500);
        return;
    }
    /* Others see published statistics only: for them they do not exist before. */
    if (!ev->can_manage && !published) {
        page_error(req, 404);
        return;
    }
    const char *title = event_title(req, db, ev->id);
    json_t *stats = title ? stats_view(req, db, ev) : NULL;
    if (!stats) {
        page_error(req, 500);
        return;
    }
    json_t *page = form_page(req, _("Statistics"), NULL, 0);
    const char *url = arena_printf(req->arena, "/events/%s", ev->slug);
    json_object_set_new(page, "event", json_pack("{s:s, s:s, s:s}", "title", title, "slug", ev->slug, "url", url));
    json_object_set_new(page, "published", json_boolean(published));
    json_object_set_new(page, "stats", stats);
    if (ev->can_manage)
        json_object_set_new(page, "manage",
                            json_pack("{s:s, s:s, s:s, s:s}", "visibility_action",
                                      arena_printf(req->arena, "%s/stats/visibility", url), "record_url",
                                      arena_printf(req->arena, "%s/record", url), "csv_url",
                                      arena_printf(req->arena, "%s/registrations.csv", url), "xlsx_url",
                                      arena_printf(req->arena, "%s/registrations.xlsx", url)));
    form_render(req, "stats", page);
}

void page_event_stats(struct request *req)
{
    struct event_ref ev;
    if (event_require(req, &ev, EVENT_SEE))
        stats_render(req, &ev);
}

void page_event_stats_refused(struct request *req)
{
    struct event_ref ev;
    if (event_require(req, &ev, EVENT_MANAGE))
        stats_render(req, &ev);
}

static int visibility_save(struct request *req, struct db *db, const struct event_ref *ev, void *arg)
{
    bool publish = *(bool *)arg;
    if (db_run(db, "UPDATE events SET stats_public = ? WHERE id = ?", "ii", (int64_t)publish, ev->id) ||
        record_audit(req, db, ev, "stats_visibility", publish ? "statistics published" : "statistics private"))
        return -1;
    return 1;
}

void page_event_stats_visibility(struct request *req)
{
    struct event_ref ev;
    if (!event_require(req, &ev, EVENT_MANAGE))
        return;
    const char *value = request_form(req, "public");
    if (!value || (strcmp(value, "0") != 0 && strcmp(value, "1") != 0)) {
        page_error(req, 400);
        return;
    }
    bool publish = strcmp(value, "1") == 0;
    if (record_change(req, &ev, visibility_save, &publish))
        request_redirect(req, arena_printf(req->arena, "/events/%s/stats", ev.slug));
}
