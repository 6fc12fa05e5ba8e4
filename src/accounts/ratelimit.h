/* Rate limits kept in the database, so that they hold across restarts:
 * failed sign-ins per address, emails sent per address and per account. */
#ifndef DXHUB_ACCOUNTS_RATELIMIT_H
#define DXHUB_ACCOUNTS_RATELIMIT_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"

/* Seconds until key may be used again (0: now). */
int64_t ratelimit_wait(struct db *db, const char *key);
/* Counts one use of key in a window of window_s seconds. Past `allowed`
 * uses in the window, key is blocked for base_block_s doubled for every
 * further use (capped at a day). Returns the seconds to wait now (0: not
 * blocked). Runs inside the caller's transaction. */
int64_t ratelimit_hit(struct db *db, const char *key, int allowed, int window_s, int base_block_s);
/* Forgets key (e.g. after a successful sign-in). */
void ratelimit_clear(struct db *db, const char *key);

#endif
