/* Page handlers for the home page, event listing, event and series pages.
 * Each: permission (checked by the route table) → parameters → query →
 * view object → page_render. */
#include "events/event_pages.h"

#include "events/event_views.h"
#include "http/fragment_cache.h"
#include "records/record_view.h"
#include "registration/registration_view.h"
#include "view/page.h"

/* Renders data with template and status, or the 500 page when building it failed. */
static void render_or_fail(struct request *req, unsigned status, const char *template, json_t *data, bool failed)
{
    if (failed) {
        json_decref(data);
        page_error(req, 500);
        return;
    }
    page_render(req, status, template, data);
}

/* The edition to feature: the next one, else the latest one. */
static json_t *featured_event(struct request *req, json_t *upcoming, json_t *past, bool *failed)
{
    json_t *pick = json_array_size(upcoming) ? json_array_get(upcoming, 0) : json_array_get(past, 0);
    if (!pick)
        return json_null();
    bool error;
    json_t *full = event_full(req, json_string_value(json_object_get(pick, "slug")), &error, NULL);
    *failed |= error;
    return full ? full : json_null();
}

/* The home page's lists, the same for every viewer in one language and
 * zone: {"upcoming", "past", "series", "outcomes"}, from the fragment cache
 * when it holds them. NULL on a database error. */
static json_t *home_lists(struct request *req)
{
    json_t *lists = fragment_cache_get(req, "home");
    if (lists)
        return lists;
    json_t *upcoming = event_list(req, EVENTS_UPCOMING, 0, 5);
    json_t *past = event_list(req, EVENTS_PAST, 0, 1);
    json_t *series = series_list(req);
    json_t *outcomes = event_outcomes(req, 2);
    if (!upcoming || !past || !series || !outcomes) {
        json_decref(upcoming);
        json_decref(past);
        json_decref(series);
        json_decref(outcomes);
        return NULL;
    }
    lists = json_pack("{s:o, s:o, s:o, s:o}", "upcoming", upcoming, "past", past, "series", series, "outcomes",
                      outcomes);
    fragment_cache_put(req, "home", lists);
    return lists;
}

void page_home(struct request *req)
{
    json_t *lists = home_lists(req);
    json_t *upcoming = json_object_get(lists, "upcoming"), *series = json_object_get(lists, "series");
    bool failed = !lists;
    json_t *featured =
        failed ? json_null() : featured_event(req, upcoming, json_object_get(lists, "past"), &failed);
    json_t *data = json_pack("{s:s, s:s, s:O*, s:o, s:O*, s:O*}", "title", _("Diaspora Exchange Hub"), "intro",
                             _("Diaspora organisations, policymakers, international organisations, NGOs, researchers "
                               "and the private sector meet here to learn from each other and act together: live "
                               "virtual exchanges in English, French and Spanish, and what comes out of them."),
                             "upcoming", upcoming, "featured", featured, "series", series, "outcomes",
                             json_object_get(lists, "outcomes"));
    json_decref(lists);
    render_or_fail(req, 200, "home", data, failed);
}

/* "N events", or with filters "N events match these filters". */
static const char *match_label(struct request *req, bool filtered, int64_t n)
{
    const char *fmt = filtered ? ngettext("%lld event matches these filters", "%lld events match these filters",
                                          (unsigned long)n)
                               : ngettext("%lld event", "%lld events", (unsigned long)n);
    return arena_printf(req->arena, fmt, (long long)n);
}

void page_events(struct request *req)
{
    struct event_filter f;
    bool bad;
    json_t *filters = event_filters_read(req, &f, &bad);
    json_t *upcoming = filters ? event_list_filtered(req, EVENTS_UPCOMING, &f, 100) : NULL;
    json_t *past = filters ? event_list_filtered(req, EVENTS_PAST, &f, 100) : NULL;
    int64_t nupcoming = 0, npast = 0;
    bool failed = !upcoming || !past || event_count(&f, &nupcoming, &npast) != 0;
    json_t *data = json_pack("{s:s, s:o*, s:o*, s:o*, s:{s:I, s:I, s:I}}", "title", _("Events"), "filters", filters,
                             "upcoming", upcoming, "past", past, "count", "upcoming", (json_int_t)nupcoming, "past",
                             (json_int_t)npast, "total", (json_int_t)(nupcoming + npast));
    bool filtered = json_is_true(json_object_get(filters, "active"));
    json_object_set_new(data, "filtered", json_boolean(filtered));
    json_object_set_new(data, "match_label", json_string(match_label(req, filtered, nupcoming + npast)));
    render_or_fail(req, bad ? 400 : 200, "events", data, failed);
}

/* Renders obj (a view found by slug) under `key`, titled by its own title;
 * a missing one is a 404 page, a database error a 500. Takes obj. */
static void render_found(struct request *req, const char *template, const char *key, json_t *obj, bool error)
{
    if (!obj) {
        page_error(req, error ? 500 : 404);
        return;
    }
    page_render(req, 200, template, json_pack("{s:O, s:o}", "title", json_object_get(obj, "title"), key, obj));
}

void page_event(struct request *req)
{
    bool error;
    json_t *jsonld = NULL;
    json_t *event = event_full(req, request_param(req, "slug"), &error, &jsonld);
    if (event) {
        int64_t id = json_integer_value(json_object_get(event, "id"));
        if (!registration_view_add(req, id, event) || !record_view_add(req, id, event)) {
            json_decref(event);
            event = NULL;
            error = true;
        } else {
            json_object_set(event, "jsonld_html", jsonld);
        }
    }
    json_decref(jsonld);
    render_found(req, "event", "event", event, error);
}

void page_series(struct request *req)
{
    bool error;
    json_t *series = series_view(req, request_param(req, "slug"), &error);
    render_found(req, "series", "series", series, error);
}
