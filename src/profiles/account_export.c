/* The account export as one JSON document, built with jansson. */
#include "profiles/account_export.h"

#include <string.h>
#include <time.h>

#include "core/json_arena.h"
#include "core/log.h"
#include "i18n/timefmt.h"
#include "orgs/orgs.h"
#include "profiles/profiles.h"
#include "view/page.h"

#define EXPORT_VERSION 1

/* An instant as ISO 8601 UTC, or null for SQL NULL. */
static json_t *time_or_null(struct db_stmt *st, int col)
{
    if (db_col_is_null(st, col))
        return json_null();
    char out[TIMEFMT_MAX];
    return json_string(timefmt_iso8601(out, sizeof out, db_col_int(st, col)));
}

static json_t *account_part(struct db *db, int64_t user_id)
{
    struct db_stmt *st = db_prepare(db, "SELECT id, email, name, role, lang, tz, created_at, verified_at "
                                        "FROM users WHERE id = ?");
    if (!st)
        return NULL;
    db_bind_int(st, 1, user_id);
    json_t *account = NULL;
    if (db_step(st) == DB_ROW)
        account = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o}", "id", (json_int_t)db_col_int(st, 0), "email",
                            db_col_text(st, 1), "name", db_col_text(st, 2), "role", db_col_text(st, 3), "lang",
                            db_col_text(st, 4), "tz", db_col_text(st, 5), "created_at", time_or_null(st, 6),
                            "verified_at", time_or_null(st, 7));
    db_reset(st);
    return account;
}

static const char invitations_sql[] = "SELECT o.slug, o.name, i.email, i.created_at, i.expires_at, i.used_at "
                                      "FROM org_invites i JOIN organisations o ON o.id = i.org_id "
                                      "WHERE i.invited_by = ? ORDER BY i.created_at, i.id";

static json_t *invitation_row(struct db_stmt *st, int64_t unused)
{
    (void)unused;
    return json_pack("{s:s, s:s, s:s, s:o, s:o, s:o}", "organisation", db_col_text(st, 0), "organisation_name",
                     db_col_text(st, 1), "email", db_col_text(st, 2), "created_at", time_or_null(st, 3), "expires_at",
                     time_or_null(st, 4), "used_at", time_or_null(st, 5));
}

/* Emails queued or sent to the account's address. Their bodies are left
 * out: they may hold links that still work. */
static const char emails_sql[] = "SELECT template, subject, status, created_at, sent_at FROM outbox "
                                 "WHERE recipient = (SELECT email FROM users WHERE id = ?) ORDER BY id";

static json_t *email_row(struct db_stmt *st, int64_t unused)
{
    (void)unused;
    return json_pack("{s:s, s:s, s:s, s:o, s:o}", "kind", db_col_text(st, 0), "subject", db_col_text(st, 1), "status",
                     db_col_text(st, 2), "created_at", time_or_null(st, 3), "sent_at", time_or_null(st, 4));
}

static const char sessions_sql[] = "SELECT id, created_at, last_seen_at, expires_at, user_agent FROM user_sessions "
                                   "WHERE user_id = ? ORDER BY created_at, id";

static json_t *session_row(struct db_stmt *st, int64_t current_session_id)
{
    return json_pack("{s:o, s:o, s:o, s:s, s:b}", "created_at", time_or_null(st, 1), "last_seen_at",
                     time_or_null(st, 2), "expires_at", time_or_null(st, 3), "user_agent", db_col_text(st, 4),
                     "current", db_col_int(st, 0) == current_session_id);
}

/* Entries by or about user_id. Another person's address (an administrator
 * acting on the account) is theirs, not the user's: it is left out. */
static const char audit_sql[] = "SELECT at, action, detail, ip, actor_id, subject_id FROM audit_log "
                                "WHERE actor_id = ?1 OR subject_id = ?1 ORDER BY at, id";

static json_t *audit_row(struct db_stmt *st, int64_t user_id)
{
    bool by_me = !db_col_is_null(st, 4) && db_col_int(st, 4) == user_id;
    json_t *e = json_pack("{s:o, s:s, s:s, s:b, s:b}", "at", time_or_null(st, 0), "action", db_col_text(st, 1),
                          "detail", db_col_text(st, 2), "by_you", by_me, "about_you",
                          !db_col_is_null(st, 5) && db_col_int(st, 5) == user_id);
    if (by_me)
        json_object_set_new(e, "ip", json_string(db_col_text(st, 3)));
    return e;
}

json_t *account_export(struct request *req, struct db *db, int64_t user_id)
{
    bool error = false;
    char now[TIMEFMT_MAX];
    timefmt_iso8601(now, sizeof now, (int64_t)time(NULL));
    json_t *profile = profile_load(req, db, user_id, &error);
    if (profile) {
        /* The page address and labels are for screens; the export keeps the data. */
        static const char *const screen_only[] = {"url", "visibility_label", "group_label"};
        for (size_t i = 0; i < sizeof screen_only / sizeof screen_only[0]; i++)
            json_object_del(profile, screen_only[i]);
    }
    json_t *parts[] = {account_part(db, user_id),
                       org_memberships(req, db, user_id),
                       db_rows_json(db, invitations_sql, user_id, invitation_row, 0),
                       db_rows_json(db, sessions_sql, user_id, session_row, req->caller.session_id),
                       db_rows_json(db, audit_sql, user_id, audit_row, user_id),
                       db_rows_json(db, emails_sql, user_id, email_row, 0)};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        error = error || !parts[i];
    if (error) {
        log_event(LOG_ERROR, req->id, "account export failed", NULL);
        json_decref(profile);
        for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
            json_decref(parts[i]);
        return NULL;
    }
    return json_pack("{s:s, s:i, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "format", "dxhub-account-export", "version",
                     EXPORT_VERSION, "exported_at", now, "account", parts[0], "profile",
                     profile ? profile : json_null(), "organisations", parts[1], "invitations_sent", parts[2],
                     "sessions", parts[3], "audit_log", parts[4], "emails", parts[5]);
}

/*
 * GET /account/export : everything the hub holds about the caller, as a
 * JSON file to download. No parameters.
 */
void page_account_export(struct request *req)
{
    struct db *db = db_get();
    json_t *doc = db ? account_export(req, db, req->caller.user_id) : NULL;
    char *text = doc ? json_dumps(doc, JSON_INDENT(2)) : NULL;
    json_decref(doc);
    if (!text) {
        page_error(req, 500);
        return;
    }
    request_add_header(req, "Content-Disposition", "attachment; filename=\"dxhub-account.json\"");
    request_add_header(req, "Cache-Control", "no-store");
    arena_defer(req->arena, json_arena_free_text, text);
    request_respond(req, 200, "application/json; charset=utf-8", text, strlen(text));
}
