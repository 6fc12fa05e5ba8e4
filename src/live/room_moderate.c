/* Moderating a room's questions: approve, hide with a reason, merge a
 * duplicate into another question, mark answered, pin as "now answering"
 * and unpin. Every action goes to the room's moderation log. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n/i18n.h"
#include "live/live.h"
#include "live/room.h"
#include "live/room_pages.h"
#include "live/room_rules.h"
#include "view/form.h"

int room_settings_row(struct db *db, int64_t room_id)
{
    return db_run(db,
                  "INSERT INTO rooms (session_id) SELECT ?1 WHERE NOT EXISTS (SELECT 1 FROM rooms WHERE "
                  "session_id = ?1)",
                  "i", room_id);
}

static int set_status(struct db *db, int64_t qid, const char *status, const char *reason, int64_t into)
{
    return db_run(db,
                  "UPDATE room_questions SET status = ?, hide_reason = ?, merged_into = ?, updated_at = ? "
                  "WHERE id = ?",
                  "ttnii", status, reason, into, (int64_t)time(NULL), qid);
}

/* Records the "now answering" question (0: none) for everyone. */
static int set_pin(struct db *db, struct room *r, int64_t qid)
{
    if (room_settings_row(db, r->id) ||
        db_run(db, "UPDATE rooms SET pinned_id = ? WHERE session_id = ?", "ni", qid, r->id))
        return -1;
    r->pinned_id = qid;
    json_t *data = json_pack("{s:I}", "id", (json_int_t)qid);
    int64_t ev = live_record(db, r->id, LIVE_ALL, 0, "pin", data);
    json_decref(data);
    return ev < 0 ? -1 : 0;
}

/* Moves the votes of question from to question to (each person once). */
static int merge_votes(struct db *db, int64_t from, int64_t to)
{
    if (db_run(db,
               "INSERT INTO room_question_votes (question_id, user_id, created_at) SELECT ?2, v.user_id, "
               "v.created_at FROM room_question_votes v WHERE v.question_id = ?1 AND NOT EXISTS (SELECT 1 FROM "
               "room_question_votes w WHERE w.question_id = ?2 AND w.user_id = v.user_id)",
               "ii", from, to) ||
        db_run(db, "DELETE FROM room_question_votes WHERE question_id = ?", "i", from))
        return -1;
    return db_run(db,
                  "UPDATE room_questions SET votes = (SELECT COUNT(*) FROM room_question_votes WHERE "
                  "question_id = ?1) WHERE id = ?1 OR id = ?2",
                  "ii", to, from);
}

/* The status of question qid of room r into status (arena), or NULL when
 * there is none. */
static const char *question_status(struct request *req, struct db *db, const struct room *r, int64_t qid)
{
    static const char *const names[] = {"pending", "visible", "hidden", "answered"};
    int64_t n = -1;
    if (db_one_int(db,
                   "SELECT CASE status WHEN 'pending' THEN 0 WHEN 'visible' THEN 1 WHEN 'hidden' THEN 2 ELSE 3 END "
                   "FROM room_questions WHERE id = ? AND room_id = ?",
                   &n, "ii", qid, r->id) != 1)
        return NULL;
    (void)req;
    return names[n];
}

static unsigned moderate(struct request *req, struct db *db, struct room *r, void *arg, const char **message)
{
    (void)arg;
    unsigned closed = room_require_open(r, message);
    if (closed)
        return closed;
    int64_t qid = room_param_id(req, "qid");
    const char *status = question_status(req, db, r, qid);
    if (!status)
        return 404;
    const char *action = request_form(req, "action");
    action = action ? action : "";
    /* Pinning or answering a question still awaiting approval approves it
     * too (the queue's one-click actions); a hidden one is approved first. */
    bool pending = strcmp(status, "pending") == 0, hidden = strcmp(status, "hidden") == 0;
    const char *reason = NULL;
    int rc;
    if (strcmp(action, "approve") == 0) {
        rc = set_status(db, qid, "visible", NULL, 0);
    } else if (strcmp(action, "hide") == 0) {
        reason = request_form(req, "reason");
        if (!room_hide_reason_valid(reason) || strcmp(reason, "duplicate") == 0) {
            *message = _("Choose why the question is hidden.");
            return 422;
        }
        rc = set_status(db, qid, "hidden", reason, 0) || (r->pinned_id == qid && set_pin(db, r, 0));
    } else if (strcmp(action, "merge") == 0) {
        int64_t into = 0;
        const char *s = request_form(req, "into");
        if (s && *s >= '1' && *s <= '9')
            into = strtoll(s, NULL, 10);
        const char *target = into != qid ? question_status(req, db, r, into) : NULL;
        if (!target || strcmp(target, "hidden") == 0 || strcmp(target, "pending") == 0) {
            *message = _("Choose a question shown in this room to merge this one into.");
            return 422;
        }
        reason = "duplicate";
        rc = merge_votes(db, qid, into) || set_status(db, qid, "hidden", reason, into) ||
             (r->pinned_id == qid && set_pin(db, r, 0)) || room_emit_question(db, r, into);
    } else if (strcmp(action, "answer") == 0 && !hidden) {
        rc = set_status(db, qid, "answered", NULL, 0) || (r->pinned_id == qid && set_pin(db, r, 0));
    } else if (strcmp(action, "pin") == 0 && !hidden) {
        rc = (pending && set_status(db, qid, "visible", NULL, 0)) || set_pin(db, r, qid);
    } else if (strcmp(action, "unpin") == 0) {
        rc = set_pin(db, r, 0);
    } else {
        *message = _("This action cannot be done on this question.");
        return 400;
    }
    if (rc || room_emit_question(db, r, qid) || room_log(req, db, r, action, reason, qid, 0))
        return 500;
    return 0;
}

/* Where the page goes back to: the question's card, or for a card of the
 * queue the form's "next" (the next card of the queue, or the queue). */
static const char *moderate_anchor(struct request *req)
{
    const char *next = request_form(req, "next");
    if (next && strcmp(next, "queue") == 0)
        return "queue";
    if (next && next[0] == 'q' && next[1] == '-' && next[2] >= '1' && next[2] <= '9' &&
        strspn(next + 2, "0123456789") == strlen(next + 2) && strlen(next) < 22)
        return next;
    return arena_printf(req->arena, "q-%s", request_param(req, "qid"));
}

/* POST /rooms/{id}/questions/{qid}/moderate (moderators)
 *   action   approve, hide (with reason), merge (with into), answer, pin, unpin
 *   next     optional: the anchor to go back to ("queue" or "q-N"), else the question's card */
void page_room_moderate(struct request *req)
{
    struct room r;
    if (room_require(req, &r, true))
        room_run(req, &r, moderate, NULL, moderate_anchor(req));
}
