/* A person's own registration: its page, cancelling it (signed in, or from
 * the one-click link in every email) and the join link. */
#include "registration/registration_pages.h"

#include <string.h>
#include <time.h>

#include "core/log.h"
#include "events/event_access.h"
#include "i18n/timefmt.h"
#include "registration/registration.h"
#include "registration/registration_common.h"
#include "registration/registration_questions.h"
#include "view/form.h"
#include "view/page.h"

/* The notice for ?done=… after a redirect, or NULL. */
static const char *done_notice(struct request *req)
{
    static const struct {
        const char *key, *text;
    } notices[] = {
        {"registered", N_("Thank you for registering. We have sent you an email about it.")},
        {"already", N_("You are registered for this event already: here is your registration.")},
        {"cancelled", N_("Your registration has been cancelled.")},
    };
    const char *done = request_query(req, "done");
    for (size_t i = 0; done && i < sizeof notices / sizeof notices[0]; i++)
        if (strcmp(done, notices[i].key) == 0)
            return _(notices[i].text);
    return NULL;
}

/* The answers of registration reg_id as [{label, text}] in req's language. NULL on error. */
static json_t *answers_view(struct request *req, struct db *db, int64_t event_id, int64_t reg_id)
{
    json_t *questions = reg_questions_load(db, event_id, i18n_code(req->lang));
    struct db_stmt *st = questions ? db_prepare(db, "SELECT question_id, value FROM registration_answers "
                                                    "WHERE registration_id = ?")
                                   : NULL;
    if (!st) {
        json_decref(questions);
        return NULL;
    }
    db_bind_int(st, 1, reg_id);
    json_t *values = json_object();
    while (db_step(st) == DB_ROW)
        json_object_set_new(values, arena_printf(req->arena, "%lld", (long long)db_col_int(st, 0)),
                            json_string(db_col_text(st, 1)));
    db_reset(st);
    json_t *out = json_array();
    size_t i;
    json_t *q;
    json_array_foreach (questions, i, q) {
        json_t *v = json_object_get(values, arena_printf(req->arena, "%lld",
                                                         (long long)json_integer_value(json_object_get(q, "id"))));
        if (v)
            json_array_append_new(out, json_pack("{s:O, s:s}", "label", json_object_get(q, "label"), "text",
                                                 reg_answer_text(req, q, json_string_value(v))));
    }
    json_decref(values), json_decref(questions);
    return out;
}

/* Adds the caller's registration r to page: status, position, when, answers, links. */
static bool add_registration(struct request *req, struct db *db, const struct event_ref *ev, const struct reg_row *r,
                             json_t *page)
{
    json_t *answers = answers_view(req, db, ev->id, r->id);
    if (!answers)
        return false;
    char when[TIMEFMT_MAX];
    timefmt_format(when, sizeof when, r->created_at, ev->tz, req->lang, TIMEFMT_SHORT_DATE);
    json_t *mine = json_pack("{s:s, s:s, s:s, s:b, s:b, s:o}", "status", r->status, "status_label",
                             reg_status_label(r->status), "registered_label", when, "live", reg_status_live(r->status),
                             "has_answers", json_array_size(answers) > 0, "answers", answers);
    const char *position = reg_position_label(req, r->position);
    if (position)
        json_object_set_new(mine, "position_label", json_string(position));
    if (reg_status_live(r->status))
        json_object_set_new(mine, "cancel_url",
                            json_string(arena_printf(req->arena, "/events/%s/registration/cancel", ev->slug)));
    json_object_set_new(page, "registration", mine);
    return true;
}

/* The database, after checking that the caller may see the route's event
 * (into *ev); NULL when the page has answered. */
static struct db *seen_event(struct request *req, struct event_ref *ev)
{
    struct db *db = db_get();
    return db && event_require(req, ev, EVENT_SEE) ? db : NULL;
}

/* Checks that the caller may see the route's event (into *ev) and finds
 * their registration for it (into *r): 1 found, 0 none, -1 when the page
 * has answered (403, 404 or 500). */
static int my_registration(struct request *req, struct event_ref *ev, struct reg_row *r)
{
    struct db *db = seen_event(req, ev);
    int found = db ? reg_find(db, ev->id, req->caller.user_id, r) : -1;
    if (db && found < 0)
        page_error(req, 500);
    return found;
}

/* Copies into out (size bytes) the one text column that sql (constant
 * text, ? the event) selects of event_id; "" when there is none. */
static void event_text(struct db *db, const char *sql, int64_t event_id, char *out, size_t size)
{
    *out = '\0';
    struct db_stmt *st = db_prepare(db, sql);
    if (st && db_bind_int(st, 1, event_id) == 0 && db_step(st) == DB_ROW)
        snprintf(out, size, "%s", db_col_text(st, 0));
    db_reset(st);
}

/*
 * GET /events/{slug}/registration : the caller's registration for the
 * event: status, waitlist position, answers, the cancel button, the
 * event's .ics and, when they may have it, the join link.
 *   done   what was just done (registered, already, cancelled): a notice
 * Also renders a refused cancellation (bad CSRF token).
 */
void page_my_registration(struct request *req)
{
    struct event_ref ev;
    struct reg_row r;
    int found = my_registration(req, &ev, &r);
    json_t *event = found < 0 ? NULL : reg_event_view(req, &ev);
    if (!event) {
        if (found >= 0)
            page_error(req, 500);
        return;
    }
    struct db *db = db_get();
    json_t *page = form_page(req, _("Your registration"), NULL, 0);
    json_object_set_new(page, "event", event);
    json_object_set_new(page, "register_url", json_string(arena_printf(req->arena, "/events/%s/register", ev.slug)));
    json_object_set_new(page, "ics_url", json_string(arena_printf(req->arena, "/events/%s.ics", ev.slug)));
    if (found && !add_registration(req, db, &ev, &r, page)) {
        json_decref(page);
        page_error(req, 500);
        return;
    }
    if (!reg_join_view(req, db, &ev, page)) {
        json_decref(page);
        page_error(req, 500);
        return;
    }
    const char *notice = req->status == 403 ? NULL : done_notice(req);
    if (notice)
        json_object_set_new(page, "notice", json_string(notice));
    form_render(req, "registration", page);
}

/* Cancels r in its own transaction (checked again under the lock). 1 done,
 * 0 nothing to cancel, -1 error. */
static int cancel_now(struct request *req, struct db *db, int64_t reg_id)
{
    struct reg_row r;
    if (db_begin(db))
        return -1;
    int found = reg_find_id(db, reg_id, &r);
    if (found != 1 || !reg_status_live(r.status)) {
        db_rollback(db);
        return found < 0 ? -1 : 0;
    }
    if (reg_cancel(db, &r) || db_commit(db)) {
        db_rollback(db);
        log_event(LOG_ERROR, req->id, "cancelling a registration failed", NULL);
        return -1;
    }
    return 1;
}

/*
 * POST /events/{slug}/registration/cancel : cancels the caller's
 * registration; a seat it held goes to the first on the waitlist.
 */
void page_registration_cancel(struct request *req)
{
    struct event_ref ev;
    struct reg_row r;
    int found = my_registration(req, &ev, &r);
    if (found < 0)
        return;
    int rc = found ? cancel_now(req, db_get(), r.id) : 0;
    if (rc < 0) {
        page_error(req, 500);
        return;
    }
    request_redirect(req, arena_printf(req->arena, "/events/%s/registration%s", ev.slug, rc ? "?done=cancelled" : ""));
}

/* The registration of the link's token (query or form "token") and its
 * event. Returns the database, or NULL when the page has answered (404 for
 * a wrong link). */
static struct db *token_registration(struct request *req, struct reg_row *r, struct event_ref *ev, const char **token)
{
    struct db *db = db_get();
    if (!db)
        return NULL;
    *token = request_form(req, "token");
    if (!*token)
        *token = request_query(req, "token");
    int found = reg_find_token(db, *token, r);
    char slug[128] = "";
    if (found == 1)
        event_text(db, "SELECT slug FROM events WHERE id = ?", r->event_id, slug, sizeof slug);
    if (found < 0 || (found == 1 && (!slug[0] || event_lookup(req, slug, ev) < 0))) {
        page_error(req, 500);
        return NULL;
    }
    if (found == 0) {
        reg_message(req, 404, _("This link does not work"),
                    _("This cancellation link is incomplete or no longer valid. If you are signed in, you can "
                      "cancel from your registration's page."),
                    "/account/events", _("My events"));
        return NULL;
    }
    return db;
}

/*
 * GET /registrations/cancel : the one-click link of every registration
 * email. Shows the registration and one button; changes nothing (mail
 * scanners fetch links).
 *   token   the link's secret
 * Also renders a refused POST (bad CSRF token).
 */
void page_cancel_link_form(struct request *req)
{
    struct reg_row r;
    struct event_ref ev;
    const char *token;
    if (!token_registration(req, &r, &ev, &token))
        return;
    json_t *event = reg_event_view(req, &ev);
    if (!event) {
        page_error(req, 500);
        return;
    }
    json_t *page = form_page(req, _("Cancel your registration"), NULL, 0);
    json_object_set_new(page, "event", event);
    json_object_set_new(page, "token", json_string(token));
    json_object_set_new(page, "status_label", json_string(reg_status_label(r.status)));
    json_object_set_new(page, "live", json_boolean(reg_status_live(r.status)));
    form_render(req, "registration_cancel", page);
}

/*
 * POST /registrations/cancel : cancels the registration of the link.
 *   token   the link's secret
 */
void page_cancel_link(struct request *req)
{
    struct reg_row r;
    struct event_ref ev;
    const char *token;
    struct db *db = token_registration(req, &r, &ev, &token);
    if (!db)
        return;
    int rc = cancel_now(req, db, r.id);
    if (rc < 0) {
        page_error(req, 500);
        return;
    }
    reg_message(req, 200, rc ? _("Registration cancelled") : _("Nothing to cancel"),
                rc ? _("Your registration has been cancelled. Thank you for letting the organisers know: your seat "
                       "can go to someone on the waitlist.")
                   : _("This registration was cancelled already."),
                arena_printf(req->arena, "/events/%s", ev.slug), _("Back to the event"));
}

/* True when url is an absolute http(s) address without control characters or spaces. */
static bool safe_url(const char *url)
{
    if (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0)
        return false;
    for (const unsigned char *p = (const unsigned char *)url; *p; p++)
        if (*p <= ' ' || *p == 0x7f)
            return false;
    return true;
}

/*
 * GET /events/{slug}/join : records that the caller joined (attendance)
 * and sends them (303) to the meeting. Only for confirmed registrants, the
 * members who speak at or moderate a session, and organisers; others get a
 * 403 page. Until 30 minutes before the next session (REG_JOIN_OPENS_BEFORE)
 * it shows when the link opens instead (organisers are sent at any time).
 * The meeting address appears nowhere else.
 */
void page_event_join(struct request *req)
{
    struct event_ref ev;
    struct db *db = seen_event(req, &ev);
    if (!db)
        return;
    if (!reg_may_join(db, &req->caller, ev.id, ev.can_manage)) {
        reg_message(req, 403, _("The join link is for participants"),
                    _("Only confirmed participants, speakers and organisers can join this event. If you are "
                      "registered, your registration's page shows where you stand."),
                    arena_printf(req->arena, "/events/%s/registration", ev.slug), _("Your registration"));
        return;
    }
    if (reg_join_too_early(req, db, &ev))
        return;
    char url[2048];
    event_text(db, "SELECT meeting_url FROM events WHERE id = ?", ev.id, url, sizeof url);
    if (!url[0] || !safe_url(url)) {
        reg_message(req, 404, _("No join link yet"),
                    _("The organisers have not given the link to join this event yet. Please come back closer to "
                      "the start."),
                    arena_printf(req->arena, "/events/%s", ev.slug), _("Back to the event"));
        return;
    }
    if (db_begin(db) ||
        db_run(db, "INSERT INTO attendance (event_id, user_id, joined_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
               "iii", ev.id, req->caller.user_id, (int64_t)time(NULL)) ||
        db_commit(db)) {
        db_rollback(db);
        page_error(req, 500);
        return;
    }
    request_add_header(req, "Cache-Control", "no-store");
    request_redirect(req, arena_strdup(req->arena, url));
}
