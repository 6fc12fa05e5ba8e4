/* Unit tests of the Mustache engine and the template registry, for what the official spec
 * (tests/spec/mustache_spec.c) does not cover: escaping, our falsy rules, syntax errors,
 * runaway recursion, concurrency, large lists, and the dev-mode registry with a layout. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/embedded.h"
#include "view/mustache.h"
#include "view/templates.h"

/* Named templates for the resolve callback. */
struct library {
    const char *names[4];
    struct mustache *templates[4];
    size_t n;
};

static const struct mustache *library_resolve(void *ctx, const char *name)
{
    const struct library *lib = ctx;
    for (size_t i = 0; i < lib->n; i++)
        if (strcmp(lib->names[i], name) == 0)
            return lib->templates[i];
    return NULL;
}

static struct mustache *compile_ok(const char *src)
{
    char err[128];
    struct mustache *t = mustache_compile(src, strlen(src), err, sizeof err);
    if (!t)
        fail_msg("\"%s\" does not compile: %s", src, err);
    return t;
}

static void library_add(struct library *lib, const char *name, const char *src)
{
    assert_true(lib->n < 4);
    lib->names[lib->n] = name;
    lib->templates[lib->n++] = compile_ok(src);
}

static void library_free(struct library *lib)
{
    for (size_t i = 0; i < lib->n; i++)
        mustache_free(lib->templates[i]);
}

/* Renders src with data given as JSON text and checks the output. */
static void check_render(const char *src, const char *json, const char *expected)
{
    json_t *data = json_loads(json, JSON_DECODE_ANY, NULL);
    assert_non_null(data);
    struct mustache *t = compile_ok(src);
    struct buf out = BUF_INIT;
    assert_int_equal(mustache_render(t, data, NULL, NULL, &out), 0);
    assert_string_equal(buf_str(&out), expected);
    buf_free(&out);
    mustache_free(t);
    json_decref(data);
}

static void test_escapes_each_html_special(void **state)
{
    (void)state;
    check_render("{{x}}", "{\"x\": \"&\"}", "&amp;");
    check_render("{{x}}", "{\"x\": \"<\"}", "&lt;");
    check_render("{{x}}", "{\"x\": \">\"}", "&gt;");
    check_render("{{x}}", "{\"x\": \"\\\"\"}", "&quot;");
    check_render("{{x}}", "{\"x\": \"'\"}", "&#39;");
    check_render("<a title=\"{{x}}\">{{x}}</a>", "{\"x\": \"\\\"><script>alert('x')</script>&amp;\"}",
                 "<a title=\"&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;amp;\">"
                 "&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;amp;</a>");
    check_render("{{#list}}{{.}}{{/list}}", "{\"list\": [\"<b>\", \"&\"]}", "&lt;b&gt;&amp;");
}

static void test_triple_and_ampersand_are_raw(void **state)
{
    (void)state;
    check_render("{{{x}}}|{{&x}}|{{ &x }}", "{\"x\": \"<b>&'\\\"</b>\"}", "<b>&'\"</b>|<b>&'\"</b>|<b>&'\"</b>");
}

static void test_falsy_values(void **state)
{
    (void)state;
    const char *src = "{{#v}}yes{{/v}}{{^v}}no{{/v}}";
    check_render(src, "{\"v\": \"\"}", "no");
    check_render(src, "{\"v\": null}", "no");
    check_render(src, "{\"v\": false}", "no");
    check_render(src, "{\"v\": []}", "no");
    check_render(src, "{}", "no");
    check_render(src, "{\"v\": 0}", "yes");
    check_render(src, "{\"v\": {}}", "yes");
    check_render(src, "{\"v\": \"0\"}", "yes");
}

static void test_missing_names_render_empty(void **state)
{
    (void)state;
    check_render("[{{nope}}][{{{nope}}}][{{a.b.c}}][{{a.x}}][{{#a}}{{zz}}{{/a}}]", "{\"a\": {\"b\": 1}}", "[][][][][]");
    check_render("[{{x}}]", "null", "[]");
}

static void test_value_formats(void **state)
{
    (void)state;
    check_render("{{i}} {{big}} {{neg}} {{r}} {{third}} {{t}} {{f}} {{n}} {{o}} {{a}}",
                 "{\"i\": 42, \"big\": 9007199254740993, \"neg\": -7, \"r\": 1.210,"
                 " \"third\": 0.1, \"t\": true, \"f\": false, \"n\": null, \"o\": {}, \"a\": [1]}",
                 "42 9007199254740993 -7 1.21 0.1 true false   ");
}

static void expect_syntax_error(const char *src, const char *line)
{
    char err[128] = "untouched";
    assert_null(mustache_compile(src, strlen(src), err, sizeof err));
    if (strncmp(err, line, strlen(line)) != 0)
        fail_msg("\"%s\": expected an error starting \"%s\", got \"%s\"", src, line, err);
}

static void test_syntax_errors_name_the_line(void **state)
{
    (void)state;
    expect_syntax_error("a\nb\n{{x", "line 3:");
    expect_syntax_error("{{{x}}", "line 1:");
    expect_syntax_error("{{#a}}\n\n{{#b}}\n{{/b}}\n", "line 1:");
    expect_syntax_error("{{#a}}\n{{/b}}", "line 2:");
    expect_syntax_error("ok\n\n\n{{/a}}", "line 4:");
    expect_syntax_error("\n{{=<%%>=}}", "line 2:");
    expect_syntax_error("{{=<%=}}", "line 1:");
    expect_syntax_error("\n\n{{}}", "line 3:");
    expect_syntax_error("{{a b}}", "line 1:");
    expect_syntax_error("{{a..b}}", "line 1:");
    expect_syntax_error("{{=<% %>=}}\n<%#a%>\n<%/b%>", "line 3:");
    expect_syntax_error("{{<layout}}\n{{$content}}\n{{/layout}}", "line 3:");
    /* A short or absent message buffer is fine. */
    char tiny[4];
    assert_null(mustache_compile("{{x", 3, tiny, sizeof tiny));
    assert_string_equal(tiny, "lin");
    assert_null(mustache_compile("{{x", 3, NULL, 0));
}

static void test_recursive_partial_fails_cleanly(void **state)
{
    (void)state;
    struct library lib = {0};
    library_add(&lib, "self", "x{{>self}}");
    library_add(&lib, "parent", "{{<parent}}{{/parent}}");
    library_add(&lib, "tree", "{{name}}({{#kids}}{{>tree}}{{/kids}})");
    struct buf out = BUF_INIT;
    assert_int_equal(mustache_render(lib.templates[0], NULL, library_resolve, &lib, &out), -1);
    assert_int_equal(mustache_render(lib.templates[1], NULL, library_resolve, &lib, &out), -1);

    /* Recursion bounded by the data is fine. */
    json_t *data = json_loads("{\"name\": \"a\", \"kids\": [{\"name\": \"b\", \"kids\": []},"
                              " {\"name\": \"c\", \"kids\": [{\"name\": \"d\", \"kids\": []}]}]}",
                              0, NULL);
    buf_reset(&out);
    assert_int_equal(mustache_render(lib.templates[2], data, library_resolve, &lib, &out), 0);
    assert_string_equal(buf_str(&out), "a(b()c(d()))");
    json_decref(data);
    buf_free(&out);
    library_free(&lib);
}

struct job {
    const struct mustache *t;
    struct library *lib;
    json_t *data;
    const char *expected;
    int mismatches;
};

static void *render_many(void *arg)
{
    struct job *job = arg;
    struct buf out = BUF_INIT;
    for (int i = 0; i < 200; i++) {
        buf_reset(&out);
        if (mustache_render(job->t, job->data, library_resolve, job->lib, &out) != 0 ||
            strcmp(buf_str(&out), job->expected) != 0)
            job->mismatches++;
    }
    buf_free(&out);
    return NULL;
}

static void test_concurrent_renders_agree(void **state)
{
    (void)state;
    struct library lib = {0};
    library_add(&lib, "page", "{{<layout}}{{$body}}\n{{#rows}}\n  {{>row}}\n{{/rows}}\n{{/body}}{{/layout}}");
    library_add(&lib, "layout", "<main>\n  {{$body}}{{/body}}\n</main>\n");
    library_add(&lib, "row", "<p>{{n}} {{label}}</p>\n");
    json_t *data = json_object();
    json_t *rows = json_array();
    for (int i = 0; i < 50; i++)
        json_array_append_new(rows, json_pack("{s:i, s:s}", "n", i, "label", "<&>"));
    json_object_set_new(data, "rows", rows);

    struct buf first = BUF_INIT;
    assert_int_equal(mustache_render(lib.templates[0], data, library_resolve, &lib, &first), 0);
    assert_non_null(strstr(buf_str(&first), "<main>\n    <p>0 &lt;&amp;&gt;</p>\n"));

    pthread_t threads[4];
    struct job jobs[4];
    for (int i = 0; i < 4; i++) {
        jobs[i] = (struct job){lib.templates[0], &lib, data, buf_str(&first), 0};
        assert_int_equal(pthread_create(&threads[i], NULL, render_many, &jobs[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(threads[i], NULL);
        assert_int_equal(jobs[i].mismatches, 0);
    }
    buf_free(&first);
    json_decref(data);
    library_free(&lib);
}

static void test_large_list(void **state)
{
    (void)state;
    enum { N = 100000 };
    json_t *items = json_array();
    for (int i = 0; i < N; i++)
        json_array_append_new(items, json_pack("{s:i}", "n", i));
    json_t *data = json_pack("{s:o}", "items", items);
    struct mustache *t = compile_ok("<ul>\n{{#items}}\n  <li>{{n}}</li>\n{{/items}}\n</ul>\n");

    struct buf expected = BUF_INIT;
    buf_puts(&expected, "<ul>\n");
    for (int i = 0; i < N; i++)
        buf_printf(&expected, "  <li>%d</li>\n", i);
    buf_puts(&expected, "</ul>\n");

    struct buf out = BUF_INIT;
    assert_int_equal(mustache_render(t, data, NULL, NULL, &out), 0);
    assert_int_equal(out.len, expected.len);
    assert_memory_equal(out.data, expected.data, out.len);
    buf_free(&out);
    buf_free(&expected);
    mustache_free(t);
    json_decref(data);
}

static void append_name(void *ctx, const char *name)
{
    buf_puts(ctx, name);
}

static void test_foreach_include(void **state)
{
    (void)state;
    struct mustache *t = compile_ok("{{>a}}{{#s}}{{>b/c}}{{/s}}{{<d}}{{$x}}{{>e}}{{/x}}{{/d}}");
    struct buf names = BUF_INIT;
    mustache_foreach_include(t, append_name, &names);
    assert_string_equal(buf_str(&names), "ab/cde");
    buf_free(&names);
    mustache_free(t);
}

/* A temporary template folder for the dev-mode registry. */
struct folder {
    char path[64];
};

static void write_file(const struct folder *f, const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", f->path, name);
    FILE *file = fopen(path, "w");
    assert_non_null(file);
    fputs(text, file);
    assert_int_equal(fclose(file), 0);
}

static void remove_file(const struct folder *f, const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", f->path, name);
    unlink(path);
}

static void render_expect(const char *name, json_t *data, const char *expected)
{
    struct buf out = BUF_INIT;
    buf_puts(&out, "before|");
    assert_int_equal(templates_render(name, data, &out), expected ? 0 : -1);
    if (expected)
        assert_true(strncmp(buf_str(&out), "before|", 7) == 0);
    assert_string_equal(buf_str(&out) + 7, expected ? expected : "");
    buf_free(&out);
}

static void test_registry_dev_dir_with_layout(void **state)
{
    (void)state;
    struct folder f;
    snprintf(f.path, sizeof f.path, "/tmp/dxhub-test-XXXXXX");
    assert_non_null(mkdtemp(f.path));
    char sub[128];
    snprintf(sub, sizeof sub, "%s/partials", f.path);
    assert_int_equal(mkdir(sub, 0700), 0);
    write_file(&f, "layout.mustache",
               "<html>\n<title>{{$title}}dxhub{{/title}}</title>\n<body>\n  {{>partials/nav}}\n"
               "  <main>\n    {{$content}}\n    {{/content}}\n  </main>\n</body>\n</html>\n");
    write_file(&f, "partials/nav.mustache", "<nav>\n  <a href=\"/\">{{site}}</a>\n</nav>\n");
    write_file(&f, "home.mustache",
               "{{<layout}}\n{{$title}}Home - {{site}}{{/title}}\n"
               "{{$content}}\n<h1>{{greeting}}</h1>\n{{/content}}\n{{/layout}}\n");

    assert_int_equal(templates_init(f.path), 0);
    assert_true(templates_exists("home"));
    assert_true(templates_exists("partials/nav"));
    assert_false(templates_exists("nope"));
    assert_false(templates_exists("../etc/passwd"));

    json_t *data = json_pack("{s:s, s:s}", "site", "<dx>", "greeting", "Hello");
    render_expect("home", data,
                  "<html>\n<title>Home - &lt;dx&gt;</title>\n<body>\n  <nav>\n"
                  "    <a href=\"/\">&lt;dx&gt;</a>\n  </nav>\n  <main>\n    <h1>Hello</h1>\n"
                  "  </main>\n</body>\n</html>\n");

    /* Edits show on the next render; failures leave the output as it was. */
    write_file(&f, "home.mustache", "{{<layout}}{{$title}}Edited{{/title}}{{/layout}}");
    render_expect("home", data,
                  "<html>\n<title>Edited</title>\n<body>\n  <nav>\n"
                  "    <a href=\"/\">&lt;dx&gt;</a>\n"
                  "  </nav>\n  <main>\n  </main>\n</body>\n</html>\n");
    render_expect("missing", data, NULL);
    write_file(&f, "home.mustache", "{{<layout}}\n{{$title}}\n{{/layout}}");
    render_expect("home", data, NULL);
    write_file(&f, "self.mustache", "{{>self}}");
    render_expect("self", data, NULL);
    templates_shutdown();

    /* A template that does not compile fails init. */
    assert_int_equal(templates_init(f.path), -1);
    templates_shutdown();

    json_decref(data);
    remove_file(&f, "self.mustache");
    remove_file(&f, "home.mustache");
    remove_file(&f, "layout.mustache");
    remove_file(&f, "partials/nav.mustache");
    rmdir(sub);
    rmdir(f.path);
}

/* Whichever templates the binary embeds, they all compile and are found by name. */
static void test_registry_embedded_templates_compile(void **state)
{
    (void)state;
    assert_int_equal(templates_init(NULL), 0);
    for (size_t i = 0; i < embedded_files_count; i++) {
        const char *name = embedded_files[i].name;
        size_t len = strlen(name);
        if (strncmp(name, "templates/", 10) != 0 || len < 19 || strcmp(name + len - 9, ".mustache") != 0)
            continue;
        char short_name[256];
        snprintf(short_name, sizeof short_name, "%.*s", (int)(len - 19), name + 10);
        if (!templates_exists(short_name))
            fail_msg("embedded template \"%s\" not found", short_name);
    }
    templates_shutdown();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escapes_each_html_special),
        cmocka_unit_test(test_triple_and_ampersand_are_raw),
        cmocka_unit_test(test_falsy_values),
        cmocka_unit_test(test_missing_names_render_empty),
        cmocka_unit_test(test_value_formats),
        cmocka_unit_test(test_syntax_errors_name_the_line),
        cmocka_unit_test(test_recursive_partial_fails_cleanly),
        cmocka_unit_test(test_concurrent_renders_agree),
        cmocka_unit_test(test_large_list),
        cmocka_unit_test(test_foreach_include),
        cmocka_unit_test(test_registry_dev_dir_with_layout),
        cmocka_unit_test(test_registry_embedded_templates_compile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
