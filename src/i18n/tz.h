/* IANA time zones from the system tzdata: validating zone names, UTC offsets and abbreviations at
 * an instant, and conversions between UTC and wall-clock time.
 *
 * Every time dxhub stores is UTC (int64 Unix seconds) plus an IANA zone name. Offsets come from
 * the TZif files under /usr/share/zoneinfo (or $TZDIR), never from ICU, whose built-in rules are
 * older than Debian's tzdata. Instants after a file's last transition follow its POSIX TZ footer,
 * so "slim" files and dates after 2037 work. Parsed zones are cached for the life of the process;
 * every function here is safe to call from any thread. */
#ifndef DXHUB_I18N_TZ_H
#define DXHUB_I18N_TZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TZ_ABBR_MAX 16

/* True when zone names a readable TZif file under the tz directory, such as "Europe/Brussels" or
 * "UTC". False for NULL, "", absolute paths, any "." or ".." component, characters outside
 * [A-Za-z0-9_+-.], directories, non-TZif files and leap-second ("right/") files. */
bool tz_valid(const char *zone);

/* Stores in *offset the offset of zone at instant utc in seconds east of UTC, and in abbr its
 * abbreviation ("CEST", "EDT", or numeric like "+0545" or "-03" where the zone has none). Returns
 * 0, or -1 for an unknown zone, which then reads as UTC (offset 0, "UTC"). offset or abbr may be
 * NULL when not wanted. */
int tz_offset(const char *zone, int64_t utc, int *offset, char abbr[TZ_ABBR_MAX]);

/* A wall-clock time, as people write it: month 1..12, day 1..31, hour 0..23. */
struct civil {
    int year, month, day, hour, minute, second;
};

/* Converts the wall-clock time *local in zone to UTC in *utc. A time that does not exist because
 * the clocks sprang forward resolves to the instant after the gap, read with the offset before it
 * (02:30 on the day Brussels goes from CET to CEST gives 01:30 UTC, that is 03:30 CEST); a time
 * that happens twice because the clocks fell back resolves to the earlier instant. Returns 0, -1
 * for an unknown zone, -2 when *local is no real date and time (31 February, 24:00, year outside
 * 1..9999); *utc is untouched on error. */
int tz_local_to_utc(const char *zone, const struct civil *local, int64_t *utc);

/* Stores in *out the wall-clock time in zone at instant utc; an unknown zone gives UTC. Instants
 * outside years 1..9999 are clamped to them. */
void tz_utc_to_local(const char *zone, int64_t utc, struct civil *out);

/* Zones for a time-zone picker: one per country region as listed in zone.tab (so Africa/Dakar and
 * Europe/Luxembourg are there even though tzdata now links them), else zone1970.tab, plus "UTC";
 * sorted by byte value, without duplicates, only names whose file exists. Stores in *zones a
 * NULL-terminated array owned by this module, built on the first call and valid until exit, and
 * returns its length (0 when the tz directory has neither table nor UTC). */
size_t tz_list(const char ***zones);

#endif
