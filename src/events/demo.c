/* Loads the demo content (the seeds' real exchanges) into the database. */
#include "events/demo.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "accounts/users.h"
#include "admin/demo_admin.h"
#include "core/embedded.h"
#include "db/db.h"
#include "i18n/tz.h"
#include "view/markdown.h"

static const char *text(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* "2020-04-22" or "2021" at local midnight in tz, as UTC seconds. */
static int local_date(const char *date, const char *tz, int64_t *utc)
{
    struct civil c = {.month = 1, .day = 1};
    if (sscanf(date, "%d-%d-%d", &c.year, &c.month, &c.day) < 1)
        return -1;
    return tz_local_to_utc(tz, &c, utc);
}

static int load_event(struct db *db, json_t *ev, int64_t series_id, int64_t now)
{
    const char *tz = text(ev, "tz");
    int64_t starts;
    if (local_date(text(ev, "date"), tz, &starts)) {
        fprintf(stderr, "dxhub: demo event %s has a bad date or zone\n", text(ev, "slug"));
        return -1;
    }
    /* participants: a count, or NULL when the seed gives none. */
    if (db_run(db,
               "INSERT INTO events (slug, series_id, status, kind, format, place, default_lang, languages, "
               "interpretation, tz, starts_at, time_precision, participants, recording_url, created_at, updated_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               "tittttttttitntii", text(ev, "slug"), series_id, text(ev, "status"), text(ev, "kind"),
               text(ev, "format"), text(ev, "place"), text(ev, "default_lang"), text(ev, "languages"),
               text(ev, "interpretation"), tz, starts, text(ev, "precision"),
               (int64_t)json_integer_value(json_object_get(ev, "participants")), text(ev, "recording_url"), now, now))
        return -1;
    int64_t id = db_last_id(db);
    const char *lang;
    json_t *t;
    json_object_foreach(json_object_get(ev, "texts"), lang, t) {
        char *html = markdown_to_html(text(t, "description"));
        int rc = db_run(db,
                        "INSERT INTO event_texts (event_id, lang, title, summary, description, description_html) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        "ittttt", id, lang, text(t, "title"), text(t, "summary"), text(t, "description"), html);
        free(html);
        if (rc)
            return -1;
    }
    size_t i, j;
    json_t *p, *s, *q;
    json_array_foreach(json_object_get(ev, "partners"), i, p) {
        if (db_run(db, "INSERT INTO partners (event_id, position, name, url) VALUES (?, ?, ?, ?)", "iitt", id,
                   (int64_t)i, text(p, "name"), text(p, "url")))
            return -1;
    }
    json_array_foreach(json_object_get(ev, "proposals"), i, p) {
        if (db_run(db, "INSERT INTO proposals (event_id, position) VALUES (?, ?)", "ii", id, (int64_t)i))
            return -1;
        int64_t pid = db_last_id(db);
        json_object_foreach(p, lang, t) {
            if (db_run(db, "INSERT INTO proposal_texts (proposal_id, lang, title, body) VALUES (?, ?, ?, ?)", "ittt",
                       pid, lang, text(t, "title"), text(t, "body")))
                return -1;
        }
    }
    json_array_foreach(json_object_get(ev, "sessions"), i, s) {
        if (db_run(db, "INSERT INTO sessions (event_id, position) VALUES (?, ?)", "ii", id, (int64_t)i))
            return -1;
        int64_t sid = db_last_id(db);
        json_object_foreach(json_object_get(s, "texts"), lang, t) {
            if (db_run(db, "INSERT INTO session_texts (session_id, lang, title) VALUES (?, ?, ?)", "itt", sid, lang,
                       json_string_value(t)))
                return -1;
        }
        json_array_foreach(json_object_get(s, "questions"), j, q) {
            if (db_run(db, "INSERT INTO guiding_questions (session_id, position) VALUES (?, ?)", "ii", sid, (int64_t)j))
                return -1;
            int64_t qid = db_last_id(db);
            json_object_foreach(q, lang, t) {
                if (db_run(db, "INSERT INTO guiding_question_texts (question_id, lang, body) VALUES (?, ?, ?)", "itt",
                           qid, lang, json_string_value(t)))
                    return -1;
            }
        }
    }
    return 0;
}

static int load_series(struct db *db, json_t *root, int64_t now)
{
    size_t i;
    json_t *series, *ev;
    json_array_foreach(json_object_get(root, "series"), i, series) {
        if (db_run(db, "INSERT INTO series (slug, default_lang, created_at) VALUES (?, ?, ?)", "tti",
                   text(series, "slug"), text(series, "default_lang"), now))
            return -1;
        int64_t id = db_last_id(db);
        const char *lang;
        json_t *t;
        json_object_foreach(json_object_get(series, "texts"), lang, t) {
            if (db_run(db, "INSERT INTO series_texts (series_id, lang, title, summary) VALUES (?, ?, ?, ?)", "ittt", id,
                       lang, text(t, "title"), text(t, "summary")))
                return -1;
        }
        size_t j;
        json_array_foreach(json_object_get(root, "events"), j, ev) {
            if (strcmp(text(ev, "series"), text(series, "slug")) == 0 && load_event(db, ev, id, now))
                return -1;
        }
    }
    return 0;
}

/* Makes the demo admin an organiser of every demo event and of its series
 * (a series is owned by the organisers of its events, as migration 014
 * decides for series made before owners), so that a person trying the demo
 * can open the organiser screens as an organiser would.
 * Idempotent: run on every load, also on a data folder loaded before. */
static int add_organisers(struct db *db, json_t *root, int64_t now)
{
    int64_t admin = user_id_by_email(db, DEMO_ADMIN_EMAIL);
    if (admin <= 0)
        return -1;
    size_t i;
    json_t *ev;
    json_array_foreach(json_object_get(root, "events"), i, ev) {
        if (db_run(db,
                   "INSERT OR IGNORE INTO event_organisers (event_id, user_id, added_at) "
                   "SELECT id, ?, ? FROM events WHERE slug = ?",
                   "iit", admin, now, text(ev, "slug")) ||
            db_run(db,
                   "INSERT OR IGNORE INTO series_organisers (series_id, user_id, added_at) "
                   "SELECT series_id, ?, ? FROM events WHERE slug = ? AND series_id IS NOT NULL",
                   "iit", admin, now, text(ev, "slug")))
            return -1;
    }
    return 0;
}

static bool already_loaded(struct db *db, json_t *root)
{
    json_t *first = json_array_get(json_object_get(root, "series"), 0);
    return db_one_int(db, "SELECT 1 FROM series WHERE slug = ?", NULL, "t", text(first, "slug")) == 1;
}

int demo_load(void)
{
    const struct embedded_file *f = embedded_find("demo/seed.json");
    struct db *db = db_get();
    if (!f || !db)
        return -1;
    json_error_t err;
    json_t *root = json_loadb((const char *)f->data, f->len, 0, &err);
    if (!root) {
        fprintf(stderr, "dxhub: demo/seed.json line %d: %s\n", err.line, err.text);
        return -1;
    }
    /* The admin first: hashing its password must not hold the write lock. */
    int rc = admin_demo_account(db);
    if (rc == 0)
        rc = db_begin(db);
    if (rc == 0) {
        int64_t now = (int64_t)time(NULL);
        if ((already_loaded(db, root) || load_series(db, root, now) == 0) && add_organisers(db, root, now) == 0)
            rc = db_commit(db);
        else {
            db_rollback(db);
            rc = -1;
        }
    }
    json_decref(root);
    return rc;
}
