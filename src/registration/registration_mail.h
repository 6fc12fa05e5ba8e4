/* The emails about a registration, each in its person's language and with
 * times on the event's clock and the person's own, and a one-click link to
 * cancel (a fresh random token per email, only its hash kept).
 *
 * Templates (templates/mail/<name>.{txt,html}.mustache) and what they see
 * besides the outbox's own keys (src/mail/outbox.h):
 *   name            the person's name
 *   event_title     in the registration's language, else the event's own
 *   event_url       the event page (absolute)
 *   when_event      when it starts on the event's clock, with its zone
 *   when_yours      the same on the person's clock, "" when it reads the same
 *   position        the place on the waitlist (waitlisted ones), else null
 *   registration_url the person's registration page
 *   cancel_url      /registrations/cancel?token=... (absolute)
 *   join_url        /events/{slug}/join (absolute): works for confirmed people
 * and whatever `extra` adds (it overrides these). */
#ifndef DXHUB_REGISTRATION_REGISTRATION_MAIL_H
#define DXHUB_REGISTRATION_REGISTRATION_MAIL_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "accounts/secret.h"
#include "db/db.h"
#include "http/request.h"
#include "i18n/i18n.h"
#include "mail/outbox.h"

/* Queues email `mail` (reg_confirmed, reg_waitlisted, reg_promoted,
 * reg_pending, reg_declined, reg_cancelled, reg_message, reg_reminder,
 * reg_event_cancelled) to the person of registration reg_id, with the data
 * above plus extra (borrowed, copied; NULL for none), and the event's .ics
 * attached when with_calendar: inside the caller's transaction it only
 * inserts a job row (reg_mail_jobs) and wakes the mail renderer
 * (reg_mail_worker.h), which renders it after the commit, in the
 * registration's language, with the facts of that moment (a deleted or
 * disabled account gets nothing). Returns 0, or -1 on a database error. */
int reg_mail(struct db *db, int64_t reg_id, const char *mail, json_t *extra, bool with_calendar);

/* One job rendered, not yet stored: the message and its cancel link. */
struct reg_mail_rendered {
    int64_t reg_id;
    bool send; /* false: nothing to send (the account is deleted or disabled) */
    char token[SECRET_TEXT_LEN];
    struct mail_message msg; /* when send; the caller frees it (mail_message_free) */
};
/* Calendars made during one read snapshot (a round of the mail renderer):
 * there the same event in the same language gives the same text, so each
 * is made once and shared by the round's emails. Start with {0}; free with
 * reg_mail_calendars_free(). */
#define REG_MAIL_CALENDARS 8
struct reg_mail_calendars {
    int n;
    struct {
        char slug[128];
        enum lang lang;
        char *ics;
    } item[REG_MAIL_CALENDARS];
};
/* Frees the calendars cals holds and empties it. */
void reg_mail_calendars_free(struct reg_mail_calendars *cals);

/* Renders the email of a job (reg_mail's arguments) into *out, reading on
 * db (inside a read snapshot, which cals needs) and writing nothing; the
 * calendar comes from cals when it has it, else is made and kept there
 * (cals may be NULL: made each time). Switches the thread's language while
 * it works, then back to English. 0 (out->send false when the account is
 * gone or disabled), or -1 when the registration is gone or the calendar or
 * a template fails (logged; nothing to free). */
int reg_mail_render(struct db *db, int64_t reg_id, const char *mail, json_t *extra, bool with_calendar,
                    struct reg_mail_calendars *cals, struct reg_mail_rendered *out);
/* Stores a rendered job: its cancel link's hash and the outbox row, inside
 * the caller's transaction; nothing when m->send is false. 0 or -1. */
int reg_mail_store(struct db *db, const struct reg_mail_rendered *m);

/* Queues "reg_event_cancelled" (the event is cancelled; with
 * organiser_message, the organisers' optional words, "" for none) to every
 * confirmed, waitlisted and pending registrant of event_id, each in their
 * language. Inside the caller's transaction. The number of registrations
 * told (accounts deleted or disabled count, though nothing is sent), or -1. */
int64_t reg_notify_event_cancelled(struct db *db, int64_t event_id, const char *message);

/* Keeps the hash of token (SECRET_TEXT_LEN - 1 characters) as a cancel
 * link of registration reg_id. Inside the caller's transaction. 0 or -1. */
int reg_link_store(struct db *db, int64_t reg_id, const char *token);

/* When instant `at` is, for people: *event_out on the event's clock (with
 * the zone's name) and *yours_out on viewer_tz's ("" when the same or
 * viewer_tz is NULL), in lang; for a day or a year only (precision "day",
 * "year") just the date or the year. Writes into buffers of EVENT_CLOCK_MAX. */
void reg_when(int64_t at, const char *precision, const char *event_tz, const char *viewer_tz, enum lang lang,
              char *event_out, char *yours_out);

#endif
