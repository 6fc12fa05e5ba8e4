/* iCalendar (RFC 5545) files for one event, one session or every dated edition of a series,
 * built with libical from the database.
 *
 * Each VEVENT has a UID that never changes ("event-<id>@host", "session-<id>@host", host taken
 * from app_base_url()), the row's `sequence` as SEQUENCE, STATUS:CANCELLED for cancelled events
 * (CONFIRMED otherwise), DTSTAMP (now), the event page as URL, and SUMMARY/DESCRIPTION in the
 * asked language or, failing that, the event's own. Minute-precision times are written as local
 * wall-clock time with TZID set explicitly to the event's IANA zone, whose VTIMEZONE (from the
 * system tzdata, through libical) is included once per calendar; day-precision events are
 * all-day (VALUE=DATE, DTEND the day after the last day). Events known only to the year, or
 * without a date, have no calendar entry. Drafts do not exist here. */
#ifndef DXHUB_EVENTS_CALENDAR_H
#define DXHUB_EVENTS_CALENDAR_H

#include <stdint.h>

#include "i18n/i18n.h"

enum calendar_result {
    CALENDAR_OK = 0,
    CALENDAR_NOT_FOUND = 1, /* no such (non-draft) event, session of that event, or series */
    CALENDAR_UNDATED = 2,   /* it exists but has no date precise enough (year or none) */
    CALENDAR_ERROR = -1,    /* database or libical failure (logged) */
};

/* The calendar of the event with that slug. On CALENDAR_OK stores in *out a NUL-terminated
 * VCALENDAR text (CRLF line ends, UTF-8) that the caller frees with free(); otherwise *out is
 * NULL. slug NULL reads as not found. */
enum calendar_result calendar_event(const char *slug, enum lang lang, char **out);

/* The calendar of session session_id of the event with that slug, as calendar_event. A session
 * without its own time takes its event's date and precision. SUMMARY is "session · event". */
enum calendar_result calendar_session(const char *slug, int64_t session_id, enum lang lang, char **out);

/* The subscription feed of the series with that slug: one VEVENT per dated, non-draft edition,
 * oldest first, named (X-WR-CALNAME) after the series. A series without dated editions gives an
 * empty but valid calendar (CALENDAR_OK); an unknown one CALENDAR_NOT_FOUND. */
enum calendar_result calendar_series(const char *slug, enum lang lang, char **out);

/* The personal "my events" feed of user_id, named (X-WR-CALNAME) name: one VEVENT per dated,
 * non-draft event the person registered for and has not cancelled, with the event's own UID and
 * SEQUENCE, STATUS:TENTATIVE while the registration is waitlisted or pending, CANCELLED when the
 * event is. Always CALENDAR_OK (an empty but valid calendar when there is nothing) or
 * CALENDAR_ERROR. */
enum calendar_result calendar_user(int64_t user_id, const char *name, enum lang lang, char **out);

#endif
