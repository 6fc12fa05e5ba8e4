/* The organisers' registration settings: whether the event takes
 * registrations, capacity, opening and closing (local time in the event's
 * zone), manual approval, and the list of questions with the form to add
 * one. Raising the capacity promotes waitlisted people at once. */
#include "registration/registration_settings.h"

#include <stdlib.h>
#include <string.h>

#include "accounts/audit.h"
#include "core/log.h"
#include "events/organise_parse.h"
#include "registration/registration.h"
#include "registration/registration_common.h"
#include "registration/registration_pages.h"
#include "registration/registration_questions.h"
#include "view/form.h"
#include "view/page.h"

#define CAPACITY_MAX 1000000

static const char *const settings_fields[] = {"enabled", "capacity", "opens_date", "opens_time",
                                              "closes_date", "closes_time", "approval"};

/* The settings as the form shows them (GET): local dates and times in the event's zone. */
static void fill_form(struct request *req, const struct event_ref *ev, const struct reg_settings *s, json_t *page)
{
    json_t *form = json_object_get(page, "form");
    json_object_set_new(form, "enabled", json_string(s->enabled ? "1" : ""));
    json_object_set_new(form, "approval", json_string(s->approval ? "1" : ""));
    json_object_set_new(form, "capacity",
                        json_string(s->capacity < 0 ? "" : arena_printf(req->arena, "%lld", (long long)s->capacity)));
    const struct {
        int64_t at;
        const char *date, *time;
    } times[] = {{s->opens_at, "opens_date", "opens_time"}, {s->closes_at, "closes_date", "closes_time"}};
    for (size_t i = 0; i < 2; i++) {
        char date[16] = "", time[8] = "";
        if (times[i].at)
            organise_local_fields(times[i].at, ev->tz, date, time);
        json_object_set_new(form, times[i].date, json_string(date));
        json_object_set_new(form, times[i].time, json_string(time));
    }
}

/* The questions with their editing links, for the settings page. NULL on error. */
static json_t *questions_list(struct request *req, struct db *db, const struct event_ref *ev)
{
    json_t *questions = reg_questions_load(db, ev->id, i18n_code(req->lang));
    size_t i, n = questions ? json_array_size(questions) : 0;
    json_t *q;
    json_array_foreach (questions, i, q) {
        const char *base = arena_printf(req->arena, "/events/%s/registration/questions/%lld", ev->slug,
                                        (long long)json_integer_value(json_object_get(q, "id")));
        const char *kind = json_string_value(json_object_get(q, "kind"));
        for (size_t k = 0; k < nreg_kinds; k++)
            if (strcmp(kind, reg_kinds[k].kind) == 0)
                json_object_set_new(q, "kind_label", json_string(_(reg_kinds[k].label)));
        json_object_set_new(q, "edit_url", json_string(base));
        json_object_set_new(q, "delete_url", json_string(arena_printf(req->arena, "%s/delete", base)));
        json_object_set_new(q, "move_url", json_string(arena_printf(req->arena, "%s/move", base)));
        json_object_set_new(q, "has_choices", json_boolean(json_array_size(json_object_get(q, "choices")) > 0));
        json_object_set_new(q, "first", json_boolean(i == 0));
        json_object_set_new(q, "last", json_boolean(i + 1 == n));
    }
    return questions;
}

/* The notice for ?done=… after a redirect, or NULL. */
static const char *settings_notice(struct request *req)
{
    const char *done = request_query(req, "done"), *promoted = request_query(req, "promoted");
    if (!done)
        return NULL;
    long n = promoted ? strtol(promoted, NULL, 10) : 0;
    if (strcmp(done, "saved") == 0 && n > 0)
        return arena_printf(req->arena,
                            ngettext("The settings have been saved. %ld person was promoted from the waitlist and "
                                     "emailed.",
                                     "The settings have been saved. %ld people were promoted from the waitlist and "
                                     "emailed.",
                                     (unsigned long)n),
                            n);
    if (strcmp(done, "saved") == 0)
        return _("The settings have been saved.");
    if (strcmp(done, "question") == 0)
        return _("The questions have been saved.");
    return NULL;
}

void reg_settings_render(struct request *req, const struct event_ref *ev, json_t *page)
{
    struct db *db = db_get();
    struct reg_counts c;
    json_t *event = reg_event_view(req, ev);
    json_t *questions = db && event && reg_counts_load(db, ev->id, &c) == 0 ? questions_list(req, db, ev) : NULL;
    if (!questions) {
        json_decref(event), json_decref(page);
        page_error(req, 500);
        return;
    }
    const char *base = arena_printf(req->arena, "/events/%s", ev->slug);
    json_object_set_new(page, "event", event);
    json_object_set_new(page, "questions", questions);
    json_object_set_new(page, "tz", json_string(ev->tz));
    json_object_set_new(page, "action", json_string(arena_printf(req->arena, "%s/registration/settings", base)));
    json_object_set_new(page, "list_url", json_string(arena_printf(req->arena, "%s/registrations", base)));
    json_object_set_new(page, "message_url", json_string(arena_printf(req->arena, "%s/message", base)));
    json_object_set_new(page, "counts", json_pack("{s:I, s:I, s:I}", "confirmed", (json_int_t)c.confirmed,
                                                  "waitlisted", (json_int_t)c.waitlisted, "pending",
                                                  (json_int_t)c.pending));
    /* TRANSLATORS: counts of registrations: confirmed, waitlisted, waiting for approval. */
    json_object_set_new(page, "counts_label",
                        json_string(arena_printf(req->arena, _("Confirmed: %lld · on the waitlist: %lld · waiting "
                                                               "for approval: %lld"),
                                                 (long long)c.confirmed, (long long)c.waitlisted,
                                                 (long long)c.pending)));
    json_object_set_new(page, "question_form",
                        reg_question_form_view(req, ev, NULL, NULL,
                                               arena_printf(req->arena, "%s/registration/questions", base)));
    const char *notice = form_has_errors(page) ? NULL : settings_notice(req);
    if (notice)
        json_object_set_new(page, "notice", json_string(notice));
    form_render(req, "registration_settings", page);
}

/*
 * GET /events/{slug}/registration/settings : the settings and questions
 * (organisers of the event). Also renders a refused POST as typed.
 *   done       saved, question: a notice; promoted: how many were promoted
 */
void page_registration_settings_form(struct request *req)
{
    struct event_ref ev;
    struct reg_settings s;
    if (!event_require(req, &ev, EVENT_MANAGE))
        return;
    json_t *page = FORM_PAGE(req, _("Registration settings"), settings_fields);
    if (req->method != HTTP_POST) {
        if (reg_settings_load(db_get(), ev.id, &s)) {
            json_decref(page);
            page_error(req, 500);
            return;
        }
        fill_form(req, &ev, &s, page);
    }
    reg_settings_render(req, &ev, page);
}

/* Reads one local instant (date and time fields) into *at (0 when empty). */
static void read_instant(struct request *req, const struct event_ref *ev, json_t *page, const char *date_field,
                         const char *time_field, int64_t *at)
{
    *at = 0;
    enum local_time_rc rc =
        organise_local_time(ev->tz, form_text(req, date_field), form_text(req, time_field), false, at);
    if (rc == LOCAL_BAD_DATE)
        form_error(page, date_field, _("Please enter a date as year-month-day, for example 2025-06-30."));
    else if (rc == LOCAL_BAD_TIME)
        form_error(page, time_field, _("Please enter a time as hours:minutes, for example 14:30."));
    else if (rc == LOCAL_NONEXISTENT)
        form_error(page, time_field, _("This time does not exist on that day in the event's time zone (the clocks "
                                       "change). Please choose another."));
    else if (rc != LOCAL_OK && rc != LOCAL_EMPTY)
        form_error(page, date_field, _("Please check this date and time."));
}

/* Reads and checks the posted settings into *s, marking problems on page. */
static void read_settings(struct request *req, const struct event_ref *ev, json_t *page, struct reg_settings *s)
{
    *s = (struct reg_settings){.enabled = *form_text(req, "enabled") != '\0',
                               .approval = *form_text(req, "approval") != '\0',
                               .capacity = -1};
    const char *capacity = form_text(req, "capacity");
    if (*capacity) {
        char *end;
        long long n = strtoll(capacity, &end, 10);
        if (*end || n < 0 || n > CAPACITY_MAX || capacity[0] == '-' || capacity[0] == '+')
            form_error(page, "capacity", _("Please enter a whole number of seats, or leave it empty for no limit."));
        else
            s->capacity = n;
    }
    read_instant(req, ev, page, "opens_date", "opens_time", &s->opens_at);
    read_instant(req, ev, page, "closes_date", "closes_time", &s->closes_at);
    if (s->opens_at && s->closes_at && s->closes_at <= s->opens_at)
        form_error(page, "closes_date", _("Registration must close after it opens."));
}

/* Saves s for ev, promotes whoever the new capacity makes room for, and
 * logs it. Inside the caller's transaction. Promoted count, or -1. */
static int save_settings(struct request *req, struct db *db, const struct event_ref *ev, const struct reg_settings *s)
{
    struct db_stmt *st = db_prepare(
        db, "INSERT INTO registration_settings (event_id, enabled, capacity, opens_at, closes_at, approval) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (event_id) DO UPDATE SET enabled = excluded.enabled, "
            "capacity = excluded.capacity, opens_at = excluded.opens_at, closes_at = excluded.closes_at, "
            "approval = excluded.approval");
    if (!st)
        return -1;
    db_bind_int(st, 1, ev->id);
    db_bind_int(st, 2, s->enabled);
    if (s->capacity < 0)
        db_bind_null(st, 3);
    else
        db_bind_int(st, 3, s->capacity);
    if (s->opens_at)
        db_bind_int(st, 4, s->opens_at);
    if (s->closes_at)
        db_bind_int(st, 5, s->closes_at);
    db_bind_int(st, 6, s->approval);
    enum db_step rc = db_step(st);
    db_reset(st);
    if (rc != DB_DONE)
        return -1;
    int promoted = reg_promote(db, ev->id);
    const char *detail =
        arena_printf(req->arena, "event %s: registration %s, capacity %s, approval %s, %d promoted", ev->slug,
                     s->enabled ? "on" : "off",
                     s->capacity < 0 ? "none" : arena_printf(req->arena, "%lld", (long long)s->capacity),
                     s->approval ? "on" : "off", promoted);
    return promoted < 0 || audit_record(db, req, "registration_settings", 0, detail) ? -1 : promoted;
}

/*
 * POST /events/{slug}/registration/settings : saves the settings.
 *   enabled       "1": the event takes registrations
 *   capacity      seats, 0..CAPACITY_MAX, or "" for no limit
 *   opens_date, opens_time, closes_date, closes_time
 *                 local date (YYYY-MM-DD) and time (HH:MM) in the event's
 *                 zone; empty: from publication / until the event ends
 *   approval      "1": organisers confirm each registration
 */
void page_registration_settings(struct request *req)
{
    struct db *db = db_get();
    struct event_ref ev;
    struct reg_settings s;
    if (!db || !event_require(req, &ev, EVENT_MANAGE))
        return;
    json_t *page = FORM_PAGE(req, _("Registration settings"), settings_fields);
    read_settings(req, &ev, page, &s);
    if (form_has_errors(page)) {
        reg_settings_render(req, &ev, page);
        return;
    }
    json_decref(page);
    int promoted = db_begin(db) ? -1 : save_settings(req, db, &ev, &s);
    if (promoted < 0 || db_commit(db)) {
        db_rollback(db);
        log_event(LOG_ERROR, req->id, "registration settings not saved", "event", ev.slug, NULL);
        page_error(req, 500);
        return;
    }
    request_redirect(req, arena_printf(req->arena, "/events/%s/registration/settings?done=saved&promoted=%d", ev.slug,
                                       promoted));
}
