/* Unit tests for the parsing of untrusted request text and for the router. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf8_validation), cmocka_unit_test(url_decoding), cmocka_unit_test(form_parsing),
        cmocka_unit_test(router_matching), cmocka_unit_test(gzip_negotiation),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
