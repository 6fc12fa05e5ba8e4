/* Unit tests for the database layer: migrations, statement cache,
 * transactions, per-thread connections, and the idempotent demo load. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"
#include "events/demo.h"
#include "unit_db.h"

static int64_t count(const char *sql)
{
    struct db_stmt *st = db_prepare(db_get(), sql);
    assert_non_null(st);
    assert_int_equal(db_step(st), DB_ROW);
    int64_t n = db_col_int(st, 0);
    db_reset(st);
    return n;
}

static void migrations_apply_once(void **state)
{
    (void)state;
    int version = db_schema_version(db_get());
    assert_true(version >= 1);
    db_shutdown();
    assert_int_equal(db_init(unit_db_path), 0);
    assert_int_equal(db_schema_version(db_get()), version);
    assert_true(db_ping());
}

/* --durable: every connection opened afterwards syncs each commit (FULL = 2);
 * the default is NORMAL (1). */
static void durable_sets_synchronous_full(void **state)
{
    (void)state;
    assert_int_equal(count("PRAGMA synchronous"), 1);
    db_shutdown();
    db_set_durable(true);
    assert_int_equal(db_init(unit_db_path), 0);
    assert_int_equal(count("PRAGMA synchronous"), 2);
    db_shutdown();
    db_set_durable(false);
    assert_int_equal(db_init(unit_db_path), 0);
    assert_int_equal(count("PRAGMA synchronous"), 1);
}

static void statements_bind_values_and_are_cached(void **state)
{
    (void)state;
    struct db *db = db_get();
    assert_int_equal(db_exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, n INTEGER)"), 0);
    const char *sql = "INSERT INTO t (name, n) VALUES (?, ?)";
    struct db_stmt *first = db_prepare(db, sql);
    assert_non_null(first);
    /* A hostile value is data, never SQL. */
    assert_int_equal(db_bind_text(first, 1, "x'); DROP TABLE t; --"), 0);
    assert_int_equal(db_bind_int(first, 2, INT64_MAX), 0);
    assert_int_equal(db_step(first), DB_DONE);
    db_reset(first);
    struct db_stmt *again = db_prepare(db, sql);
    assert_ptr_equal(first, again);
    assert_int_equal(db_bind_null(again, 1), 0);
    assert_int_equal(db_bind_int(again, 2, -5), 0);
    assert_int_equal(db_step(again), DB_DONE);
    db_reset(again);
    struct db_stmt *st = db_prepare(db, "SELECT name, n FROM t ORDER BY id");
    assert_int_equal(db_step(st), DB_ROW);
    assert_string_equal(db_col_text(st, 0), "x'); DROP TABLE t; --");
    assert_true(db_col_int(st, 1) == INT64_MAX);
    assert_int_equal(db_step(st), DB_ROW);
    assert_true(db_col_is_null(st, 0));
    assert_int_equal(db_col_int(st, 1), -5);
    assert_int_equal(db_step(st), DB_DONE);
    db_reset(st);
    assert_null(db_prepare(db, "SELEKT nonsense"));
}

/* Literal SQL is cached by address, other text by contents: a heap buffer that held one
 * statement and now holds another gets the other's statement; statement counts follow. */
static void statements_from_text_and_literals(void **state)
{
    (void)state;
    struct db *db = db_get();
    uint64_t before = db_statements();
    char *text = strdup("SELECT 1");
    struct db_stmt *literal = db_prepare(db, "SELECT 1");
    struct db_stmt *heap = db_prepare(db, text);
    assert_non_null(literal);
    assert_non_null(heap);
    assert_ptr_equal(db_prepare(db, text), heap);
    strcpy(text, "SELECT 2");
    struct db_stmt *other = db_prepare(db, text);
    assert_ptr_not_equal(other, heap);
    assert_int_equal(db_step(other), DB_ROW);
    assert_int_equal(db_col_int(other, 0), 2);
    db_reset(other);
    assert_ptr_equal(db_prepare(db, "SELECT 1"), literal);
    assert_int_equal(db_step(literal), DB_ROW);
    assert_int_equal(db_col_int(literal, 0), 1);
    db_reset(literal);
    assert_int_equal(db_statements() - before, 5);
    free(text);
}

static void shortcuts_bind_by_type_and_report(void **state)
{
    (void)state;
    struct db *db = db_get();
    const char *hostile = "x'); DROP TABLE s; --";
    assert_int_equal(db_exec(db, "CREATE TABLE s (id INTEGER PRIMARY KEY, name TEXT, n INTEGER, opt INTEGER)"), 0);
    /* 'i', 't' and 'n'; a NULL text and 0 for 'n' bind NULL. */
    assert_int_equal(
        db_run(db, "INSERT INTO s (name, n, opt) VALUES (?, ?, ?)", "tin", hostile, (int64_t)INT64_MIN, (int64_t)7), 0);
    int64_t first = db_last_id(db);
    assert_int_equal(
        db_run(db, "INSERT INTO s (name, n, opt) VALUES (?, ?, ?)", "tin", (const char *)NULL, (int64_t)-1, (int64_t)0),
        0);
    int64_t v = 0;
    assert_int_equal(db_one_int(db, "SELECT n FROM s WHERE name = ?", &v, "t", hostile), 1);
    assert_true(v == INT64_MIN);
    assert_int_equal(db_one_int(db, "SELECT opt FROM s WHERE id = ?", &v, "i", first), 1);
    assert_int_equal(v, 7);
    assert_int_equal(db_one_int(db, "SELECT count(*) FROM s WHERE name IS NULL AND opt IS NULL", &v, ""), 1);
    assert_int_equal(v, 1);
    /* Parameters past the letters bind NULL; SQL NULL reads 0. */
    assert_int_equal(db_one_int(db, "SELECT ? IS NULL", &v, ""), 1);
    assert_int_equal(v, 1);
    assert_int_equal(db_one_int(db, "SELECT NULL", &v, ""), 1);
    assert_int_equal(v, 0);
    /* No row: 0, *out untouched; out may be NULL. */
    v = 42;
    assert_int_equal(db_one_int(db, "SELECT n FROM s WHERE id = ?", &v, "i", (int64_t)-9), 0);
    assert_int_equal(v, 42);
    assert_int_equal(db_one_int(db, "SELECT 1 FROM s WHERE id = ?", NULL, "i", first), 1);
    assert_int_equal(db_one_int(db, "SELECT 1 FROM s WHERE id = ?", NULL, "i", (int64_t)-9), 0);
    /* Errors: bad SQL, a failed step, a letter too many, rows for db_run. */
    assert_int_equal(db_run(db, "SELEKT nonsense", ""), -1);
    assert_int_equal(db_one_int(db, "SELEKT nonsense", &v, ""), -1);
    assert_int_equal(db_run(db, "INSERT INTO s (id) VALUES (?)", "i", first), -1);
    assert_int_equal(db_run(db, "DELETE FROM s WHERE id = ?", "ii", first, first), -1);
    assert_int_equal(db_one_int(db, "SELECT n FROM s WHERE id = ?", &v, "it", first, "x"), -1);
    assert_int_equal(v, 42);
    assert_int_equal(db_run(db, "SELECT 1", ""), -1);
    /* Each statement is left reset: it runs again, and nothing was deleted above. */
    assert_int_equal(count("SELECT count(*) FROM s"), 2);
    assert_int_equal(db_run(db, "DELETE FROM s WHERE id = ?", "i", first), 0);
    assert_int_equal(db_one_int(db, "SELECT 1 FROM s WHERE id = ?", NULL, "i", first), 0);
}

static void rollback_discards_writes(void **state)
{
    (void)state;
    struct db *db = db_get();
    int64_t before = count("SELECT count(*) FROM t");
    assert_int_equal(db_begin(db), 0);
    assert_int_equal(db_exec(db, "INSERT INTO t (name) VALUES ('gone')"), 0);
    assert_int_equal(db_rollback(db), 0);
    assert_int_equal(count("SELECT count(*) FROM t"), before);
    assert_int_equal(db_begin(db), 0);
    assert_int_equal(db_exec(db, "INSERT INTO t (name) VALUES ('kept')"), 0);
    assert_int_equal(db_commit(db), 0);
    assert_int_equal(count("SELECT count(*) FROM t"), before + 1);
}

static void *writer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 50; i++) {
        struct db *db = db_get();
        if (!db || db_begin(db))
            return (void *)1;
        struct db_stmt *st = db_prepare(db, "INSERT INTO t (name, n) VALUES ('thread', ?)");
        db_bind_int(st, 1, i);
        enum db_step rc = db_step(st);
        db_reset(st);
        if (rc != DB_DONE || db_commit(db))
            return (void *)1;
    }
    return NULL;
}

static void threads_get_their_own_connections(void **state)
{
    (void)state;
    int64_t before = count("SELECT count(*) FROM t WHERE name = 'thread'");
    pthread_t th[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&th[i], NULL, writer, NULL), 0);
    for (int i = 0; i < 4; i++) {
        void *ret;
        pthread_join(th[i], &ret);
        assert_null(ret);
    }
    assert_int_equal(count("SELECT count(*) FROM t WHERE name = 'thread'"), before + 200);
}

static void demo_loads_once(void **state)
{
    (void)state;
    assert_int_equal(demo_load(), 0);
    int64_t events = count("SELECT count(*) FROM events");
    int64_t questions = count("SELECT count(*) FROM guiding_question_texts");
    assert_int_equal(events, 6);
    assert_int_equal(count("SELECT count(*) FROM sessions"), 3);
    assert_int_equal(questions, 36); /* 12 guiding questions in 3 languages */
    assert_int_equal(demo_load(), 0);
    assert_int_equal(count("SELECT count(*) FROM events"), events);
    assert_int_equal(count("SELECT count(*) FROM guiding_question_texts"), questions);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(migrations_apply_once),
        cmocka_unit_test(durable_sets_synchronous_full),
        cmocka_unit_test(statements_bind_values_and_are_cached),
        cmocka_unit_test(statements_from_text_and_literals),
        cmocka_unit_test(shortcuts_bind_by_type_and_report),
        cmocka_unit_test(rollback_discards_writes),
        cmocka_unit_test(threads_get_their_own_connections),
        cmocka_unit_test(demo_loads_once),
    };
    return cmocka_run_group_tests(tests, unit_db_setup, unit_db_teardown);
}
