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

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)(c | 0x20);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Whether the path part of next (up to '?' or '#'), read as a browser or a
 * server behind us might after one more percent-decoding, is a plain
 * absolute path: no empty, "." or ".." segment, no backslash, no control. */
static bool plain_path(const char *next)
{
    char seg[3] = ""; /* the segment's first bytes, enough to spot "." and ".." */
    size_t seg_len = 0;
    for (size_t i = 1;; i++) {
        int c = (unsigned char)next[i];
        if (c == '%') {
            int hi = hex_value(next[i + 1]), lo = hi < 0 ? -1 : hex_value(next[i + 2]);
            if (lo < 0)
                return false;
            c = hi * 16 + lo;
            i += 2;
        }
        bool end = next[i] == '\0' || (next[i] == '?' || next[i] == '#');
        if (end || c == '/') {
            if (seg_len == 0 && !end)
                return false; /* "//host", "/a//b", "/%2F/x" */
            if ((seg_len == 1 && seg[0] == '.') || (seg_len == 2 && seg[0] == '.' && seg[1] == '.'))
                return false;
            if (end)
                return true;
            seg_len = 0;
            continue;
        }
        if (c < 0x20 || c == 0x7f || c == '\\')
            return false;
        if (seg_len < sizeof seg)
            seg[seg_len] = (char)c;
        seg_len++;
    }
}

const char *account_safe_next(const char *next, const char *fallback)
{
    if (!next || next[0] != '/')
        return fallback;
    /* Only visible ASCII: a tab or newline a URL parser drops could turn
     * "/<TAB>/host" into "//host"; a backslash reads as a slash. */
    for (const unsigned char *p = (const unsigned char *)next; *p; p++)
        if (*p < 0x21 || *p > 0x7e || *p == '\\')
            return fallback;
    return plain_path(next) ? next : fallback;
}
