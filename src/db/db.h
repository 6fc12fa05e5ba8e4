/* The database layer: one SQLite connection per thread, cached prepared
 * statements, explicit transactions and embedded numbered migrations.
 *
 * Everything outside src/db/ talks to the database through this header, so
 * that the few SQLite/PostgreSQL differences stay here. SQL uses `?`
 * placeholders and only the portable subset of both dialects; every value
 * is bound, never formatted into the SQL text. */
#ifndef DXHUB_DB_DB_H
#define DXHUB_DB_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct db;
struct db_stmt;

enum db_step { DB_ROW = 1, DB_DONE = 0, DB_ERROR = -1 };

/* Whether connections opened from now on sync every commit to disk
 * (synchronous=FULL: "dxhub serve --durable") or only at WAL checkpoints
 * (NORMAL, the default: after a power loss the last commits may be lost,
 * the database stays consistent). Call before db_init. */
void db_set_durable(bool on);
/* Opens (creating if needed) the database at path, applies the embedded
 * migrations ("migrations/NNN_*.sql", in order, each in its own transaction,
 * recorded in table schema_migrations) and remembers path for the
 * per-thread connections. Running it again applies nothing new.
 * Returns 0, or -1 with a message on stderr. */
int db_init(const char *path);
/* Closes every connection. Call once, after all threads that used the
 * database have finished. */
void db_shutdown(void);
/* The calling thread's connection, opened on first use (WAL, busy timeout,
 * foreign keys on). NULL when it cannot be opened (logged). */
struct db *db_get(void);

/* Returns the cached statement for sql on db, reset and with bindings
 * cleared, ready to bind. NULL on a SQL error (logged with the SQL).
 * The statement belongs to the connection: finish with db_reset(). */
struct db_stmt *db_prepare(struct db *db, const char *sql);
/* Binds parameter idx (1-based). Text is copied. NULL text binds NULL.
 * Return 0 or -1. */
int db_bind_int(struct db_stmt *st, int idx, int64_t value);
int db_bind_text(struct db_stmt *st, int idx, const char *text);
int db_bind_null(struct db_stmt *st, int idx);
/* Runs the statement one step: DB_ROW, DB_DONE or DB_ERROR (logged). */
enum db_step db_step(struct db_stmt *st);
/* Column accessors for the current row (0-based). Text is valid until the
 * next step or reset; NULL for SQL NULL. */
int64_t db_col_int(struct db_stmt *st, int col);
const char *db_col_text(struct db_stmt *st, int col);
bool db_col_is_null(struct db_stmt *st, int col);
/* Resets the statement so that the cache can hand it out again. */
void db_reset(struct db_stmt *st);
/* Runs a statement that takes no parameters and returns no rows; 0 or -1. */
int db_exec(struct db *db, const char *sql);
/* Id of the last inserted row on this connection. */
int64_t db_last_id(struct db *db);

/* The one-statement shortcuts (db_run.c): db_prepare (so the statement is
 * cached), bind, one step, db_reset. types holds one letter per parameter,
 * in order, each taking the next argument: 'i' an int64_t (cast narrower
 * integers: the argument is read as int64_t), 't' a const char * (copied;
 * NULL binds NULL), 'n' an int64_t that binds NULL when it is 0 (an
 * optional id). Parameters past the letters bind NULL; a letter past the
 * statement's parameters is an error. An unknown letter is a bug (assert).
 * Errors (prepare, bind, step) are logged with the SQL. sql must be
 * constant text, as for db_prepare (tests/lint.sh checks both). */

/* Runs sql, a statement that returns no rows, with the parameters of types.
 * Returns 0 when it ran to completion (DB_DONE), -1 on an error or when the
 * statement returned a row. */
int db_run(struct db *db, const char *sql, const char *types, ...);
/* Runs the query sql with the parameters of types and reads the integer in
 * the first column of its first row into *out (SQL NULL reads 0); *out is
 * left untouched when there is no row or on an error. out may be NULL when
 * only whether a row exists matters. Returns 1 when there was a row, 0 when
 * none, -1 on an error. */
int db_one_int(struct db *db, const char *sql, int64_t *out, const char *types, ...);

/* Write transactions: BEGIN IMMEDIATE (takes the write lock up front, so
 * that two writers never deadlock), COMMIT, ROLLBACK. 0 or -1. */
int db_begin(struct db *db);
int db_commit(struct db *db);
/* Commits a write that no page the page cache keeps can show (live room
 * activity, sign-in bookkeeping): unlike db_commit, db_generation() stays,
 * so visitors' cached pages survive it. When unsure, use db_commit. */
int db_commit_unseen(struct db *db);
int db_rollback(struct db *db);
/* A savepoint inside the open write transaction (the batching writer's,
 * db_batch.h, and any a job opens inside its own; they nest, and each call
 * applies to the innermost open one): db_savepoint() opens one,
 * db_savepoint_release() keeps what was written since, db_savepoint_rollback()
 * undoes it and ends the savepoint; the transaction stays open either way.
 * 0 or -1. */
int db_savepoint(struct db *db);
int db_savepoint_release(struct db *db);
int db_savepoint_rollback(struct db *db);
/* Write transactions committed since start (db_commit and db_commit_unseen). */
uint64_t db_commits(void);

/* Runs sql, whose only parameter (?1) is param, and returns a new jansson
 * array with one element per row, made by row(st, arg) (which returns a new
 * reference). NULL on a database error (logged). Declared with an opaque
 * json_t so that this header does not need jansson. */
struct json_t;
struct json_t *db_rows_json(struct db *db, const char *sql, int64_t param,
                            struct json_t *(*row)(struct db_stmt *st, int64_t arg), int64_t arg);

/* A read snapshot: every query until db_read_end() sees the same data and
 * the connection takes its shared lock once instead of once per statement.
 * No-op when a transaction is already open. db_begin() ends it first. */
void db_read_begin(struct db *db);
void db_read_end(struct db *db);
/* A number that changes after every committed write transaction, for
 * caches of things derived from the database. */
uint64_t db_generation(void);

/* True when the calling thread's connection answers a trivial query. */
bool db_ping(void);
/* Statements the calling thread has prepared (db_prepare, including the
 * shortcuts of db_run.c) or executed (db_exec, transactions included) since
 * it started: the difference across a request is what the request ran. */
uint64_t db_statements(void);
/* Microseconds spent in statement steps since start, across all threads. */
uint64_t db_time_us(void);
/* Number of migrations recorded as applied. -1 on error. */
int db_schema_version(struct db *db);

#endif
