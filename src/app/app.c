/* Glue between the HTTP server, the view layer and the areas. */
#include "app/app.h"

#include <string.h>

#include "accounts/account_strings.h"
#include "accounts/session.h"
#include "admin/admin_view.h"
#include "db/db.h"
#include "events/listing_strings.h"
#include "events/organise_strings.h"
#include "live/room_pages.h"
#include "mail/mail_strings.h"
#include "profiles/profile_strings.h"
#include "records/record_strings.h"
#include "registration/registration_strings.h"
#include "view/page.h"

static const struct {
    const char *url, *label;
} nav_items[] = {{"/", N_("Home")},          {"/events", N_("Events")}, {"/people", N_("People")},
                 {"/orgs", N_("Organisations")}, {"/about", N_("About")}};

static bool nav_current(const char *item, const char *path)
{
    if (strcmp(item, "/") == 0)
        return strcmp(path, "/") == 0;
    size_t n = strlen(item);
    return strncmp(path, item, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* Whether the signed-in caller gets the link to the organiser screens:
 * organisers by role, and members who organise some event. */
static bool organises(struct request *req)
{
    if (req->caller.perm >= PERM_ORGANISER)
        return true;
    struct db *db = db_get();
    return db && db_one_int(db, "SELECT 1 FROM event_organisers WHERE user_id = ? LIMIT 1", NULL, "i",
                            req->caller.user_id) == 1;
}

static void layout_globals(struct request *req, json_t *ctx)
{
    json_t *nav = json_array();
    for (size_t i = 0; i < sizeof nav_items / sizeof nav_items[0]; i++)
        json_array_append_new(nav, json_pack("{s:s, s:s, s:b}", "url", nav_items[i].url, "label",
                                             _(nav_items[i].label), "current",
                                             nav_current(nav_items[i].url, req->path)));
    json_object_set_new(ctx, "nav", nav);
    /* The time-zone picker comes back to this page (HTML only: not part of the JSON twins). */
    json_object_set_new(ctx, "tz_change_url", json_string(arena_printf(req->arena, "/timezone?next=%s",
                                                                       url_encode(req->arena, request_target(req)))));
    if (req->caller.user_id) {
        /* The sign-out button is a form: it needs the session's token. */
        json_object_set_new(ctx, "me",
                            json_pack("{s:s, s:b, s:b, s:s}", "name", req->caller.name ? req->caller.name : "",
                                      "admin", req->caller.perm >= PERM_ADMIN, "organises", organises(req),
                                      "csrf", req->caller.csrf));
    } else {
        json_object_set_new(ctx, "signin_url", json_string("/signin"));
    }
}

/* A visitor on a members' page: to the sign-in form (then back), or 401 for the API. */
static void signin_required(struct request *req)
{
    if (req->want_json || req->method != HTTP_GET) {
        page_error(req, 401);
        return;
    }
    request_redirect(req, arena_printf(req->arena, "/signin?next=%s", url_encode(req->arena, request_target(req))));
}

void app_init(void) { page_set_globals(layout_globals); }

static const char *base_url = "http://localhost:8080";

void app_set_base_url(const char *url) { base_url = url; }

const char *app_base_url(void) { return base_url; }

void app_register_strings(void)
{
    accounts_register_strings();
    admin_register_strings();
    mail_register_strings();
    profiles_register_strings();
    listing_register_strings();
    organise_register_strings();
    registration_register_strings();
    records_register_strings();
    rooms_register_strings();
}

struct server_app app_server_hooks(void)
{
    return (struct server_app){.routes = app_routes,
                               .nroutes = app_nroutes,
                               .caller_load = session_load,
                               .signin_required = signin_required,
                               .error_page = page_error};
}
