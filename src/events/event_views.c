/* View objects for events, series and outcomes, built from the database. */
#include "events/event_views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app.h"
#include "db/db.h"
#include "events/event_access.h"
#include "events/event_clocks.h"
#include "events/event_filters.h"
#include "events/event_jsonld.h"
#include "events/event_labels.h"
#include "events/session_people.h"
#include "http/fragment_cache.h"
#include "http/viewer_tz.h"
#include "i18n/timefmt.h"
#include "i18n/tz.h"

/* Columns shared by every event summary query; texts in the asked language
 * (?1) or the event's own. */
#define SUMMARY_COLUMNS                                                                                        \
    "SELECT e.id, e.slug, e.status, e.kind, e.languages, e.tz, e.starts_at, e.time_precision, e.participants, " \
    "COALESCE(t.title, d.title), COALESCE(t.summary, d.summary), t.lang IS NULL, e.default_lang, "           \
    "e.recording_url, e.format, e.place, e.interpretation, e.ends_at "                                       \
    "FROM events e JOIN event_texts d ON d.event_id = e.id AND d.lang = e.default_lang "                     \
    "LEFT JOIN event_texts t ON t.event_id = e.id AND t.lang = ?1 "

enum { C_ID, C_SLUG, C_STATUS, C_KIND, C_LANGS, C_TZ, C_STARTS, C_PRECISION, C_PARTICIPANTS, C_TITLE, C_SUMMARY,
       C_FALLBACK, C_DEFAULT_LANG, C_RECORDING, C_FORMAT, C_PLACE, C_INTERPRETATION, C_ENDS };

/* The listing's filters (struct event_filter): ?3 a series id or 0, ?5 a
 * kind or '', ?6 a language spoken or interpreted into, or ''. */
#define FILTER_WHERE                                                                                           \
    "AND (?3 = 0 OR e.series_id = ?3) AND (?5 = '' OR e.kind = ?5) "                                          \
    "AND (?6 = '' OR instr(',' || e.languages || ',' || e.interpretation || ',', ',' || ?6 || ',') > 0) "
/* Upcoming: not over at ?2 (now); published, or cancelled when ?7 asks for them. */
#define UPCOMING_WHERE                                                                                         \
    "(e.status = 'published' OR (?7 AND e.status = 'cancelled')) "                                            \
    "AND (e.starts_at IS NULL OR COALESCE(e.ends_at, e.starts_at) >= ?2) "
/* Past: finished, or published (or cancelled, when ?7) and over at ?2. */
#define PAST_WHERE                                                                                             \
    "(e.status = 'finished' OR ((e.status = 'published' OR (?7 AND e.status = 'cancelled')) "                 \
    "AND COALESCE(e.ends_at, e.starts_at) < ?2)) "

/* "Wednesday 22 April 2020", "2021", or "Date to be announced", depending
 * on how precisely the time is known. */
static const char *date_label(struct request *req, struct db_stmt *st, int col_starts, const char *tz,
                              const char *precision)
{
    if (db_col_is_null(st, col_starts))
        return _("Date to be announced");
    int64_t at = db_col_int(st, col_starts);
    if (strcmp(precision, "year") == 0) {
        struct civil c;
        tz_utc_to_local(tz, at, &c);
        return arena_printf(req->arena, "%d", c.year);
    }
    char out[128];
    timefmt_format(out, sizeof out, at, tz, req->lang,
                   strcmp(precision, "day") == 0 ? TIMEFMT_DATE : TIMEFMT_DATETIME);
    return arena_strdup(req->arena, out);
}

/* The start as precisely as it is known, in a form valid for <time datetime>
 * and for API clients: "2024" (year), "2020-04-22" (local date) or an
 * instant in UTC "2020-04-22T12:00:00Z". */
static void start_value(char *out, size_t n, int64_t at, const char *tz, const char *precision)
{
    struct civil c;
    tz_utc_to_local(tz, at, &c);
    if (strcmp(precision, "year") == 0)
        snprintf(out, n, "%04d", c.year);
    else if (strcmp(precision, "day") == 0)
        snprintf(out, n, "%04d-%02d-%02d", c.year, c.month, c.day);
    else
        timefmt_iso8601(out, n, at);
}

/* The event's and the viewer's clocks, for a start known to the minute;
 * empty labels otherwise (a day or a year has no time to convert). */
static void add_clocks(struct request *req, json_t *obj, struct db_stmt *st, int col_starts, const char *tz,
                       const char *precision)
{
    if (db_col_is_null(st, col_starts) || strcmp(precision, "minute") != 0)
        event_clocks_none(obj);
    else
        event_clocks_add(obj, db_col_int(st, col_starts), tz, request_viewer_tz(req), req->lang);
}

/* Kind, format and status, as codes and translated labels; "cancelled" is
 * true for a cancelled event, which every view marks as such. */
static void add_status(json_t *e, struct db_stmt *st)
{
    const char *status = db_col_text(st, C_STATUS), *format = db_col_text(st, C_FORMAT);
    int last = db_col_is_null(st, C_ENDS) ? C_STARTS : C_ENDS;
    bool ended = !db_col_is_null(st, last) && db_col_int(st, last) < (int64_t)time(NULL);
    json_object_set_new(e, "kind", json_string(db_col_text(st, C_KIND)));
    json_object_set_new(e, "format", json_string(format));
    json_object_set_new(e, "format_label", json_string(event_format_label(format)));
    json_object_set_new(e, "status_label", json_string(event_status_label(status, ended)));
    json_object_set_new(e, "cancelled", json_boolean(strcmp(status, "cancelled") == 0));
}

static json_t *summary_from_row(struct request *req, struct db_stmt *st)
{
    const char *slug = db_col_text(st, C_SLUG);
    const char *tz = db_col_text(st, C_TZ);
    const char *precision = db_col_text(st, C_PRECISION);
    char iso[40] = "";
    if (!db_col_is_null(st, C_STARTS))
        start_value(iso, sizeof iso, db_col_int(st, C_STARTS), tz, precision);
    json_t *e = json_pack("{s:I, s:s, s:s, s:s, s:s, s:b, s:s, s:s, s:s, s:s, s:o, s:s}", "id",
                          (json_int_t)db_col_int(st, C_ID), "slug", slug, "url",
                          arena_printf(req->arena, "/events/%s", slug), "title", db_col_text(st, C_TITLE),
                          "summary", db_col_text(st, C_SUMMARY), "fallback", (int)db_col_int(st, C_FALLBACK),
                          "tz", tz, "status", db_col_text(st, C_STATUS), "kind_label",
                          event_kind_label(db_col_text(st, C_KIND)), "date_label",
                          date_label(req, st, C_STARTS, tz, precision), "languages",
                          event_languages_json(db_col_text(st, C_LANGS)), "recording_url", db_col_text(st, C_RECORDING));
    json_object_set_new(e, "starts_at", iso[0] ? json_string(iso) : json_null());
    json_object_set_new(e, "time_precision", json_string(precision));
    /* Only a known day or minute can go into a calendar. */
    bool dated = iso[0] && strcmp(precision, "year") != 0;
    json_object_set_new(e, "ics_url", dated ? json_string(arena_printf(req->arena, "/events/%s.ics", slug)) : json_null());
    add_clocks(req, e, st, C_STARTS, tz, precision);
    add_status(e, st);
    if (db_col_int(st, C_FALLBACK))
        json_object_set_new(e, "text_lang", json_string(db_col_text(st, C_DEFAULT_LANG)));
    if (!db_col_is_null(st, C_PARTICIPANTS)) {
        json_int_t n = db_col_int(st, C_PARTICIPANTS);
        json_object_set_new(e, "participants", json_integer(n));
        json_object_set_new(e, "participants_label",
                            json_string(arena_printf(req->arena, ngettext("%lld participant", "%lld participants",
                                                                          (unsigned long)n),
                                                     (long long)n)));
    } else {
        json_object_set_new(e, "participants", json_null());
    }
    return e;
}

/* Runs a prepared summary query (parameters already bound) into an array. */
static json_t *collect_summaries(struct request *req, struct db_stmt *st)
{
    json_t *list = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(list, summary_from_row(req, st));
    db_reset(st);
    if (rc == DB_ERROR) {
        json_decref(list);
        return NULL;
    }
    return list;
}

/* Binds the parameters the period and filter conditions share. */
static void bind_filter(struct db_stmt *st, const struct event_filter *f)
{
    db_bind_int(st, 2, (int64_t)time(NULL));
    db_bind_int(st, 3, f->series_id);
    db_bind_text(st, 5, f->kind ? f->kind : "");
    db_bind_text(st, 6, f->language ? f->language : "");
    db_bind_int(st, 7, f->with_cancelled);
}

json_t *event_list_filtered(struct request *req, enum event_period period, const struct event_filter *f, int limit)
{
    struct db *db = db_get();
    if (!db)
        return NULL;
    static const char upcoming[] = SUMMARY_COLUMNS "WHERE " UPCOMING_WHERE FILTER_WHERE
                                                   "ORDER BY e.starts_at IS NULL, e.starts_at LIMIT ?4";
    static const char past[] = SUMMARY_COLUMNS "WHERE " PAST_WHERE FILTER_WHERE
                                               "ORDER BY e.starts_at DESC, e.id DESC LIMIT ?4";
    struct db_stmt *st = db_prepare(db, period == EVENTS_UPCOMING ? upcoming : past);
    if (!st)
        return NULL;
    db_bind_text(st, 1, i18n_code(req->lang));
    bind_filter(st, f);
    db_bind_int(st, 4, limit);
    return collect_summaries(req, st);
}

json_t *event_list(struct request *req, enum event_period period, int64_t series_id, int limit)
{
    struct event_filter f = {.kind = "", .language = "", .series_id = series_id};
    return event_list_filtered(req, period, &f, limit);
}

int event_count(const struct event_filter *f, int64_t *upcoming, int64_t *past)
{
    struct db *db = db_get();
    struct db_stmt *st = db ? db_prepare(db, "SELECT COALESCE(SUM(" UPCOMING_WHERE "), 0), "
                                             "COALESCE(SUM(" PAST_WHERE "), 0) FROM events e WHERE 1 = 1 " FILTER_WHERE)
                            : NULL;
    if (!st)
        return -1;
    bind_filter(st, f);
    enum db_step rc = db_step(st);
    if (rc == DB_ROW) {
        *upcoming = db_col_int(st, 0);
        *past = db_col_int(st, 1);
    }
    db_reset(st);
    return rc == DB_ROW ? 0 : -1;
}

/* Prepares sql (constant text) with ?1 bound to parent and, unless lang is
 * NULL, ?2 to lang: the queries of an event's parts in the viewer's
 * language. NULL on a database error. */
static struct db_stmt *child_query(struct db *db, const char *sql, int64_t parent, const char *lang)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (st) {
        db_bind_int(st, 1, parent);
        if (lang)
            db_bind_text(st, 2, lang);
    }
    return st;
}

/* Appends to `list` one object per row of a child query selecting (id, texts...),
 * with ?1 the parent id and ?2 the language (not bound when lang is NULL). */
static bool add_texts(struct db *db, const char *sql, int64_t parent, const char *lang, json_t *list,
                      const char *const keys[], int nkeys)
{
    struct db_stmt *st = child_query(db, sql, parent, lang);
    if (!st)
        return false;
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        json_t *o = json_object();
        json_object_set_new(o, "id", json_integer(db_col_int(st, 0)));
        for (int k = 0; k < nkeys; k++) {
            const char *v = db_col_text(st, k + 1);
            json_object_set_new(o, keys[k], json_string(v ? v : ""));
        }
        json_array_append_new(list, o);
    }
    db_reset(st);
    return rc == DB_DONE;
}

/* Sets obj[key] to the instant in column col as local time in tz with its
 * UTC offset ("2030-03-28T15:00:00-05:00"), when known to the minute; else null. */
static void add_local_iso(json_t *obj, const char *key, struct db_stmt *st, int col, const char *tz,
                          const char *precision)
{
    char iso[TIMEFMT_MAX];
    bool known = !db_col_is_null(st, col) && strcmp(precision, "minute") == 0 &&
                 timefmt_iso8601_local(iso, sizeof iso, db_col_int(st, col), tz);
    json_object_set_new(obj, key, known ? json_string(iso) : json_null());
}

/* The end: "ends_at" (as precise as the start, null for a year or no end),
 * "end_event_label" and "end_yours_label" (the two clocks; the date alone
 * for a day-precision end). */
static void add_end(struct request *req, json_t *event, struct db_stmt *st, const char *tz, const char *precision)
{
    char iso[40] = "", ours[EVENT_CLOCK_MAX] = "", yours[EVENT_CLOCK_MAX] = "";
    if (!db_col_is_null(st, C_ENDS) && strcmp(precision, "year") != 0) {
        int64_t at = db_col_int(st, C_ENDS);
        start_value(iso, sizeof iso, at, tz, precision);
        if (strcmp(precision, "minute") == 0)
            event_clocks_format(at, tz, request_viewer_tz(req), req->lang, ours, yours);
        else
            timefmt_format(ours, sizeof ours, at, tz, req->lang, TIMEFMT_DATE);
    }
    json_object_set_new(event, "ends_at", iso[0] ? json_string(iso) : json_null());
    json_object_set_new(event, "end_event_label", json_string(ours));
    json_object_set_new(event, "end_yours_label", json_string(yours));
}

/* The facts of the event page's aside that cards leave out: the place
 * (in person and hybrid), interpretation, the end, and the local times with
 * their UTC offsets (for schema.org and API clients). */
static void add_facts(struct request *req, json_t *event, struct db_stmt *st)
{
    const char *tz = db_col_text(st, C_TZ), *precision = db_col_text(st, C_PRECISION);
    const char *place = db_col_text(st, C_PLACE);
    bool at_place = strcmp(db_col_text(st, C_FORMAT), "online") != 0 && place && place[0];
    json_object_set_new(event, "place", at_place ? json_string(place) : json_null());
    json_t *interpretation = event_languages_json(db_col_text(st, C_INTERPRETATION));
    json_object_set_new(event, "interpretation_offered", json_boolean(json_array_size(interpretation) > 0));
    json_object_set_new(event, "interpretation", interpretation);
    add_end(req, event, st, tz, precision);
    add_local_iso(event, "starts_local", st, C_STARTS, tz, precision);
    add_local_iso(event, "ends_local", st, C_ENDS, tz, precision);
}

/* Gives each session of the event its "guiding_questions" ([{"id", "body"}]
 * in lang or the event's own), in one query for the whole event. */
static bool add_questions(struct db *db, int64_t event_id, const char *lang, json_t *sessions)
{
    size_t i;
    json_t *session;
    json_array_foreach(sessions, i, session) json_object_set_new(session, "guiding_questions", json_array());
    struct db_stmt *st =
        child_query(db,
                    "SELECT q.session_id, q.id, COALESCE(t.body, d.body) FROM guiding_questions q "
                    "JOIN sessions s ON s.id = q.session_id JOIN events e ON e.id = s.event_id "
                    "JOIN guiding_question_texts d ON d.question_id = q.id AND d.lang = e.default_lang "
                    "LEFT JOIN guiding_question_texts t ON t.question_id = q.id AND t.lang = ?2 "
                    "WHERE s.event_id = ?1 ORDER BY s.position, q.position",
                    event_id, lang);
    if (!st)
        return false;
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        json_array_foreach(sessions, i, session) {
            if (json_integer_value(json_object_get(session, "id")) == db_col_int(st, 0)) {
                json_array_append_new(json_object_get(session, "guiding_questions"),
                                      json_pack("{s:I, s:s}", "id", (json_int_t)db_col_int(st, 1), "body",
                                                db_col_text(st, 2)));
                break;
            }
        }
    }
    db_reset(st);
    return rc == DB_DONE;
}

/* Session times, start to end, are shown in the event's zone and the
 * viewer's; a session without a time gets empty labels (not the event's, which Mustache would fall back to). */
static bool add_sessions(struct request *req, struct db *db, int64_t event_id, json_t *event)
{
    const char *lang = i18n_code(req->lang);
    json_t *sessions = json_array();
    json_object_set_new(event, "sessions", sessions);
    struct db_stmt *st =
        child_query(db,
                    "SELECT s.id, COALESCE(t.title, d.title), "
                    "COALESCE(t.description_html, d.description_html), s.starts_at, e.tz, s.ends_at "
                    "FROM sessions s JOIN events e ON e.id = s.event_id "
                    "JOIN session_texts d ON d.session_id = s.id AND d.lang = e.default_lang "
                    "LEFT JOIN session_texts t ON t.session_id = s.id AND t.lang = ?2 "
                    "WHERE s.event_id = ?1 ORDER BY s.position",
                    event_id, lang);
    if (!st)
        return false;
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *label = db_col_is_null(st, 3) ? "" : date_label(req, st, 3, db_col_text(st, 4), "minute");
        json_t *session = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)db_col_int(st, 0), "title",
                                    db_col_text(st, 1), "description_html", db_col_text(st, 2), "date_label", label);
        if (db_col_is_null(st, 3))
            event_clocks_none(session);
        else
            event_clocks_add_range(session, db_col_int(st, 3), db_col_is_null(st, 5) ? 0 : db_col_int(st, 5),
                                   db_col_text(st, 4), request_viewer_tz(req), req->lang);
        add_local_iso(session, "starts_local", st, 3, db_col_text(st, 4), "minute");
        add_local_iso(session, "ends_local", st, 5, db_col_text(st, 4), "minute");
        json_array_append_new(sessions, session);
    }
    db_reset(st);
    if (rc != DB_DONE)
        return false;
    return add_questions(db, event_id, lang, sessions);
}

static bool add_proposals(struct request *req, struct db *db, int64_t event_id, json_t *event)
{
    static const char *const keys[] = {"title", "body"};
    json_t *proposals = json_array();
    json_object_set_new(event, "proposals", proposals);
    return add_texts(db,
                     "SELECT p.id, COALESCE(t.title, d.title), COALESCE(t.body, d.body) FROM proposals p "
                     "JOIN events e ON e.id = p.event_id "
                     "JOIN proposal_texts d ON d.proposal_id = p.id AND d.lang = e.default_lang "
                     "LEFT JOIN proposal_texts t ON t.proposal_id = p.id AND t.lang = ?2 "
                     "WHERE p.event_id = ?1 ORDER BY p.position",
                     event_id, i18n_code(req->lang), proposals, keys, 2);
}

static bool add_partners(struct db *db, int64_t event_id, json_t *event)
{
    static const char *const keys[] = {"name", "url"};
    json_t *partners = json_array();
    json_object_set_new(event, "partners", partners);
    return add_texts(db, "SELECT id, name, url FROM partners WHERE event_id = ?1 ORDER BY position", event_id, NULL,
                     partners, keys, 2);
}

static bool add_details(struct request *req, struct db *db, int64_t id, json_t *event)
{
    struct db_stmt *st =
        child_query(db,
                    "SELECT COALESCE(t.description_html, d.description_html), s.slug, "
                    "COALESCE(st.title, sd.title) FROM events e "
                    "JOIN event_texts d ON d.event_id = e.id AND d.lang = e.default_lang "
                    "LEFT JOIN event_texts t ON t.event_id = e.id AND t.lang = ?2 "
                    "LEFT JOIN series s ON s.id = e.series_id "
                    "LEFT JOIN series_texts sd ON sd.series_id = s.id AND sd.lang = s.default_lang "
                    "LEFT JOIN series_texts st ON st.series_id = s.id AND st.lang = ?2 "
                    "WHERE e.id = ?1",
                    id, i18n_code(req->lang));
    if (!st)
        return false;
    if (db_step(st) != DB_ROW) {
        db_reset(st);
        return false;
    }
    json_object_set_new(event, "description_html", json_string(db_col_text(st, 0)));
    const char *series_slug = db_col_text(st, 1);
    json_object_set_new(event, "series",
                        series_slug ? json_pack("{s:s, s:s}", "title", db_col_text(st, 2), "url",
                                                arena_printf(req->arena, "/series/%s", series_slug))
                                    : json_null());
    db_reset(st);
    return true;
}

/* The members named as session people (speakers, moderators) who have an
 * account: each sees the link to their own profile whatever its visibility
 * (profile_may_see), so their view of the event is not the shared one. */
static json_t *event_people_users(struct db *db, int64_t event_id)
{
    struct db_stmt *st = child_query(db,
                                     "SELECT DISTINCT p.user_id FROM session_people p "
                                     "JOIN sessions s ON s.id = p.session_id "
                                     "WHERE s.event_id = ?1 AND p.user_id IS NOT NULL",
                                     event_id, NULL);
    if (!st)
        return NULL;
    json_t *ids = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(ids, json_integer(db_col_int(st, 0)));
    db_reset(st);
    if (rc != DB_DONE) {
        json_decref(ids);
        return NULL;
    }
    return ids;
}

/* What every viewer of one audience (visitor or member) in one language and
 * zone sees of the event: {"event": the view with "draft" and placeholders
 * for the personal "can_manage" and "manage_url" (kept in their places so
 * that the JSON keeps its order), "people": event_people_users, "jsonld":
 * the schema.org text}. NULL when there is no such event or on a database
 * error (*error set). */
static json_t *event_shared_build(struct request *req, const char *slug, bool *error)
{
    struct db *db = db_get();
    struct db_stmt *st = db ? db_prepare(db, SUMMARY_COLUMNS "WHERE e.slug = ?2") : NULL;
    if (!st) {
        *error = true;
        return NULL;
    }
    db_bind_text(st, 1, i18n_code(req->lang));
    db_bind_text(st, 2, slug);
    enum db_step rc = db_step(st);
    if (rc != DB_ROW) {
        db_reset(st);
        *error = rc == DB_ERROR;
        return NULL;
    }
    json_t *event = summary_from_row(req, st);
    add_facts(req, event, st);
    int64_t id = db_col_int(st, C_ID);
    json_object_set_new(event, "draft", json_boolean(strcmp(db_col_text(st, C_STATUS), "draft") == 0));
    db_reset(st);
    json_object_set_new(event, "can_manage", json_false());
    json_object_set_new(event, "manage_url", json_null());
    json_t *people = NULL;
    if (!add_details(req, db, id, event) || !add_sessions(req, db, id, event) ||
        !session_people_add(req, db, id, json_object_get(event, "sessions")) || !add_proposals(req, db, id, event) ||
        !add_partners(db, id, event) || !(people = event_people_users(db, id))) {
        json_decref(event);
        *error = true;
        return NULL;
    }
    event_jsonld_add(req, event);
    json_t *jsonld = json_incref(json_object_get(event, "jsonld_html"));
    json_object_del(event, "jsonld_html");
    return json_pack("{s:o, s:o, s:o}", "event", event, "people", people, "jsonld", jsonld);
}

static bool among(json_t *ids, int64_t id)
{
    size_t i;
    json_t *v;
    json_array_foreach (ids, i, v)
        if (json_integer_value(v) == id)
            return true;
    return false;
}

/* The shared part of the event (event_shared_build), from the fragment
 * cache when it holds it. A member named among the session people gets
 * their own build, never stored. */
static json_t *event_shared(struct request *req, const char *slug, bool *error)
{
    int64_t viewer = req->caller.user_id;
    const char *key = arena_printf(req->arena, "event|%c|%s", viewer ? 'm' : 'v', slug);
    json_t *shared = fragment_cache_get(req, key);
    if (shared && (!viewer || !among(json_object_get(shared, "people"), viewer)))
        return shared;
    if (shared) {
        json_decref(shared);
        return event_shared_build(req, slug, error);
    }
    shared = event_shared_build(req, slug, error);
    if (shared && (!viewer || !among(json_object_get(shared, "people"), viewer)))
        fragment_cache_put(req, key, shared);
    return shared;
}

json_t *event_full(struct request *req, const char *slug, bool *error, json_t **jsonld)
{
    *error = false;
    json_t *shared = event_shared(req, slug, error);
    if (!shared)
        return NULL;
    /* A copy of the top level only: what is below is shared and stays as it is. */
    json_t *event = json_copy(json_object_get(shared, "event"));
    if (jsonld)
        *jsonld = json_incref(json_object_get(shared, "jsonld"));
    json_decref(shared);
    int64_t id = json_integer_value(json_object_get(event, "id"));
    /* Drafts exist for their organisers only. */
    bool manage = event_can_manage(&req->caller, id);
    if (json_is_true(json_object_get(event, "draft")) && !manage) {
        json_decref(event);
        if (jsonld) {
            json_decref(*jsonld);
            *jsonld = NULL;
        }
        return NULL;
    }
    json_object_set_new(event, "can_manage", json_boolean(manage));
    json_object_set_new(event, "manage_url",
                        manage ? json_string(arena_printf(req->arena, "/events/%s/manage", json_string_value(json_object_get(event, "slug"))))
                               : json_null());
    return event;
}

/* webcal://host/path: calendar applications subscribe to it and keep it fresh. */
static const char *webcal_url(struct request *req, const char *path)
{
    const char *base = app_base_url(), *host = strstr(base, "://");
    return arena_printf(req->arena, "webcal://%s%s", host ? host + 3 : base, path);
}

static json_t *series_rows(struct request *req, const char *slug, bool *error)
{
    *error = false;
    struct db *db = db_get();
    struct db_stmt *st =
        db ? db_prepare(db, "SELECT s.id, s.slug, COALESCE(t.title, d.title), COALESCE(t.summary, d.summary) "
                            "FROM series s JOIN series_texts d ON d.series_id = s.id AND d.lang = s.default_lang "
                            "LEFT JOIN series_texts t ON t.series_id = s.id AND t.lang = ?1 "
                            "WHERE ?2 IS NULL OR s.slug = ?2 ORDER BY s.id")
           : NULL;
    if (!st) {
        *error = true;
        return NULL;
    }
    db_bind_text(st, 1, i18n_code(req->lang));
    db_bind_text(st, 2, slug);
    json_t *list = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *s = db_col_text(st, 1);
        json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "id",
                                              (json_int_t)db_col_int(st, 0), "slug", s, "url",
                                              arena_printf(req->arena, "/series/%s", s), "title", db_col_text(st, 2),
                                              "summary", db_col_text(st, 3), "ics_url",
                                              arena_printf(req->arena, "/series/%s.ics", s), "webcal_url",
                                              webcal_url(req, arena_printf(req->arena, "/series/%s.ics", s))));
    }
    db_reset(st);
    size_t i;
    json_t *series;
    json_array_foreach(list, i, series) {
        json_t *editions = event_list(req, EVENTS_PAST, json_integer_value(json_object_get(series, "id")), 100);
        if (!editions) {
            rc = DB_ERROR;
            break;
        }
        json_object_set_new(series, "editions", editions);
    }
    if (rc == DB_ERROR) {
        json_decref(list);
        *error = true;
        return NULL;
    }
    return list;
}

json_t *series_list(struct request *req)
{
    bool error;
    return series_rows(req, NULL, &error);
}

json_t *series_view(struct request *req, const char *slug, bool *error)
{
    json_t *list = series_rows(req, slug, error);
    json_t *one = list && json_array_size(list) ? json_incref(json_array_get(list, 0)) : NULL;
    json_decref(list);
    return one;
}

json_t *event_outcomes(struct request *req, int limit)
{
    /* Only the events that have proposals (in their own language, as add_proposals reads them):
     * summarising every past event to find two cost a quarter of the home page. */
    static const char sql[] = SUMMARY_COLUMNS "WHERE " PAST_WHERE FILTER_WHERE
                              "AND EXISTS (SELECT 1 FROM proposals p JOIN proposal_texts pd ON pd.proposal_id = p.id "
                              "AND pd.lang = e.default_lang WHERE p.event_id = e.id) "
                              "ORDER BY e.starts_at DESC, e.id DESC LIMIT ?4";
    struct db *db = db_get();
    struct db_stmt *st = db ? db_prepare(db, sql) : NULL;
    if (!st)
        return NULL;
    struct event_filter f = {.kind = "", .language = ""};
    db_bind_text(st, 1, i18n_code(req->lang));
    bind_filter(st, &f);
    db_bind_int(st, 4, limit);
    json_t *past = collect_summaries(req, st);
    if (!past)
        return NULL;
    json_t *out = json_array();
    size_t i;
    json_t *e;
    json_array_foreach(past, i, e) {
        json_t *holder = json_object();
        if (!add_proposals(req, db, json_integer_value(json_object_get(e, "id")), holder)) {
            json_decref(holder);
            json_decref(out);
            out = NULL;
            break;
        }
        json_array_append_new(out, json_pack("{s:{s:O, s:O, s:O}, s:O}", "event", "title", json_object_get(e, "title"),
                                             "url", json_object_get(e, "url"), "date_label",
                                             json_object_get(e, "date_label"), "proposals",
                                             json_object_get(holder, "proposals")));
        json_decref(holder);
    }
    json_decref(past);
    return out;
}
