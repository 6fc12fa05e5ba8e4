/* Forgotten passwords: a single-use link by email (valid one hour), and the
 * page behind it, which also serves the first password of an account made
 * on the command line. The request page answers the same whether or not
 * the address is registered. */
#include <string.h>
#include <time.h>

#include "accounts/account_common.h"
#include "accounts/account_pages.h"
#include "accounts/audit.h"
#include "accounts/password.h"
#include "accounts/ratelimit.h"
#include "accounts/session.h"
#include "accounts/tokens.h"
#include "accounts/users.h"
#include "view/form.h"
#include "view/page.h"

static const char *const reset_fields[] = {"email"};
static const char *const new_password_fields[] = {"token"};

void page_reset_form(struct request *req) { form_render(req, "password_reset", FORM_PAGE(req, _("Reset your password"), reset_fields)); }

/* Sends the link when the address belongs to an active account and neither
 * the address nor the client has asked too often. Never says which. */
static int send_reset(struct request *req, struct db *db, const char *email)
{
    char key[320];
    snprintf(key, sizeof key, "reset-ip:%s", request_client_ip(req));
    bool blocked = ratelimit_hit(db, key, 10, 3600, 600) > 0;
    snprintf(key, sizeof key, "reset-email:%s", email);
    blocked |= ratelimit_hit(db, key, 3, 3600, 3600) > 0;
    int64_t id = user_id_by_email(db, email);
    if (blocked || !id)
        return 0;
    if (db_one_int(db, "SELECT 1 FROM users WHERE id = ? AND disabled_at IS NULL AND deleted_at IS NULL", NULL, "i",
                   id) != 1)
        return 0;
    if (audit_record_as(db, req, 0, "password_reset_requested", id, NULL))
        return -1;
    return account_send_link(db, id, "reset", "reset", TOKEN_RESET_TTL_S, "/password/new");
}

void page_reset(struct request *req)
{
    json_t *page = FORM_PAGE(req, _("Reset your password"), reset_fields);
    char email[255];
    if (!user_email_normalise(form_text(req, "email"), email))
        form_error(page, "email", _("Please give a valid email address, like name@example.org."));
    if (form_has_errors(page)) {
        form_render(req, "password_reset", page);
        return;
    }
    json_decref(page);
    struct db *db = db_get();
    if (!db || db_begin(db) || send_reset(req, db, email) || db_commit(db)) {
        if (db)
            db_rollback(db);
        page_error(req, 500);
        return;
    }
    account_message(req, 200, _("Check your email"),
                    _("If an account uses this address, we have sent it a link to choose a new password. The link "
                      "works for one hour and only once."),
                    NULL, NULL);
}

/* The user a live reset or first-password token belongs to, or 0. */
static int64_t token_owner(struct db *db, const char *token, bool consume, const char **purpose)
{
    static const char *const purposes[] = {"reset", "set_password"};
    for (size_t i = 0; i < 2; i++) {
        int64_t id = consume ? token_consume(db, token, purposes[i]) : token_peek(db, token, purposes[i]);
        if (id) {
            *purpose = purposes[i];
            return id;
        }
    }
    return 0;
}

static void link_broken(struct request *req)
{
    account_message(req, 400, _("This link does not work"),
                    _("It may have been used already or be more than an hour old. You can ask for a new one."),
                    "/password/reset", _("Ask for a new link"));
}

static json_t *new_password_page(struct request *req)
{
    json_t *page = FORM_PAGE(req, _("Choose a new password"), new_password_fields);
    json_t *form = json_object_get(page, "form");
    if (!*json_string_value(json_object_get(form, "token")) && request_query(req, "token"))
        json_object_set_new(form, "token", json_string(request_query(req, "token")));
    return page;
}

void page_reset_confirm_form(struct request *req)
{
    struct db *db = db_get();
    const char *purpose, *token = request_form(req, "token");
    if (!token)
        token = request_query(req, "token");
    if (!db || !token_owner(db, token, false, &purpose)) {
        link_broken(req);
        return;
    }
    form_render(req, "password_new", new_password_page(req));
}

/* Stores the new password: the address is proven, failures forgotten, every
 * other session ended. Inside the caller's transaction. */
static int store_password(struct request *req, struct db *db, int64_t id, const char *hash, const char *action)
{
    if (db_run(db,
               "UPDATE users SET password_hash = ?, failed_signins = 0, locked_until = 0, "
               "verified_at = COALESCE(verified_at, ?) WHERE id = ?",
               "tii", hash, (int64_t)time(NULL), id) ||
        session_end_all(db, id, 0))
        return -1;
    return audit_record_as(db, req, id, action, id, NULL);
}

void page_reset_confirm(struct request *req)
{
    struct db *db = db_get();
    const char *purpose, *token = request_form(req, "token");
    int64_t id = db ? token_owner(db, token, false, &purpose) : 0;
    if (!id) {
        link_broken(req);
        return;
    }
    json_t *page = new_password_page(req);
    struct db_stmt *st = db_prepare(db, "SELECT email, name FROM users WHERE id = ?");
    db_bind_int(st, 1, id);
    const char *weak = NULL;
    if (db_step(st) == DB_ROW)
        weak = password_weakness(request_form(req, "password") ? request_form(req, "password") : "",
                                 db_col_text(st, 0), db_col_text(st, 1));
    db_reset(st);
    if (weak) {
        form_error(page, "password", weak);
        form_render(req, "password_new", page);
        return;
    }
    json_decref(page);
    char hash[PASSWORD_HASH_LEN];
    if (password_hash(request_form(req, "password"), hash) || db_begin(db)) {
        page_error(req, 500);
        return;
    }
    /* Used up inside the transaction: a second submission finds it spent. */
    if (token_owner(db, token, true, &purpose) != id ||
        store_password(req, db, id, hash, strcmp(purpose, "reset") == 0 ? "password_reset" : "password_set") ||
        db_commit(db)) {
        db_rollback(db);
        link_broken(req);
        return;
    }
    if (session_start(req, id)) {
        page_error(req, 500);
        return;
    }
    request_redirect(req, "/account?done=password");
}
