/* Dates and times as people read them, in each interface language, and as ISO 8601 for machines.
 *
 * ICU does the formatting, with the patterns its generator gives each locale for a skeleton
 * ("yMMMMEEEEd", "jmm"), so word order, month names and 12/24-hour clocks follow the language.
 * The UTC offset comes from tz.h (the system tzdata), never from ICU's own, older zone rules: the
 * formatter is given a fixed-offset zone ("GMT+02:00") for each call. Each thread keeps its own
 * formatters, one per (language, style), because ICU formatters are not thread-safe; they are
 * freed when the thread exits. English uses ICU's en_GB conventions (day before month, 24-hour
 * clock), the usual choice for an international audience. */
#ifndef DXHUB_I18N_TIMEFMT_H
#define DXHUB_I18N_TIMEFMT_H

#include <stddef.h>
#include <stdint.h>

#include "i18n/i18n.h"

enum timefmt_style {
    TIMEFMT_DATE,       /* en "Wednesday, 22 April 2020", fr "mercredi 22 avril 2020" */
    TIMEFMT_DATETIME,   /* en "Wednesday, 22 April 2020 at 14:00 CEST" */
    TIMEFMT_TIME,       /* "14:00 CEST", "17:45 UTC+05:45" */
    TIMEFMT_SHORT_DATE, /* en "22 Apr 2020", fr "22 avr. 2020", es "22 abr 2020" */
    TIMEFMT_STYLE_COUNT
};

/* A buffer size that always suffices for timefmt_format and the ISO functions. */
#define TIMEFMT_MAX 160

/* Writes instant utc as seen in zone (an IANA name; unknown or NULL zones read as UTC) into
 * out[0..outlen), in lang and style, as UTF-8. Styles with a time end with the zone's
 * abbreviation ("CEST"), or "UTC±hh:mm" where tzdata has only a numeric one ("+0545"). Returns
 * out, or NULL when ICU fails or the text does not fit (out is then "" if outlen > 0). */
const char *timefmt_format(char *out, size_t outlen, int64_t utc, const char *zone, enum lang lang,
                           enum timefmt_style style);

/* Writes utc as ISO 8601 in UTC, "2020-04-22T12:00:00Z", into out[0..outlen). Returns out, or NULL
 * (out "" if outlen > 0) when it does not fit. */
const char *timefmt_iso8601(char *out, size_t outlen, int64_t utc);

/* Writes utc as ISO 8601 local time in zone with its offset, "2020-04-22T14:00:00+02:00" (a zero
 * offset is written "Z"), as schema.org's startDate wants. Unknown zones read as UTC. Returns as
 * timefmt_iso8601 does. */
const char *timefmt_iso8601_local(char *out, size_t outlen, int64_t utc, const char *zone);

#endif
