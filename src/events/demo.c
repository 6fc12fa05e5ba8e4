/* Loads the demo content (the seeds' real exchanges) into the database. */
#include "events/demo.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/embedded.h"
#include "db/db.h"
#include "i18n/tz.h"
#include "view/markdown.h"

/* Runs sql with the given parameters, one per letter of types: 't' a
 * string (NULL binds NULL), 'i' an int64_t, 'j' a json_t * integer (not an
 * integer binds NULL). Returns the new row id, or -1. */
static int64_t insert(struct db *db, const char *sql, const char *types, ...)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        return -1;
    va_list ap;
    va_start(ap, types);
    for (int i = 0; types[i]; i++) {
        if (types[i] == 't') {
            db_bind_text(st, i + 1, va_arg(ap, const char *));
        } else if (types[i] == 'j') {
            json_t *n = va_arg(ap, json_t *);
            if (json_is_integer(n))
                db_bind_int(st, i + 1, json_integer_value(n));
            else
                db_bind_null(st, i + 1);
        } else {
            db_bind_int(st, i + 1, va_arg(ap, int64_t));
        }
    }
    va_end(ap);
    enum db_step rc = db_step(st);
    db_reset(st);
    return rc == DB_DONE ? db_last_id(db) : -1;
}

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
    int64_t id = insert(db,
                        "INSERT INTO events (slug, series_id, status, default_lang, languages, tz, starts_at, "
                        "time_precision, participants, recording_url, created_at, updated_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        "tittttitjtii", text(ev, "slug"), series_id, text(ev, "status"), text(ev, "default_lang"),
                        text(ev, "languages"), tz, starts, text(ev, "precision"), json_object_get(ev, "participants"),
                        text(ev, "recording_url"), now, now);
    if (id < 0)
        return -1;
    const char *lang;
    json_t *t;
    json_object_foreach(json_object_get(ev, "texts"), lang, t) {
        char *html = markdown_to_html(text(t, "description"));
        int64_t rc = insert(db,
                            "INSERT INTO event_texts (event_id, lang, title, summary, description, description_html) "
                            "VALUES (?, ?, ?, ?, ?, ?)",
                            "ittttt", id, lang, text(t, "title"), text(t, "summary"), text(t, "description"), html);
        free(html);
        if (rc < 0)
            return -1;
    }
    size_t i, j;
    json_t *p, *s, *q;
    json_array_foreach(json_object_get(ev, "partners"), i, p) {
        if (insert(db, "INSERT INTO partners (event_id, position, name, url) VALUES (?, ?, ?, ?)", "iitt", id,
                   (int64_t)i, text(p, "name"), text(p, "url")) < 0)
            return -1;
    }
    json_array_foreach(json_object_get(ev, "proposals"), i, p) {
        int64_t pid = insert(db, "INSERT INTO proposals (event_id, position) VALUES (?, ?)", "ii", id, (int64_t)i);
        json_object_foreach(p, lang, t) {
            if (pid < 0 || insert(db, "INSERT INTO proposal_texts (proposal_id, lang, title, body) VALUES (?, ?, ?, ?)",
                                  "ittt", pid, lang, text(t, "title"), text(t, "body")) < 0)
                return -1;
        }
    }
    json_array_foreach(json_object_get(ev, "sessions"), i, s) {
        int64_t sid = insert(db, "INSERT INTO sessions (event_id, position) VALUES (?, ?)", "ii", id, (int64_t)i);
        json_object_foreach(json_object_get(s, "texts"), lang, t) {
            if (sid < 0 || insert(db, "INSERT INTO session_texts (session_id, lang, title) VALUES (?, ?, ?)", "itt",
                                  sid, lang, json_string_value(t)) < 0)
                return -1;
        }
        json_array_foreach(json_object_get(s, "questions"), j, q) {
            int64_t qid =
                insert(db, "INSERT INTO guiding_questions (session_id, position) VALUES (?, ?)", "ii", sid, (int64_t)j);
            json_object_foreach(q, lang, t) {
                if (qid < 0 || insert(db,
                                      "INSERT INTO guiding_question_texts (question_id, lang, body) VALUES (?, ?, ?)",
                                      "itt", qid, lang, json_string_value(t)) < 0)
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
        int64_t id = insert(db, "INSERT INTO series (slug, default_lang, created_at) VALUES (?, ?, ?)", "tti",
                            text(series, "slug"), text(series, "default_lang"), now);
        if (id < 0)
            return -1;
        const char *lang;
        json_t *t;
        json_object_foreach(json_object_get(series, "texts"), lang, t) {
            if (insert(db, "INSERT INTO series_texts (series_id, lang, title, summary) VALUES (?, ?, ?, ?)", "ittt", id,
                       lang, text(t, "title"), text(t, "summary")) < 0)
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

static bool already_loaded(struct db *db, json_t *root)
{
    json_t *first = json_array_get(json_object_get(root, "series"), 0);
    struct db_stmt *st = db_prepare(db, "SELECT 1 FROM series WHERE slug = ?");
    db_bind_text(st, 1, text(first, "slug"));
    bool found = db_step(st) == DB_ROW;
    db_reset(st);
    return found;
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
    int rc = 0;
    if (!already_loaded(db, root)) {
        rc = db_begin(db);
        if (rc == 0 && load_series(db, root, (int64_t)time(NULL)) == 0)
            rc = db_commit(db);
        else if (rc == 0) {
            db_rollback(db);
            rc = -1;
        }
    }
    json_decref(root);
    return rc;
}
