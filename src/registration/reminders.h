/* Reminders to confirmed registrants, 24 hours and 1 hour before each
 * session that has a time (before the event itself when none has), each
 * queued once (reminders_sent), in the person's language and zone.
 *
 * A reminder is due in its window only: the 24-hour one from 24 h until
 * 1 h before the start, the 1-hour one from 1 h before until the start.
 * One not queued in its window (the hub was down, the person registered
 * later) is skipped, never sent late. */
#ifndef DXHUB_REGISTRATION_REMINDERS_H
#define DXHUB_REGISTRATION_REMINDERS_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

#define REMINDER_INTERVAL_DEFAULT_S 60

/* One reminder to queue: registration, session (0: the event itself),
 * kind ("24h" or "1h") and the start it is about. */
struct reminder_due {
    int64_t registration_id, session_id;
    char kind[4];
    int64_t starts_at;
};

/* What is due at instant now: confirmed registrations of published events,
 * for each start in a window above, not in reminders_sent yet; soonest
 * start first. At most max into out; returns how many, or -1 on a database
 * error. Reads only. */
int reminders_due(struct db *db, int64_t now, struct reminder_due *out, size_t max);

/* Queues every reminder due at now (in transactions of a few dozen), each
 * recorded in reminders_sent in the same transaction as its email. Returns
 * how many were queued, or -1 on an error (what was committed stays). */
int reminders_queue(struct db *db, int64_t now);

/* Starts the thread that calls reminders_queue every interval_s seconds
 * (from its first call at once). Call after db_init, i18n_init and
 * templates_init. 0, or -1 (message on stderr) when it cannot start. */
int reminders_start(unsigned interval_s);

/* Stops and joins the thread; harmless when it did not start. Call before
 * db_shutdown. */
void reminders_stop(void);

#endif
