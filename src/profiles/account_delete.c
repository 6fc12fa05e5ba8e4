/* Account deletion: the explanation and form, the checks, and the erasure
 * in one transaction. */
#include "profiles/account_delete.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "accounts/audit.h"
#include "accounts/password.h"
#include "accounts/ratelimit.h"
#include "accounts/session.h"
#include "core/log.h"
#include "orgs/orgs.h"
#include "profiles/profiles.h"
#include "view/form.h"
#include "view/page.h"

#define ATTEMPTS_ALLOWED 5 /* wrong passwords per window before a pause */
#define ATTEMPTS_WINDOW_S 900
#define ATTEMPTS_BLOCK_S 900

static const char *const delete_fields[] = {"confirm"};

int account_erase(struct db *db, int64_t user_id)
{
    /* Rows that name the account's email go before the email does. */
    if (db_run(db, "DELETE FROM org_invites WHERE email = (SELECT email FROM users WHERE id = ?)", "i", user_id) ||
        db_run(db, "DELETE FROM outbox WHERE recipient = (SELECT email FROM users WHERE id = ?)", "i", user_id) ||
        db_run(db, "DELETE FROM rate_limits WHERE key = 'reset-email:' || (SELECT email FROM users WHERE id = ?)", "i",
               user_id) ||
        profile_erase(db, user_id) || db_run(db, "DELETE FROM org_members WHERE user_id = ?", "i", user_id) ||
        db_run(db, "DELETE FROM user_sessions WHERE user_id = ?", "i", user_id) ||
        db_run(db, "DELETE FROM email_tokens WHERE user_id = ?", "i", user_id))
        return -1;
    char placeholder[64];
    snprintf(placeholder, sizeof placeholder, "deleted-%lld@invalid", (long long)user_id);
    return db_run(db, "UPDATE users SET email = ?, name = '', password_hash = NULL, deleted_at = ? WHERE id = ?", "tii",
                  placeholder, (int64_t)time(NULL), user_id);
}

/* Renders the form with the organisations that block the deletion (if
 * any) and the status form_render chooses, or status when it is not 0. */
static void render_form(struct request *req, json_t *page, unsigned status)
{
    struct db *db = db_get();
    json_t *sole = db ? org_sole_ownerships(req, db, req->caller.user_id) : NULL;
    if (!sole) {
        json_decref(page);
        page_error(req, 500);
        return;
    }
    json_object_set_new(page, "blocked", json_boolean(json_array_size(sole) > 0));
    json_object_set_new(page, "sole_ownerships", sole);
    json_object_set_new(page, "confirm_checked",
                        json_boolean(*json_string_value(json_object_get(json_object_get(page, "form"), "confirm"))));
    if (status)
        page_render(req, status, "account_delete", page);
    else
        form_render(req, "account_delete", page);
}

/*
 * GET /account/delete : what deleting the account does, and the form
 * (password and confirmation). No parameters. Also renders a refused POST
 * (bad CSRF token).
 */
void page_account_delete_form(struct request *req)
{
    render_form(req, FORM_PAGE(req, _("Delete your account"), delete_fields), 0);
}

/* The caller's password hash (arena), or NULL when there is none. */
static const char *stored_hash(struct request *req, struct db *db)
{
    struct db_stmt *st = db_prepare(db, "SELECT password_hash FROM users WHERE id = ?");
    if (!st)
        return NULL;
    db_bind_int(st, 1, req->caller.user_id);
    const char *hash = db_step(st) == DB_ROW ? arena_strdup(req->arena, db_col_text(st, 0)) : NULL;
    db_reset(st);
    return hash;
}

/* Checks the password under a rate limit, so that a borrowed session cannot
 * be used to guess it. Marks the form and returns false when it fails. */
static bool password_confirmed(struct request *req, struct db *db, json_t *page, const char *password)
{
    const char *key = arena_printf(req->arena, "account-delete:%lld", (long long)req->caller.user_id);
    if (ratelimit_wait(db, key) > 0) {
        form_error(page, "password", _("Too many wrong passwords. Please wait a quarter of an hour and try again."));
        return false;
    }
    if (!*password) {
        form_error(page, "password", _("Please enter your password."));
        return false;
    }
    if (password_verify(password, stored_hash(req, db)))
        return true;
    if (db_begin(db) == 0) {
        ratelimit_hit(db, key, ATTEMPTS_ALLOWED, ATTEMPTS_WINDOW_S, ATTEMPTS_BLOCK_S);
        if (db_commit(db))
            db_rollback(db);
    }
    form_error(page, "password", _("That is not your password."));
    return false;
}

/*
 * POST /account/delete : deletes the caller's account and signs them out.
 *   password   the account's password
 *   confirm    "1": the person ticked that they understand
 * Refused (409) while the caller is the only owner of an organisation.
 */
void page_account_delete(struct request *req)
{
    json_t *page = FORM_PAGE(req, _("Delete your account"), delete_fields);
    const char *password = request_form(req, "password");
    struct db *db = db_get();
    if (!db) {
        json_decref(page);
        page_error(req, 500);
        return;
    }
    if (!*form_text(req, "confirm"))
        form_error(page, "confirm", _("Please tick the box to confirm that you want your account deleted."));
    if (!password_confirmed(req, db, page, password ? password : "") || form_has_errors(page)) {
        render_form(req, page, 0);
        return;
    }
    int64_t user_id = req->caller.user_id;
    if (db_begin(db)) {
        json_decref(page);
        page_error(req, 500);
        return;
    }
    json_t *sole = org_sole_ownerships(req, db, user_id);
    if (sole && json_array_size(sole) > 0) {
        json_decref(sole);
        db_rollback(db);
        form_error(page, NULL,
                   _("You are the only owner of an organisation. Please make another member an owner first, or "
                     "the organisation would have nobody to look after it."));
        render_form(req, page, 409);
        return;
    }
    bool ok = sole && account_erase(db, user_id) == 0 && audit_record(db, req, "account_delete", user_id, NULL) == 0 &&
              db_commit(db) == 0;
    json_decref(sole);
    json_decref(page);
    if (!ok) {
        db_rollback(db);
        log_event(LOG_ERROR, req->id, "account not deleted", NULL);
        page_error(req, 500);
        return;
    }
    session_end(req);
    page_render(req, 200, "account_delete",
                json_pack("{s:s, s:b}", "title", _("Your account has been deleted"), "deleted", true));
}
