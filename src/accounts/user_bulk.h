/* `dxhub user bulk`: many signed-in members at once, for load tests.
 *
 * Signing up thousands of people through the forms is too slow (argon2
 * costs each password tens of milliseconds on purpose), so operators who
 * measure the hub under load make their test members here instead: verified
 * accounts without a password, each with one session, in one transaction. */
#ifndef DXHUB_ACCOUNTS_USER_BULK_H
#define DXHUB_ACCOUNTS_USER_BULK_H

#include <stdio.h>

#include "db/db.h"

#define USER_BULK_MAX 100000
#define USER_BULK_PREFIX_MAX 32

/* Creates count members "<prefix>-<n>@example.invalid" (n from 1), named
 * "<prefix> <n>", verified, without a password, and one session each,
 * in one transaction on db, and writes one line per member to out:
 * "sid=<session cookie value> <csrf token>". prefix: 1..USER_BULK_PREFIX_MAX
 * characters a-z, 0-9 and '-'. Returns 0, 1 when an address is taken
 * (nothing made), -1 on a database error (nothing made). */
int user_bulk_create(struct db *db, int count, const char *prefix, FILE *out);

/* The command: `dxhub user bulk --count N --prefix P [--data DIR]`, with
 * argv[0] "bulk". Returns the exit status (0 done, 1 failed, 2 usage). */
int user_bulk_main(int argc, char **argv);

#endif
