/* The sender thread: waits for due messages in the outbox, leases them,
 * sends each over SMTP and records the outcome or the next attempt. */
#include "mail/sender.h"

#include <curl/curl.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/log.h"
#include "db/db.h"
#include "i18n/i18n.h"
#include "mail/mime.h"
#include "mail/smtp.h"

#define BATCH 16          /* messages leased at a time */
#define FOLLOW_STEP_MS 20 /* how often to look whether an enqueuing transaction committed */

/* One leased message, copied out of the database. */
struct outgoing {
    int64_t id, created_at, attempts;
    char *to, *lang, *subject, *text, *html, *key;
};

static struct {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_t thread;
    bool running, stopping, kicked;
    uint64_t kick_generation;
    struct smtp_server srv;
    char *from_name; /* from the configured "Name <addr>", or NULL */
} S = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

int64_t mail_backoff_s(int attempts)
{
    int64_t s = MAIL_BACKOFF_FIRST_S;
    for (int i = 1; i < attempts && s < MAIL_BACKOFF_MAX_S; i++)
        s *= 2;
    return s < MAIL_BACKOFF_MAX_S ? s : MAIL_BACKOFF_MAX_S;
}

void mail_kick(void)
{
    pthread_mutex_lock(&S.lock);
    S.kicked = true;
    S.kick_generation = db_generation();
    pthread_cond_signal(&S.wake);
    pthread_mutex_unlock(&S.lock);
}

bool mail_sending(void)
{
    pthread_mutex_lock(&S.lock);
    bool running = S.running;
    pthread_mutex_unlock(&S.lock);
    return running;
}

static bool stopping(void)
{
    pthread_mutex_lock(&S.lock);
    bool stop = S.stopping;
    pthread_mutex_unlock(&S.lock);
    return stop;
}

static void outgoing_free(struct outgoing *m)
{
    free(m->to), free(m->lang), free(m->subject), free(m->text), free(m->html), free(m->key);
}

static const char due_sql[] =
    "SELECT id, recipient, lang, subject, body_text, body_html, message_key, created_at, attempts FROM outbox "
    "WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?";

/* Leases up to BATCH due messages into out and returns how many (0 after a
 * database error, which db_step logs). Each
 * lease is its own autocommit UPDATE that only succeeds while the message is
 * still due, so two senders never both take one. */
static int lease_due(struct db *db, int64_t now, struct outgoing out[BATCH])
{
    struct db_stmt *st = db_prepare(db, due_sql);
    if (!st)
        return -1;
    db_bind_int(st, 1, now);
    db_bind_int(st, 2, BATCH);
    int n = 0;
    while (db_step(st) == DB_ROW) {
        out[n] = (struct outgoing){.id = db_col_int(st, 0),
                                   .to = xstrdup(db_col_text(st, 1)),
                                   .lang = xstrdup(db_col_text(st, 2)),
                                   .subject = xstrdup(db_col_text(st, 3)),
                                   .text = xstrdup(db_col_text(st, 4)),
                                   .html = xstrdup(db_col_text(st, 5)),
                                   .key = xstrdup(db_col_text(st, 6)),
                                   .created_at = db_col_int(st, 7),
                                   .attempts = db_col_int(st, 8)};
        n++;
    }
    db_reset(st);
    int leased = 0;
    for (int i = 0; i < n; i++) {
        st = db_prepare(db, "UPDATE outbox SET next_attempt_at = ? "
                            "WHERE id = ? AND status = 'queued' AND next_attempt_at <= ? RETURNING id");
        bool ok = st && db_bind_int(st, 1, now + MAIL_LEASE_S) == 0 && db_bind_int(st, 2, out[i].id) == 0 &&
                  db_bind_int(st, 3, now) == 0 && db_step(st) == DB_ROW;
        db_reset(st);
        if (ok)
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
    struct db_stmt *st = db_prepare(db, "UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND status = 'queued'");
    if (st && db_bind_int(st, 1, now) == 0 && db_bind_int(st, 2, id) == 0)
        db_step(st);
    db_reset(st);
}

/* Records the outcome of one attempt: sent, or failed with err and queued
 * again after the backoff, or failed for good once MAIL_GIVE_UP_S passed. */
static void record(struct db *db, const struct outgoing *m, int64_t now, bool sent, const char *err)
{
    int64_t attempts = m->attempts + 1;
    bool give_up = !sent && now - m->created_at >= MAIL_GIVE_UP_S;
    struct db_stmt *st = db_prepare(db, "UPDATE outbox SET status = ?, attempts = ?, next_attempt_at = ?, "
                                        "last_attempt_at = ?, sent_at = ?, last_error = ? WHERE id = ?");
    if (!st)
        return;
    db_bind_text(st, 1, sent ? "sent" : give_up ? "failed" : "queued");
    db_bind_int(st, 2, attempts);
    db_bind_int(st, 3, sent ? now : now + mail_backoff_s((int)attempts));
    db_bind_int(st, 4, now);
    if (sent)
        db_bind_int(st, 5, now);
    else
        db_bind_null(st, 5);
    db_bind_text(st, 6, sent ? NULL : err);
    db_bind_int(st, 7, m->id);
    db_step(st);
    db_reset(st);
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
static const char *display_name(const char *lang_code)
{
    if (S.from_name)
        return S.from_name;
    enum lang lang = LANG_EN;
    i18n_parse(lang_code, &lang);
    json_t *t = i18n_ui_strings(lang);
    return t ? json_string_value(json_object_get(t, "site_name")) : NULL;
}

/* Builds and sends one message; false with the reason in err. */
static bool send_one(const struct outgoing *m, int64_t now, char *err, size_t errlen)
{
    char message_id[320];
    snprintf(message_id, sizeof message_id, "%s%s", m->key, strchr(S.srv.from, '@'));
    struct mime_message mm = {.from_name = display_name(m->lang),
                              .from = S.srv.from,
                              .to = m->to,
                              .subject = m->subject,
                              .lang = m->lang,
                              .text = m->text,
                              .html = m->html,
                              .message_id = message_id,
                              .date = now};
    struct buf msg = BUF_INIT;
    bool ok = false;
    if (mime_build(&mm, &msg))
        snprintf(err, errlen, "the message cannot be built (recipient or subject refused)");
    else
        ok = smtp_send(&S.srv, m->to, msg.data, msg.len, stopping, err, errlen) == 0;
    buf_free(&msg);
    return ok;
}

/* Sends every due message, a batch at a time, until none is due or the
 * thread is asked to stop. */
static void deliver_due(struct db *db)
{
    struct outgoing batch[BATCH];
    int n;
    do {
        n = lease_due(db, (int64_t)time(NULL), batch);
        for (int i = 0; i < n; i++) {
            char err[512] = "";
            bool sent = !stopping() && send_one(&batch[i], (int64_t)time(NULL), err, sizeof err);
            if (!sent && stopping())
                release(db, batch[i].id, (int64_t)time(NULL));
            else
                record(db, &batch[i], (int64_t)time(NULL), sent, err);
            outgoing_free(&batch[i]);
        }
    } while (n == BATCH && !stopping());
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* With S.lock held: sleeps until kicked, stopped, MAIL_POLL_S passed, or
 * (while *follow is set) the database generation moved past *follow, which
 * means the transaction that queued a message has committed. */
static void wait_for_work(uint64_t *follow, int64_t follow_until)
{
    int64_t deadline = now_ms() + MAIL_POLL_S * 1000;
    while (!S.stopping && !S.kicked) {
        int64_t now = now_ms();
        if (*follow && (db_generation() != *follow || now >= follow_until)) {
            bool committed = db_generation() != *follow;
            *follow = 0;
            if (committed)
                return;
        }
        if (now >= deadline)
            return;
        int64_t until = *follow && now + FOLLOW_STEP_MS < deadline ? now + FOLLOW_STEP_MS : deadline;
        struct timespec ts = {.tv_sec = until / 1000, .tv_nsec = (long)(until % 1000) * 1000000};
        pthread_cond_timedwait(&S.wake, &S.lock, &ts);
    }
}

static void *sender_main(void *arg)
{
    (void)arg;
    uint64_t follow = 0;
    int64_t follow_until = 0;
    struct db *db = db_get();
    pthread_mutex_lock(&S.lock);
    while (!S.stopping && db) {
        if (S.kicked) {
            S.kicked = false;
            follow = S.kick_generation;
            follow_until = now_ms() + MAIL_POLL_S * 1000;
        }
        pthread_mutex_unlock(&S.lock);
        deliver_due(db);
        pthread_mutex_lock(&S.lock);
        wait_for_work(&follow, follow_until);
    }
    pthread_mutex_unlock(&S.lock);
    if (!db)
        log_event(LOG_ERROR, NULL, "mail: the sender has no database connection", NULL);
    return NULL;
}

static char *dup_or_null(const char *s) { return s && *s ? xstrdup(s) : NULL; }

/* Splits "Name <addr>" (or a bare "addr") into S.from_name and S.srv.from. */
static int parse_from(const char *from)
{
    const char *open = from ? strrchr(from, '<') : NULL;
    if (!open) {
        S.srv.from = dup_or_null(from);
    } else {
        const char *close = strchr(open, '>');
        if (!close || close[1])
            return -1;
        S.srv.from = xstrndup(open + 1, (size_t)(close - open - 1));
        size_t n = (size_t)(open - from);
        while (n && from[n - 1] == ' ')
            n--;
        S.from_name = n ? xstrndup(from, n) : NULL;
    }
    return mime_address_ok(S.srv.from) && (!S.from_name || mime_header_text_ok(S.from_name)) ? 0 : -1;
}

static void config_free(void)
{
    free((char *)S.srv.url), free((char *)S.srv.user), free((char *)S.srv.password), free((char *)S.srv.from);
    free(S.from_name);
    S.srv = (struct smtp_server){0};
    S.from_name = NULL;
}

int mail_start(const struct mail_config *cfg)
{
    if (!cfg->smtp_url || !*cfg->smtp_url) {
        log_event(LOG_INFO, NULL, "mail: no SMTP server configured; messages wait in the outbox (/admin/outbox)",
                  NULL);
        return 0;
    }
    if (!smtp_url_ok(cfg->smtp_url)) {
        fprintf(stderr, "dxhub: the SMTP URL must be smtp://HOST[:PORT] or smtps://HOST[:PORT]\n");
        return -1;
    }
    if (parse_from(cfg->from)) {
        fprintf(stderr, "dxhub: sending mail needs a from address (--mail-from), as addr@domain or "
                        "\"Name <addr@domain>\"\n");
        config_free();
        return -1;
    }
    S.srv.url = xstrdup(cfg->smtp_url);
    S.srv.user = dup_or_null(cfg->user);
    S.srv.password = dup_or_null(cfg->password);
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        fprintf(stderr, "dxhub: libcurl cannot start\n");
        config_free();
        return -1;
    }
    S.stopping = false;
    S.kicked = true; /* look at once: messages may have waited while we were down */
    int err = pthread_create(&S.thread, NULL, sender_main, NULL);
    if (err) {
        fprintf(stderr, "dxhub: cannot start the mail sender: %s\n", strerror(err));
        curl_global_cleanup();
        config_free();
        return -1;
    }
    pthread_mutex_lock(&S.lock);
    S.running = true;
    pthread_mutex_unlock(&S.lock);
    log_event(LOG_INFO, NULL, "mail: sender started", NULL);
    return 0;
}

void mail_stop(void)
{
    pthread_mutex_lock(&S.lock);
    bool running = S.running;
    S.stopping = true;
    pthread_cond_signal(&S.wake);
    pthread_mutex_unlock(&S.lock);
    if (!running)
        return;
    pthread_join(S.thread, NULL);
    pthread_mutex_lock(&S.lock);
    S.running = false;
    pthread_mutex_unlock(&S.lock);
    curl_global_cleanup();
    config_free();
}
