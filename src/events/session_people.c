/* Speakers and moderators of sessions, for the event page: who they are,
 * their affiliation and short bio in the reader's language (or the
 * event's), and a link to the profile of members whose profile the reader
 * may see. */
#include "events/session_people.h"

#include <string.h>

#include "profiles/profiles.h"

/* The people of every session of event ?1 (session id last), bios in language ?2 else the event's. */
static const char people_sql[] =
    "SELECT p.role, p.name, p.affiliation, COALESCE(t.bio, d.bio, ''), t.bio IS NULL AND d.bio IS NOT NULL, "
    "e.default_lang, COALESCE(p.user_id, 0), pr.visibility, u.deleted_at IS NULL AND u.disabled_at IS NULL, "
    "p.session_id FROM session_people p JOIN sessions s ON s.id = p.session_id JOIN events e ON e.id = s.event_id "
    "LEFT JOIN session_people_texts t ON t.person_id = p.id AND t.lang = ?2 AND t.bio <> '' "
    "LEFT JOIN session_people_texts d ON d.person_id = p.id AND d.lang = e.default_lang AND d.bio <> '' "
    "LEFT JOIN users u ON u.id = p.user_id LEFT JOIN profiles pr ON pr.user_id = p.user_id "
    "WHERE s.event_id = ?1 ORDER BY p.session_id, p.position, p.id";

/* One person as the page shows them. Every key is set, so that a Mustache
 * section never falls back to the session's or the event's value. */
static json_t *person_view(struct request *req, struct db_stmt *st)
{
    int64_t user_id = db_col_int(st, 6);
    bool visible = user_id && db_col_int(st, 8) && !db_col_is_null(st, 7) &&
                   profile_may_see(db_col_text(st, 7), user_id, req->caller.user_id);
    bool fallback = db_col_int(st, 4) != 0;
    return json_pack("{s:s, s:s, s:s, s:s, s:s}", "name", db_col_text(st, 1), "affiliation", db_col_text(st, 2), "bio",
                     db_col_text(st, 3), "bio_lang", fallback ? db_col_text(st, 5) : "", "profile_url",
                     visible ? arena_printf(req->arena, "/people/%lld", (long long)user_id) : "");
}

/* The session of `sessions` with that id, or NULL. */
static json_t *session_with_id(json_t *sessions, int64_t id)
{
    size_t i;
    json_t *session;
    json_array_foreach (sessions, i, session)
        if (json_integer_value(json_object_get(session, "id")) == id)
            return session;
    return NULL;
}

bool session_people_add(struct request *req, struct db *db, int64_t event_id, json_t *sessions)
{
    size_t i;
    json_t *session;
    json_array_foreach (sessions, i, session) {
        json_object_set_new(session, "speakers", json_array());
        json_object_set_new(session, "moderators", json_array());
    }
    /* One query for the whole event, not one per session. */
    struct db_stmt *st = db_prepare(db, people_sql);
    if (!st)
        return false;
    db_bind_int(st, 1, event_id);
    db_bind_text(st, 2, i18n_code(req->lang));
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        session = session_with_id(sessions, db_col_int(st, 9));
        if (session)
            json_array_append_new(
                json_object_get(session, strcmp(db_col_text(st, 0), "moderator") == 0 ? "moderators" : "speakers"),
                person_view(req, st));
    }
    db_reset(st);
    return rc == DB_DONE;
}
