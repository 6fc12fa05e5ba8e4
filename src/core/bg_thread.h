/* A background thread with what every one of ours needs: a lock, a
 * condition to wake it, and a stop flag; started once from main and
 * stopped (woken, then joined) once. */
#ifndef DXHUB_CORE_BG_THREAD_H
#define DXHUB_CORE_BG_THREAD_H

#include <pthread.h>
#include <stdbool.h>

struct bg_thread {
    pthread_mutex_t lock; /* guards stopping, running and the owner's own flags */
    pthread_cond_t wake;  /* signalled to wake the thread early */
    pthread_t thread;
    bool running, stopping;
};

#define BG_THREAD_INIT                                                                                                 \
    {                                                                                                                  \
        .lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER                                            \
    }

/* Starts fn(arg) as t's thread with t->stopping false. Returns 0, or -1
 * after printing "dxhub: cannot start WHAT: reason" on stderr. */
int bg_thread_start(struct bg_thread *t, void *(*fn)(void *), void *arg, const char *what);
/* Sets t->stopping, wakes the thread (broadcast on t->wake) and waits for
 * it to end. Nothing more when it was not started; safe to call twice. */
void bg_thread_stop(struct bg_thread *t);

#endif
