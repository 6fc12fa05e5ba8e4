/* A cache of whole responses for visitors' GET requests, invalidated by
 * database writes and by age. */
#include "http/page_cache.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "db/db.h"
#include "http/compress.h"
#include "http/router.h"
#include "http/static.h"
#include "http/viewer_tz.h"

#define SLOTS 1024 /* direct-mapped; a collision replaces the older entry */
#define LOCKS 64
/* A cached page is compressed once and sent many times: the smallest body is worth level 6. */
#define PAGE_CACHE_GZIP_LEVEL 6

struct entry {
    char *key;
    uint64_t hash, generation;
    time_t expires;
    unsigned status;
    char *content_type;
    char *body, *gz;
    size_t len, gzlen;
};

static struct entry slots[SLOTS];
static pthread_mutex_t locks[LOCKS];
static unsigned ttl;
static atomic_ullong hits, misses;

void page_cache_init(unsigned ttl_seconds)
{
    ttl = ttl_seconds;
    for (size_t i = 0; i < LOCKS; i++)
        pthread_mutex_init(&locks[i], NULL);
}

static void entry_clear(struct entry *e)
{
    free(e->key);
    free(e->content_type);
    free(e->body);
    free(e->gz);
    memset(e, 0, sizeof *e);
}

void page_cache_shutdown(void)
{
    for (size_t i = 0; i < SLOTS; i++)
        entry_clear(&slots[i]);
    ttl = 0;
}

void page_cache_stats(unsigned long long *h, unsigned long long *m)
{
    *h = atomic_load(&hits);
    *m = atomic_load(&misses);
}

/* The key: language, representation, the viewer's time zone (a visitor's
 * valid "tz" cookie: pages show times in it), path and the decoded query,
 * so that every input that can change the page is part of it. An invalid
 * zone reads as none, so made-up cookies cannot multiply the entries. */
static char *cache_key(struct request *req, uint64_t *hash)
{
    struct buf b = BUF_INIT;
    const char *tz = request_viewer_tz(req);
    buf_printf(&b, "%s|%c|%s|%s", i18n_code(req->lang), req->want_json ? 'j' : 'h', tz ? tz : "", req->raw_path);
    for (size_t i = 0; i < req->query.n; i++)
        buf_printf(&b, "|%s=%s", req->query.items[i].key, req->query.items[i].value);
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < b.len; i++)
        h = (h ^ (unsigned char)b.data[i]) * 1099511628211ULL;
    *hash = h;
    return buf_detach(&b, NULL);
}

static bool eligible(struct request *req)
{
    if (!ttl || !req->route || !req->route->cacheable || (req->method != HTTP_GET && req->method != HTTP_HEAD))
        return false;
    /* Any cookie but the language choice, the time zone (part of the key)
     * and a visitor's form token may make the page personal (a session
     * above all). */
    int cookies = MHD_get_connection_values(req->conn, MHD_COOKIE_KIND, NULL, NULL);
    int known = (request_cookie(req, "lang") ? 1 : 0) + (request_cookie(req, request_csrf_cookie()) ? 1 : 0) +
                (request_cookie(req, VIEWER_TZ_COOKIE) ? 1 : 0);
    return req->caller.user_id == 0 && cookies == known;
}

bool page_cache_answer(struct request *req)
{
    if (!eligible(req))
        return false;
    uint64_t hash;
    char *key = cache_key(req, &hash);
    struct entry *e = &slots[hash % SLOTS];
    pthread_mutex_t *lock = &locks[hash % LOCKS];
    bool gzip = static_accepts_gzip(request_header(req, MHD_HTTP_HEADER_ACCEPT_ENCODING));
    bool found = false;
    pthread_mutex_lock(lock);
    if (e->key && e->hash == hash && strcmp(e->key, key) == 0 && e->generation == db_generation() &&
        e->expires > time(NULL)) {
        bool use_gz = gzip && e->gz;
        size_t len = use_gz ? e->gzlen : e->len;
        char *copy = xmalloc(len + 1);
        memcpy(copy, use_gz ? e->gz : e->body, len);
        request_respond_owned(req, e->status, e->content_type, copy, len);
        if (use_gz)
            request_add_header(req, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
        found = true;
    }
    pthread_mutex_unlock(lock);
    free(key);
    atomic_fetch_add(found ? &hits : &misses, 1);
    if (found)
        request_add_header(req, MHD_HTTP_HEADER_VARY, HTTP_VARY_PAGE);
    return found;
}

void page_cache_store(struct request *req)
{
    if (!eligible(req) || req->status != 200 || kvlist_get(&req->headers, MHD_HTTP_HEADER_SET_COOKIE))
        return;
    uint64_t hash;
    struct entry fresh = {.key = cache_key(req, &hash),
                          .generation = req->cache_generation,
                          .expires = time(NULL) + (time_t)ttl,
                          .status = req->status,
                          .content_type = xstrdup(req->content_type ? req->content_type : "text/plain"),
                          .len = req->resp_len};
    fresh.hash = hash;
    fresh.body = xmalloc(req->resp_len + 1);
    memcpy(fresh.body, req->resp_body, req->resp_len);
    fresh.gz = compress_gzip(req->resp_body, req->resp_len, PAGE_CACHE_GZIP_LEVEL, &fresh.gzlen);
    pthread_mutex_t *lock = &locks[hash % LOCKS];
    pthread_mutex_lock(lock);
    struct entry *e = &slots[hash % SLOTS];
    entry_clear(e);
    *e = fresh;
    pthread_mutex_unlock(lock);
}
