/* The route table: every URL of the hub, its method, handler, the permission
 * a caller needs, whether visitors' responses may be cached, and for form
 * posts the page that shows the form again when its CSRF token is refused.
 * Order matters where patterns overlap: the first match wins. Each area keeps
 * its own section. */
#include "accounts/account_pages.h"
#include "admin/admin_audit.h"
#include "admin/admin_users.h"
#include "app/app.h"
#include "app/timezone_page.h"
#include "events/event_pages.h"
#include "http/static.h"
#include "mail/outbox_page.h"
#include "orgs/org_members.h"
#include "orgs/org_pages.h"
#include "profiles/account_delete.h"
#include "profiles/account_export.h"
#include "profiles/profile_pages.h"

const struct route app_routes[] = {
    /* events */
    {HTTP_GET, "/", page_home, PERM_PUBLIC, true, NULL},
    {HTTP_GET, "/events", page_events, PERM_PUBLIC, true, NULL},

    /* events: organiser screens (before "/events/{slug}", whose slug would take "new") */

    /* events: registration */

    /* events: record and statistics */

    /* events: pages */
    {HTTP_GET, "/events/{slug}.ics", page_event_ics, PERM_PUBLIC, false, NULL},
    {HTTP_GET, "/events/{slug}/sessions/{id}.ics", page_session_ics, PERM_PUBLIC, false, NULL},
    {HTTP_GET, "/events/{slug}", page_event, PERM_PUBLIC, true, NULL},
    {HTTP_GET, "/series/{slug}.ics", page_series_ics, PERM_PUBLIC, false, NULL},
    {HTTP_GET, "/series/{slug}", page_series, PERM_PUBLIC, true, NULL},

    /* accounts */
    {HTTP_GET, "/signup", page_signup_form, PERM_PUBLIC, false, NULL},
    {HTTP_POST, "/signup", page_signup, PERM_PUBLIC, false, page_signup_form},
    {HTTP_GET, "/verify", page_verify, PERM_PUBLIC, false, NULL},
    {HTTP_GET, "/signin", page_signin_form, PERM_PUBLIC, false, NULL},
    {HTTP_POST, "/signin", page_signin, PERM_PUBLIC, false, page_signin_form},
    {HTTP_POST, "/signout", page_signout, PERM_MEMBER, false, NULL},
    {HTTP_GET, "/password/reset", page_reset_form, PERM_PUBLIC, false, NULL},
    {HTTP_POST, "/password/reset", page_reset, PERM_PUBLIC, false, page_reset_form},
    {HTTP_GET, "/password/new", page_reset_confirm_form, PERM_PUBLIC, false, NULL},
    {HTTP_POST, "/password/new", page_reset_confirm, PERM_PUBLIC, false, page_reset_confirm_form},
    {HTTP_GET, "/account", page_account, PERM_MEMBER, false, NULL},
    {HTTP_POST, "/account/password", page_password_change, PERM_MEMBER, false, page_account},
    {HTTP_POST, "/account/signout-everywhere", page_signout_everywhere, PERM_MEMBER, false, page_account},

    /* profiles and organisations */
    {HTTP_GET, "/account/profile", page_profile_edit_form, PERM_MEMBER, false, NULL},
    {HTTP_POST, "/account/profile", page_profile_edit, PERM_MEMBER, false, page_profile_edit_form},
    {HTTP_GET, "/account/export", page_account_export, PERM_MEMBER, false, NULL},
    {HTTP_GET, "/account/delete", page_account_delete_form, PERM_MEMBER, false, NULL},
    {HTTP_POST, "/account/delete", page_account_delete, PERM_MEMBER, false, page_account_delete_form},
    {HTTP_GET, "/people", page_people, PERM_PUBLIC, false, NULL},
    {HTTP_GET, "/people/{id}", page_person, PERM_PUBLIC, false, NULL},
    {HTTP_GET, "/orgs", page_orgs, PERM_PUBLIC, true, NULL},
    {HTTP_GET, "/orgs/new", page_org_new_form, PERM_MEMBER, false, NULL},
    {HTTP_POST, "/orgs/new", page_org_new, PERM_MEMBER, false, page_org_new_form},
    {HTTP_GET, "/orgs/join", page_org_join_form, PERM_MEMBER, false, NULL},
    {HTTP_POST, "/orgs/join", page_org_join, PERM_MEMBER, false, page_org_join_form},
    {HTTP_GET, "/orgs/{slug}", page_org, PERM_PUBLIC, true, NULL},
    {HTTP_GET, "/orgs/{slug}/edit", page_org_edit_form, PERM_MEMBER, false, NULL},
    {HTTP_POST, "/orgs/{slug}/edit", page_org_edit, PERM_MEMBER, false, page_org_edit_form},
    {HTTP_POST, "/orgs/{slug}/invite", page_org_invite, PERM_MEMBER, false, page_org},
    {HTTP_POST, "/orgs/{slug}/members/{user_id}/remove", page_org_member_remove, PERM_MEMBER, false, page_org},
    {HTTP_POST, "/orgs/{slug}/members/{user_id}/role", page_org_member_role, PERM_MEMBER, false, page_org},

    /* admin */
    {HTTP_GET, "/admin/users", page_admin_users, PERM_ADMIN, false, NULL},
    {HTTP_GET, "/admin/users/{id}", page_admin_user, PERM_ADMIN, false, NULL},
    {HTTP_POST, "/admin/users/{id}/role", page_admin_user_role, PERM_ADMIN, false, page_admin_user_refused},
    {HTTP_POST, "/admin/users/{id}/disable", page_admin_user_disable, PERM_ADMIN, false, page_admin_user_refused},
    {HTTP_POST, "/admin/users/{id}/enable", page_admin_user_enable, PERM_ADMIN, false, page_admin_user_refused},
    {HTTP_POST, "/admin/users/{id}/verify-email", page_admin_user_verify, PERM_ADMIN, false, page_admin_user_refused},
    {HTTP_GET, "/admin/audit", page_admin_audit, PERM_ADMIN, false, NULL},

    /* mail */
    {HTTP_GET, "/admin/outbox", page_admin_outbox, PERM_ADMIN, false, NULL},

    /* hub-wide */
    {HTTP_GET, "/about", page_about, PERM_PUBLIC, true, NULL},
    {HTTP_GET, "/timezone", page_timezone_form, PERM_PUBLIC, false, NULL},
    {HTTP_POST, "/timezone", page_timezone_set, PERM_PUBLIC, false, page_timezone_form},
    {HTTP_GET, "/static/{file}", static_serve, PERM_PUBLIC, false, NULL},
    {HTTP_GET, "/healthz", page_healthz, PERM_PUBLIC, false, NULL},
    {HTTP_GET, "/metrics", page_metrics, PERM_PUBLIC, false, NULL},
};

const size_t app_nroutes = sizeof app_routes / sizeof app_routes[0];
