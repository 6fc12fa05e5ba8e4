/* schema.org Event JSON-LD, built with jansson from the event view. */
#include "events/event_jsonld.h"

#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "core/buf.h"
#include "core/json_arena.h"

#define SCHEMA "https://schema.org/"

char *event_jsonld_escape(struct arena *a, const char *json)
{
    struct buf b = {0};
    for (const char *p = json; *p;) {
        size_t plain = strcspn(p, "<>&");
        buf_append(&b, p, plain);
        p += plain;
        if (*p) {
            buf_puts(&b, *p == '<' ? "\\u003c" : *p == '>' ? "\\u003e" : "\\u0026");
            p++;
        }
    }
    char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}

/* The string event[key], or NULL when absent, null or empty. */
static const char *str(json_t *obj, const char *key)
{
    const char *s = json_string_value(json_object_get(obj, key));
    return s && s[0] ? s : NULL;
}

/* Sets o[key] = value when value is a non-empty string. */
static void set_str(json_t *o, const char *key, const char *value)
{
    if (value && value[0])
        json_object_set_new(o, key, json_string(value));
}

/* startDate/endDate: the local time with its offset for a time known to the
 * minute; schema.org's Date forms for a day ("2020-04-22") or a year
 * ("2024", which has no end: the view gives none). */
static void set_dates(json_t *o, json_t *view)
{
    const char *precision = str(view, "time_precision");
    if (precision && (strcmp(precision, "day") == 0 || strcmp(precision, "year") == 0)) {
        set_str(o, "startDate", str(view, "starts_at"));
        set_str(o, "endDate", str(view, "ends_at"));
        return;
    }
    set_str(o, "startDate", str(view, "starts_local"));
    set_str(o, "endDate", str(view, "ends_local"));
}

/* Where the event happens: the event page as VirtualLocation (online), a
 * Place with its address (in person), or both (hybrid). */
static json_t *location(json_t *event, const char *page_url)
{
    const char *format = str(event, "format"), *place = str(event, "place");
    json_t *virtual = json_pack("{s:s, s:s}", "@type", "VirtualLocation", "url", page_url);
    if (!format || strcmp(format, "online") == 0 || !place)
        return virtual;
    json_t *where = json_pack("{s:s, s:s, s:s}", "@type", "Place", "name", place, "address", place);
    if (strcmp(format, "in_person") == 0) {
        json_decref(virtual);
        return where;
    }
    return json_pack("[o, o]", where, virtual);
}

static const char *attendance_mode(const char *format)
{
    if (format && strcmp(format, "in_person") == 0)
        return SCHEMA "OfflineEventAttendanceMode";
    if (format && strcmp(format, "hybrid") == 0)
        return SCHEMA "MixedEventAttendanceMode";
    return SCHEMA "OnlineEventAttendanceMode";
}

/* inLanguage: the one language code, or the list of them. */
static json_t *in_language(json_t *event)
{
    json_t *codes = json_array(), *l;
    size_t i;
    json_array_foreach(json_object_get(event, "languages"), i, l)
        json_array_append(codes, json_object_get(l, "code"));
    if (json_array_size(codes) != 1)
        return codes;
    json_t *one = json_incref(json_array_get(codes, 0));
    json_decref(codes);
    return one;
}

/* The fields an event and its sessions share: status, mode, location. */
static void set_common(json_t *o, json_t *event, const char *page_url)
{
    bool cancelled = json_is_true(json_object_get(event, "cancelled"));
    json_object_set_new(o, "eventStatus", json_string(cancelled ? SCHEMA "EventCancelled" : SCHEMA "EventScheduled"));
    json_object_set_new(o, "eventAttendanceMode", json_string(attendance_mode(str(event, "format"))));
    json_object_set_new(o, "location", location(event, page_url));
}

/* One Event per session with a time: sessions without one are not events
 * a calendar could hold. */
static json_t *sub_events(struct request *req, json_t *event, const char *page_url)
{
    json_t *list = json_array(), *s;
    size_t i;
    json_array_foreach(json_object_get(event, "sessions"), i, s) {
        if (!str(s, "starts_local"))
            continue;
        json_t *o = json_pack("{s:s, s:s, s:s}", "@type", "Event", "name", str(s, "title") ? str(s, "title") : "",
                              "url",
                              arena_printf(req->arena, "%s#session-%lld", page_url,
                                           (long long)json_integer_value(json_object_get(s, "id"))));
        set_str(o, "startDate", str(s, "starts_local"));
        set_str(o, "endDate", str(s, "ends_local"));
        set_common(o, event, page_url);
        json_array_append_new(list, o);
    }
    return list;
}

void event_jsonld_add(struct request *req, json_t *event)
{
    const char *base = app_base_url();
    const char *page_url = arena_printf(req->arena, "%s%s", base, str(event, "url") ? str(event, "url") : "/");
    json_t *ld = json_pack("{s:s, s:s, s:s, s:s}", "@context", "https://schema.org", "@type", "Event", "name",
                           str(event, "title") ? str(event, "title") : "", "url", page_url);
    set_str(ld, "description", str(event, "summary"));
    set_dates(ld, event);
    set_common(ld, event, page_url);
    json_object_set_new(ld, "organizer", json_pack("{s:s, s:s, s:s}", "@type", "Organization", "name",
                                                   _("Diaspora Exchange Hub"), "url",
                                                   arena_printf(req->arena, "%s/", base)));
    json_object_set_new(ld, "inLanguage", in_language(event));
    json_t *subs = sub_events(req, event, page_url);
    if (json_array_size(subs))
        json_object_set(ld, "subEvent", subs);
    json_decref(subs);
    char *text = json_dumps(ld, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(ld);
    json_object_set_new(event, "jsonld_html", json_string(text ? event_jsonld_escape(req->arena, text) : "{}"));
    json_arena_free_text(text);
}
