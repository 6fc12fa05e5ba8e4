/* Page handlers for membership: invite by email, join with the link,
 * remove or leave, change a role. Each: permission (route table, then the
 * caller's role in the organisation) → parameters → SQL in a write
 * transaction → redirect back to the organisation's page. */
#include "orgs/org_members.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "accounts/ratelimit.h"
#include "accounts/secret.h"
#include "accounts/users.h"
#include "app/app.h"
#include "core/log.h"
#include "db/db.h"
#include "http/router.h"
#include "mail/outbox.h"
#include "orgs/org_pages.h"
#include "orgs/orgs.h"
#include "profiles/form_values.h"
#include "view/form.h"
#include "view/page.h"

#define INVITES_ALLOWED 20 /* per owner and window */
#define INVITES_WINDOW_S 3600
#define INVITES_BLOCK_S 3600

static const char *const join_fields[] = {"token"};

/* The organisation of the route's {slug}: its id and slug (arena). Answers
 * 404 or 500 itself and returns false. */
static bool route_org(struct request *req, struct db *db, int64_t *id, const char **slug)
{
    bool error = true;
    json_t *org = db ? org_load(req, db, request_param(req, "slug"), &error) : NULL;
    if (!org) {
        page_error(req, error ? 500 : 404);
        return false;
    }
    *id = json_integer_value(json_object_get(org, "id"));
    *slug = arena_strdup(req->arena, json_string_value(json_object_get(org, "slug")));
    json_decref(org);
    return true;
}

/* route_org, then the write transaction of a change to it; answers 404 or
 * 500 itself and returns false. */
static bool route_org_begin(struct request *req, struct db *db, int64_t *id, const char **slug)
{
    if (!route_org(req, db, id, slug))
        return false;
    if (db_begin(db)) {
        page_error(req, 500);
        return false;
    }
    return true;
}

/* Rolls back the handler's transaction and answers status. */
static void abandon(struct request *req, struct db *db, unsigned status)
{
    db_rollback(db);
    page_error(req, status);
}

/* The language emails to address are written in: its account's, or else
 * the inviting owner's current one. */
static enum lang recipient_lang(struct request *req, struct db *db, int64_t user_id)
{
    enum lang lang = req->lang;
    struct db_stmt *st = user_id ? db_prepare(db, "SELECT lang FROM users WHERE id = ?") : NULL;
    if (st) {
        db_bind_int(st, 1, user_id);
        if (db_step(st) == DB_ROW)
            i18n_parse(db_col_text(st, 0), &lang);
        db_reset(st);
    }
    return lang;
}

/* Stores an invitation to org_id for email and queues its email. Inside
 * the caller's transaction. 0 or -1. */
static int invite_send(struct request *req, struct db *db, int64_t org_id, const char *org_name, const char *email,
                       enum lang lang)
{
    char token[SECRET_TEXT_LEN], hash[SECRET_HASH_LEN];
    secret_new(token);
    secret_hash(token, hash);
    int64_t now = (int64_t)time(NULL);
    if (db_run(db,
               "INSERT INTO org_invites (token_hash, org_id, email, invited_by, created_at, expires_at) "
               "VALUES (?, ?, ?, ?, ?, ?)",
               "titiii", hash, org_id, email, req->caller.user_id, now, now + ORG_INVITE_TTL_S))
        return -1;
    char link[1024];
    snprintf(link, sizeof link, "%s/orgs/join?token=%s", app_base_url(), token);
    json_t *data = json_pack("{s:s, s:s, s:s}", "inviter", req->caller.name ? req->caller.name : "", "org_name",
                             org_name, "link", link);
    int sent = mail_enqueue(db, email, lang, "org_invite", data);
    json_decref(data);
    return sent;
}

/*
 * POST /orgs/{slug}/invite : an owner (or an administrator) invites someone
 * by email; the email
 * carries a single-use link to /orgs/join, valid ORG_INVITE_TTL_S.
 *   email   the address to invite
 * At most INVITES_ALLOWED invitations per owner per INVITES_WINDOW_S.
 */
void page_org_invite(struct request *req)
{
    struct db *db = db_get();
    int64_t org_id;
    const char *slug;
    if (!route_org(req, db, &org_id, &slug))
        return;
    if (!org_may_manage(req, db, org_id)) {
        page_error(req, 403);
        return;
    }
    char email[255];
    if (!user_email_normalise(form_text(req, "email"), email)) {
        org_page_render(req, 422, "email", _("Please enter an email address, such as name@example.org."));
        return;
    }
    bool error = true;
    json_t *org = org_load(req, db, slug, &error);
    const char *org_name = org ? arena_strdup(req->arena, json_string_value(json_object_get(org, "name"))) : NULL;
    json_decref(org);
    if (!org_name || db_begin(db)) {
        page_error(req, 500);
        return;
    }
    const char *key = arena_printf(req->arena, "org-invite:%lld", (long long)req->caller.user_id);
    if (ratelimit_hit(db, key, INVITES_ALLOWED, INVITES_WINDOW_S, INVITES_BLOCK_S) > 0) {
        db_commit(db); /* the attempt counts */
        org_page_render(req, 429, "email",
                        _("You have sent many invitations in a short time. Please try again later."));
        return;
    }
    int64_t existing = user_id_by_email(db, email);
    if (existing && org_role_of(db, org_id, existing) != ORG_NONE) {
        db_commit(db);
        org_page_render(req, 422, "email", _("This person is already a member of the organisation."));
        return;
    }
    if (invite_send(req, db, org_id, org_name, email, recipient_lang(req, db, existing)) || db_commit(db)) {
        db_rollback(db);
        log_event(LOG_ERROR, req->id, "invitation not sent", NULL);
        page_error(req, 500);
        return;
    }
    request_redirect(req, arena_printf(req->arena, "/orgs/%s?done=invited", slug));
}

struct invite {
    int64_t id, org_id;
    const char *slug, *org_name, *inviter;
};

/* The unused, unexpired invitation whose link carries token. Returns 1 and
 * fills *out (arena strings), 0 when there is none, -1 on error. */
static int invite_find(struct request *req, struct db *db, const char *token, struct invite *out)
{
    if (!token || !*token)
        return 0;
    char hash[SECRET_HASH_LEN];
    secret_hash(token, hash);
    struct db_stmt *st = db_prepare(db, "SELECT i.id, o.id, o.slug, o.name, COALESCE(u.name, '') FROM org_invites i "
                                        "JOIN organisations o ON o.id = i.org_id "
                                        "LEFT JOIN users u ON u.id = i.invited_by AND u.deleted_at IS NULL "
                                        "WHERE i.token_hash = ? AND i.used_at IS NULL AND i.expires_at > ?");
    if (!st)
        return -1;
    db_bind_text(st, 1, hash);
    db_bind_int(st, 2, (int64_t)time(NULL));
    enum db_step rc = db_step(st);
    if (rc == DB_ROW)
        *out = (struct invite){.id = db_col_int(st, 0),
                               .org_id = db_col_int(st, 1),
                               .slug = arena_strdup(req->arena, db_col_text(st, 2)),
                               .org_name = arena_strdup(req->arena, db_col_text(st, 3)),
                               .inviter = arena_strdup(req->arena, db_col_text(st, 4))};
    db_reset(st);
    return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* The page for a link that is unknown, used up or expired (404). */
static void invite_invalid(struct request *req)
{
    page_render(req, 404, "org_join",
                json_pack("{s:s, s:b}", "title", _("This invitation cannot be used"), "invalid", true));
}

/*
 * GET /orgs/join : what accepting the invitation means, and the button.
 *   token   the secret from the emailed link
 * Also renders a refused POST (bad CSRF token), with the posted token.
 */
void page_org_join_form(struct request *req)
{
    const char *token = req->method == HTTP_POST ? request_form(req, "token") : request_query(req, "token");
    struct db *db = db_get();
    struct invite inv;
    int found = db ? invite_find(req, db, token, &inv) : -1;
    if (found <= 0) {
        if (found < 0)
            page_error(req, 500);
        else
            invite_invalid(req);
        return;
    }
    json_t *page = FORM_PAGE(req, _("Join an organisation"), join_fields);
    json_object_set_new(json_object_get(page, "form"), "token", json_string(token));
    json_object_set_new(
        page, "org",
        json_pack("{s:s, s:s}", "name", inv.org_name, "url", arena_printf(req->arena, "/orgs/%s", inv.slug)));
    json_object_set_new(
        page, "invitation",
        json_string(*inv.inviter
                        ? arena_printf(req->arena, _("%1$s invites you to join %2$s."), inv.inviter, inv.org_name)
                        : arena_printf(req->arena, _("You are invited to join %s."), inv.org_name)));
    json_object_set_new(page, "already_member",
                        json_boolean(org_role_of(db, inv.org_id, req->caller.user_id) != ORG_NONE));
    form_render(req, "org_join", page);
}

/*
 * POST /orgs/join : accepts the invitation: the caller becomes a member and
 * the link stops working.
 *   token   the secret from the emailed link
 */
void page_org_join(struct request *req)
{
    struct db *db = db_get();
    struct invite inv;
    if (!db || db_begin(db)) {
        page_error(req, 500);
        return;
    }
    int found = invite_find(req, db, form_text(req, "token"), &inv);
    if (found <= 0) {
        db_rollback(db);
        if (found < 0)
            page_error(req, 500);
        else
            invite_invalid(req);
        return;
    }
    int64_t now = (int64_t)time(NULL), me = req->caller.user_id;
    bool member = org_role_of(db, inv.org_id, me) != ORG_NONE ||
                  db_run(db, "INSERT INTO org_members (org_id, user_id, role, joined_at) VALUES (?, ?, 'member', ?)",
                         "iii", inv.org_id, me, now) == 0;
    if (!member || db_run(db, "UPDATE org_invites SET used_at = ?, used_by = ? WHERE id = ?", "iii", now, me, inv.id) ||
        db_commit(db)) {
        abandon(req, db, 500);
        return;
    }
    request_redirect(req, arena_printf(req->arena, "/orgs/%s?done=joined", inv.slug));
}

/* The {user_id} of the route, when it is a member of org_id: its number and
 * role; answers 404 itself otherwise (rolling back) and returns 0. */
static int64_t route_member(struct request *req, struct db *db, int64_t org_id, enum org_role *role)
{
    int64_t id = id_parse(request_param(req, "user_id"));
    *role = id ? org_role_of(db, org_id, id) : ORG_NONE;
    if (*role == ORG_NONE) {
        abandon(req, db, 404);
        return 0;
    }
    return id;
}

/* True, having rolled back and answered 409, when org_id has only one
 * owner, who therefore cannot stop being one. */
static bool refuse_last_owner(struct request *req, struct db *db, int64_t org_id)
{
    if (org_owner_count(db, org_id) > 1)
        return false;
    db_rollback(db);
    org_page_render(req, 409, NULL, _("An organisation needs at least one owner. Make another member an owner first."));
    return true;
}

/*
 * POST /orgs/{slug}/members/{user_id}/remove : an owner (or an
 * administrator) removes a member, or a member leaves (user_id is the
 * caller). The last owner cannot go.
 *   user_id   the member's account number
 */
void page_org_member_remove(struct request *req)
{
    struct db *db = db_get();
    int64_t org_id;
    const char *slug;
    enum org_role target_role;
    if (!route_org_begin(req, db, &org_id, &slug))
        return;
    /* Only those who manage it learn whether someone else is a member. */
    bool self = id_parse(request_param(req, "user_id")) == req->caller.user_id;
    if (!self && !org_may_manage(req, db, org_id)) {
        abandon(req, db, 403);
        return;
    }
    int64_t target = route_member(req, db, org_id, &target_role);
    if (!target)
        return;
    if (target_role == ORG_OWNER && refuse_last_owner(req, db, org_id))
        return;
    if (db_run(db, "DELETE FROM org_members WHERE org_id = ? AND user_id = ?", "ii", org_id, target) || db_commit(db)) {
        abandon(req, db, 500);
        return;
    }
    request_redirect(req, arena_printf(req->arena, "/orgs/%s?done=%s", slug, self ? "left" : "removed"));
}

/*
 * POST /orgs/{slug}/members/{user_id}/role : an owner (or an administrator)
 * makes a member an owner, or an owner a member again. The last owner
 * stays one.
 *   user_id   the member's account number
 *   role      owner | member
 */
void page_org_member_role(struct request *req)
{
    struct db *db = db_get();
    int64_t org_id;
    const char *slug;
    enum org_role target_role;
    if (!route_org_begin(req, db, &org_id, &slug))
        return;
    if (!org_may_manage(req, db, org_id)) {
        abandon(req, db, 403);
        return;
    }
    const char *role = form_text(req, "role");
    if (strcmp(role, "owner") != 0 && strcmp(role, "member") != 0) {
        abandon(req, db, 400);
        return;
    }
    int64_t target = route_member(req, db, org_id, &target_role);
    if (!target)
        return;
    if (target_role == ORG_OWNER && strcmp(role, "member") == 0 && refuse_last_owner(req, db, org_id))
        return;
    if (db_run(db, "UPDATE org_members SET role = ? WHERE org_id = ? AND user_id = ?", "tii", role, org_id, target) ||
        db_commit(db)) {
        abandon(req, db, 500);
        return;
    }
    request_redirect(req, arena_printf(req->arena, "/orgs/%s?done=role", slug));
}
