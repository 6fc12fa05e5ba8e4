/* Unit tests for the core helpers: arena, growable buffer, HTML escaping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/static_data.h"

static int destroyed;
static void count_destroy(void *p) { destroyed += *(int *)p; }

static void arena_allocations_are_aligned_zeroed_and_distinct(void **state)
{
    (void)state;
    struct arena *a = arena_create();
    char *prev = NULL;
    for (int i = 1; i < 2000; i++) {
        char *p = arena_alloc(a, (size_t)(i % 97) + 1);
        assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
        for (int k = 0; k < i % 97 + 1; k++)
            assert_int_equal(p[k], 0);
        memset(p, 0xAB, (size_t)(i % 97) + 1);
        assert_ptr_not_equal(p, prev);
        prev = p;
    }
    char *big = arena_alloc(a, 1 << 20);
    memset(big, 1, 1 << 20);
    assert_true(arena_used(a) >= (1 << 20));
    arena_destroy(a);
}

static void arena_strings_and_printf(void **state)
{
    (void)state;
    struct arena *a = arena_create();
    assert_null(arena_strdup(a, NULL));
    assert_string_equal(arena_strdup(a, "héllo"), "héllo");
    assert_string_equal(arena_strndup(a, "abcdef", 3), "abc");
    assert_string_equal(arena_strndup(a, "ab", 10), "ab");
    assert_string_equal(arena_printf(a, "%s-%d", "x", 42), "x-42");
    assert_string_equal(arena_printf(a, "%s", ""), "");
    /* Longer than the one-pass buffer: formatted again into the arena. */
    char long_text[700];
    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    char *got = arena_printf(a, "<%s>%d", long_text, 7);
    assert_int_equal(strlen(got), sizeof long_text - 1 + 3);
    assert_memory_equal(got + 1, long_text, sizeof long_text - 1);
    assert_string_equal(got + sizeof long_text, ">7");
    arena_destroy(a);
}

static void arena_runs_destructors_in_reverse(void **state)
{
    (void)state;
    static int one = 1, ten = 10;
    destroyed = 0;
    struct arena *a = arena_create();
    arena_defer(a, count_destroy, &one);
    arena_defer(a, count_destroy, &ten);
    assert_int_equal(destroyed, 0);
    arena_destroy(a);
    assert_int_equal(destroyed, 11);
    arena_destroy(NULL);
}

static void buf_grows_and_formats(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    assert_string_equal(buf_str(&b), "");
    for (int i = 0; i < 1000; i++)
        buf_printf(&b, "%d,", i);
    assert_int_equal(b.len, strlen(b.data));
    assert_memory_equal(b.data, "0,1,2,", 6);
    buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(buf_str(&b), "");
    buf_puts(&b, NULL);
    buf_putc(&b, 'x');
    size_t len;
    char *s = buf_detach(&b, &len);
    assert_string_equal(s, "x");
    assert_int_equal(len, 1);
    assert_null(b.data);
    free(s);
    s = buf_detach(&b, &len);
    assert_string_equal(s, "");
    free(s);
    buf_free(&b);
}

static void buf_escapes_every_html_special(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    const char *in = "<a href=\"x\" title='y'>&amp;</a> plain";
    buf_append_html(&b, in, strlen(in));
    assert_string_equal(buf_str(&b),
                        "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt; plain");
    buf_free(&b);
}

static const char table_text[] = "in a static table";

static void static_data_is_literals_and_tables_only(void **state)
{
    (void)state;
    assert_true(static_data_has("a literal"));
    assert_true(static_data_has(table_text));
    char on_stack[] = "on the stack";
    char *on_heap = strdup("on the heap");
    struct arena *a = arena_create();
    assert_false(static_data_has(on_stack));
    assert_false(static_data_has(on_heap));
    assert_false(static_data_has(arena_strdup(a, "in an arena")));
    assert_false(static_data_has(NULL));
    arena_destroy(a);
    free(on_heap);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arena_allocations_are_aligned_zeroed_and_distinct),
        cmocka_unit_test(arena_strings_and_printf),
        cmocka_unit_test(arena_runs_destructors_in_reverse),
        cmocka_unit_test(static_data_is_literals_and_tables_only),
        cmocka_unit_test(buf_grows_and_formats),
        cmocka_unit_test(buf_escapes_every_html_special),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
