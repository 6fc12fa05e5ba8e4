/* The mail renderer thread and its rounds: read waiting registration mail
 * jobs, render them without a lock, store them in one short transaction. */
#include "registration/reg_mail_worker.h"

#include <stdio.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/bg_thread.h"
#include "core/log.h"
#include "db/db_batch.h"
#include "registration/registration_mail.h"

#define FOLLOW_MS 2000 /* after a kick, look again this long for the job's commit */
#define STEP_MS 20     /* how often, meanwhile */
#define POLL_S 5       /* otherwise: jobs left by an earlier run, or a missed kick */

static struct bg_thread W = BG_THREAD_INIT;
static bool kicked; /* under W.lock */

/* One waiting job, copied out of the database. */
struct job {
    int64_t id, reg_id;
    char mail[48];
    char *extra; /* JSON text or NULL */
    bool calendar;
};

static int read_jobs(struct db *db, struct job jobs[REG_MAIL_ROUND])
{
    struct db_stmt *st = db_prepare(db, "SELECT id, registration_id, mail, extra, calendar FROM reg_mail_jobs "
                                        "ORDER BY id LIMIT ?");
    if (!st || db_bind_int(st, 1, REG_MAIL_ROUND)) {
        db_reset(st);
        return -1;
    }
    int n = 0;
    enum db_step rc;
    while (n < REG_MAIL_ROUND && (rc = db_step(st)) == DB_ROW) {
        struct job *j = &jobs[n++];
        *j = (struct job){.id = db_col_int(st, 0), .reg_id = db_col_int(st, 1), .calendar = db_col_int(st, 4) != 0};
        snprintf(j->mail, sizeof j->mail, "%s", db_col_text(st, 2));
        j->extra = db_col_is_null(st, 3) ? NULL : xstrdup(db_col_text(st, 3));
    }
    db_reset(st);
    return n;
}

/* Renders job j into *out; false when it is to be dropped (logged). */
static bool render(struct db *db, const struct job *j, struct reg_mail_calendars *cals, struct reg_mail_rendered *out)
{
    json_t *extra = j->extra ? json_loads(j->extra, 0, NULL) : NULL;
    bool ok = (!j->extra || extra) && reg_mail_render(db, j->reg_id, j->mail, extra, j->calendar, cals, out) == 0;
    json_decref(extra);
    if (!ok) {
        char id[24];
        snprintf(id, sizeof id, "%lld", (long long)j->reg_id);
        log_event(LOG_ERROR, NULL, "registration email could not be rendered; dropped", "registration", id, "template",
                  j->mail, NULL);
        *out = (struct reg_mail_rendered){.reg_id = j->reg_id};
    }
    return ok;
}

/* A round to store: the jobs and what they rendered. */
struct round {
    const struct job *jobs;
    const struct reg_mail_rendered *done;
    int n;
};

/* Stores the rendered jobs and deletes their rows: a job of the batching
 * writer, so that the renderer takes its turn with the registrations
 * instead of racing them for SQLite's lock (whose busy handler sleeps).
 * Each message in a savepoint of its own: one that cannot be stored is
 * dropped alone. 0 or -1. */
static int store_round(struct db *db, void *arg)
{
    const struct round *r = arg;
    for (int i = 0; i < r->n; i++) {
        if (db_savepoint(db))
            return -1;
        if (reg_mail_store(db, &r->done[i])) {
            log_event(LOG_ERROR, NULL, "registration email could not be stored; dropped", "template", r->jobs[i].mail,
                      NULL);
            if (db_savepoint_rollback(db))
                return -1;
        } else if (db_savepoint_release(db)) {
            return -1;
        }
        if (db_run(db, "DELETE FROM reg_mail_jobs WHERE id = ?", "i", r->jobs[i].id))
            return -1;
    }
    return 0;
}

int reg_mail_render_due(struct db *db)
{
    struct job jobs[REG_MAIL_ROUND];
    struct reg_mail_rendered done[REG_MAIL_ROUND];
    struct reg_mail_calendars cals = {0};
    db_read_begin(db);
    int n = read_jobs(db, jobs);
    for (int i = 0; i < n; i++)
        render(db, &jobs[i], &cals, &done[i]);
    db_read_end(db);
    reg_mail_calendars_free(&cals);
    struct round round = {.jobs = jobs, .done = done, .n = n};
    /* Outbox rows and links are on no cached page: seen is false. */
    int rc = n > 0 && db_batch_run(db, store_round, &round, false) ? -1 : n;
    for (int i = 0; i < n; i++) {
        free(jobs[i].extra);
        if (done[i].send)
            mail_message_free(&done[i].msg);
    }
    return rc;
}

void reg_mail_kick(void)
{
    pthread_mutex_lock(&W.lock);
    kicked = true;
    pthread_cond_signal(&W.wake);
    pthread_mutex_unlock(&W.lock);
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *worker_main(void *arg)
{
    (void)arg;
    /* Answers to people come first: the renderer yields the CPU to request threads. */
    setpriority(PRIO_PROCESS, (id_t)gettid(), 10);
    struct db *db = db_get();
    if (!db)
        log_event(LOG_ERROR, NULL, "mail renderer: no database connection", NULL);
    i18n_use(LANG_EN);
    int64_t follow_until = now_ms() + FOLLOW_MS;
    pthread_mutex_lock(&W.lock);
    while (!W.stopping && db) {
        kicked = false;
        pthread_mutex_unlock(&W.lock);
        int n = reg_mail_render_due(db);
        pthread_mutex_lock(&W.lock);
        if (n == REG_MAIL_ROUND)
            continue; /* more wait */
        int64_t now = now_ms();
        if (kicked || n > 0)
            follow_until = now + FOLLOW_MS;
        /* While jobs come (a burst), the next round waits STEP_MS whatever the
         * kicks, so that rounds are fuller and fewer (each is a write). */
        bool following = now < follow_until;
        int64_t until = following ? now + STEP_MS : now + POLL_S * 1000;
        struct timespec ts = {.tv_sec = until / 1000, .tv_nsec = (long)(until % 1000) * 1000000};
        while (!W.stopping && (following || !kicked) && pthread_cond_timedwait(&W.wake, &W.lock, &ts) == 0)
            ;
        if (kicked)
            follow_until = now_ms() + FOLLOW_MS;
    }
    pthread_mutex_unlock(&W.lock);
    return NULL;
}

int reg_mail_worker_start(void)
{
    return bg_thread_start(&W, worker_main, NULL, "the mail renderer");
}

void reg_mail_worker_stop(void)
{
    bg_thread_stop(&W);
}
