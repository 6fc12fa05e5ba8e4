/* The registration box on the event page: whether and when people can
 * register, seats left, the caller's own registration, the join link for
 * those who may follow it, and the organisers' links. */
#include "registration/registration_view.h"

#include <string.h>
#include <time.h>

#include "events/event_access.h"
#include "registration/registration.h"
#include "registration/registration_common.h"

/* The part every viewer sees alike (visitors' pages are shared): the window,
 * seats left, and where to register. */
static json_t *public_part(struct request *req, const struct reg_settings *s, const struct reg_counts *c,
                           const struct event_ref *ev)
{
    int64_t from, until;
    enum reg_window w = reg_window_at(s, ev->status, ev->starts_at, ev->ends_at, (int64_t)time(NULL), &from, &until);
    static const char *const states[] = {"open", "off", "not_yet", "closed"};
    json_t *box = json_pack("{s:b, s:s, s:b, s:b, s:b, s:b}", "enabled", w != REG_OFF, "state", states[w], "open",
                            w == REG_OPEN, "not_yet", w == REG_NOT_YET, "closed", w == REG_CLOSED, "approval",
                            s->approval);
    if (w == REG_NOT_YET)
        json_object_set_new(box, "opens_label", json_string(reg_instant_label(req, from, ev->tz)));
    if (w == REG_OPEN && until)
        json_object_set_new(box, "closes_label", json_string(reg_instant_label(req, until, ev->tz)));
    if (s->capacity >= 0) {
        int64_t left = s->capacity > c->confirmed ? s->capacity - c->confirmed : 0;
        json_object_set_new(box, "full", json_boolean(left == 0 || c->waitlisted > 0));
        if (left > 0 && c->waitlisted == 0)
            json_object_set_new(box, "seats_label",
                                json_string(arena_printf(req->arena,
                                                         ngettext("%lld seat left", "%lld seats left",
                                                                  (unsigned long)left),
                                                         (long long)left)));
    }
    const char *register_url = arena_printf(req->arena, "/events/%s/register", ev->slug);
    json_object_set_new(box, "register_url", json_string(register_url));
    if (!req->caller.user_id)
        json_object_set_new(box, "signin_url", json_string(arena_printf(req->arena, "/signin?next=%s", register_url)));
    return box;
}

/* The caller's own registration and the join link. false on a database error. */
static bool personal_part(struct request *req, struct db *db, const struct event_ref *ev, json_t *box)
{
    struct reg_row r;
    int found = reg_find(db, ev->id, req->caller.user_id, &r);
    if (found < 0)
        return false;
    if (found && strcmp(r.status, "cancelled") != 0) {
        json_t *mine = json_pack("{s:s, s:s, s:s}", "status", r.status, "status_label", reg_status_label(r.status),
                                 "url", arena_printf(req->arena, "/events/%s/registration", ev->slug));
        const char *position = reg_position_label(req, r.position);
        if (position)
            json_object_set_new(mine, "position_label", json_string(position));
        json_object_set_new(box, "mine", mine);
    }
    if (!reg_join_view(req, db, ev, box))
        return false;
    if (ev->can_manage)
        json_object_set_new(box, "manage",
                            json_pack("{s:s, s:s, s:s}", "settings_url",
                                      arena_printf(req->arena, "/events/%s/registration/settings", ev->slug),
                                      "list_url", arena_printf(req->arena, "/events/%s/registrations", ev->slug),
                                      "message_url", arena_printf(req->arena, "/events/%s/message", ev->slug)));
    return true;
}

bool registration_view_add(struct request *req, int64_t event_id, json_t *event)
{
    struct db *db = db_get();
    struct event_ref ev;
    struct reg_settings s;
    struct reg_counts c;
    const char *slug = json_string_value(json_object_get(event, "slug"));
    if (!db || !slug || event_lookup(req, slug, &ev) != 1 || ev.id != event_id || reg_settings_load(db, event_id, &s) ||
        reg_counts_load(db, event_id, &c))
        return false;
    json_t *box = public_part(req, &s, &c, &ev);
    if (req->caller.user_id && !personal_part(req, db, &ev, box)) {
        json_decref(box);
        return false;
    }
    json_object_set_new(event, "registration", box);
    return true;
}
