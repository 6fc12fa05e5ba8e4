/* Registrations: settings, look-ups, and the status changes that take,
 * free and hand on seats, each inside the caller's write transaction. */
#include "registration/registration.h"

#include <string.h>
#include <time.h>

#include "accounts/secret.h"
#include "registration/registration_mail.h"

int reg_settings_load(struct db *db, int64_t event_id, struct reg_settings *s)
{
    *s = (struct reg_settings){.capacity = -1};
    struct db_stmt *st = db_prepare(db, "SELECT enabled, approval, capacity, opens_at, closes_at "
                                        "FROM registration_settings WHERE event_id = ?");
    if (!st)
        return -1;
    db_bind_int(st, 1, event_id);
    enum db_step rc = db_step(st);
    if (rc == DB_ROW) {
        s->enabled = db_col_int(st, 0) != 0;
        s->approval = db_col_int(st, 1) != 0;
        s->capacity = db_col_is_null(st, 2) ? -1 : db_col_int(st, 2);
        s->opens_at = db_col_int(st, 3);
        s->closes_at = db_col_int(st, 4);
    }
    db_reset(st);
    return rc == DB_ERROR ? -1 : 0;
}

enum reg_window reg_window_at(const struct reg_settings *s, const char *event_status, int64_t starts_at,
                              int64_t ends_at, int64_t now, int64_t *from, int64_t *until)
{
    *from = s->opens_at;
    *until = s->closes_at ? s->closes_at : ends_at ? ends_at : starts_at;
    /* A finished event's registration is over, whether or not it took any;
     * so is a published one's once it has ended (or started, without an end). */
    int64_t over_at = ends_at ? ends_at : starts_at;
    bool published = strcmp(event_status, "published") == 0;
    if (strcmp(event_status, "finished") == 0 || (published && over_at && now >= over_at)) {
        *until = s->enabled ? *until : 0;
        return REG_CLOSED;
    }
    if (!s->enabled || !published)
        return REG_OFF;
    if (s->opens_at && now < s->opens_at)
        return REG_NOT_YET;
    if (*until && now >= *until)
        return REG_CLOSED;
    *from = 0;
    return REG_OPEN;
}

bool reg_status_live(const char *status)
{
    return strcmp(status, "pending") == 0 || strcmp(status, "confirmed") == 0 || strcmp(status, "waitlisted") == 0;
}

/* The columns every look-up reads, and the waitlist position as a rank. */
#define REG_COLUMNS                                                                                                    \
    "SELECT r.id, r.event_id, r.user_id, r.status, r.created_at, r.updated_at, "                                     \
    "CASE WHEN r.status = 'waitlisted' THEN (SELECT count(*) FROM registrations w WHERE w.event_id = r.event_id "    \
    "AND w.status = 'waitlisted' AND w.waitlist_seq <= r.waitlist_seq) ELSE 0 END FROM registrations r "

/* Runs a bound look-up statement into *out. 1, 0 or -1. */
static int read_row(struct db_stmt *st, struct reg_row *out)
{
    enum db_step rc = db_step(st);
    if (rc == DB_ROW) {
        *out = (struct reg_row){.id = db_col_int(st, 0),
                                .event_id = db_col_int(st, 1),
                                .user_id = db_col_int(st, 2),
                                .created_at = db_col_int(st, 4),
                                .updated_at = db_col_int(st, 5),
                                .position = db_col_int(st, 6)};
        strncpy(out->status, db_col_text(st, 3), sizeof out->status - 1);
        out->status[sizeof out->status - 1] = '\0';
    }
    db_reset(st);
    return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int reg_find(struct db *db, int64_t event_id, int64_t user_id, struct reg_row *out)
{
    struct db_stmt *st = db_prepare(db, REG_COLUMNS "WHERE r.event_id = ? AND r.user_id = ?");
    if (!st)
        return -1;
    db_bind_int(st, 1, event_id);
    db_bind_int(st, 2, user_id);
    return read_row(st, out);
}

int reg_find_id(struct db *db, int64_t id, struct reg_row *out)
{
    struct db_stmt *st = db_prepare(db, REG_COLUMNS "WHERE r.id = ?");
    if (!st)
        return -1;
    db_bind_int(st, 1, id);
    return read_row(st, out);
}

int reg_find_token(struct db *db, const char *token, struct reg_row *out)
{
    if (!token || strlen(token) != SECRET_TEXT_LEN - 1)
        return 0;
    char hash[SECRET_HASH_LEN];
    secret_hash(token, hash);
    struct db_stmt *st = db_prepare(db, REG_COLUMNS "WHERE r.cancel_token_hash = ?1 OR r.id = "
                                                    "(SELECT registration_id FROM registration_cancel_tokens "
                                                    "WHERE token_hash = ?1)");
    if (!st)
        return -1;
    db_bind_text(st, 1, hash);
    return read_row(st, out);
}

int reg_counts_load(struct db *db, int64_t event_id, struct reg_counts *out)
{
    *out = (struct reg_counts){0};
    struct db_stmt *st =
        db_prepare(db, "SELECT status, count(*) FROM registrations WHERE event_id = ? GROUP BY status");
    if (!st)
        return -1;
    db_bind_int(st, 1, event_id);
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *s = db_col_text(st, 0);
        int64_t n = db_col_int(st, 1);
        if (strcmp(s, "confirmed") == 0)
            out->confirmed = n;
        else if (strcmp(s, "waitlisted") == 0)
            out->waitlisted = n;
        else if (strcmp(s, "pending") == 0)
            out->pending = n;
        else if (strcmp(s, "cancelled") == 0)
            out->cancelled = n;
        else
            out->declined = n;
    }
    db_reset(st);
    return rc == DB_ERROR ? -1 : 0;
}

/* Sets registration id to status ("confirmed", "waitlisted" at the end of
 * the waitlist, or any other, which leaves the waitlist). 0 or -1. */
static int set_status(struct db *db, int64_t id, const char *status)
{
    return db_run(db,
                  "UPDATE registrations SET status = ?1, updated_at = ?2, waitlist_seq = CASE WHEN ?1 = 'waitlisted' "
                  "THEN (SELECT COALESCE(max(w.waitlist_seq), 0) + 1 FROM registrations w "
                  "WHERE w.event_id = registrations.event_id AND w.status = 'waitlisted') ELSE NULL END WHERE id = ?3",
                  "tii", status, (int64_t)time(NULL), id);
}

/* The seats of event_id now: its settings, how many are confirmed, and
 * whether anyone waits. Index look-ups only (registrations_by_status):
 * no pass over all the event's registrations, which a burst repeats. */
static int seats_load(struct db *db, int64_t event_id, struct reg_settings *s, int64_t *confirmed, bool *waiting)
{
    int64_t any = 0;
    if (reg_settings_load(db, event_id, s) ||
        db_one_int(db, "SELECT count(*) FROM registrations WHERE event_id = ? AND status = 'confirmed'", confirmed, "i",
                   event_id) != 1 ||
        db_one_int(db, "SELECT EXISTS (SELECT 1 FROM registrations WHERE event_id = ? AND status = 'waitlisted')", &any,
                   "i", event_id) != 1)
        return -1;
    *waiting = any != 0;
    return 0;
}

/* The status a new (or approved) registration gets now: a seat when one is
 * free and nobody waits for it. */
static int seat_status(struct db *db, int64_t event_id, const char **status)
{
    struct reg_settings s;
    int64_t confirmed;
    bool waiting;
    if (seats_load(db, event_id, &s, &confirmed, &waiting))
        return -1;
    *status = s.capacity < 0 || (confirmed < s.capacity && !waiting) ? "confirmed" : "waitlisted";
    return 0;
}

/* The email that tells the person of registration id its new status. */
static int mail_status(struct db *db, int64_t id, const char *status)
{
    static const struct {
        const char *status, *mail;
        bool calendar;
    } mails[] = {{"confirmed", "reg_confirmed", true}, {"waitlisted", "reg_waitlisted", false},
                 {"pending", "reg_pending", false},     {"declined", "reg_declined", false},
                 {"cancelled", "reg_cancelled", false}};
    for (size_t i = 0; i < sizeof mails / sizeof mails[0]; i++)
        if (strcmp(mails[i].status, status) == 0)
            return reg_mail(db, id, mails[i].mail, NULL, mails[i].calendar);
    return -1;
}

/* Inserts the registration, or makes the cancelled one of the same person
 * live again with a new first link; its id goes into *id. 0 or -1. */
static int upsert_row(struct db *db, int64_t event_id, int64_t user_id, const char *lang, const char *status,
                      int64_t *id)
{
    char token[SECRET_TEXT_LEN], hash[SECRET_HASH_LEN];
    secret_new(token);
    secret_hash(token, hash);
    int64_t now = (int64_t)time(NULL);
    if (db_one_int(db,
                   "INSERT INTO registrations (event_id, user_id, status, lang, cancel_token_hash, created_at, "
                   "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) ON CONFLICT (event_id, user_id) DO UPDATE SET "
                   "status = excluded.status, lang = excluded.lang, cancel_token_hash = excluded.cancel_token_hash, "
                   "created_at = excluded.created_at, updated_at = excluded.updated_at, waitlist_seq = NULL "
                   "RETURNING id",
                   id, "iittti", event_id, user_id, status, lang, hash, now) != 1)
        return -1;
    /* Links emailed for the earlier, cancelled registration must not cancel this one. */
    return db_run(db, "DELETE FROM registration_cancel_tokens WHERE registration_id = ?", "i", *id);
}

/* Replaces the answers of registration id with answers (question id → text). */
static int save_answers(struct db *db, int64_t id, json_t *answers)
{
    if (db_run(db, "DELETE FROM registration_answers WHERE registration_id = ?", "i", id))
        return -1;
    const char *key;
    json_t *value;
    json_object_foreach (answers, key, value) {
        if (db_run(db, "INSERT INTO registration_answers (registration_id, question_id, value) VALUES (?, ?, ?)",
                   "itt", id, key, json_string_value(value)))
            return -1;
    }
    return 0;
}

int reg_create(struct db *db, int64_t event_id, int64_t user_id, const char *lang, json_t *answers, struct reg_row *out)
{
    struct reg_settings s;
    const char *status = "pending";
    int64_t id;
    /* Seats freed but not yet handed on (none, normally) go to those who wait first. */
    if (reg_settings_load(db, event_id, &s) || reg_promote(db, event_id) < 0 ||
        (!s.approval && seat_status(db, event_id, &status)))
        return -1;
    if (upsert_row(db, event_id, user_id, lang, status, &id) || set_status(db, id, status) ||
        (answers && save_answers(db, id, answers)) || mail_status(db, id, status))
        return -1;
    return reg_find_id(db, id, out) == 1 ? 0 : -1;
}

int reg_promote(struct db *db, int64_t event_id)
{
    struct reg_settings s;
    int64_t confirmed;
    bool waiting;
    if (seats_load(db, event_id, &s, &confirmed, &waiting))
        return -1;
    int promoted = 0;
    /* One at a time, first in line first: each promotion changes who is first. */
    while (waiting && (s.capacity < 0 || promoted < s.capacity - confirmed)) {
        int64_t id = 0;
        int found = db_one_int(db,
                               "SELECT id FROM registrations WHERE event_id = ? AND status = 'waitlisted' "
                               "ORDER BY waitlist_seq LIMIT 1",
                               &id, "i", event_id);
        if (found < 0)
            return -1;
        if (found == 0)
            break;
        if (set_status(db, id, "confirmed") || reg_mail(db, id, "reg_promoted", NULL, true))
            return -1;
        promoted++;
    }
    return promoted;
}

int reg_cancel(struct db *db, const struct reg_row *r)
{
    bool held_seat = strcmp(r->status, "confirmed") == 0;
    if (set_status(db, r->id, "cancelled") || mail_status(db, r->id, "cancelled"))
        return -1;
    return held_seat && reg_promote(db, r->event_id) < 0 ? -1 : 0;
}

int reg_decide(struct db *db, const struct reg_row *r, bool approve)
{
    const char *status = "declined";
    if (approve && seat_status(db, r->event_id, &status))
        return -1;
    return set_status(db, r->id, status) || mail_status(db, r->id, status) ? -1 : 0;
}
