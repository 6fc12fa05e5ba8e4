/* Unit tests for the pure parts of event records: CSV records (RFC 4180)
 * and formula defusing, chart scaling and the SVG charts, file type
 * sniffing from the first bytes, and stored file names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "records/chart.h"
#include "records/csv.h"
#include "records/sniff.h"

#include "office_fixtures.h"

static const char *csv_of(struct buf *b, const char *const cells[], size_t n)
{
    buf_reset(b);
    csv_row(b, cells, n);
    return buf_str(b);
}

static void csv_quotes_only_what_needs_it(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    const char *plain[] = {"Ada", "ada@example.org", "", NULL};
    assert_string_equal(csv_of(&b, plain, 4), "Ada,ada@example.org,,\r\n");
    const char *special[] = {"Lovelace, Ada", "say \"hi\"", "two\nlines", "cr\rhere"};
    assert_string_equal(csv_of(&b, special, 4), "\"Lovelace, Ada\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\"\r\n");
    const char *utf8[] = {"Sénégal", "ñandú"};
    assert_string_equal(csv_of(&b, utf8, 2), "Sénégal,ñandú\r\n");
    buf_free(&b);
}

static void formulas_are_defused(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    const char *risky[] = {"=1+1", "+33 1 23", "-2", "@SUM(A1)", "\tx", "=HYPERLINK(\"a,b\")"};
    assert_string_equal(csv_of(&b, risky, 6), "'=1+1,'+33 1 23,'-2,'@SUM(A1),'\tx,\"'=HYPERLINK(\"\"a,b\"\")\"\r\n");
    const char *cr[] = {"\rboom"};
    assert_string_equal(csv_of(&b, cr, 1), "\"'\rboom\"\r\n");
    const char *wide[] = {"\xEF\xBC\x9D" "1+1", "\xEF\xBC\x8B" "1", "\xEF\xBC\x8D" "1", "\xEF\xBC\xA0" "SUM(A1)"};
    assert_string_equal(csv_of(&b, wide, 4), "'\xEF\xBC\x9D" "1+1,'\xEF\xBC\x8B" "1,'\xEF\xBC\x8D" "1,'\xEF\xBC\xA0" "SUM(A1)\r\n");
    const char *safe[] = {"a=b", "2024-03-01", "x-y", "mail@x", "\xEF\xBC\xA1" "fullwidth A"};
    assert_string_equal(csv_of(&b, safe, 5), "a=b,2024-03-01,x-y,mail@x,\xEF\xBC\xA1" "fullwidth A\r\n");
    buf_free(&b);

    struct arena *a = arena_create();
    assert_string_equal(cell_defuse(a, "=cmd"), "'=cmd");
    assert_string_equal(cell_defuse(a, "plain"), "plain");
    assert_string_equal(cell_defuse(a, "\xEF\xBC\x9D" "cmd"), "'\xEF\xBC\x9D" "cmd");
    assert_string_equal(cell_defuse(a, NULL), "");
    assert_false(cell_is_risky(""));
    assert_false(cell_is_risky(NULL));
    arena_destroy(a);
}

static void chart_axes_are_nice_and_bars_scale(void **state)
{
    (void)state;
    const int64_t in[] = {0, 1, 2, 3, 5, 6, 10, 11, 20, 21, 45, 50, 51, 101, 999, 1000, 1001};
    const int64_t out[] = {1, 1, 2, 5, 5, 10, 10, 20, 20, 50, 50, 50, 100, 200, 1000, 1000, 2000};
    for (size_t i = 0; i < sizeof in / sizeof in[0]; i++)
        assert_int_equal(chart_nice_max(in[i]), out[i]);
    assert_true(chart_scale(5, 10, 400) == 200);
    assert_true(chart_scale(0, 10, 400) == 0);
    assert_true(chart_scale(-3, 10, 400) == 0);
    assert_true(chart_scale(12, 10, 400) == 400);
    assert_true(chart_scale(3, 0, 400) == 0);
}

static void bar_chart_is_an_accessible_svg_with_escaped_labels(void **state)
{
    (void)state;
    struct arena *a = arena_create();
    struct chart_bar bars[] = {{"Côte d'Ivoire <&>", 6}, {"Sénégal", 3}, {"Zero", 0}};
    const char *svg = chart_bars_svg(a, "c1", "By country \"now\"", bars, 3);
    assert_non_null(
        strstr(svg, "<svg class=\"chart\" viewBox=\"0 0 480 142\" role=\"img\" aria-labelledby=\"c1-title\""));
    assert_non_null(strstr(svg, "<title id=\"c1-title\">By country &quot;now&quot;</title>"));
    assert_non_null(strstr(svg, "Côte d&#39;Ivoire &lt;&amp;&gt;</text>"));
    /* 6 of an axis topped at 10 on 416 units; 3 is half as long; 0 draws no bar. */
    assert_non_null(strstr(svg, "class=\"chart__bar\" x=\"0\" y=\"24\" width=\"249.6\""));
    assert_non_null(strstr(svg, "class=\"chart__bar\" x=\"0\" y=\"70\" width=\"124.8\""));
    assert_null(strstr(svg, "y=\"116\" width=\"0.0\""));
    assert_non_null(strstr(svg, ">0</text>"));
    assert_null(strstr(svg, "<script"));
    assert_null(strstr(svg, "style="));
    /* Long labels are cut, with an ellipsis, at 48 characters. */
    struct chart_bar long_bar[] = {{"ééééééééééééééééééééééééééééééééééééééééééééééééééééé", 1}};
    const char *cut = chart_bars_svg(a, "c2", "t", long_bar, 1);
    assert_non_null(strstr(cut, ">éééééééééééééééééééééééééééééééééééééééééééééééé…</text>"));
    arena_destroy(a);
}

static void step_chart_rises_to_each_total(void **state)
{
    (void)state;
    struct arena *a = arena_create();
    struct chart_point points[] = {{0, 1}, {0.25, 3}, {0.75, 6}};
    struct chart_tick ticks[] = {{0, "1 Mar 2024"}, {0.25, "2 Mar 2024"}, {0.75, "6 Mar 2024"}};
    const char *svg = chart_steps_svg(a, "s", "Over time", points, 3, ticks, 3, NULL);
    /* Axis top 10; plot from x 48 to 468 and y 186 up to 22. */
    assert_non_null(strstr(svg, "d=\"M48 186H48.0V169.6H153.0V136.8H363.0V87.6H468\""));
    assert_non_null(strstr(svg, ">10</text>"));
    /* Dates under the axis: the first and the last, and 2 March too close to 1 March to fit. */
    assert_non_null(strstr(svg, "text-anchor=\"start\">1 Mar 2024</text>"));
    assert_non_null(strstr(svg, "text-anchor=\"middle\">6 Mar 2024</text>"));
    assert_null(strstr(svg, "2 Mar 2024"));
    const char *empty = chart_steps_svg(a, "e", "Nothing", NULL, 0, NULL, 0, NULL);
    assert_null(strstr(empty, "chart__line"));
    arena_destroy(a);
}

static void one_point_is_a_bar_not_a_flat_line(void **state)
{
    (void)state;
    struct arena *a = arena_create();
    struct chart_point point = {0.5, 3};
    struct chart_tick hour = {0.5, "15:00 CET"};
    const char *svg = chart_steps_svg(a, "o", "One hour", &point, 1, &hour, 1, "28 Mar 2024");
    assert_null(strstr(svg, "chart__line"));
    /* Axis top 5: a bar 3/5 of 164 high in the middle of the plot, its total above it. */
    assert_non_null(strstr(svg, "<rect class=\"chart__bar\" x=\"244.0\" y=\"87.6\" width=\"28\" height=\"98.4\""));
    assert_non_null(strstr(svg, "text-anchor=\"middle\">3</text>"));
    assert_non_null(strstr(svg, "text-anchor=\"middle\">15:00 CET</text>"));
    assert_non_null(strstr(svg, ">28 Mar 2024</text>")); /* the day under the hours */
    arena_destroy(a);
}

static const char *sniff(const void *bytes, size_t n)
{
    const struct file_type *t = sniff_type(bytes, n);
    return t ? t->mime : "refused";
}

static void types_come_from_the_bytes(void **state)
{
    (void)state;
    assert_string_equal(sniff("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "image/png");
    assert_string_equal(sniff("\xFF\xD8\xFF\xE0\0\x10JFIF", 10), "image/jpeg");
    assert_string_equal(sniff("RIFF\x10\0\0\0WEBPVP8 ", 16), "image/webp");
    assert_string_equal(sniff("GIF89a\1\0\1\0", 10), "image/gif");
    assert_string_equal(sniff("GIF87a\1\0\1\0", 10), "image/gif");
    assert_string_equal(sniff("%PDF-1.7\n", 9), "application/pdf");
    assert_string_equal(sniff("\0\0\0\x18"
                              "ftypmp42\0\0\0\0",
                              16),
                        "video/mp4");
    assert_string_equal(sniff("\0\0\0\x18"
                              "ftypheic\0\0\0\0",
                              16),
                        "refused");
    assert_string_equal(sniff("\x1A\x45\xDF\xA3\x9F\x42\x86\x81\x01\x42\x82\x84webm", 16), "video/webm");
    assert_string_equal(sniff("\x1A\x45\xDF\xA3\x9F\x42\x86\x81\x01\x42\x82\x88matroska", 20), "refused");
    assert_string_equal(sniff("Plain notes, café.\r\n\tIndented.\n", 32), "text/plain; charset=utf-8");
    assert_string_equal(sniff("\xEF\xBB\xBFWith a BOM", 13), "text/plain; charset=utf-8");
    /* Markup a browser would run, binary bytes, bad UTF-8 and nothing at all are refused. */
    assert_string_equal(sniff("  <!DOCTYPE html><p>", 20), "refused");
    assert_string_equal(sniff("<svg onload=alert(1)>", 21), "refused");
    assert_string_equal(sniff("Notes then <SCRIPT>alert(1)</SCRIPT>", 36), "refused");
    assert_string_equal(sniff("bin\0ary", 7), "refused");
    assert_string_equal(sniff("\xC3\x28 bad", 6), "refused");
    assert_string_equal(sniff("", 0), "refused");
    /* Captions and audio, for recordings. */
#define SNIFF_LITERAL(s) sniff(s, sizeof s - 1)
    assert_string_equal(SNIFF_LITERAL("WEBVTT\n\n00:00.000 --> 00:02.000\nHola <b>todos</b>\n"), "text/vtt; charset=utf-8");
    assert_string_equal(SNIFF_LITERAL("WEBVTT\n\n00:00.000 --> 00:02.000\n<script>x</script>\n"), "refused");
    assert_string_equal(SNIFF_LITERAL("ID3\3\0\0\0\0\0\0\xFF\xFB\x90\x64\0\0\0\0\0\0\0\0\0\0\0\0"), "audio/mpeg");
    assert_string_equal(SNIFF_LITERAL("OggS\0\2\0\0\0\0\0\0\0\0\1\0\0\0\0\0\0\0\0\0\0\0\1\x1E\1vorbis\0\0\0\0\1\x44\xAC\0\0"), "audio/ogg");
#undef SNIFF_LITERAL
    /* A multibyte character cut at the end of the sniffed bytes is still text. */
    assert_string_equal(sniff("caf\xC3", 4), "text/plain; charset=utf-8");
}

/* A zip whose first entry is name (stored), then rest. */
static size_t zip_with(unsigned char *out, const char *name, const char *content, const char *rest)
{
    size_t n = 0, name_len = strlen(name);
    memcpy(out, "PK\x03\x04", 4);
    memset(out + 4, 0, 22);
    out[26] = (unsigned char)name_len;
    out[27] = out[28] = out[29] = 0;
    n = 30;
    memcpy(out + n, name, name_len);
    n += name_len;
    memcpy(out + n, content, strlen(content));
    n += strlen(content);
    memcpy(out + n, rest, strlen(rest));
    return n + strlen(rest);
}

static void office_documents_are_told_apart(void **state)
{
    (void)state;
    unsigned char zip[512];
    size_t n = zip_with(zip, "mimetype", "application/vnd.oasis.opendocument.text", "PK...content.xml");
    assert_string_equal(sniff(zip, n), "application/vnd.oasis.opendocument.text");
    n = zip_with(zip, "mimetype", "application/vnd.oasis.opendocument.spreadsheet", "");
    assert_string_equal(sniff(zip, n), "refused");
    assert_string_equal(sniff(min_docx, min_docx_len),
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    assert_string_equal(sniff(min_xlsx, min_xlsx_len), "refused");
    n = zip_with(zip, "photo.jpg", "\xFF\xD8\xFF", "");
    assert_string_equal(sniff(zip, n), "refused");
}

static void stored_names_are_safe(void **state)
{
    (void)state;
    struct arena *a = arena_create();
    assert_string_equal(sniff_file_name(a, "report.pdf", "png"), "report.png");
    assert_string_equal(sniff_file_name(a, "C:\\Users\\me\\Final report (v2).PDF", "pdf"), "Final-report-v2.pdf");
    assert_string_equal(sniff_file_name(a, "../../etc/passwd", "txt"), "passwd.txt");
    assert_string_equal(sniff_file_name(a, "résumé ñ.docx", "docx"), "r-sum.docx");
    assert_string_equal(sniff_file_name(a, ".hidden", "txt"), "hidden.txt");
    assert_string_equal(sniff_file_name(a, "\"quote\";<x>.png", "png"), "quote-x.png");
    assert_string_equal(sniff_file_name(a, "", "gif"), "file.gif");
    assert_string_equal(sniff_file_name(a, NULL, "gif"), "file.gif");
    assert_string_equal(sniff_file_name(a, "日本語.png", "png"), "file.png");
    char longname[300];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    const char *cut = sniff_file_name(a, longname, "webm");
    assert_int_equal(strlen(cut), 80);
    assert_string_equal(cut + 75, ".webm");
    const struct file_type *png = sniff_by_mime("image/png");
    assert_non_null(png);
    assert_true(png->served_inline);
    assert_false(sniff_by_mime("text/plain; charset=utf-8")->served_inline);
    assert_null(sniff_by_mime("text/html"));
    arena_destroy(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(csv_quotes_only_what_needs_it),
        cmocka_unit_test(formulas_are_defused),
        cmocka_unit_test(chart_axes_are_nice_and_bars_scale),
        cmocka_unit_test(bar_chart_is_an_accessible_svg_with_escaped_labels),
        cmocka_unit_test(step_chart_rises_to_each_total),
        cmocka_unit_test(one_point_is_a_bar_not_a_flat_line),
        cmocka_unit_test(types_come_from_the_bytes),
        cmocka_unit_test(office_documents_are_told_apart),
        cmocka_unit_test(stored_names_are_safe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
