/* Query results as jansson arrays: one element per row. */
#include <jansson.h>

#include "db/db.h"

json_t *db_rows_json(struct db *db, const char *sql, int64_t param, json_t *(*row)(struct db_stmt *st, int64_t arg),
                     int64_t arg)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        return NULL;
    db_bind_int(st, 1, param);
    json_t *list = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(list, row(st, arg));
    db_reset(st);
    if (rc != DB_DONE) {
        json_decref(list);
        return NULL;
    }
    return list;
}
