/* Unit tests of src/i18n/timefmt.c: what ICU 72 writes for 22 April 2020 in English, French and
 * Spanish, the offsets and abbreviations that come with times, ISO 8601, small buffers, and
 * formatters used from several threads at once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>

#include "i18n/timefmt.h"

/* Wednesday 22 April 2020, 12:00 UTC (14:00 in Brussels, CEST). */
#define APRIL_22 INT64_C(1587556800)

static void expect(int64_t utc, const char *zone, enum lang lang, enum timefmt_style style, const char *want)
{
    char out[TIMEFMT_MAX];
    const char *got = timefmt_format(out, sizeof out, utc, zone, lang, style);
    assert_non_null(got);
    if (strcmp(got, want) != 0)
        print_error("%s/%d/%d: got \"%s\"\n", zone ? zone : "(null)", (int)lang, (int)style, got);
    assert_string_equal(got, want);
}

static void test_dates_in_each_language(void **state)
{
    (void)state;
    expect(APRIL_22, "Europe/Brussels", LANG_EN, TIMEFMT_DATE, "Wednesday, 22 April 2020");
    expect(APRIL_22, "Europe/Brussels", LANG_FR, TIMEFMT_DATE, "mercredi 22 avril 2020");
    expect(APRIL_22, "Europe/Brussels", LANG_ES, TIMEFMT_DATE, "miércoles, 22 de abril de 2020");
    expect(APRIL_22, "Europe/Brussels", LANG_EN, TIMEFMT_SHORT_DATE, "22 Apr 2020");
    expect(APRIL_22, "Europe/Brussels", LANG_FR, TIMEFMT_SHORT_DATE, "22 avr. 2020");
    expect(APRIL_22, "Europe/Brussels", LANG_ES, TIMEFMT_SHORT_DATE, "22 abr 2020");
}

static void test_datetimes_carry_the_zone(void **state)
{
    (void)state;
    expect(APRIL_22, "Europe/Brussels", LANG_EN, TIMEFMT_DATETIME, "Wednesday, 22 April 2020 at 14:00 CEST");
    expect(APRIL_22, "Europe/Brussels", LANG_FR, TIMEFMT_DATETIME, "mercredi 22 avril 2020 à 14:00 CEST");
    expect(APRIL_22, "Europe/Brussels", LANG_ES, TIMEFMT_DATETIME, "miércoles, 22 de abril de 2020, 14:00 CEST");
    expect(APRIL_22, "America/New_York", LANG_EN, TIMEFMT_TIME, "08:00 EDT");
    expect(APRIL_22, "Asia/Kolkata", LANG_EN, TIMEFMT_TIME, "17:30 IST");
    expect(APRIL_22, "Africa/Nairobi", LANG_FR, TIMEFMT_TIME, "15:00 EAT");
    /* Numeric abbreviations become UTC offsets. */
    expect(APRIL_22, "Asia/Kathmandu", LANG_EN, TIMEFMT_TIME, "17:45 UTC+05:45");
    expect(APRIL_22, "America/Santiago", LANG_ES, TIMEFMT_TIME, "8:00 UTC-04:00"); /* after 5 April */
    expect(APRIL_22, "Etc/GMT+5", LANG_FR, TIMEFMT_TIME, "07:00 UTC-05:00");
    /* Chatham is already on Thursday. */
    expect(APRIL_22, "Pacific/Chatham", LANG_EN, TIMEFMT_DATETIME, "Thursday, 23 April 2020 at 00:45 UTC+12:45");
    expect(APRIL_22, "UTC", LANG_EN, TIMEFMT_TIME, "12:00 UTC");
}

/* The offset follows the instant, not the last call: the same formatter serves both seasons. */
static void test_offset_changes_between_calls(void **state)
{
    (void)state;
    int64_t january = APRIL_22 - 98 * 86400; /* 15 January 2020 */
    expect(january, "Europe/Brussels", LANG_FR, TIMEFMT_TIME, "13:00 CET");
    expect(APRIL_22, "Europe/Brussels", LANG_FR, TIMEFMT_TIME, "14:00 CEST");
    expect(january, "Europe/Brussels", LANG_FR, TIMEFMT_TIME, "13:00 CET");
    /* After 2037 the footer rule gives the offset. */
    expect(INT64_C(2224843200), "Europe/Brussels", LANG_EN, TIMEFMT_TIME, "14:00 CEST"); /* 2040-07-02 12:00Z */
}

/* A thread remembers what it formatted: asked again, in any order, the same instant in another
 * zone, language or style, or many instants that share memo slots, it answers as the first time. */
static void test_repeats_answer_as_the_first_time(void **state)
{
    (void)state;
    static const char *const zones[] = {"Europe/Brussels", "America/Sao_Paulo", "Asia/Kathmandu", "UTC", NULL};
    enum { N = 600 };
    static char first[N][5][TIMEFMT_MAX];
    for (int round = 0; round < 3; round++)
        for (int i = 0; i < N; i++)
            for (int z = 0; z < 5; z++) {
                int64_t at = APRIL_22 + (int64_t)i * 3600 * 7;
                enum lang lang = (enum lang)((i + z) % LANG_COUNT);
                enum timefmt_style style = (enum timefmt_style)((i / 3 + z) % TIMEFMT_STYLE_COUNT);
                char out[TIMEFMT_MAX];
                assert_non_null(timefmt_format(out, sizeof out, at, zones[z], lang, style));
                if (round == 0)
                    memcpy(first[i][z], out, sizeof out);
                else
                    assert_string_equal(out, first[i][z]);
            }
    expect(APRIL_22, "Europe/Brussels", LANG_EN, TIMEFMT_TIME, "14:00 CEST");
    expect(APRIL_22, "Europe/Brussels", LANG_FR, TIMEFMT_DATE, "mercredi 22 avril 2020");
    expect(APRIL_22, "Asia/Kolkata", LANG_EN, TIMEFMT_TIME, "17:30 IST");
    /* A remembered text still refuses a buffer too small for it. */
    char tiny[4];
    assert_null(timefmt_format(tiny, sizeof tiny, APRIL_22, "Europe/Brussels", LANG_EN, TIMEFMT_TIME));
    assert_string_equal(tiny, "");
}

static void test_unknown_zone_reads_as_utc(void **state)
{
    (void)state;
    expect(APRIL_22, "Not/AZone", LANG_EN, TIMEFMT_DATETIME, "Wednesday, 22 April 2020 at 12:00 UTC");
    expect(APRIL_22, NULL, LANG_EN, TIMEFMT_TIME, "12:00 UTC");
}

static void test_iso8601(void **state)
{
    (void)state;
    char out[TIMEFMT_MAX];
    assert_string_equal(timefmt_iso8601(out, sizeof out, APRIL_22), "2020-04-22T12:00:00Z");
    assert_string_equal(timefmt_iso8601(out, sizeof out, 0), "1970-01-01T00:00:00Z");
    assert_string_equal(timefmt_iso8601_local(out, sizeof out, APRIL_22, "Europe/Brussels"),
                        "2020-04-22T14:00:00+02:00");
    assert_string_equal(timefmt_iso8601_local(out, sizeof out, APRIL_22, "America/New_York"),
                        "2020-04-22T08:00:00-04:00");
    assert_string_equal(timefmt_iso8601_local(out, sizeof out, APRIL_22, "Asia/Kathmandu"),
                        "2020-04-22T17:45:00+05:45");
    assert_string_equal(timefmt_iso8601_local(out, sizeof out, APRIL_22, "Not/AZone"), "2020-04-22T12:00:00Z");
    /* Brussels kept local mean time, +00:17:30, until 1880. */
    assert_string_equal(timefmt_iso8601_local(out, sizeof out, INT64_C(-4102444800), "Europe/Brussels"),
                        "1840-01-01T00:17:30+00:17:30");
}

static void test_small_buffers(void **state)
{
    (void)state;
    char out[TIMEFMT_MAX];
    size_t full = strlen("miércoles, 22 de abril de 2020, 14:00 CEST");
    for (size_t n = 0; n <= full; n++) {
        memset(out, 'x', sizeof out);
        assert_null(timefmt_format(out, n, APRIL_22, "Europe/Brussels", LANG_ES, TIMEFMT_DATETIME));
        if (n > 0)
            assert_string_equal(out, "");
    }
    assert_non_null(timefmt_format(out, full + 1, APRIL_22, "Europe/Brussels", LANG_ES, TIMEFMT_DATETIME));
    assert_null(timefmt_iso8601(out, 20, APRIL_22));
    assert_non_null(timefmt_iso8601(out, 21, APRIL_22));
}

#define ROUNDS 1000

static atomic_int wrong;

struct job {
    enum lang lang;
    const char *zone;
    const char *want;
};

static const struct job jobs[] = {
    {LANG_EN, "Europe/Brussels", "Wednesday, 22 April 2020 at 14:00 CEST"},
    {LANG_FR, "America/New_York", "mercredi 22 avril 2020 à 08:00 EDT"},
    {LANG_ES, "Asia/Kathmandu", "miércoles, 22 de abril de 2020, 17:45 UTC+05:45"},
};

static void *format_worker(void *arg)
{
    const struct job *job = arg;
    char out[TIMEFMT_MAX];
    for (int i = 0; i < ROUNDS; i++) {
        const char *got = timefmt_format(out, sizeof out, APRIL_22, job->zone, job->lang, TIMEFMT_DATETIME);
        if (!got || strcmp(got, job->want) != 0)
            atomic_fetch_add(&wrong, 1);
    }
    return NULL;
}

static void test_threads_format_independently(void **state)
{
    (void)state;
    pthread_t threads[3];
    for (int i = 0; i < 3; i++)
        assert_int_equal(pthread_create(&threads[i], NULL, format_worker, (void *)&jobs[i]), 0);
    for (int i = 0; i < 3; i++)
        pthread_join(threads[i], NULL);
    assert_int_equal(atomic_load(&wrong), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates_in_each_language),
        cmocka_unit_test(test_datetimes_carry_the_zone),
        cmocka_unit_test(test_offset_changes_between_calls),
        cmocka_unit_test(test_repeats_answer_as_the_first_time),
        cmocka_unit_test(test_unknown_zone_reads_as_utc),
        cmocka_unit_test(test_iso8601),
        cmocka_unit_test(test_small_buffers),
        cmocka_unit_test(test_threads_format_independently),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
