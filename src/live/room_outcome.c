/* The one step that carries a room into the event's outcome summary: its
 * answered questions (most voted first) and the results of its polls are
 * appended as Markdown to the summary in every language the event has,
 * headings in that language, and rendered again with cmark. */
#include <stdlib.h>
#include <string.h>

#include "accounts/audit.h"
#include "i18n/i18n.h"
#include "live/room.h"
#include "live/room_pages.h"
#include "live/room_rules.h"
#include "view/markdown.h"
#include "view/page.h"

/* The answered questions, "text (n votes)", in the current language. */
static void answered(struct request *req, struct db *db, int64_t room_id, struct buf *md)
{
    struct db_stmt *st = db_prepare(db, "SELECT body, votes FROM room_questions WHERE room_id = ? AND status = "
                                        "'answered' ORDER BY votes DESC, id");
    const char *items[200];
    size_t n = 0;
    if (st && db_bind_int(st, 1, room_id) == 0)
        while (n < sizeof items / sizeof items[0] && db_step(st) == DB_ROW) {
            int64_t v = db_col_int(st, 1);
            items[n++] = arena_printf(req->arena, ngettext("%s (%lld vote)", "%s (%lld votes)", (unsigned long)v),
                                      db_col_text(st, 0), (long long)v);
        }
    if (st)
        db_reset(st);
    room_md_section(md, _("Questions answered in the live room"), items, n);
}

/* One section per poll that was opened: each choice with its votes. */
static void polls(struct request *req, struct db *db, int64_t room_id, struct buf *md)
{
    struct db_stmt *st =
        db_prepare(db, "SELECT id FROM room_polls WHERE room_id = ? AND status <> 'draft' ORDER BY id");
    int64_t pids[50];
    size_t npolls = 0;
    if (st && db_bind_int(st, 1, room_id) == 0)
        while (npolls < 50 && db_step(st) == DB_ROW)
            pids[npolls++] = db_col_int(st, 0);
    if (st)
        db_reset(st);
    for (size_t p = 0; p < npolls; p++) {
        json_t *poll = room_poll_json(db, pids[p], true);
        if (!poll)
            continue;
        json_t *options = json_object_get(poll, "options");
        const char *items[ROOM_POLL_OPTIONS_MAX];
        size_t n = 0, i;
        json_t *o;
        json_array_foreach (options, i, o) {
            if (n == ROOM_POLL_OPTIONS_MAX)
                break;
            long long v = (long long)json_integer_value(json_object_get(o, "votes"));
            items[n++] = arena_printf(req->arena,
                                      ngettext("%s: %lld vote (%lld%%)", "%s: %lld votes (%lld%%)", (unsigned long)v),
                                      json_string_value(json_object_get(o, "label")), v,
                                      (long long)json_integer_value(json_object_get(o, "percent")));
        }
        /* TRANSLATORS: heading of a poll's results in the outcome summary; %s is the poll's question. */
        room_md_section(md,
                        arena_printf(req->arena, _("Poll: %s"), json_string_value(json_object_get(poll, "question"))),
                        items, n);
        json_decref(poll);
    }
}

/* The languages the event has texts in (at most 3), into langs. */
static size_t event_langs(struct db *db, int64_t event_id, enum lang langs[LANG_COUNT])
{
    size_t n = 0;
    struct db_stmt *st = db_prepare(db, "SELECT lang FROM event_texts WHERE event_id = ? ORDER BY lang");
    if (st && db_bind_int(st, 1, event_id) == 0)
        while (n < LANG_COUNT && db_step(st) == DB_ROW)
            if (i18n_parse(db_col_text(st, 0), &langs[n]))
                n++;
    if (st)
        db_reset(st);
    return n;
}

static unsigned copy_outcome(struct request *req, struct db *db, struct room *r, void *arg, const char **message)
{
    (void)arg;
    (void)message;
    enum lang langs[LANG_COUNT];
    size_t n = event_langs(db, r->event_id, langs);
    unsigned status = 0;
    for (size_t i = 0; i < n && !status; i++) {
        i18n_use(langs[i]);
        struct buf md = BUF_INIT;
        struct db_stmt *st = db_prepare(db, "SELECT outcome FROM event_texts WHERE event_id = ? AND lang = ?");
        if (st && db_bind_int(st, 1, r->event_id) == 0 && db_bind_text(st, 2, i18n_code(langs[i])) == 0 &&
            db_step(st) == DB_ROW && *db_col_text(st, 0))
            buf_printf(&md, "%s\n\n", db_col_text(st, 0));
        if (st)
            db_reset(st);
        answered(req, db, r->id, &md);
        polls(req, db, r->id, &md);
        char *html = markdown_to_html(buf_str(&md));
        if (!html || db_run(db, "UPDATE event_texts SET outcome = ?, outcome_html = ? WHERE event_id = ? AND lang = ?",
                            "ttit", buf_str(&md), html, r->event_id, i18n_code(langs[i])))
            status = 500;
        free(html);
        buf_free(&md);
    }
    i18n_use(req->lang);
    if (!status && audit_record(db, req, "room_outcome", 0,
                                arena_printf(req->arena, "event %s: room %lld copied into the outcome summary",
                                             r->event_slug, (long long)r->id)))
        status = 500;
    return status;
}

void page_room_outcome(struct request *req)
{
    struct room r;
    if (!room_require(req, &r, false))
        return;
    if (!r.manages_event) {
        page_error(req, 403);
        return;
    }
    room_run_public(req, &r, copy_outcome, NULL, arena_printf(req->arena, "/events/%s/record?done=1#outcome", r.event_slug));
}
