/* What organisers type, read and checked: local times, languages, lines, slugs. */
#include "events/organise_parse.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "i18n/tz.h"

const char *const organise_langs[ORGANISE_NLANGS] = {"en", "fr", "es"};

/* Reads exactly ndigits decimal digits at *p, advancing it. */
static bool digits(const char **p, int ndigits, int *out)
{
    int v = 0;
    for (int i = 0; i < ndigits; i++, (*p)++) {
        if (!isdigit((unsigned char)**p))
            return false;
        v = v * 10 + (**p - '0');
    }
    *out = v;
    return true;
}

static bool parse_date(const char *s, struct civil *c)
{
    const char *p = s;
    return digits(&p, 4, &c->year) && *p++ == '-' && digits(&p, 2, &c->month) && *p++ == '-' &&
           digits(&p, 2, &c->day) && *p == '\0' && c->year >= 1 && c->month >= 1 && c->month <= 12 && c->day >= 1 &&
           c->day <= 31;
}

static bool parse_time(const char *s, struct civil *c)
{
    const char *p = s;
    c->second = 0;
    if (!digits(&p, 2, &c->hour) || *p++ != ':' || !digits(&p, 2, &c->minute))
        return false;
    /* Browsers send seconds when a step asks for them: "15:00:00". */
    if (*p == ':' && (p++, !digits(&p, 2, &c->second)))
        return false;
    return *p == '\0' && c->hour <= 23 && c->minute <= 59 && c->second <= 59;
}

enum local_time_rc organise_local_time(const char *zone, const char *date, const char *time, bool need_time,
                                       int64_t *utc)
{
    date = date ? date : "";
    time = time ? time : "";
    if (!*date)
        return *time ? LOCAL_BAD_DATE : LOCAL_EMPTY;
    struct civil c = {0};
    if (!parse_date(date, &c))
        return LOCAL_BAD_DATE;
    if (*time && !parse_time(time, &c))
        return LOCAL_BAD_TIME;
    if (!*time && need_time)
        return LOCAL_NEED_TIME;
    if (!tz_valid(zone))
        return LOCAL_BAD_ZONE;
    int64_t at;
    int rc = tz_local_to_utc(zone, &c, &at);
    if (rc == -2)
        return LOCAL_BAD_DATE;
    if (rc)
        return LOCAL_BAD_ZONE;
    /* tz_local_to_utc moves a time in a gap past it: reading the instant
     * back shows whether the wall-clock time ever existed. */
    struct civil back;
    tz_utc_to_local(zone, at, &back);
    if (back.year != c.year || back.month != c.month || back.day != c.day || back.hour != c.hour ||
        back.minute != c.minute)
        return LOCAL_NONEXISTENT;
    *utc = at;
    return LOCAL_OK;
}

void organise_local_fields(int64_t utc, const char *zone, char date[16], char time[8])
{
    struct civil c;
    tz_utc_to_local(zone, utc, &c);
    snprintf(date, 16, "%04d-%02d-%02d", c.year, c.month, c.day);
    snprintf(time, 8, "%02d:%02d", c.hour, c.minute);
}

int organise_lang_index(const char *code)
{
    for (int i = 0; code && i < ORGANISE_NLANGS; i++)
        if (strcmp(code, organise_langs[i]) == 0)
            return i;
    return -1;
}

const char *organise_lang_csv(struct arena *a, const char *const codes[], size_t n)
{
    bool on[ORGANISE_NLANGS] = {false};
    for (size_t i = 0; i < n; i++) {
        int k = organise_lang_index(codes[i]);
        if (k >= 0)
            on[k] = true;
    }
    char out[ORGANISE_NLANGS * 3 + 1] = "";
    for (int k = 0; k < ORGANISE_NLANGS; k++)
        if (on[k]) {
            if (*out)
                strcat(out, ",");
            strcat(out, organise_langs[k]);
        }
    return arena_strdup(a, out);
}

bool organise_csv_has(const char *csv, const char *code)
{
    size_t n = code ? strlen(code) : 0;
    if (!csv || !n)
        return false;
    for (const char *p = csv; *p;) {
        size_t len = strcspn(p, ",");
        if (len == n && strncmp(p, code, n) == 0)
            return true;
        p += len;
        if (*p)
            p++;
    }
    return false;
}

size_t organise_lines(struct arena *a, const char *text, const char ***lines)
{
    size_t cap = 1;
    for (const char *p = text; p && *p; p++)
        cap += *p == '\n';
    const char **out = arena_alloc(a, cap * sizeof *out);
    size_t n = 0;
    for (const char *p = text; p && *p;) {
        size_t len = strcspn(p, "\n");
        const char *start = p, *end = p + len;
        while (start < end && isspace((unsigned char)*start))
            start++;
        while (end > start && isspace((unsigned char)end[-1]))
            end--;
        if (end > start)
            out[n++] = arena_strndup(a, start, (size_t)(end - start));
        p += len;
        if (*p)
            p++;
    }
    *lines = out;
    return n;
}

bool organise_slug_valid(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > ORGANISE_SLUG_MAX || s[0] == '-' || s[n - 1] == '-' || strcmp(s, "new") == 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!word && !(c == '-' && s[i + 1] != '-'))
            return false;
    }
    return true;
}
