/* Unit tests of src/events/event_clocks.c: the event's clock and the viewer's, across the weeks in
 * March 2024 when the United States had moved to summer time and the European Union had not. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "events/event_clocks.h"
#include "i18n/tz.h"

/* Thursday 28 March 2024, 15:00 in Brussels (CET, UTC+1: the EU switches on 31 March). */
static int64_t brussels_march_28(void)
{
    const struct civil local = {2024, 3, 28, 15, 0, 0};
    int64_t utc = 0;
    assert_int_equal(tz_local_to_utc("Europe/Brussels", &local, &utc), 0);
    assert_int_equal(utc, INT64_C(1711634400));
    return utc;
}

static void expect_clocks(const char *viewer, enum lang lang, const char *want_event, const char *want_yours)
{
    char event[EVENT_CLOCK_MAX], yours[EVENT_CLOCK_MAX];
    bool two = event_clocks_format(brussels_march_28(), "Europe/Brussels", viewer, lang, event, yours);
    if (strcmp(event, want_event) != 0 || strcmp(yours, want_yours) != 0)
        print_error("%s: got \"%s\" / \"%s\"\n", viewer ? viewer : "(none)", event, yours);
    assert_string_equal(event, want_event);
    assert_string_equal(yours, want_yours);
    assert_int_equal(two, *want_yours != '\0');
}

/* New York is 5 hours behind on that day, not 6: the US switched on 10 March. */
static void test_new_york_already_on_summer_time(void **state)
{
    (void)state;
    expect_clocks("America/New_York", LANG_EN, "Thursday, 28 March 2024 at 15:00 CET (Europe/Brussels)",
                  "Thursday, 28 March 2024 at 10:00 EDT (America/New_York)");
}

/* Sydney is still on daylight time (until 7 April) and already on Friday. */
static void test_sydney_the_next_day(void **state)
{
    (void)state;
    expect_clocks("Australia/Sydney", LANG_EN, "Thursday, 28 March 2024 at 15:00 CET (Europe/Brussels)",
                  "Friday, 29 March 2024 at 01:00 AEDT (Australia/Sydney)");
}

/* A quarter-hour offset with only a numeric abbreviation. */
static void test_kathmandu_quarter_hour(void **state)
{
    (void)state;
    expect_clocks("Asia/Kathmandu", LANG_EN, "Thursday, 28 March 2024 at 15:00 CET (Europe/Brussels)",
                  "Thursday, 28 March 2024 at 19:45 UTC+05:45 (Asia/Kathmandu)");
}

/* The viewer's language, not the event's. */
static void test_in_the_viewer_language(void **state)
{
    (void)state;
    expect_clocks("America/New_York", LANG_FR, "jeudi 28 mars 2024 à 15:00 CET (Europe/Brussels)",
                  "jeudi 28 mars 2024 à 10:00 EDT (America/New_York)");
}

/* No second clock without a viewer's zone, nor when it reads the same as the event's. */
static void test_one_clock_when_nothing_differs(void **state)
{
    (void)state;
    const char *brussels = "Thursday, 28 March 2024 at 15:00 CET (Europe/Brussels)";
    expect_clocks(NULL, LANG_EN, brussels, "");
    expect_clocks("Europe/Brussels", LANG_EN, brussels, "");
    expect_clocks("Europe/Paris", LANG_EN, brussels, "");
}

/* The view object always has the three keys, so Mustache never falls back to an outer clock. */
static void test_view_keys(void **state)
{
    (void)state;
    json_t *o = json_object();
    event_clocks_add(o, brussels_march_28(), "Europe/Brussels", "America/New_York", LANG_EN);
    assert_string_equal(json_string_value(json_object_get(o, "viewer_tz")), "America/New_York");
    assert_string_equal(json_string_value(json_object_get(o, "time_yours_label")),
                        "Thursday, 28 March 2024 at 10:00 EDT (America/New_York)");
    event_clocks_add(o, brussels_march_28(), "Europe/Brussels", NULL, LANG_EN);
    assert_string_equal(json_string_value(json_object_get(o, "viewer_tz")), "");
    assert_string_equal(json_string_value(json_object_get(o, "time_yours_label")), "");
    event_clocks_none(o);
    assert_string_equal(json_string_value(json_object_get(o, "time_event_label")), "");
    assert_string_equal(json_string_value(json_object_get(o, "time_yours_label")), "");
    json_decref(o);
}

/* A span: the end as a time alone on the start's local day (also on a
 * viewer's clock already on the next day), with its date once midnight
 * falls in between. */
static void test_range(void **state)
{
    (void)state;
    json_t *o = json_object();
    int64_t at = brussels_march_28();
    event_clocks_add_range(o, at, at + 2 * 3600, "Europe/Brussels", "Australia/Sydney", LANG_EN);
    assert_string_equal(json_string_value(json_object_get(o, "time_event_label")),
                        "Thursday, 28 March 2024 at 15:00 CET – 17:00 CET (Europe/Brussels)");
    assert_string_equal(json_string_value(json_object_get(o, "time_yours_label")),
                        "Friday, 29 March 2024 at 01:00 AEDT – 03:00 AEDT (Australia/Sydney)");
    event_clocks_add_range(o, at, at + 9 * 3600, "Europe/Brussels", "Asia/Kathmandu", LANG_FR);
    assert_string_equal(json_string_value(json_object_get(o, "time_event_label")),
                        "jeudi 28 mars 2024 à 15:00 CET – vendredi 29 mars 2024 à 00:00 CET (Europe/Brussels)");
    event_clocks_add_range(o, at, 0, "Europe/Brussels", NULL, LANG_EN);
    assert_string_equal(json_string_value(json_object_get(o, "time_event_label")),
                        "Thursday, 28 March 2024 at 15:00 CET (Europe/Brussels)");
    json_decref(o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_york_already_on_summer_time),
        cmocka_unit_test(test_sydney_the_next_day),
        cmocka_unit_test(test_kathmandu_quarter_hour),
        cmocka_unit_test(test_in_the_viewer_language),
        cmocka_unit_test(test_one_clock_when_nothing_differs),
        cmocka_unit_test(test_view_keys),
        cmocka_unit_test(test_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
