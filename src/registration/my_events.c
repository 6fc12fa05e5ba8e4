/* A person's events: their registrations, and their personal calendar feed
 * ("my events"), whose secret address calendar applications subscribe to.
 * Only the secret's hash is kept, so its address is shown once, when made. */
#include "registration/registration_pages.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "accounts/secret.h"
#include "app/app.h"
#include "core/log.h"
#include "events/calendar.h"
#include "registration/registration.h"
#include "registration/registration_common.h"
#include "view/form.h"
#include "view/page.h"

#define FEED_SUFFIX ".ics"

/* The caller's registrations, soonest event first, cancelled ones last. NULL on error. */
static json_t *my_registrations(struct request *req, struct db *db)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT e.slug, COALESCE(t.title, d.title), e.starts_at, e.tz, e.time_precision, r.status, "
            "CASE WHEN r.status = 'waitlisted' THEN (SELECT count(*) FROM registrations w WHERE w.event_id = r.event_id "
            "AND w.status = 'waitlisted' AND w.waitlist_seq <= r.waitlist_seq) ELSE 0 END "
            "FROM registrations r JOIN events e ON e.id = r.event_id "
            "JOIN event_texts d ON d.event_id = e.id AND d.lang = e.default_lang "
            "LEFT JOIN event_texts t ON t.event_id = e.id AND t.lang = ?2 "
            "WHERE r.user_id = ?1 AND e.status <> 'draft' "
            "ORDER BY r.status IN ('cancelled', 'declined'), e.starts_at IS NULL, e.starts_at, e.id");
    if (!st)
        return NULL;
    db_bind_int(st, 1, req->caller.user_id);
    db_bind_text(st, 2, i18n_code(req->lang));
    json_t *list = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *slug = db_col_text(st, 0), *status = db_col_text(st, 5);
        json_t *row = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b}", "title", db_col_text(st, 1), "url",
                                arena_printf(req->arena, "/events/%s", slug), "registration_url",
                                arena_printf(req->arena, "/events/%s/registration", slug), "status", status,
                                "status_label", reg_status_label(status), "live", reg_status_live(status));
        if (!db_col_is_null(st, 2) && strcmp(db_col_text(st, 4), "minute") == 0)
            json_object_set_new(row, "when_label",
                                json_string(reg_instant_label(req, db_col_int(st, 2), db_col_text(st, 3))));
        const char *position = reg_position_label(req, db_col_int(st, 6));
        if (position)
            json_object_set_new(row, "position_label", json_string(position));
        json_array_append_new(list, row);
    }
    db_reset(st);
    if (rc == DB_ERROR) {
        json_decref(list);
        return NULL;
    }
    return list;
}

/* Renders the page; token (may be NULL) is a feed secret just made, shown once. */
static void render(struct request *req, const char *token)
{
    struct db *db = db_get();
    json_t *list = db ? my_registrations(req, db) : NULL;
    int64_t since = 0;
    int feed = list ? db_one_int(db, "SELECT created_at FROM calendar_feeds WHERE user_id = ?", &since, "i",
                                 req->caller.user_id)
                    : -1;
    if (feed < 0) {
        json_decref(list);
        page_error(req, 500);
        return;
    }
    json_t *page = form_page(req, _("My events"), NULL, 0);
    json_object_set_new(page, "registrations", list);
    json_object_set_new(page, "has_feed", json_boolean(feed == 1));
    if (token) {
        const char *base = app_base_url(), *host = strstr(base, "://");
        const char *path = arena_printf(req->arena, "/calendar/%s%s", token, FEED_SUFFIX);
        json_object_set_new(page, "feed_url", json_string(arena_printf(req->arena, "%s%s", base, path)));
        json_object_set_new(page, "webcal_url",
                            json_string(arena_printf(req->arena, "webcal://%s%s", host ? host + 3 : base, path)));
    }
    form_render(req, "my_events", page);
}

/*
 * GET /account/events : the caller's registrations (status, waitlist
 * position, both clocks) and their calendar feed: whether one exists and
 * the button that makes its address. Also renders a refused POST.
 */
void page_my_events(struct request *req) { render(req, NULL); }

/*
 * POST /account/events/feed : makes a new secret address for the caller's
 * "my events" feed and shows it (once); the previous one stops working.
 */
void page_my_events_feed(struct request *req)
{
    struct db *db = db_get();
    char token[SECRET_TEXT_LEN], hash[SECRET_HASH_LEN];
    secret_new(token);
    secret_hash(token, hash);
    if (!db || db_begin(db) ||
        db_run(db,
               "INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES (?, ?, ?) "
               "ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at",
               "iti", req->caller.user_id, hash, (int64_t)time(NULL)) ||
        db_commit(db)) {
        db_rollback(db);
        page_error(req, 500);
        return;
    }
    render(req, token);
}

/*
 * GET /calendar/{token}.ics : the "my events" feed of the person whose
 * secret token is, for calendar applications (no sign-in): the events they
 * registered for, in their language. 404 for an unknown secret.
 */
void page_my_calendar(struct request *req)
{
    const char *token = request_param(req, "token");
    struct db *db = db_get();
    char hash[SECRET_HASH_LEN];
    if (!db || !token || strlen(token) != SECRET_TEXT_LEN - 1) {
        page_error(req, db ? 404 : 500);
        return;
    }
    secret_hash(token, hash);
    struct db_stmt *st = db_prepare(db, "SELECT u.id, u.lang FROM calendar_feeds f JOIN users u ON u.id = f.user_id "
                                        "WHERE f.token_hash = ? AND u.deleted_at IS NULL AND u.disabled_at IS NULL");
    int64_t user = 0;
    enum lang lang = req->lang;
    if (st && db_bind_text(st, 1, hash) == 0 && db_step(st) == DB_ROW) {
        user = db_col_int(st, 0);
        if (!request_query(req, "lang"))
            i18n_parse(db_col_text(st, 1), &lang);
    }
    db_reset(st);
    if (!user) {
        page_error(req, st ? 404 : 500);
        return;
    }
    i18n_use(lang);
    const char *name = arena_printf(req->arena, "%s · %s", _("My events"), _("Diaspora Exchange Hub"));
    i18n_use(req->lang);
    char *text;
    if (calendar_user(user, name, lang, &text) != CALENDAR_OK) {
        page_error(req, 500);
        return;
    }
    request_respond_owned(req, 200, "text/calendar; charset=utf-8", text, strlen(text));
    request_add_header(req, "Content-Disposition", "inline; filename=\"my-events.ics\"");
    request_add_header(req, "Cache-Control", "private, no-store");
}
