/* Single-use email links, stored as hashes. */
#include "accounts/tokens.h"

#include <string.h>
#include <time.h>

int token_create(struct db *db, int64_t user_id, const char *purpose, int ttl_s, char out[SECRET_TEXT_LEN])
{
    return token_create_with(db, user_id, purpose, ttl_s, NULL, NULL, out);
}

int token_create_with(struct db *db, int64_t user_id, const char *purpose, int ttl_s, const char *next,
                      const char *browser_hash, char out[SECRET_TEXT_LEN])
{
    int64_t now = (int64_t)time(NULL);
    if (db_run(db, "UPDATE email_tokens SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL", "iit",
               now, user_id, purpose))
        return -1;
    char hash[SECRET_HASH_LEN];
    secret_new(out);
    secret_hash(out, hash);
    return db_run(db,
                  "INSERT INTO email_tokens (token_hash, user_id, purpose, created_at, expires_at, next, browser_hash) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?)",
                  "titiitt", hash, user_id, purpose, now, now + ttl_s, next, browser_hash);
}

/* The token's row id and user when it is live; 0 otherwise. */
static int64_t find_live(struct db *db, const char *text, const char *purpose, int64_t *token_id)
{
    if (!text || strlen(text) != SECRET_TEXT_LEN - 1)
        return 0;
    char hash[SECRET_HASH_LEN];
    secret_hash(text, hash);
    struct db_stmt *st = db_prepare(db, "SELECT id, user_id FROM email_tokens WHERE token_hash = ? AND purpose = ? "
                                        "AND used_at IS NULL AND expires_at > ?");
    if (!st)
        return 0;
    db_bind_text(st, 1, hash);
    db_bind_text(st, 2, purpose);
    db_bind_int(st, 3, (int64_t)time(NULL));
    int64_t user = 0;
    if (db_step(st) == DB_ROW) {
        *token_id = db_col_int(st, 0);
        user = db_col_int(st, 1);
    }
    db_reset(st);
    return user;
}

int64_t token_peek(struct db *db, const char *text, const char *purpose)
{
    int64_t id;
    return find_live(db, text, purpose, &id);
}

int64_t token_consume(struct db *db, const char *text, const char *purpose)
{
    int64_t id = 0, user = find_live(db, text, purpose, &id);
    if (!user)
        return 0;
    if (db_run(db, "UPDATE email_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL", "ii", (int64_t)time(NULL),
               id))
        return 0;
    return user;
}

void token_context(struct db *db, struct arena *arena, const char *text, const char *purpose, const char **next,
                   const char **browser_hash)
{
    *next = *browser_hash = NULL;
    int64_t id = 0;
    if (!find_live(db, text, purpose, &id))
        return;
    struct db_stmt *st = db_prepare(db, "SELECT next, browser_hash FROM email_tokens WHERE id = ?");
    if (!st)
        return;
    db_bind_int(st, 1, id);
    if (db_step(st) == DB_ROW) {
        *next = db_col_text(st, 0) ? arena_strdup(arena, db_col_text(st, 0)) : NULL;
        *browser_hash = db_col_text(st, 1) ? arena_strdup(arena, db_col_text(st, 1)) : NULL;
    }
    db_reset(st);
}
