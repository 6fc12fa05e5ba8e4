/* POSIX TZ rules, as found in TZif footers ("CET-1CEST,M3.5.0,M10.5.0/3"): parsing, the local time
 * type they give at an instant, and the proleptic Gregorian day arithmetic they need. This is
 * arithmetic on day numbers only; turning dates into text is ICU's job (timefmt.c). */
#include <string.h>

#include "i18n/tzif.h"

#define MAX_RULE_HOURS 167 /* TZif v3 allows rule times from -167 to 167 hours */

int64_t tzif_floor_div(int64_t a, int64_t d)
{
    return a / d - (a % d != 0 && (a < 0) != (d < 0));
}

int64_t tzif_floor_mod(int64_t a, int64_t d)
{
    return a - tzif_floor_div(a, d) * d;
}

static bool is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int tzif_days_in_month(int64_t year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

/* The two conversions below are Howard Hinnant's era-based algorithms ("chrono-Compatible
 * Low-Level Date Algorithms"), exact over the whole int64 day range we allow. */
int64_t tzif_days_from_civil(int64_t year, int month, int day)
{
    year -= month <= 2;
    int64_t era = tzif_floor_div(year, 400);
    int64_t yoe = year - era * 400;
    int64_t doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void tzif_civil_from_days(int64_t days, int64_t *year, int *month, int *day)
{
    days += 719468;
    int64_t era = tzif_floor_div(days, 146097);
    int64_t doe = days - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *day = (int)(doy - (153 * mp + 2) / 5 + 1);
    *month = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = yoe + era * 400 + (*month <= 2);
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* A decimal number of at most three digits within [min, max]; NULL when there is none. */
static const char *parse_num(const char *s, int min, int max, int *out)
{
    int v = 0, nd = 0;
    while (is_digit(*s) && nd < 3)
        v = v * 10 + (*s++ - '0'), nd++;
    if (nd == 0 || is_digit(*s) || v < min || v > max)
        return NULL;
    *out = v;
    return s;
}

/* An abbreviation: three or more letters, or anything alphanumeric, '+' or '-' inside <>. */
static const char *parse_abbr(const char *s, char abbr[TZIF_ABBR_MAX])
{
    const char *start = s;
    if (*s == '<') {
        start = ++s;
        while (is_alpha(*s) || is_digit(*s) || *s == '+' || *s == '-')
            s++;
        if (*s != '>')
            return NULL;
    } else {
        while (is_alpha(*s))
            s++;
    }
    size_t n = (size_t)(s - start);
    if (n < 3 || n >= TZIF_ABBR_MAX)
        return NULL;
    memcpy(abbr, start, n);
    abbr[n] = '\0';
    return *s == '>' ? s + 1 : s;
}

/* [+-]hh[:mm[:ss]] in seconds, with hh at most max_hours. */
static const char *parse_hms(const char *s, int max_hours, int32_t *out)
{
    int sign = *s == '-' ? -1 : 1;
    if (*s == '+' || *s == '-')
        s++;
    int h, m = 0, sec = 0;
    s = parse_num(s, 0, max_hours, &h);
    if (s && *s == ':' && (s = parse_num(s + 1, 0, 59, &m)) && *s == ':')
        s = parse_num(s + 1, 0, 59, &sec);
    if (s)
        *out = sign * (h * 3600 + m * 60 + sec);
    return s;
}

static const char *parse_date(const char *s, struct tzif_rule_date *d)
{
    memset(d, 0, sizeof *d);
    d->time = 2 * 3600; /* POSIX default */
    if (*s == 'J') {
        d->kind = 'J';
        s = parse_num(s + 1, 1, 365, &d->n);
    } else if (*s == 'M') {
        d->kind = 'M';
        if ((s = parse_num(s + 1, 1, 12, &d->month)) && *s == '.' && (s = parse_num(s + 1, 1, 5, &d->week)) &&
            *s == '.')
            s = parse_num(s + 1, 0, 6, &d->wday);
        else
            s = NULL;
    } else {
        d->kind = 'D';
        s = parse_num(s, 0, 365, &d->n);
    }
    if (s && *s == '/')
        s = parse_hms(s + 1, MAX_RULE_HOURS, &d->time);
    return s;
}

int tzif_rule_parse(const char *s, struct tzif_rule *out)
{
    int32_t off;
    memset(out, 0, sizeof *out);
    if (!(s = parse_abbr(s, out->std.abbr)) || !(s = parse_hms(s, 24, &off)))
        return -1;
    out->std.utoff = -off; /* POSIX offsets count hours west of Greenwich */
    out->dst = out->std;
    if (*s == '\0')
        return 0;
    if (!(s = parse_abbr(s, out->dst.abbr)))
        return -1;
    out->has_dst = out->dst.isdst = true;
    out->dst.utoff = out->std.utoff + 3600;
    if (*s != ',' && *s != '\0') {
        if (!(s = parse_hms(s, 24, &off)))
            return -1;
        out->dst.utoff = -off;
    }
    if (*s == '\0') /* no rule given: POSIX leaves it to the implementation; use today's US one */
        s = ",M3.2.0,M11.1.0";
    if (*s != ',' || !(s = parse_date(s + 1, &out->start)) || *s != ',' || !(s = parse_date(s + 1, &out->end)) ||
        *s != '\0')
        return -1;
    return 0;
}

/* Day number of a rule date in year. */
static int64_t rule_day(const struct tzif_rule_date *d, int64_t year)
{
    int64_t jan1 = tzif_days_from_civil(year, 1, 1);
    if (d->kind == 'J')
        return jan1 + d->n - 1 + (is_leap(year) && d->n >= 60);
    if (d->kind == 'D')
        return jan1 + d->n;
    int64_t first = tzif_days_from_civil(year, d->month, 1);
    int64_t wday_first = tzif_floor_mod(first + 4, 7); /* 1970-01-01 was a Thursday */
    int64_t day = tzif_floor_mod(d->wday - wday_first, 7) + (d->week - 1) * 7;
    while (day >= tzif_days_in_month(year, d->month))
        day -= 7; /* week 5 means the last such weekday */
    return first + day;
}

/* The instant of a switch: its wall time is read in the offset in force just before it. */
static int64_t rule_instant(const struct tzif_rule_date *d, int64_t year, int32_t utoff_before)
{
    return rule_day(d, year) * 86400 + d->time - utoff_before;
}

const struct tzif_type *tzif_rule_lookup(const struct tzif_rule *r, int64_t utc)
{
    if (!r->has_dst)
        return &r->std;
    utc = utc > TZIF_UTC_LIMIT ? TZIF_UTC_LIMIT : utc < -TZIF_UTC_LIMIT ? -TZIF_UTC_LIMIT : utc;
    int64_t year;
    int month, day;
    tzif_civil_from_days(tzif_floor_div(utc + r->std.utoff, 86400), &year, &month, &day);
    /* The latest switch at or before utc among three years decides, which copes with southern
     * rules (start after end), times past midnight and the "0/0,J365/25" all-year DST idiom; when a
     * start and an end coincide the start wins, as that idiom needs. */
    const struct tzif_type *in_force = &r->std;
    int64_t latest = INT64_MIN;
    for (int64_t y = year - 1; y <= year + 1; y++) {
        int64_t end = rule_instant(&r->end, y, r->dst.utoff);
        int64_t start = rule_instant(&r->start, y, r->std.utoff);
        if (end <= utc && end >= latest) {
            latest = end;
            in_force = &r->std;
        }
        if (start <= utc && start >= latest) {
            latest = start;
            in_force = &r->dst;
        }
    }
    return in_force;
}
