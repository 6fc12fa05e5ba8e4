/* A room's chat: short messages, one per person every two seconds, while
 * the room is open and its chat on; moderators hide messages. */
#include <time.h>

#include "i18n/i18n.h"
#include "live/live.h"
#include "live/room.h"
#include "live/room_pages.h"
#include "live/room_rules.h"
#include "view/form.h"

static unsigned chat_send(struct request *req, struct db *db, struct room *r, void *arg, const char **message)
{
    (void)arg;
    unsigned closed = room_require_open(r, message);
    if (closed)
        return closed;
    if (!r->chat_enabled) {
        *message = _("The chat of this room is turned off.");
        return 409;
    }
    const char *body = form_text(req, "message");
    int check = room_text_check(body, ROOM_CHAT_MAX);
    if (check) {
        *message = check == 1 ? _("Write a message before sending it.")
                              : _("Your message is too long: please keep it under 280 characters.");
        return 422;
    }
    int64_t now = (int64_t)time(NULL), last = 0;
    if (db_one_int(db, "SELECT MAX(created_at) FROM room_chat WHERE room_id = ? AND user_id = ?", &last, "ii", r->id,
                   req->caller.user_id) < 0)
        return 500;
    if (!room_chat_allowed(last, now)) {
        *message = _("You are sending messages too fast: wait two seconds and send it again.");
        return 429;
    }
    int64_t mid = 0;
    if (db_one_int(db, "INSERT INTO room_chat (room_id, user_id, body, created_at) VALUES (?, ?, ?, ?) RETURNING id",
                   &mid, "iiti", r->id, req->caller.user_id, body, now) != 1)
        return 500;
    json_t *data = json_pack("{s:I, s:s, s:s, s:I}", "id", (json_int_t)mid, "author",
                             req->caller.name ? req->caller.name : "", "body", body, "created_at", (json_int_t)now);
    int64_t ev = live_record(db, r->id, LIVE_ALL, 0, "chat", data);
    json_decref(data);
    return ev < 0 ? 500 : 0;
}

void page_room_chat(struct request *req)
{
    struct room r;
    if (room_require(req, &r, false))
        room_run(req, &r, chat_send, NULL, "chat");
}

static unsigned chat_hide(struct request *req, struct db *db, struct room *r, void *arg, const char **message)
{
    (void)arg;
    (void)message;
    int64_t mid = room_param_id(req, "mid");
    int found =
        db_one_int(db, "SELECT 1 FROM room_chat WHERE id = ? AND room_id = ? AND hidden = 0", NULL, "ii", mid, r->id);
    if (found != 1)
        return found ? 500 : 404;
    if (db_run(db, "UPDATE room_chat SET hidden = 1 WHERE id = ?", "i", mid))
        return 500;
    json_t *data = json_pack("{s:I}", "id", (json_int_t)mid);
    int64_t ev = live_record(db, r->id, LIVE_ALL, 0, "chat_removed", data);
    json_decref(data);
    return ev < 0 || room_log(req, db, r, "hide_message", NULL, 0, mid) ? 500 : 0;
}

void page_room_chat_hide(struct request *req)
{
    struct room r;
    if (room_require(req, &r, true))
        room_run(req, &r, chat_hide, NULL, "chat");
}
