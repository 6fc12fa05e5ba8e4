/* Numbered schema migrations embedded in the binary (internal to src/db/). */
#ifndef DXHUB_DB_MIGRATE_H
#define DXHUB_DB_MIGRATE_H

#include "db/db.h"

/* Applies, in name order, every embedded "migrations/NNN_*.sql" whose number
 * is not yet in schema_migrations, each in its own BEGIN IMMEDIATE
 * transaction together with its record. Returns 0, or -1 (stderr) leaving
 * the failed migration unapplied. */
int db_migrate(struct db *db);

#endif
