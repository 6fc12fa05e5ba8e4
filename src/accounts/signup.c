/* Signing up and confirming the email address.
 *
 * The answer to a sign-up is the same whether or not the address already
 * has an account (nothing tells a stranger who is registered); the owner of
 * an existing unverified account simply gets a new link.
 *
 * Sign-up keeps where the person was going (next) with the link's token, and
 * sets a random cookie (signup_cookie()) whose hash goes with the token too.
 * Opening the link in the browser that signed up, while it is valid, signs
 * the person in and takes them to next; opened anywhere else (another
 * device, a mail scanner, someone who was sent the link) it only confirms
 * the address, so a link alone never opens a session. */
#include <sodium.h>
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
#include "http/form.h"
#include "http/viewer_tz.h"
#include "i18n/tz.h"
#include "view/form.h"
#include "view/page.h"

/* The sign-up browser's cookie, "__Host-" prefixed behind HTTPS like the
 * session's. */
static const char *signup_cookie(void) { return request_secure_cookies() ? "__Host-signup" : "signup"; }

static const char *const signup_fields[] = {"name", "email", "lang", "tz", "next"};

/* The language and zone pickers, with the current choice selected. */
static void add_pickers(struct request *req, json_t *page)
{
    json_t *form = json_object_get(page, "form");
    const char *lang = json_string_value(json_object_get(form, "lang"));
    const char *tz = json_string_value(json_object_get(form, "tz"));
    if (!lang || !*lang)
        lang = i18n_code(req->lang);
    if (!tz || !*tz) {
        /* No choice yet: the visitor's zone, else app.js picks the browser's (data-tz-detect). */
        tz = request_viewer_tz(req);
        json_object_set_new(page, "detect", json_boolean(!tz));
        if (!tz)
            tz = "UTC";
    }
    json_t *langs = json_array();
    for (int l = 0; l < LANG_COUNT; l++)
        json_array_append_new(langs, json_pack("{s:s, s:s, s:b}", "code", i18n_code((enum lang)l), "name",
                                               i18n_native_name((enum lang)l),
                                               "selected", strcmp(lang, i18n_code((enum lang)l)) == 0));
    json_object_set_new(page, "languages", langs);
    json_object_set_new(page, "zones", form_zone_options(tz));
}

static json_t *signup_page(struct request *req)
{
    json_t *page = FORM_PAGE(req, _("Create your account"), signup_fields);
    json_t *form = json_object_get(page, "form");
    const char *next = request_form(req, "next") ? request_form(req, "next") : request_query(req, "next");
    json_object_set_new(form, "next", json_string(account_safe_next(next, "")));
    add_pickers(req, page);
    return page;
}

void page_signup_form(struct request *req) { form_render(req, "signup", signup_page(req)); }

/* Checks the form; marks what is wrong on page. */
static void validate(struct request *req, json_t *page, char email[255])
{
    const char *name = form_text(req, "name"), *password = request_form(req, "password");
    enum lang lang;
    if (!*name || strlen(name) > 100)
        form_error(page, "name", _("Please give a name of 1 to 100 characters."));
    if (!user_email_normalise(form_text(req, "email"), email))
        form_error(page, "email", _("Please give a valid email address, like name@example.org."));
    const char *weak = password_weakness(password ? password : "", email, name);
    if (weak)
        form_error(page, "password", weak);
    if (!i18n_parse(form_text(req, "lang"), &lang))
        form_error(page, "lang", _("Please choose a language."));
    if (!tz_valid(form_text(req, "tz")) && strcmp(form_text(req, "tz"), "UTC") != 0)
        form_error(page, "tz", _("Please choose a time zone from the list."));
}

/* Queues the verification link of account id, with the form's next and
 * browser_hash. Returns 0 or -1. */
static int send_verify(struct request *req, struct db *db, int64_t id, const char *browser_hash)
{
    const char *next = account_safe_next(request_form(req, "next"), NULL);
    return account_send_link_with(db, id, "verify", "verify", TOKEN_VERIFY_TTL_S, "/verify",
                                  next && *next ? next : NULL, browser_hash);
}

/* Creates the account, or re-sends the link of an unverified one; silent
 * about verified ones. Either way this browser gets a fresh signup_cookie()
 * (so the answer's headers do not tell either), whose hash goes with the
 * link. Returns 0 or -1. */
static int register_account(struct request *req, struct db *db, const char *email, const char *hash)
{
    char browser[SECRET_TEXT_LEN], browser_hash[SECRET_HASH_LEN];
    secret_new(browser);
    secret_hash(browser, browser_hash);
    request_set_cookie(req, signup_cookie(), arena_strdup(req->arena, browser), TOKEN_VERIFY_TTL_S);
    int64_t id = user_id_by_email(db, email);
    if (id) {
        int64_t resend = 0;
        db_one_int(db,
                   "SELECT verified_at IS NULL AND deleted_at IS NULL AND disabled_at IS NULL FROM users WHERE id = ?",
                   &resend, "i", id);
        return resend ? send_verify(req, db, id, browser_hash) : 0;
    }
    id = user_create(db, email, form_text(req, "name"), hash, "member", form_text(req, "lang"), form_text(req, "tz"));
    if (id <= 0 || audit_record_as(db, req, id, "signup", id, NULL))
        return -1;
    return send_verify(req, db, id, browser_hash);
}

void page_signup(struct request *req)
{
    json_t *page = signup_page(req);
    char email[255] = "";
    validate(req, page, email);
    struct db *db = db_get();
    if (!db) {
        json_decref(page);
        page_error(req, 500);
        return;
    }
    if (!form_has_errors(page)) {
        if (db_begin(db)) {
            json_decref(page);
            page_error(req, 500);
            return;
        }
        char key[128];
        snprintf(key, sizeof key, "signup-ip:%s", request_client_ip(req));
        int64_t wait = ratelimit_hit(db, key, 10, 3600, 600);
        db_commit(db);
        if (wait)
            form_error(page, NULL, account_wait_message(req, wait));
    }
    if (form_has_errors(page)) {
        form_render(req, "signup", page);
        return;
    }
    json_decref(page);
    /* Hash before looking the address up, so both answers take as long. */
    char hash[PASSWORD_HASH_LEN];
    if (password_hash(request_form(req, "password"), hash) || db_begin(db)) {
        page_error(req, 500);
        return;
    }
    if (register_account(req, db, email, hash) || db_commit(db)) {
        db_rollback(db);
        page_error(req, 500);
        return;
    }
    account_message(req, 200, _("Check your email"),
                    _("If this address can be used, we have sent it a link to confirm it. Open the link to finish "
                      "creating your account. Nothing arrived after a few minutes? Look in the spam folder, or sign "
                      "up again to get a new link."),
                    NULL, NULL);
}

/* True when this browser holds the cookie whose hash was kept with the link. */
static bool same_browser(struct request *req, const char *browser_hash)
{
    const char *cookie = request_cookie(req, signup_cookie());
    if (!browser_hash || !cookie || !*cookie)
        return false;
    char hash[SECRET_HASH_LEN];
    secret_hash(cookie, hash);
    return strlen(browser_hash) == SECRET_HASH_LEN - 1 && sodium_memcmp(hash, browser_hash, SECRET_HASH_LEN - 1) == 0;
}

/*
 * GET /verify : confirms the address of the account the link belongs to.
 *   token   the secret from the emailed link
 * In the browser that signed up (see the top of this file) it also signs the
 * person in and redirects to the path they were going to (else /account);
 * elsewhere it says the address is confirmed, with a sign-in link that
 * carries that path.
 */
void page_verify(struct request *req)
{
    struct db *db = db_get();
    if (!db || db_begin(db)) {
        page_error(req, 500);
        return;
    }
    const char *token = request_query(req, "token"), *next, *browser_hash;
    token_context(db, req->arena, token, "verify", &next, &browser_hash);
    next = account_safe_next(next, NULL);
    int64_t id = token_consume(db, token, "verify");
    if (id) {
        if (db_run(db, "UPDATE users SET verified_at = COALESCE(verified_at, ?) WHERE id = ?", "ii",
                   (int64_t)time(NULL), id) ||
            audit_record_as(db, req, id, "verify", id, NULL))
            id = -1;
    }
    if (id < 0 || db_commit(db)) {
        db_rollback(db);
        page_error(req, 500);
        return;
    }
    if (!id) {
        account_message(req, 400, _("This link does not work"),
                        _("It may have been used already or be too old. Sign in if your address is confirmed, or "
                          "sign up again to get a new link."),
                        "/signin", _("Sign in"));
        return;
    }
    if (same_browser(req, browser_hash)) {
        request_set_cookie(req, signup_cookie(), "", 0);
        if (session_start(req, id)) {
            page_error(req, 500);
            return;
        }
        request_redirect(req, next ? next : "/account");
        return;
    }
    const char *signin = next ? arena_printf(req->arena, "/signin?next=%s", url_encode(req->arena, next)) : "/signin";
    account_message(req, 200, _("Your address is confirmed"), _("Welcome to the hub. You can sign in now."), signin,
                    _("Sign in"));
}
