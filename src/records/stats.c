/* Statistics of one event: queries, buckets in the event's zone, charts. */
#include "records/stats.h"

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "i18n/timefmt.h"
#include "i18n/tz.h"
#include "profiles/code_lists.h"
#include "profiles/profiles.h"
#include "records/chart.h"
#include "records/form_fields.h"
#include "records/record_common.h"
#include "registration/registration_questions.h"

/* Registrations that still count: confirmed, awaiting approval, waitlisted. */
#define CURRENT "r.status IN ('confirmed', 'pending', 'waitlisted')"

/* Attendance within this many hours is counted per hour, not per day. */
#define HOURLY_SPAN (48 * 3600)

struct bucket {
    int64_t key;   /* days since 1970-01-01 in the zone, times 24 plus the hour when hourly */
    int64_t first; /* the first instant counted in it */
    int64_t count;
};

/* Days from 1970-01-01 to the civil date (proleptic Gregorian). */
static int64_t day_number(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Reads the instants of sql (?1 the event, ascending) into a malloc'ed
 * array; *n their number. NULL on a database error. */
static int64_t *read_instants(struct db *db, const char *sql, int64_t event_id, size_t *n)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        return NULL;
    db_bind_int(st, 1, event_id);
    size_t cap = 64;
    int64_t *at = xmalloc(cap * sizeof *at);
    *n = 0;
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (*n == cap)
            at = xrealloc(at, (cap *= 2) * sizeof *at);
        at[(*n)++] = db_col_int(st, 0);
    }
    db_reset(st);
    if (rc == DB_ERROR) {
        free(at);
        return NULL;
    }
    return at;
}

/* A bucket's label: its day, or for an hour its day and time; time_only
 * leaves the day out (the axis of a chart whose hours share one day). */
static const char *bucket_label(struct request *req, const char *tz, int64_t first, bool hourly, bool time_only)
{
    char date[TIMEFMT_MAX], time[TIMEFMT_MAX];
    timefmt_format(date, sizeof date, first, tz, req->lang, TIMEFMT_SHORT_DATE);
    if (!hourly)
        return arena_strdup(req->arena, date);
    /* The hour's start: the instant less its minutes and seconds on the zone's clock. */
    struct civil c;
    tz_utc_to_local(tz, first, &c);
    timefmt_format(time, sizeof time, first - c.minute * 60 - c.second, tz, req->lang, TIMEFMT_TIME);
    return time_only ? arena_strdup(req->arena, time) : arena_printf(req->arena, "%s, %s", date, time);
}

/* A statistic over time from the ascending instants at[0..n). */
static json_t *over_time(struct request *req, const struct event_ref *ev, const int64_t *at, size_t n,
                         bool may_be_hourly, const char *id, const char *title)
{
    bool hourly = may_be_hourly && n && at[n - 1] - at[0] <= HOURLY_SPAN;
    struct bucket *b = arena_alloc(req->arena, (n ? n : 1) * sizeof *b);
    size_t nb = 0;
    for (size_t i = 0; i < n; i++) {
        struct civil c;
        tz_utc_to_local(ev->tz, at[i], &c);
        int64_t key = day_number(c.year, c.month, c.day) * (hourly ? 24 : 1) + (hourly ? c.hour : 0);
        if (nb && b[nb - 1].key == key) {
            b[nb - 1].count++;
            continue;
        }
        b[nb++] = (struct bucket){key, at[i], 1};
    }
    json_t *rows = json_array();
    struct chart_point *points = arena_alloc(req->arena, (nb ? nb : 1) * sizeof *points);
    struct chart_tick *ticks = arena_alloc(req->arena, (nb ? nb : 1) * sizeof *ticks);
    /* Under the chart, hours of one day need no date but the day once. */
    bool one_day = hourly && nb && b[0].key / 24 == b[nb - 1].key / 24;
    int64_t total = 0;
    double span = nb ? (double)(b[nb - 1].key - b[0].key + 1) : 1;
    for (size_t i = 0; i < nb; i++) {
        total += b[i].count;
        /* A single day or hour stands in the middle. */
        double x = nb == 1 ? 0.5 : (double)(b[i].key - b[0].key) / span;
        points[i] = (struct chart_point){x, total};
        ticks[i] = (struct chart_tick){x, bucket_label(req, ev->tz, b[i].first, hourly, one_day)};
        json_array_append_new(rows, json_pack("{s:s, s:I, s:I}", "label",
                                              bucket_label(req, ev->tz, b[i].first, hourly, false), "new",
                                              (json_int_t)b[i].count, "total", (json_int_t)total));
    }
    const char *caption = one_day ? bucket_label(req, ev->tz, b[0].first, false, false) : NULL;
    char *svg = chart_steps_svg(req->arena, id, title, points, nb, ticks, nb, caption);
    return json_pack("{s:s, s:s, s:s, s:o, s:I, s:b, s:b}", "id", id, "title", title, "chart_html", svg, "rows", rows,
                     "total", (json_int_t)total, "empty", nb == 0, "hourly", hourly);
}

static json_t *time_stat(struct request *req, struct db *db, const struct event_ref *ev, const char *sql,
                         bool may_be_hourly, const char *id, const char *title)
{
    size_t n;
    int64_t *at = read_instants(db, sql, ev->id, &n);
    if (!at)
        return NULL;
    json_t *stat = over_time(req, ev, at, n, may_be_hourly, id, title);
    free(at);
    return stat;
}

typedef const char *(*label_fn)(struct request *req, const char *value);

static const char *country_label(struct request *req, const char *code)
{
    const char *name = *code ? country_name(code, req->lang) : NULL;
    return name ? name : _("Not given");
}

static const char *group_label(struct request *req, const char *value)
{
    (void)req;
    const char *label = choice_label(stakeholder_groups, nstakeholder_groups, value);
    return label ? label : _("Not given");
}

static const char *language_label(struct request *req, const char *code)
{
    (void)req;
    const char *name = record_lang_name(code);
    return name ? name : code;
}

static const char *status_label(struct request *req, const char *status)
{
    (void)req;
    return record_status_label(status);
}

/* True when row a goes after row b: "not given" last, then by value,
 * largest first. */
static bool row_after(json_t *a, json_t *b)
{
    bool unknown_a = json_is_true(json_object_get(a, "unknown")),
         unknown_b = json_is_true(json_object_get(b, "unknown"));
    if (unknown_a != unknown_b)
        return unknown_a;
    return json_integer_value(json_object_get(a, "value")) < json_integer_value(json_object_get(b, "value"));
}

/* Orders rows by value, largest first, equal values by label as readers of
 * the request's language sort names, and "not given" last. */
static void sort_rows(struct request *req, json_t *rows)
{
    collation_sort(req->lang, rows, "label");
    size_t n = json_array_size(rows);
    /* Insertion sort: stable, so the names stay in order within a value. */
    for (size_t i = 1; i < n; i++) {
        json_t *row = json_incref(json_array_get(rows, i));
        size_t k = i;
        while (k > 0 && row_after(json_array_get(rows, k - 1), row)) {
            json_array_set(rows, k, json_array_get(rows, k - 1));
            k--;
        }
        json_array_set_new(rows, k, row);
    }
}

/* A statistic by category from rows [{"label", "value", "unknown"}]
 * (taken), in their order unless by_count (then sort_rows). */
static json_t *category_finish(struct request *req, json_t *rows, bool by_count, const char *id, const char *title)
{
    if (by_count)
        sort_rows(req, rows);
    size_t n = json_array_size(rows);
    int64_t total = 0;
    struct chart_bar *bars = arena_alloc(req->arena, (n ? n : 1) * sizeof *bars);
    for (size_t i = 0; i < n; i++) {
        json_t *row = json_array_get(rows, i);
        bars[i] = (struct chart_bar){json_string_value(json_object_get(row, "label")),
                                     json_integer_value(json_object_get(row, "value"))};
        total += bars[i].value;
    }
    char *svg = chart_bars_svg(req->arena, id, title, bars, n);
    return json_pack("{s:s, s:s, s:s, s:o, s:I, s:b}", "id", id, "title", title, "chart_html", svg, "rows", rows,
                     "total", (json_int_t)total, "empty", total == 0);
}

static json_t *category_row(struct request *req, label_fn label, const char *value, int64_t count)
{
    return json_pack("{s:s, s:I, s:b}", "label", label(req, value), "value", (json_int_t)count, "unknown",
                     !value || !*value);
}

/* A statistic by category: sql (?1 the event) gives (value, count) rows,
 * in the order to show them unless by_count (then sort_rows). */
static json_t *category_stat(struct request *req, struct db *db, const struct event_ref *ev, const char *sql,
                             bool by_count, label_fn label, const char *id, const char *title)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        return NULL;
    db_bind_int(st, 1, ev->id);
    json_t *rows = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(rows, category_row(req, label, db_col_text(st, 0), db_col_int(st, 1)));
    db_reset(st);
    if (rc == DB_ERROR) {
        json_decref(rows);
        return NULL;
    }
    return category_finish(req, rows, by_count, id, title);
}

/* Current registrations by a profile field (form answers first, see
 * form_fields_load): field is "residence" (a list; a person may count in
 * several countries, once in each) or "group". */
static json_t *field_stat(struct request *req, json_t *fields, const char *field, label_fn label, const char *id,
                          const char *title)
{
    if (!fields)
        return NULL;
    json_t *counts = json_object();
    const char *key;
    json_t *e;
    json_object_foreach (fields, key, e) {
        if (!json_is_true(json_object_get(e, "current")))
            continue;
        json_t *v = json_object_get(e, field);
        json_t *list = json_is_array(v) ? json_copy(v) : json_pack("[O]", v);
        if (json_array_size(list) == 0)
            json_array_append_new(list, json_string(""));
        size_t i;
        json_t *code;
        json_array_foreach (list, i, code) {
            const char *c = json_string_value(code);
            json_object_set_new(counts, c, json_integer(json_integer_value(json_object_get(counts, c)) + 1));
        }
        json_decref(list);
    }
    json_t *rows = json_array();
    json_t *n;
    json_object_foreach (counts, key, n)
        json_array_append_new(rows, category_row(req, label, key, json_integer_value(n)));
    json_decref(counts);
    return category_finish(req, rows, true, id, title);
}

json_t *stats_view(struct request *req, struct db *db, const struct event_ref *ev)
{
    json_t *questions = reg_questions_load(db, ev->id, "en");
    json_t *fields = questions ? form_fields_load(req, db, ev->id, questions) : NULL;
    json_decref(questions);
    json_t *stats = json_object();
    struct {
        const char *key;
        json_t *stat;
    } parts[] = {
        {"registrations_time",
         time_stat(req, db, ev, "SELECT created_at FROM registrations WHERE event_id = ? ORDER BY created_at", false,
                   "chart-registrations", _("Registrations over time"))},
        {"attendance_time",
         time_stat(req, db, ev, "SELECT joined_at FROM attendance WHERE event_id = ? ORDER BY joined_at", true,
                   "chart-attendance", _("Attendance over time"))},
        {"by_country",
         field_stat(req, fields, "residence", country_label, "chart-country", _("By country of residence"))},
        {"by_group", field_stat(req, fields, "group", group_label, "chart-group", _("By stakeholder group"))},
        {"by_language",
         category_stat(req, db, ev,
                       "SELECT r.lang, COUNT(*) FROM registrations r WHERE r.event_id = ? AND " CURRENT " GROUP BY 1",
                       true, language_label, "chart-language", _("By language of registration"))},
        {"by_status",
         category_stat(req, db, ev,
                       "SELECT r.status, COUNT(*) FROM registrations r WHERE r.event_id = ? GROUP BY 1 "
                       "ORDER BY CASE r.status WHEN 'confirmed' THEN 1 WHEN 'pending' THEN 2 WHEN 'waitlisted' "
                       "THEN 3 WHEN 'cancelled' THEN 4 ELSE 5 END",
                       false, status_label, "chart-status", _("By status"))},
    };
    json_decref(fields);
    bool failed = false;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        failed |= !parts[i].stat;
        json_object_set_new(stats, parts[i].key, parts[i].stat ? parts[i].stat : json_null());
    }
    if (failed) {
        json_decref(stats);
        return NULL;
    }
    return stats;
}
