/* Unit tests for jansson's allocator hook (core/json_arena.h): values made while a request's arena
 * is set live in it and go with it; values made without one, or kept for the process's life, are
 * ordinary heap memory that survives the arena (the ASan build checks both). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/json_arena.h"
#include "i18n/i18n.h"
#include "i18n/ui_strings.h"

static void values_follow_the_thread_arena(void **state)
{
    (void)state;
    json_t *before = json_pack("{s:s}", "k", "heap");
    assert_false(json_arena_owns(before));
    struct arena *a = arena_create();
    assert_null(json_arena_use(a));
    json_t *view = json_pack("{s:s, s:[i, i]}", "title", "a page", "list", 1, 2);
    assert_true(json_arena_owns(view));
    assert_true(json_arena_owns(json_string_value(json_object_get(view, "title"))));
    /* A heap value referenced from an arena one keeps its own memory. */
    json_object_set(view, "kept", before);
    json_decref(view); /* freeing arena memory is a no-op */
    assert_ptr_equal(json_arena_use(NULL), a);
    json_t *after = json_string("heap again");
    assert_false(json_arena_owns(after));
    arena_destroy(a);
    assert_string_equal(json_string_value(json_object_get(before, "k")), "heap");
    json_decref(before);
    json_decref(after);
    assert_false(json_arena_owns(NULL));
}

static void dumped_text_is_freed_where_it_lives(void **state)
{
    (void)state;
    json_t *v = json_pack("{s:i}", "n", 42);
    char *heap_text = json_dumps(v, JSON_COMPACT);
    assert_false(json_arena_owns(heap_text));
    struct arena *a = arena_create();
    json_arena_use(a);
    char *arena_text = json_dumps(v, JSON_COMPACT);
    json_arena_use(NULL);
    assert_true(json_arena_owns(arena_text));
    assert_string_equal(arena_text, "{\"n\":42}");
    json_arena_free_text(arena_text); /* no-op */
    json_arena_free_text(heap_text);  /* free(): ASan reports a leak otherwise */
    json_arena_free_text(NULL);
    arena_destroy(a);
    json_decref(v);
}

/* The interface strings are kept for the process's life: made with a request's arena set (as a
 * lazily built cache would be), they must still be heap memory once that arena is gone. */
static void kept_objects_are_not_in_the_arena(void **state)
{
    (void)state;
    struct arena *a = arena_create();
    json_arena_use(a);
    ui_strings_build();
    json_arena_use(NULL);
    arena_destroy(a);
    json_t *t = i18n_ui_strings(LANG_EN);
    assert_non_null(t);
    assert_false(json_arena_owns(t));
    assert_false(json_arena_owns(json_string_value(json_object_get(t, "site_name"))));
    assert_true(strlen(json_string_value(json_object_get(t, "site_name"))) > 0);
    ui_strings_free();
}

static void many_values_fill_growing_blocks(void **state)
{
    (void)state;
    struct arena *a = arena_create();
    json_arena_use(a);
    json_t *list = json_array();
    for (int i = 0; i < 20000; i++)
        json_array_append_new(list, json_pack("{s:i, s:s}", "i", i, "s", "some text to take room"));
    assert_int_equal(json_integer_value(json_object_get(json_array_get(list, 19999), "i")), 19999);
    assert_true(arena_used(a) > 1000000);
    json_decref(list);
    json_arena_use(NULL);
    arena_destroy(a);
}

int main(void)
{
    json_arena_install();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(values_follow_the_thread_arena),
        cmocka_unit_test(dumped_text_is_freed_where_it_lives),
        cmocka_unit_test(kept_objects_are_not_in_the_arena),
        cmocka_unit_test(many_values_fill_growing_blocks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
