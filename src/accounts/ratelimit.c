/* Rate limits kept in the database, with an exponential block. */
#include "accounts/ratelimit.h"

#include <time.h>

#define MAX_BLOCK_S (24 * 3600)

int64_t ratelimit_wait(struct db *db, const char *key)
{
    int64_t until = 0;
    db_one_int(db, "SELECT blocked_until FROM rate_limits WHERE key = ?", &until, "t", key);
    int64_t now = (int64_t)time(NULL);
    return until > now ? until - now : 0;
}

int64_t ratelimit_hit(struct db *db, const char *key, int allowed, int window_s, int base_block_s)
{
    int64_t now = (int64_t)time(NULL), count = 0, start = now;
    struct db_stmt *st = db_prepare(db, "SELECT count, window_start FROM rate_limits WHERE key = ?");
    if (!st)
        return 0;
    db_bind_text(st, 1, key);
    if (db_step(st) == DB_ROW) {
        count = db_col_int(st, 0);
        start = db_col_int(st, 1);
    }
    db_reset(st);
    if (now - start >= window_s) {
        count = 0;
        start = now;
    }
    count++;
    int64_t block = 0;
    if (count > allowed) {
        block = base_block_s;
        for (int64_t extra = count - allowed - 1; extra > 0 && block < MAX_BLOCK_S; extra--)
            block *= 2;
        if (block > MAX_BLOCK_S)
            block = MAX_BLOCK_S;
    }
    /* Portable upsert: the key's row is replaced whole. */
    ratelimit_clear(db, key);
    db_run(db, "INSERT INTO rate_limits (key, count, window_start, blocked_until) VALUES (?, ?, ?, ?)", "tiii", key,
           count, start, block ? now + block : 0);
    return block;
}

void ratelimit_clear(struct db *db, const char *key)
{
    db_run(db, "DELETE FROM rate_limits WHERE key = ?", "t", key);
}
