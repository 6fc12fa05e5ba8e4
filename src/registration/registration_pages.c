/* Registering for an event: the form with the organisers' questions, and
 * the one write transaction that gives a seat, a place on the waitlist or a
 * wait for approval. */
#include "registration/registration_pages.h"

#include <string.h>
#include <time.h>

#include "core/log.h"
#include "db/db_batch.h"
#include "events/event_access.h"
#include "registration/registration.h"
#include "registration/registration_common.h"
#include "registration/registration_questions.h"
#include "view/form.h"
#include "view/page.h"

/* Where registration stands for ev now. false (the page answered) on a database error. */
static bool load_window(struct request *req, struct db *db, const struct event_ref *ev, struct reg_settings *s,
                        enum reg_window *w, int64_t *from, int64_t *until)
{
    if (reg_settings_load(db, ev->id, s)) {
        page_error(req, 500);
        return false;
    }
    *w = reg_window_at(s, ev->status, ev->starts_at, ev->ends_at, (int64_t)time(NULL), from, until);
    return true;
}

/* The page for a registration that is not open, with the dates in the viewer's zone. */
static void not_open(struct request *req, const struct event_ref *ev, enum reg_window w, int64_t from, int64_t until,
                     unsigned status)
{
    const char *message = _("This event does not take registrations.");
    if (w == REG_NOT_YET)
        message = arena_printf(req->arena, _("Registration opens on %s."), reg_instant_label(req, from, ev->tz));
    else if (w == REG_CLOSED && until)
        message = arena_printf(req->arena, _("Registration closed on %s."), reg_instant_label(req, until, ev->tz));
    else if (w == REG_CLOSED)
        message = _("Registration is closed.");
    reg_message(req, status, _("Registration is not open"), message, arena_printf(req->arena, "/events/%s", ev->slug),
                _("Back to the event"));
}

/* Answers for a registration that exists already: its page, or the refusal of a declined one.
 * true when it answered. */
static bool existing(struct request *req, const struct event_ref *ev, const struct reg_row *r)
{
    if (reg_status_live(r->status)) {
        request_redirect(req, arena_printf(req->arena, "/events/%s/registration?done=already", ev->slug));
        return true;
    }
    if (strcmp(r->status, "declined") == 0) {
        reg_message(req, 409, _("Registration declined"),
                    _("The organisers have declined your registration for this event. Please contact them if you "
                      "think this is a mistake."),
                    arena_printf(req->arena, "/events/%s", ev->slug), _("Back to the event"));
        return true;
    }
    return false;
}

/* Checks shared by the form and its post: the event, the window and an
 * earlier registration. false when the page has answered. */
static bool may_register(struct request *req, struct db *db, struct event_ref *ev, unsigned closed_status)
{
    struct reg_settings s;
    enum reg_window w;
    int64_t from, until;
    struct reg_row r;
    if (!event_require(req, ev, EVENT_SEE) || !load_window(req, db, ev, &s, &w, &from, &until))
        return false;
    int found = reg_find(db, ev->id, req->caller.user_id, &r);
    if (found < 0) {
        page_error(req, 500);
        return false;
    }
    if (found && existing(req, ev, &r))
        return false;
    if (w != REG_OPEN) {
        not_open(req, ev, w, from, until, closed_status);
        return false;
    }
    return true;
}

/* Renders the form page with the questions (as posted) and what will happen. Takes page and questions. */
static void render_form(struct request *req, struct db *db, const struct event_ref *ev, json_t *page,
                        json_t *questions)
{
    struct reg_settings s;
    struct reg_counts c;
    json_t *event = reg_event_view(req, ev);
    if (!event || reg_settings_load(db, ev->id, &s) || reg_counts_load(db, ev->id, &c)) {
        json_decref(event), json_decref(page), json_decref(questions);
        page_error(req, 500);
        return;
    }
    json_object_set_new(page, "event", event);
    json_object_set_new(page, "questions", reg_questions_form(req, questions, page));
    json_object_set_new(page, "action", json_string(arena_printf(req->arena, "/events/%s/register", ev->slug)));
    if (s.approval)
        json_object_set_new(page, "note", json_string(_("The organisers confirm each registration: you will "
                                                        "receive an email once they have.")));
    else if (s.capacity >= 0 && (c.confirmed >= s.capacity || c.waitlisted > 0))
        json_object_set_new(page, "note", json_string(_("All seats are taken. If you register, you join the "
                                                        "waitlist and get a seat as soon as one frees up.")));
    json_decref(questions);
    form_render(req, "register", page);
}

static json_t *new_page(struct request *req)
{
    return form_page(req, _("Register"), NULL, 0);
}

/*
 * GET /events/{slug}/register : the registration form (signed-in members).
 * Someone already registered is sent to their registration; a closed or
 * not-yet-open registration says so, with the dates. Also renders a
 * refused POST with what was typed.
 */
void page_register_form(struct request *req)
{
    struct db *db = db_get();
    struct event_ref ev;
    if (!db || !may_register(req, db, &ev, 200))
        return;
    json_t *questions = reg_questions_load(db, ev.id, i18n_code(req->lang));
    if (!questions) {
        page_error(req, 500);
        return;
    }
    render_form(req, db, &ev, new_page(req), questions);
}

/* One registration, as a job of the batching writer (db/db_batch.h). */
struct register_job {
    int64_t event_id, user_id;
    const char *lang;
    json_t *answers;
};

/* A job's outcome when, under the write lock, the person turns out to be
 * registered already or the window has closed: the request thread then
 * answers from what is stored. */
#define REGISTER_REFUSED 1

/* The write of a registration, run by the batching writer on its own
 * connection: the window and an earlier registration checked again under
 * the write lock, then the seat, place or wait. 0, REGISTER_REFUSED or -1. */
static int register_job(struct db *db, void *arg)
{
    const struct register_job *j = arg;
    struct reg_settings s;
    struct reg_row r, made;
    int64_t from, until;
    struct db_stmt *st = db_prepare(db, "SELECT status, COALESCE(starts_at, 0), COALESCE(ends_at, 0) "
                                        "FROM events WHERE id = ?");
    if (!st || db_bind_int(st, 1, j->event_id)) {
        db_reset(st);
        return -1;
    }
    enum db_step step = db_step(st);
    enum reg_window w = REG_OFF;
    if (step == DB_ROW && reg_settings_load(db, j->event_id, &s) == 0)
        w = reg_window_at(&s, db_col_text(st, 0), db_col_int(st, 1), db_col_int(st, 2), (int64_t)time(NULL), &from,
                          &until);
    db_reset(st);
    if (step == DB_ERROR)
        return -1;
    if (w != REG_OPEN)
        return REGISTER_REFUSED;
    int found = reg_find(db, j->event_id, j->user_id, &r);
    if (found < 0)
        return -1;
    if (found && (reg_status_live(r.status) || strcmp(r.status, "declined") == 0))
        return REGISTER_REFUSED;
    return reg_create(db, j->event_id, j->user_id, j->lang, j->answers, &made) ? -1 : 0;
}

/* Registers the caller through the batching writer. 1 done; 0 when the
 * page answered already (registered before, closed); -1 after a 500 page. */
static int register_now(struct request *req, struct db *db, struct event_ref *ev, json_t *answers)
{
    struct register_job job = {
        .event_id = ev->id, .user_id = req->caller.user_id, .lang = i18n_code(req->lang), .answers = answers};
    int rc = db_batch_run(db, register_job, &job, true);
    i18n_use(req->lang); /* this thread may have run others' jobs (room changes) in their languages */
    if (rc == REGISTER_REFUSED) {
        /* Shows what it is now: their registration, or the closed window. */
        if (may_register(req, db, ev, 409))
            page_error(req, 409);
        return 0;
    }
    if (rc) {
        log_event(LOG_ERROR, req->id, "registration failed", "event", ev->slug, NULL);
        page_error(req, 500);
        return -1;
    }
    return 1;
}

/*
 * POST /events/{slug}/register : registers the caller.
 *   q<id>   the answer to question id (repeated for several choices)
 * Through the batching writer (one BEGIN IMMEDIATE transaction for a batch
 * of concurrent registrations, a savepoint each): the window and an earlier
 * registration are checked again, then a seat, a place on the waitlist or
 * a wait for approval is taken, and the email queued (rendered later). Wrong answers: 422
 * with the form filled in; registration closed: 409.
 */
void page_register(struct request *req)
{
    struct db *db = db_get();
    struct event_ref ev;
    if (!db || !may_register(req, db, &ev, 409))
        return;
    json_t *questions = reg_questions_load(db, ev.id, i18n_code(req->lang));
    if (!questions) {
        page_error(req, 500);
        return;
    }
    json_t *page = new_page(req);
    json_t *answers = reg_answers_read(req, questions, page);
    if (form_has_errors(page)) {
        json_decref(answers);
        render_form(req, db, &ev, page, questions);
        return;
    }
    json_decref(page), json_decref(questions);
    int rc = register_now(req, db, &ev, answers);
    json_decref(answers);
    if (rc <= 0)
        return;
    request_redirect(req, arena_printf(req->arena, "/events/%s/registration?done=registered", ev.slug));
}
