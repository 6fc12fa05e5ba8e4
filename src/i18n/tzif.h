/* Internal to src/i18n: a parsed TZif zone file (RFC 8536, versions 1 to 4), the POSIX TZ rule
 * from its footer, and the proleptic Gregorian day arithmetic both need. Only tz.c uses it;
 * everything else goes through tz.h. */
#ifndef DXHUB_I18N_TZIF_H
#define DXHUB_I18N_TZIF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TZIF_ABBR_MAX 16

/* Instants are clamped to this many seconds either side of the epoch (about year ±316,000) so that
 * no sum of an instant and an offset can overflow. */
#define TZIF_UTC_LIMIT INT64_C(10000000000000)

/* One kind of local time: offset east of UTC, whether it is daylight time, and its abbreviation. */
struct tzif_type {
    int32_t utoff;
    bool isdst;
    char abbr[TZIF_ABBR_MAX];
};

/* When a POSIX rule switches: kind 'J' is day n (1..365, 29 February never counted), 'D' is day n
 * (0..365, counting 29 February), 'M' is weekday wday (0 = Sunday) of week (1..4, 5 = last) of
 * month; time is seconds after local midnight and may be negative or beyond 24 h (TZif v3). */
struct tzif_rule_date {
    char kind;
    int n, month, week, wday;
    int32_t time;
};

/* A POSIX TZ string such as "CET-1CEST,M3.5.0,M10.5.0/3" or "<+0545>-5:45". */
struct tzif_rule {
    struct tzif_type std, dst;
    bool has_dst;
    struct tzif_rule_date start, end;
};

struct tzif {
    size_t ntimes;
    int64_t *times; /* transition instants, strictly ascending */
    uint8_t *idx;   /* type in force from times[i] on */
    size_t ntypes;
    struct tzif_type *types;
    bool has_rule; /* the footer's rule governs instants after the last transition */
    struct tzif_rule rule;
};

/* Parses a whole TZif file held in data[0..len). Returns 0 with *out filled (release it with
 * tzif_free), or -1 when the bytes are not a well-formed TZif file; files with leap-second
 * records ("right/" zones) are refused too, since their instants are not Unix time. */
int tzif_parse(const unsigned char *data, size_t len, struct tzif *out);

/* Frees what tzif_parse allocated; the struct may be reused afterwards. */
void tzif_free(struct tzif *z);

/* The local time type in force at instant utc (clamped to ±TZIF_UTC_LIMIT). Before the first
 * transition that is type 0 (RFC 8536 §3.2); after the last, the footer rule when there is one.
 * The pointer is into z and lives as long as it. */
const struct tzif_type *tzif_lookup(const struct tzif *z, int64_t utc);

/* Parses a POSIX TZ string (the TZif footer syntax, with the v3 extensions). Returns 0 or -1. */
int tzif_rule_parse(const char *s, struct tzif_rule *out);

/* The type the rule gives at instant utc (clamped to ±TZIF_UTC_LIMIT); a pointer into r. */
const struct tzif_type *tzif_rule_lookup(const struct tzif_rule *r, int64_t utc);

/* Days since 1970-01-01 of a proleptic Gregorian date; month 1..12, day may run past the month. */
int64_t tzif_days_from_civil(int64_t year, int month, int day);

/* The proleptic Gregorian date of a day number counted from 1970-01-01. */
void tzif_civil_from_days(int64_t days, int64_t *year, int *month, int *day);

/* 28..31. */
int tzif_days_in_month(int64_t year, int month);

/* Floor division and its remainder (always in [0, d)), for instants before 1970. */
int64_t tzif_floor_div(int64_t a, int64_t d);
int64_t tzif_floor_mod(int64_t a, int64_t d);

#endif
