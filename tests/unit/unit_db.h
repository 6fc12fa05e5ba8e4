/* The temporary data folder of a unit test program that uses the database:
 * cmocka group setups that make /tmp/dxhub-PROGRAM-XXXXXX with the database
 * test.db in it (and, for unit_db_i18n_setup, the translations started on
 * its locale folder, which has no catalogues: English), and the teardown
 * that stops them and removes the folder. Header only: each test program is
 * one file. */
#ifndef DXHUB_TESTS_UNIT_DB_H
#define DXHUB_TESTS_UNIT_DB_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "db/db.h"
#include "i18n/i18n.h"

static char unit_dir[48];     /* the folder (short: tests build paths in it) */
static char unit_db_path[64]; /* the database in it */

/* Makes the folder and opens the database. 0 or -1. */
static inline int unit_db_setup(void **state)
{
    (void)state;
    snprintf(unit_dir, sizeof unit_dir, "/tmp/dxhub-%s-XXXXXX", program_invocation_short_name);
    if (!mkdtemp(unit_dir))
        return -1;
    snprintf(unit_db_path, sizeof unit_db_path, "%s/test.db", unit_dir);
    return db_init(unit_db_path);
}

/* unit_db_setup, then i18n_init on the folder's "locale". 0 or -1. */
static inline int unit_db_i18n_setup(void **state)
{
    char locale[64];
    if (unit_db_setup(state))
        return -1;
    snprintf(locale, sizeof locale, "%s/locale", unit_dir);
    return i18n_init(locale);
}

/* Stops the translations (harmless when they were not started) and the
 * database, and removes the folder. 0 or -1. */
static inline int unit_db_teardown(void **state)
{
    (void)state;
    i18n_shutdown();
    db_shutdown();
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", unit_dir);
    return system(cmd) ? -1 : 0;
}

#endif
