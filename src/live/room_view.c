/* The room page's view object (HTML and its JSON twin) and the presenter
 * view's: what the caller may see of the questions (others never see a
 * hidden or pending question's text), the moderation log, polls, chat. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "accounts/session.h"
#include "core/json_arena.h"
#include "events/organise_parse.h"
#include "http/static.h"
#include "i18n/i18n.h"
#include "i18n/timefmt.h"
#include "live/room.h"
#include "live/room_pages.h"
#include "live/room_rules.h"
#include "live/room_queue.h"
#include "live/room_view.h"
#include "view/form.h"

static const char *lang_name(const char *code)
{
    if (strcmp(code, "fr") == 0)
        return _("French");
    if (strcmp(code, "es") == 0)
        return _("Spanish");
    return _("English");
}

/* Session and event titles in the request's language, else the event's own. */
static void titles(struct request *req, struct db *db, const struct room *r, json_t *view)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT COALESCE((SELECT title FROM session_texts WHERE session_id = ?1 AND lang = ?3), (SELECT title "
            "FROM session_texts WHERE session_id = ?1 AND lang = ?4), ''), COALESCE((SELECT title FROM event_texts "
            "WHERE event_id = ?2 AND lang = ?3), (SELECT title FROM event_texts WHERE event_id = ?2 AND lang = ?4), "
            "'')");
    const char *session = "", *event = "";
    if (st && !db_bind_int(st, 1, r->id) && !db_bind_int(st, 2, r->event_id) &&
        !db_bind_text(st, 3, i18n_code(req->lang)) && !db_bind_text(st, 4, r->default_lang) && db_step(st) == DB_ROW) {
        session = arena_strdup(req->arena, db_col_text(st, 0));
        event = arena_strdup(req->arena, db_col_text(st, 1));
    }
    if (st)
        db_reset(st);
    json_object_set_new(view, "title", json_string(*session ? session : _("Live room")));
    json_object_set_new(view, "event",
                        json_pack("{s:s, s:s, s:s}", "title", event, "slug", r->event_slug, "url",
                                  arena_printf(req->arena, "/events/%s", r->event_slug)));
}

/* "vote" or "votes" after a number n, and "person answered" or "people
 * answered", in the request's language (plural rules of gettext). */
static const char *votes_label(int64_t n)
{
    /* TRANSLATORS: after a number: "1 vote", "12 votes". */
    return ngettext("vote", "votes", (unsigned long)n);
}

static const char *voters_label(int64_t n)
{
    /* TRANSLATORS: after a number: "1 person answered", "12 people answered". */
    return ngettext("person answered", "people answered", (unsigned long)n);
}

struct q_ctx {
    struct request *req;
    const struct room *r;
};

static json_t *question_row(struct db_stmt *st, int64_t arg)
{
    const struct q_ctx *c = (const struct q_ctx *)(intptr_t)arg;
    struct request *req = c->req;
    int64_t id = db_col_int(st, 0), asker = db_col_int(st, 1);
    const char *status = db_col_text(st, 4), *lang = db_col_text(st, 3);
    bool anonymous = db_col_int(st, 5) != 0, mine = asker && asker == req->caller.user_id;
    const char *author = anonymous && !mine && !c->r->viewer.moderator ? _("Anonymous") : db_col_text(st, 9);
    const char *reason = db_col_text(st, 6);
    const char *base = arena_printf(req->arena, "/rooms/%lld/questions/%lld", (long long)c->r->id, (long long)id);
    json_t *q =
        json_pack("{s:I, s:s, s:s, s:s, s:s, s:b, s:s, s:I, s:b, s:b, s:b, s:b, s:b, s:b}", "id", (json_int_t)id,
                  "body", db_col_text(st, 2), "lang", lang, "lang_name", lang_name(lang), "author", author, "anonymous",
                  anonymous, "status", status, "votes", (json_int_t)db_col_int(st, 7), "voted", db_col_int(st, 8) != 0,
                  "mine", mine, "pending", strcmp(status, "pending") == 0, "hidden", strcmp(status, "hidden") == 0,
                  "answered", strcmp(status, "answered") == 0, "pinned", id == c->r->pinned_id);
    json_object_set_new(q, "votes_label", json_string(votes_label(db_col_int(st, 7))));
    if (reason)
        json_object_set_new(q, "reason_label", json_string(room_hide_reason_label(reason)));
    json_object_set_new(q, "vote_url", json_string(arena_printf(req->arena, "%s/vote", base)));
    json_object_set_new(q, "unvote_url", json_string(arena_printf(req->arena, "%s/unvote", base)));
    json_object_set_new(q, "moderate_url", json_string(arena_printf(req->arena, "%s/moderate", base)));
    return q;
}

/* The questions the caller may see (?3: a moderator sees all; others the
 * shown ones and their own), in one language or all (?4 ''). */
#define QUESTIONS_SQL                                                                                                  \
    "SELECT q.id, q.user_id, q.body, q.lang, q.status, q.anonymous, q.hide_reason, q.votes, "                          \
    "EXISTS (SELECT 1 FROM room_question_votes v WHERE v.question_id = q.id AND v.user_id = ?2), "                     \
    "COALESCE(u.name, '') FROM room_questions q LEFT JOIN users u ON u.id = q.user_id WHERE q.room_id = ?1 "           \
    "AND (?3 = 1 OR q.status IN ('visible', 'answered') OR (?2 <> 0 AND q.user_id = ?2)) "                             \
    "AND (?4 = '' OR q.lang = ?4) ORDER BY "
static const char questions_by_votes[] = QUESTIONS_SQL "q.votes DESC, q.id DESC LIMIT ?5";
static const char questions_by_time[] = QUESTIONS_SQL "q.id DESC LIMIT ?5";

/* The questions the caller may see, sorted and filtered as asked. */
static json_t *questions(struct request *req, struct db *db, const struct room *r, bool by_time, const char *lang,
                         int64_t limit)
{
    struct q_ctx c = {req, r};
    struct db_stmt *st = db_prepare(db, by_time ? questions_by_time : questions_by_votes);
    json_t *list = json_array();
    if (!st || db_bind_int(st, 1, r->id) || db_bind_int(st, 2, req->caller.user_id) ||
        db_bind_int(st, 3, r->viewer.moderator) || db_bind_text(st, 4, lang) || db_bind_int(st, 5, limit)) {
        if (st)
            db_reset(st);
        json_decref(list);
        return NULL;
    }
    enum db_step step;
    while ((step = db_step(st)) == DB_ROW)
        json_array_append_new(list, question_row(st, (int64_t)(intptr_t)&c));
    db_reset(st);
    if (step == DB_ERROR) {
        json_decref(list);
        return NULL;
    }
    return list;
}

/* The polls the caller may see (moderators: drafts too), newest first;
 * with present, the newest open poll only, with its results only when they
 * are shown to everyone (the presenter's screen is the audience's). */
static json_t *polls(struct request *req, struct db *db, const struct room *r, bool present)
{
    struct db_stmt *st = db_prepare(db, "SELECT id, show_results, EXISTS (SELECT 1 FROM room_poll_voters v WHERE "
                                        "v.poll_id = p.id AND v.user_id = ?2) FROM room_polls p WHERE room_id = ?1 "
                                        "AND (?3 = 1 OR status <> 'draft') AND (?4 = 0 OR status = 'open') "
                                        "ORDER BY id DESC LIMIT 20");
    int64_t ids[20];
    bool voted[20], shown[20];
    size_t n = 0;
    if (st && !db_bind_int(st, 1, r->id) && !db_bind_int(st, 2, req->caller.user_id) &&
        !db_bind_int(st, 3, r->viewer.moderator && !present) && !db_bind_int(st, 4, present))
        while (n < (present ? 1u : 20u) && db_step(st) == DB_ROW) {
            ids[n] = db_col_int(st, 0);
            shown[n] = db_col_int(st, 1) != 0;
            voted[n++] = db_col_int(st, 2) != 0;
        }
    if (st)
        db_reset(st);
    json_t *list = json_array();
    bool moderator = r->viewer.moderator && !present;
    for (size_t i = 0; i < n; i++) {
        json_t *p = room_poll_json(db, ids[i], shown[i] || moderator);
        if (!p)
            continue;
        const char *status = json_string_value(json_object_get(p, "status"));
        json_object_set_new(p, "voted", json_boolean(voted[i]));
        json_object_set_new(p, "open", json_boolean(strcmp(status, "open") == 0));
        json_object_set_new(p, "draft", json_boolean(strcmp(status, "draft") == 0));
        json_object_set_new(p, "closed", json_boolean(strcmp(status, "closed") == 0));
        json_object_set_new(p, "results", json_boolean(shown[i] || moderator));
        json_object_set_new(p, "voters_label",
                            json_string(voters_label(json_integer_value(json_object_get(p, "voters")))));
        size_t k;
        json_t *o;
        json_array_foreach (json_object_get(p, "options"), k, o) {
            json_object_set_new(o, "votes_label",
                                json_string(votes_label(json_integer_value(json_object_get(o, "votes")))));
        }
        const char *base = arena_printf(req->arena, "/rooms/%lld/polls/%lld", (long long)r->id, (long long)ids[i]);
        json_object_set_new(p, "vote_url", json_string(arena_printf(req->arena, "%s/vote", base)));
        json_object_set_new(p, "state_url", json_string(arena_printf(req->arena, "%s/state", base)));
        json_array_append_new(list, p);
    }
    return list;
}

static json_t *chat_row(struct db_stmt *st, int64_t arg)
{
    (void)arg;
    return json_pack("{s:I, s:s, s:s, s:I}", "id", (json_int_t)db_col_int(st, 0), "author", db_col_text(st, 1), "body",
                     db_col_text(st, 2), "created_at", (json_int_t)db_col_int(st, 3));
}

/* The last 50 messages not hidden, oldest first. */
static json_t *chat(struct request *req, struct db *db, const struct room *r)
{
    json_t *list =
        db_rows_json(db,
                     "SELECT * FROM (SELECT c.id, COALESCE(u.name, ''), c.body, c.created_at FROM room_chat c "
                     "LEFT JOIN users u ON u.id = c.user_id WHERE c.room_id = ?1 AND c.hidden = 0 "
                     "ORDER BY c.id DESC LIMIT 50) ORDER BY 1",
                     r->id, chat_row, r->id);
    size_t i;
    json_t *m;
    json_array_foreach (list, i, m) {
        json_object_set_new(m, "hide_url",
                            json_string(arena_printf(req->arena, "/rooms/%lld/chat/%lld/hide", (long long)r->id,
                                                     (long long)json_integer_value(json_object_get(m, "id")))));
        char when[64];
        timefmt_format(when, sizeof when, json_integer_value(json_object_get(m, "created_at")), r->tz, req->lang,
                       TIMEFMT_TIME);
        json_object_set_new(m, "time_label", json_string(when));
    }
    return list;
}

/* The strings room.js shows, in the page's language (a JSON text). */
static json_t *js_strings(void)
{
    json_t *s = json_pack(
        "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "anonymous", _("Anonymous"),
        "new_question", _("New question"), "new_message", _("New message"), "new_poll", _("New poll"), "now_answering",
        _("Now answering"), "error", _("That did not work: please reload the page and try again."), "pending",
        _("Awaiting approval"), "answered", _("Answered"), "hidden", _("Hidden by the moderators"), "vote", _("Vote"),
        "poll_thanks", _("You have answered this poll."), "hide", _("Hide"), "closed",
        _("This room is closed: it is kept as a read-only archive."), "opened", _("The room is open."));
    json_object_set_new(
        s, "poll_status",
        json_pack("{s:s, s:s, s:s}", "draft", _("Not open yet"), "open", _("Open"), "closed", _("Closed")));
    json_object_set_new(s, "mod_done",
                        json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "approve", _("Question approved."), "pin",
                                  _("Question pinned: now answering."), "answer", _("Question marked as answered."),
                                  "hide", _("Question hidden."), "merge", _("Question merged."), "unpin",
                                  _("Question unpinned.")));
    json_object_set_new(s, "votes_forms", json_pack("{s:s, s:s}", "one", votes_label(1), "other", votes_label(2)));
    json_object_set_new(s, "voters_forms", json_pack("{s:s, s:s}", "one", voters_label(1), "other", voters_label(2)));
    json_object_set_new(s, "poll_actions",
                        json_pack("{s:s, s:s, s:s, s:s}", "open", _("Open the poll"), "close", _("Close the poll"),
                                  "show", _("Show the results"), "hide", _("Hide the results")));
    json_object_set_new(
        s, "langs", json_pack("{s:s, s:s, s:s}", "en", lang_name("en"), "fr", lang_name("fr"), "es", lang_name("es")));
    json_t *reasons = json_object();
    for (const char *const *c = room_hide_reasons; *c; c++)
        json_object_set_new(reasons, *c, json_string(room_hide_reason_label(*c)));
    json_object_set_new(reasons, "duplicate", json_string(room_hide_reason_label("duplicate")));
    json_object_set_new(s, "reasons", reasons);
    json_t *log = json_object();
    for (const char *const *c = room_hide_reasons; *c; c++) {
        char key[40];
        snprintf(key, sizeof key, "hide:%s", *c);
        json_object_set_new(log, key, json_sprintf(_("Questions hidden: %s"), room_hide_reason_label(*c)));
    }
    json_object_set_new(log, "merge:duplicate", json_string(_("Duplicate questions merged into another")));
    json_object_set_new(log, "hide_message:", json_string(_("Chat messages hidden")));
    json_object_set_new(s, "log", log);
    char *text = json_dumps(s, JSON_COMPACT);
    json_decref(s);
    json_t *out = json_string(text ? text : "{}");
    json_arena_free_text(text);
    return out;
}

static json_t *room_info(struct request *req, const struct room *r)
{
    static const char *const states[] = {"not_yet", "open", "closed"};
    json_t *room =
        json_pack("{s:I, s:s, s:s, s:s, s:s, s:b, s:b, s:b, s:b, s:b}", "id", (json_int_t)r->id, "url",
                  arena_printf(req->arena, "/rooms/%lld", (long long)r->id), "present_url",
                  arena_printf(req->arena, "/rooms/%lld/present", (long long)r->id), "stream_url",
                  arena_printf(req->arena, "/rooms/%lld/stream", (long long)r->id), "state", states[r->state], "open",
                  r->state == ROOM_OPEN, "closed", r->state == ROOM_CLOSED, "not_yet", r->state == ROOM_NOT_YET,
                  "premoderation", r->premoderation, "chat_enabled", r->chat_enabled);
    if (r->opens_at) {
        char when[TIMEFMT_MAX], date[16], time_[8];
        timefmt_format(when, sizeof when, r->opens_at, r->tz, req->lang, TIMEFMT_DATETIME);
        json_object_set_new(room, "opens_label", json_string(when));
        organise_local_fields(r->opens_at, r->tz, date, time_);
        json_object_set_new(room, "opens_date", json_string(date));
        json_object_set_new(room, "opens_time", json_string(time_));
    }
    json_object_set_new(room, "tz", json_string(r->tz));
    return room;
}

/* The ask form: what was posted, else the page's language. */
static json_t *ask_form(struct request *req)
{
    const char *lang = request_form(req, "language");
    if (!lang || !*lang)
        lang = i18n_code(req->lang);
    json_t *langs = json_array();
    static const char *const codes[] = {"en", "fr", "es"};
    for (size_t i = 0; i < 3; i++)
        json_array_append_new(langs, json_pack("{s:s, s:s, s:b}", "code", codes[i], "name", lang_name(codes[i]),
                                               "selected", strcmp(codes[i], lang) == 0));
    const char *anon = request_form(req, "anonymous");
    const char *body = request_form(req, "body"), *message = request_form(req, "message");
    return json_pack("{s:s, s:o, s:b, s:s}", "body", body ? body : "", "languages", langs, "anonymous", anon && *anon,
                     "message", message ? message : "");
}

/* The language filter's and sort's links. */
static void filters(struct request *req, const struct room *r, json_t *view, bool by_time, const char *lang)
{
    const char *base = arena_printf(req->arena, "/rooms/%lld", (long long)r->id);
    const char *lq = *lang ? arena_printf(req->arena, "&language=%s", lang) : "";
    json_object_set_new(view, "sort",
                        json_pack("{s:b, s:s, s:s}", "by_time", by_time, "votes_url",
                                  arena_printf(req->arena, "%s?sort=votes%s#questions", base, lq), "time_url",
                                  arena_printf(req->arena, "%s?sort=time%s#questions", base, lq)));
    json_t *list = json_array();
    static const char *const codes[] = {"", "en", "fr", "es"};
    for (size_t i = 0; i < 4; i++)
        json_array_append_new(
            list, json_pack("{s:s, s:s, s:b}", "name", *codes[i] ? lang_name(codes[i]) : _("All languages"), "url",
                            arena_printf(req->arena, "%s?sort=%s%s%s#questions", base, by_time ? "time" : "votes",
                                         *codes[i] ? "&language=" : "", codes[i]),
                            "current", strcmp(codes[i], lang) == 0));
    json_object_set_new(view, "language_filter", list);
}

/* The question that room.js copies for one that arrives live: every
 * attribute that names it holds "__ID__". */
static json_t *question_template(struct request *req, const struct room *r)
{
    const char *base = arena_printf(req->arena, "/rooms/%lld/questions/__ID__", (long long)r->id);
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:s, s:s, s:s, s:s}", "id",
                     "__ID__", "body", "", "lang", "en", "lang_name", "", "author", "", "status", "visible", "votes", 0,
                     "voted", 0, "mine", 0, "pending", 0, "hidden", 0, "answered", 0, "pinned", 0, "anonymous", 0,
                     "votes_label", votes_label(0), "vote_url", arena_printf(req->arena, "%s/vote", base), "unvote_url",
                     arena_printf(req->arena, "%s/unvote", base), "moderate_url",
                     arena_printf(req->arena, "%s/moderate", base));
}

json_t *room_view(struct request *req, const struct room *r, bool present)
{
    struct db *db = db_get();
    if (!db)
        return NULL;
    const char *sort = request_query(req, "sort"), *lang = request_query(req, "language");
    bool by_time = sort && strcmp(sort, "time") == 0;
    enum lang parsed;
    if (!lang || !i18n_parse(lang, &parsed))
        lang = "";
    json_t *view = json_object();
    titles(req, db, r, view);
    json_object_set_new(view, "room", room_info(req, r));
    json_t *qs = questions(req, db, r, by_time && !present, present ? "" : lang, present ? 200 : 500);
    json_t *log = room_log_counts(db, r->id);
    if (!qs || !log) {
        json_decref(qs);
        json_decref(log);
        json_decref(view);
        return NULL;
    }
    json_t *pinned = json_null();
    size_t i;
    json_t *q;
    json_array_foreach (qs, i, q) {
        if (json_is_true(json_object_get(q, "pinned")))
            pinned = json_incref(q);
    }
    json_object_set_new(view, "pinned", pinned);
    if (present) {
        json_object_set_new(view, "questions", room_present_questions(qs));
        json_decref(qs);
    } else {
        if (r->viewer.moderator)
            room_queue_view(view, qs);
        json_object_set_new(view, "questions", qs);
    }
    json_object_set_new(view, "moderator", json_boolean(r->viewer.moderator));
    json_object_set_new(view, "present", json_boolean(present));
    /* The live stream starts after what this page shows. */
    int64_t last = 0;
    db_one_int(db, "SELECT MAX(id) FROM room_events WHERE room_id = ?", &last, "i", r->id);
    json_object_set_new(view, "last_event_id", json_integer(last));
    json_object_set_new(view, "room_js", json_string(static_url("room.js") ? static_url("room.js") : ""));
    json_object_set_new(view, "js_strings", js_strings());
    json_object_set_new(view, "polls", polls(req, db, r, present));
    if (present) {
        json_decref(log);
        return view;
    }
    json_object_set_new(view, "log", log);
    json_object_set_new(view, "chat", chat(req, db, r));
    json_object_set_new(view, "ask", ask_form(req));
    filters(req, r, view, by_time, lang);
    json_object_set_new(view, "question_template", question_template(req, r));
    json_object_set_new(view, "signed_in", json_boolean(req->caller.user_id != 0));
    json_object_set_new(view, "manages_event", json_boolean(r->manages_event));
    if (req->caller.user_id)
        json_object_set_new(view, "csrf", json_string(session_csrf(req)));
    json_t *reasons = json_array();
    for (const char *const *c = room_hide_reasons; *c; c++)
        json_array_append_new(reasons, json_pack("{s:s, s:s}", "code", *c, "label", room_hide_reason_label(*c)));
    json_object_set_new(view, "hide_reasons", reasons);
    json_object_set_new(view, "signin_next",
                        json_string(arena_printf(req->arena, "/signin?next=%%2Frooms%%2F%lld", (long long)r->id)));
    return view;
}
