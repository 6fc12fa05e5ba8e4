/* The batching writer: concurrent write jobs grouped into fewer
 * transactions. A request thread hands its job to db_batch_run() and waits;
 * the first waiting thread that finds no batch running becomes the writer,
 * takes up to DB_BATCH_MAX waiting jobs in arrival order, runs them in one
 * db_begin() ... commit, each inside its own savepoint (a job that fails is
 * rolled back alone, the others keep their work), then wakes every owner
 * with its own outcome; the next waiting thread with a job still queued
 * takes the next batch.
 *
 * It knows nothing of what the jobs do, and only uses the transaction and
 * savepoint calls of db.h, so it works with any engine db.h speaks to.
 * Jobs run on the writer's thread and connection: a job touches the
 * database (through the db it is given) and its own argument; it renders
 * no page. It may set thread-local state (a job that translates a message
 * sets the language of its own request): so after db_batch_run() returns,
 * the caller sets its own again (i18n_use). The jansson values a job makes
 * are in its owner's request arena (core/json_arena.h), whichever thread
 * runs it: the owner waits meanwhile, so that arena has one user at a time. */
#ifndef DXHUB_DB_DB_BATCH_H
#define DXHUB_DB_DB_BATCH_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"

#define DB_BATCH_MAX 64 /* jobs per transaction at most */

/* A write job: run(db, arg) inside the batch's transaction. It returns 0
 * to keep its work, any other value to have its savepoint rolled back
 * (its writes undone, the others' kept); that value is its outcome. */
typedef int (*db_batch_fn)(struct db *db, void *arg);

/* Runs job(db, arg) in the next batch and waits until that batch has
 * committed or failed. seen is false only for writes that no cached page
 * shows (the batch then commits with db_commit_unseen() unless another job
 * in it is seen). Returns the job's own value when it is not 0, -1 when the
 * batch as a whole failed (the transaction could not begin or commit: no
 * job of it was kept), else 0 (the job's writes are committed). db is the
 * calling thread's connection (a writer uses its own): it must not be
 * inside a write transaction; its read snapshot, if any, is ended. Thread-safe; never call from inside a job. */
int db_batch_run(struct db *db, db_batch_fn job, void *arg, bool seen);

/* Counters since start, for /metrics and the benchmark: batches committed
 * (or rolled back) and jobs run. */
uint64_t db_batch_count(void);
uint64_t db_batch_jobs(void);

#endif
