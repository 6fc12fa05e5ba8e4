/* Rate limits kept in the database, with an exponential block. */
#include "accounts/ratelimit.h"

#include <time.h>

#define MAX_BLOCK_S (24 * 3600)

int64_t ratelimit_wait(struct db *db, const char *key)
{
    struct db_stmt *st = db_prepare(db, "SELECT blocked_until FROM rate_limits WHERE key = ?");
    if (!st)
        return 0;
    db_bind_text(st, 1, key);
    int64_t until = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
    db_reset(st);
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
    st = db_prepare(db, "DELETE FROM rate_limits WHERE key = ?");
    if (st) {
        db_bind_text(st, 1, key);
        db_step(st);
        db_reset(st);
    }
    st = db_prepare(db, "INSERT INTO rate_limits (key, count, window_start, blocked_until) VALUES (?, ?, ?, ?)");
    if (st) {
        db_bind_text(st, 1, key);
        db_bind_int(st, 2, count);
        db_bind_int(st, 3, start);
        db_bind_int(st, 4, block ? now + block : 0);
        db_step(st);
        db_reset(st);
    }
    return block;
}

void ratelimit_clear(struct db *db, const char *key)
{
    struct db_stmt *st = db_prepare(db, "DELETE FROM rate_limits WHERE key = ?");
    if (st) {
        db_bind_text(st, 1, key);
        db_step(st);
        db_reset(st);
    }
}
