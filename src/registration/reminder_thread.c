/* The reminder scheduler: a thread that queues the due reminders every
 * interval, until stopped. */
#include "registration/reminders.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/bg_thread.h"
#include "core/log.h"
#include "i18n/i18n.h"

static struct bg_thread R = BG_THREAD_INIT;
static unsigned interval_s; /* set before the thread starts */

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
        until.tv_sec += interval_s;
        while (!R.stopping && pthread_cond_timedwait(&R.wake, &R.lock, &until) == 0)
            ;
    }
    pthread_mutex_unlock(&R.lock);
    return NULL;
}

int reminders_start(unsigned interval)
{
    interval_s = interval ? interval : REMINDER_INTERVAL_DEFAULT_S;
    if (bg_thread_start(&R, scheduler_main, NULL, "the reminder scheduler"))
        return -1;
    char every[24];
    snprintf(every, sizeof every, "%u", interval);
    log_event(LOG_INFO, NULL, "reminders: scheduler started", "interval_s", every, NULL);
    return 0;
}

void reminders_stop(void)
{
    bg_thread_stop(&R);
}
