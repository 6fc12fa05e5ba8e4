/* The organiser's home: the events they organise (every event for an
 * administrator), drafts included, and the series. */
#include <string.h>

#include "events/organise.h"
#include "events/organise_pages.h"
#include "http/router.h"
#include "view/form.h"
#include "view/page.h"

static json_t *event_row(struct db_stmt *st, int64_t arg)
{
    struct request *req = (struct request *)(intptr_t)arg;
    const char *slug = db_col_text(st, 0), *status = db_col_text(st, 1);
    const char *base = arena_printf(req->arena, "/events/%s", slug);
    const char *label = choice_label(organise_statuses, norganise_statuses, status);
    return json_pack(
        "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "slug", slug, "title", db_col_text(st, 2), "status", status,
        "status_label", label ? label : status, "date_label",
        organise_date_label(req, !db_col_is_null(st, 3), db_col_int(st, 3), db_col_text(st, 4), db_col_text(st, 5)),
        "url", base, "manage_url", arena_printf(req->arena, "%s/manage", base), "edit_url",
        arena_printf(req->arena, "%s/edit", base));
}

static json_t *series_row(struct db_stmt *st, int64_t arg)
{
    struct request *req = (struct request *)(intptr_t)arg;
    const char *slug = db_col_text(st, 0);
    return json_pack("{s:s, s:s, s:s, s:s}", "slug", slug, "title", db_col_text(st, 1), "url",
                     arena_printf(req->arena, "/series/%s", slug), "edit_url",
                     arena_printf(req->arena, "/series/%s/edit", slug));
}

/* Texts in the reader's language (?2), else the event's own. */
#define EVENT_ROWS                                                                                                     \
    "SELECT e.slug, e.status, COALESCE(t.title, d.title, e.slug), e.starts_at, e.tz, e.time_precision FROM events e "  \
    "LEFT JOIN event_texts d ON d.event_id = e.id AND d.lang = e.default_lang "                                        \
    "LEFT JOIN event_texts t ON t.event_id = e.id AND t.lang = ?2 "

/* Runs sql with ?1 = id and ?2 the reader's language into a new array of
 * row(st, req) objects; NULL on a database error. */
static json_t *collect(struct request *req, struct db *db, const char *sql, int64_t id,
                       json_t *(*row)(struct db_stmt *, int64_t))
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        return NULL;
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, i18n_code(req->lang));
    json_t *list = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(list, row(st, (int64_t)(intptr_t)req));
    db_reset(st);
    if (rc == DB_DONE)
        return list;
    json_decref(list);
    return NULL;
}

/*
 * GET /organise : the events the caller organises, drafts and undated ones
 * first, then the latest (an administrator sees every event), with their
 * status and links to manage them; for organisers and above, "New event"
 * and the series they organise (every series for an administrator).
 *   done   what was just done (series_created, saved, organiser_removed): a notice
 */
void page_organise(struct request *req)
{
    struct db *db = db_get();
    bool admin = req->caller.perm >= PERM_ADMIN, organiser = req->caller.perm >= PERM_ORGANISER;
    json_t *events = db ? collect(req, db,
                                  EVENT_ROWS "WHERE ?1 = 0 OR e.id IN (SELECT event_id FROM event_organisers "
                                             "WHERE user_id = ?1) "
                                             "ORDER BY e.status <> 'draft', e.starts_at IS NOT NULL, e.starts_at DESC, "
                                             "e.id DESC",
                                  admin ? 0 : req->caller.user_id, event_row)
                        : NULL;
    json_t *series = !organiser ? json_array()
                     : db       ? collect(req, db,
                                          "SELECT s.slug, COALESCE(t.title, d.title, s.slug) FROM series s "
                                                "LEFT JOIN series_texts d ON d.series_id = s.id AND d.lang = s.default_lang "
                                                "LEFT JOIN series_texts t ON t.series_id = s.id AND t.lang = ?2 "
                                                "WHERE ?1 = 0 OR s.id IN (SELECT series_id FROM series_organisers "
                                                "WHERE user_id = ?1) ORDER BY s.id",
                                          admin ? 0 : req->caller.user_id, series_row)
                                : NULL;
    if (!events || !series) {
        json_decref(events);
        json_decref(series);
        page_error(req, 500);
        return;
    }
    json_t *page = json_pack("{s:s, s:o, s:o, s:b, s:b}", "title", _("Events I organise"), "events", events, "series",
                             series, "can_create", organiser, "admin", admin);
    const char *notice = organise_notice(req);
    if (notice)
        json_object_set_new(page, "notice", json_string(notice));
    page_render(req, 200, "organise", page);
}
