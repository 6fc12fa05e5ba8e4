/* SQLite connections per thread, with a prepared-statement cache each. */
#include "db/db.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/log.h"
#include "core/static_data.h"
#include "db/migrate.h"

#define STMT_SLOTS 256 /* open addressing; far more than the statements we have */

struct db_stmt {
    const char *sql; /* owned copy (the cache key by text) */
    const char *literal; /* the caller's text when it is static storage (the key by address), else NULL */
    sqlite3_stmt *stmt;
    uint64_t hash;
};

struct db {
    sqlite3 *conn;
    bool in_read; /* a deferred read transaction is open (db_read_begin) */
    struct db_stmt slots[STMT_SLOTS];
    struct db *next; /* in the list of all connections */
};

static char *db_path;
static pthread_mutex_t all_lock = PTHREAD_MUTEX_INITIALIZER;
static struct db *all_dbs;
static _Thread_local struct db *thread_db;
static _Thread_local uint64_t thread_statements; /* statements run by this thread */
static atomic_uint_fast64_t step_time_us;
static atomic_uint_fast64_t write_generation = 1;
static atomic_uint_fast64_t commits;
static atomic_bool durable;

static uint64_t hash_sql(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a: only for the cache's slot choice */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static uint64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static void disable_memstatus(void) { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

static struct db *db_open(const char *path)
{
    sqlite3 *conn = NULL;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &conn, flags, NULL) != SQLITE_OK) {
        log_event(LOG_ERROR, NULL, "cannot open database", "path", path, "error",
                  conn ? sqlite3_errmsg(conn) : "out of memory", NULL);
        sqlite3_close(conn);
        return NULL;
    }
    sqlite3_busy_timeout(conn, 5000);
    sqlite3_extended_result_codes(conn, 1);
    struct db *db = xcalloc(1, sizeof *db);
    db->conn = conn;
    /* In WAL mode NORMAL syncs at checkpoints only: a power loss may roll
     * back the last commits but never corrupts; FULL syncs every commit. */
    if (db_exec(db, "PRAGMA journal_mode=WAL") || db_exec(db, "PRAGMA foreign_keys=ON") ||
        db_exec(db, atomic_load(&durable) ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL")) {
        sqlite3_close(conn);
        free(db);
        return NULL;
    }
    pthread_mutex_lock(&all_lock);
    db->next = all_dbs;
    all_dbs = db;
    pthread_mutex_unlock(&all_lock);
    return db;
}

static void db_close(struct db *db)
{
    for (size_t i = 0; i < STMT_SLOTS; i++) {
        sqlite3_finalize(db->slots[i].stmt);
        free((char *)db->slots[i].sql);
    }
    sqlite3_close(db->conn);
    free(db);
}

struct db *db_get(void)
{
    if (!thread_db && db_path)
        thread_db = db_open(db_path);
    return thread_db;
}

void db_shutdown(void)
{
    pthread_mutex_lock(&all_lock);
    struct db *db = all_dbs;
    all_dbs = NULL;
    pthread_mutex_unlock(&all_lock);
    while (db) {
        struct db *next = db->next;
        db_close(db);
        db = next;
    }
    thread_db = NULL;
    free(db_path);
    db_path = NULL;
}

struct db_stmt *db_prepare(struct db *db, const char *sql)
{
    thread_statements++;
    /* Literals are found by address (hashing and comparing ~500 bytes of SQL cost more than
     * running a small query's first step); other text by its contents. */
    const char *literal = static_data_has(sql) ? sql : NULL;
    uint64_t h = literal ? (uint64_t)(uintptr_t)literal * 0x9E3779B97F4A7C15u >> 7 : hash_sql(sql);
    for (size_t n = 0, i = h % STMT_SLOTS; n < STMT_SLOTS; n++, i = (i + 1) % STMT_SLOTS) {
        struct db_stmt *slot = &db->slots[i];
        if (slot->sql && (literal ? slot->literal == literal
                                  : !slot->literal && slot->hash == h && strcmp(slot->sql, sql) == 0)) {
            sqlite3_reset(slot->stmt);
            sqlite3_clear_bindings(slot->stmt);
            return slot;
        }
        if (!slot->sql) {
            if (sqlite3_prepare_v3(db->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &slot->stmt, NULL) !=
                SQLITE_OK) {
                log_event(LOG_ERROR, NULL, "SQL prepare failed", "sql", sql, "error", sqlite3_errmsg(db->conn),
                          NULL);
                slot->stmt = NULL;
                return NULL;
            }
            slot->sql = xstrdup(sql);
            slot->literal = literal;
            slot->hash = h;
            return slot;
        }
    }
    log_event(LOG_ERROR, NULL, "statement cache full", "sql", sql, NULL);
    return NULL;
}

int db_bind_int(struct db_stmt *st, int idx, int64_t value)
{
    return sqlite3_bind_int64(st->stmt, idx, value) == SQLITE_OK ? 0 : -1;
}

int db_bind_text(struct db_stmt *st, int idx, const char *text)
{
    if (!text)
        return db_bind_null(st, idx);
    return sqlite3_bind_text(st->stmt, idx, text, -1, SQLITE_TRANSIENT) == SQLITE_OK ? 0 : -1;
}

int db_bind_null(struct db_stmt *st, int idx) { return sqlite3_bind_null(st->stmt, idx) == SQLITE_OK ? 0 : -1; }

enum db_step db_step(struct db_stmt *st)
{
    uint64_t start = now_us();
    int rc = sqlite3_step(st->stmt);
    atomic_fetch_add_explicit(&step_time_us, now_us() - start, memory_order_relaxed);
    if (rc == SQLITE_ROW)
        return DB_ROW;
    if (rc == SQLITE_DONE)
        return DB_DONE;
    log_event(LOG_ERROR, NULL, "SQL step failed", "sql", st->sql, "error",
              sqlite3_errmsg(sqlite3_db_handle(st->stmt)), NULL);
    return DB_ERROR;
}

int64_t db_col_int(struct db_stmt *st, int col) { return sqlite3_column_int64(st->stmt, col); }

const char *db_col_text(struct db_stmt *st, int col)
{
    return (const char *)sqlite3_column_text(st->stmt, col);
}

bool db_col_is_null(struct db_stmt *st, int col) { return sqlite3_column_type(st->stmt, col) == SQLITE_NULL; }

void db_reset(struct db_stmt *st)
{
    if (st)
        sqlite3_reset(st->stmt);
}

int db_exec(struct db *db, const char *sql)
{
    char *err = NULL;
    thread_statements++;
    uint64_t start = now_us();
    int rc = sqlite3_exec(db->conn, sql, NULL, NULL, &err);
    atomic_fetch_add_explicit(&step_time_us, now_us() - start, memory_order_relaxed);
    if (rc != SQLITE_OK) {
        log_event(LOG_ERROR, NULL, "SQL failed", "sql", sql, "error", err ? err : sqlite3_errstr(rc), NULL);
        sqlite3_free(err);
        return -1;
    }
    return 0;
}

int64_t db_last_id(struct db *db) { return sqlite3_last_insert_rowid(db->conn); }

int db_begin(struct db *db)
{
    /* A write needs the newest data and the write lock: end the read snapshot first. */
    db_read_end(db);
    return db_exec(db, "BEGIN IMMEDIATE");
}

int db_commit(struct db *db)
{
    int rc = db_commit_unseen(db);
    atomic_fetch_add_explicit(&write_generation, 1, memory_order_release);
    return rc;
}

int db_commit_unseen(struct db *db)
{
    atomic_fetch_add_explicit(&commits, 1, memory_order_relaxed);
    return db_exec(db, "COMMIT");
}

uint64_t db_commits(void)
{
    return atomic_load_explicit(&commits, memory_order_relaxed);
}

int db_savepoint(struct db *db)
{
    return db_exec(db, "SAVEPOINT batch_job");
}
int db_savepoint_release(struct db *db)
{
    return db_exec(db, "RELEASE SAVEPOINT batch_job");
}
int db_savepoint_rollback(struct db *db)
{
    return db_exec(db, "ROLLBACK TO SAVEPOINT batch_job; RELEASE SAVEPOINT batch_job");
}

void db_read_begin(struct db *db)
{
    if (!db->in_read && sqlite3_get_autocommit(db->conn) && db_exec(db, "BEGIN") == 0)
        db->in_read = true;
}

void db_read_end(struct db *db)
{
    if (db->in_read) {
        db->in_read = false;
        if (!sqlite3_get_autocommit(db->conn))
            db_exec(db, "COMMIT");
    }
}

uint64_t db_generation(void) { return atomic_load_explicit(&write_generation, memory_order_acquire); }
int db_rollback(struct db *db) { return db_exec(db, "ROLLBACK"); }

bool db_ping(void)
{
    struct db *db = db_get();
    if (!db)
        return false;
    struct db_stmt *st = db_prepare(db, "SELECT 1");
    bool ok = st && db_step(st) == DB_ROW && db_col_int(st, 0) == 1;
    db_reset(st);
    return ok;
}

uint64_t db_statements(void) { return thread_statements; }

uint64_t db_time_us(void) { return atomic_load_explicit(&step_time_us, memory_order_relaxed); }

int db_schema_version(struct db *db)
{
    struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM schema_migrations");
    int n = st && db_step(st) == DB_ROW ? (int)db_col_int(st, 0) : -1;
    db_reset(st);
    return n;
}

void db_set_durable(bool on) { atomic_store(&durable, on); }

int db_init(const char *path)
{
    /* SQLite's memory statistics take one process-wide mutex on every
     * allocation, which serialises all worker threads; we do not use them. */
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, disable_memstatus);
    free(db_path);
    db_path = xstrdup(path);
    struct db *db = db_get();
    if (!db) {
        fprintf(stderr, "dxhub: cannot open the database %s\n", path);
        return -1;
    }
    return db_migrate(db);
}
