/* Which reminders are due at an instant, and queuing them exactly once. */
#include "registration/reminders.h"

#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "events/event_clocks.h"
#include "registration/registration_mail.h"

#define BATCH 32 /* reminders per write transaction, so registrations never wait long */

/* The starts that reminders are about: every session with a time, or the
 * event itself (session 0) when it has a time to the minute and no timed
 * session; only those starting within the next 24 hours of ?1. A reminder
 * goes to those confirmed before its window opened (24 h or 1 h ahead). */
static const char due_sql[] =
    "WITH starts (event_id, session_id, starts_at) AS ("
    " SELECT s.event_id, s.id, s.starts_at FROM sessions s WHERE s.starts_at > ?1 AND s.starts_at <= ?1 + 86400"
    " UNION ALL"
    " SELECT e.id, 0, e.starts_at FROM events e WHERE e.time_precision = 'minute' AND e.starts_at > ?1"
    " AND e.starts_at <= ?1 + 86400"
    " AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.event_id = e.id AND s.starts_at IS NOT NULL)),"
    " kinds (kind, lead_from, lead_to) AS (VALUES ('24h', 86400, 3600), ('1h', 3600, 0)) "
    "SELECT r.id, st.session_id, k.kind, st.starts_at FROM starts st "
    "JOIN events e ON e.id = st.event_id AND e.status = 'published' "
    "JOIN registrations r ON r.event_id = st.event_id AND r.status = 'confirmed' "
    "JOIN kinds k ON ?1 >= st.starts_at - k.lead_from AND ?1 < st.starts_at - k.lead_to "
    /* Confirmed only once the window had opened: the confirmation said it all just now. */
    "WHERE r.updated_at < st.starts_at - k.lead_from "
    "AND NOT EXISTS (SELECT 1 FROM reminders_sent x WHERE x.registration_id = r.id "
    "AND x.session_id = st.session_id AND x.kind = k.kind) "
    "ORDER BY st.starts_at, r.id, st.session_id LIMIT ?2";

int reminders_due(struct db *db, int64_t now, struct reminder_due *out, size_t max)
{
    struct db_stmt *st = db_prepare(db, due_sql);
    if (!st)
        return -1;
    db_bind_int(st, 1, now);
    db_bind_int(st, 2, (int64_t)max);
    int n = 0;
    enum db_step rc = DB_DONE;
    while ((size_t)n < max && (rc = db_step(st)) == DB_ROW) {
        out[n] = (struct reminder_due){.registration_id = db_col_int(st, 0),
                                       .session_id = db_col_int(st, 1),
                                       .starts_at = db_col_int(st, 3)};
        snprintf(out[n].kind, sizeof out[n].kind, "%s", db_col_text(st, 2));
        n++;
    }
    db_reset(st);
    return rc == DB_ERROR ? -1 : n;
}

/* The reminder's own data: the session's title (or "" for the event) in the
 * registration's language, when it starts on both clocks, and its kind. */
static json_t *reminder_data(struct db *db, const struct reminder_due *d)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT r.lang, u.tz, e.tz, (SELECT COALESCE(t.title, sd.title) FROM sessions s "
            "JOIN session_texts sd ON sd.session_id = s.id AND sd.lang = e.default_lang "
            "LEFT JOIN session_texts t ON t.session_id = s.id AND t.lang = r.lang WHERE s.id = ?2) "
            "FROM registrations r JOIN users u ON u.id = r.user_id JOIN events e ON e.id = r.event_id WHERE r.id = ?1");
    if (!st)
        return NULL;
    db_bind_int(st, 1, d->registration_id);
    db_bind_int(st, 2, d->session_id);
    json_t *data = NULL;
    if (db_step(st) == DB_ROW) {
        enum lang lang = LANG_EN;
        i18n_parse(db_col_text(st, 0), &lang);
        const char *tz = db_col_text(st, 1);
        char when_event[EVENT_CLOCK_MAX], when_yours[EVENT_CLOCK_MAX];
        reg_when(d->starts_at, "minute", db_col_text(st, 2), tz && *tz ? tz : NULL, lang, when_event, when_yours);
        const char *session = db_col_text(st, 3);
        data = json_pack("{s:s, s:s, s:s, s:b, s:b}", "when_event", when_event, "when_yours", when_yours,
                         "session_title", session ? session : "", "is_24h", strcmp(d->kind, "24h") == 0, "is_1h",
                         strcmp(d->kind, "1h") == 0);
    }
    db_reset(st);
    return data;
}

/* Records reminder d and queues its email, unless another process did
 * first. Inside the caller's transaction. 1 queued, 0 already, -1 error. */
static int queue_one(struct db *db, const struct reminder_due *d, int64_t now)
{
    int inserted = db_one_int(db,
                              "INSERT INTO reminders_sent (registration_id, session_id, kind, queued_at) "
                              "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1",
                              NULL, "iiti", d->registration_id, d->session_id, d->kind, now);
    if (inserted != 1)
        return inserted;
    json_t *data = reminder_data(db, d);
    int rc = data ? reg_mail(db, d->registration_id, "reg_reminder", data, false) : -1;
    json_decref(data);
    return rc ? -1 : 1;
}

int reminders_queue(struct db *db, int64_t now)
{
    struct reminder_due due[BATCH];
    int total = 0, n;
    while ((n = reminders_due(db, now, due, BATCH)) > 0) {
        if (db_begin(db))
            return -1;
        int queued = 0;
        for (int i = 0; i < n; i++) {
            int rc = queue_one(db, &due[i], now);
            if (rc < 0) {
                db_rollback(db);
                log_event(LOG_ERROR, NULL, "reminders: queuing failed", NULL);
                return -1;
            }
            queued += rc;
        }
        if (db_commit(db)) {
            db_rollback(db);
            return -1;
        }
        total += queued;
    }
    if (total) {
        char count[24];
        snprintf(count, sizeof count, "%d", total);
        log_event(LOG_INFO, NULL, "reminders queued", "count", count, NULL);
    }
    return n < 0 ? -1 : total;
}
