/* Unit tests for the pure parts of live rooms (src/live/room_rules.c): text
 * limits counted in characters, hide reasons, the chat's pace, and the
 * Markdown that carries a room into the outcome summary (what participants
 * typed stays plain text once cmark renders it). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "live/room_rules.h"
#include "view/markdown.h"

static void texts_are_counted_in_characters(void **state)
{
    (void)state;
    assert_int_equal(room_chars(NULL), 0);
    assert_int_equal(room_chars("abc"), 3);
    assert_int_equal(room_chars("é¿ñ"), 3);
    char buf[1100];
    memset(buf, 0, sizeof buf);
    for (int i = 0; i < 500; i++)
        memcpy(buf + 2 * i, "é", 2);
    assert_int_equal(room_text_check(buf, ROOM_QUESTION_MAX), 0); /* 500 characters, 1000 bytes */
    memcpy(buf + 1000, "x", 1);
    assert_int_equal(room_text_check(buf, ROOM_QUESTION_MAX), 2);
    assert_int_equal(room_text_check(" \t\r\n ", ROOM_QUESTION_MAX), 1);
    assert_int_equal(room_text_check(NULL, ROOM_QUESTION_MAX), 1);
    assert_int_equal(room_text_check(" ok ", 2), 2);
}

static void hide_reasons_are_a_closed_list(void **state)
{
    (void)state;
    for (const char *const *c = room_hide_reasons; *c; c++)
        assert_true(room_hide_reason_valid(*c));
    assert_true(room_hide_reason_valid("duplicate"));
    assert_false(room_hide_reason_valid(NULL));
    assert_false(room_hide_reason_valid("spam"));
    assert_false(room_hide_reason_valid(""));
    assert_string_equal(room_hide_reason_label("off_topic"), "Off-topic");
    for (const char *const *c = room_hide_reasons; *c; c++)
        assert_string_not_equal(*c, "duplicate"); /* given by merging, not picked */
}

static void chat_waits_two_seconds(void **state)
{
    (void)state;
    assert_true(room_chat_allowed(0, 1000));
    assert_false(room_chat_allowed(1000, 1000));
    assert_false(room_chat_allowed(1000, 1001));
    assert_true(room_chat_allowed(1000, 1002));
}

static void outcome_markdown_keeps_typed_text_plain(void **state)
{
    (void)state;
    struct buf md = BUF_INIT;
    const char *items[] = {"**bold** <script>alert(1)</script> [x](javascript:alert(1))",
                           "# not a heading\nsecond line", "1. not a list"};
    room_md_section(&md, "Questions *answered*", items, 3);
    const char *text = buf_str(&md);
    assert_non_null(strstr(text, "## Questions \\*answered\\*\n\n- "));
    char *html = markdown_to_html(text);
    assert_non_null(html);
    assert_non_null(strstr(html, "<h2>Questions *answered*</h2>"));
    assert_non_null(strstr(html, "<li>**bold** &lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1))</li>"));
    assert_non_null(strstr(html, "<li># not a heading second line</li>"));
    assert_non_null(strstr(html, "<li>1. not a list</li>"));
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "href="));
    free(html);
    buf_reset(&md);
    room_md_section(&md, "Empty", items, 0);
    assert_string_equal(buf_str(&md), "");
    buf_free(&md);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(texts_are_counted_in_characters),
        cmocka_unit_test(hide_reasons_are_a_closed_list),
        cmocka_unit_test(chat_waits_two_seconds),
        cmocka_unit_test(outcome_markdown_keeps_typed_text_plain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
