/* Unit tests of src/events/event_jsonld.c: schema.org Event JSON-LD built from event views, and
 * the escaping that keeps any text from closing its <script> element. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "events/event_jsonld.h"

/* The JSON-LD the view gets, parsed back (a new reference). */
static json_t *jsonld_of(json_t *view)
{
    struct request req = {.arena = arena_create()};
    event_jsonld_add(&req, view);
    const char *text = json_string_value(json_object_get(view, "jsonld_html"));
    assert_non_null(text);
    assert_null(strchr(text, '<'));
    assert_null(strchr(text, '>'));
    assert_null(strchr(text, '&'));
    json_error_t err;
    json_t *ld = json_loads(text, 0, &err);
    if (!ld)
        print_error("%s: %s\n", err.text, text);
    assert_non_null(ld);
    arena_destroy(req.arena);
    return ld;
}

static const char *get(json_t *o, const char *path)
{
    return json_string_value(json_object_get(o, path));
}

static void test_escape_keeps_the_value(void **state)
{
    (void)state;
    struct arena *a = arena_create();
    const char *evil = "</script><script>alert(1)</script> <!-- & --> é";
    json_t *s = json_pack("{s:s}", "name", evil);
    char *dumped = json_dumps(s, JSON_COMPACT);
    char *safe = event_jsonld_escape(a, dumped);
    assert_string_equal(safe, "{\"name\":\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e "
                              "\\u003c!-- \\u0026 --\\u003e é\"}");
    json_t *back = json_loads(safe, 0, NULL);
    assert_string_equal(get(back, "name"), evil);
    assert_string_equal(event_jsonld_escape(a, ""), "");
    json_decref(back);
    json_decref(s);
    free(dumped);
    arena_destroy(a);
}

/* A year-only online edition: the year as its start, the event page as its VirtualLocation. */
static void test_year_only_online(void **state)
{
    (void)state;
    json_t *view = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:s, s:[{s:s}, {s:s}], s:[]}", "title", "Partnerships",
                             "summary", "Three sessions", "url", "/events/2024-x", "starts_at", "2024",
                             "time_precision", "year", "cancelled", 0, "format", "online", "languages", "code", "en",
                             "code", "fr", "sessions");
    json_t *ld = jsonld_of(view);
    assert_string_equal(get(ld, "@context"), "https://schema.org");
    assert_string_equal(get(ld, "@type"), "Event");
    assert_string_equal(get(ld, "name"), "Partnerships");
    assert_string_equal(get(ld, "description"), "Three sessions");
    assert_string_equal(get(ld, "url"), "http://localhost:8080/events/2024-x");
    /* schema.org's Date takes a year alone; a year has no known end. */
    assert_string_equal(get(ld, "startDate"), "2024");
    assert_null(json_object_get(ld, "endDate"));
    assert_string_equal(get(ld, "eventStatus"), "https://schema.org/EventScheduled");
    assert_string_equal(get(ld, "eventAttendanceMode"), "https://schema.org/OnlineEventAttendanceMode");
    json_t *loc = json_object_get(ld, "location");
    assert_string_equal(get(loc, "@type"), "VirtualLocation");
    assert_string_equal(get(loc, "url"), "http://localhost:8080/events/2024-x");
    assert_string_equal(get(json_object_get(ld, "organizer"), "@type"), "Organization");
    assert_int_equal(json_array_size(json_object_get(ld, "inLanguage")), 2);
    assert_null(json_object_get(ld, "subEvent"));
    json_decref(ld);
    json_decref(view);
}

/* A day-precision event has dates without a time. */
static void test_day_precision(void **state)
{
    (void)state;
    json_t *view = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:[{s:s}], s:[]}", "title", "T", "url", "/events/d",
                             "starts_at", "2020-04-22", "ends_at", "2020-04-23", "time_precision", "day", "format",
                             "in_person", "languages", "code", "es", "sessions");
    json_t *ld = jsonld_of(view);
    assert_string_equal(get(ld, "startDate"), "2020-04-22");
    assert_string_equal(get(ld, "endDate"), "2020-04-23");
    assert_string_equal(get(ld, "inLanguage"), "es");
    /* In person but no place known: the page stands in. */
    assert_string_equal(get(json_object_get(ld, "location"), "@type"), "VirtualLocation");
    json_decref(ld);
    json_decref(view);
}

/* A cancelled hybrid event with a place and two sessions, one of them timed. */
static void test_cancelled_hybrid_with_sessions(void **state)
{
    (void)state;
    json_t *view = json_pack(
        "{s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:s, s:s, s:[{s:s}], s:[{s:I, s:s, s:s, s:s}, {s:I, s:s, s:n}]}",
        "title", "</script><script>alert(1)</script>", "url", "/events/h", "starts_at", "2031-03-20T20:00:00Z",
        "starts_local", "2031-03-20T15:00:00-05:00", "ends_local", "2031-03-20T17:00:00-05:00", "time_precision",
        "minute", "cancelled", 1, "format", "hybrid", "place", "Casa & Co, Bogotá", "languages", "code", "es",
        "sessions", "id", (json_int_t)7, "title", "One", "starts_local", "2031-03-20T15:00:00-05:00", "ends_local",
        "2031-03-20T16:00:00-05:00", "id", (json_int_t)8, "title", "Untimed", "starts_local");
    json_t *ld = jsonld_of(view);
    assert_string_equal(get(ld, "name"), "</script><script>alert(1)</script>");
    assert_string_equal(get(ld, "startDate"), "2031-03-20T15:00:00-05:00");
    assert_string_equal(get(ld, "endDate"), "2031-03-20T17:00:00-05:00");
    assert_string_equal(get(ld, "eventStatus"), "https://schema.org/EventCancelled");
    assert_string_equal(get(ld, "eventAttendanceMode"), "https://schema.org/MixedEventAttendanceMode");
    json_t *loc = json_object_get(ld, "location");
    assert_int_equal(json_array_size(loc), 2);
    assert_string_equal(get(json_array_get(loc, 0), "@type"), "Place");
    assert_string_equal(get(json_array_get(loc, 0), "address"), "Casa & Co, Bogotá");
    assert_string_equal(get(json_array_get(loc, 1), "@type"), "VirtualLocation");
    json_t *subs = json_object_get(ld, "subEvent");
    assert_int_equal(json_array_size(subs), 1);
    json_t *one = json_array_get(subs, 0);
    assert_string_equal(get(one, "name"), "One");
    assert_string_equal(get(one, "url"), "http://localhost:8080/events/h#session-7");
    assert_string_equal(get(one, "startDate"), "2031-03-20T15:00:00-05:00");
    assert_string_equal(get(one, "eventStatus"), "https://schema.org/EventCancelled");
    json_decref(ld);
    json_decref(view);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape_keeps_the_value),
        cmocka_unit_test(test_year_only_online),
        cmocka_unit_test(test_day_precision),
        cmocka_unit_test(test_cancelled_hybrid_with_sessions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
