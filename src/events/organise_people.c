/* Speakers and moderators of a session, on its organiser page: the list,
 * adding a member (found by email) or a named guest with affiliation and
 * a short bio per language, removing one and changing their order. */
#include <stdio.h>
#include <string.h>

#include "accounts/users.h"
#include "events/organise.h"
#include "events/organise_pages.h"
#include "events/organise_parse.h"
#include "profiles/form_values.h"
#include "view/form.h"
#include "view/page.h"

static const char *const person_fields[] = {"role", "name", "affiliation", "email", "bio_en", "bio_fr", "bio_es"};

#define AFFILIATION_MAX 200

/* A row of the people query; columns 5.. say which languages have a bio (organise_langs order). */
static json_t *person_row(struct db_stmt *st, int64_t arg)
{
    (void)arg;
    const char *role = db_col_text(st, 1);
    const char *label = choice_label(organise_roles, norganise_roles, role);
    char bios[128] = "";
    for (int k = 0; k < ORGANISE_NLANGS; k++)
        if (db_col_int(st, 5 + k))
            snprintf(bios + strlen(bios), sizeof bios - strlen(bios), "%s%s", *bios ? ", " : "",
                     organise_lang_name(organise_langs[k]));
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)db_col_int(st, 0), "role", role,
                     "role_label", label ? label : role, "name", db_col_text(st, 2), "affiliation", db_col_text(st, 3),
                     "email", db_col_text(st, 4), "bio_langs", bios);
}

bool organise_people_view(struct request *req, struct db *db, const struct event_ref *ev, int64_t session_id,
                          json_t *page, json_t *person_form)
{
    json_t *people = db_rows_json(db,
                                  "SELECT p.id, p.role, p.name, p.affiliation, COALESCE(u.email, ''), "
                                  "EXISTS (SELECT 1 FROM session_people_texts t WHERE t.person_id = p.id "
                                  "AND t.lang = 'en' AND t.bio <> ''), "
                                  "EXISTS (SELECT 1 FROM session_people_texts t WHERE t.person_id = p.id "
                                  "AND t.lang = 'fr' AND t.bio <> ''), "
                                  "EXISTS (SELECT 1 FROM session_people_texts t WHERE t.person_id = p.id "
                                  "AND t.lang = 'es' AND t.bio <> '') "
                                  "FROM session_people p LEFT JOIN users u ON u.id = p.user_id "
                                  "WHERE p.session_id = ? ORDER BY p.position, p.id",
                                  session_id, person_row, 0);
    if (!people) {
        json_decref(person_form);
        return false;
    }
    const char *base = arena_printf(req->arena, "/events/%s/sessions/%lld/people", ev->slug, (long long)session_id);
    size_t i, n = json_array_size(people);
    json_t *p;
    json_array_foreach (people, i, p) {
        long long id = (long long)json_integer_value(json_object_get(p, "id"));
        json_object_set_new(p, "move_url", json_string(arena_printf(req->arena, "%s/%lld/move", base, id)));
        json_object_set_new(p, "remove_url", json_string(arena_printf(req->arena, "%s/%lld/remove", base, id)));
        json_object_set_new(p, "label", json_incref(json_object_get(p, "name")));
        json_object_set_new(p, "first", json_boolean(i == 0));
        json_object_set_new(p, "last", json_boolean(i + 1 == n));
    }
    if (!person_form)
        person_form = ORGANISE_SUBFORM(req, person_fields);
    const char *role = json_string_value(json_object_get(json_object_get(person_form, "form"), "role"));
    json_t *bios = json_array();
    for (int k = 0; k < ORGANISE_NLANGS; k++) {
        const char *code = organise_langs[k], *field = arena_printf(req->arena, "bio_%s", code);
        const char *v = json_string_value(json_object_get(json_object_get(person_form, "form"), field));
        const char *e = json_string_value(json_object_get(json_object_get(person_form, "errors"), field));
        json_array_append_new(bios, json_pack("{s:s, s:s, s:s, s:s}", "code", code, "name", organise_lang_name(code),
                                              "value", v ? v : "", "error", e ? e : ""));
    }
    json_object_set_new(person_form, "bios", bios);
    json_object_set_new(person_form, "role_options",
                        organise_options(organise_roles, norganise_roles, role && *role ? role : "speaker"));
    json_object_set_new(page, "people", people);
    json_object_set_new(page, "person_form", person_form);
    return true;
}

/* Reads the posted person, marking mistakes on form; the account found by
 * the email goes into *user_id (0: a guest). false on a database error. */
static bool read_person(struct request *req, struct db *db, json_t *form, int64_t *user_id, const char **name,
                        const char **affiliation, const char *bios[ORGANISE_NLANGS])
{
    *user_id = 0;
    const char *role = form_text(req, "role"), *email = form_text(req, "email");
    *name = text_squeeze(req->arena, form_text(req, "name"));
    *affiliation = text_squeeze(req->arena, form_text(req, "affiliation"));
    if (!choice_label(organise_roles, norganise_roles, role))
        form_error(form, "role", _("Please choose speaker or moderator."));
    char normal[255];
    if (*email && !user_email_normalise(email, normal)) {
        form_error(form, "email", _("Please enter an email address, such as name@example.org."));
    } else if (*email) {
        int found =
            db_one_int(db, "SELECT id FROM users WHERE email = ? AND deleted_at IS NULL AND disabled_at IS NULL",
                       user_id, "t", normal);
        if (found < 0)
            return false;
        if (!found)
            form_error(form, "email", _("No member of the hub has this address. Leave it empty to add a guest."));
    }
    if (!**name && *user_id) {
        struct db_stmt *st = db_prepare(db, "SELECT name FROM users WHERE id = ?");
        if (!st)
            return false;
        db_bind_int(st, 1, *user_id);
        if (db_step(st) == DB_ROW)
            *name = arena_strdup(req->arena, db_col_text(st, 0));
        db_reset(st);
    }
    if (!**name)
        form_error(form, "name", _("Please enter the person's name."));
    else if (utf8_length(*name) > ORGANISE_NAME_MAX)
        form_error(form, "name", _("Please use at most 120 characters."));
    if (utf8_length(*affiliation) > AFFILIATION_MAX)
        form_error(form, "affiliation", _("Please use at most 200 characters."));
    for (int k = 0; k < ORGANISE_NLANGS; k++) {
        const char *field = arena_printf(req->arena, "bio_%s", organise_langs[k]);
        bios[k] = form_text(req, field);
        if (utf8_length(bios[k]) > ORGANISE_BIO_MAX)
            form_error(form, field, _("Please keep the bio to at most 1,000 characters."));
    }
    return true;
}

/* The session's page, where its people are: an arena path. */
static const char *session_url(struct request *req, const struct event_ref *ev, int64_t session_id)
{
    return arena_printf(req->arena, "/events/%s/sessions/%lld/edit", ev->slug, (long long)session_id);
}

/*
 * POST /events/{slug}/sessions/{id}/people : adds a speaker or moderator
 * at the end of the session's list.
 *   role          speaker or moderator
 *   name          required unless email finds a member (then their name)
 *   affiliation   optional, at most AFFILIATION_MAX characters
 *   email         optional: links the person to that member's account
 *   bio_XX        a short bio per language (en, fr, es), optional
 * Redirects to the session's page; mistakes show it with the form filled in.
 */
void page_session_person_add(struct request *req)
{
    struct event_ref ev;
    int64_t session_id = organise_require_item(req, &ev, &organise_session_list);
    if (!session_id)
        return;
    struct db *db = db_get();
    json_t *form = ORGANISE_SUBFORM(req, person_fields);
    int64_t user_id;
    const char *name, *affiliation, *bios[ORGANISE_NLANGS];
    if (!read_person(req, db, form, &user_id, &name, &affiliation, bios)) {
        json_decref(form);
        page_error(req, 500);
        return;
    }
    if (form_has_errors(form)) {
        organise_session_render(req, &ev, session_id, NULL, form, false);
        return;
    }
    json_decref(form);
    int rc =
        db_begin(db) ||
        db_run(
            db,
            "INSERT INTO session_people (session_id, position, role, user_id, name, affiliation) VALUES "
            "(?1, (SELECT COALESCE(MAX(position) + 1, 0) FROM session_people WHERE session_id = ?1), ?2, ?3, ?4, ?5)",
            "itntt", session_id, form_text(req, "role"), user_id, name, affiliation);
    int64_t id = rc ? 0 : db_last_id(db);
    for (int k = 0; !rc && k < ORGANISE_NLANGS; k++)
        if (*bios[k])
            rc = db_run(db, "INSERT INTO session_people_texts (person_id, lang, bio) VALUES (?, ?, ?)", "itt", id,
                        organise_langs[k], bios[k]);
    if (rc || organise_audit(db, req, "session_person_add", ev.slug, user_id, name) || db_commit(db)) {
        organise_fail(req, db, "session person not added");
        return;
    }
    request_redirect(req, arena_printf(req->arena, "%s?done=person_added#people", session_url(req, &ev, session_id)));
}

/* The person {person_id} of the route's session {id}, in an event the
 * caller manages (into *ev, the session into *session_id): its id, or 0
 * after answering (403, 404 or 500). */
static int64_t route_person(struct request *req, struct event_ref *ev, int64_t *session_id)
{
    *session_id = organise_require_item(req, ev, &organise_session_list);
    if (!*session_id)
        return 0;
    int64_t id = id_parse(request_param(req, "person_id"));
    int found = id ? db_one_int(db_get(), "SELECT 1 FROM session_people WHERE id = ? AND session_id = ?", NULL, "ii",
                                id, *session_id)
                   : 0;
    return organise_found(req, found, id);
}

/*
 * POST /events/{slug}/sessions/{id}/people/{person_id}/remove : removes
 * the person from the session.
 */
void page_session_person_remove(struct request *req)
{
    struct event_ref ev;
    int64_t session_id, id = route_person(req, &ev, &session_id);
    if (id)
        organise_item_remove(req, &ev, &organise_person_list, id, session_url(req, &ev, session_id));
}

/*
 * POST /events/{slug}/sessions/{id}/people/{person_id}/move : moves the
 * person a place in the session's list.
 *   direction   up or down (else 400)
 */
void page_session_person_move(struct request *req)
{
    struct event_ref ev;
    int64_t session_id, id = route_person(req, &ev, &session_id);
    if (id)
        organise_item_move(req, &ev, &organise_person_list, session_id, id, session_url(req, &ev, session_id));
}
