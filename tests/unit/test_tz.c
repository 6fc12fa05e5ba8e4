/* Unit tests of src/i18n/tz.c: offsets across zones whose DST changes differ, southern and
 * fractional zones, gap and overlap resolution, zone-name validation, footer rules after 2037, and
 * hand-made and zic-made ("slim") TZif files; glibc's localtime_r serves as an independent oracle. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ftw.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n/tz.h"

#define HOUR 3600

/* Unix time of a UTC date and time, computed by glibc rather than by the code under test. */
static int64_t utc(int y, int mo, int d, int h, int mi)
{
    struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi};
    return (int64_t)timegm(&tm);
}

static int offset_of(const char *zone, int64_t t)
{
    int off = -1;
    assert_int_equal(tz_offset(zone, t, &off, NULL), 0);
    return off;
}

static void expect_offset(const char *zone, int64_t t, int want, const char *want_abbr)
{
    int off;
    char abbr[TZ_ABBR_MAX];
    assert_int_equal(tz_offset(zone, t, &off, abbr), 0);
    if (off != want || strcmp(abbr, want_abbr) != 0)
        print_error("%s at %lld: got %d %s, want %d %s\n", zone, (long long)t, off, abbr, want, want_abbr);
    assert_int_equal(off, want);
    assert_string_equal(abbr, want_abbr);
}

static void expect_local(const char *zone, int64_t t, int y, int mo, int d, int h, int mi)
{
    struct civil c;
    tz_utc_to_local(zone, t, &c);
    if (c.year != y || c.month != mo || c.day != d || c.hour != h || c.minute != mi)
        print_error("%s: got %04d-%02d-%02d %02d:%02d\n", zone, c.year, c.month, c.day, c.hour, c.minute);
    assert_true(c.year == y && c.month == mo && c.day == d && c.hour == h && c.minute == mi);
}

static int64_t to_utc(const char *zone, int y, int mo, int d, int h, int mi)
{
    struct civil c = {y, mo, d, h, mi, 0};
    int64_t t = 0;
    assert_int_equal(tz_local_to_utc(zone, &c, &t), 0);
    return t;
}

/* Between 10 March (US switch) and 31 March 2024 (EU switch) Brussels is 5 h ahead of New York,
 * not 6; the same in the autumn between 27 October and 3 November. */
static void test_brussels_seen_from_new_york(void **state)
{
    (void)state;
    int64_t event = to_utc("Europe/Brussels", 2024, 3, 20, 18, 0);
    assert_int_equal(event, utc(2024, 3, 20, 17, 0));
    expect_local("America/New_York", event, 2024, 3, 20, 13, 0);
    expect_offset("Europe/Brussels", event, 1 * HOUR, "CET");
    expect_offset("America/New_York", event, -4 * HOUR, "EDT");
    assert_int_equal(offset_of("Europe/Brussels", utc(2024, 3, 5, 12, 0)) -
                         offset_of("America/New_York", utc(2024, 3, 5, 12, 0)),
                     6 * HOUR);
    assert_int_equal(offset_of("Europe/Brussels", utc(2024, 4, 5, 12, 0)) -
                         offset_of("America/New_York", utc(2024, 4, 5, 12, 0)),
                     6 * HOUR);
    int64_t autumn = to_utc("Europe/Brussels", 2024, 10, 30, 18, 0);
    expect_local("America/New_York", autumn, 2024, 10, 30, 13, 0);
    assert_int_equal(offset_of("Europe/Brussels", utc(2024, 11, 5, 12, 0)) -
                         offset_of("America/New_York", utc(2024, 11, 5, 12, 0)),
                     6 * HOUR);
    /* The switches themselves, to the second. */
    expect_offset("Europe/Brussels", utc(2024, 3, 31, 1, 0) - 1, 1 * HOUR, "CET");
    expect_offset("Europe/Brussels", utc(2024, 3, 31, 1, 0), 2 * HOUR, "CEST");
    expect_offset("America/New_York", utc(2024, 11, 3, 6, 0) - 1, -4 * HOUR, "EDT");
    expect_offset("America/New_York", utc(2024, 11, 3, 6, 0), -5 * HOUR, "EST");
}

static void test_southern_hemisphere(void **state)
{
    (void)state;
    expect_offset("Australia/Sydney", utc(2024, 1, 15, 0, 0), 11 * HOUR, "AEDT");
    expect_offset("Australia/Sydney", utc(2024, 7, 15, 0, 0), 10 * HOUR, "AEST");
    /* Sydney leaves DST on 7 April 2024 at 03:00 local, 16:00 UTC the day before. */
    expect_offset("Australia/Sydney", utc(2024, 4, 6, 16, 0) - 1, 11 * HOUR, "AEDT");
    expect_offset("Australia/Sydney", utc(2024, 4, 6, 16, 0), 10 * HOUR, "AEST");
    /* Santiago: -03 in the southern summer, -04 in winter; 2024 switches on 7 April and 8 September,
     * both at 24:00 on the Saturday. */
    expect_offset("America/Santiago", utc(2024, 1, 15, 12, 0), -3 * HOUR, "-03");
    expect_offset("America/Santiago", utc(2024, 7, 15, 12, 0), -4 * HOUR, "-04");
    expect_offset("America/Santiago", utc(2024, 4, 7, 3, 0) - 1, -3 * HOUR, "-03");
    expect_offset("America/Santiago", utc(2024, 4, 7, 3, 0), -4 * HOUR, "-04");
    expect_offset("America/Santiago", utc(2024, 9, 8, 4, 0), -3 * HOUR, "-03");
    /* A Brussels evening is the same Santiago afternoon whatever the season, at a different time. */
    expect_local("America/Santiago", to_utc("Europe/Brussels", 2024, 1, 15, 18, 0), 2024, 1, 15, 14, 0);
    expect_local("America/Santiago", to_utc("Europe/Brussels", 2024, 7, 15, 18, 0), 2024, 7, 15, 12, 0);
}

static void test_fractional_offsets(void **state)
{
    (void)state;
    int64_t t = utc(2024, 1, 15, 12, 0);
    expect_offset("Asia/Kolkata", t, 5 * HOUR + 1800, "IST");
    expect_offset("Asia/Kathmandu", t, 5 * HOUR + 2700, "+0545");
    expect_offset("Pacific/Chatham", t, 13 * HOUR + 2700, "+1345");
    expect_offset("Pacific/Chatham", utc(2024, 7, 15, 12, 0), 12 * HOUR + 2700, "+1245");
    expect_local("Asia/Kathmandu", t, 2024, 1, 15, 17, 45);
    expect_local("Pacific/Chatham", t, 2024, 1, 16, 1, 45);
}

static void test_zones_without_dst(void **state)
{
    (void)state;
    for (int month = 1; month <= 12; month++) {
        expect_offset("Africa/Nairobi", utc(2024, month, 10, 12, 0), 3 * HOUR, "EAT");
        expect_offset("Asia/Tokyo", utc(2024, month, 10, 12, 0), 9 * HOUR, "JST");
    }
}

static void test_gap_resolves_after(void **state)
{
    (void)state;
    int64_t t = to_utc("Europe/Brussels", 2024, 3, 31, 2, 30); /* does not exist */
    assert_int_equal(t, utc(2024, 3, 31, 1, 30));
    expect_local("Europe/Brussels", t, 2024, 3, 31, 3, 30);
    t = to_utc("America/New_York", 2024, 3, 10, 2, 30);
    expect_local("America/New_York", t, 2024, 3, 10, 3, 30);
    /* Just either side of the gap. */
    assert_int_equal(to_utc("Europe/Brussels", 2024, 3, 31, 1, 59), utc(2024, 3, 31, 0, 59));
    assert_int_equal(to_utc("Europe/Brussels", 2024, 3, 31, 3, 0), utc(2024, 3, 31, 1, 0));
}

static void test_overlap_resolves_earlier(void **state)
{
    (void)state;
    /* 02:30 happens twice in Brussels on 27 October 2024: first in CEST. */
    assert_int_equal(to_utc("Europe/Brussels", 2024, 10, 27, 2, 30), utc(2024, 10, 27, 0, 30));
    assert_int_equal(to_utc("America/New_York", 2024, 11, 3, 1, 30), utc(2024, 11, 3, 5, 30));
    assert_int_equal(to_utc("Australia/Sydney", 2024, 4, 7, 2, 30), utc(2024, 4, 6, 15, 30));
    assert_int_equal(to_utc("Europe/Brussels", 2024, 10, 27, 3, 0), utc(2024, 10, 27, 2, 0));
}

static void test_invalid_civil_times(void **state)
{
    (void)state;
    static const struct civil bad[] = {
        {2024, 2, 30, 12, 0, 0}, {2023, 2, 29, 12, 0, 0}, {2024, 4, 31, 0, 0, 0}, {2024, 13, 1, 0, 0, 0},
        {2024, 0, 1, 0, 0, 0},   {2024, 1, 0, 0, 0, 0},   {2024, 1, 1, 24, 0, 0}, {2024, 1, 1, 12, 60, 0},
        {2024, 1, 1, 12, 0, 60}, {2024, 1, 1, -1, 0, 0},  {0, 1, 1, 0, 0, 0},     {10000, 1, 1, 0, 0, 0},
    };
    int64_t t = 42;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(tz_local_to_utc("Europe/Brussels", &bad[i], &t), -2);
    assert_int_equal(t, 42);
    struct civil leap_day = {2024, 2, 29, 12, 0, 0};
    assert_int_equal(tz_local_to_utc("Europe/Brussels", &leap_day, &t), 0);
    assert_int_equal(tz_local_to_utc("Not/AZone", &leap_day, &t), -1);
}

static void test_zone_names(void **state)
{
    (void)state;
    static const char *const rejected[] = {
        "../etc/passwd",
        "",
        "/etc/passwd",
        "Not/AZone",
        "Europe/../../etc/passwd",
        "Europe/",
        "Europe//Brussels",
        "./UTC",
        "Europe/.Brussels",
        "Europe",
        "zone.tab",
        "Europe/Brussels ",
        "Europe\\Brussels",
        "Europe/Brussels\n",
        "right/Europe/Brussels",
    };
    for (size_t i = 0; i < sizeof rejected / sizeof rejected[0]; i++) {
        if (tz_valid(rejected[i]))
            print_error("accepted \"%s\"\n", rejected[i]);
        assert_false(tz_valid(rejected[i]));
    }
    assert_false(tz_valid(NULL));
    static const char *const accepted[] = {"UTC", "Europe/Brussels", "America/Argentina/Buenos_Aires", "Etc/GMT+5",
                                           "America/Port-au-Prince"};
    for (size_t i = 0; i < sizeof accepted / sizeof accepted[0]; i++)
        assert_true(tz_valid(accepted[i]));
    int off = 99;
    char abbr[TZ_ABBR_MAX];
    assert_int_equal(tz_offset("../etc/passwd", 0, &off, abbr), -1);
    assert_int_equal(off, 0);
    assert_string_equal(abbr, "UTC");
    expect_local("Not/AZone", utc(2024, 5, 1, 10, 0), 2024, 5, 1, 10, 0);
}

/* After 2037 fat files have no transitions left: the footer rule decides. */
static void test_after_2037(void **state)
{
    (void)state;
    expect_offset("Europe/Brussels", utc(2040, 7, 1, 12, 0), 2 * HOUR, "CEST");
    expect_offset("Europe/Brussels", utc(2040, 1, 15, 12, 0), 1 * HOUR, "CET");
    expect_offset("Australia/Sydney", utc(2050, 1, 15, 12, 0), 11 * HOUR, "AEDT");
    expect_offset("America/New_York", utc(2100, 7, 4, 12, 0), -4 * HOUR, "EDT");
    /* Last Sunday of March 2045 is the 26th. */
    expect_offset("Europe/Brussels", utc(2045, 3, 26, 1, 0) - 1, 1 * HOUR, "CET");
    expect_offset("Europe/Brussels", utc(2045, 3, 26, 1, 0), 2 * HOUR, "CEST");
    assert_int_equal(to_utc("Europe/Brussels", 2045, 3, 26, 2, 30), utc(2045, 3, 26, 1, 30));
    assert_int_equal(to_utc("Europe/Brussels", 2045, 10, 29, 2, 30), utc(2045, 10, 29, 0, 30));
    expect_local("Europe/Brussels", utc(9999, 12, 31, 23, 0), 9999, 12, 31, 23, 59); /* clamped */
}

/* Found by the fuzz target tests/fuzz/fuzz_tz.c: at the ends of int64 the instant plus the zone's
 * offset overflowed (undefined behaviour; in practice it wrapped to the other end of the clamp). */
static void test_extreme_instants_clamp(void **state)
{
    (void)state;
    expect_local("Africa/Dakar", INT64_MIN, 1, 1, 1, 0, 0);          /* LMT is west of UTC */
    expect_local("Asia/Kathmandu", INT64_MAX, 9999, 12, 31, 23, 59); /* east of UTC */
    expect_local("America/Bogota", INT64_MIN + 1, 1, 1, 1, 0, 0);
    expect_local("Pacific/Kiritimati", INT64_MAX - 1, 9999, 12, 31, 23, 59);
}

static void test_before_first_transition(void **state)
{
    (void)state;
    expect_offset("Europe/Brussels", utc(1850, 1, 1, 0, 0), 1050, "LMT"); /* +00:17:30 */
}

/* Compares with glibc, which reads the same files, for every listed zone from 1970 to 2100. */
static void test_matches_glibc(void **state)
{
    (void)state;
    const char **zones;
    size_t n = tz_list(&zones);
    char *saved = getenv("TZ") ? strdup(getenv("TZ")) : NULL;
    for (size_t i = 0; i < n; i++) {
        char tzvar[160];
        snprintf(tzvar, sizeof tzvar, ":%s", zones[i]);
        setenv("TZ", tzvar, 1);
        tzset();
        for (int64_t t = 0; t < utc(2100, 1, 1, 0, 0); t += 86400 * 37 + 3917) {
            time_t tt = (time_t)t;
            struct tm tm;
            int off;
            char abbr[TZ_ABBR_MAX];
            localtime_r(&tt, &tm);
            tz_offset(zones[i], t, &off, abbr);
            if (off != tm.tm_gmtoff || strcmp(abbr, tm.tm_zone) != 0)
                print_error("%s at %lld: %d %s, glibc %ld %s\n", zones[i], (long long)t, off, abbr, tm.tm_gmtoff,
                            tm.tm_zone);
            assert_int_equal(off, tm.tm_gmtoff);
            assert_string_equal(abbr, tm.tm_zone);
        }
    }
    if (saved)
        setenv("TZ", saved, 1);
    else
        unsetenv("TZ");
    free(saved);
    tzset();
}

static void test_list(void **state)
{
    (void)state;
    const char **zones;
    size_t n = tz_list(&zones);
    assert_true(n > 300);
    assert_null(zones[n]);
    bool brussels = false, dakar = false, utc_zone = false;
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            assert_true(strcmp(zones[i - 1], zones[i]) < 0);
        brussels |= strcmp(zones[i], "Europe/Brussels") == 0;
        dakar |= strcmp(zones[i], "Africa/Dakar") == 0;
        utc_zone |= strcmp(zones[i], "UTC") == 0;
    }
    assert_true(brussels && dakar && utc_zone);
    const char **again;
    assert_int_equal(tz_list(&again), n);
    assert_ptr_equal(again, zones);
}

struct worker {
    const char **zones;
    size_t n, start;
    int errors;
};

static void *offsets_worker(void *arg)
{
    struct worker *w = arg;
    for (size_t k = 0; k < w->n; k++) {
        const char *zone = w->zones[(w->start + k) % w->n];
        int a, b;
        if (tz_offset(zone, 1700000000, &a, NULL) || tz_offset(zone, 1700000000, &b, NULL) || a != b)
            w->errors++;
    }
    return NULL;
}

/* First in the list, so that the threads fill the cache while racing each other. */
static void test_threads_share_the_cache(void **state)
{
    (void)state;
    const char **zones;
    size_t n = tz_list(&zones);
    pthread_t threads[4];
    struct worker workers[4];
    for (size_t i = 0; i < 4; i++) {
        workers[i] = (struct worker){zones, n, i * n / 4, 0};
        assert_int_equal(pthread_create(&threads[i], NULL, offsets_worker, &workers[i]), 0);
    }
    for (size_t i = 0; i < 4; i++) {
        pthread_join(threads[i], NULL);
        assert_int_equal(workers[i].errors, 0);
    }
}

/* Hand-made and zic-made files, in a temporary TZDIR. */
static char tzdir[] = "/tmp/dxhub-tz-XXXXXX";
static char *saved_tzdir;

struct test_type {
    int32_t utoff;
    int isdst;
    const char *abbr;
};

static void put32(FILE *f, uint32_t v)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        fputc((int)(v >> shift & 0xff), f);
}

/* The bytes of a TZif file (free() them) of version '\0' (1), '2' or '3': transition times[i]
 * switches to types[idx[i]]; version 2+ files repeat the data with 64-bit times and end with the
 * footer line. */
static char *build_tzif(size_t *len, char version, const int64_t *times, const uint8_t *idx, size_t ntimes,
                        const struct test_type *types, size_t ntypes, const char *footer)
{
    char chars[64], *buf;
    uint8_t desig[8];
    size_t nchars = 0;
    for (size_t i = 0; i < ntypes; i++) {
        desig[i] = (uint8_t)nchars;
        memcpy(chars + nchars, types[i].abbr, strlen(types[i].abbr) + 1);
        nchars += strlen(types[i].abbr) + 1;
    }
    FILE *f = open_memstream(&buf, len);
    for (int block = 0; block < (version ? 2 : 1); block++) {
        fwrite("TZif", 1, 4, f);
        fputc(version, f);
        for (int i = 0; i < 15; i++)
            fputc(0, f);
        const uint32_t counts[6] = {0, 0, 0, (uint32_t)ntimes, (uint32_t)ntypes, (uint32_t)nchars};
        for (int i = 0; i < 6; i++)
            put32(f, counts[i]);
        for (size_t i = 0; i < ntimes; i++) {
            if (block)
                put32(f, (uint32_t)((uint64_t)times[i] >> 32));
            put32(f, (uint32_t)times[i]);
        }
        for (size_t i = 0; i < ntimes; i++)
            fputc(idx[i], f);
        for (size_t i = 0; i < ntypes; i++) {
            put32(f, (uint32_t)types[i].utoff);
            fputc(types[i].isdst, f);
            fputc(desig[i], f);
        }
        fwrite(chars, 1, nchars, f);
    }
    if (version)
        fprintf(f, "\n%s\n", footer);
    fclose(f);
    return buf;
}

static void save(const char *name, const char *data, size_t len)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", tzdir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

/* A version 3 file with no transitions: the footer alone decides. */
static void save_rule(const char *name, const char *footer)
{
    static const struct test_type std = {0, 0, "UTC"};
    size_t len;
    char *data = build_tzif(&len, '3', NULL, NULL, 0, &std, 1, footer);
    save(name, data, len);
    free(data);
}

static int use_test_tzdir(void **state)
{
    (void)state;
    return setenv("TZDIR", tzdir, 1);
}

static int use_system_tzdir(void **state)
{
    (void)state;
    return unsetenv("TZDIR");
}

static void test_footer_rules(void **state)
{
    (void)state;
    save_rule("eu", "CET-1CEST,M3.5.0,M10.5.0/3");
    expect_offset("eu", utc(2024, 3, 31, 1, 0) - 1, 1 * HOUR, "CET");
    expect_offset("eu", utc(2024, 3, 31, 1, 0), 2 * HOUR, "CEST");
    expect_offset("eu", utc(2024, 10, 27, 1, 0) - 1, 2 * HOUR, "CEST");
    expect_offset("eu", utc(2024, 10, 27, 1, 0), 1 * HOUR, "CET");
    expect_offset("eu", utc(1900, 7, 1, 0, 0), 2 * HOUR, "CEST");
    /* Southern: DST from the first Saturday of September to the first Saturday of April, at 24:00. */
    save_rule("santiago", "<-04>4<-03>,M9.1.6/24,M4.1.6/24");
    expect_offset("santiago", utc(2024, 4, 7, 3, 0) - 1, -3 * HOUR, "-03");
    expect_offset("santiago", utc(2024, 4, 7, 3, 0), -4 * HOUR, "-04");
    expect_offset("santiago", utc(2024, 9, 8, 4, 0) - 1, -4 * HOUR, "-04");
    expect_offset("santiago", utc(2024, 9, 8, 4, 0), -3 * HOUR, "-03");
    expect_offset("santiago", utc(2024, 12, 31, 23, 0), -3 * HOUR, "-03");
    /* TZif v3: a negative switch time (Greenland), and all-year DST. */
    save_rule("nuuk", "<-02>2<-01>,M3.5.0/-1,M10.5.0/0");
    expect_offset("nuuk", utc(2024, 3, 31, 1, 0) - 1, -2 * HOUR, "-02");
    expect_offset("nuuk", utc(2024, 3, 31, 1, 0), -1 * HOUR, "-01");
    expect_offset("nuuk", utc(2024, 10, 27, 1, 0), -2 * HOUR, "-02");
    save_rule("always", "EST5EDT,0/0,J365/25");
    for (int month = 1; month <= 12; month++)
        expect_offset("always", utc(2030, month, 1, 0, 0), -4 * HOUR, "EDT");
    expect_offset("always", utc(2031, 1, 1, 4, 30), -4 * HOUR, "EDT");
    /* Jn never counts 29 February, n does: in 2024 J60 is 1 March and 59 is 29 February. */
    save_rule("julian", "AAA0BBB,J60/0,J300/0");
    save_rule("zero_based", "AAA0BBB,59/0,299/0");
    expect_offset("julian", utc(2024, 2, 29, 12, 0), 0, "AAA");
    expect_offset("julian", utc(2024, 3, 1, 0, 0), 1 * HOUR, "BBB");
    expect_offset("zero_based", utc(2024, 2, 29, 12, 0), 1 * HOUR, "BBB");
    save_rule("fixed", "<+0545>-5:45");
    expect_offset("fixed", utc(2024, 6, 1, 0, 0), 5 * HOUR + 2700, "+0545");
    save_rule("us_default", "EST5EDT"); /* no rule: today's US one */
    expect_offset("us_default", utc(2024, 3, 10, 7, 0), -4 * HOUR, "EDT");
    expect_offset("us_default", utc(2024, 11, 3, 6, 0), -5 * HOUR, "EST");
}

static void test_transitions_without_footer(void **state)
{
    (void)state;
    static const struct test_type types[] = {{1000, 0, "LMT"}, {3600, 0, "AAA"}, {7200, 1, "BBB"}};
    static const int64_t times[] = {0, 1000000, 2000000};
    static const uint8_t idx[] = {1, 2, 1};
    size_t len;
    char *v1 = build_tzif(&len, '\0', times, idx, 3, types, 3, NULL);
    save("v1", v1, len);
    free(v1);
    char *v2 = build_tzif(&len, '2', times, idx, 3, types, 3, ""); /* empty footer */
    save("v2", v2, len);
    free(v2);
    for (int i = 0; i < 2; i++) {
        const char *zone = i ? "v2" : "v1";
        expect_offset(zone, -1, 1000, "LMT");
        expect_offset(zone, 0, 3600, "AAA");
        expect_offset(zone, 1500000, 7200, "BBB");
        expect_offset(zone, INT64_C(3000000000), 3600, "AAA");
    }
}

static void test_malformed_files(void **state)
{
    (void)state;
    static const struct test_type types[] = {{3600, 0, "AAA"}, {7200, 1, "BBB"}};
    static const int64_t times[] = {0, 1000000};
    static const uint8_t idx[] = {1, 0};
    size_t len;
    char *good = build_tzif(&len, '2', times, idx, 2, types, 2, "AAA-1");
    char *bad = malloc(len);
    save("good", good, len);
    assert_true(tz_valid("good"));
    struct {
        size_t at;
        char byte;
        size_t len;
    } cases[] = {
        {1, 'X', len},       /* magic */
        {4, '5', len},       /* version */
        {31, 1, len},        /* a leap second in the v1 header */
        {0, 'T', len - 1},   /* footer without its final newline */
        {0, 'T', 60},        /* truncated */
        {len - 3, '#', len}, /* footer "AAA#1": not a POSIX TZ string */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        memcpy(bad, good, len);
        bad[cases[i].at] = cases[i].byte;
        save("bad", bad, cases[i].len);
        if (tz_valid("bad"))
            print_error("case %zu accepted\n", i);
        assert_false(tz_valid("bad"));
    }
    free(bad);
    free(good);
    static const uint8_t bad_idx[] = {1, 2};
    static const int64_t unsorted[] = {1000000, 0};
    good = build_tzif(&len, '2', times, bad_idx, 2, types, 2, "AAA-1");
    save("bad_index", good, len);
    free(good);
    good = build_tzif(&len, '2', unsorted, idx, 2, types, 2, "AAA-1");
    save("unsorted", good, len);
    free(good);
    assert_false(tz_valid("bad_index"));
    assert_false(tz_valid("unsorted"));
}

/* zic -b slim keeps only the transitions the footer cannot give, as some systems ship; the offsets
 * must match the system's fat files from 1970 to 2037. (Fat files stop listing transitions in 2037
 * and approximate the rest with the footer, which is wrong for zones like Asia/Gaza whose future
 * changes tzdata lists one by one, so later years may rightly differ.) */
static void test_slim_files_match_fat_ones(void **state)
{
    (void)state;
    const char *zic = access("/usr/sbin/zic", X_OK) == 0 ? "/usr/sbin/zic" : "zic";
    char cmd[512];
    snprintf(cmd, sizeof cmd, "%s -b slim -d %s/slim /usr/share/zoneinfo/tzdata.zi 2>/dev/null", zic, tzdir);
    if (access("/usr/share/zoneinfo/tzdata.zi", R_OK) != 0 || system(cmd) != 0)
        skip();
    char slim_dir[128];
    snprintf(slim_dir, sizeof slim_dir, "%s/slim", tzdir);
    const char **zones;
    size_t n = tz_list(&zones);
    for (size_t i = 0; i < n; i++) {
        for (int64_t t = 0; t < utc(2037, 1, 1, 0, 0); t += 86400 * 23 + 7919) {
            int fat, slim;
            char fat_abbr[TZ_ABBR_MAX], slim_abbr[TZ_ABBR_MAX];
            unsetenv("TZDIR");
            assert_int_equal(tz_offset(zones[i], t, &fat, fat_abbr), 0);
            setenv("TZDIR", slim_dir, 1);
            assert_int_equal(tz_offset(zones[i], t, &slim, slim_abbr), 0);
            if (fat != slim || strcmp(fat_abbr, slim_abbr) != 0)
                print_error("%s at %lld: fat %d %s, slim %d %s\n", zones[i], (long long)t, fat, fat_abbr, slim,
                            slim_abbr);
            assert_int_equal(fat, slim);
            assert_string_equal(fat_abbr, slim_abbr);
        }
    }
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static int group_setup(void **state)
{
    (void)state;
    const char *old = getenv("TZDIR");
    saved_tzdir = old ? strdup(old) : NULL;
    unsetenv("TZDIR");
    return mkdtemp(tzdir) ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    nftw(tzdir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    if (saved_tzdir)
        setenv("TZDIR", saved_tzdir, 1);
    free(saved_tzdir);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads_share_the_cache),
        cmocka_unit_test(test_brussels_seen_from_new_york),
        cmocka_unit_test(test_southern_hemisphere),
        cmocka_unit_test(test_fractional_offsets),
        cmocka_unit_test(test_zones_without_dst),
        cmocka_unit_test(test_gap_resolves_after),
        cmocka_unit_test(test_overlap_resolves_earlier),
        cmocka_unit_test(test_invalid_civil_times),
        cmocka_unit_test(test_zone_names),
        cmocka_unit_test(test_after_2037),
        cmocka_unit_test(test_extreme_instants_clamp),
        cmocka_unit_test(test_before_first_transition),
        cmocka_unit_test(test_matches_glibc),
        cmocka_unit_test(test_list),
        cmocka_unit_test_setup_teardown(test_footer_rules, use_test_tzdir, use_system_tzdir),
        cmocka_unit_test_setup_teardown(test_transitions_without_footer, use_test_tzdir, use_system_tzdir),
        cmocka_unit_test_setup_teardown(test_malformed_files, use_test_tzdir, use_system_tzdir),
        cmocka_unit_test_setup_teardown(test_slim_files_match_fat_ones, NULL, use_system_tzdir),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
