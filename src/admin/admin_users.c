/* The admin pages of accounts: list, account page and its four forms. Each
 * handler: permission (PERM_ADMIN, from the route table) → parameters →
 * SQL → view object → template or JSON. */
#include "admin/admin_users.h"

#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "accounts/account_common.h"
#include "accounts/audit.h"
#include "accounts/session.h"
#include "accounts/tokens.h"
#include "accounts/users.h"
#include "admin/admin_audit.h"
#include "admin/admin_view.h"
#include "core/log.h"
#include "view/form.h"
#include "view/page.h"

#define ADMIN_RECENT_ENTRIES 20
#define ADMIN_QUERY_MAX 200 /* characters of a search */

/* An account's status, from its dates: one word, for filters and labels. */
#define STATUS_SQL                                                                                                     \
    "CASE WHEN deleted_at IS NOT NULL THEN 'deleted' WHEN disabled_at IS NOT NULL THEN 'disabled' "                    \
    "WHEN verified_at IS NULL THEN 'unverified' ELSE 'active' END"

static const char list_sql[] =
    "SELECT id, name, email, role, " STATUS_SQL ", created_at, deleted_at IS NOT NULL FROM users "
    "WHERE (? IS NULL OR lower(name) LIKE lower(?) ESCAPE '\\' OR email LIKE lower(?) ESCAPE '\\') "
    "AND (? IS NULL OR role = ?) AND (? IS NULL OR " STATUS_SQL " = ?) AND id > ? ORDER BY id LIMIT ?";
static const char account_sql[] = "SELECT id, name, email, role, " STATUS_SQL ", created_at, verified_at, "
                                  "disabled_at, deleted_at IS NOT NULL FROM users WHERE id = ?";
static const char set_role_sql[] = "UPDATE users SET role = ? WHERE id = ?";
static const char disable_sql[] = "UPDATE users SET disabled_at = ? WHERE id = ?";
static const char enable_sql[] = "UPDATE users SET disabled_at = NULL WHERE id = ?";

static const char *const statuses[] = {"active", "unverified", "disabled", "deleted"};

/* ---- The list ---- */

/* Characters (not bytes) in UTF-8 text, which the server has validated. */
static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static bool status_valid(const char *s)
{
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
        if (strcmp(s, statuses[i]) == 0)
            return true;
    return false;
}

static const char *query_or_empty(struct request *req, const char *name)
{
    const char *v = request_query(req, name);
    return v ? v : "";
}

/* Query parameter `name` without the spaces around it (arena), "" when absent. */
static const char *query_trimmed(struct request *req, const char *name)
{
    const char *v = query_or_empty(req, name);
    while (*v == ' ' || *v == '\t')
        v++;
    size_t n = strlen(v);
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
        n--;
    return arena_strndup(req->arena, v, n);
}

/* "%" q "%" for LIKE, with the wildcards and the escape character in q
 * made literal. Arena string. */
static const char *like_pattern(struct request *req, const char *q)
{
    struct buf b = BUF_INIT;
    buf_putc(&b, '%');
    for (const char *p = q; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            buf_putc(&b, '\\');
        buf_putc(&b, *p);
    }
    buf_putc(&b, '%');
    const char *s = arena_strdup(req->arena, buf_str(&b));
    buf_free(&b);
    return s;
}

static json_t *list_row(struct request *req, struct db_stmt *st)
{
    int64_t id = db_col_int(st, 0);
    json_t *person = admin_person(id, db_col_text(st, 1), db_col_int(st, 6));
    json_t *row = json_pack(
        "{s:I, s:O, s:O, s:s, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)id, "url", json_object_get(person, "url"),
        "name", json_object_get(person, "label"), "email", db_col_text(st, 2), "role", db_col_text(st, 3), "role_label",
        admin_role_label(db_col_text(st, 3)), "status", db_col_text(st, 4), "status_label",
        admin_status_label(db_col_text(st, 4)), "created", admin_time(req, db_col_int(st, 5), false));
    json_decref(person);
    return row;
}

/* Up to ADMIN_USERS_PAGE + 1 accounts matching the filters after id
 * `after`; NULL on a database error. */
static json_t *list_find(struct request *req, struct db *db, const char *q, const char *role, const char *status,
                         int64_t after)
{
    struct db_stmt *st = db_prepare(db, list_sql);
    if (!st)
        return NULL;
    const char *pattern = *q ? like_pattern(req, q) : NULL;
    db_bind_text(st, 1, pattern);
    db_bind_text(st, 2, pattern);
    db_bind_text(st, 3, pattern);
    db_bind_text(st, 4, *role ? role : NULL);
    db_bind_text(st, 5, *role ? role : NULL);
    db_bind_text(st, 6, *status ? status : NULL);
    db_bind_text(st, 7, *status ? status : NULL);
    db_bind_int(st, 8, after);
    db_bind_int(st, 9, ADMIN_USERS_PAGE + 1);
    json_t *list = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(list, list_row(req, st));
    db_reset(st);
    if (rc == DB_ERROR) {
        json_decref(list);
        return NULL;
    }
    return list;
}

/* /admin/users with the filters and `after` (0: none). Arena string. */
static const char *list_url(struct request *req, const char *q, const char *role, const char *status, int64_t after)
{
    struct buf b = BUF_INIT;
    buf_puts(&b, "/admin/users");
    admin_query_add(&b, "q", q);
    admin_query_add(&b, "role", role);
    admin_query_add(&b, "status", status);
    if (after) {
        char num[24];
        snprintf(num, sizeof num, "%" PRId64, after);
        admin_query_add(&b, "after", num);
    }
    const char *url = arena_strdup(req->arena, buf_str(&b));
    buf_free(&b);
    return url;
}

void page_admin_users(struct request *req)
{
    const char *q = query_trimmed(req, "q");
    const char *role = query_or_empty(req, "role"), *status = query_or_empty(req, "status");
    const char *after_text = request_query(req, "after");
    int64_t after = after_text ? admin_parse_id(after_text) : 0;
    if (after_text && !after) {
        page_error(req, 400);
        return;
    }
    json_t *page = json_pack("{s:s, s:{s:s, s:s, s:s}, s:o, s:o, s:{}}", "title", _("Users"), "filter", "q", q, "role",
                             role, "status", status, "roles", admin_role_options(role), "statuses",
                             admin_status_options(status), "errors");
    if (utf8_chars(q) > ADMIN_QUERY_MAX)
        form_error(page, "q", _("A search can be at most 200 characters long."));
    if (*role && !user_role_valid(role))
        form_error(page, "role", _("Choose a role from the list."));
    if (*status && !status_valid(status))
        form_error(page, "status", _("Choose a status from the list."));
    if (form_has_errors(page)) {
        page_render(req, 422, "admin_users", page);
        return;
    }
    struct db *db = db_get();
    json_t *users = db ? list_find(req, db, q, role, status, after) : NULL;
    if (!users) {
        json_decref(page);
        page_error(req, 500);
        return;
    }
    if (json_array_size(users) > ADMIN_USERS_PAGE) {
        json_array_remove(users, ADMIN_USERS_PAGE);
        json_t *last = json_array_get(users, ADMIN_USERS_PAGE - 1);
        json_object_set_new(
            page, "next_url",
            json_string(list_url(req, q, role, status, json_integer_value(json_object_get(last, "id")))));
    }
    if (after)
        json_object_set_new(page, "first_url", json_string(list_url(req, q, role, status, 0)));
    json_object_set_new(page, "paged", json_boolean(after || json_object_get(page, "next_url")));
    json_object_set_new(page, "any", json_boolean(json_array_size(users) > 0));
    json_object_set_new(page, "users", users);
    page_render(req, 200, "admin_users", page);
}

/* ---- One account ---- */

struct account {
    int64_t id;
    const char *name, *email, *role, *status;     /* arena copies */
    int64_t created_at, verified_at, disabled_at; /* 0: not so */
    bool deleted;
};

/* Reads account id into *acc. Returns 1, 0 when there is none, -1 on a
 * database error. */
static int account_load(struct db *db, struct arena *a, int64_t id, struct account *acc)
{
    struct db_stmt *st = db_prepare(db, account_sql);
    if (!st)
        return -1;
    db_bind_int(st, 1, id);
    enum db_step rc = db_step(st);
    if (rc == DB_ROW)
        *acc = (struct account){.id = db_col_int(st, 0),
                                .name = arena_strdup(a, db_col_text(st, 1)),
                                .email = arena_strdup(a, db_col_text(st, 2)),
                                .role = arena_strdup(a, db_col_text(st, 3)),
                                .status = arena_strdup(a, db_col_text(st, 4)),
                                .created_at = db_col_int(st, 5),
                                .verified_at = db_col_is_null(st, 6) ? 0 : db_col_int(st, 6),
                                .disabled_at = db_col_is_null(st, 7) ? 0 : db_col_int(st, 7),
                                .deleted = db_col_int(st, 8) != 0};
    db_reset(st);
    return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

static json_t *time_or_null(struct request *req, int64_t utc)
{
    return utc ? admin_time(req, utc, true) : json_null();
}

static json_t *account_view(struct request *req, const struct account *acc)
{
    bool self = acc->id == req->caller.user_id, live = !acc->deleted;
    char about[64], by[64];
    snprintf(about, sizeof about, "/admin/audit?subject=%" PRId64, acc->id);
    snprintf(by, sizeof by, "/admin/audit?actor=%" PRId64, acc->id);
    json_t *person = admin_person(acc->id, acc->name, acc->deleted);
    json_t *v =
        json_pack("{s:I, s:O, s:O, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o}", "id", (json_int_t)acc->id, "url",
                  json_object_get(person, "url"), "name", json_object_get(person, "label"), "email", acc->email, "role",
                  acc->role, "role_label", admin_role_label(acc->role), "status", acc->status, "status_label",
                  admin_status_label(acc->status), "created", admin_time(req, acc->created_at, true), "verified",
                  time_or_null(req, acc->verified_at), "disabled", time_or_null(req, acc->disabled_at));
    json_decref(person);
    json_object_set_new(v, "deleted", json_boolean(acc->deleted));
    json_object_set_new(v, "self", json_boolean(self));
    json_object_set_new(v, "can_change_role", json_boolean(live && !self));
    json_object_set_new(v, "can_disable", json_boolean(live && !self && !acc->disabled_at));
    json_object_set_new(v, "can_enable", json_boolean(live && acc->disabled_at));
    json_object_set_new(v, "can_resend", json_boolean(live && !acc->disabled_at && !acc->verified_at));
    json_object_set_new(v, "audit_about_url", json_string(about));
    json_object_set_new(v, "audit_by_url", json_string(by));
    return v;
}

/* The confirmation shown after a change redirected here, or NULL. */
static const char *done_message(const char *done)
{
    if (!done)
        return NULL;
    if (strcmp(done, "role") == 0)
        return _("The role was changed.");
    if (strcmp(done, "disable") == 0)
        return _("The account was disabled and its sessions ended.");
    if (strcmp(done, "enable") == 0)
        return _("The account was enabled.");
    if (strcmp(done, "verify") == 0)
        return _("A new verification email is on its way.");
    if (strcmp(done, "unchanged") == 0)
        return _("Nothing changed: the account was already so.");
    return NULL;
}

/* Renders account id's page: 200, or with `problem` (field may be NULL) as
 * a refused form (422), or refused for its CSRF token (req->status 403). */
static void account_page(struct request *req, int64_t id, const char *field, const char *problem)
{
    struct db *db = db_get();
    struct account acc;
    int found = db ? account_load(db, req->arena, id, &acc) : -1;
    json_t *audit = found > 0 ? admin_audit_recent(req, db, id, ADMIN_RECENT_ENTRIES) : NULL;
    if (found <= 0 || !audit) {
        page_error(req, found == 0 ? 404 : 500);
        return;
    }
    static const char *const fields[] = {"role", "reason"};
    json_t *user = account_view(req, &acc);
    json_t *page = FORM_PAGE(req, json_string_value(json_object_get(user, "name")), fields);
    if (problem)
        form_error(page, field, problem);
    const char *role = request_form(req, "role");
    json_object_set_new(page, "roles", admin_role_options(user_role_valid(role) ? role : acc.role));
    json_object_set_new(page, "user", user);
    json_object_set_new(page, "audit_any", json_boolean(json_array_size(audit) > 0));
    json_object_set_new(page, "audit", audit);
    const char *done = req->method == HTTP_GET ? done_message(request_query(req, "done")) : NULL;
    if (done)
        json_object_set_new(page, "notice", json_string(done));
    form_render(req, "admin_user", page);
}

void page_admin_user(struct request *req)
{
    int64_t id = admin_parse_id(request_param(req, "id"));
    if (!id) {
        page_error(req, 404);
        return;
    }
    account_page(req, id, NULL, NULL);
}

/* The account page again, with what was typed: account_page sees
 * req->status 403 through form_render. */
void page_admin_user_refused(struct request *req)
{
    page_admin_user(req);
}

/* ---- Changes ---- */

enum change { CHANGE_ROLE, CHANGE_DISABLE, CHANGE_ENABLE, CHANGE_VERIFY };

static const char *const change_done[] = {"role", "disable", "enable", "verify"};

/* What is wrong with the posted fields, before looking at the account;
 * NULL when nothing. Sets *field to the field at fault (NULL: the form). */
static const char *change_precheck(struct request *req, enum change what, int64_t id, const char **field)
{
    bool self = id == req->caller.user_id;
    const char *role = form_text(req, "role");
    *field = NULL;
    if (what == CHANGE_ROLE && !user_role_valid(role)) {
        *field = self ? NULL : "role"; /* one's own page has no role field */
        return _("Choose one of the four roles.");
    }
    if (what == CHANGE_ROLE && self && strcmp(role, "admin") != 0)
        return _("You cannot remove your own admin role: another admin can do it.");
    if (what == CHANGE_DISABLE && self)
        return _("You cannot disable your own account.");
    if ((what == CHANGE_DISABLE || what == CHANGE_ENABLE) && utf8_chars(form_text(req, "reason")) > ADMIN_REASON_MAX) {
        *field = "reason";
        return _("A reason can be at most 500 characters long.");
    }
    *field = NULL;
    return NULL;
}

/* Why the account as it is now cannot take the change (NULL: it can); sets
 * *noop when it is already so. */
static const char *change_refusal(const struct account *acc, enum change what, const char *role, bool *noop)
{
    *noop = false;
    if (acc->deleted)
        return _("This account was deleted and cannot be changed.");
    switch (what) {
    case CHANGE_ROLE: *noop = strcmp(acc->role, role) == 0; break;
    case CHANGE_DISABLE: *noop = acc->disabled_at != 0; break;
    case CHANGE_ENABLE: *noop = acc->disabled_at == 0; break;
    case CHANGE_VERIFY:
        if (acc->verified_at)
            return _("This account's email address is already verified.");
        if (acc->disabled_at)
            return _("This account is disabled: enable it before sending it an email.");
        break;
    }
    return NULL;
}

/* Writes the change to acc and its audit entry, inside the transaction. */
static int change_apply(struct request *req, struct db *db, const struct account *acc, enum change what,
                        const char *role)
{
    const char *reason = form_text(req, "reason");
    switch (what) {
    case CHANGE_ROLE:
        if (db_run(db, set_role_sql, "ti", role, acc->id))
            return -1;
        return audit_record(db, req, "role_change", acc->id, arena_printf(req->arena, "%s → %s", acc->role, role));
    case CHANGE_DISABLE:
        if (db_run(db, disable_sql, "ii", (int64_t)time(NULL), acc->id) || session_end_all(db, acc->id, 0) < 0)
            return -1;
        return audit_record(db, req, "account_disable", acc->id, reason);
    case CHANGE_ENABLE:
        if (db_run(db, enable_sql, "i", acc->id))
            return -1;
        return audit_record(db, req, "account_enable", acc->id, reason);
    case CHANGE_VERIFY:
        if (account_send_link(db, acc->id, "verify", "verify", TOKEN_VERIFY_TTL_S, "/verify"))
            return -1;
        return audit_record(db, req, "verification_resent", acc->id, NULL);
    }
    return -1;
}

/* The shape of the four posts: check the fields, then in one transaction
 * read the account, write the change and its audit entry; redirect back to
 * the account page, or show it again with the reason for refusing. */
static void account_change(struct request *req, enum change what)
{
    int64_t id = admin_parse_id(request_param(req, "id"));
    if (!id) {
        page_error(req, 404);
        return;
    }
    const char *field, *problem = change_precheck(req, what, id, &field);
    if (problem) {
        account_page(req, id, field, problem);
        return;
    }
    const char *role = form_text(req, "role");
    struct db *db = db_get();
    if (!db || db_begin(db)) {
        page_error(req, 500);
        return;
    }
    struct account acc;
    bool noop = false;
    int found = account_load(db, req->arena, id, &acc), rc = found < 0 ? -1 : 0;
    if (found > 0)
        problem = change_refusal(&acc, what, role, &noop);
    if (found > 0 && !problem && !noop)
        rc = change_apply(req, db, &acc, what, role);
    if (found <= 0 || problem || noop || rc)
        db_rollback(db);
    else if (db_commit(db)) {
        db_rollback(db);
        rc = -1;
    }
    if (rc) {
        log_event(LOG_ERROR, req->id, "admin change failed", "change", change_done[what], NULL);
        page_error(req, 500);
    } else if (!found) {
        page_error(req, 404);
    } else if (problem) {
        account_page(req, id, NULL, problem);
    } else {
        request_redirect(req, arena_printf(req->arena, "/admin/users/%" PRId64 "?done=%s", id,
                                           noop ? "unchanged" : change_done[what]));
    }
}

void page_admin_user_role(struct request *req)
{
    account_change(req, CHANGE_ROLE);
}
void page_admin_user_disable(struct request *req)
{
    account_change(req, CHANGE_DISABLE);
}
void page_admin_user_enable(struct request *req)
{
    account_change(req, CHANGE_ENABLE);
}
void page_admin_user_verify(struct request *req)
{
    account_change(req, CHANGE_VERIFY);
}
