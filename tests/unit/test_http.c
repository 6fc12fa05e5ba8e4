/* Unit tests for the parsing of untrusted request text, the router, gzip and the caches' table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "db/db.h"
#include "http/cache_table.h"
#include "http/compress.h"
#include "http/form.h"
#include "http/router.h"
#include "http/static.h"

static struct arena *a;

static int setup(void **state)
{
    (void)state;
    a = arena_create();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    arena_destroy(a);
    return 0;
}

static void utf8_validation(void **state)
{
    (void)state;
    assert_true(utf8_valid("", 0));
    assert_true(utf8_valid("plain", 5));
    assert_true(utf8_valid("Français, español, 日本語, 😀", strlen("Français, español, 日本語, 😀")));
    assert_false(utf8_valid("\xff", 1));
    assert_false(utf8_valid("\xc3\x28", 2));         /* bad continuation */
    assert_false(utf8_valid("\xc0\xaf", 2));         /* overlong '/' */
    assert_false(utf8_valid("\xed\xa0\x80", 3));     /* UTF-16 surrogate */
    assert_false(utf8_valid("\xe2\x82", 2));         /* truncated */
    assert_false(utf8_valid("\xf4\x90\x80\x80", 4)); /* above U+10FFFF */
}

static void url_decoding(void **state)
{
    (void)state;
    size_t len;
    assert_string_equal(url_decode(a, "a%20b+c", 7, true, &len), "a b c");
    assert_int_equal(len, 5);
    assert_string_equal(url_decode(a, "a+b", 3, false, NULL), "a+b");
    assert_string_equal(url_decode(a, "%C3%A9t%C3%A9", 13, false, NULL), "été");
    assert_string_equal(url_decode(a, "%2F", 3, false, NULL), "/");
    assert_null(url_decode(a, "%", 1, false, NULL));
    assert_null(url_decode(a, "%4", 2, false, NULL));
    assert_null(url_decode(a, "%zz", 3, false, NULL));
    assert_null(url_decode(a, "a%00b", 5, false, NULL)); /* NUL would cut C strings */
    assert_null(url_decode(a, "%FF", 3, false, NULL));   /* not UTF-8 */
    assert_null(url_decode(a, "%C3%28", 6, false, NULL));
    assert_string_equal(url_decode(a, "", 0, false, NULL), "");
}

static void form_parsing(void **state)
{
    (void)state;
    struct kvlist list = {0};
    const char *body = "name=Ana+Mar%C3%ADa&empty=&flag&&lang=fr&name=second";
    assert_int_equal(form_parse_urlencoded(a, body, strlen(body), &list), 0);
    assert_int_equal(list.n, 5);
    assert_string_equal(kvlist_get(&list, "name"), "Ana María");
    assert_string_equal(kvlist_get(&list, "empty"), "");
    assert_string_equal(kvlist_get(&list, "flag"), "");
    assert_string_equal(kvlist_get(&list, "lang"), "fr");
    assert_null(kvlist_get(&list, "missing"));
    struct kvlist bad = {0};
    assert_int_equal(form_parse_urlencoded(a, "a=%E0%A4", 8, &bad), -1);
    struct kvlist none = {0};
    assert_int_equal(form_parse_urlencoded(a, "", 0, &none), 0);
    assert_int_equal(none.n, 0);
}

static void route_dummy(struct request *req) { (void)req; }

/* As in src/app/routes.c: routes that take no files leave out the last field, upload. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
static const struct route table[] = {
    {HTTP_GET, "/", route_dummy, PERM_PUBLIC, false, NULL},
    {HTTP_GET, "/events", route_dummy, PERM_PUBLIC, false, NULL},
    {HTTP_POST, "/events", route_dummy, PERM_ORGANISER, false, NULL},
    {HTTP_GET, "/events/{slug}.ics", route_dummy, PERM_PUBLIC, false, NULL},
    {HTTP_GET, "/events/{slug}", route_dummy, PERM_PUBLIC, false, NULL},
    {HTTP_GET, "/events/{slug}/sessions/{id}", route_dummy, PERM_PUBLIC, false, NULL},
};
#pragma GCC diagnostic pop

static enum route_match match(const char *method, const char *path, struct request *req, char *allow)
{
    memset(req, 0, sizeof *req);
    req->arena = a;
    req->method = http_method_parse(method);
    req->raw_path = path;
    return router_match(table, sizeof table / sizeof table[0], req, allow, 64);
}

static void router_matching(void **state)
{
    (void)state;
    struct request req;
    char allow[64];
    assert_int_equal(match("GET", "/", &req, allow), ROUTE_FOUND);
    assert_ptr_equal(req.route, &table[0]);
    assert_int_equal(match("HEAD", "/events", &req, allow), ROUTE_FOUND);
    assert_ptr_equal(req.route, &table[1]);
    assert_int_equal(match("POST", "/events", &req, allow), ROUTE_FOUND);
    assert_ptr_equal(req.route, &table[2]);
    assert_int_equal(match("GET", "/events/gdve-2024.ics", &req, allow), ROUTE_FOUND);
    assert_ptr_equal(req.route, &table[3]);
    assert_string_equal(request_param(&req, "slug"), "gdve-2024");
    assert_int_equal(match("GET", "/events/gdve-2024", &req, allow), ROUTE_FOUND);
    assert_ptr_equal(req.route, &table[4]);
    assert_int_equal(match("GET", "/events/a%2Fb/sessions/7", &req, allow), ROUTE_FOUND);
    assert_string_equal(request_param(&req, "slug"), "a/b");
    assert_string_equal(request_param(&req, "id"), "7");
    assert_int_equal(match("GET", "/events/", &req, allow), ROUTE_NOT_FOUND);
    assert_int_equal(match("GET", "/events/x/y", &req, allow), ROUTE_NOT_FOUND);
    assert_int_equal(match("GET", "/nowhere", &req, allow), ROUTE_NOT_FOUND);
    assert_int_equal(match("GET", "", &req, allow), ROUTE_NOT_FOUND);
    assert_int_equal(match("DELETE", "/events", &req, allow), ROUTE_WRONG_METHOD);
    assert_string_equal(allow, "GET, HEAD, POST");
    assert_int_equal(match("PUT", "/events/x", &req, allow), ROUTE_WRONG_METHOD);
    assert_string_equal(allow, "GET, HEAD");
}

static void gzip_negotiation(void **state)
{
    (void)state;
    assert_true(static_accepts_gzip("gzip"));
    assert_true(static_accepts_gzip("br, gzip, deflate"));
    assert_true(static_accepts_gzip("deflate;q=1, gzip;q=0.5"));
    assert_true(static_accepts_gzip("*"));
    assert_false(static_accepts_gzip("gzip;q=0"));
    assert_false(static_accepts_gzip("gzip; q=0.0"));
    assert_false(static_accepts_gzip("identity"));
    assert_false(static_accepts_gzip("xgzip"));
    assert_false(static_accepts_gzip(""));
    assert_false(static_accepts_gzip(NULL));
}

/* Inflates a gzip stream of len bytes into out (cap bytes); returns the length or -1. */
static long gunzip(const char *gz, size_t len, char *out, size_t cap)
{
    z_stream z = {0};
    if (inflateInit2(&z, 15 + 16) != Z_OK)
        return -1;
    z.next_in = (unsigned char *)gz;
    z.avail_in = (uInt)len;
    z.next_out = (unsigned char *)out;
    z.avail_out = (uInt)cap;
    int rc = inflate(&z, Z_FINISH);
    long n = (long)z.total_out;
    inflateEnd(&z);
    return rc == Z_STREAM_END ? n : -1;
}

static void gzip_bodies(void **state)
{
    (void)state;
    char page[4096], back[8192];
    for (size_t i = 0; i < sizeof page; i++)
        page[i] = "<li>Exchange</li>\n"[i % 18];
    size_t len = 0;
    char *gz = compress_gzip(page, sizeof page, COMPRESS_LEVEL_RENDERED, &len);
    assert_non_null(gz);
    assert_true(len < sizeof page);
    assert_int_equal(gunzip(gz, len, back, sizeof back), sizeof page);
    assert_memory_equal(back, page, sizeof page);
    free(gz);
    /* A body that would not get smaller is not compressed. */
    assert_null(compress_gzip("x", 1, COMPRESS_LEVEL_RENDERED, &len));
}

static int nfreed;
static void count_free(void *value)
{
    free(value);
    nfreed++;
}
static void copy_value(void *value, void *cls) { strcpy(cls, value); }

static void cache_table_rules(void **state)
{
    (void)state;
    struct cache_table t = {0};
    char got[32] = "";
    uint64_t now = db_generation();
    cache_table_init(&t, 8, 60, count_free);
    cache_table_put(&t, strdup("fr|event|a"), now, strdup("shared"));
    assert_true(cache_table_get(&t, "fr|event|a", now, copy_value, got));
    assert_string_equal(got, "shared");
    /* Another key, a request that read another generation, an entry from an older one. */
    assert_false(cache_table_get(&t, "es|event|a", now, copy_value, got));
    assert_false(cache_table_get(&t, "fr|event|a", now + 1, copy_value, got));
    cache_table_put(&t, strdup("fr|event|b"), now - 1, strdup("old"));
    assert_false(cache_table_get(&t, "fr|event|b", now - 1, copy_value, got));
    /* Past its time to live. */
    for (size_t i = 0; i < t.nslots; i++)
        if (t.slots[i].key && strcmp(t.slots[i].key, "fr|event|a") == 0)
            t.slots[i].expires = time(NULL) - 1;
    assert_false(cache_table_get(&t, "fr|event|a", now, copy_value, got));
    unsigned long long hits, misses;
    cache_table_stats(&t, &hits, &misses);
    assert_int_equal(hits, 1);
    assert_int_equal(misses, 4);
    cache_table_shutdown(&t);
    assert_int_equal(nfreed, 2);
    /* Off: nothing is kept, what is given is freed at once. */
    cache_table_init(&t, 8, 0, count_free);
    cache_table_put(&t, strdup("k"), now, strdup("v"));
    assert_int_equal(nfreed, 3);
    assert_false(cache_table_get(&t, "k", now, copy_value, got));
    cache_table_shutdown(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf8_validation), cmocka_unit_test(url_decoding), cmocka_unit_test(form_parsing),
        cmocka_unit_test(router_matching), cmocka_unit_test(gzip_negotiation), cmocka_unit_test(gzip_bodies),
        cmocka_unit_test(cache_table_rules),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
