/* The reminder scheduler: a thread that queues the due reminders every
 * interval, until stopped. */
#include "registration/reminders.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "i18n/i18n.h"

static struct {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_t thread;
    bool running, stopping;
    unsigned interval_s;
} R = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

static void *scheduler_main(void *arg)
{
    (void)arg;
    struct db *db = db_get();
    if (!db)
        log_event(LOG_ERROR, NULL, "reminders: the scheduler has no database connection", NULL);
    i18n_use(LANG_EN);
    pthread_mutex_lock(&R.lock);
    while (!R.stopping && db) {
        pthread_mutex_unlock(&R.lock);
        reminders_queue(db, (int64_t)time(NULL));
        pthread_mutex_lock(&R.lock);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += R.interval_s;
        while (!R.stopping && pthread_cond_timedwait(&R.wake, &R.lock, &until) == 0)
            ;
    }
    pthread_mutex_unlock(&R.lock);
    return NULL;
}

int reminders_start(unsigned interval_s)
{
    pthread_mutex_lock(&R.lock);
    R.stopping = false;
    R.interval_s = interval_s ? interval_s : REMINDER_INTERVAL_DEFAULT_S;
    int err = pthread_create(&R.thread, NULL, scheduler_main, NULL);
    R.running = err == 0;
    pthread_mutex_unlock(&R.lock);
    if (err) {
        fprintf(stderr, "dxhub: cannot start the reminder scheduler: %s\n", strerror(err));
        return -1;
    }
    char every[24];
    snprintf(every, sizeof every, "%u", interval_s);
    log_event(LOG_INFO, NULL, "reminders: scheduler started", "interval_s", every, NULL);
    return 0;
}

void reminders_stop(void)
{
    pthread_mutex_lock(&R.lock);
    bool running = R.running;
    R.stopping = true;
    pthread_cond_broadcast(&R.wake);
    pthread_mutex_unlock(&R.lock);
    if (!running)
        return;
    pthread_join(R.thread, NULL);
    pthread_mutex_lock(&R.lock);
    R.running = false;
    pthread_mutex_unlock(&R.lock);
}
