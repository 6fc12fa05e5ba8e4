/* Applies the numbered SQL migrations embedded in the binary. */
#include "db/migrate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/embedded.h"

static int by_name(const void *a, const void *b)
{
    const struct embedded_file *const *x = a, *const *y = b;
    return strcmp((*x)->name, (*y)->name);
}

static bool is_applied(struct db *db, long version)
{
    struct db_stmt *st = db_prepare(db, "SELECT 1 FROM schema_migrations WHERE version = ?");
    bool applied = st && db_bind_int(st, 1, version) == 0 && db_step(st) == DB_ROW;
    db_reset(st);
    return applied;
}

static int apply(struct db *db, const struct embedded_file *f, long version)
{
    if (db_begin(db))
        return -1;
    struct db_stmt *st = NULL;
    if (db_exec(db, (const char *)f->data))
        goto fail;
    st = db_prepare(db, "INSERT INTO schema_migrations(version, name, applied_at) "
                        "VALUES (?, ?, ?)");
    if (!st || db_bind_int(st, 1, version) || db_bind_text(st, 2, f->name) ||
        db_bind_int(st, 3, (int64_t)time(NULL)) || db_step(st) != DB_DONE)
        goto fail;
    db_reset(st);
    return db_commit(db);
fail:
    db_reset(st);
    db_rollback(db);
    fprintf(stderr, "dxhub: migration %s failed\n", f->name);
    return -1;
}

int db_migrate(struct db *db)
{
    if (db_exec(db, "CREATE TABLE IF NOT EXISTS schema_migrations ("
                    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)"))
        return -1;
    const struct embedded_file *list[256];
    size_t n = 0;
    for (size_t i = 0; i < embedded_files_count && n < 256; i++)
        if (strncmp(embedded_files[i].name, "migrations/", 11) == 0)
            list[n++] = &embedded_files[i];
    qsort(list, n, sizeof list[0], by_name);
    for (size_t i = 0; i < n; i++) {
        long version = strtol(list[i]->name + 11, NULL, 10);
        if (version <= 0) {
            fprintf(stderr, "dxhub: migration %s has no number\n", list[i]->name);
            return -1;
        }
        if (!is_applied(db, version) && apply(db, list[i], version))
            return -1;
    }
    return 0;
}
