/* Unit tests for the iCalendar files (src/events/calendar.c): local times with the event's
 * zone and its VTIMEZONE on both sides of a daylight-saving change, all-day and undated events,
 * SEQUENCE and STATUS, languages, and the series feed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "events/calendar.h"
#include "unit_db.h"

/* 2024-03-28 15:00 in Brussels (CET, UTC+1) and 2024-04-04 15:00 (CEST, UTC+2: the EU clocks
 * moved on 31 March). */
#define BEFORE_SWITCH 1711634400
#define AFTER_SWITCH 1712235600

static int64_t series_id, brussels_id, session_id;

/* Inserts a published event of series_id with English and French titles; returns its id. */
static int64_t add_event(const char *slug, int64_t starts, int64_t ends, const char *precision)
{
    struct db *db = db_get();
    assert_int_equal(db_run(db,
                            "INSERT INTO events (slug, series_id, status, tz, starts_at, ends_at, time_precision, "
                            "created_at, updated_at) VALUES (?, ?, 'published', 'Europe/Brussels', ?, ?, ?, 0, 0)",
                            "tnnnt", slug, series_id, starts, ends, precision),
                     0);
    int64_t id = db_last_id(db);
    assert_int_equal(db_run(db, "INSERT INTO event_texts (event_id, lang, title, summary) VALUES (?, 'en', ?, ?)",
                            "itt", id, "Spring exchange", "Partnerships, in Brussels"),
                     0);
    assert_int_equal(db_run(db, "INSERT INTO event_texts (event_id, lang, title) VALUES (?, 'fr', ?)", "it", id,
                            "Échange de printemps"),
                     0);
    return id;
}

static int setup(void **state)
{
    if (unit_db_setup(state))
        return -1;
    struct db *db = db_get();
    if (db_run(db, "INSERT INTO series (slug, created_at) VALUES ('spring', 0)", ""))
        return -1;
    series_id = db_last_id(db);
    if (db_run(db, "INSERT INTO series_texts (series_id, lang, title) VALUES (?, 'en', 'Spring series')", "i",
               series_id))
        return -1;
    brussels_id = add_event("brussels", BEFORE_SWITCH, BEFORE_SWITCH + 5400, "minute");
    add_event("all-day", 1587506400, 0, "day"); /* 2020-04-22, local midnight */
    add_event("some-year", 1587506400, 0, "year");
    if (db_run(db, "INSERT INTO sessions (event_id, position, starts_at) VALUES (?, 1, ?)", "ii", brussels_id,
               (int64_t)AFTER_SWITCH))
        return -1;
    session_id = db_last_id(db);
    return db_run(db, "INSERT INTO session_texts (session_id, lang, title) VALUES (?, 'en', 'Second week')", "i",
                  session_id);
}

static void assert_has(const char *text, const char *needle)
{
    if (!strstr(text, needle))
        fail_msg("missing \"%s\" in:\n%s", needle, text);
}

/* Reads the first VEVENT's DTSTART back with libical, through the calendar's own VTIMEZONE
 * (not libical's built-in zone), as a UTC instant: proves the offsets the VTIMEZONE gives. */
static int64_t dtstart_through_vtimezone(const char *text)
{
    icalcomponent *cal = icalparser_parse_string(text);
    assert_non_null(cal);
    icalcomponent *vt = icalcomponent_get_first_component(cal, ICAL_VTIMEZONE_COMPONENT);
    icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
    assert_non_null(vt);
    assert_non_null(ev);
    icaltimezone *zone = icaltimezone_new();
    assert_true(icaltimezone_set_component(zone, icalcomponent_new_clone(vt)));
    icalproperty *p = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
    assert_string_equal(icalparameter_get_tzid(icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER)),
                        "Europe/Brussels");
    struct icaltimetype t = icalproperty_get_dtstart(p);
    t.zone = NULL;
    int64_t utc = (int64_t)icaltime_as_timet_with_zone(t, zone);
    icaltimezone_free(zone, 1);
    icalcomponent_free(cal);
    return utc;
}

static void minute_event_is_local_time_with_its_zone(void **state)
{
    (void)state;
    char *text;
    assert_int_equal(calendar_event("brussels", LANG_EN, &text), CALENDAR_OK);
    char uid[64];
    snprintf(uid, sizeof uid, "UID:event-%lld@localhost\r\n", (long long)brussels_id);
    assert_has(text, uid);
    assert_has(text, "DTSTART;TZID=Europe/Brussels:20240328T150000\r\n");
    assert_has(text, "DTEND;TZID=Europe/Brussels:20240328T163000\r\n");
    assert_has(text, "BEGIN:VTIMEZONE\r\nTZID:Europe/Brussels\r\n");
    /* The rules in force in 2024: last Sunday of March to CEST, of October back to CET. */
    assert_has(text, "BEGIN:DAYLIGHT\r\nTZNAME:CEST\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
                     "DTSTART:19810329T020000\r\nRRULE:FREQ=YEARLY;UNTIL=20370329T010000Z;BYDAY=-1SU;BYMONTH=3");
    assert_has(text, "BEGIN:STANDARD\r\nTZNAME:CET\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
                     "DTSTART:19961027T030000\r\nRRULE:FREQ=YEARLY;UNTIL=20361026T010000Z;BYDAY=-1SU;BYMONTH=10");
    assert_has(text, "SEQUENCE:0\r\n");
    assert_has(text, "STATUS:CONFIRMED\r\n");
    assert_has(text, "SUMMARY:Spring exchange\r\n");
    assert_has(text, "DESCRIPTION:Partnerships\\, in Brussels\r\n");
    assert_has(text, "URL:http://localhost:8080/events/brussels\r\n");
    assert_has(text, "DTSTAMP:");
    assert_int_equal(dtstart_through_vtimezone(text), BEFORE_SWITCH);
    free(text);
}

static void session_after_the_switch_is_summer_time(void **state)
{
    (void)state;
    char *text;
    assert_int_equal(calendar_session("brussels", session_id, LANG_FR, &text), CALENDAR_OK);
    char uid[64];
    snprintf(uid, sizeof uid, "UID:session-%lld@localhost\r\n", (long long)session_id);
    assert_has(text, uid);
    assert_has(text, "DTSTART;TZID=Europe/Brussels:20240404T150000\r\n");
    /* The session has only English text: its title falls back, the event's is French. */
    assert_has(text, "SUMMARY:Second week · Échange de printemps\r\n");
    assert_int_equal(dtstart_through_vtimezone(text), AFTER_SWITCH);
    free(text);
    assert_int_equal(calendar_session("all-day", session_id, LANG_EN, &text), CALENDAR_NOT_FOUND);
    assert_null(text);
    assert_int_equal(calendar_session("brussels", 0, LANG_EN, &text), CALENDAR_NOT_FOUND);
}

static void edits_bump_sequence_and_cancelling_shows(void **state)
{
    (void)state;
    struct db *db = db_get();
    assert_int_equal(
        db_run(db, "UPDATE events SET status = 'cancelled', sequence = sequence + 1 WHERE id = ?", "i", brussels_id),
        0);
    char *text;
    assert_int_equal(calendar_event("brussels", LANG_EN, &text), CALENDAR_OK);
    assert_has(text, "SEQUENCE:1\r\n");
    assert_has(text, "STATUS:CANCELLED\r\n");
    free(text);
    assert_int_equal(calendar_session("brussels", session_id, LANG_EN, &text), CALENDAR_OK);
    assert_has(text, "STATUS:CANCELLED\r\n");
    assert_has(text, "SEQUENCE:0\r\n"); /* the session's own */
    free(text);
    assert_int_equal(db_run(db, "UPDATE events SET status = 'draft' WHERE id = ?", "i", brussels_id), 0);
    assert_int_equal(calendar_event("brussels", LANG_EN, &text), CALENDAR_NOT_FOUND);
    assert_int_equal(db_run(db, "UPDATE events SET status = 'published' WHERE id = ?", "i", brussels_id), 0);
}

static void day_precision_is_all_day_and_year_is_undated(void **state)
{
    (void)state;
    char *text;
    assert_int_equal(calendar_event("all-day", LANG_EN, &text), CALENDAR_OK);
    assert_has(text, "DTSTART;VALUE=DATE:20200422\r\n");
    assert_has(text, "DTEND;VALUE=DATE:20200423\r\n");
    assert_null(strstr(text, "VTIMEZONE"));
    free(text);
    assert_int_equal(calendar_event("some-year", LANG_EN, &text), CALENDAR_UNDATED);
    assert_null(text);
    assert_int_equal(calendar_event("nowhere", LANG_EN, &text), CALENDAR_NOT_FOUND);
    assert_int_equal(calendar_event(NULL, LANG_EN, &text), CALENDAR_NOT_FOUND);
}

static void series_feed_has_dated_editions_and_one_zone(void **state)
{
    (void)state;
    char *text;
    assert_int_equal(calendar_series("spring", LANG_EN, &text), CALENDAR_OK);
    assert_has(text, "X-WR-CALNAME:Spring series\r\n");
    size_t nevents = 0, nzones = 0;
    for (const char *p = text; (p = strstr(p, "BEGIN:VEVENT")); p++)
        nevents++;
    for (const char *p = text; (p = strstr(p, "BEGIN:VTIMEZONE")); p++)
        nzones++;
    assert_int_equal(nevents, 2); /* "brussels" and "all-day"; not "some-year" */
    assert_int_equal(nzones, 1);
    /* Oldest first. */
    assert_true(strstr(text, "20200422") < strstr(text, "20240328T150000"));
    free(text);
    assert_int_equal(calendar_series("autumn", LANG_EN, &text), CALENDAR_NOT_FOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(minute_event_is_local_time_with_its_zone),
        cmocka_unit_test(session_after_the_switch_is_summer_time),
        cmocka_unit_test(edits_bump_sequence_and_cancelling_shows),
        cmocka_unit_test(day_precision_is_all_day_and_year_is_undated),
        cmocka_unit_test(series_feed_has_dated_editions_and_one_zone),
    };
    return cmocka_run_group_tests(tests, setup, unit_db_teardown);
}
