/* The account's own page: its details, where it is signed in, changing the
 * password and signing out everywhere else. */
#include <string.h>
#include <time.h>

#include "accounts/account_common.h"
#include "accounts/account_pages.h"
#include "accounts/audit.h"
#include "accounts/password.h"
#include "accounts/session.h"
#include "admin/admin_view.h"
#include "i18n/timefmt.h"
#include "view/form.h"
#include "view/page.h"

static const char *const account_fields[] = {"done"};

static const char *when(struct request *req, int64_t at)
{
    char out[128];
    timefmt_format(out, sizeof out, at, req->caller.tz ? req->caller.tz : "UTC", req->lang, TIMEFMT_DATETIME);
    return arena_strdup(req->arena, out);
}

static json_t *sessions_list(struct request *req, struct db *db)
{
    json_t *list = json_array();
    struct db_stmt *st = db_prepare(db, "SELECT id, created_at, last_seen_at, user_agent FROM user_sessions "
                                        "WHERE user_id = ? ORDER BY last_seen_at DESC");
    if (!st)
        return list;
    db_bind_int(st, 1, req->caller.user_id);
    while (db_step(st) == DB_ROW)
        json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:b}", "created", when(req, db_col_int(st, 1)),
                                              "last_seen", when(req, db_col_int(st, 2)), "device",
                                              db_col_text(st, 3), "current",
                                              db_col_int(st, 0) == req->caller.session_id));
    db_reset(st);
    return list;
}

static json_t *account_view(struct request *req)
{
    json_t *page = FORM_PAGE(req, _("Your account"), account_fields);
    struct db *db = db_get();
    struct db_stmt *st = db ? db_prepare(db, "SELECT email, name, role, lang, tz FROM users WHERE id = ?") : NULL;
    if (st) {
        db_bind_int(st, 1, req->caller.user_id);
        if (db_step(st) == DB_ROW)
            json_object_set_new(page, "account",
                                json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)req->caller.user_id,
                                          "email", db_col_text(st, 0), "name",
                                          db_col_text(st, 1), "role", admin_role_label(db_col_text(st, 2)), "lang",
                                          db_col_text(st, 3), "tz", db_col_text(st, 4)));
        db_reset(st);
        json_object_set_new(page, "sessions", sessions_list(req, db));
    }
    const char *done = request_query(req, "done");
    if (done && strcmp(done, "password") == 0)
        json_object_set_new(page, "notice", json_string(_("Your password is changed. Other browsers were signed out.")));
    else if (done && strcmp(done, "signout") == 0)
        json_object_set_new(page, "notice", json_string(_("Every other browser is signed out.")));
    return page;
}

void page_account(struct request *req) { form_render(req, "account", account_view(req)); }

void page_password_change(struct request *req)
{
    json_t *page = account_view(req);
    struct db *db = db_get();
    struct db_stmt *st = db ? db_prepare(db, "SELECT password_hash FROM users WHERE id = ?") : NULL;
    char hash[PASSWORD_HASH_LEN] = "";
    if (st) {
        db_bind_int(st, 1, req->caller.user_id);
        if (db_step(st) == DB_ROW && db_col_text(st, 0))
            snprintf(hash, sizeof hash, "%s", db_col_text(st, 0));
        db_reset(st);
    }
    const char *current = request_form(req, "current_password"), *fresh = request_form(req, "new_password");
    if (!password_verify(current ? current : "", hash))
        form_error(page, "current_password", _("This is not your current password."));
    const char *weak = password_weakness(fresh ? fresh : "", req->caller.email, req->caller.name);
    if (weak)
        form_error(page, "new_password", weak);
    if (form_has_errors(page)) {
        form_render(req, "account", page);
        return;
    }
    json_decref(page);
    if (password_hash(fresh, hash) || db_begin(db)) {
        page_error(req, 500);
        return;
    }
    if (db_run(db, "UPDATE users SET password_hash = ? WHERE id = ?", "ti", hash, req->caller.user_id) ||
        session_end_all(db, req->caller.user_id, req->caller.session_id) ||
        audit_record(db, req, "password_change", req->caller.user_id, NULL) || db_commit(db)) {
        db_rollback(db);
        page_error(req, 500);
        return;
    }
    request_redirect(req, "/account?done=password");
}

void page_signout_everywhere(struct request *req)
{
    struct db *db = db_get();
    if (!db || db_begin(db) || session_end_all(db, req->caller.user_id, req->caller.session_id) ||
        audit_record(db, req, "signout_everywhere", req->caller.user_id, NULL) || db_commit(db)) {
        if (db)
            db_rollback(db);
        page_error(req, 500);
        return;
    }
    request_redirect(req, "/account?done=signout");
}
