/* Helpers shared by the account pages. */
#include "accounts/account_common.h"

#include <string.h>

#include "accounts/tokens.h"
#include "app/app.h"
#include "mail/outbox.h"
#include "view/page.h"

void account_message(struct request *req, unsigned status, const char *title, const char *message,
                     const char *link_url, const char *link_label)
{
    json_t *data = json_pack("{s:s, s:s}", "title", title, "message", message);
    if (link_url)
        json_object_set_new(data, "link", json_pack("{s:s, s:s}", "url", link_url, "label", link_label));
    page_render(req, status, "message", data);
}

int account_send_link(struct db *db, int64_t user_id, const char *mail, const char *purpose, int ttl_s,
                      const char *path)
{
    return account_send_link_with(db, user_id, mail, purpose, ttl_s, path, NULL, NULL);
}

int account_send_link_with(struct db *db, int64_t user_id, const char *mail, const char *purpose, int ttl_s,
                           const char *path, const char *next, const char *browser_hash)
{
    struct db_stmt *st = db_prepare(db, "SELECT email, name, lang FROM users WHERE id = ? AND deleted_at IS NULL");
    if (!st)
        return -1;
    db_bind_int(st, 1, user_id);
    if (db_step(st) != DB_ROW) {
        db_reset(st);
        return -1;
    }
    char email[255], name[256], code[8];
    snprintf(email, sizeof email, "%s", db_col_text(st, 0));
    snprintf(name, sizeof name, "%s", db_col_text(st, 1));
    snprintf(code, sizeof code, "%s", db_col_text(st, 2));
    db_reset(st);
    char token[SECRET_TEXT_LEN];
    if (token_create_with(db, user_id, purpose, ttl_s, next, browser_hash, token))
        return -1;
    enum lang lang = LANG_EN;
    i18n_parse(code, &lang);
    char link[1024];
    snprintf(link, sizeof link, "%s%s?token=%s", app_base_url(), path, token);
    json_t *data = json_pack("{s:s, s:s}", "name", name, "link", link);
    int rc = mail_enqueue(db, email, lang, mail, data);
    json_decref(data);
    return rc;
}

const char *account_wait_message(struct request *req, int64_t seconds)
{
    int64_t minutes = (seconds + 59) / 60;
    if (seconds < 60)
        return arena_printf(req->arena,
                            ngettext("Please try again in %lld second.", "Please try again in %lld seconds.",
                                     (unsigned long)seconds),
                            (long long)seconds);
    return arena_printf(req->arena,
                        ngettext("Please try again in %lld minute.", "Please try again in %lld minutes.",
                                 (unsigned long)minutes),
                        (long long)minutes);
}

const char *account_safe_next(const char *next, const char *fallback)
{
    if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strpbrk(next, "\r\n"))
        return fallback;
    return next;
}
