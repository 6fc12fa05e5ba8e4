/* Saving events from the organiser screens, and reading them back. */
#include "events/organise_event.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "events/organise.h"
#include "orgs/orgs.h"
#include "view/markdown.h"

const char *organise_event_slug(struct request *req, struct db *db, const char *title)
{
    char base[ORG_SLUG_MAX + 1];
    org_slug_base(title, base);
    /* org_slug_base calls a name with no letters or digits left "organisation"; here it is an event. */
    if (strcmp(base, "organisation") == 0 && !strcasestr(title ? title : "", "organisation"))
        snprintf(base, sizeof base, "event");
    for (int i = 1; i < 10000; i++) {
        const char *slug = i == 1 ? arena_strdup(req->arena, base) : arena_printf(req->arena, "%s-%d", base, i);
        if (!organise_slug_valid(slug))
            continue; /* "new" is a route */
        int taken = db_one_int(db, "SELECT 1 FROM events WHERE slug = ?", NULL, "t", slug);
        if (taken < 0)
            return NULL;
        if (!taken)
            return slug;
    }
    return NULL;
}

/* Writes the texts of one language: updated or added when it has a title,
 * else removed (unless the event's record keeps an outcome in it). */
static int save_text(struct db *db, int64_t id, const char *lang, const struct event_text *t)
{
    if (!*t->title)
        return db_run(db, "DELETE FROM event_texts WHERE event_id = ? AND lang = ? AND outcome = ''", "it", id, lang);
    char *html = markdown_to_html(t->description);
    int found = db_one_int(db, "SELECT 1 FROM event_texts WHERE event_id = ? AND lang = ?", NULL, "it", id, lang);
    int rc = found < 0 ? -1
             : found   ? db_run(db,
                                "UPDATE event_texts SET title = ?, summary = ?, description = ?, description_html = ? "
                                  "WHERE event_id = ? AND lang = ?",
                                "ttttit", t->title, t->summary, t->description, html, id, lang)
                       : db_run(db,
                                "INSERT INTO event_texts (event_id, lang, title, summary, description, description_html) "
                                  "VALUES (?, ?, ?, ?, ?, ?)",
                                "ittttt", id, lang, t->title, t->summary, t->description, html);
    free(html);
    return rc;
}

static int save_texts(struct db *db, int64_t id, const struct event_input *in)
{
    for (int k = 0; k < ORGANISE_NLANGS; k++)
        if (save_text(db, id, organise_langs[k], &in->texts[k]))
            return -1;
    return 0;
}

int64_t organise_event_create(struct request *req, struct db *db, const char *slug, const struct event_input *in)
{
    int64_t now = (int64_t)time(NULL);
    if (db_run(db,
               "INSERT INTO events (slug, series_id, kind, format, status, default_lang, languages, tz, starts_at, "
               "ends_at, time_precision, place, interpretation, meeting_url, created_at, updated_at) "
               "VALUES (?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               "tntttttnnttttii", slug, in->series_id, in->kind, in->format, in->default_lang, in->languages, in->tz,
               in->has_start ? in->starts_at : 0, in->has_end ? in->ends_at : 0, in->precision, in->place,
               in->interpretation, in->meeting_url, now, now))
        return -1;
    int64_t id = db_last_id(db);
    if (save_texts(db, id, in) ||
        db_run(db, "INSERT INTO event_organisers (event_id, user_id, added_at) VALUES (?, ?, ?)", "iii", id,
               req->caller.user_id, now))
        return -1;
    return id;
}

/* What the event's calendar entries (and its sessions') show, as one text
 * to compare before and after a change: NULL on a database error. */
static const char *calendar_fingerprint(struct request *req, struct db *db, int64_t id)
{
    struct db_stmt *st = db_prepare(db, "SELECT tz, COALESCE(starts_at, -1), COALESCE(ends_at, -1), time_precision, "
                                        "place, default_lang, status FROM events WHERE id = ?");
    if (!st)
        return NULL;
    db_bind_int(st, 1, id);
    const char *print = NULL;
    if (db_step(st) == DB_ROW)
        print = arena_printf(req->arena, "%s|%lld|%lld|%s|%s|%s|%s", db_col_text(st, 0), (long long)db_col_int(st, 1),
                             (long long)db_col_int(st, 2), db_col_text(st, 3), db_col_text(st, 4), db_col_text(st, 5),
                             db_col_text(st, 6));
    db_reset(st);
    return organise_fingerprint(
        req, print,
        print ? db_prepare(db, "SELECT lang, title, summary FROM event_texts WHERE event_id = ? ORDER BY lang") : NULL,
        id, 3);
}

int organise_event_update(struct request *req, struct db *db, int64_t id, const struct event_input *in,
                          bool *changed_calendar)
{
    *changed_calendar = false;
    const char *before = calendar_fingerprint(req, db, id);
    if (!before ||
        db_run(db,
               "UPDATE events SET series_id = ?, kind = ?, format = ?, default_lang = ?, languages = ?, tz = ?, "
               "starts_at = ?, ends_at = ?, time_precision = ?, place = ?, interpretation = ?, meeting_url = ?, "
               "updated_at = ? WHERE id = ?",
               "ntttttnnttttii", in->series_id, in->kind, in->format, in->default_lang, in->languages, in->tz,
               in->has_start ? in->starts_at : 0, in->has_end ? in->ends_at : 0, in->precision, in->place,
               in->interpretation, in->meeting_url, (int64_t)time(NULL), id) ||
        save_texts(db, id, in))
        return -1;
    const char *after = calendar_fingerprint(req, db, id);
    if (!after)
        return -1;
    if (strcmp(before, after) != 0) {
        *changed_calendar = true;
        return organise_bump_event(db, id);
    }
    return 0;
}

static void set_text(json_t *form, const char *key, const char *value)
{
    json_object_set_new(form, key, json_string(value ? value : ""));
}

/* The date and time fields prefix_date, prefix_time of the instant in column col (NULL: empty). */
int organise_event_form_values(struct request *req, struct db *db, int64_t id, json_t *form, const char **languages,
                               const char **interpretation)
{
    struct db_stmt *st = db_prepare(db, "SELECT e.default_lang, COALESCE(s.slug, ''), e.kind, e.format, e.place, e.tz, "
                                        "e.starts_at, e.ends_at, e.time_precision, e.meeting_url, e.languages, "
                                        "e.interpretation FROM events e LEFT JOIN series s ON s.id = e.series_id "
                                        "WHERE e.id = ?");
    if (!st)
        return -1;
    db_bind_int(st, 1, id);
    if (db_step(st) != DB_ROW) {
        db_reset(st);
        return -1;
    }
    static const char *const keys[] = {"default_lang", "series", "kind", "format", "place", "tz"};
    for (size_t i = 0; i < NELEMS(keys); i++)
        set_text(form, keys[i], db_col_text(st, (int)i));
    const char *zone = db_col_text(st, 5);
    organise_set_local(req, form, "start", !db_col_is_null(st, 6), db_col_int(st, 6), zone);
    organise_set_local(req, form, "end", !db_col_is_null(st, 7), db_col_int(st, 7), zone);
    set_text(form, "time_precision", db_col_text(st, 8));
    set_text(form, "meeting_url", db_col_text(st, 9));
    *languages = arena_strdup(req->arena, db_col_text(st, 10));
    *interpretation = arena_strdup(req->arena, db_col_text(st, 11));
    db_reset(st);
    st = db_prepare(db, "SELECT lang, title, summary, description FROM event_texts WHERE event_id = ?");
    if (!st)
        return -1;
    db_bind_int(st, 1, id);
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *lang = db_col_text(st, 0);
        set_text(form, arena_printf(req->arena, "title_%s", lang), db_col_text(st, 1));
        set_text(form, arena_printf(req->arena, "summary_%s", lang), db_col_text(st, 2));
        set_text(form, arena_printf(req->arena, "description_%s", lang), db_col_text(st, 3));
    }
    db_reset(st);
    return rc == DB_DONE ? 0 : -1;
}
