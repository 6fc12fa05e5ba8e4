/* The sender thread: its settings, its start and stop, and its sleep
 * between rounds of delivery (delivery.c), cut short by mail_kick(). */
#include "mail/sender.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/log.h"
#include "db/db.h"
#include "mail/delivery.h"
#include "mail/mime.h"
#include "mail/smtp.h"

#define FOLLOW_STEP_MS 20 /* how often to look whether an enqueuing transaction committed */

static struct {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_t thread;
    bool running, stopping, kicked;
    uint64_t kick_generation;
    struct smtp_server srv;
    char *from_name; /* from the configured "Name <addr>", or NULL */
} S = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

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
        mail_deliver_due(db, &S.srv, S.from_name, stopping);
        pthread_mutex_lock(&S.lock);
        wait_for_work(&follow, follow_until);
    }
    pthread_mutex_unlock(&S.lock);
    if (!db)
        log_event(LOG_ERROR, NULL, "mail: the sender has no database connection", NULL);
    return NULL;
}

static char *dup_or_null(const char *s)
{
    return s && *s ? xstrdup(s) : NULL;
}

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
        log_event(LOG_INFO, NULL, "mail: no SMTP server configured; messages wait in the outbox (/admin/outbox)", NULL);
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
    pthread_mutex_lock(&S.lock);
    S.stopping = false;
    S.kicked = true; /* look at once: messages may have waited while we were down */
    pthread_mutex_unlock(&S.lock);
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
