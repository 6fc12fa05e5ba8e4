/* One-statement shortcuts over the statement cache: db_run and db_one_int. */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>

#include "core/log.h"
#include "db/db.h"

/* Binds the arguments of ap to st as types says (see db.h). 0, or -1
 * (logged with sql) when a bind fails. */
static int bind_all(struct db_stmt *st, const char *sql, const char *types, va_list ap)
{
    for (int i = 0; types[i]; i++) {
        int rc;
        switch (types[i]) {
        case 'i': rc = db_bind_int(st, i + 1, va_arg(ap, int64_t)); break;
        case 't': rc = db_bind_text(st, i + 1, va_arg(ap, const char *)); break;
        case 'n': {
            int64_t v = va_arg(ap, int64_t);
            rc = v ? db_bind_int(st, i + 1, v) : db_bind_null(st, i + 1);
            break;
        }
        default: assert(!"db_run: unknown type letter"); rc = -1;
        }
        if (rc) {
            char n[16];
            snprintf(n, sizeof n, "%d", i + 1);
            log_event(LOG_ERROR, NULL, "SQL bind failed", "sql", sql, "parameter", n, NULL);
            return -1;
        }
    }
    return 0;
}

/* Prepares sql, binds ap, steps once and, on a row, reads its first column
 * into *out (when out is not NULL); leaves the statement reset. */
static enum db_step step_once(struct db *db, const char *sql, int64_t *out, const char *types, va_list ap)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        return DB_ERROR;
    enum db_step rc = bind_all(st, sql, types, ap) ? DB_ERROR : db_step(st);
    if (rc == DB_ROW && out)
        *out = db_col_int(st, 0);
    db_reset(st);
    return rc;
}

int db_run(struct db *db, const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    enum db_step rc = step_once(db, sql, NULL, types, ap);
    va_end(ap);
    return rc == DB_DONE ? 0 : -1;
}

int db_one_int(struct db *db, const char *sql, int64_t *out, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    enum db_step rc = step_once(db, sql, out, types, ap);
    va_end(ap);
    return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}
