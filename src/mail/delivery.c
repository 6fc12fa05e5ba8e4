/* One round of delivery: lease the due messages, send each, record how it
 * went. */
#include "mail/delivery.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/log.h"
#include "i18n/i18n.h"
#include "mail/mime.h"

#define BATCH 16 /* messages leased at a time */

/* One leased message, copied out of the database. */
struct outgoing {
    int64_t id, created_at, attempts;
    char *to, *lang, *subject, *text, *html, *key, *ics;
};

int64_t mail_backoff_s(int attempts)
{
    int64_t s = MAIL_BACKOFF_FIRST_S;
    for (int i = 1; i < attempts && s < MAIL_BACKOFF_MAX_S; i++)
        s *= 2;
    return s < MAIL_BACKOFF_MAX_S ? s : MAIL_BACKOFF_MAX_S;
}

static void outgoing_free(struct outgoing *m)
{
    free(m->to), free(m->lang), free(m->subject), free(m->text), free(m->html), free(m->key), free(m->ics);
}

static const char due_sql[] =
    "SELECT id, recipient, lang, subject, body_text, body_html, message_key, created_at, attempts, attachment_ics "
    "FROM outbox "
    "WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?";

/* Copies up to BATCH messages due at `now` into out; returns how many (0
 * after a database error, which the db layer logs). */
static int read_due(struct db *db, int64_t now, struct outgoing out[BATCH])
{
    struct db_stmt *st = db_prepare(db, due_sql);
    if (!st || db_bind_int(st, 1, now) || db_bind_int(st, 2, BATCH)) {
        db_reset(st);
        return 0;
    }
    int n = 0;
    while (n < BATCH && db_step(st) == DB_ROW) {
        out[n++] = (struct outgoing){.id = db_col_int(st, 0),
                                     .to = xstrdup(db_col_text(st, 1)),
                                     .lang = xstrdup(db_col_text(st, 2)),
                                     .subject = xstrdup(db_col_text(st, 3)),
                                     .text = xstrdup(db_col_text(st, 4)),
                                     .html = xstrdup(db_col_text(st, 5)),
                                     .key = xstrdup(db_col_text(st, 6)),
                                     .created_at = db_col_int(st, 7),
                                     .attempts = db_col_int(st, 8),
                                     .ics = xstrdup(db_col_text(st, 9))};
    }
    db_reset(st);
    return n;
}

/* Takes message id for MAIL_LEASE_S if it is still due: one autocommit
 * UPDATE, so that of two senders only one gets it. */
static bool lease(struct db *db, int64_t id, int64_t now)
{
    return db_one_int(db,
                      "UPDATE outbox SET next_attempt_at = ? "
                      "WHERE id = ? AND status = 'queued' AND next_attempt_at <= ? RETURNING id",
                      NULL, "iii", now + MAIL_LEASE_S, id, now) == 1;
}

/* Leases up to BATCH due messages into out and returns how many. */
static int lease_due(struct db *db, int64_t now, struct outgoing out[BATCH])
{
    int n = read_due(db, now, out), leased = 0;
    for (int i = 0; i < n; i++) {
        if (lease(db, out[i].id, now))
            out[leased++] = out[i];
        else
            outgoing_free(&out[i]);
    }
    return leased;
}

/* Gives back the lease of a message whose attempt a stop interrupted: it is
 * due again at once and the attempt does not count. */
static void release(struct db *db, int64_t id, int64_t now)
{
    db_run(db, "UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND status = 'queued'", "ii", now, id);
}

/* Empties the parts of a delivered message: their links (password resets
 * among them) should live in the recipient's mailbox, not in the database. */
static void forget_bodies(struct db *db, int64_t id)
{
    db_run(db, "UPDATE outbox SET body_text = '', body_html = '', attachment_ics = '' WHERE id = ?", "i", id);
}

/* Records the outcome of one attempt: sent, or failed with err and queued
 * again after the backoff, or failed for good once MAIL_GIVE_UP_S passed. */
static void record(struct db *db, const struct outgoing *m, int64_t now, bool sent, const char *err)
{
    int64_t attempts = m->attempts + 1;
    bool give_up = !sent && now - m->created_at >= MAIL_GIVE_UP_S;
    int rc = db_run(db,
                    "UPDATE outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_attempt_at = ?, "
                    "sent_at = ?, last_error = ? WHERE id = ?",
                    "tiiinti", sent ? "sent" : give_up ? "failed" : "queued", attempts,
                    sent ? now : now + mail_backoff_s((int)attempts), now, sent ? now : (int64_t)0,
                    sent ? NULL : err, m->id);
    /* The bodies go only once the row says "sent": a message left queued
     * by a failed update must keep what it will be sent with. */
    if (sent && rc == 0)
        forget_bodies(db, m->id);
    char id[24], n[24];
    snprintf(id, sizeof id, "%lld", (long long)m->id);
    snprintf(n, sizeof n, "%lld", (long long)attempts);
    if (sent)
        log_event(LOG_INFO, NULL, "mail sent", "outbox_id", id, "attempts", n, NULL);
    else
        log_event(give_up ? LOG_ERROR : LOG_WARN, NULL, give_up ? "mail failed: giving up" : "mail attempt failed",
                  "outbox_id", id, "attempts", n, "error", err, NULL);
}

/* The sender's display name: the configured one, else the hub's name in
 * the message's language. */
static const char *display_name(const char *configured, const char *lang_code)
{
    if (configured)
        return configured;
    enum lang lang = LANG_EN;
    i18n_parse(lang_code, &lang);
    json_t *t = i18n_ui_strings(lang);
    return t ? json_string_value(json_object_get(t, "site_name")) : NULL;
}

/* Builds and sends one message; false with the reason in err. */
static bool send_one(const struct outgoing *m, const struct smtp_server *srv, const char *from_name,
                     smtp_cancel_fn cancel, char *err, size_t errlen)
{
    char message_id[320];
    snprintf(message_id, sizeof message_id, "%s%s", m->key, strchr(srv->from, '@'));
    struct mime_message mm = {.from_name = display_name(from_name, m->lang),
                              .from = srv->from,
                              .to = m->to,
                              .subject = m->subject,
                              .lang = m->lang,
                              .text = m->text,
                              .html = m->html,
                              .calendar = m->ics,
                              .message_id = message_id,
                              .date = (int64_t)time(NULL)};
    struct buf msg = BUF_INIT;
    bool ok = false;
    if (mime_build(&mm, &msg))
        snprintf(err, errlen, "the message cannot be built (recipient or subject refused)");
    else
        ok = smtp_send(srv, m->to, msg.data, msg.len, cancel, err, errlen) == 0;
    buf_free(&msg);
    return ok;
}

void mail_deliver_due(struct db *db, const struct smtp_server *srv, const char *from_name, smtp_cancel_fn cancel)
{
    struct outgoing batch[BATCH];
    int n;
    do {
        n = lease_due(db, (int64_t)time(NULL), batch);
        for (int i = 0; i < n; i++) {
            char err[512] = "";
            bool stop = cancel();
            bool sent = !stop && send_one(&batch[i], srv, from_name, cancel, err, sizeof err);
            if (!sent && (stop || cancel()))
                release(db, batch[i].id, (int64_t)time(NULL));
            else
                record(db, &batch[i], (int64_t)time(NULL), sent, err);
            outgoing_free(&batch[i]);
        }
    } while (n == BATCH && !cancel());
}
