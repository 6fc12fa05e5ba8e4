/* Organisers writing to an event's registrants: all of them, the confirmed
 * ones or the waitlisted ones, one email each through the outbox, in each
 * person's language (the organisers' text as written, the frame
 * translated), recorded in event_messages. */
#include "registration/registration_pages.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "accounts/audit.h"
#include "core/log.h"
#include "profiles/form_values.h"
#include "registration/registration.h"
#include "registration/registration_common.h"
#include "registration/registration_mail.h"
#include "view/form.h"
#include "view/page.h"

#define SUBJECT_MAX 150
#define BODY_MAX 20000

static const char *const message_fields[] = {"audience", "subject", "body"};

/* The registrations each audience reaches (?1 the event, ?2 the audience). */
#define AUDIENCE_WHERE                                                                                                 \
    "WHERE r.event_id = ?1 AND (r.status = ?2 OR (?2 = 'all' AND r.status IN ('confirmed', 'waitlisted', 'pending')))"

static const struct {
    const char *value, *label;
} audiences[] = {{"all", N_("Everyone registered (confirmed, waitlisted and waiting for approval)")},
                 {"confirmed", N_("Confirmed participants")},
                 {"waitlisted", N_("People on the waitlist")}};

static bool audience_valid(const char *a)
{
    for (size_t i = 0; i < sizeof audiences / sizeof audiences[0]; i++)
        if (strcmp(a, audiences[i].value) == 0)
            return true;
    return false;
}

/* How many people audience reaches: -1 on error. */
static int64_t audience_count(struct db *db, int64_t event_id, const char *audience)
{
    int64_t n = 0;
    return db_one_int(db, "SELECT count(*) FROM registrations r JOIN users u ON u.id = r.user_id " AUDIENCE_WHERE
                          " AND u.deleted_at IS NULL AND u.disabled_at IS NULL",
                      &n, "it", event_id, audience) == 1
               ? n
               : -1;
}

/* Renders the message form with the audiences and their counts. Takes page. */
static void render(struct request *req, struct db *db, const struct event_ref *ev, json_t *page)
{
    const char *chosen = json_string_value(json_object_get(json_object_get(page, "form"), "audience"));
    json_t *options = json_array(), *event = reg_event_view(req, ev);
    bool failed = !event;
    for (size_t i = 0; i < sizeof audiences / sizeof audiences[0]; i++) {
        int64_t n = audience_count(db, ev->id, audiences[i].value);
        failed |= n < 0;
        json_array_append_new(
            options, json_pack("{s:s, s:s, s:s, s:b}", "value", audiences[i].value, "label", _(audiences[i].label),
                               "count_label",
                               arena_printf(req->arena, ngettext("%lld person", "%lld people", (unsigned long)n),
                                            (long long)n),
                               "checked", chosen && *chosen ? strcmp(chosen, audiences[i].value) == 0 : i == 0));
    }
    if (failed) {
        json_decref(options), json_decref(event), json_decref(page);
        page_error(req, 500);
        return;
    }
    json_object_set_new(page, "event", event);
    json_object_set_new(page, "audiences", options);
    json_object_set_new(page, "action", json_string(arena_printf(req->arena, "/events/%s/message", ev->slug)));
    json_object_set_new(page, "list_url", json_string(arena_printf(req->arena, "/events/%s/registrations", ev->slug)));
    const char *sent = request_query(req, "sent");
    if (sent && req->method == HTTP_GET && !form_has_errors(page)) {
        long n = strtol(sent, NULL, 10);
        json_object_set_new(page, "notice",
                            json_string(arena_printf(req->arena,
                                                     ngettext("Your message is on its way to %ld person.",
                                                              "Your message is on its way to %ld people.",
                                                              (unsigned long)n),
                                                     n)));
    }
    form_render(req, "registration_message", page);
}

/*
 * GET /events/{slug}/message : the form to write to registrants
 * (organisers), with how many each audience reaches. Also renders a
 * refused POST as typed.
 *   sent   how many the last message went to: a notice
 */
void page_event_message_form(struct request *req)
{
    struct db *db = db_get();
    struct event_ref ev;
    if (!db || !event_require(req, &ev, EVENT_MANAGE))
        return;
    render(req, db, &ev, FORM_PAGE(req, _("Write to registrants"), message_fields));
}

/* Queues the message to every registration of the audience and records it.
 * Inside the caller's transaction. The number of emails queued, or -1. */
static int64_t send_all(struct request *req, struct db *db, const struct event_ref *ev, const char *audience,
                        const char *subject, const char *body)
{
    struct db_stmt *st = db_prepare(db, "SELECT r.id FROM registrations r " AUDIENCE_WHERE " ORDER BY r.id");
    if (!st)
        return -1;
    db_bind_int(st, 1, ev->id);
    db_bind_text(st, 2, audience);
    json_t *ids = json_array();
    while (db_step(st) == DB_ROW)
        json_array_append_new(ids, json_integer(db_col_int(st, 0)));
    db_reset(st);
    json_t *extra = json_pack("{s:s, s:s, s:s}", "message_subject", subject, "message_body", body, "sender",
                              req->caller.name ? req->caller.name : "");
    size_t i;
    json_t *id;
    int rc = 0;
    json_array_foreach (ids, i, id)
        if (rc == 0)
            rc = reg_mail(db, json_integer_value(id), "reg_message", extra, false);
    json_decref(extra);
    int64_t n = audience_count(db, ev->id, audience);
    json_decref(ids);
    if (rc || n < 0 ||
        db_run(db,
               "INSERT INTO event_messages (event_id, sender_id, audience, subject, body, recipients, created_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)",
               "iitttii", ev->id, req->caller.user_id, audience, subject, body, n, (int64_t)time(NULL)))
        return -1;
    const char *detail = arena_printf(req->arena, "event %s: message to %s (%lld people)", ev->slug, audience,
                                      (long long)n);
    return audit_record(db, req, "event_message", 0, detail) ? -1 : n;
}

/*
 * POST /events/{slug}/message : sends the message.
 *   audience   all, confirmed or waitlisted
 *   subject    one line, at most SUBJECT_MAX characters
 *   body       plain text, at most BODY_MAX characters
 */
void page_event_message(struct request *req)
{
    struct db *db = db_get();
    struct event_ref ev;
    if (!db || !event_require(req, &ev, EVENT_MANAGE))
        return;
    json_t *page = FORM_PAGE(req, _("Write to registrants"), message_fields);
    const char *audience = form_text(req, "audience"), *subject = text_squeeze(req->arena, form_text(req, "subject"));
    const char *body = form_text(req, "body");
    if (!audience_valid(audience))
        form_error(page, "audience", _("Please choose who receives the message."));
    if (!*subject)
        form_error(page, "subject", _("Please write a subject."));
    else if (utf8_length(subject) > SUBJECT_MAX)
        form_error(page, "subject", _("Please keep the subject within 150 characters."));
    if (!*body)
        form_error(page, "body", _("Please write the message."));
    else if (utf8_length(body) > BODY_MAX)
        form_error(page, "body", _("Please shorten the message to at most 20,000 characters."));
    if (form_has_errors(page)) {
        render(req, db, &ev, page);
        return;
    }
    json_decref(page);
    int64_t n = db_begin(db) ? -1 : send_all(req, db, &ev, audience, subject, body);
    if (n < 0 || db_commit(db)) {
        db_rollback(db);
        log_event(LOG_ERROR, req->id, "message to registrants not sent", "event", ev.slug, NULL);
        page_error(req, 500);
        return;
    }
    request_redirect(req, arena_printf(req->arena, "/events/%s/message?sent=%lld", ev.slug, (long long)n));
}
