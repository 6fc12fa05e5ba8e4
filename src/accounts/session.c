/* Sessions and CSRF tokens, stored as hashes. */
#include "accounts/session.h"

#include <string.h>
#include <time.h>

#include "accounts/secret.h"
#include "core/log.h"
#include "http/router.h"

#define TOUCH_EVERY_S 300 /* last_seen_at is written at most this often */

static int perm_of_role(const char *role)
{
    if (strcmp(role, "admin") == 0)
        return PERM_ADMIN;
    if (strcmp(role, "moderator") == 0)
        return PERM_MODERATOR;
    if (strcmp(role, "organiser") == 0)
        return PERM_ORGANISER;
    return PERM_MEMBER;
}

static void clear_cookie(struct request *req) { request_set_cookie(req, request_session_cookie(), "", 0); }

static void forget_session(struct db *db, int64_t id)
{
    db_run(db, "DELETE FROM user_sessions WHERE id = ?", "i", id);
}

void session_load(struct request *req)
{
    req->caller = (struct caller){.perm = PERM_PUBLIC, .csrf = request_cookie(req, request_csrf_cookie())};
    const char *sid = request_cookie(req, request_session_cookie());
    struct db *db = sid && *sid ? db_get() : NULL;
    if (!db)
        return;
    char hash[SECRET_HASH_LEN];
    secret_hash(sid, hash);
    struct db_stmt *st = db_prepare(db, "SELECT s.id, s.user_id, s.csrf, s.last_seen_at, s.expires_at, u.name, "
                                        "u.email, u.role, u.tz, u.lang, u.disabled_at IS NULL AND u.deleted_at IS NULL "
                                        "FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?");
    if (!st)
        return;
    db_bind_text(st, 1, hash);
    if (db_step(st) != DB_ROW) {
        db_reset(st);
        clear_cookie(req);
        return;
    }
    int64_t now = (int64_t)time(NULL), id = db_col_int(st, 0), last_seen = db_col_int(st, 3);
    bool live = db_col_int(st, 10) && now < db_col_int(st, 4) && now < last_seen + SESSION_IDLE_S;
    if (live) {
        struct arena *a = req->arena;
        req->caller = (struct caller){.user_id = db_col_int(st, 1),
                                      .session_id = id,
                                      .csrf = arena_strdup(a, db_col_text(st, 2)),
                                      .name = arena_strdup(a, db_col_text(st, 5)),
                                      .email = arena_strdup(a, db_col_text(st, 6)),
                                      .perm = perm_of_role(db_col_text(st, 7)),
                                      .tz = arena_strdup(a, db_col_text(st, 8)),
                                      .lang = arena_strdup(a, db_col_text(st, 9))};
    }
    db_reset(st);
    if (!live) {
        forget_session(db, id);
        clear_cookie(req);
    } else if (now - last_seen > TOUCH_EVERY_S) {
        db_run(db, "UPDATE user_sessions SET last_seen_at = ? WHERE id = ?", "ii", now, id);
    }
}

int session_start(struct request *req, int64_t user_id)
{
    struct db *db = db_get();
    if (!db || db_begin(db))
        return -1;
    /* No fixation: whatever session this browser had ends here. */
    if (req->caller.session_id)
        forget_session(db, req->caller.session_id);
    char token[SECRET_TEXT_LEN], hash[SECRET_HASH_LEN], csrf[SECRET_TEXT_LEN];
    secret_new(token);
    secret_hash(token, hash);
    secret_new(csrf);
    int64_t now = (int64_t)time(NULL);
    const char *agent = request_header(req, "User-Agent");
    bool ok = db_run(db,
                     "INSERT INTO user_sessions (token_hash, user_id, csrf, created_at, last_seen_at, expires_at, "
                     "user_agent) VALUES (?, ?, ?, ?, ?, ?, substr(?, 1, 200))",
                     "titiiit", hash, user_id, csrf, now, now, now + SESSION_MAX_S, agent ? agent : "") == 0;
    int64_t session_id = db_last_id(db);
    /* A new session shows on no cached page: visitors' pages stay cached. */
    if (!ok || db_commit_unseen(db)) {
        db_rollback(db);
        return -1;
    }
    request_set_cookie(req, request_session_cookie(), arena_strdup(req->arena, token), SESSION_MAX_S);
    req->caller.user_id = user_id;
    req->caller.session_id = session_id;
    req->caller.csrf = arena_strdup(req->arena, csrf);
    return 0;
}

void session_end(struct request *req)
{
    struct db *db = req->caller.session_id ? db_get() : NULL;
    if (db)
        forget_session(db, req->caller.session_id);
    clear_cookie(req);
    req->caller = (struct caller){.perm = PERM_PUBLIC};
}

int session_end_all(struct db *db, int64_t user_id, int64_t keep_session_id)
{
    return db_run(db, "DELETE FROM user_sessions WHERE user_id = ? AND id <> ?", "ii", user_id, keep_session_id);
}

const char *session_csrf(struct request *req)
{
    if (!req->caller.csrf || !*req->caller.csrf) {
        char token[SECRET_TEXT_LEN];
        secret_new(token);
        req->caller.csrf = arena_strdup(req->arena, token);
        request_set_cookie(req, request_csrf_cookie(), req->caller.csrf, 7L * 24 * 3600);
    }
    return req->caller.csrf;
}
