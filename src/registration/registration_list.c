/* The organisers' list of an event's registrations, with their answers,
 * and the approval or refusal of pending ones. */
#include "registration/registration_pages.h"

#include <string.h>

#include "accounts/audit.h"
#include "core/log.h"
#include "i18n/timefmt.h"
#include "registration/registration.h"
#include "registration/registration_common.h"
#include "registration/registration_questions.h"
#include "view/form.h"
#include "view/page.h"

static const char *const statuses[] = {"confirmed", "waitlisted", "pending", "cancelled", "declined"};

/* Every answer given for the event: registration id → {question id → value}. NULL on error. */
static json_t *event_answers(struct request *req, struct db *db, int64_t event_id)
{
    struct db_stmt *st = db_prepare(db, "SELECT a.registration_id, a.question_id, a.value FROM registration_answers a "
                                        "JOIN registrations r ON r.id = a.registration_id WHERE r.event_id = ?");
    if (!st)
        return NULL;
    db_bind_int(st, 1, event_id);
    json_t *all = json_object();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *reg = arena_printf(req->arena, "%lld", (long long)db_col_int(st, 0));
        json_t *one = json_object_get(all, reg);
        if (!one)
            json_object_set_new(all, reg, one = json_object());
        json_object_set_new(one, arena_printf(req->arena, "%lld", (long long)db_col_int(st, 1)),
                            json_string(db_col_text(st, 2)));
    }
    db_reset(st);
    if (rc == DB_ERROR) {
        json_decref(all);
        return NULL;
    }
    return all;
}

/* The answers of one registration, in the questions' order, as [{label, text}]. */
static json_t *row_answers(struct request *req, json_t *questions, json_t *given)
{
    json_t *out = json_array();
    size_t i;
    json_t *q;
    json_array_foreach (questions, i, q) {
        const char *id = arena_printf(req->arena, "%lld", (long long)json_integer_value(json_object_get(q, "id")));
        const char *v = json_string_value(json_object_get(given, id));
        json_array_append_new(out, json_pack("{s:O, s:s}", "label", json_object_get(q, "label"), "text",
                                             v ? reg_answer_text(req, q, v) : ""));
    }
    return out;
}

/* The registrations of ev with status `status` (NULL: all), ordered as the
 * list shows them. NULL on error. */
static json_t *rows(struct request *req, struct db *db, const struct event_ref *ev, const char *status,
                    json_t *questions)
{
    json_t *answers = event_answers(req, db, ev->id);
    struct db_stmt *st =
        answers ? db_prepare(db, "SELECT r.id, r.status, r.created_at, u.name, u.email FROM registrations r "
                                 "JOIN users u ON u.id = r.user_id WHERE r.event_id = ?1 AND (?2 IS NULL OR r.status = ?2) "
                                 "ORDER BY CASE r.status WHEN 'confirmed' THEN 0 WHEN 'waitlisted' THEN 1 "
                                 "WHEN 'pending' THEN 2 WHEN 'cancelled' THEN 3 ELSE 4 END, r.waitlist_seq, "
                                 "r.created_at, r.id")
                : NULL;
    if (!st) {
        json_decref(answers);
        return NULL;
    }
    db_bind_int(st, 1, ev->id);
    db_bind_text(st, 2, status);
    json_t *list = json_array();
    int64_t position = 0;
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t id = db_col_int(st, 0);
        const char *s = db_col_text(st, 1);
        char when[TIMEFMT_MAX];
        timefmt_format(when, sizeof when, db_col_int(st, 2), ev->tz, req->lang, TIMEFMT_SHORT_DATE);
        json_t *row = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)id, "status", s,
                                "status_label", reg_status_label(s), "registered_label", when, "name",
                                db_col_text(st, 3), "email", db_col_text(st, 4), "answers",
                                row_answers(req, questions,
                                            json_object_get(answers, arena_printf(req->arena, "%lld", (long long)id))));
        if (strcmp(s, "waitlisted") == 0)
            json_object_set_new(row, "position", json_integer(++position));
        if (strcmp(s, "pending") == 0)
            json_object_set_new(row, "decide_url", json_string(arena_printf(req->arena, "/events/%s/registrations/%lld/status",
                                                                            ev->slug, (long long)id)));
        json_array_append_new(list, row);
    }
    db_reset(st);
    json_decref(answers);
    if (rc == DB_ERROR) {
        json_decref(list);
        return NULL;
    }
    return list;
}

/* The status filter: [{value, label, count, selected}], "" for all. */
static json_t *filters(struct request *req, const struct reg_counts *c, const char *status)
{
    const int64_t counts[] = {c->confirmed, c->waitlisted, c->pending, c->cancelled, c->declined};
    int64_t total = 0;
    json_t *out = json_array();
    for (size_t i = 0; i < 5; i++) {
        total += counts[i];
        json_array_append_new(out, json_pack("{s:s, s:s, s:b}", "value", statuses[i], "label",
                                             arena_printf(req->arena, "%s (%lld)", reg_status_label(statuses[i]),
                                                          (long long)counts[i]),
                                             "selected", status && strcmp(status, statuses[i]) == 0));
    }
    json_array_insert_new(out, 0, json_pack("{s:s, s:s, s:b}", "value", "", "label",
                                            arena_printf(req->arena, _("All (%lld)"), (long long)total), "selected",
                                            !status));
    return out;
}

static const char *list_notice(struct request *req)
{
    const char *done = request_query(req, "done");
    if (done && strcmp(done, "approved") == 0)
        return _("The registration has been approved and the person emailed.");
    if (done && strcmp(done, "declined") == 0)
        return _("The registration has been declined and the person emailed.");
    return NULL;
}

/*
 * GET /events/{slug}/registrations : every registration of the event
 * (organisers): person, status, waitlist position, date and answers, with
 * buttons to approve or decline pending ones. Also renders a refused
 * decision (bad CSRF token).
 *   status   only those of this status (confirmed, waitlisted, pending,
 *            cancelled, declined); absent or "" for all
 *   done     approved, declined: a notice
 */
void page_registrations(struct request *req)
{
    struct db *db = db_get();
    struct event_ref ev;
    if (!db || !event_require(req, &ev, EVENT_MANAGE))
        return;
    const char *status = request_query(req, "status");
    if (status && !*status)
        status = NULL;
    bool known = !status;
    for (size_t i = 0; i < 5; i++)
        known = known || strcmp(status, statuses[i]) == 0;
    if (!known) {
        page_error(req, 400);
        return;
    }
    struct reg_counts c;
    json_t *questions = reg_questions_load(db, ev.id, i18n_code(req->lang));
    json_t *event = questions ? reg_event_view(req, &ev) : NULL;
    json_t *list = event && reg_counts_load(db, ev.id, &c) == 0 ? rows(req, db, &ev, status, questions) : NULL;
    if (!list) {
        json_decref(questions), json_decref(event);
        page_error(req, 500);
        return;
    }
    json_t *page = form_page(req, _("Registrations"), NULL, 0);
    json_object_set_new(page, "event", event);
    json_object_set_new(page, "questions", questions);
    json_object_set_new(page, "any", json_boolean(json_array_size(list) > 0));
    json_object_set_new(page, "registrations", list);
    json_object_set_new(page, "filters", filters(req, &c, status));
    json_object_set_new(page, "settings_url",
                        json_string(arena_printf(req->arena, "/events/%s/registration/settings", ev.slug)));
    json_object_set_new(page, "message_url", json_string(arena_printf(req->arena, "/events/%s/message", ev.slug)));
    const char *notice = req->status == 403 ? NULL : list_notice(req);
    if (notice)
        json_object_set_new(page, "notice", json_string(notice));
    form_render(req, "registrations", page);
}

/*
 * POST /events/{slug}/registrations/{id}/status : approves or declines a
 * pending registration (organisers). An approved one is confirmed when a
 * seat is free, else waitlisted; either way the person is emailed.
 *   decision   "approve" or "decline"
 * 404 for a registration of another event, 409 when it is not pending.
 */
void page_registration_status(struct request *req)
{
    struct db *db = db_get();
    struct event_ref ev;
    if (!db || !event_require(req, &ev, EVENT_MANAGE))
        return;
    const char *decision = form_text(req, "decision");
    bool approve = strcmp(decision, "approve") == 0;
    if (!approve && strcmp(decision, "decline") != 0) {
        page_error(req, 400);
        return;
    }
    struct reg_row r;
    int64_t id = reg_param_id(req, "id");
    if (db_begin(db)) {
        page_error(req, 500);
        return;
    }
    int found = id ? reg_find_id(db, id, &r) : 0;
    if (found != 1 || r.event_id != ev.id || strcmp(r.status, "pending") != 0) {
        db_rollback(db);
        if (found == 1 && r.event_id == ev.id)
            reg_message(req, 409, _("Already decided"), _("This registration is not waiting for approval any more."),
                        arena_printf(req->arena, "/events/%s/registrations", ev.slug), _("Registrations"));
        else
            page_error(req, found < 0 ? 500 : 404);
        return;
    }
    const char *detail = arena_printf(req->arena, "event %s: registration %lld %s", ev.slug, (long long)id,
                                      approve ? "approved" : "declined");
    if (reg_decide(db, &r, approve) || audit_record(db, req, "registration_status", r.user_id, detail) ||
        db_commit(db)) {
        db_rollback(db);
        log_event(LOG_ERROR, req->id, "registration decision not saved", "event", ev.slug, NULL);
        page_error(req, 500);
        return;
    }
    request_redirect(req, arena_printf(req->arena, "/events/%s/registrations?status=pending&done=%s", ev.slug,
                                       approve ? "approved" : "declined"));
}
