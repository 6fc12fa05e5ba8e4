/* Finding an event by slug and deciding who may see and manage it (and
 * who may manage a series). */
#include "events/event_access.h"

#include <string.h>

#include "db/db.h"
#include "http/router.h"
#include "view/page.h"

bool event_can_manage(const struct caller *c, int64_t event_id)
{
    if (c->perm >= PERM_ADMIN)
        return true;
    if (c->user_id == 0)
        return false;
    struct db *db = db_get();
    return db && db_one_int(db, "SELECT 1 FROM event_organisers WHERE event_id = ? AND user_id = ?", NULL, "ii",
                            event_id, c->user_id) == 1;
}

bool series_can_manage(const struct caller *c, int64_t series_id)
{
    if (c->perm >= PERM_ADMIN)
        return true;
    struct db *db = c->user_id ? db_get() : NULL;
    return db && db_one_int(db, "SELECT 1 FROM series_organisers WHERE series_id = ? AND user_id = ?", NULL, "ii",
                            series_id, c->user_id) == 1;
}

int event_lookup(struct request *req, const char *slug, struct event_ref *ev)
{
    struct db *db = db_get();
    struct db_stmt *st = db ? db_prepare(db, "SELECT id, slug, status, tz, default_lang, starts_at, ends_at, "
                                             "sequence FROM events WHERE slug = ?")
                            : NULL;
    if (!st)
        return -1;
    db_bind_text(st, 1, slug);
    enum db_step rc = db_step(st);
    if (rc == DB_ROW) {
        *ev = (struct event_ref){.id = db_col_int(st, 0),
                                 .slug = arena_strdup(req->arena, db_col_text(st, 1)),
                                 .status = arena_strdup(req->arena, db_col_text(st, 2)),
                                 .tz = arena_strdup(req->arena, db_col_text(st, 3)),
                                 .default_lang = arena_strdup(req->arena, db_col_text(st, 4)),
                                 .starts_at = db_col_int(st, 5),
                                 .ends_at = db_col_int(st, 6),
                                 .sequence = db_col_int(st, 7)};
    }
    db_reset(st);
    if (rc != DB_ROW)
        return rc == DB_DONE ? 0 : -1;
    ev->can_manage = event_can_manage(&req->caller, ev->id);
    return 1;
}

bool event_require(struct request *req, struct event_ref *ev, enum event_need need)
{
    const char *slug = request_param(req, "slug");
    int found = slug ? event_lookup(req, slug, ev) : 0;
    if (found < 0) {
        page_error(req, 500);
        return false;
    }
    if (found == 0 || (!ev->can_manage && strcmp(ev->status, "draft") == 0)) {
        page_error(req, 404);
        return false;
    }
    if (need == EVENT_MANAGE && !ev->can_manage) {
        page_error(req, 403);
        return false;
    }
    return true;
}

const char *event_title(struct request *req, struct db *db, int64_t event_id)
{
    struct db_stmt *st = db_prepare(db, "SELECT COALESCE(t.title, d.title) FROM events e "
                                        "JOIN event_texts d ON d.event_id = e.id AND d.lang = e.default_lang "
                                        "LEFT JOIN event_texts t ON t.event_id = e.id AND t.lang = ?2 "
                                        "WHERE e.id = ?1");
    if (!st)
        return NULL;
    db_bind_int(st, 1, event_id);
    db_bind_text(st, 2, i18n_code(req->lang));
    enum db_step rc = db_step(st);
    const char *title = rc == DB_ROW ? arena_strdup(req->arena, db_col_text(st, 0)) : rc == DB_DONE ? "" : NULL;
    db_reset(st);
    return title;
}
