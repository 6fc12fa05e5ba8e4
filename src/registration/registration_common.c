/* Helpers shared by the registration pages. */
#include "registration/registration_common.h"

#include <string.h>

#include "events/event_clocks.h"
#include "http/router.h"
#include "http/viewer_tz.h"
#include "profiles/form_values.h"
#include "view/page.h"

json_t *reg_event_view(struct request *req, const struct event_ref *ev)
{
    struct db *db = db_get();
    struct db_stmt *st = db ? db_prepare(db, "SELECT COALESCE(t.title, d.title), e.time_precision FROM events e "
                                             "JOIN event_texts d ON d.event_id = e.id AND d.lang = e.default_lang "
                                             "LEFT JOIN event_texts t ON t.event_id = e.id AND t.lang = ? "
                                             "WHERE e.id = ?")
                            : NULL;
    if (!st)
        return NULL;
    db_bind_text(st, 1, i18n_code(req->lang));
    db_bind_int(st, 2, ev->id);
    if (db_step(st) != DB_ROW) {
        db_reset(st);
        return NULL;
    }
    json_t *view = json_pack("{s:s, s:s, s:s}", "title", db_col_text(st, 0), "url",
                             arena_printf(req->arena, "/events/%s", ev->slug), "slug", ev->slug);
    if (ev->starts_at && strcmp(db_col_text(st, 1), "minute") == 0)
        event_clocks_add(view, ev->starts_at, ev->tz, request_viewer_tz(req), req->lang);
    else
        event_clocks_none(view);
    db_reset(st);
    return view;
}

const char *reg_status_label(const char *status)
{
    static const struct {
        const char *status, *label;
    } labels[] = {{"pending", N_("Waiting for the organisers' approval")},
                  {"confirmed", NC_("registration status", "Confirmed")},
                  {"waitlisted", N_("On the waitlist")},
                  {"cancelled", NC_("registration status", "Cancelled")},
                  {"declined", N_("Declined by the organisers")}};
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(status, labels[i].status) == 0)
            return i18n_ctx(labels[i].label);
    return status;
}

const char *reg_position_label(struct request *req, int64_t position)
{
    if (position <= 0)
        return NULL;
    /* TRANSLATORS: %lld is the person's place in the queue of people waiting for a seat. */
    return arena_printf(req->arena, _("You are number %lld on the waitlist."), (long long)position);
}

const char *reg_instant_label(struct request *req, int64_t at, const char *event_tz)
{
    char event[EVENT_CLOCK_MAX], yours[EVENT_CLOCK_MAX];
    if (event_clocks_format(at, event_tz, request_viewer_tz(req), req->lang, event, yours))
        /* TRANSLATORS: an instant shown on two clocks: %1$s the event's time (with its zone), %2$s the
         * reader's own time (with theirs). */
        return arena_printf(req->arena, _("%1$s; your time: %2$s"), event, yours);
    return arena_strdup(req->arena, event);
}

bool reg_may_join(struct db *db, const struct caller *c, int64_t event_id, bool can_manage)
{
    if (can_manage)
        return true;
    if (c->user_id == 0)
        return false;
    return db_one_int(db,
                      "SELECT 1 FROM registrations WHERE event_id = ?1 AND user_id = ?2 AND status = 'confirmed' "
                      "UNION ALL SELECT 1 FROM session_people p JOIN sessions s ON s.id = p.session_id "
                      "WHERE s.event_id = ?1 AND p.user_id = ?2 LIMIT 1",
                      NULL, "ii", event_id, c->user_id) == 1;
}

void reg_message(struct request *req, unsigned status, const char *title, const char *message, const char *url,
                 const char *label)
{
    json_t *data = json_pack("{s:s, s:s}", "title", title, "message", message);
    if (url)
        json_object_set_new(data, "link", json_pack("{s:s, s:s}", "url", url, "label", label));
    page_render(req, status, "message", data);
}

int64_t reg_param_id(struct request *req, const char *name) { return id_parse(request_param(req, name)); }
