/* The event's dashboard for its organisers: status and the changes it
 * allows, links to every organiser screen, sessions in order, partners and
 * organisers with the forms that add them. */
#include <string.h>
#include <time.h>

#include "events/organise.h"
#include "events/organise_pages.h"
#include "events/organise_status.h"
#include "view/form.h"
#include "view/page.h"

static const char *const partner_fields[] = {"name", "url"};
static const char *const organiser_fields[] = {"email"};

/* The status changes organisers may make, and the button that makes each. */
static const struct {
    const char *from, *to, *label;
    bool danger;
} transitions[] = {
    {"draft", "published", N_("Publish"), false},
    {"published", "finished", N_("Mark as finished"), false},
    {"published", "draft", N_("Back to draft"), false},
    {"published", "cancelled", N_("Cancel the event"), true},
    {"cancelled", "published", N_("Publish again"), false},
    {"cancelled", "draft", N_("Back to draft"), false},
    /* TRANSLATORS: button that makes a finished event published (upcoming) again. */
    {"finished", "published", N_("Not finished after all"), false},
};

static bool transition_allowed(const char *from, const char *to)
{
    for (size_t i = 0; i < NELEMS(transitions); i++)
        if (strcmp(transitions[i].from, from) == 0 && strcmp(transitions[i].to, to) == 0)
            return true;
    return false;
}

static json_t *status_actions(const char *status)
{
    json_t *list = json_array();
    for (size_t i = 0; i < NELEMS(transitions); i++)
        if (strcmp(transitions[i].from, status) == 0)
            json_array_append_new(list, json_pack("{s:s, s:s, s:b}", "to", transitions[i].to, "label",
                                                  _(transitions[i].label), "danger", transitions[i].danger));
    return list;
}

/* What the event lacks before it can be published: a new array of
 * messages (empty when nothing), or NULL on a database error. */
static json_t *publish_missing(struct db *db, const struct event_ref *ev)
{
    int titled = db_one_int(db,
                            "SELECT 1 FROM event_texts t JOIN events e ON e.id = t.event_id "
                            "WHERE e.id = ? AND t.lang = e.default_lang AND t.title <> ''",
                            NULL, "i", ev->id);
    int started = db_one_int(db, "SELECT 1 FROM events WHERE id = ? AND starts_at IS NOT NULL", NULL, "i", ev->id);
    if (titled < 0 || started < 0)
        return NULL;
    json_t *list = json_array();
    if (!titled)
        json_array_append_new(list, json_string(_("A title in the event's main language.")));
    if (!started)
        json_array_append_new(list, json_string(_("A start date.")));
    return list;
}

/* Turns the rows of a "SELECT id, ..." list into objects with move and
 * remove URLs under base ("/events/x/partners") and "first"/"last" flags. */
static void add_row_urls(struct request *req, json_t *list, const char *base, const char *remove)
{
    size_t i, n = json_array_size(list);
    json_t *o;
    json_array_foreach (list, i, o) {
        long long id = (long long)json_integer_value(json_object_get(o, "id"));
        json_object_set_new(o, "move_url", json_string(arena_printf(req->arena, "%s/%lld/move", base, id)));
        json_object_set_new(o, remove,
                            json_string(arena_printf(req->arena, "%s/%lld/%s", base, id,
                                                     strcmp(remove, "delete_url") == 0 ? "delete" : "remove")));
        json_t *label = json_object_get(o, "title");
        json_object_set_new(o, "label", json_incref(label ? label : json_object_get(o, "name")));
        json_object_set_new(o, "first", json_boolean(i == 0));
        json_object_set_new(o, "last", json_boolean(i + 1 == n));
    }
}

struct rows_ctx {
    struct request *req;
    const struct event_ref *ev;
};

static json_t *session_row(struct db_stmt *st, int64_t arg)
{
    const struct rows_ctx *ctx = (const struct rows_ctx *)(intptr_t)arg;
    struct request *req = ctx->req;
    int64_t id = db_col_int(st, 0);
    bool timed = !db_col_is_null(st, 2);
    json_int_t nq = db_col_int(st, 3), np = db_col_int(st, 4);
    return json_pack(
        "{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)id, "title", db_col_text(st, 1), "date_label",
        timed ? organise_date_label(req, true, db_col_int(st, 2), ctx->ev->tz, "minute") : "", "questions_label",
        arena_printf(req->arena, ngettext("%lld guiding question", "%lld guiding questions", (unsigned long)nq),
                     (long long)nq),
        "people_label",
        arena_printf(req->arena,
                     ngettext("%lld speaker or moderator", "%lld speakers and moderators", (unsigned long)np),
                     (long long)np),
        "edit_url", arena_printf(req->arena, "/events/%s/sessions/%lld/edit", ctx->ev->slug, (long long)id));
}

static json_t *partner_row(struct db_stmt *st, int64_t arg)
{
    (void)arg;
    return json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)db_col_int(st, 0), "name", db_col_text(st, 1), "url",
                     db_col_text(st, 2), "logo_url", db_col_text(st, 3));
}

static json_t *organiser_row(struct db_stmt *st, int64_t arg)
{
    return json_pack("{s:I, s:s, s:s, s:b}", "id", (json_int_t)db_col_int(st, 0), "name", db_col_text(st, 1), "email",
                     db_col_text(st, 2), "me", db_col_int(st, 0) == arg);
}

/* The sessions, partners and organisers of ev into page; false on error. */
static bool add_lists(struct request *req, struct db *db, const struct event_ref *ev, json_t *page)
{
    struct rows_ctx ctx = {req, ev};
    /* Any title when neither the reader's language nor the event's has one. */
    json_t *sessions =
        db_rows_json(db,
                     "SELECT s.id, COALESCE(t.title, d.title, (SELECT title FROM session_texts WHERE session_id = s.id "
                     "LIMIT 1), ''), "
                     "s.starts_at, (SELECT COUNT(*) FROM guiding_questions q WHERE q.session_id = s.id), "
                     "(SELECT COUNT(*) FROM session_people p WHERE p.session_id = s.id) "
                     "FROM sessions s JOIN events e ON e.id = s.event_id "
                     "LEFT JOIN session_texts d ON d.session_id = s.id AND d.lang = e.default_lang "
                     "LEFT JOIN session_texts t ON t.session_id = s.id AND t.lang = ?2 "
                     "WHERE s.event_id = ?1 ORDER BY s.position, s.id",
                     ev->id, session_row, (int64_t)(intptr_t)&ctx);
    json_t *partners = db_rows_json(db,
                                    "SELECT id, name, url, logo_url FROM partners WHERE event_id = ? "
                                    "ORDER BY position, id",
                                    ev->id, partner_row, 0);
    json_t *organisers = db_rows_json(db,
                                      "SELECT u.id, u.name, u.email FROM event_organisers o "
                                      "JOIN users u ON u.id = o.user_id WHERE o.event_id = ? "
                                      "ORDER BY o.added_at, u.id",
                                      ev->id, organiser_row, req->caller.user_id);
    if (!sessions || !partners || !organisers) {
        json_decref(sessions);
        json_decref(partners);
        json_decref(organisers);
        return false;
    }
    const char *base = arena_printf(req->arena, "/events/%s", ev->slug);
    add_row_urls(req, sessions, arena_printf(req->arena, "%s/sessions", base), "delete_url");
    add_row_urls(req, partners, arena_printf(req->arena, "%s/partners", base), "remove_url");
    /* An event always keeps one organiser. */
    bool several = json_array_size(organisers) > 1;
    size_t i;
    json_t *o;
    json_array_foreach (organisers, i, o) {
        if (several)
            json_object_set_new(o, "remove_url",
                                json_string(arena_printf(req->arena, "%s/organisers/%lld/remove", base,
                                                         (long long)json_integer_value(json_object_get(o, "id")))));
    }
    json_object_set_new(page, "sessions", sessions);
    json_object_set_new(page, "partners", partners);
    json_object_set_new(page, "organisers", organisers);
    return true;
}

/* The event's own facts for the dashboard's head; NULL on error. */
static json_t *event_facts(struct request *req, struct db *db, const struct event_ref *ev)
{
    struct db_stmt *st = db_prepare(db, "SELECT time_precision, starts_at FROM events WHERE id = ?");
    if (!st)
        return NULL;
    db_bind_int(st, 1, ev->id);
    if (db_step(st) != DB_ROW) {
        db_reset(st);
        return NULL;
    }
    const char *date = organise_date_label(req, !db_col_is_null(st, 1), db_col_int(st, 1), ev->tz, db_col_text(st, 0));
    db_reset(st);
    const char *base = arena_printf(req->arena, "/events/%s", ev->slug);
    return json_pack(
        "{s:s, s:s, s:s, s:s?, s:b, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "title",
        organise_title(req, db, ev), "slug", ev->slug, "status", ev->status, "status_label",
        choice_label(organise_statuses, norganise_statuses, ev->status), "draft", strcmp(ev->status, "draft") == 0,
        "date_label", date, "tz", ev->tz, "url", base, "edit_url", arena_printf(req->arena, "%s/edit", base),
        "new_session_url", arena_printf(req->arena, "%s/sessions/new", base), "registration_settings_url",
        arena_printf(req->arena, "%s/registration/settings", base), "registrations_url",
        arena_printf(req->arena, "%s/registrations", base), "message_url", arena_printf(req->arena, "%s/message", base),
        "record_url", arena_printf(req->arena, "%s/record", base), "stats_url",
        arena_printf(req->arena, "%s/stats", base));
}

void organise_manage_render(struct request *req, const struct event_ref *ev, json_t *partner_form,
                            json_t *organiser_form, const char *error)
{
    static const char *const no_fields[] = {"to"};
    struct db *db = db_get();
    json_t *facts = db ? event_facts(req, db, ev) : NULL;
    json_t *missing = facts ? publish_missing(db, ev) : NULL;
    if (!partner_form)
        partner_form = ORGANISE_SUBFORM(req, partner_fields);
    if (!organiser_form)
        organiser_form = ORGANISE_SUBFORM(req, organiser_fields);
    json_t *page = FORM_PAGE(req, facts ? json_string_value(json_object_get(facts, "title")) : "", no_fields);
    json_object_set_new(page, "partner_form", partner_form);
    json_object_set_new(page, "organiser_form", organiser_form);
    if (!facts || !missing || !add_lists(req, db, ev, page)) {
        json_decref(facts);
        json_decref(missing);
        json_decref(page);
        page_error(req, 500);
        return;
    }
    json_object_set_new(page, "event", facts);
    json_object_set_new(page, "actions", status_actions(ev->status));
    json_object_set_new(page, "publish_missing", missing);
    const char *notice = error || req->status == 403 ? NULL : organise_status_notice(req);
    notice = notice || error || req->status == 403 ? notice : organise_notice(req);
    if (notice)
        json_object_set_new(page, "notice", json_string(notice));
    if (error)
        form_error(page, NULL, error);
    if (form_has_errors(partner_form) || form_has_errors(organiser_form))
        form_error(page, NULL, _("Please correct the marked fields."));
    form_render(req, "organise_manage", page);
}

/*
 * GET /events/{slug}/manage : the event's dashboard (its organisers and
 * admins).
 *   done   what was just done (created, saved, status, moved, ...): a notice
 * Also renders the dashboard's posts refused for their CSRF token.
 */
void page_event_manage(struct request *req)
{
    struct event_ref ev;
    if (event_require(req, &ev, EVENT_MANAGE))
        organise_manage_render(req, &ev, NULL, NULL, NULL);
}

/*
 * POST /events/{slug}/status : changes the event's status.
 *   to        published, cancelled, finished or draft; only the changes listed
 *             in transitions[] are allowed; publishing needs a title in the
 *             main language and a start.
 *   confirm   1: the cancellation is confirmed (without it, the confirmation page)
 *   notify    1: email the registrants of a cancelled event
 *   message   the organisers' words in that email (optional, up to 4,000 bytes)
 *   anyway    1: publish although the checklist (no sessions, no way to take
 *             part) shows something missing (without it, the checklist page)
 * Bumps the calendar revision of the event and its sessions; finishing
 * closes the rooms of its sessions. Redirects to the dashboard.
 */
void page_event_status(struct request *req)
{
    struct event_ref ev;
    if (!event_require(req, &ev, EVENT_MANAGE))
        return;
    const char *to = form_text(req, "to");
    struct db *db = db_get();
    if (!transition_allowed(ev.status, to)) {
        organise_manage_render(req, &ev, NULL, NULL, _("This change of status is not possible."));
        return;
    }
    if (strcmp(to, "published") == 0) {
        json_t *missing = publish_missing(db, &ev);
        size_t n = json_array_size(missing);
        json_decref(missing);
        if (!missing || n) {
            if (!missing)
                page_error(req, 500);
            else
                organise_manage_render(req, &ev, NULL, NULL,
                                       _("The event cannot be published yet: it needs what is listed under "
                                         "\"Before publishing\"."));
            return;
        }
    }
    if (organise_status_confirm(req, db, &ev, to))
        return;
    int64_t notified = -1;
    if (db_begin(db) ||
        db_run(db, "UPDATE events SET status = ?, updated_at = ? WHERE id = ?", "tii", to, (int64_t)time(NULL),
               ev.id) ||
        organise_bump_event(db, ev.id) || organise_status_effects(req, db, &ev, to, &notified) ||
        organise_audit(db, req, "event_status", ev.slug, 0, arena_printf(req->arena, "%s to %s", ev.status, to)) ||
        db_commit(db)) {
        organise_fail(req, db, "event status not changed");
        return;
    }
    organise_status_after(&ev, to);
    if (strcmp(to, "cancelled") == 0)
        request_redirect(req, notified < 0 ? arena_printf(req->arena, "/events/%s/manage?done=cancelled", ev.slug)
                                           : arena_printf(req->arena, "/events/%s/manage?done=cancelled&notified=%lld",
                                                          ev.slug, (long long)notified));
    else
        request_redirect(req, arena_printf(req->arena, "/events/%s/manage?done=status", ev.slug));
}
