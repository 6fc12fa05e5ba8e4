/* iCalendar files for events, sessions and series feeds, built with libical from the database. */
#include "events/calendar.h"

#include <libical/ical.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app.h"
#include "core/alloc.h"
#include "core/log.h"
#include "db/db.h"
#include "i18n/tz.h"

/* Every entry query selects these columns, with ?1 the language and ?2 the event or series. */
enum { C_ID, C_SLUG, C_STATUS, C_TZ, C_STARTS, C_ENDS, C_PRECISION, C_SEQUENCE, C_SUMMARY, C_DESCRIPTION };

#define EVENT_TEXTS                                                                                                    \
    "JOIN event_texts d ON d.event_id = e.id AND d.lang = e.default_lang "                                             \
    "LEFT JOIN event_texts t ON t.event_id = e.id AND t.lang = ?1 "
#define EVENT_COLUMNS                                                                                                  \
    "SELECT e.id, e.slug, e.status, e.tz, e.starts_at, e.ends_at, e.time_precision, e.sequence, "                      \
    "COALESCE(t.title, d.title), COALESCE(t.summary, d.summary) FROM events e " EVENT_TEXTS

/* "hub.example.org" out of "https://hub.example.org:8443/x": the host part of app_base_url(). */
static void base_host(char *out, size_t n)
{
    const char *url = app_base_url();
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    snprintf(out, n, "%.*s", (int)strcspn(p, ":/"), p);
}

/* Adds the VTIMEZONE of zone to cal unless it is there. Returns 1 when times in zone are to be
 * written with TZID=zone, 0 when zone is UTC itself (times are written with "Z"), -1 for a zone
 * libical or the tzdata do not know (logged). */
static int add_vtimezone(icalcomponent *cal, const char *zone)
{
    icaltimezone *z = tz_valid(zone) ? icaltimezone_get_builtin_timezone(zone) : NULL;
    if (!z) {
        log_event(LOG_ERROR, NULL, "calendar: unknown time zone", "zone", zone ? zone : "(null)", NULL);
        return -1;
    }
    icalcomponent *source = icaltimezone_get_component(z);
    if (!source)
        return 0;
    for (icalcomponent *c = icalcomponent_get_first_component(cal, ICAL_VTIMEZONE_COMPONENT); c;
         c = icalcomponent_get_next_component(cal, ICAL_VTIMEZONE_COMPONENT))
        if (strcmp(icalproperty_get_tzid(icalcomponent_get_first_property(c, ICAL_TZID_PROPERTY)), zone) == 0)
            return 1;
    /* libical names its zones "/freeassociation.sourceforge.net/Europe/Brussels"; clients and
     * our DTSTART use the IANA name. */
    icalcomponent *vt = icalcomponent_new_clone(source);
    icalproperty_set_tzid(icalcomponent_get_first_property(vt, ICAL_TZID_PROPERTY), zone);
    icalcomponent_add_component(cal, vt);
    return 1;
}

/* The instant at as a DATE (all_day) or a DATE-TIME: local wall-clock time in zone, floating
 * (its TZID is set on the property by the caller), or in UTC when utc. */
static struct icaltimetype ical_time(int64_t at, const char *zone, bool all_day, bool utc)
{
    if (utc && !all_day)
        return icaltime_from_timet_with_zone((time_t)at, 0, icaltimezone_get_utc_timezone());
    struct civil c;
    tz_utc_to_local(zone, at, &c);
    struct icaltimetype t = icaltime_null_time();
    t.year = c.year, t.month = c.month, t.day = c.day;
    if (all_day)
        t.is_date = 1;
    else
        t.hour = c.hour, t.minute = c.minute, t.second = c.second;
    return t;
}

/* DTSTART or DTEND (kind) at t, with TZID=zone unless t is a date or in UTC. */
static void add_time(icalcomponent *ev, icalproperty_kind kind, struct icaltimetype t, const char *zone)
{
    icalproperty *p = kind == ICAL_DTSTART_PROPERTY ? icalproperty_new_dtstart(t) : icalproperty_new_dtend(t);
    if (!t.is_date && !icaltime_is_utc(t))
        icalproperty_set_parameter(p, icalparameter_new_tzid(zone));
    icalcomponent_add_property(ev, p);
}

/* Adds to cal the VEVENT of the current row of st (columns C_*), uid "<kind>-<id>@host".
 * Returns 1 when added, 0 when the row has no date precise enough, -1 on an unknown zone. */
static int add_vevent(icalcomponent *cal, struct db_stmt *st, const char *kind)
{
    const char *precision = db_col_text(st, C_PRECISION), *zone = db_col_text(st, C_TZ);
    if (db_col_is_null(st, C_STARTS) || strcmp(precision, "year") == 0)
        return 0;
    bool all_day = strcmp(precision, "day") == 0;
    int zoned = all_day ? 1 : add_vtimezone(cal, zone);
    if (zoned < 0)
        return -1;
    int64_t starts = db_col_int(st, C_STARTS);
    char host[256], uid[320], url[1024];
    base_host(host, sizeof host);
    snprintf(uid, sizeof uid, "%s-%lld@%s", kind, (long long)db_col_int(st, C_ID), host);
    snprintf(url, sizeof url, "%s/events/%s", app_base_url(), db_col_text(st, C_SLUG));

    icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    icalcomponent_add_property(ev, icalproperty_new_uid(uid));
    icalcomponent_add_property(ev, icalproperty_new_sequence((int)db_col_int(st, C_SEQUENCE)));
    icalcomponent_add_property(
        ev, icalproperty_new_dtstamp(icaltime_from_timet_with_zone(time(NULL), 0, icaltimezone_get_utc_timezone())));
    struct icaltimetype start = ical_time(starts, zone, all_day, zoned == 0);
    add_time(ev, ICAL_DTSTART_PROPERTY, start, zone);
    if (all_day) {
        /* An all-day DTEND is exclusive: the day after the last day. */
        struct icaltimetype end =
            db_col_is_null(st, C_ENDS) ? start : ical_time(db_col_int(st, C_ENDS), zone, true, false);
        icaltime_adjust(&end, 1, 0, 0, 0);
        add_time(ev, ICAL_DTEND_PROPERTY, end, zone);
    } else if (!db_col_is_null(st, C_ENDS)) {
        add_time(ev, ICAL_DTEND_PROPERTY, ical_time(db_col_int(st, C_ENDS), zone, false, zoned == 0), zone);
    }
    /* "tentative" comes only from the personal feed: a place not (yet) confirmed. */
    const char *status = db_col_text(st, C_STATUS);
    icalcomponent_add_property(ev, icalproperty_new_status(strcmp(status, "cancelled") == 0   ? ICAL_STATUS_CANCELLED
                                                           : strcmp(status, "tentative") == 0 ? ICAL_STATUS_TENTATIVE
                                                                                              : ICAL_STATUS_CONFIRMED));
    icalcomponent_add_property(ev, icalproperty_new_summary(db_col_text(st, C_SUMMARY)));
    const char *description = db_col_text(st, C_DESCRIPTION);
    if (description && description[0])
        icalcomponent_add_property(ev, icalproperty_new_description(description));
    icalcomponent_add_property(ev, icalproperty_new_url(url));
    icalcomponent_add_component(cal, ev);
    return 1;
}

/* Adds a VEVENT per row of the bound statement st, then resets it. Counts the rows in *nrows and
 * the entries added in *nadded. Returns 0, or -1 on a database or zone error. */
static int add_rows(icalcomponent *cal, struct db_stmt *st, const char *kind, int *nrows, int *nadded)
{
    enum db_step step;
    int rc = 0;
    *nrows = *nadded = 0;
    while (rc == 0 && (step = db_step(st)) == DB_ROW) {
        int added = add_vevent(cal, st, kind);
        (*nrows)++;
        *nadded += added > 0;
        rc = added < 0 ? -1 : 0;
    }
    db_reset(st);
    return rc == 0 && step == DB_ERROR ? -1 : rc;
}

static icalcomponent *calendar_new(void)
{
    icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
    icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal, icalproperty_new_prodid("-//dxhub//Diaspora Exchange Hub//EN"));
    icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
    icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
    return cal;
}

/* Serialises cal into *out (malloc'ed) and frees cal. */
static enum calendar_result calendar_finish(icalcomponent *cal, char **out)
{
    char *text = icalcomponent_as_ical_string_r(cal);
    icalcomponent_free(cal);
    if (!text)
        return CALENDAR_ERROR;
    *out = xstrdup(text);
    icalmemory_free_buffer(text);
    return CALENDAR_OK;
}

/* The calendar of the rows of sql (columns C_*, ?1 language, ?2 slug, ?3 id): not found without
 * rows, undated when none has a usable date. */
static enum calendar_result calendar_single(const char *sql, const char *kind, const char *slug, int64_t id,
                                            enum lang lang, char **out)
{
    *out = NULL;
    struct db *db = db_get();
    struct db_stmt *st = db ? db_prepare(db, sql) : NULL;
    if (!st)
        return CALENDAR_ERROR;
    db_bind_text(st, 1, i18n_code(lang));
    db_bind_text(st, 2, slug);
    if (id)
        db_bind_int(st, 3, id);
    icalcomponent *cal = calendar_new();
    int nrows, nadded;
    enum calendar_result rc = CALENDAR_OK;
    if (add_rows(cal, st, kind, &nrows, &nadded))
        rc = CALENDAR_ERROR;
    else if (nrows == 0)
        rc = CALENDAR_NOT_FOUND;
    else if (nadded == 0)
        rc = CALENDAR_UNDATED;
    if (rc != CALENDAR_OK) {
        icalcomponent_free(cal);
        return rc;
    }
    return calendar_finish(cal, out);
}

enum calendar_result calendar_event(const char *slug, enum lang lang, char **out)
{
    return calendar_single(EVENT_COLUMNS "WHERE e.status <> 'draft' AND e.slug = ?2", "event", slug, 0, lang, out);
}

enum calendar_result calendar_session(const char *slug, int64_t session_id, enum lang lang, char **out)
{
    if (session_id <= 0) {
        *out = NULL;
        return CALENDAR_NOT_FOUND;
    }
    return calendar_single(
        "SELECT s.id, e.slug, e.status, e.tz, COALESCE(s.starts_at, e.starts_at), "
        "CASE WHEN s.starts_at IS NULL THEN e.ends_at ELSE s.ends_at END, "
        "CASE WHEN s.starts_at IS NULL THEN e.time_precision ELSE 'minute' END, s.sequence, "
        "COALESCE(st.title, sd.title) || ' · ' || COALESCE(t.title, d.title), COALESCE(t.summary, d.summary) "
        "FROM sessions s JOIN events e ON e.id = s.event_id " EVENT_TEXTS
        "JOIN session_texts sd ON sd.session_id = s.id AND sd.lang = e.default_lang "
        "LEFT JOIN session_texts st ON st.session_id = s.id AND st.lang = ?1 "
        "WHERE e.status <> 'draft' AND e.slug = ?2 AND s.id = ?3",
        "session", slug, session_id, lang, out);
}

/* Adds X-WR-CALNAME: name to cal. */
static void add_calendar_name(icalcomponent *cal, const char *name)
{
    icalproperty *p = icalproperty_new_x(name);
    icalproperty_set_x_name(p, "X-WR-CALNAME");
    icalcomponent_add_property(cal, p);
}

enum calendar_result calendar_user(int64_t user_id, const char *name, enum lang lang, char **out)
{
    *out = NULL;
    struct db *db = db_get();
    struct db_stmt *st =
        db ? db_prepare(db, "SELECT e.id, e.slug, CASE WHEN e.status = 'cancelled' THEN 'cancelled' "
                            "WHEN r.status = 'confirmed' THEN e.status ELSE 'tentative' END, e.tz, e.starts_at, "
                            "e.ends_at, e.time_precision, e.sequence, COALESCE(t.title, d.title), "
                            "COALESCE(t.summary, d.summary) FROM registrations r JOIN events e ON e.id = r.event_id "
                            EVENT_TEXTS "WHERE r.user_id = ?2 AND r.status IN ('confirmed', 'waitlisted', 'pending') "
                            "AND e.status <> 'draft' ORDER BY e.starts_at, e.id")
           : NULL;
    if (!st)
        return CALENDAR_ERROR;
    db_bind_text(st, 1, i18n_code(lang));
    db_bind_int(st, 2, user_id);
    icalcomponent *cal = calendar_new();
    add_calendar_name(cal, name);
    int nrows, nadded;
    if (add_rows(cal, st, "event", &nrows, &nadded)) {
        icalcomponent_free(cal);
        return CALENDAR_ERROR;
    }
    return calendar_finish(cal, out);
}

enum calendar_result calendar_series(const char *slug, enum lang lang, char **out)
{
    *out = NULL;
    struct db *db = db_get();
    struct db_stmt *st =
        db ? db_prepare(db, "SELECT s.id, COALESCE(t.title, d.title) FROM series s "
                            "JOIN series_texts d ON d.series_id = s.id AND d.lang = s.default_lang "
                            "LEFT JOIN series_texts t ON t.series_id = s.id AND t.lang = ?1 WHERE s.slug = ?2")
           : NULL;
    if (!st)
        return CALENDAR_ERROR;
    db_bind_text(st, 1, i18n_code(lang));
    db_bind_text(st, 2, slug);
    enum db_step step = db_step(st);
    if (step != DB_ROW) {
        db_reset(st);
        return step == DB_DONE ? CALENDAR_NOT_FOUND : CALENDAR_ERROR;
    }
    int64_t series_id = db_col_int(st, 0);
    icalcomponent *cal = calendar_new();
    add_calendar_name(cal, db_col_text(st, 1));
    db_reset(st);

    st = db_prepare(db, EVENT_COLUMNS "WHERE e.status <> 'draft' AND e.series_id = ?2 "
                                      "AND e.starts_at IS NOT NULL AND e.time_precision <> 'year' "
                                      "ORDER BY e.starts_at, e.id");
    int nrows, nadded;
    if (st) {
        db_bind_text(st, 1, i18n_code(lang));
        db_bind_int(st, 2, series_id);
    }
    if (!st || add_rows(cal, st, "event", &nrows, &nadded)) {
        icalcomponent_free(cal);
        return CALENDAR_ERROR;
    }
    return calendar_finish(cal, out);
}
