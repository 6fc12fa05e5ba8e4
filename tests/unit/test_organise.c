/* Unit tests of src/events/organise_parse.c: what organisers type, read in the event's zone
 * (clocks that spring forward over a time, or fall back and repeat it, in both hemispheres and at
 * midnight), language lists, one-per-line questions and slugs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "core/arena.h"
#include "events/organise_parse.h"

static int64_t local(const char *zone, const char *date, const char *time, bool need_time, enum local_time_rc want)
{
    int64_t at = -1;
    enum local_time_rc rc = organise_local_time(zone, date, time, need_time, &at);
    if (rc != want)
        print_error("%s %s %s: got %d, want %d\n", zone, date ? date : "(null)", time ? time : "(null)", rc, want);
    assert_int_equal(rc, want);
    return at;
}

static void test_ordinary_times(void **state)
{
    (void)state;
    /* Thursday 28 March 2024, 15:00 in Brussels (CET, UTC+1). */
    assert_int_equal(local("Europe/Brussels", "2024-03-28", "15:00", true, LOCAL_OK), INT64_C(1711634400));
    assert_int_equal(local("Europe/Brussels", "2024-03-28", "15:00:00", true, LOCAL_OK), INT64_C(1711634400));
    /* Kathmandu is UTC+05:45. */
    assert_int_equal(local("Asia/Kathmandu", "2024-03-28", "19:45", true, LOCAL_OK), INT64_C(1711634400));
    /* A day without a time is its midnight, when no time is needed. */
    assert_int_equal(local("UTC", "2024-03-28", "", false, LOCAL_OK), INT64_C(1711584000));
    assert_int_equal(local("UTC", "2024-03-28", NULL, false, LOCAL_OK), INT64_C(1711584000));
}

static void test_gaps_are_refused(void **state)
{
    (void)state;
    /* The EU springs forward from 02:00 to 03:00 on 31 March 2024. */
    local("Europe/Brussels", "2024-03-31", "02:30", true, LOCAL_NONEXISTENT);
    local("Europe/Brussels", "2024-03-31", "02:00", true, LOCAL_NONEXISTENT);
    assert_int_equal(local("Europe/Brussels", "2024-03-31", "03:00", true, LOCAL_OK), INT64_C(1711846800));
    assert_int_equal(local("Europe/Brussels", "2024-03-31", "01:59", true, LOCAL_OK), INT64_C(1711846740));
    /* The same day is ordinary in New York, which switched on 10 March. */
    local("America/New_York", "2024-03-31", "02:30", true, LOCAL_OK);
    local("America/New_York", "2024-03-10", "02:30", true, LOCAL_NONEXISTENT);
    /* Southern hemisphere: Sydney springs forward on 6 October 2024 at 02:00; Santiago skips
     * from midnight to 01:00 on 8 September 2024. */
    local("Australia/Sydney", "2024-10-06", "02:30", true, LOCAL_NONEXISTENT);
    local("America/Santiago", "2024-09-08", "00:30", true, LOCAL_NONEXISTENT);
    local("America/Santiago", "2024-09-08", "01:30", true, LOCAL_OK);
    /* Chatham's clocks change by an hour at 02:45. */
    local("Pacific/Chatham", "2024-09-29", "03:00", true, LOCAL_NONEXISTENT);
}

static void test_repeated_times_take_the_first(void **state)
{
    (void)state;
    /* Brussels falls back from 03:00 CEST to 02:00 CET on 27 October 2024: 02:30 happens twice,
     * first at 00:30 UTC. */
    assert_int_equal(local("Europe/Brussels", "2024-10-27", "02:30", true, LOCAL_OK), INT64_C(1729989000));
    /* Sydney falls back on 7 April 2024: 02:30 AEDT (UTC+11) is 15:30 UTC the day before. */
    assert_int_equal(local("Australia/Sydney", "2024-04-07", "02:30", true, LOCAL_OK), INT64_C(1712417400));
}

static void test_malformed_input(void **state)
{
    (void)state;
    local("UTC", "", "", true, LOCAL_EMPTY);
    local("UTC", NULL, NULL, true, LOCAL_EMPTY);
    local("UTC", "", "10:00", true, LOCAL_BAD_DATE);
    local("UTC", "2024-02-30", "10:00", true, LOCAL_BAD_DATE);
    local("UTC", "2024-13-01", "10:00", true, LOCAL_BAD_DATE);
    local("UTC", "2024-2-3", "10:00", true, LOCAL_BAD_DATE);
    local("UTC", "2024-02-03x", "10:00", true, LOCAL_BAD_DATE);
    local("UTC", "28/03/2024", "10:00", true, LOCAL_BAD_DATE);
    local("UTC", "2024-03-28", "", true, LOCAL_NEED_TIME);
    local("UTC", "2024-03-28", "24:00", true, LOCAL_BAD_TIME);
    local("UTC", "2024-03-28", "10:60", true, LOCAL_BAD_TIME);
    local("UTC", "2024-03-28", "10h00", true, LOCAL_BAD_TIME);
    local("UTC", "2024-03-28", "10:00:", true, LOCAL_BAD_TIME);
    local("UTC", "2024-03-28", "9:00", true, LOCAL_BAD_TIME);
    local("Mars/Olympus", "2024-03-28", "10:00", true, LOCAL_BAD_ZONE);
    local("../etc/passwd", "2024-03-28", "10:00", true, LOCAL_BAD_ZONE);
}

static void test_local_fields_round_trip(void **state)
{
    (void)state;
    char date[16], time[8];
    organise_local_fields(INT64_C(1729989000), "Europe/Brussels", date, time);
    assert_string_equal(date, "2024-10-27");
    assert_string_equal(time, "02:30");
    organise_local_fields(INT64_C(1711634400), "Asia/Kathmandu", date, time);
    assert_string_equal(date, "2024-03-28");
    assert_string_equal(time, "19:45");
}

static void test_languages(void **state)
{
    (void)state;
    struct arena *a = arena_create();
    const char *codes[] = {"es", "en", "xx", "en", "", "EN"};
    assert_string_equal(organise_lang_csv(a, codes, 6), "en,es");
    assert_string_equal(organise_lang_csv(a, codes, 0), "");
    assert_int_equal(organise_lang_index("fr"), 1);
    assert_int_equal(organise_lang_index("de"), -1);
    assert_int_equal(organise_lang_index(NULL), -1);
    assert_true(organise_csv_has("en,fr", "fr"));
    assert_true(organise_csv_has("fr", "fr"));
    assert_false(organise_csv_has("en,fra", "fr"));
    assert_false(organise_csv_has("", "fr"));
    assert_false(organise_csv_has(NULL, "fr"));
    assert_false(organise_csv_has("en,fr", ""));
    arena_destroy(a);
}

static void test_lines(void **state)
{
    (void)state;
    struct arena *a = arena_create();
    const char **lines;
    assert_int_equal(organise_lines(a, "  Who buys them?\r\n\r\n\tWhat do they fund? \nWhy?", &lines), 3);
    assert_string_equal(lines[0], "Who buys them?");
    assert_string_equal(lines[1], "What do they fund?");
    assert_string_equal(lines[2], "Why?");
    assert_int_equal(organise_lines(a, "\n \n", &lines), 0);
    assert_int_equal(organise_lines(a, "", &lines), 0);
    assert_int_equal(organise_lines(a, NULL, &lines), 0);
    assert_int_equal(organise_lines(a, "¿Quién?\n", &lines), 1);
    assert_string_equal(lines[0], "¿Quién?");
    arena_destroy(a);
}

static void test_slugs(void **state)
{
    (void)state;
    assert_true(organise_slug_valid("global-diaspora-virtual-exchanges"));
    assert_true(organise_slug_valid("gdve2024"));
    assert_true(organise_slug_valid("a"));
    assert_false(organise_slug_valid(NULL));
    assert_false(organise_slug_valid(""));
    assert_false(organise_slug_valid("new"));
    assert_false(organise_slug_valid("-a"));
    assert_false(organise_slug_valid("a-"));
    assert_false(organise_slug_valid("a--b"));
    assert_false(organise_slug_valid("Upper"));
    assert_false(organise_slug_valid("a b"));
    assert_false(organise_slug_valid("a.ics"));
    assert_false(organise_slug_valid("a/b"));
    assert_false(organise_slug_valid("échange"));
    char long_slug[ORGANISE_SLUG_MAX + 2];
    memset(long_slug, 'a', sizeof long_slug - 1);
    long_slug[sizeof long_slug - 1] = '\0';
    assert_false(organise_slug_valid(long_slug));
    long_slug[ORGANISE_SLUG_MAX] = '\0';
    assert_true(organise_slug_valid(long_slug));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ordinary_times),
        cmocka_unit_test(test_gaps_are_refused),
        cmocka_unit_test(test_repeated_times_take_the_first),
        cmocka_unit_test(test_malformed_input),
        cmocka_unit_test(test_local_fields_round_trip),
        cmocka_unit_test(test_languages),
        cmocka_unit_test(test_lines),
        cmocka_unit_test(test_slugs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
