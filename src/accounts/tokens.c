/* Single-use email links, stored as hashes. */
#include "accounts/tokens.h"

#include <string.h>
#include <time.h>

int token_create(struct db *db, int64_t user_id, const char *purpose, int ttl_s, char out[SECRET_TEXT_LEN])
{
    int64_t now = (int64_t)time(NULL);
    struct db_stmt *st = db_prepare(db, "UPDATE email_tokens SET used_at = ? "
                                        "WHERE user_id = ? AND purpose = ? AND used_at IS NULL");
    if (!st)
        return -1;
    db_bind_int(st, 1, now);
    db_bind_int(st, 2, user_id);
    db_bind_text(st, 3, purpose);
    enum db_step rc = db_step(st);
    db_reset(st);
    if (rc != DB_DONE)
        return -1;
    char hash[SECRET_HASH_LEN];
    secret_new(out);
    secret_hash(out, hash);
    st = db_prepare(db, "INSERT INTO email_tokens (token_hash, user_id, purpose, created_at, expires_at) "
                        "VALUES (?, ?, ?, ?, ?)");
    if (!st)
        return -1;
    db_bind_text(st, 1, hash);
    db_bind_int(st, 2, user_id);
    db_bind_text(st, 3, purpose);
    db_bind_int(st, 4, now);
    db_bind_int(st, 5, now + ttl_s);
    rc = db_step(st);
    db_reset(st);
    return rc == DB_DONE ? 0 : -1;
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
    struct db_stmt *st = db_prepare(db, "UPDATE email_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL");
    if (!st)
        return 0;
    db_bind_int(st, 1, (int64_t)time(NULL));
    db_bind_int(st, 2, id);
    enum db_step rc = db_step(st);
    db_reset(st);
    return rc == DB_DONE ? user : 0;
}
