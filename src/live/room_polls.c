/* A room's polls: moderators create them (single or multiple choice),
 * open, close, show and hide their results; participants vote once. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "events/organise_parse.h"
#include "i18n/i18n.h"
#include "live/live.h"
#include "live/room.h"
#include "live/room_pages.h"
#include "live/room_rules.h"
#include "view/form.h"

static unsigned poll_create(struct request *req, struct db *db, struct room *r, void *arg, const char **message)
{
    (void)arg;
    unsigned closed = room_require_open(r, message);
    if (closed)
        return closed;
    const char *question = form_text(req, "question");
    const char **options;
    size_t n = organise_lines(req->arena, request_form(req, "options"), &options);
    if (room_text_check(question, ROOM_POLL_QUESTION_MAX)) {
        *message = _("Write the poll's question, in at most 200 characters.");
        return 422;
    }
    bool long_option = false;
    for (size_t i = 0; i < n; i++)
        long_option |= room_chars(options[i]) > ROOM_POLL_OPTION_MAX;
    if (n < 2 || n > ROOM_POLL_OPTIONS_MAX || long_option) {
        *message = _("Give from 2 to 10 choices, one per line, each in at most 100 characters.");
        return 422;
    }
    const char *multiple = request_form(req, "multiple"), *open = request_form(req, "open");
    int64_t pid = 0;
    if (db_one_int(db,
                   "INSERT INTO room_polls (room_id, question, multiple, status, created_at) VALUES (?, ?, ?, ?, ?) "
                   "RETURNING id",
                   &pid, "ititi", r->id, question, (int64_t)(multiple && *multiple), open && *open ? "open" : "draft",
                   (int64_t)time(NULL)) != 1)
        return 500;
    for (size_t i = 0; i < n; i++)
        if (db_run(db, "INSERT INTO room_poll_options (poll_id, position, label) VALUES (?, ?, ?)", "iit", pid,
                   (int64_t)i + 1, options[i]))
            return 500;
    return room_emit_poll(db, r, pid) ? 500 : 0;
}

void page_room_poll_create(struct request *req)
{
    struct room r;
    if (room_require(req, &r, true))
        room_run(req, &r, poll_create, NULL, "polls");
}

static unsigned poll_state(struct request *req, struct db *db, struct room *r, void *arg, const char **message)
{
    (void)arg;
    unsigned closed = room_require_open(r, message);
    if (closed)
        return closed;
    int64_t pid = room_param_id(req, "pid");
    int found = db_one_int(db, "SELECT 1 FROM room_polls WHERE id = ? AND room_id = ?", NULL, "ii", pid, r->id);
    if (found != 1)
        return found ? 500 : 404;
    const char *action = request_form(req, "action");
    static const char *const actions[] = {"open", "close", "show", "hide"};
    for (size_t i = 0; action && i < sizeof actions / sizeof actions[0]; i++)
        if (strcmp(action, actions[i]) == 0)
            return db_run(db,
                          "UPDATE room_polls SET status = CASE ?2 WHEN 'open' THEN 'open' WHEN 'close' THEN 'closed' "
                          "ELSE status END, show_results = CASE ?2 WHEN 'show' THEN 1 WHEN 'hide' THEN 0 ELSE "
                          "show_results END WHERE id = ?1",
                          "it", pid, action) ||
                           room_emit_poll(db, r, pid)
                       ? 500
                       : 0;
    *message = _("This action cannot be done on this poll.");
    return 400;
}

void page_room_poll_state(struct request *req)
{
    struct room r;
    if (room_require(req, &r, true))
        room_run(req, &r, poll_state, NULL, arena_printf(req->arena, "poll-%s", request_param(req, "pid")));
}

/* Records one choice of the caller: option (a posted id) must be one of
 * poll pid's. 1 recorded, 0 not an option of the poll, -1 error. */
static int choose(struct db *db, int64_t pid, const char *option, int64_t user_id)
{
    int64_t oid = option && *option >= '1' && *option <= '9' ? strtoll(option, NULL, 10) : 0;
    int found = db_one_int(db, "SELECT 1 FROM room_poll_options WHERE id = ? AND poll_id = ?", NULL, "ii", oid, pid);
    if (found != 1)
        return found;
    int fresh =
        db_one_int(db, "SELECT 1 FROM room_poll_choices WHERE option_id = ? AND user_id = ?", NULL, "ii", oid, user_id);
    if (fresh != 0)
        return fresh < 0 ? -1 : 1; /* the same choice sent twice counts once */
    return db_run(db, "INSERT INTO room_poll_choices (option_id, user_id) VALUES (?, ?)", "ii", oid, user_id) ||
                   db_run(db, "UPDATE room_poll_options SET votes = votes + 1 WHERE id = ?", "i", oid)
               ? -1
               : 1;
}

static unsigned poll_vote(struct request *req, struct db *db, struct room *r, void *arg, const char **message)
{
    (void)arg;
    unsigned closed = room_require_open(r, message);
    if (closed)
        return closed;
    int64_t pid = room_param_id(req, "pid"), multiple = 0;
    int found = db_one_int(db, "SELECT multiple FROM room_polls WHERE id = ? AND room_id = ? AND status <> 'draft'",
                           &multiple, "ii", pid, r->id);
    if (found != 1)
        return found ? 500 : 404;
    if (db_one_int(db, "SELECT 1 FROM room_polls WHERE id = ? AND status = 'open'", NULL, "i", pid) != 1) {
        *message = _("This poll is closed.");
        return 409;
    }
    int voted = db_one_int(db, "SELECT 1 FROM room_poll_voters WHERE poll_id = ? AND user_id = ?", NULL, "ii", pid,
                           req->caller.user_id);
    if (voted) {
        *message = _("You have already answered this poll.");
        return voted < 0 ? 500 : 409;
    }
    size_t chosen = 0;
    for (size_t i = 0; i < req->form.n; i++) {
        if (strcmp(req->form.items[i].key, "option") != 0)
            continue;
        if (chosen && !multiple)
            break;
        int rc = choose(db, pid, req->form.items[i].value, req->caller.user_id);
        if (rc < 0)
            return 500;
        chosen += (size_t)rc;
    }
    if (!chosen) {
        *message = _("Choose an answer before voting.");
        return 422;
    }
    if (db_run(db, "INSERT INTO room_poll_voters (poll_id, user_id, created_at) VALUES (?, ?, ?)", "iii", pid,
               req->caller.user_id, (int64_t)time(NULL)) ||
        db_run(db, "UPDATE room_polls SET voters = voters + 1 WHERE id = ?", "i", pid))
        return 500;
    return room_emit_poll(db, r, pid) ? 500 : 0;
}

void page_room_poll_vote(struct request *req)
{
    struct room r;
    if (room_require(req, &r, false))
        room_run(req, &r, poll_vote, NULL, arena_printf(req->arena, "poll-%s", request_param(req, "pid")));
}
