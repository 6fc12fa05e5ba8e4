/* The steps around an event's change of status: confirming a cancellation
 * (and telling its registrants), the checklist before publishing, and the
 * rooms closed when the event finishes. */
#include "events/organise_status.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "events/organise.h"
#include "live/live.h"
#include "live/room.h"
#include "registration/registration_mail.h"
#include "view/form.h"
#include "view/page.h"

#define MESSAGE_MAX 4000

static const char *const confirm_fields[] = {"to", "notify", "message"};

/* What an event people could not take part in lacks: [{"text", "fix_url",
 * "fix_label", "fix2_url"?, "fix2_label"?}], empty when nothing; NULL on a
 * database error. */
static json_t *publish_checklist(struct request *req, struct db *db, const struct event_ref *ev)
{
    int64_t sessions = 0, ways = 0;
    if (db_one_int(db, "SELECT COUNT(*) FROM sessions WHERE event_id = ?", &sessions, "i", ev->id) < 0 ||
        db_one_int(db,
                   "SELECT (meeting_url <> '') + (format <> 'online' AND place <> '') + "
                   "COALESCE((SELECT enabled FROM registration_settings WHERE event_id = e.id), 0) "
                   "FROM events e WHERE id = ?",
                   &ways, "i", ev->id) < 0)
        return NULL;
    const char *base = arena_printf(req->arena, "/events/%s", ev->slug);
    json_t *list = json_array();
    if (sessions == 0)
        json_array_append_new(list, json_pack("{s:s, s:s, s:s}", "text", _("It has no sessions yet."), "fix_url",
                                              arena_printf(req->arena, "%s/sessions/new", base), "fix_label",
                                              _("Add a session")));
    if (ways == 0)
        json_array_append_new(
            list, json_pack("{s:s, s:s, s:s, s:s, s:s}", "text",
                            _("People have no way to take part: no join link, no place and no registration."),
                            "fix_url", arena_printf(req->arena, "%s/edit#meeting_url", base), "fix_label",
                            _("Add a join link or a place"), "fix2_url",
                            arena_printf(req->arena, "%s/registration/settings", base), "fix2_label",
                            _("Open registration")));
    return list;
}

/* The confirmation page: what `to` will do, and its form. Takes page. */
static void render(struct request *req, const struct event_ref *ev, json_t *page, const char *to)
{
    json_object_set_new(page, "event",
                        json_pack("{s:s, s:s}", "title", organise_title(req, db_get(), ev), "manage_url",
                                  arena_printf(req->arena, "/events/%s/manage", ev->slug)));
    json_object_set_new(page, "action", json_string(arena_printf(req->arena, "/events/%s/status", ev->slug)));
    json_object_set_new(json_object_get(page, "form"), "to", json_string(to));
    form_render(req, "organise_status_confirm", page);
}

static bool confirm_cancel(struct request *req, struct db *db, const struct event_ref *ev)
{
    json_t *page = FORM_PAGE(req, _("Cancel this event?"), confirm_fields);
    const char *message = form_text(req, "message");
    bool confirmed = form_text(req, "confirm") && strcmp(form_text(req, "confirm"), "1") == 0;
    if (confirmed && message && strlen(message) > MESSAGE_MAX)
        form_error(page, "message", _("Please keep the message under 4,000 characters."));
    else if (confirmed) {
        json_decref(page);
        return false;
    }
    int64_t n = 0;
    if (db_one_int(db,
                   "SELECT COUNT(*) FROM registrations WHERE event_id = ? "
                   "AND status IN ('confirmed', 'waitlisted', 'pending')",
                   &n, "i", ev->id) < 0) {
        json_decref(page);
        page_error(req, 500);
        return true;
    }
    json_t *form = json_object_get(page, "form");
    if (!confirmed) /* notify is offered ticked */
        json_object_set_new(form, "notify", json_string("1"));
    json_object_set_new(page, "cancel", json_true());
    json_object_set_new(page, "registrants", json_integer(n));
    json_object_set_new(page, "registrants_label",
                        json_string(arena_printf(req->arena,
                                                 ngettext("%lld person is registered (confirmed, waitlisted or "
                                                          "awaiting approval).",
                                                          "%lld people are registered (confirmed, waitlisted or "
                                                          "awaiting approval).",
                                                          (unsigned long)n),
                                                 (long long)n)));
    render(req, ev, page, "cancelled");
    return true;
}

bool organise_status_confirm(struct request *req, struct db *db, const struct event_ref *ev, const char *to)
{
    if (strcmp(to, "cancelled") == 0)
        return confirm_cancel(req, db, ev);
    const char *anyway = form_text(req, "anyway");
    if (strcmp(to, "published") != 0 || (anyway && strcmp(anyway, "1") == 0))
        return false;
    json_t *list = publish_checklist(req, db, ev);
    if (!list) {
        page_error(req, 500);
        return true;
    }
    if (json_array_size(list) == 0) {
        json_decref(list);
        return false;
    }
    json_t *page = FORM_PAGE(req, _("Publish with something missing?"), confirm_fields);
    json_object_set_new(page, "checklist", list);
    render(req, ev, page, "published");
    return true;
}

/* Closes room (a session's id) unless it is closed already, and records the
 * change for its streams. Inside the transaction. 0 or -1. */
static int close_room(struct db *db, int64_t room, int64_t now)
{
    int64_t pre = 1, chat = 1;
    if (room_settings_row(db, room))
        return -1;
    int open = db_one_int(db, "SELECT 1 FROM rooms WHERE session_id = ? AND closed_at IS NULL", NULL, "i", room);
    if (open != 1)
        return open < 0 ? -1 : 0;
    if (db_one_int(db, "SELECT premoderation FROM rooms WHERE session_id = ?", &pre, "i", room) < 0 ||
        db_one_int(db, "SELECT chat_enabled FROM rooms WHERE session_id = ?", &chat, "i", room) < 0 ||
        db_run(db, "UPDATE rooms SET closed_at = ? WHERE session_id = ?", "ii", now, room))
        return -1;
    /* The frame room_settings.c records when a moderator closes the room. */
    json_t *data =
        json_pack("{s:s, s:b, s:b}", "state", "closed", "premoderation", (int)pre, "chat_enabled", (int)chat);
    int64_t id = live_record(db, room, LIVE_ALL, 0, "room", data);
    json_decref(data);
    return id < 0 ? -1 : 0;
}

static json_t *id_row(struct db_stmt *st, int64_t arg)
{
    (void)arg;
    return json_integer(db_col_int(st, 0));
}

/* Closes the rooms of ev's sessions. Inside the transaction. 0 or -1. */
static int close_rooms(struct db *db, const struct event_ref *ev)
{
    json_t *ids = db_rows_json(db, "SELECT id FROM sessions WHERE event_id = ? ORDER BY id", ev->id, id_row, 0);
    int rc = ids ? 0 : -1;
    int64_t now = (int64_t)time(NULL);
    size_t i;
    json_t *id;
    json_array_foreach (ids, i, id)
        if (rc == 0)
            rc = close_room(db, json_integer_value(id), now);
    json_decref(ids);
    return rc;
}

int organise_status_effects(struct request *req, struct db *db, const struct event_ref *ev, const char *to,
                            int64_t *notified)
{
    *notified = -1;
    const char *notify = form_text(req, "notify");
    if (strcmp(to, "cancelled") == 0 && notify && strcmp(notify, "1") == 0) {
        *notified = reg_notify_event_cancelled(db, ev->id, form_text(req, "message"));
        return *notified < 0 ? -1 : 0;
    }
    return strcmp(to, "finished") == 0 ? close_rooms(db, ev) : 0;
}

void organise_status_after(const struct event_ref *ev, const char *to)
{
    struct db *db = strcmp(to, "finished") == 0 ? db_get() : NULL;
    struct db_stmt *st = db ? db_prepare(db, "SELECT id FROM sessions WHERE event_id = ?") : NULL;
    if (!st)
        return;
    db_bind_int(st, 1, ev->id);
    while (db_step(st) == DB_ROW)
        live_notify(db_col_int(st, 0));
    db_reset(st);
}

const char *organise_status_notice(struct request *req)
{
    const char *done = request_query(req, "done"), *told = request_query(req, "notified");
    if (!done || strcmp(done, "cancelled") != 0)
        return NULL;
    if (!told || !*told)
        return _("The event has been cancelled. Its registrants were not notified.");
    long long n = strtoll(told, NULL, 10);
    return arena_printf(req->arena,
                        ngettext("The event has been cancelled; %lld registrant has been notified.",
                                 "The event has been cancelled; %lld registrants have been notified.",
                                 (unsigned long)(n < 0 ? 0 : n)),
                        n < 0 ? 0 : n);
}
