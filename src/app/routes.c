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
#include "events/organise_pages.h"
#include "http/static.h"
#include "live/live.h"
#include "live/room_pages.h"
#include "mail/outbox_page.h"
#include "orgs/org_members.h"
#include "orgs/org_pages.h"
#include "profiles/account_delete.h"
#include "profiles/account_export.h"
#include "profiles/profile_pages.h"
#include "records/record_pages.h"
#include "registration/registration_pages.h"

/* Only the routes that take files give struct route's last field, upload;
 * the others leave it out (false). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
const struct route app_routes[] = {
    /* events */
    {HTTP_GET, "/", page_home, PERM_PUBLIC, true, NULL},
    {HTTP_GET, "/events", page_events, PERM_PUBLIC, true, NULL},

    /* events: organiser screens (before "/events/{slug}", whose slug would take "new") */
    {HTTP_GET, "/organise", page_organise, PERM_MEMBER, false, NULL},
    {HTTP_GET, "/events/new", page_event_new_form, PERM_ORGANISER, false, NULL},
    {HTTP_POST, "/events/new", page_event_new, PERM_ORGANISER, false, page_event_new_form},
    {HTTP_GET, "/events/{slug}/manage", page_event_manage, PERM_MEMBER, false, NULL},
    {HTTP_GET, "/events/{slug}/edit", page_event_edit_form, PERM_MEMBER, false, NULL},
    {HTTP_POST, "/events/{slug}/edit", page_event_edit, PERM_MEMBER, false, page_event_edit_form},
    {HTTP_POST, "/events/{slug}/status", page_event_status, PERM_MEMBER, false, page_event_manage},
    {HTTP_GET, "/events/{slug}/sessions/new", page_session_new_form, PERM_MEMBER, false, NULL},
    {HTTP_POST, "/events/{slug}/sessions/new", page_session_new, PERM_MEMBER, false, page_session_new_form},
    {HTTP_GET, "/events/{slug}/sessions/{id}/edit", page_session_edit_form, PERM_MEMBER, false, NULL},
    {HTTP_POST, "/events/{slug}/sessions/{id}/edit", page_session_edit, PERM_MEMBER, false, page_session_edit_form},
    {HTTP_POST, "/events/{slug}/sessions/{id}/delete", page_session_delete, PERM_MEMBER, false,
     page_session_edit_form},
    {HTTP_POST, "/events/{slug}/sessions/{id}/move", page_session_move, PERM_MEMBER, false, page_event_manage},
    {HTTP_POST, "/events/{slug}/sessions/{id}/people", page_session_person_add, PERM_MEMBER, false,
     page_session_edit_form},
    {HTTP_POST, "/events/{slug}/sessions/{id}/people/{person_id}/remove", page_session_person_remove, PERM_MEMBER,
     false, page_session_edit_form},
    {HTTP_POST, "/events/{slug}/sessions/{id}/people/{person_id}/move", page_session_person_move, PERM_MEMBER, false,
     page_session_edit_form},
    {HTTP_POST, "/events/{slug}/partners", page_partner_add, PERM_MEMBER, false, page_event_manage},
    {HTTP_POST, "/events/{slug}/partners/{id}/remove", page_partner_remove, PERM_MEMBER, false, page_event_manage},
    {HTTP_POST, "/events/{slug}/partners/{id}/move", page_partner_move, PERM_MEMBER, false, page_event_manage},
    {HTTP_POST, "/events/{slug}/organisers", page_organiser_add, PERM_MEMBER, false, page_event_manage},
    {HTTP_POST, "/events/{slug}/organisers/{user_id}/remove", page_organiser_remove, PERM_MEMBER, false,
     page_event_manage},
    {HTTP_GET, "/series/new", page_series_new_form, PERM_ORGANISER, false, NULL},
    {HTTP_POST, "/series/new", page_series_new, PERM_ORGANISER, false, page_series_new_form},
    {HTTP_GET, "/series/{slug}/edit", page_series_edit_form, PERM_ORGANISER, false, NULL},
    {HTTP_POST, "/series/{slug}/edit", page_series_edit, PERM_ORGANISER, false, page_series_edit_form},

    /* events: registration */
    {HTTP_GET, "/events/{slug}/register", page_register_form, PERM_MEMBER, false, NULL},
    {HTTP_POST, "/events/{slug}/register", page_register, PERM_MEMBER, false, page_register_form},
    {HTTP_GET, "/events/{slug}/registration", page_my_registration, PERM_MEMBER, false, NULL},
    {HTTP_POST, "/events/{slug}/registration/cancel", page_registration_cancel, PERM_MEMBER, false,
     page_my_registration},
    {HTTP_GET, "/events/{slug}/join", page_event_join, PERM_MEMBER, false, NULL},
    {HTTP_GET, "/registrations/cancel", page_cancel_link_form, PERM_PUBLIC, false, NULL},
    {HTTP_POST, "/registrations/cancel", page_cancel_link, PERM_PUBLIC, false, page_cancel_link_form},
    {HTTP_GET, "/events/{slug}/registration/settings", page_registration_settings_form, PERM_MEMBER, false, NULL},
    {HTTP_POST, "/events/{slug}/registration/settings", page_registration_settings, PERM_MEMBER, false,
     page_registration_settings_form},
    {HTTP_POST, "/events/{slug}/registration/questions", page_registration_question_add, PERM_MEMBER, false,
     page_registration_settings_form},
    {HTTP_GET, "/events/{slug}/registration/questions/{id}", page_registration_question_form, PERM_MEMBER, false,
     NULL},
    {HTTP_POST, "/events/{slug}/registration/questions/{id}", page_registration_question_save, PERM_MEMBER, false,
     page_registration_question_form},
    {HTTP_POST, "/events/{slug}/registration/questions/{id}/delete", page_registration_question_delete, PERM_MEMBER,
     false, page_registration_question_form},
    {HTTP_POST, "/events/{slug}/registration/questions/{id}/move", page_registration_question_move, PERM_MEMBER,
     false, page_registration_question_form},
    {HTTP_GET, "/events/{slug}/registrations", page_registrations, PERM_MEMBER, false, NULL},
    {HTTP_POST, "/events/{slug}/registrations/{id}/status", page_registration_status, PERM_MEMBER, false,
     page_registrations},
    {HTTP_GET, "/events/{slug}/message", page_event_message_form, PERM_MEMBER, false, NULL},
    {HTTP_POST, "/events/{slug}/message", page_event_message, PERM_MEMBER, false, page_event_message_form},
    {HTTP_GET, "/account/events", page_my_events, PERM_MEMBER, false, NULL},
    {HTTP_POST, "/account/events/feed", page_my_events_feed, PERM_MEMBER, false, page_my_events},
    {HTTP_GET, "/calendar/{token}.ics", page_my_calendar, PERM_PUBLIC, false, NULL},

    /* events: record and statistics */
    {HTTP_GET, "/events/{slug}/record", page_record_form, PERM_MEMBER, false, NULL},
    {HTTP_POST, "/events/{slug}/record", page_record_save, PERM_MEMBER, false, page_record_refused},
    {HTTP_POST, "/events/{slug}/proposals", page_proposal_add, PERM_MEMBER, false, page_record_refused},
    {HTTP_POST, "/events/{slug}/proposals/{id}", page_proposal_edit, PERM_MEMBER, false, page_record_refused},
    {HTTP_POST, "/events/{slug}/proposals/{id}/delete", page_proposal_delete, PERM_MEMBER, false, page_record_refused},
    {HTTP_POST, "/events/{slug}/proposals/{id}/move", page_proposal_move, PERM_MEMBER, false, page_record_refused},
    {HTTP_POST, "/events/{slug}/documents", page_document_add, PERM_MEMBER, false, page_record_refused, true},
    {HTTP_POST, "/events/{slug}/documents/{id}/delete", page_document_delete, PERM_MEMBER, false, page_record_refused},
    {HTTP_POST, "/events/{slug}/documents/{id}/move", page_document_move, PERM_MEMBER, false, page_record_refused},
    {HTTP_GET, "/events/{slug}/stats", page_event_stats, PERM_PUBLIC, false, NULL},
    {HTTP_POST, "/events/{slug}/stats/visibility", page_event_stats_visibility, PERM_MEMBER, false,
     page_event_stats_refused},
    {HTTP_GET, "/events/{slug}/registrations.csv", page_registrations_csv, PERM_MEMBER, false, NULL},
    {HTTP_GET, "/events/{slug}/registrations.xlsx", page_registrations_xlsx, PERM_MEMBER, false, NULL},
    {HTTP_GET, "/files/{id}/{name}", page_file, PERM_PUBLIC, false, NULL},

    /* live rooms */
    {HTTP_GET, "/rooms/{id}", page_room, PERM_PUBLIC, false, NULL},
    {HTTP_GET, "/rooms/{id}/present", page_room_present, PERM_PUBLIC, false, NULL},
    {HTTP_POST, "/rooms/{id}/questions", page_room_ask, PERM_MEMBER, false, page_room_refused},
    {HTTP_POST, "/rooms/{id}/questions/{qid}/vote", page_room_vote, PERM_MEMBER, false, page_room_refused},
    {HTTP_POST, "/rooms/{id}/questions/{qid}/unvote", page_room_unvote, PERM_MEMBER, false, page_room_refused},
    {HTTP_POST, "/rooms/{id}/questions/{qid}/moderate", page_room_moderate, PERM_MEMBER, false, page_room_refused},
    {HTTP_POST, "/rooms/{id}/polls", page_room_poll_create, PERM_MEMBER, false, page_room_refused},
    {HTTP_POST, "/rooms/{id}/polls/{pid}/state", page_room_poll_state, PERM_MEMBER, false, page_room_refused},
    {HTTP_POST, "/rooms/{id}/polls/{pid}/vote", page_room_poll_vote, PERM_MEMBER, false, page_room_refused},
    {HTTP_POST, "/rooms/{id}/chat", page_room_chat, PERM_MEMBER, false, page_room_refused},
    {HTTP_POST, "/rooms/{id}/chat/{mid}/hide", page_room_chat_hide, PERM_MEMBER, false, page_room_refused},
    {HTTP_POST, "/rooms/{id}/settings", page_room_settings, PERM_MEMBER, false, page_room_refused},
    {HTTP_POST, "/rooms/{id}/outcome", page_room_outcome, PERM_MEMBER, false, page_room_refused},

    /* live rooms: stream */
    {HTTP_GET, "/rooms/{id}/stream", page_room_stream, PERM_PUBLIC, false, NULL},

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
#pragma GCC diagnostic pop

const size_t app_nroutes = sizeof app_routes / sizeof app_routes[0];
