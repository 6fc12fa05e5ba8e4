/* A cache of whole responses for visitors' GET requests, invalidated by
 * database writes and by age. */
#include "http/page_cache.h"

#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "http/cache_table.h"
#include "http/compress.h"
#include "http/router.h"
#include "http/static.h"
#include "http/viewer_tz.h"

#define SLOTS 1024
/* A cached page is compressed once and sent many times: the smallest body is worth level 6. */
#define PAGE_CACHE_GZIP_LEVEL 6

struct page {
    unsigned status;
    char *content_type;
    char *body, *gz;
    size_t len, gzlen;
};

static struct cache_table pages;

static void page_free(void *p)
{
    struct page *page = p;
    free(page->content_type);
    free(page->body);
    free(page->gz);
    free(page);
}

void page_cache_init(unsigned ttl_seconds) { cache_table_init(&pages, SLOTS, ttl_seconds, page_free); }

void page_cache_shutdown(void) { cache_table_shutdown(&pages); }

void page_cache_stats(unsigned long long *h, unsigned long long *m) { cache_table_stats(&pages, h, m); }

/* The key: language, representation, the viewer's time zone (a visitor's
 * valid "tz" cookie: pages show times in it), path and the decoded query,
 * so that every input that can change the page is part of it. An invalid
 * zone reads as none, so made-up cookies cannot multiply the entries. */
static char *cache_key(struct request *req)
{
    struct buf b = BUF_INIT;
    const char *tz = request_viewer_tz(req);
    buf_printf(&b, "%s|%c|%s|%s", i18n_code(req->lang), req->want_json ? 'j' : 'h', tz ? tz : "", req->raw_path);
    for (size_t i = 0; i < req->query.n; i++)
        buf_printf(&b, "|%s=%s", req->query.items[i].key, req->query.items[i].value);
    return buf_detach(&b, NULL);
}

static bool eligible(struct request *req)
{
    if (!pages.ttl || !req->route || !req->route->cacheable || (req->method != HTTP_GET && req->method != HTTP_HEAD))
        return false;
    /* Any cookie but the language choice, the time zone (part of the key)
     * and a visitor's form token may make the page personal (a session
     * above all). */
    int cookies = MHD_get_connection_values(req->conn, MHD_COOKIE_KIND, NULL, NULL);
    int known = (request_cookie(req, "lang") ? 1 : 0) + (request_cookie(req, request_csrf_cookie()) ? 1 : 0) +
                (request_cookie(req, VIEWER_TZ_COOKIE) ? 1 : 0);
    return req->caller.user_id == 0 && cookies == known;
}

/* Answers the request (cls) with the cached page, gzipped when it accepts that. */
static void answer_from(void *value, void *cls)
{
    struct page *page = value;
    struct request *req = cls;
    bool use_gz = page->gz && static_accepts_gzip(request_header(req, MHD_HTTP_HEADER_ACCEPT_ENCODING));
    size_t len = use_gz ? page->gzlen : page->len;
    char *copy = xmalloc(len + 1);
    memcpy(copy, use_gz ? page->gz : page->body, len);
    request_respond_owned(req, page->status, page->content_type, copy, len);
    if (use_gz)
        request_add_header(req, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
}

bool page_cache_answer(struct request *req)
{
    if (!eligible(req))
        return false;
    char *key = cache_key(req);
    bool found = cache_table_get(&pages, key, req->cache_generation, answer_from, req);
    free(key);
    if (found)
        request_add_header(req, MHD_HTTP_HEADER_VARY, HTTP_VARY_PAGE);
    return found;
}

void page_cache_store(struct request *req)
{
    if (!eligible(req) || req->status != 200 || kvlist_get(&req->headers, MHD_HTTP_HEADER_SET_COOKIE))
        return;
    struct page *page = xmalloc(sizeof *page);
    *page = (struct page){.status = req->status,
                          .content_type = xstrdup(req->content_type ? req->content_type : "text/plain"),
                          .body = xmalloc(req->resp_len + 1),
                          .len = req->resp_len};
    memcpy(page->body, req->resp_body, req->resp_len);
    page->gz = compress_gzip(req->resp_body, req->resp_len, PAGE_CACHE_GZIP_LEVEL, &page->gzlen);
    cache_table_put(&pages, cache_key(req), req->cache_generation, page);
}
