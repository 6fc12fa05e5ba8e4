/* Formatting instants with ICU: per-thread formatters built from each locale's skeleton patterns,
 * given the UTC offset tzdata says (tz.h) as a fixed-offset zone, plus the zone's abbreviation. */
#include "i18n/timefmt.h"

#include <assert.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* Slot i < ISO_SLOT formats language i / TIMEFMT_STYLE_COUNT in style i % TIMEFMT_STYLE_COUNT;
 * the last one writes ISO 8601 (XXXXX: "+02:00", "+00:17:30" or "Z"). */
#define ISO_SLOT (LANG_COUNT * TIMEFMT_STYLE_COUNT)
#define ISO_LOCALE "en_US_POSIX"
#define ISO_PATTERN "yyyy-MM-dd'T'HH:mm:ssXXXXX"
#define PATTERN_MAX 128

struct slot {
    UDateFormat *fmt;
    int offset; /* seconds east of UTC of the formatter's zone; formatters open in GMT */
};

struct formatters {
    struct slot slots[ISO_SLOT + 1];
};

static pthread_key_t formatters_key;
static pthread_once_t formatters_once = PTHREAD_ONCE_INIT;

static void formatters_free(void *p)
{
    struct formatters *f = p;
    for (size_t i = 0; i < sizeof f->slots / sizeof f->slots[0]; i++)
        if (f->slots[i].fmt)
            udat_close(f->slots[i].fmt);
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
    UChar pattern[PATTERN_MAX], gmt[4];
    int32_t len = -1;
    const char *locale = ISO_LOCALE;
    if (slot == ISO_SLOT) {
        u_uastrcpy(pattern, ISO_PATTERN);
    } else {
        UChar skeleton[32];
        locale = icu_locales[slot / TIMEFMT_STYLE_COUNT];
        u_uastrcpy(skeleton, skeletons[slot % TIMEFMT_STYLE_COUNT]);
        UDateTimePatternGenerator *gen = udatpg_open(locale, &st);
        len = udatpg_getBestPattern(gen, skeleton, -1, pattern, PATTERN_MAX, &st);
        udatpg_close(gen);
        if (U_FAILURE(st) || len >= PATTERN_MAX)
            return NULL;
    }
    u_uastrcpy(gmt, "GMT");
    UDateFormat *fmt = udat_open(UDAT_PATTERN, UDAT_PATTERN, locale, gmt, -1, pattern, len, &st);
    if (U_FAILURE(st)) {
        udat_close(fmt);
        return NULL;
    }
    return fmt;
}

/* The calling thread's formatter for a slot, opened on first use; NULL if ICU cannot open it. */
static struct slot *slot_get(size_t slot)
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
    struct slot *s = &f->slots[slot];
    if (!s->fmt)
        s->fmt = formatter_open(slot);
    return s->fmt ? s : NULL;
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
static int slot_set_offset(struct slot *s, int offset)
{
    if (s->offset == offset)
        return 0;
    char id[24];
    offset_text(id, sizeof id, "GMT", offset);
    UChar uid[24];
    u_uastrcpy(uid, id);
    UErrorCode st = U_ZERO_ERROR;
    UCalendar *cal = ucal_clone(udat_getCalendar(s->fmt), &st);
    ucal_setTimeZone(cal, uid, -1, &st);
    if (U_SUCCESS(st))
        udat_setCalendar(s->fmt, cal); /* copies it */
    ucal_close(cal);
    if (U_FAILURE(st))
        return -1;
    s->offset = offset;
    return 0;
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
    struct slot *s = slot_get(slot);
    if (!s || slot_set_offset(s, offset))
        return failed(out, outlen);
    int32_t n = udat_format(s->fmt, (UDate)utc * 1000.0, text, TIMEFMT_MAX, NULL, &st);
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

const char *timefmt_format(char *out, size_t outlen, int64_t utc, const char *zone, enum lang lang,
                           enum timefmt_style style)
{
    assert(lang >= 0 && lang < LANG_COUNT && style >= 0 && style < TIMEFMT_STYLE_COUNT);
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

const char *timefmt_iso8601(char *out, size_t outlen, int64_t utc)
{
    return slot_format(ISO_SLOT, utc, 0, out, outlen);
}

const char *timefmt_iso8601_local(char *out, size_t outlen, int64_t utc, const char *zone)
{
    int offset;
    tz_offset(zone, utc, &offset, NULL);
    return slot_format(ISO_SLOT, utc, offset, out, outlen);
}
