/* Page handlers for organisations: list, page, create and edit. Each:
 * permission (route table, then ownership here) → parameters → SQL → view
 * object → page_render. */
#include "orgs/org_pages.h"

#include <string.h>

#include "core/log.h"
#include "db/db.h"
#include "http/router.h"
#include "orgs/orgs.h"
#include "profiles/code_lists.h"
#include "profiles/form_values.h"
#include "view/form.h"
#include "view/page.h"

#define ORGS_PAGE 30

static const char *const org_fields[] = {"name", "type", "website", "description"};
static const char *const invite_fields[] = {"email"};

static bool same(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* The countries of organisation id, as [{code, name}] for req's language. */
static json_t *org_countries(struct request *req, struct db *db, int64_t id)
{
    json_t *codes = org_country_codes(db, id);
    json_t *names = codes ? country_names(req->lang, codes) : NULL;
    json_decref(codes);
    return names;
}

/* Up to ORGS_PAGE organisations before before_id (0: the newest) into list;
 * *next is where the following page starts (0: none). 0 or -1. */
static int orgs_query(struct request *req, struct db *db, int64_t before_id, json_t *list, int64_t *next)
{
    struct db_stmt *st = db_prepare(db, "SELECT id, slug, name, type FROM organisations WHERE (?1 = 0 OR id < ?1) "
                                        "ORDER BY id DESC LIMIT ?2");
    if (!st)
        return -1;
    db_bind_int(st, 1, before_id);
    db_bind_int(st, 2, ORGS_PAGE + 1);
    *next = 0;
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (json_array_size(list) == ORGS_PAGE) {
            *next = json_integer_value(json_object_get(json_array_get(list, ORGS_PAGE - 1), "id"));
            break;
        }
        const char *slug = db_col_text(st, 1), *type = db_col_text(st, 3);
        json_array_append_new(list,
                              json_pack("{s:I, s:s, s:s, s:s, s:s?}", "id", (json_int_t)db_col_int(st, 0), "slug", slug,
                                        "url", arena_printf(req->arena, "/orgs/%s", slug), "name", db_col_text(st, 2),
                                        "type_label", choice_label(org_types, norg_types, type)));
    }
    db_reset(st);
    if (rc == DB_ERROR)
        return -1;
    size_t i;
    json_t *org;
    json_array_foreach (list, i, org) {
        json_t *countries = org_countries(req, db, json_integer_value(json_object_get(org, "id")));
        if (!countries)
            return -1;
        json_object_set_new(org, "countries", countries);
    }
    return 0;
}

/*
 * GET /orgs : every organisation, newest first, ORGS_PAGE at a time.
 *   before   continue with the organisations created before this number
 */
void page_orgs(struct request *req)
{
    const char *before = request_query(req, "before");
    int64_t before_id = before && *before ? id_parse(before) : 0;
    if (before && *before && !before_id) {
        page_error(req, 400);
        return;
    }
    struct db *db = db_get();
    json_t *list = json_array();
    int64_t next = 0;
    if (!db || orgs_query(req, db, before_id, list, &next)) {
        json_decref(list);
        page_error(req, 500);
        return;
    }
    json_t *data = json_pack("{s:s, s:s, s:o, s:b}", "title", _("Organisations"), "intro",
                             _("Diaspora organisations and the institutions, networks and companies that work with "
                               "them."),
                             "orgs", list, "signed_in", req->caller.user_id != 0);
    if (next)
        json_object_set_new(data, "next_url",
                            json_string(arena_printf(req->arena, "/orgs?before=%lld", (long long)next)));
    if (before_id)
        json_object_set_new(data, "first_url", json_string("/orgs"));
    page_render(req, 200, "org_list", data);
}

/* The members of org_id that the caller may see, owners first: everyone for
 * those who manage the organisation, otherwise those whose profile the
 * caller may see (and the caller). *hidden counts the others. NULL on error. */
static json_t *org_members_view(struct request *req, struct db *db, int64_t org_id, const char *slug, bool manager,
                                int owners, int *hidden)
{
    struct db_stmt *st = db_prepare(db, "SELECT m.user_id, m.role, u.name, p.display_name, p.visibility, "
                                        "u.disabled_at IS NULL FROM org_members m JOIN users u ON u.id = m.user_id "
                                        "LEFT JOIN profiles p ON p.user_id = m.user_id "
                                        "WHERE m.org_id = ? AND u.deleted_at IS NULL "
                                        "ORDER BY CASE m.role WHEN 'owner' THEN 0 ELSE 1 END, m.joined_at, m.user_id");
    if (!st)
        return NULL;
    db_bind_int(st, 1, org_id);
    json_t *list = json_array();
    *hidden = 0;
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t id = db_col_int(st, 0);
        const char *role = db_col_text(st, 1);
        bool me = id == req->caller.user_id, owner = same(role, "owner"), active = db_col_int(st, 5) != 0;
        bool profile = active && !db_col_is_null(st, 4) && profile_may_see(db_col_text(st, 4), id, req->caller.user_id);
        if (!profile && !me && !manager) {
            (*hidden)++;
            continue;
        }
        const char *name = profile ? db_col_text(st, 3) : db_col_text(st, 2);
        json_t *m = json_pack("{s:I, s:s, s:s, s:s?, s:b}", "id", (json_int_t)id, "name", name, "role", role,
                              "role_label", choice_label(org_roles, norg_roles, role), "me", me);
        if (profile)
            json_object_set_new(m, "url", json_string(arena_printf(req->arena, "/people/%lld", (long long)id)));
        bool last_owner = owner && owners <= 1;
        const char *base = arena_printf(req->arena, "/orgs/%s/members/%lld", slug, (long long)id);
        if ((manager || me) && !last_owner) {
            json_object_set_new(m, "remove_url", json_string(arena_printf(req->arena, "%s/remove", base)));
            json_object_set_new(m, "remove_label", json_string(me ? _("Leave the organisation") : _("Remove")));
        }
        if (manager && (!owner || !last_owner)) {
            json_object_set_new(m, "role_url", json_string(arena_printf(req->arena, "%s/role", base)));
            json_object_set_new(m, "new_role", json_string(owner ? "member" : "owner"));
            /* TRANSLATORS: buttons that change someone's role in an organisation. */
            json_object_set_new(m, "role_action", json_string(owner ? _("Make a member") : _("Make an owner")));
        }
        json_array_append_new(list, m);
    }
    db_reset(st);
    if (rc == DB_ERROR) {
        json_decref(list);
        return NULL;
    }
    return list;
}

/* The notice for ?done=… after a redirect, or NULL. */
static const char *org_notice(struct request *req)
{
    static const struct {
        const char *key, *text;
    } notices[] = {
        {"created", N_("The organisation has been created. You are its owner.")},
        {"saved", N_("The changes have been saved.")},
        {"invited", N_("The invitation is on its way. The link in it works once, for 14 days.")},
        {"joined", N_("Welcome! You are now a member of this organisation.")},
        {"left", N_("You have left this organisation.")},
        {"removed", N_("The member has been removed.")},
        {"role", N_("The role has been changed.")},
    };
    const char *done = request_query(req, "done");
    for (size_t i = 0; done && i < sizeof notices / sizeof notices[0]; i++)
        if (strcmp(done, notices[i].key) == 0)
            return _(notices[i].text);
    return NULL;
}

void org_page_render(struct request *req, unsigned status, const char *field, const char *message)
{
    struct db *db = db_get();
    bool error = true;
    json_t *org = db ? org_load(req, db, request_param(req, "slug"), &error) : NULL;
    if (!org) {
        page_error(req, error ? 500 : 404);
        return;
    }
    int64_t id = json_integer_value(json_object_get(org, "id"));
    enum org_role role = org_role_of(db, id, req->caller.user_id);
    bool manager = org_may_manage(req, db, id);
    int owners = org_owner_count(db, id), hidden = 0;
    json_t *members = owners < 0 ? NULL
                                 : org_members_view(req, db, id, json_string_value(json_object_get(org, "slug")),
                                                    manager, owners, &hidden);
    if (!members) {
        json_decref(org);
        page_error(req, 500);
        return;
    }
    /* Visitors get no form, hence no token cookie, so their page can be cached. */
    json_t *page = req->caller.user_id ? FORM_PAGE(req, json_string_value(json_object_get(org, "name")), invite_fields)
                                       : json_pack("{s:O}", "title", json_object_get(org, "name"));
    json_object_set_new(page, "org", org);
    json_object_set_new(page, "members", members);
    json_object_set_new(page, "is_owner", json_boolean(role == ORG_OWNER));
    json_object_set_new(page, "can_manage", json_boolean(manager));
    json_object_set_new(page, "is_member", json_boolean(role != ORG_NONE));
    if (hidden)
        json_object_set_new(
            page, "hidden_members",
            json_string(arena_printf(req->arena,
                                     ngettext("and %d member who does not show a profile to you",
                                              "and %d members who do not show a profile to you", (unsigned long)hidden),
                                     hidden)));
    if (manager)
        json_object_set_new(
            page, "edit_url",
            json_string(arena_printf(req->arena, "/orgs/%s/edit", json_string_value(json_object_get(org, "slug")))));
    const char *notice = message ? NULL : org_notice(req);
    if (notice)
        json_object_set_new(page, "notice", json_string(notice));
    if (message) {
        form_error(page, field, message);
        page_render(req, status, "org", page);
        return;
    }
    page_render(req, req->status == 403 ? 403 : status, "org", page);
}

/*
 * GET /orgs/{slug} : an organisation, its members as each viewer may see
 * them, and for its owners the invitation form and member management.
 *   done   what was just done (created, saved, invited, joined, left,
 *          removed, role): shows a notice
 * Also renders refused membership posts (bad CSRF token).
 */
void page_org(struct request *req)
{
    org_page_render(req, 200, NULL, NULL);
}

/* Completes an organisation form page: types and countries to pick from. */
static void add_org_choices(struct request *req, json_t *page, const json_t *countries)
{
    const char *type = json_string_value(json_object_get(json_object_get(page, "form"), "type"));
    json_t *types = json_array();
    for (size_t i = 0; i < norg_types; i++)
        json_array_append_new(types, json_pack("{s:s, s:s, s:b}", "value", org_types[i].value, "label",
                                               _(org_types[i].label), "selected", same(type, org_types[i].value)));
    json_object_set_new(page, "types", types);
    json_object_set_new(page, "country_options", country_options(req->lang, countries));
}

/* Reads and checks the posted organisation into in, marking errors on page.
 * *countries receives a new array of codes. */
static void read_org_input(struct request *req, json_t *page, struct org_input *in, json_t **countries)
{
    *countries = form_values(req, "countries");
    in->name = text_squeeze(req->arena, form_text(req, "name"));
    in->type = form_text(req, "type");
    in->website = form_text(req, "website");
    in->description = form_text(req, "description");
    in->countries = *countries;
    if (!*in->name)
        form_error(page, "name", _("Please enter the organisation's name."));
    else if (utf8_length(in->name) > ORG_NAME_MAX)
        form_error(page, "name", _("Please use at most 120 characters."));
    if (!choice_label(org_types, norg_types, in->type))
        form_error(page, "type", _("Please choose the kind of organisation."));
    if (*in->website && !org_website_valid(in->website))
        form_error(page, "website", _("Please enter a full web address starting with https:// or http://."));
    size_t i;
    json_t *v;
    json_array_foreach (*countries, i, v)
        if (!country_valid(json_string_value(v))) {
            form_error(page, "countries", _("Please choose countries from the list."));
            break;
        }
    if (utf8_length(in->description) > ORG_DESCRIPTION_MAX)
        form_error(page, "description", _("Please shorten the description to at most 8,000 characters."));
}

/*
 * GET /orgs/new : the form to create an organisation (signed-in members).
 * Also renders a refused POST with what was typed.
 */
void page_org_new_form(struct request *req)
{
    json_t *page = FORM_PAGE(req, _("Create an organisation"), org_fields);
    json_t *countries = form_values(req, "countries");
    json_object_set_new(page, "action", json_string("/orgs/new"));
    add_org_choices(req, page, countries);
    json_decref(countries);
    form_render(req, "org_form", page);
}

/*
 * POST /orgs/new : creates an organisation; its creator becomes its owner.
 *   name          required, at most ORG_NAME_MAX characters
 *   type          one of org_types
 *   countries     country codes where it operates (repeated)
 *   website       "" or an http(s) address
 *   description   Markdown, at most ORG_DESCRIPTION_MAX characters
 */
void page_org_new(struct request *req)
{
    json_t *page = FORM_PAGE(req, _("Create an organisation"), org_fields), *countries;
    struct org_input in;
    read_org_input(req, page, &in, &countries);
    if (form_has_errors(page)) {
        json_object_set_new(page, "action", json_string("/orgs/new"));
        add_org_choices(req, page, countries);
        json_decref(countries);
        form_render(req, "org_form", page);
        return;
    }
    json_decref(page);
    struct db *db = db_get();
    const char *slug = NULL;
    if (!db || db_begin(db)) {
        json_decref(countries);
        page_error(req, 500);
        return;
    }
    slug = org_slug_new(req, db, in.name);
    if (!slug || org_create(db, slug, &in, req->caller.user_id) < 0 || db_commit(db)) {
        db_rollback(db);
        json_decref(countries);
        log_event(LOG_ERROR, req->id, "organisation not created", NULL);
        page_error(req, 500);
        return;
    }
    json_decref(countries);
    request_redirect(req, arena_printf(req->arena, "/orgs/%s?done=created", slug));
}

/* The organisation of the route's {slug} when the caller may manage it;
 * else answers 404, 403 or 500 and returns NULL. */
static json_t *managed_org(struct request *req, struct db *db)
{
    bool error = true;
    json_t *org = db ? org_load(req, db, request_param(req, "slug"), &error) : NULL;
    if (!org) {
        page_error(req, error ? 500 : 404);
        return NULL;
    }
    if (!org_may_manage(req, db, json_integer_value(json_object_get(org, "id")))) {
        json_decref(org);
        page_error(req, 403);
        return NULL;
    }
    return org;
}

static void render_edit(struct request *req, json_t *page, json_t *org, const json_t *countries)
{
    json_object_set_new(
        page, "action",
        json_string(arena_printf(req->arena, "/orgs/%s/edit", json_string_value(json_object_get(org, "slug")))));
    json_object_set_new(page, "org", org);
    add_org_choices(req, page, countries);
    form_render(req, "org_form", page);
}

/*
 * GET /orgs/{slug}/edit : the organisation's details as a form (owners).
 * Also renders a refused POST with what was typed.
 */
void page_org_edit_form(struct request *req)
{
    json_t *org = managed_org(req, db_get());
    if (!org)
        return;
    json_t *page = FORM_PAGE(req, _("Edit the organisation"), org_fields), *countries;
    if (req->method == HTTP_POST) {
        countries = form_values(req, "countries");
    } else {
        json_t *form = json_object_get(page, "form");
        for (size_t i = 0; i < sizeof org_fields / sizeof org_fields[0]; i++)
            json_object_set(form, org_fields[i], json_object_get(org, org_fields[i]));
        countries = json_incref(json_object_get(org, "country_codes"));
    }
    render_edit(req, page, org, countries);
    json_decref(countries);
}

/*
 * POST /orgs/{slug}/edit : saves the organisation's details (owners); the
 * slug, and so its address, stays. Fields as for POST /orgs/new.
 */
void page_org_edit(struct request *req)
{
    struct db *db = db_get();
    json_t *org = managed_org(req, db);
    if (!org)
        return;
    json_t *page = FORM_PAGE(req, _("Edit the organisation"), org_fields), *countries;
    struct org_input in;
    read_org_input(req, page, &in, &countries);
    if (form_has_errors(page)) {
        render_edit(req, page, org, countries);
        json_decref(countries);
        return;
    }
    json_decref(page);
    const char *slug = arena_strdup(req->arena, json_string_value(json_object_get(org, "slug")));
    int64_t id = json_integer_value(json_object_get(org, "id"));
    json_decref(org);
    if (db_begin(db)) {
        json_decref(countries);
        page_error(req, 500);
        return;
    }
    /* Checked again under the write lock: ownership may have changed since. */
    if (!org_may_manage(req, db, id)) {
        db_rollback(db);
        json_decref(countries);
        page_error(req, 403);
        return;
    }
    bool ok = org_update(db, id, &in) == 0 && db_commit(db) == 0;
    json_decref(countries);
    if (!ok) {
        db_rollback(db);
        page_error(req, 500);
        return;
    }
    request_redirect(req, arena_printf(req->arena, "/orgs/%s?done=saved", slug));
}
