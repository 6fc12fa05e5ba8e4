/* Saving sessions and their guiding questions, and reading them back. */
#include "events/organise_session.h"

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "events/organise.h"
#include "view/markdown.h"

/* What the session's calendar entry shows of it (times, titles), as one
 * text to compare before and after; NULL on a database error. */
static const char *calendar_fingerprint(struct request *req, struct db *db, int64_t id)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT COALESCE(starts_at, -1), COALESCE(ends_at, -1) FROM sessions WHERE id = ?");
    if (!st)
        return NULL;
    db_bind_int(st, 1, id);
    const char *print = db_step(st) == DB_ROW ? arena_printf(req->arena, "%lld|%lld", (long long)db_col_int(st, 0),
                                                             (long long)db_col_int(st, 1))
                                              : NULL;
    db_reset(st);
    return organise_fingerprint(
        req, print,
        print ? db_prepare(db, "SELECT lang, title FROM session_texts WHERE session_id = ? ORDER BY lang") : NULL, id,
        2);
}

static int save_text(struct db *db, int64_t id, const char *lang, const char *title, const char *description)
{
    if (!*title)
        return db_run(db, "DELETE FROM session_texts WHERE session_id = ? AND lang = ?", "it", id, lang);
    char *html = markdown_to_html(description);
    int found = db_one_int(db, "SELECT 1 FROM session_texts WHERE session_id = ? AND lang = ?", NULL, "it", id, lang);
    int rc = found < 0 ? -1
             : found   ? db_run(db,
                                "UPDATE session_texts SET title = ?, description = ?, description_html = ? "
                                  "WHERE session_id = ? AND lang = ?",
                                "tttit", title, description, html, id, lang)
                       : db_run(db,
                                "INSERT INTO session_texts (session_id, lang, title, description, description_html) "
                                  "VALUES (?, ?, ?, ?, ?)",
                                "itttt", id, lang, title, description, html);
    free(html);
    return rc;
}

/* The ids of the session's questions in order: malloc'ed into *ids, count
 * into *n. 0 or -1. */
static int question_ids(struct db *db, int64_t session_id, int64_t **ids, size_t *n)
{
    struct db_stmt *st = db_prepare(db, "SELECT id FROM guiding_questions WHERE session_id = ? ORDER BY position, id");
    *ids = NULL;
    *n = 0;
    if (!st)
        return -1;
    db_bind_int(st, 1, session_id);
    size_t cap = 0;
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            *ids = xrealloc(*ids, cap * sizeof **ids);
        }
        (*ids)[(*n)++] = db_col_int(st, 0);
    }
    db_reset(st);
    return rc == DB_DONE ? 0 : -1;
}

/* Question i keeps the id of the i-th question there was, so that what
 * refers to a question (a live room's, an outcome's) survives edits of its
 * wording; questions beyond the new count go. */
static int save_questions(struct db *db, int64_t session_id, const struct session_input *in)
{
    int64_t *ids;
    size_t had;
    if (question_ids(db, session_id, &ids, &had))
        return -1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < in->nquestions; i++) {
        int64_t qid = i < had ? ids[i] : 0;
        if (qid)
            rc = db_run(db, "UPDATE guiding_questions SET position = ? WHERE id = ?", "ii", (int64_t)i, qid) ||
                 db_run(db, "DELETE FROM guiding_question_texts WHERE question_id = ?", "i", qid);
        else if ((rc = db_run(db, "INSERT INTO guiding_questions (session_id, position) VALUES (?, ?)", "ii",
                              session_id, (int64_t)i)) == 0)
            qid = db_last_id(db);
        for (int k = 0; rc == 0 && k < ORGANISE_NLANGS; k++)
            if (in->nq[k])
                rc = db_run(db, "INSERT INTO guiding_question_texts (question_id, lang, body) VALUES (?, ?, ?)", "itt",
                            qid, organise_langs[k], in->questions[k][i]);
    }
    for (size_t i = in->nquestions; rc == 0 && i < had; i++)
        rc = db_run(db, "DELETE FROM guiding_questions WHERE id = ?", "i", ids[i]);
    free(ids);
    return rc ? -1 : 0;
}

int organise_session_save(struct request *req, struct db *db, int64_t event_id, int64_t session_id,
                          const struct session_input *in, int64_t *id)
{
    const char *before = NULL;
    int64_t starts = in->has_start ? in->starts_at : 0, ends = in->has_end ? in->ends_at : 0;
    if (session_id) {
        if (!(before = calendar_fingerprint(req, db, session_id)) ||
            db_run(db, "UPDATE sessions SET starts_at = ?, ends_at = ? WHERE id = ?", "nni", starts, ends, session_id))
            return -1;
    } else {
        if (db_run(db,
                   "INSERT INTO sessions (event_id, position, starts_at, ends_at) "
                   "VALUES (?1, (SELECT COALESCE(MAX(position) + 1, 0) FROM sessions WHERE event_id = ?1), ?2, ?3)",
                   "inn", event_id, starts, ends))
            return -1;
        session_id = db_last_id(db);
    }
    *id = session_id;
    for (int k = 0; k < ORGANISE_NLANGS; k++)
        if (save_text(db, session_id, organise_langs[k], in->title[k], in->description[k]))
            return -1;
    if (save_questions(db, session_id, in))
        return -1;
    if (!before)
        return 0;
    const char *after = calendar_fingerprint(req, db, session_id);
    if (!after)
        return -1;
    return strcmp(before, after) != 0 ? organise_bump_session(db, session_id) : 0;
}

int organise_session_form_values(struct request *req, struct db *db, int64_t id, const char *zone, json_t *form)
{
    struct db_stmt *st = db_prepare(db, "SELECT starts_at, ends_at FROM sessions WHERE id = ?");
    if (!st)
        return -1;
    db_bind_int(st, 1, id);
    enum db_step rc = db_step(st);
    if (rc == DB_ROW) {
        organise_set_local(req, form, "start", !db_col_is_null(st, 0), db_col_int(st, 0), zone);
        organise_set_local(req, form, "end", !db_col_is_null(st, 1), db_col_int(st, 1), zone);
    }
    db_reset(st);
    if (rc != DB_ROW ||
        !(st = db_prepare(db, "SELECT lang, title, description FROM session_texts WHERE session_id = ?")))
        return -1;
    db_bind_int(st, 1, id);
    while ((rc = db_step(st)) == DB_ROW) {
        const char *lang = db_col_text(st, 0);
        json_object_set_new(form, arena_printf(req->arena, "title_%s", lang), json_string(db_col_text(st, 1)));
        json_object_set_new(form, arena_printf(req->arena, "description_%s", lang), json_string(db_col_text(st, 2)));
    }
    db_reset(st);
    if (rc != DB_DONE || !(st = db_prepare(db, "SELECT t.lang, t.body FROM guiding_questions q "
                                               "JOIN guiding_question_texts t ON t.question_id = q.id "
                                               "WHERE q.session_id = ? ORDER BY q.position, q.id")))
        return -1;
    db_bind_int(st, 1, id);
    while ((rc = db_step(st)) == DB_ROW) {
        const char *key = arena_printf(req->arena, "questions_%s", db_col_text(st, 0));
        const char *had = json_string_value(json_object_get(form, key));
        json_object_set_new(form, key,
                            json_string(had && *had ? arena_printf(req->arena, "%s\n%s", had, db_col_text(st, 1))
                                                    : db_col_text(st, 1)));
    }
    db_reset(st);
    return rc == DB_DONE ? 0 : -1;
}
