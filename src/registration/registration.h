/* Registrations for an event: the settings that govern them, and the
 * changes of a registration's status that must stay fair under any
 * concurrency: registering, cancelling, promoting from the waitlist,
 * approving and declining.
 *
 * Seats are the confirmed registrations; the capacity (NULL: no limit)
 * caps them. Everyone else who registers while the seats are taken joins the
 * waitlist in arrival order (waitlist_seq); a waitlisted registration's
 * position is its rank among the waitlisted ones, so positions have no gaps.
 * Whenever seats free up (a cancellation, a higher capacity, an approval
 * that found none) the first waitlisted people are promoted in the same
 * transaction and emailed. Every function that changes a registration must
 * run inside the caller's write transaction (db_begin: BEGIN IMMEDIATE), which
 * is what makes "count the seats, then take one" atomic. */
#ifndef DXHUB_REGISTRATION_REGISTRATION_H
#define DXHUB_REGISTRATION_REGISTRATION_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"
#include "http/request.h"

/* How an event takes registrations (registration_settings). */
struct reg_settings {
    bool enabled;     /* false also when the event has no settings row */
    bool approval;    /* organisers confirm each registration */
    int64_t capacity; /* seats; -1 for no limit */
    int64_t opens_at; /* 0: open from publication */
    int64_t closes_at; /* 0: until the event ends */
};

/* Where registration stands at an instant. */
enum reg_window {
    REG_OPEN,
    REG_OFF,     /* the event takes no registrations (or is not published) */
    REG_NOT_YET, /* before opens_at */
    REG_CLOSED,  /* after closes_at, or once the event has ended */
};

/* One person's registration for one event. */
struct reg_row {
    int64_t id, event_id, user_id;
    char status[12]; /* pending, confirmed, waitlisted, cancelled, declined */
    int64_t position; /* on the waitlist, from 1; 0 when not waitlisted */
    int64_t created_at, updated_at;
};

/* Reads the settings of event_id into *s (registration off when the event
 * has none). 0, or -1 on a database error. */
int reg_settings_load(struct db *db, int64_t event_id, struct reg_settings *s);

/* Whether registration is open at `now` for an event with these settings,
 * status (draft, published, ...) and times (ends_at, else starts_at, 0 when
 * unknown, ends the default window). *until receives the instant it closes
 * (0: no end) and *from the instant it opens (0: already). A finished
 * event is REG_CLOSED (with *until 0 when it took no registrations). Pure. */
enum reg_window reg_window_at(const struct reg_settings *s, const char *event_status, int64_t starts_at,
                              int64_t ends_at, int64_t now, int64_t *from, int64_t *until);

/* The registration of user_id for event_id into *out, with its waitlist
 * position. 1 found, 0 none, -1 database error. */
int reg_find(struct db *db, int64_t event_id, int64_t user_id, struct reg_row *out);
/* The same by the registration's own id. */
int reg_find_id(struct db *db, int64_t id, struct reg_row *out);
/* The registration a cancel link's token belongs to (registrations.
 * cancel_token_hash or registration_cancel_tokens). 1, 0 or -1. */
int reg_find_token(struct db *db, const char *token, struct reg_row *out);

/* Counts of event_id's registrations by status. -1 on error, else 0. */
struct reg_counts {
    int64_t confirmed, waitlisted, pending, cancelled, declined;
};
int reg_counts_load(struct db *db, int64_t event_id, struct reg_counts *out);

/* Registers user_id for event_id in language lang ("en", "fr", "es"),
 * with answers (a JSON object question id → value text, borrowed; may be
 * NULL): pending when the event wants approval, confirmed while seats remain
 * (and nobody waits), else waitlisted at the end of the waitlist. A cancelled
 * registration's row is used again (new links; earlier answers replaced).
 * Queues the email for the new status (a reg_mail job). Inside the caller's
 * transaction; the caller checked the window and that no live registration
 * exists. Fills *out. 0, or -1 on a database error (roll back). */
int reg_create(struct db *db, int64_t event_id, int64_t user_id, const char *lang, json_t *answers,
               struct reg_row *out);

/* Cancels registration r (pending, confirmed or waitlisted), emails its
 * person, and when it held a seat promotes the first waitlisted people.
 * Inside the caller's transaction. 0, or -1 (roll back). */
int reg_cancel(struct db *db, const struct reg_row *r);

/* Promotes the first waitlisted registrations of event_id for as many seats
 * as are free (all of them without a capacity), each confirmed and emailed
 * with the event's calendar. Inside the caller's transaction. Returns how
 * many were promoted, or -1 (roll back). */
int reg_promote(struct db *db, int64_t event_id);

/* Approves a pending registration (confirmed if a seat is free and nobody
 * waits, else waitlisted at the end) or declines it (approve false); emails
 * the person. Inside the caller's transaction. 0, or -1. */
int reg_decide(struct db *db, const struct reg_row *r, bool approve);

/* True for "pending", "confirmed" and "waitlisted": a registration that counts. */
bool reg_status_live(const char *status);

#endif
