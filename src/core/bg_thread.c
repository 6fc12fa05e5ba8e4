/* Starting and stopping a background thread (see bg_thread.h). */
#include "core/bg_thread.h"

#include <stdio.h>
#include <string.h>

int bg_thread_start(struct bg_thread *t, void *(*fn)(void *), void *arg, const char *what)
{
    pthread_mutex_lock(&t->lock);
    t->stopping = false;
    int err = pthread_create(&t->thread, NULL, fn, arg);
    t->running = err == 0;
    pthread_mutex_unlock(&t->lock);
    if (err) {
        fprintf(stderr, "dxhub: cannot start %s: %s\n", what, strerror(err));
        return -1;
    }
    return 0;
}

void bg_thread_stop(struct bg_thread *t)
{
    pthread_mutex_lock(&t->lock);
    bool running = t->running;
    t->stopping = true;
    pthread_cond_broadcast(&t->wake);
    pthread_mutex_unlock(&t->lock);
    if (!running)
        return;
    pthread_join(t->thread, NULL);
    pthread_mutex_lock(&t->lock);
    t->running = false;
    pthread_mutex_unlock(&t->lock);
}
