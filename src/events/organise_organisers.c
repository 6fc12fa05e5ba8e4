/* The organisers of an event, on its dashboard: adding a member by their
 * email address and removing one, never the last. */
#include <string.h>
#include <time.h>

#include "accounts/users.h"
#include "app/app.h"
#include "events/organise.h"
#include "events/organise_pages.h"
#include "http/router.h"
#include "mail/outbox.h"
#include "profiles/form_values.h"
#include "view/form.h"
#include "view/page.h"

static const char *const organiser_fields[] = {"email"};

/* Queues the email that tells member user_id they now organise ev, in their
 * language, with the link to its dashboard. Inside the caller's transaction.
 * 0 or -1. */
static int tell_organiser(struct request *req, struct db *db, const struct event_ref *ev, int64_t user_id)
{
    struct db_stmt *st = db_prepare(db, "SELECT u.email, u.lang, COALESCE(t.title, d.title) FROM users u "
                                        "JOIN events e ON e.id = ?2 "
                                        "JOIN event_texts d ON d.event_id = e.id AND d.lang = e.default_lang "
                                        "LEFT JOIN event_texts t ON t.event_id = e.id AND t.lang = u.lang "
                                        "WHERE u.id = ?1");
    if (!st)
        return -1;
    db_bind_int(st, 1, user_id);
    db_bind_int(st, 2, ev->id);
    int rc = -1;
    if (db_step(st) == DB_ROW) {
        enum lang lang = LANG_EN;
        i18n_parse(db_col_text(st, 1), &lang);
        json_t *data = json_pack("{s:s, s:s, s:s}", "adder", req->caller.name ? req->caller.name : "", "event_title",
                                 db_col_text(st, 2), "link",
                                 arena_printf(req->arena, "%s/events/%s/manage", app_base_url(), ev->slug));
        rc = data ? mail_enqueue(db, db_col_text(st, 0), lang, "organiser_added", data) : -1;
        json_decref(data);
    }
    db_reset(st);
    return rc;
}

/*
 * POST /events/{slug}/organisers : makes the member with that address an
 * organiser of the event.
 *   email   the address of an active account
 * Redirects to the dashboard; mistakes show it again with the form filled in.
 */
void page_organiser_add(struct request *req)
{
    struct event_ref ev;
    if (!event_require(req, &ev, EVENT_MANAGE))
        return;
    struct db *db = db_get();
    json_t *form = ORGANISE_SUBFORM(req, organiser_fields);
    char email[255];
    int64_t user_id = 0;
    int found = 0, already = 0;
    if (!user_email_normalise(form_text(req, "email"), email)) {
        form_error(form, "email", _("Please enter an email address, such as name@example.org."));
    } else {
        found = db_one_int(db, "SELECT id FROM users WHERE email = ? AND deleted_at IS NULL AND disabled_at IS NULL",
                           &user_id, "t", email);
        already = found == 1 ? db_one_int(db, "SELECT 1 FROM event_organisers WHERE event_id = ? AND user_id = ?", NULL,
                                          "ii", ev.id, user_id)
                             : 0;
        if (found == 0)
            form_error(form, "email", _("No member of the hub has this address. They need an account first."));
        else if (already == 1)
            form_error(form, "email", _("This person organises this event already."));
    }
    if (found < 0 || already < 0) {
        json_decref(form);
        page_error(req, 500);
        return;
    }
    if (form_has_errors(form)) {
        organise_manage_render(req, &ev, NULL, form, NULL);
        return;
    }
    json_decref(form);
    if (db_begin(db) ||
        db_run(db, "INSERT INTO event_organisers (event_id, user_id, added_at) VALUES (?, ?, ?)", "iii", ev.id, user_id,
               (int64_t)time(NULL)) ||
        organise_audit(db, req, "organiser_add", ev.slug, user_id, NULL) || tell_organiser(req, db, &ev, user_id) ||
        db_commit(db)) {
        organise_fail(req, db, "organiser not added");
        return;
    }
    request_redirect(req, arena_printf(req->arena, "/events/%s/manage?done=organiser_added#organisers", ev.slug));
}

/*
 * POST /events/{slug}/organisers/{user_id}/remove : the member {user_id}
 * no longer organises the event. The last organiser stays (422). Someone
 * who removes themselves goes back to /organise.
 */
void page_organiser_remove(struct request *req)
{
    struct event_ref ev;
    if (!event_require(req, &ev, EVENT_MANAGE))
        return;
    struct db *db = db_get();
    int64_t user_id = id_parse(request_param(req, "user_id")), count = 0;
    int found = user_id ? db_one_int(db, "SELECT 1 FROM event_organisers WHERE event_id = ? AND user_id = ?", NULL,
                                     "ii", ev.id, user_id)
                        : 0;
    if (found == 1 &&
        db_one_int(db, "SELECT COUNT(*) FROM event_organisers WHERE event_id = ?", &count, "i", ev.id) < 0)
        found = -1;
    if (found != 1) {
        page_error(req, found < 0 ? 500 : 404);
        return;
    }
    if (count <= 1) {
        organise_manage_render(req, &ev, NULL, NULL,
                               _("An event always keeps at least one organiser. Add another one before removing "
                                 "this one."));
        return;
    }
    if (db_begin(db) ||
        db_run(db, "DELETE FROM event_organisers WHERE event_id = ? AND user_id = ?", "ii", ev.id, user_id) ||
        organise_audit(db, req, "organiser_remove", ev.slug, user_id, NULL) || db_commit(db)) {
        organise_fail(req, db, "organiser not removed");
        return;
    }
    bool left = user_id == req->caller.user_id && req->caller.perm < PERM_ADMIN;
    request_redirect(req,
                     left ? "/organise?done=organiser_removed"
                          : arena_printf(req->arena, "/events/%s/manage?done=organiser_removed#organisers", ev.slug));
}
