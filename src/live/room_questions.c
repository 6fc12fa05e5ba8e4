/* Asking a question in a room, and upvoting it (one vote per person, which
 * can be withdrawn). */
#include <string.h>
#include <time.h>

#include "i18n/i18n.h"
#include "live/live.h"
#include "live/room.h"
#include "live/room_pages.h"
#include "live/room_rules.h"
#include "view/form.h"

static unsigned ask(struct request *req, struct db *db, struct room *r, void *arg, const char **message)
{
    (void)arg;
    unsigned closed = room_require_open(r, message);
    if (closed)
        return closed;
    const char *body = form_text(req, "body");
    int check = room_text_check(body, ROOM_QUESTION_MAX);
    if (check) {
        *message = check == 1 ? _("Write your question before sending it.")
                              : _("Your question is too long: please keep it under 500 characters.");
        return 422;
    }
    const char *lang = request_form(req, "language");
    enum lang parsed;
    if (!lang || !*lang)
        lang = i18n_code(req->lang);
    else if (!i18n_parse(lang, &parsed)) {
        *message = _("Choose the language of your question: English, French or Spanish.");
        return 422;
    }
    const char *anon = request_form(req, "anonymous");
    int64_t now = (int64_t)time(NULL), qid = 0;
    if (db_one_int(db,
                   "INSERT INTO room_questions (room_id, user_id, body, lang, anonymous, status, created_at, "
                   "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                   &qid, "iittitii", r->id, req->caller.user_id, body, lang, (int64_t)(anon && *anon),
                   r->premoderation ? "pending" : "visible", now, now) != 1)
        return 500;
    return room_emit_question(db, r, qid) ? 500 : 0;
}

void page_room_ask(struct request *req)
{
    struct room r;
    if (room_require(req, &r, false))
        room_run(req, &r, ask, NULL, "questions");
}

/* Adds (arg non-NULL) or withdraws the caller's vote on question {qid}. */
static unsigned vote(struct request *req, struct db *db, struct room *r, void *arg, const char **message)
{
    unsigned closed = room_require_open(r, message);
    if (closed)
        return closed;
    int64_t qid = room_param_id(req, "qid");
    int found = db_one_int(db,
                           "SELECT 1 FROM room_questions WHERE id = ? AND room_id = ? AND status IN ('visible', "
                           "'answered')",
                           NULL, "ii", qid, r->id);
    if (found != 1)
        return found ? 500 : 404;
    int had = db_one_int(db, "SELECT 1 FROM room_question_votes WHERE question_id = ? AND user_id = ?", NULL, "ii", qid,
                         req->caller.user_id);
    if (had < 0)
        return 500;
    bool add = arg != NULL;
    if (add == (had == 1)) {
        *message = add ? _("You have already voted for this question.") : _("You have not voted for this question.");
        return 409;
    }
    int rc = add ? db_run(db, "INSERT INTO room_question_votes (question_id, user_id, created_at) VALUES (?, ?, ?)",
                          "iii", qid, req->caller.user_id, (int64_t)time(NULL))
                 : db_run(db, "DELETE FROM room_question_votes WHERE question_id = ? AND user_id = ?", "ii", qid,
                          req->caller.user_id);
    if (rc || db_run(db,
                     "UPDATE room_questions SET votes = (SELECT COUNT(*) FROM room_question_votes WHERE "
                     "question_id = ?1) WHERE id = ?1",
                     "i", qid))
        return 500;
    int64_t votes = 0;
    if (db_one_int(db, "SELECT votes FROM room_questions WHERE id = ?", &votes, "i", qid) != 1)
        return 500;
    json_t *data = json_pack("{s:I, s:I}", "id", (json_int_t)qid, "votes", (json_int_t)votes);
    int64_t ev = live_record(db, r->id, LIVE_ALL, 0, "votes", data);
    json_decref(data);
    return ev < 0 ? 500 : 0;
}

void page_room_vote(struct request *req)
{
    struct room r;
    if (room_require(req, &r, false))
        room_run(req, &r, vote, req, arena_printf(req->arena, "q-%s", request_param(req, "qid")));
}

void page_room_unvote(struct request *req)
{
    struct room r;
    if (room_require(req, &r, false))
        room_run(req, &r, vote, NULL, arena_printf(req->arena, "q-%s", request_param(req, "qid")));
}
