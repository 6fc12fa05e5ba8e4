/* Formatting instants with ICU: per-thread formatters built from each locale's skeleton patterns,
 * given the UTC offset tzdata says (tz.h) as a fixed-offset zone, plus the zone's abbreviation. */
#include "i18n/timefmt.h"

#include <assert.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/ustring.h>

#include "core/alloc.h"
#include "i18n/tz.h"

static const char *const icu_locales[LANG_COUNT] = {
    [LANG_EN] = "en_GB",
    [LANG_FR] = "fr",
    [LANG_ES] = "es",
};

static const char *const skeletons[TIMEFMT_STYLE_COUNT] = {
    [TIMEFMT_DATE] = "yMMMMEEEEd",
    [TIMEFMT_DATETIME] = "yMMMMEEEEdjmm",
    [TIMEFMT_TIME] = "jmm",
    [TIMEFMT_SHORT_DATE] = "yMMMd",
};

/* Slot i formats language i / TIMEFMT_STYLE_COUNT in style i % TIMEFMT_STYLE_COUNT. ISO 8601
 * needs no formatter (iso_at_offset). */
#define NSLOTS (LANG_COUNT * TIMEFMT_STYLE_COUNT)
#define PATTERN_MAX 128

/* Giving a formatter another zone costs more than formatting (ICU parses the zone id and rebuilds
 * its calendar and number formats), and a page alternates between the event's zone and the
 * viewer's: so each slot keeps a few formatters, each fixed to the offset it last had. */
#define WAYS 4

struct way {
    UDateFormat *fmt;
    int offset; /* seconds east of UTC of the formatter's zone; formatters open in GMT */
};

struct slot {
    struct way ways[WAYS];
    unsigned next; /* the way to give another offset when none has the one asked for */
};

/* What timefmt_format wrote lately, per thread: pages show the same few instants on every
 * request, and ICU takes ~20 µs to format one. Direct-mapped on (instant, zone, language, style). */
#define MEMO_SLOTS 256
#define MEMO_ZONE_MAX 48 /* longer zone names (none in tzdata) are not memoised */

struct memo {
    int64_t utc;
    int key; /* lang * TIMEFMT_STYLE_COUNT + style + 1; 0 for an empty entry */
    char zone[MEMO_ZONE_MAX];
    char text[TIMEFMT_MAX];
};

struct formatters {
    struct slot slots[NSLOTS];
    struct memo memo[MEMO_SLOTS];
};

static pthread_key_t formatters_key;
static pthread_once_t formatters_once = PTHREAD_ONCE_INIT;

static void formatters_free(void *p)
{
    struct formatters *f = p;
    for (size_t i = 0; i < sizeof f->slots / sizeof f->slots[0]; i++)
        for (size_t w = 0; w < WAYS; w++)
            if (f->slots[i].ways[w].fmt)
                udat_close(f->slots[i].ways[w].fmt);
    free(f);
}

static void formatters_key_create(void)
{
    int rc = pthread_key_create(&formatters_key, formatters_free);
    assert(rc == 0); /* fails only when the process has used up its keys */
    (void)rc;
}

static UDateFormat *formatter_open(size_t slot)
{
    UErrorCode st = U_ZERO_ERROR;
    UChar pattern[PATTERN_MAX], gmt[4], skeleton[32];
    const char *locale = icu_locales[slot / TIMEFMT_STYLE_COUNT];
    u_uastrcpy(skeleton, skeletons[slot % TIMEFMT_STYLE_COUNT]);
    UDateTimePatternGenerator *gen = udatpg_open(locale, &st);
    int32_t len = udatpg_getBestPattern(gen, skeleton, -1, pattern, PATTERN_MAX, &st);
    udatpg_close(gen);
    if (U_FAILURE(st) || len >= PATTERN_MAX)
        return NULL;
    u_uastrcpy(gmt, "GMT");
    UDateFormat *fmt = udat_open(UDAT_PATTERN, UDAT_PATTERN, locale, gmt, -1, pattern, len, &st);
    if (U_FAILURE(st)) {
        udat_close(fmt);
        return NULL;
    }
    return fmt;
}

/* The calling thread's formatters; NULL when out of thread-specific storage. */
static struct formatters *formatters_get(void)
{
    pthread_once(&formatters_once, formatters_key_create);
    struct formatters *f = pthread_getspecific(formatters_key);
    if (!f) {
        f = xcalloc(1, sizeof *f);
        if (pthread_setspecific(formatters_key, f)) {
            free(f);
            return NULL;
        }
    }
    return f;
}

/* The calling thread's formatters for a slot; NULL when out of thread-specific storage. */
static struct slot *slot_get(size_t slot)
{
    struct formatters *f = formatters_get();
    return f ? &f->slots[slot] : NULL;
}

/* prefix then the offset as "+hh:mm", with ":ss" when it has seconds (old local mean times). */
static void offset_text(char *buf, size_t size, const char *prefix, int offset)
{
    int a = abs(offset);
    int n = snprintf(buf, size, "%s%c%02d:%02d", prefix, offset < 0 ? '-' : '+', a / 3600, a / 60 % 60);
    if (a % 60 && n > 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n, ":%02d", a % 60);
}

/* Gives the formatter the fixed-offset zone "GMT+hh:mm[:ss]" unless it has it already. */
static int way_set_offset(struct way *w, int offset)
{
    if (w->offset == offset)
        return 0;
    char id[24];
    offset_text(id, sizeof id, "GMT", offset);
    UChar uid[24];
    u_uastrcpy(uid, id);
    UErrorCode st = U_ZERO_ERROR;
    UCalendar *cal = ucal_clone(udat_getCalendar(w->fmt), &st);
    ucal_setTimeZone(cal, uid, -1, &st);
    if (U_SUCCESS(st))
        udat_setCalendar(w->fmt, cal); /* copies it */
    ucal_close(cal);
    if (U_FAILURE(st))
        return -1;
    w->offset = offset;
    return 0;
}

/* The calling thread's formatter for a slot at offset: one that has it already, else a new one
 * (a copy of the slot's first, or opened), else the next in turn given that offset. NULL if ICU
 * cannot open or set it. */
static UDateFormat *slot_formatter(size_t slot, int offset)
{
    struct slot *s = slot_get(slot);
    if (!s)
        return NULL;
    struct way *w = NULL;
    for (size_t i = 0; i < WAYS; i++) {
        if (s->ways[i].fmt && s->ways[i].offset == offset)
            return s->ways[i].fmt;
        if (!w && !s->ways[i].fmt)
            w = &s->ways[i];
    }
    if (!w) {
        w = &s->ways[s->next++ % WAYS];
    } else if (w != &s->ways[0]) {
        UErrorCode st = U_ZERO_ERROR;
        w->fmt = udat_clone(s->ways[0].fmt, &st);
        w->offset = s->ways[0].offset;
        if (U_FAILURE(st)) {
            udat_close(w->fmt);
            w->fmt = NULL;
        }
    } else {
        w->fmt = formatter_open(slot);
        w->offset = 0;
    }
    return w->fmt && way_set_offset(w, offset) == 0 ? w->fmt : NULL;
}

static const char *failed(char *out, size_t outlen)
{
    if (outlen > 0)
        out[0] = '\0';
    return NULL;
}

/* Formats utc seen at offset with the slot's formatter into out as UTF-8. */
static const char *slot_format(size_t slot, int64_t utc, int offset, char *out, size_t outlen)
{
    UChar text[TIMEFMT_MAX];
    UErrorCode st = U_ZERO_ERROR;
    UDateFormat *fmt = slot_formatter(slot, offset);
    if (!fmt)
        return failed(out, outlen);
    int32_t n = udat_format(fmt, (UDate)utc * 1000.0, text, TIMEFMT_MAX, NULL, &st);
    if (U_FAILURE(st) || n >= TIMEFMT_MAX)
        return failed(out, outlen);
    int32_t len = 0;
    int32_t cap = outlen > INT32_MAX ? INT32_MAX : (int32_t)outlen;
    u_strToUTF8(out, cap, &len, text, n, &st);
    if (U_FAILURE(st) || len >= cap)
        return failed(out, outlen);
    return out;
}

/* "CEST" as it is; a numeric abbreviation ("+0545", "-03") as "UTC+05:45", "UTC-03:00". */
static void zone_label(const char *abbr, int offset, char *label, size_t size)
{
    if (abbr[0] != '+' && abbr[0] != '-' && (abbr[0] < '0' || abbr[0] > '9')) {
        snprintf(label, size, "%s", abbr);
        return;
    }
    offset_text(label, size, "UTC", offset);
}

static const char *format_uncached(char *out, size_t outlen, int64_t utc, const char *zone, enum lang lang,
                                   enum timefmt_style style)
{
    int offset;
    char abbr[TZ_ABBR_MAX];
    tz_offset(zone, utc, &offset, abbr);
    if (!slot_format((size_t)lang * TIMEFMT_STYLE_COUNT + style, utc, offset, out, outlen))
        return NULL;
    if (style == TIMEFMT_DATETIME || style == TIMEFMT_TIME) {
        char label[32];
        zone_label(abbr, offset, label, sizeof label);
        size_t used = strlen(out);
        int n = snprintf(out + used, outlen - used, " %s", label);
        if (n < 0 || (size_t)n >= outlen - used)
            return failed(out, outlen);
    }
    return out;
}

/* The memo entry for (utc, zone, key), and whether it holds them already. */
static struct memo *memo_find(struct formatters *f, int64_t utc, const char *zone, int key, bool *hit)
{
    uint64_t h = (uint64_t)utc * 0x9E3779B97F4A7C15u ^ (uint64_t)key * 0xC2B2AE3D27D4EB4Fu;
    for (const char *z = zone; *z; z++)
        h = (h ^ (unsigned char)*z) * 1099511628211u;
    struct memo *m = &f->memo[(h >> 32) % MEMO_SLOTS];
    *hit = m->key == key && m->utc == utc && strcmp(m->zone, zone) == 0;
    return m;
}

const char *timefmt_format(char *out, size_t outlen, int64_t utc, const char *zone, enum lang lang,
                           enum timefmt_style style)
{
    assert(lang >= 0 && lang < LANG_COUNT && style >= 0 && style < TIMEFMT_STYLE_COUNT);
    const char *z = zone ? zone : "";
    struct formatters *f = strlen(z) < MEMO_ZONE_MAX ? formatters_get() : NULL;
    if (!f)
        return format_uncached(out, outlen, utc, zone, lang, style);
    int key = (int)lang * TIMEFMT_STYLE_COUNT + (int)style + 1;
    bool hit;
    struct memo *m = memo_find(f, utc, z, key, &hit);
    if (!hit) {
        if (!format_uncached(m->text, sizeof m->text, utc, zone, lang, style)) {
            m->key = 0;
            return failed(out, outlen);
        }
        m->utc = utc;
        m->key = key;
        snprintf(m->zone, sizeof m->zone, "%s", z);
    }
    size_t len = strlen(m->text);
    if (len >= outlen)
        return failed(out, outlen);
    memcpy(out, m->text, len + 1);
    return out;
}

/* utc as ISO 8601 local time at offset ("Z" for 0), by arithmetic: no ICU call, and the
 * proleptic Gregorian calendar ISO 8601 wants. */
static const char *iso_at_offset(char *out, size_t outlen, int64_t utc, int offset)
{
    time_t local = (time_t)(utc + offset);
    struct tm tm;
    if (!gmtime_r(&local, &tm))
        return failed(out, outlen);
    char zone[24] = "Z";
    if (offset)
        offset_text(zone, sizeof zone, "", offset);
    int n = snprintf(out, outlen, "%04d-%02d-%02dT%02d:%02d:%02d%s", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                     tm.tm_hour, tm.tm_min, tm.tm_sec, zone);
    if (n < 0 || (size_t)n >= outlen)
        return failed(out, outlen);
    return out;
}

const char *timefmt_iso8601(char *out, size_t outlen, int64_t utc)
{
    return iso_at_offset(out, outlen, utc, 0);
}

const char *timefmt_iso8601_local(char *out, size_t outlen, int64_t utc, const char *zone)
{
    int offset;
    tz_offset(zone, utc, &offset, NULL);
    return iso_at_offset(out, outlen, utc, offset);
}
