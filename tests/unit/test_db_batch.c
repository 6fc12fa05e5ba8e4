/* The batching writer (src/db/db_batch.c): every job gets its own outcome,
 * a failing job is rolled back alone while the others of its batch are
 * kept, and a burst from many threads loses nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <pthread.h>
#include <stdatomic.h>

#include "db/db.h"
#include "db/db_batch.h"
#include "unit_db.h"

#define THREADS 8
#define PER_THREAD 40
#define FAILED 7 /* the outcome a refusing job returns */

/* A job: inserts row n, then refuses (keeps nothing) when n is a multiple of 5. */
static int insert_job(struct db *db, void *arg)
{
    int64_t n = *(int64_t *)arg;
    if (db_run(db, "INSERT INTO batch_rows (n) VALUES (?)", "i", n))
        return -1;
    return n % 5 == 0 ? FAILED : 0;
}

/* A job whose SQL fails (a second row with the same n). */
static int duplicate_job(struct db *db, void *arg)
{
    int64_t n = *(int64_t *)arg;
    return db_run(db, "INSERT INTO batch_rows (n) VALUES (?)", "i", n) ||
                   db_run(db, "INSERT INTO batch_rows (n) VALUES (?)", "i", n)
               ? -1
               : 0;
}

static int64_t count_rows(const char *where_sql)
{
    int64_t n = -1;
    assert_int_equal(db_one_int(db_get(), where_sql, &n, ""), 1);
    return n;
}

static int setup(void **state)
{
    if (unit_db_setup(state))
        return -1;
    return db_exec(db_get(), "CREATE TABLE batch_rows (n INTEGER PRIMARY KEY)");
}

static void test_outcomes_one_thread(void **state)
{
    (void)state;
    db_exec(db_get(), "DELETE FROM batch_rows");
    int64_t kept = 1, refused = 10, broken = 20;
    uint64_t commits = db_commits();
    assert_int_equal(db_batch_run(db_get(), insert_job, &kept, true), 0);
    assert_int_equal(db_batch_run(db_get(), insert_job, &refused, false), FAILED);
    assert_int_equal(db_batch_run(db_get(), duplicate_job, &broken, true), -1);
    assert_int_equal(count_rows("SELECT count(*) FROM batch_rows WHERE n = 1"), 1);
    assert_int_equal(count_rows("SELECT count(*) FROM batch_rows WHERE n IN (10, 20)"), 0);
    assert_int_equal(db_commits() - commits, 3);
}

/* One thread per list of numbers. */
struct worker {
    int64_t first;
    int outcomes[PER_THREAD];
    int64_t numbers[PER_THREAD];
};

static atomic_int started;

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    struct db *db = db_get();
    atomic_fetch_add(&started, 1);
    for (int i = 0; i < PER_THREAD; i++) {
        w->numbers[i] = w->first + i;
        /* Every 13th is a job whose SQL fails half-way: only its own work goes. */
        w->outcomes[i] =
            db_batch_run(db, w->numbers[i] % 13 == 0 ? duplicate_job : insert_job, &w->numbers[i], i % 2 == 0);
    }
    return NULL;
}

static void test_burst_of_threads(void **state)
{
    (void)state;
    db_exec(db_get(), "DELETE FROM batch_rows");
    static struct worker workers[THREADS];
    pthread_t threads[THREADS];
    uint64_t batches = db_batch_count(), jobs = db_batch_jobs();
    for (int t = 0; t < THREADS; t++) {
        workers[t].first = 1000 + t * PER_THREAD;
        assert_int_equal(pthread_create(&threads[t], NULL, worker_main, &workers[t]), 0);
    }
    for (int t = 0; t < THREADS; t++)
        pthread_join(threads[t], NULL);
    /* Each job was told what became of it, and that is what is stored. */
    int64_t expected = 0;
    for (int t = 0; t < THREADS; t++)
        for (int i = 0; i < PER_THREAD; i++) {
            int64_t n = workers[t].numbers[i];
            int want = n % 13 == 0 ? -1 : n % 5 == 0 ? FAILED : 0;
            assert_int_equal(workers[t].outcomes[i], want);
            struct db_stmt *st = db_prepare(db_get(), "SELECT count(*) FROM batch_rows WHERE n = ?");
            db_bind_int(st, 1, n);
            assert_int_equal(db_step(st), DB_ROW);
            assert_int_equal(db_col_int(st, 0), want == 0 ? 1 : 0);
            db_reset(st);
            expected += want == 0;
        }
    assert_int_equal(count_rows("SELECT count(*) FROM batch_rows"), expected);
    assert_int_equal(db_batch_jobs() - jobs, THREADS * PER_THREAD);
    /* No more transactions than jobs (fewer when threads met in a batch). */
    assert_true(db_batch_count() - batches <= THREADS * PER_THREAD);
    print_message("%d jobs in %llu transactions\n", THREADS * PER_THREAD,
                  (unsigned long long)(db_batch_count() - batches));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_outcomes_one_thread),
        cmocka_unit_test(test_burst_of_threads),
    };
    return cmocka_run_group_tests(tests, setup, unit_db_teardown);
}
