/* The batching writer (see db_batch.h): a queue of waiting write jobs,
 * drained a batch at a time by whichever waiting thread finds no batch
 * running. */
#include "db/db_batch.h"

#include "core/json_arena.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

/* One waiting job; it lives on its owner's stack until done. */
struct job {
    db_batch_fn fn;
    void *arg;
    struct arena *json; /* the owner's arena for jansson values (core/json_arena.h) */
    bool seen, done;
    int rc;
    struct job *next;
};

static struct {
    pthread_mutex_t lock;
    pthread_cond_t finished; /* a batch ended: owners look whether theirs was in it */
    struct job *head, *tail;
    bool busy; /* a thread is running a batch */
} B = {.lock = PTHREAD_MUTEX_INITIALIZER, .finished = PTHREAD_COND_INITIALIZER};

static atomic_uint_fast64_t batches, jobs_run;

/* Runs the n jobs in one transaction, each in its own savepoint, and sets
 * each one's rc. Called without the lock. */
static void run_batch(struct db *db, struct job **jobs, int n)
{
    bool seen = false;
    for (int i = 0; i < n; i++)
        seen = seen || jobs[i]->seen;
    if (db_begin(db)) {
        for (int i = 0; i < n; i++)
            jobs[i]->rc = -1;
        return;
    }
    for (int i = 0; i < n; i++) {
        if (db_savepoint(db)) {
            jobs[i]->rc = -1;
            continue;
        }
        /* jansson values the job makes belong to its owner's request, not
         * to the writer's, which may end first. */
        struct arena *outer = json_arena_use(jobs[i]->json);
        jobs[i]->rc = jobs[i]->fn(db, jobs[i]->arg);
        json_arena_use(outer);
        if (jobs[i]->rc ? db_savepoint_rollback(db) : db_savepoint_release(db))
            jobs[i]->rc = -1;
    }
    if (seen ? db_commit(db) : db_commit_unseen(db)) {
        db_rollback(db);
        for (int i = 0; i < n; i++)
            jobs[i]->rc = -1;
    }
    atomic_fetch_add(&batches, 1);
    atomic_fetch_add(&jobs_run, (uint_fast64_t)n);
}

/* With B.lock held: takes up to DB_BATCH_MAX jobs off the queue, in order. */
static int take_batch(struct job **out)
{
    int n = 0;
    while (B.head && n < DB_BATCH_MAX) {
        out[n++] = B.head;
        B.head = B.head->next;
    }
    if (!B.head)
        B.tail = NULL;
    return n;
}

int db_batch_run(struct db *db, db_batch_fn fn, void *arg, bool seen)
{
    struct job me = {.fn = fn, .arg = arg, .json = json_arena_current(), .seen = seen};
    db_read_end(db); /* the owner reads the batch's outcome afterwards, not an older snapshot */
    pthread_mutex_lock(&B.lock);
    if (B.tail)
        B.tail->next = &me;
    else
        B.head = &me;
    B.tail = &me;
    while (!me.done) {
        if (B.busy) {
            pthread_cond_wait(&B.finished, &B.lock);
            continue;
        }
        struct job *batch[DB_BATCH_MAX];
        int n = take_batch(batch);
        B.busy = true;
        pthread_mutex_unlock(&B.lock);
        run_batch(db, batch, n);
        pthread_mutex_lock(&B.lock);
        for (int i = 0; i < n; i++)
            batch[i]->done = true;
        B.busy = false;
        pthread_cond_broadcast(&B.finished);
    }
    pthread_mutex_unlock(&B.lock);
    return me.rc;
}

uint64_t db_batch_count(void)
{
    return atomic_load(&batches);
}
uint64_t db_batch_jobs(void)
{
    return atomic_load(&jobs_run);
}
