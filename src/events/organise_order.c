/* Moving sessions, partners and session people up and down their lists. */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "events/organise.h"

/* Moves id by dir within the list list_sql gives (ids in order, ?1 the
 * parent), writing every position with set_sql (?1 position, ?2 id). */
static int move_in_list(struct db *db, const char *list_sql, const char *set_sql, int64_t parent, int64_t id, int dir)
{
    struct db_stmt *st = db_prepare(db, list_sql);
    if (!st)
        return -1;
    db_bind_int(st, 1, parent);
    int64_t *ids = NULL;
    size_t n = 0, cap = 0, at = SIZE_MAX;
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            ids = xrealloc(ids, cap * sizeof *ids);
        }
        if (db_col_int(st, 0) == id)
            at = n;
        ids[n++] = db_col_int(st, 0);
    }
    db_reset(st);
    int result = rc == DB_ERROR ? -1 : at == SIZE_MAX ? -2 : 1;
    if (result == 1 && ((dir < 0 && at == 0) || (dir > 0 && at + 1 >= n) || dir == 0))
        result = 0;
    if (result == 1) {
        size_t other = dir < 0 ? at - 1 : at + 1;
        ids[at] = ids[other];
        ids[other] = id;
        for (size_t i = 0; i < n && result == 1; i++)
            if (db_run(db, set_sql, "ii", (int64_t)i, ids[i]))
                result = -1;
    }
    free(ids);
    return result;
}

int organise_move_session(struct db *db, int64_t event_id, int64_t id, int dir)
{
    return move_in_list(db, "SELECT id FROM sessions WHERE event_id = ? ORDER BY position, id",
                        "UPDATE sessions SET position = ? WHERE id = ?", event_id, id, dir);
}

int organise_move_partner(struct db *db, int64_t event_id, int64_t id, int dir)
{
    return move_in_list(db, "SELECT id FROM partners WHERE event_id = ? ORDER BY position, id",
                        "UPDATE partners SET position = ? WHERE id = ?", event_id, id, dir);
}

int organise_move_person(struct db *db, int64_t session_id, int64_t id, int dir)
{
    return move_in_list(db, "SELECT id FROM session_people WHERE session_id = ? ORDER BY position, id",
                        "UPDATE session_people SET position = ? WHERE id = ?", session_id, id, dir);
}

int organise_direction(struct request *req)
{
    const char *d = request_form(req, "direction");
    return !d ? 0 : strcmp(d, "up") == 0 ? -1 : strcmp(d, "down") == 0 ? 1 : 0;
}
