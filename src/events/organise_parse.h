/* What organisers type on their screens, read and checked without the
 * database: local dates and times in an event's zone, language lists,
 * one-per-line texts (guiding questions) and slugs. */
#ifndef DXHUB_EVENTS_ORGANISE_PARSE_H
#define DXHUB_EVENTS_ORGANISE_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;

#define ORGANISE_SLUG_MAX 80 /* bytes */

enum local_time_rc {
    LOCAL_OK = 0,
    LOCAL_EMPTY,       /* no date given (and no time) */
    LOCAL_BAD_DATE,    /* not "YYYY-MM-DD", or no such day */
    LOCAL_NEED_TIME,   /* a date without the time that was needed */
    LOCAL_BAD_TIME,    /* not "HH:MM" (or "HH:MM:SS") within 00:00..23:59 */
    LOCAL_NONEXISTENT, /* in a gap: the clocks sprang forward over that time in the zone */
    LOCAL_BAD_ZONE,    /* the zone is unknown */
};

/* Reads the wall-clock time date ("2024-03-28") and time ("15:00", or ""
 * for midnight when need_time is false) in zone and stores the instant in
 * *utc (untouched unless LOCAL_OK). A time that happens twice (the clocks
 * fell back) is the earlier instant. A time given without a date is
 * LOCAL_BAD_DATE. NULL strings read as "". */
enum local_time_rc organise_local_time(const char *zone, const char *date, const char *time, bool need_time,
                                       int64_t *utc);

/* Writes instant utc as wall-clock time in zone: "2024-03-28" into date
 * and "15:00" into time, as the form's date and time inputs take them. */
void organise_local_fields(int64_t utc, const char *zone, char date[16], char time[8]);

/* The content languages, in their fixed order. */
#define ORGANISE_NLANGS 3
extern const char *const organise_langs[ORGANISE_NLANGS]; /* "en", "fr", "es" */

/* Index of code in organise_langs, or -1 (NULL included). */
int organise_lang_index(const char *code);

/* The comma-separated list ("en,es") of the languages among codes[0..n)
 * (repeats and unknown codes dropped), in organise_langs order; "" when
 * none. Arena string. */
const char *organise_lang_csv(struct arena *a, const char *const codes[], size_t n);

/* True when code is one of the codes of the comma-separated list csv. */
bool organise_csv_has(const char *csv, const char *code);

/* Splits text into its lines, trimmed, leaving out blank ones (CR LF or
 * LF ends a line). Stores an arena array of arena strings in *lines and
 * returns how many; text NULL gives 0. */
size_t organise_lines(struct arena *a, const char *text, const char ***lines);

/* True when s is a slug: 1..ORGANISE_SLUG_MAX bytes of a-z and 0-9 in
 * words joined by single hyphens ("global-diaspora-exchanges"), and not a
 * word the routes use under the same prefix ("new"). */
bool organise_slug_valid(const char *s);

#endif
