/* The items of the organiser screens' lists (sessions, partners, the
 * people of a session): finding the one a route names, and removing or
 * moving one as an audited transaction. */
#include <string.h>

#include "events/organise.h"
#include "profiles/form_values.h"
#include "view/page.h"

int64_t organise_found(struct request *req, int found, int64_t id)
{
    if (found != 1)
        page_error(req, found < 0 ? 500 : 404);
    return found == 1 ? id : 0;
}

static int delete_session(struct db *db, int64_t id)
{
    return db_run(db, "DELETE FROM sessions WHERE id = ?", "i", id);
}

static int delete_partner(struct db *db, int64_t id)
{
    return db_run(db, "DELETE FROM partners WHERE id = ?", "i", id);
}

static int delete_person(struct db *db, int64_t id)
{
    return db_run(db, "DELETE FROM session_people WHERE id = ?", "i", id);
}

const struct organise_list organise_session_list = {
    "session", "sessions", "session_delete", "session_move", "session_deleted", delete_session, organise_move_session,
};
const struct organise_list organise_partner_list = {
    "partner", "partners", "partner_remove", "partner_move", "partner_removed", delete_partner, organise_move_partner,
};
const struct organise_list organise_person_list = {
    "person",         "people",      "session_person_remove", "session_person_move",
    "person_removed", delete_person, organise_move_person,
};

int64_t organise_require_item(struct request *req, struct event_ref *ev, const struct organise_list *list)
{
    if (!event_require(req, ev, EVENT_MANAGE))
        return 0;
    int64_t id = id_parse(request_param(req, "id"));
    int found =
        !id ? 0
            : db_one_int(db_get(),
                         list == &organise_partner_list ? "SELECT 1 FROM partners WHERE id = ? AND event_id = ?"
                                                        : "SELECT 1 FROM sessions WHERE id = ? AND event_id = ?",
                         NULL, "ii", id, ev->id);
    return organise_found(req, found, id);
}

/* Ends the transaction of a list's change (action): commits and redirects
 * to page with the notice done at #anchor; on failure (rc not 0, or the
 * commit fails) rolls back, logs the action that failed and answers 500. */
static void finish(struct request *req, struct db *db, int rc, const char *action, const char *page, const char *done,
                   const char *anchor)
{
    if (rc || db_commit(db)) {
        organise_fail(req, db, arena_printf(req->arena, "%s failed", action));
        return;
    }
    request_redirect(req, arena_printf(req->arena, "%s?done=%s#%s", page, done, anchor));
}

void organise_item_remove(struct request *req, const struct event_ref *ev, const struct organise_list *list, int64_t id,
                          const char *page)
{
    struct db *db = db_get();
    int rc = db_begin(db) || list->remove(db, id) ||
             organise_audit_item(db, req, list->remove_action, ev->slug, list->noun, id);
    finish(req, db, rc, list->remove_action, page, list->removed, list->anchor);
}

void organise_item_move(struct request *req, const struct event_ref *ev, const struct organise_list *list,
                        int64_t parent, int64_t id, const char *page)
{
    int dir = organise_direction(req);
    if (!dir) {
        page_error(req, 400);
        return;
    }
    struct db *db = db_get();
    int moved = db_begin(db) ? -1 : list->move(db, parent, id, dir);
    int rc = moved < 0 || (moved && organise_audit_item(db, req, list->move_action, ev->slug, list->noun, id));
    finish(req, db, rc, list->move_action, page, "moved", list->anchor);
}

/* The event's dashboard, where its lists are: an arena path. */
static const char *dashboard(struct request *req, const struct event_ref *ev)
{
    return arena_printf(req->arena, "/events/%s/manage", ev->slug);
}

void organise_dashboard_move(struct request *req, const struct organise_list *list)
{
    struct event_ref ev;
    int64_t id = organise_require_item(req, &ev, list);
    if (id)
        organise_item_move(req, &ev, list, ev.id, id, dashboard(req, &ev));
}

void organise_dashboard_remove(struct request *req, const struct organise_list *list)
{
    struct event_ref ev;
    int64_t id = organise_require_item(req, &ev, list);
    if (id)
        organise_item_remove(req, &ev, list, id, dashboard(req, &ev));
}
