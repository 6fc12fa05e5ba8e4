/* Signing in and out, with failed attempts slowed down per account and per
 * client address (exponentially), and never a hint whether an address has
 * an account. */
#include <string.h>
#include <time.h>

#include "accounts/account_common.h"
#include "accounts/account_pages.h"
#include "accounts/audit.h"
#include "accounts/password.h"
#include "accounts/ratelimit.h"
#include "accounts/session.h"
#include "accounts/users.h"
#include "http/form.h"
#include "view/form.h"
#include "view/page.h"

#define FREE_FAILURES 5     /* per account before it is slowed down */
#define LOCK_BASE_S 30      /* then 30 s, 60 s, 120 s ... */
#define IP_ALLOWED 20       /* failures per address per window */
#define IP_WINDOW_S 900

static const char *const signin_fields[] = {"email", "next"};

static json_t *signin_page(struct request *req)
{
    json_t *page = FORM_PAGE(req, _("Sign in"), signin_fields);
    json_t *form = json_object_get(page, "form");
    if (!*json_string_value(json_object_get(form, "next")) && request_query(req, "next"))
        json_object_set_new(form, "next", json_string(account_safe_next(request_query(req, "next"), "")));
    /* "Create an account" keeps where the person was going. */
    const char *next = account_safe_next(json_string_value(json_object_get(form, "next")), "");
    json_object_set_new(page, "signup_url",
                        json_string(*next ? arena_printf(req->arena, "/signup?next=%s", url_encode(req->arena, next))
                                          : "/signup"));
    return page;
}

void page_signin_form(struct request *req) { form_render(req, "signin", signin_page(req)); }

struct account {
    int64_t id, locked_until, failed;
    bool active, verified;
    char hash[PASSWORD_HASH_LEN];
};

static bool load_account(struct db *db, const char *email, struct account *a)
{
    memset(a, 0, sizeof *a);
    struct db_stmt *st = db_prepare(db, "SELECT id, password_hash, locked_until, failed_signins, "
                                        "disabled_at IS NULL AND deleted_at IS NULL, verified_at IS NOT NULL "
                                        "FROM users WHERE email = ?");
    if (!st)
        return false;
    db_bind_text(st, 1, email);
    bool found = db_step(st) == DB_ROW;
    if (found) {
        a->id = db_col_int(st, 0);
        snprintf(a->hash, sizeof a->hash, "%s", db_col_text(st, 1) ? db_col_text(st, 1) : "");
        a->locked_until = db_col_int(st, 2);
        a->failed = db_col_int(st, 3);
        a->active = db_col_int(st, 4);
        a->verified = db_col_int(st, 5);
    }
    db_reset(st);
    return found;
}

/* Counts a failure against the client's address and the account: the next
 * attempt past the allowance waits (see ratelimit_hit and locked_until). */
static void record_failure(struct request *req, struct db *db, const struct account *a)
{
    char key[128];
    snprintf(key, sizeof key, "signin-ip:%s", request_client_ip(req));
    ratelimit_hit(db, key, IP_ALLOWED, IP_WINDOW_S, LOCK_BASE_S);
    if (a->id) {
        int64_t failed = a->failed + 1, lock = 0;
        if (failed >= FREE_FAILURES) {
            lock = LOCK_BASE_S;
            for (int64_t i = FREE_FAILURES; i < failed && lock < 24 * 3600; i++)
                lock *= 2;
        }
        db_run(db, "UPDATE users SET failed_signins = ?, locked_until = ? WHERE id = ?", "iii", failed,
               lock ? (int64_t)time(NULL) + lock : (int64_t)0, a->id);
    }
    audit_record_as(db, req, 0, "signin_failed", a->id, NULL);
}

static void signin_succeeded(struct request *req, struct db *db, const struct account *a)
{
    db_run(db, "UPDATE users SET failed_signins = 0, locked_until = 0 WHERE id = ?", "i", a->id);
    audit_record_as(db, req, a->id, "signin", a->id, NULL);
}

/* Shows the form again with message, both fields marked invalid; status 422. */
static void refuse(struct request *req, json_t *page, const char *message)
{
    form_error(page, NULL, message);
    json_object_set_new(page, "refused", json_true());
    page_render(req, 422, "signin", page);
}

/* Too many failures: 429, and when to come back, in words and in Retry-After. */
static void refuse_for_now(struct request *req, json_t *page, int64_t wait)
{
    request_add_header(req, "Retry-After", arena_printf(req->arena, "%lld", (long long)wait));
    form_error(page, NULL,
               arena_printf(req->arena, "%s %s", _("Too many failed attempts."), account_wait_message(req, wait)));
    page_render(req, 429, "signin", page);
}

void page_signin(struct request *req)
{
    json_t *page = signin_page(req);
    char email[255] = "";
    const char *password = request_form(req, "password");
    struct db *db = db_get();
    if (!db) {
        json_decref(page);
        page_error(req, 500);
        return;
    }
    char key[128];
    snprintf(key, sizeof key, "signin-ip:%s", request_client_ip(req));
    int64_t wait = ratelimit_wait(db, key);
    struct account a;
    bool found = user_email_normalise(form_text(req, "email"), email) && load_account(db, email, &a);
    if (!found)
        memset(&a, 0, sizeof a);
    int64_t now = (int64_t)time(NULL);
    if (a.locked_until > now && a.locked_until - now > wait)
        wait = a.locked_until - now;
    if (wait) {
        refuse_for_now(req, page, wait);
        return;
    }
    /* Always verify, even for an unknown address: the same time either way. */
    bool ok = password_verify(password ? password : "", found ? a.hash : NULL) && a.active;
    if (db_begin(db)) {
        json_decref(page);
        page_error(req, 500);
        return;
    }
    if (!ok) {
        record_failure(req, db, &a);
        db_commit_unseen(db); /* counters and the audit log: no cached page shows them */
        refuse(req, page, _("The email address or the password is not right."));
        return;
    }
    if (!a.verified) {
        account_send_link(db, a.id, "verify", "verify", 7 * 24 * 3600, "/verify");
        db_commit_unseen(db);
        refuse(req, page, _("Please confirm your email address first: we have sent you a new link."));
        return;
    }
    signin_succeeded(req, db, &a);
    if (db_commit_unseen(db) || session_start(req, a.id)) {
        json_decref(page);
        page_error(req, 500);
        return;
    }
    const char *next = account_safe_next(request_form(req, "next"), "/account");
    json_decref(page);
    request_redirect(req, next);
}

void page_signout(struct request *req)
{
    session_end(req);
    request_redirect(req, "/");
}
