/* Signing up and confirming the email address.
 *
 * The answer to a sign-up is the same whether or not the address already
 * has an account (nothing tells a stranger who is registered); the owner of
 * an existing unverified account simply gets a new link. */
#include <string.h>
#include <time.h>

#include "accounts/account_common.h"
#include "accounts/account_pages.h"
#include "accounts/audit.h"
#include "accounts/password.h"
#include "accounts/ratelimit.h"
#include "accounts/tokens.h"
#include "accounts/users.h"
#include "i18n/tz.h"
#include "view/form.h"
#include "view/page.h"

static const char *const signup_fields[] = {"name", "email", "lang", "tz"};

/* The language and zone pickers, with the current choice selected. */
static void add_pickers(struct request *req, json_t *page)
{
    json_t *form = json_object_get(page, "form");
    const char *lang = json_string_value(json_object_get(form, "lang"));
    const char *tz = json_string_value(json_object_get(form, "tz"));
    if (!lang || !*lang)
        lang = i18n_code(req->lang);
    if (!tz || !*tz)
        tz = request_cookie(req, "tz") && tz_valid(request_cookie(req, "tz")) ? request_cookie(req, "tz") : "UTC";
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

/* Creates the account, or re-sends the link of an unverified one; silent
 * about verified ones. Returns 0 or -1. */
static int register_account(struct request *req, struct db *db, const char *email, const char *hash)
{
    int64_t id = user_id_by_email(db, email);
    if (id) {
        int64_t resend = 0;
        db_one_int(db,
                   "SELECT verified_at IS NULL AND deleted_at IS NULL AND disabled_at IS NULL FROM users WHERE id = ?",
                   &resend, "i", id);
        return resend ? account_send_link(db, id, "verify", "verify", TOKEN_VERIFY_TTL_S, "/verify") : 0;
    }
    id = user_create(db, email, form_text(req, "name"), hash, "member", form_text(req, "lang"), form_text(req, "tz"));
    if (id <= 0 || audit_record_as(db, req, id, "signup", id, NULL))
        return -1;
    return account_send_link(db, id, "verify", "verify", TOKEN_VERIFY_TTL_S, "/verify");
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

void page_verify(struct request *req)
{
    struct db *db = db_get();
    if (!db || db_begin(db)) {
        page_error(req, 500);
        return;
    }
    int64_t id = token_consume(db, request_query(req, "token"), "verify");
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
    account_message(req, 200, _("Your address is confirmed"), _("Welcome to the hub. You can sign in now."),
                    "/signin", _("Sign in"));
}
