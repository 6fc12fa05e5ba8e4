/* Unit tests of registration (src/registration/): the registration window,
 * seats and the waitlist (register, cancel, promote, approve) on the
 * database, which reminders are due at an instant (24 h and 1 h windows,
 * exactly once, late starts skipped), and the calendar attachment of
 * emails (src/mail/mime.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "db/db.h"
#include "i18n/i18n.h"
#include "mail/mail_strings.h"
#include "mail/mime.h"
#include "registration/reg_mail_worker.h"
#include "registration/registration.h"
#include "registration/registration_strings.h"
#include "registration/reminders.h"
#include "view/templates.h"
#include "unit_db.h"

#define HOUR 3600
#define DAY (24 * HOUR)

static int64_t T; /* a session's start, two days from the real now (emails need future events) */

static int setup(void **state)
{
    mail_register_strings();
    registration_register_strings();
    T = (int64_t)time(NULL) + 2 * DAY;
    return unit_db_i18n_setup(state) || templates_init(NULL) ? -1 : 0;
}

static int teardown(void **state)
{
    templates_shutdown();
    return unit_db_teardown(state);
}

static int64_t one_int(const char *sql, int64_t id)
{
    int64_t v = -1;
    db_one_int(db_get(), sql, &v, "i", id);
    return v;
}

/* A published event (or status) starting at starts (0: no date), minute precision; its id. */
static int64_t add_event(const char *slug, const char *status, int64_t starts)
{
    struct db *db = db_get();
    assert_int_equal(db_run(db,
                            "INSERT INTO events (slug, status, tz, starts_at, ends_at, time_precision, created_at, "
                            "updated_at) VALUES (?, ?, 'Europe/Brussels', ?, ?, 'minute', 0, 0)",
                            "ttnn", slug, status, starts, starts ? starts + 4 * HOUR : 0),
                     0);
    int64_t id = db_last_id(db);
    assert_int_equal(db_run(db, "INSERT INTO event_texts (event_id, lang, title) VALUES (?, 'en', ?)", "it", id, slug),
                     0);
    return id;
}

static int64_t add_session(int64_t event_id, int position, int64_t starts, const char *title)
{
    struct db *db = db_get();
    assert_int_equal(db_run(db, "INSERT INTO sessions (event_id, position, starts_at) VALUES (?, ?, ?)", "iii",
                            event_id, (int64_t)position, starts),
                     0);
    int64_t id = db_last_id(db);
    assert_int_equal(db_run(db, "INSERT INTO session_texts (session_id, lang, title) VALUES (?, 'en', ?)", "it", id,
                            title),
                     0);
    return id;
}

static int64_t add_user(const char *email)
{
    assert_int_equal(db_run(db_get(), "INSERT INTO users (email, name, lang, tz, created_at) VALUES (?, ?, 'fr', "
                                      "'America/New_York', 0)",
                            "tt", email, email),
                     0);
    return db_last_id(db_get());
}

static void set_capacity(int64_t event_id, int64_t capacity, bool approval)
{
    assert_int_equal(db_run(db_get(),
                            "INSERT INTO registration_settings (event_id, capacity, approval) VALUES (?, ?, ?) "
                            "ON CONFLICT (event_id) DO UPDATE SET capacity = excluded.capacity, "
                            "approval = excluded.approval",
                            "iii", event_id, capacity, (int64_t)approval),
                     0);
}

/* Registers user for event in its own transaction; returns the row. */
static struct reg_row do_register(int64_t event_id, int64_t user_id)
{
    struct reg_row r;
    assert_int_equal(db_begin(db_get()), 0);
    assert_int_equal(reg_create(db_get(), event_id, user_id, "fr", NULL, &r), 0);
    assert_int_equal(db_commit(db_get()), 0);
    return r;
}

/* Emails are rendered after the commit by the mail renderer (a thread in
 * the server): render what waits, as it would. */
static void render_waiting(void)
{
    int n;
    while ((n = reg_mail_render_due(db_get())) > 0)
        ;
    assert_int_equal(n, 0);
}

/* The registration's transaction only queues a small job; the email (MIME
 * parts, the .ics, the cancel link) is rendered afterwards, outside it. */
static void test_mail_rendered_after_commit(void **state)
{
    (void)state;
    render_waiting(); /* what the tests before left */
    int64_t e = add_event("after-commit", "published", T);
    set_capacity(e, 5, false);
    int64_t u = add_user("after-commit@example.org");
    int64_t mails = one_int("SELECT count(*) FROM outbox WHERE ? > 0", 1);
    int64_t links = one_int("SELECT count(*) FROM registration_cancel_tokens WHERE ? > 0", 1);
    struct reg_row r = do_register(e, u);
    assert_string_equal(r.status, "confirmed");
    assert_int_equal(one_int("SELECT count(*) FROM outbox WHERE ? > 0", 1), mails);
    assert_int_equal(one_int("SELECT count(*) FROM reg_mail_jobs WHERE registration_id = ? AND calendar = 1 "
                             "AND mail = 'reg_confirmed'",
                             r.id),
                     1);
    render_waiting();
    assert_int_equal(one_int("SELECT count(*) FROM reg_mail_jobs WHERE ? > 0", 1), 0);
    assert_int_equal(one_int("SELECT count(*) FROM outbox WHERE template = 'reg_confirmed' AND recipient = "
                             "'after-commit@example.org' AND attachment_ics LIKE 'BEGIN:VCALENDAR%' AND ? > 0",
                             1),
                     1);
    assert_int_equal(one_int("SELECT count(*) FROM registration_cancel_tokens WHERE ? > 0", 1), links + 1);
    /* A rolled-back change leaves no job, so it emails nothing. */
    assert_int_equal(db_begin(db_get()), 0);
    assert_int_equal(reg_cancel(db_get(), &r), 0);
    assert_int_equal(db_rollback(db_get()), 0);
    assert_int_equal(one_int("SELECT count(*) FROM reg_mail_jobs WHERE ? > 0", 1), 0);
}

static void test_window(void **state)
{
    (void)state;
    int64_t from, until;
    struct reg_settings s = {.enabled = true, .capacity = -1};
    assert_int_equal(reg_window_at(&s, "published", 1000, 2000, 500, &from, &until), REG_OPEN);
    assert_int_equal(until, 2000); /* closes when the event ends */
    assert_int_equal(reg_window_at(&s, "published", 1000, 0, 999, &from, &until), REG_OPEN);
    assert_int_equal(reg_window_at(&s, "published", 1000, 0, 1000, &from, &until), REG_CLOSED);
    assert_int_equal(reg_window_at(&s, "draft", 1000, 2000, 500, &from, &until), REG_OFF);
    assert_int_equal(reg_window_at(&s, "cancelled", 1000, 2000, 500, &from, &until), REG_OFF);
    s.opens_at = 600, s.closes_at = 800;
    assert_int_equal(reg_window_at(&s, "published", 1000, 2000, 599, &from, &until), REG_NOT_YET);
    assert_int_equal(from, 600);
    assert_int_equal(reg_window_at(&s, "published", 1000, 2000, 600, &from, &until), REG_OPEN);
    assert_int_equal(reg_window_at(&s, "published", 1000, 2000, 800, &from, &until), REG_CLOSED);
    assert_int_equal(until, 800);
    s.enabled = false;
    assert_int_equal(reg_window_at(&s, "published", 1000, 2000, 700, &from, &until), REG_OFF);
    /* A finished event's registration is closed, even one that took none and
     * one marked finished before its closing date. */
    assert_int_equal(reg_window_at(&s, "finished", 1000, 2000, 700, &from, &until), REG_CLOSED);
    assert_int_equal(until, 0);
    /* So is a published event's that took none, once it is over. */
    assert_int_equal(reg_window_at(&s, "published", 1000, 2000, 2000, &from, &until), REG_CLOSED);
    assert_int_equal(until, 0);
    assert_int_equal(reg_window_at(&s, "published", 1000, 0, 1000, &from, &until), REG_CLOSED);
    s.enabled = true;
    assert_int_equal(reg_window_at(&s, "finished", 1000, 2000, 700, &from, &until), REG_CLOSED);
    /* No date at all: open until closes_at, or for good. */
    s = (struct reg_settings){.enabled = true, .capacity = -1};
    assert_int_equal(reg_window_at(&s, "published", 0, 0, 1LL << 40, &from, &until), REG_OPEN);
}

static void test_seats_and_waitlist(void **state)
{
    (void)state;
    int64_t e = add_event("seats", "published", T);
    set_capacity(e, 2, false);
    int64_t u[5];
    for (int i = 0; i < 5; i++) {
        char email[32];
        snprintf(email, sizeof email, "seat%d@example.org", i);
        u[i] = add_user(email);
    }
    struct reg_row r[5];
    for (int i = 0; i < 5; i++)
        r[i] = do_register(e, u[i]);
    assert_string_equal(r[0].status, "confirmed");
    assert_string_equal(r[1].status, "confirmed");
    for (int i = 2; i < 5; i++) {
        assert_string_equal(r[i].status, "waitlisted");
        assert_int_equal(r[i].position, i - 1);
    }
    /* A confirmed one cancels: the first waitlisted gets the seat, the others move up. */
    assert_int_equal(db_begin(db_get()), 0);
    assert_int_equal(reg_cancel(db_get(), &r[0]), 0);
    assert_int_equal(db_commit(db_get()), 0);
    struct reg_row now;
    assert_int_equal(reg_find(db_get(), e, u[2], &now), 1);
    assert_string_equal(now.status, "confirmed");
    assert_int_equal(reg_find(db_get(), e, u[4], &now), 1);
    assert_int_equal(now.position, 2);
    /* A waitlisted one cancels: no one is promoted, positions close up. */
    assert_int_equal(reg_find(db_get(), e, u[3], &now), 1);
    assert_int_equal(db_begin(db_get()), 0);
    assert_int_equal(reg_cancel(db_get(), &now), 0);
    assert_int_equal(db_commit(db_get()), 0);
    assert_int_equal(reg_find(db_get(), e, u[4], &now), 1);
    assert_string_equal(now.status, "waitlisted");
    assert_int_equal(now.position, 1);
    /* Registering again after cancelling reuses the row and queues at the end. */
    struct reg_row again = do_register(e, u[0]);
    assert_int_equal(again.id, r[0].id);
    assert_string_equal(again.status, "waitlisted");
    assert_int_equal(again.position, 2);
    /* More seats: everyone waiting is promoted, in order. */
    set_capacity(e, 10, false);
    assert_int_equal(db_begin(db_get()), 0);
    assert_int_equal(reg_promote(db_get(), e), 2);
    assert_int_equal(db_commit(db_get()), 0);
    assert_int_equal(one_int("SELECT count(*) FROM registrations WHERE event_id = ? AND status = 'confirmed'", e), 4);
    /* Each change was emailed: confirmations and promotions carry the calendar. */
    render_waiting();
    assert_int_equal(one_int("SELECT count(*) FROM outbox WHERE template IN ('reg_confirmed', 'reg_promoted') "
                             "AND attachment_ics LIKE 'BEGIN:VCALENDAR%' AND ? > 0",
                             1),
                     2 + 1 + 2);
    assert_int_equal(one_int("SELECT count(*) FROM outbox WHERE template = 'reg_waitlisted' AND ? > 0", 1), 4);
}

static void test_approval(void **state)
{
    (void)state;
    int64_t e = add_event("approval", "published", T);
    set_capacity(e, 1, true);
    int64_t a = add_user("appr-a@example.org"), b = add_user("appr-b@example.org"), c = add_user("appr-c@example.org");
    struct reg_row ra = do_register(e, a), rb = do_register(e, b), rc = do_register(e, c);
    assert_string_equal(ra.status, "pending");
    assert_string_equal(rb.status, "pending");
    assert_int_equal(db_begin(db_get()), 0);
    assert_int_equal(reg_decide(db_get(), &ra, true), 0);
    assert_int_equal(reg_decide(db_get(), &rb, true), 0);
    assert_int_equal(reg_decide(db_get(), &rc, false), 0);
    assert_int_equal(db_commit(db_get()), 0);
    struct reg_row r;
    assert_int_equal(reg_find(db_get(), e, a, &r), 1);
    assert_string_equal(r.status, "confirmed");
    assert_int_equal(reg_find(db_get(), e, b, &r), 1);
    assert_string_equal(r.status, "waitlisted"); /* approved, but the one seat is taken */
    assert_int_equal(r.position, 1);
    assert_int_equal(reg_find(db_get(), e, c, &r), 1);
    assert_string_equal(r.status, "declined");
}

/* How many reminders are due at now for event_id (all events with 0). */
static int due_count(int64_t now, int64_t event_id, struct reminder_due *out, size_t max)
{
    struct reminder_due all[64];
    int n = reminders_due(db_get(), now, all, 64), k = 0;
    assert_true(n >= 0);
    for (int i = 0; i < n; i++) {
        int64_t ev = one_int("SELECT event_id FROM registrations WHERE id = ?", all[i].registration_id);
        if ((!event_id || ev == event_id) && (size_t)k < max)
            out[k++] = all[i];
    }
    return k;
}

static void test_reminders_due(void **state)
{
    (void)state;
    const int64_t S = T + 5 * DAY; /* clear of the other tests' events */
    int64_t e = add_event("sessions", "published", S);
    int64_t s1 = add_session(e, 1, S, "Public Sector Synergies");
    int64_t s2 = add_session(e, 2, S + 3 * HOUR, "Private Sector Alliances");
    set_capacity(e, 1, false);
    int64_t a = add_user("rem-a@example.org"), b = add_user("rem-b@example.org");
    struct reg_row ra = do_register(e, a);
    do_register(e, b); /* waitlisted: no reminders */
    struct reminder_due d[8];

    assert_int_equal(due_count(S - 25 * HOUR, e, d, 8), 0);
    assert_int_equal(due_count(S - 23 * HOUR, e, d, 8), 1);
    assert_int_equal(d[0].registration_id, ra.id);
    assert_int_equal(d[0].session_id, s1);
    assert_string_equal(d[0].kind, "24h");
    assert_int_equal(d[0].starts_at, S);

    /* Queued once: then no longer due, and queuing again queues nothing. */
    int64_t before = one_int("SELECT count(*) FROM outbox WHERE template = 'reg_reminder' AND ? > 0", 1);
    assert_int_equal(reminders_queue(db_get(), S - 23 * HOUR), 1);
    assert_int_equal(due_count(S - 23 * HOUR, e, d, 8), 0);
    assert_int_equal(reminders_queue(db_get(), S - 22 * HOUR), 0);
    render_waiting();
    assert_int_equal(one_int("SELECT count(*) FROM outbox WHERE template = 'reg_reminder' AND ? > 0", 1), before + 1);
    /* In the person's language and zone, naming the session. */
    char *subject = NULL;
    struct db_stmt *st = db_prepare(db_get(), "SELECT subject FROM outbox WHERE template = 'reg_reminder' "
                                              "ORDER BY id DESC LIMIT 1");
    if (db_step(st) == DB_ROW)
        subject = strdup(db_col_text(st, 0));
    db_reset(st);
    assert_non_null(subject);
    assert_non_null(strstr(subject, "Public Sector Synergies"));
    free(subject);

    /* 30 minutes before the first session: its 1-hour reminder, and the second session's 24-hour one. */
    assert_int_equal(due_count(S - 30 * 60, e, d, 8), 2);
    assert_int_equal(d[0].session_id, s1);
    assert_string_equal(d[0].kind, "1h");
    assert_int_equal(d[1].session_id, s2);
    assert_string_equal(d[1].kind, "24h");
    assert_int_equal(reminders_queue(db_get(), S - 30 * 60), 2);

    /* Late start: the hub was down from 2 h before the second session until 10 minutes after it
     * began. Its 1-hour reminder is skipped, never sent late. */
    assert_int_equal(due_count(S + 3 * HOUR + 10 * 60, e, d, 8), 0);
    assert_int_equal(due_count(S + 3 * HOUR - 30 * 60, e, d, 8), 1);
    assert_string_equal(d[0].kind, "1h");
}

/* Someone confirmed once a reminder's window had opened just got the confirmation: no
 * 24-hour reminder on top of it, but the 1-hour one still comes. */
static void test_reminders_skip_late_confirmations(void **state)
{
    (void)state;
    const int64_t S = T + 20 * DAY;
    int64_t e = add_event("late-comers", "published", S);
    add_session(e, 1, S, "Diaspora-to-Diaspora Collaboration");
    set_capacity(e, 10, false);
    struct reg_row r = do_register(e, add_user("late@example.org"));
    assert_int_equal(db_run(db_get(), "UPDATE registrations SET updated_at = ? WHERE id = ?", "ii", S - 2 * HOUR, r.id),
                     0);
    struct reminder_due d[4];
    assert_int_equal(due_count(S - 90 * 60, e, d, 4), 0);
    assert_int_equal(due_count(S - 30 * 60, e, d, 4), 1);
    assert_string_equal(d[0].kind, "1h");
}

static void test_reminders_event_without_sessions(void **state)
{
    (void)state;
    int64_t e = add_event("no-sessions", "published", T + 10 * DAY);
    int64_t draft = add_event("a-draft", "draft", T + 10 * DAY);
    set_capacity(e, 100, false);
    set_capacity(draft, 100, false);
    int64_t u = add_user("nosess@example.org");
    do_register(e, u);
    assert_int_equal(db_run(db_get(), "INSERT INTO registrations (event_id, user_id, status, lang, cancel_token_hash, "
                                      "created_at, updated_at) VALUES (?, ?, 'confirmed', 'en', 'x-draft', 0, 0)",
                            "ii", draft, u),
                     0);
    struct reminder_due d[8];
    /* Only the 1-hour window is left when the hub first looks 50 minutes before: no 24-hour one late. */
    assert_int_equal(due_count(T + 10 * DAY - 50 * 60, 0, d, 8), 1);
    assert_int_equal(d[0].session_id, 0);
    assert_string_equal(d[0].kind, "1h");
    assert_int_equal(due_count(T + 10 * DAY, 0, d, 8), 0);
}

static void test_calendar_attachment(void **state)
{
    (void)state;
    const char *ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nSUMMARY:Échange\r\nEND:VCALENDAR\r\n";
    struct mime_message m = {.from = "hub@example.org", .to = "ana@example.org", .subject = "Confirmed",
                             .text = "Hello", .html = "<p>Hello</p>", .message_id = "k@example.org", .date = 0,
                             .boundary = "=_test", .calendar = ics};
    struct buf out = BUF_INIT;
    assert_int_equal(mime_build(&m, &out), 0);
    assert_non_null(strstr(out.data, "Content-Type: multipart/mixed; boundary=\"mixed-=_test\"\r\n\r\n--mixed-=_test\r\n"
                                     "Content-Type: multipart/alternative; boundary=\"=_test\"\r\n"));
    const char *att = strstr(out.data, "Content-Type: text/calendar; charset=UTF-8; method=PUBLISH");
    assert_non_null(att);
    assert_non_null(strstr(att, "Content-Disposition: attachment; filename=\"invite.ics\""));
    const char *b64 = strstr(att, "\r\n\r\n") + 4;
    unsigned char decoded[256];
    size_t n;
    const char *end;
    assert_int_equal(sodium_base642bin(decoded, sizeof decoded, b64, strlen(b64), "\r\n", &n, &end,
                                       sodium_base64_VARIANT_ORIGINAL),
                     0);
    assert_int_equal(n, strlen(ics));
    assert_memory_equal(decoded, ics, n);
    assert_non_null(strstr(out.data, "\r\n--=_test--\r\n"));
    assert_non_null(strstr(out.data, "\r\n--mixed-=_test--\r\n"));
    buf_free(&out);
    /* Without a calendar the message is what it always was. */
    m.calendar = "";
    assert_int_equal(mime_build(&m, &out), 0);
    assert_null(strstr(out.data, "multipart/mixed"));
    buf_free(&out);
    /* A calendar that is not UTF-8 is refused. */
    m.calendar = "BEGIN:\xff";
    assert_int_equal(mime_build(&m, &out), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_window),
        cmocka_unit_test(test_seats_and_waitlist),
        cmocka_unit_test(test_approval),
        cmocka_unit_test(test_reminders_due),
        cmocka_unit_test(test_reminders_skip_late_confirmations),
        cmocka_unit_test(test_reminders_event_without_sessions),
        cmocka_unit_test(test_calendar_attachment),
        cmocka_unit_test(test_mail_rendered_after_commit),
    };
    return cmocka_run_group_tests_name("registration", tests, setup, teardown);
}
