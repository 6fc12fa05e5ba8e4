/* Page handlers for profiles: the edit form, a person's page and the
 * directory. Each: permission (route table) → parameters → SQL → view
 * object → page_render. Who may see a profile is decided here, per
 * profile, with profile_may_see(). */
#include "profiles/profile_pages.h"

#include <string.h>

#include "core/log.h"
#include "db/db.h"
#include "http/router.h"
#include "orgs/orgs.h"
#include "profiles/code_lists.h"
#include "profiles/form_values.h"
#include "profiles/profiles.h"
#include "view/form.h"
#include "view/page.h"

#define DIRECTORY_PAGE 24

static const char *const profile_fields[] = {"display_name", "stakeholder_group", "expertise",
                                             "bio",          "visibility",        "in_directory"};

static bool same(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* [{value, label, selected}] for a <select>, with `chosen` selected. */
static json_t *select_options(const struct choice *choices, size_t n, const char *chosen)
{
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, json_pack("{s:s, s:s, s:b}", "value", choices[i].value, "label",
                                              _(choices[i].label), "selected", same(chosen, choices[i].value)));
    return list;
}

/* Completes a profile form page: the choices of every picker, with what
 * the form holds (or the arrays of codes given) marked as chosen. */
static void add_profile_choices(struct request *req, json_t *page, const json_t *origin, const json_t *residence,
                                const json_t *langs)
{
    json_t *form = json_object_get(page, "form");
    const char *group = json_string_value(json_object_get(form, "stakeholder_group"));
    const char *visibility = json_string_value(json_object_get(form, "visibility"));
    json_t *visibilities = json_array();
    for (size_t i = 0; i < nprofile_visibilities; i++)
        json_array_append_new(visibilities,
                              json_pack("{s:s, s:s, s:s, s:b}", "value", profile_visibilities[i].value, "label",
                                        _(profile_visibilities[i].label), "hint", _(profile_visibilities[i].hint),
                                        "checked", same(visibility, profile_visibilities[i].value)));
    json_object_set_new(page, "groups", select_options(stakeholder_groups, nstakeholder_groups, group));
    json_object_set_new(page, "visibilities", visibilities);
    json_object_set_new(page, "origin_options", country_options(req->lang, origin));
    json_object_set_new(page, "residence_options", country_options(req->lang, residence));
    json_object_set_new(page, "language_options", spoken_language_options(req->lang, langs));
    const char *listed = json_string_value(json_object_get(form, "in_directory"));
    json_object_set_new(page, "in_directory_checked", json_boolean(listed && *listed));
    json_object_set_new(page, "profile_url",
                        json_string(arena_printf(req->arena, "/people/%lld", (long long)req->caller.user_id)));
}

/* Puts the stored profile (or, when there is none yet, the account's name
 * and the private defaults) into the form page. Returns 0 or -1. */
static int fill_from_profile(struct request *req, json_t *page, json_t **origin, json_t **residence, json_t **langs)
{
    struct db *db = db_get();
    bool error = true;
    json_t *p = db ? profile_load(req, db, req->caller.user_id, &error) : NULL;
    if (error)
        return -1;
    json_t *form = json_object_get(page, "form");
    if (!p) {
        json_object_set_new(form, "display_name", json_string(req->caller.name ? req->caller.name : ""));
        json_object_set_new(form, "visibility", json_string("private"));
        *origin = json_array(), *residence = json_array(), *langs = json_array();
        return 0;
    }
    static const char *const copied[] = {"display_name", "stakeholder_group", "bio", "visibility"};
    for (size_t i = 0; i < sizeof copied / sizeof copied[0]; i++)
        json_object_set(form, copied[i], json_object_get(p, copied[i]));
    json_object_set_new(form, "in_directory", json_string(json_is_true(json_object_get(p, "in_directory")) ? "1" : ""));
    json_t *tags = json_object_get(p, "expertise");
    const char *joined = "";
    size_t i;
    json_t *v;
    json_array_foreach (tags, i, v)
        joined = arena_printf(req->arena, "%s%s%s", joined, i ? ", " : "", json_string_value(v));
    json_object_set_new(form, "expertise", json_string(joined));
    *origin = json_incref(json_object_get(p, "origin_codes"));
    *residence = json_incref(json_object_get(p, "residence_codes"));
    *langs = json_incref(json_object_get(p, "language_codes"));
    json_decref(p);
    return 0;
}

/*
 * GET /account/profile : the signed-in member's own profile, as a form.
 *   saved=1   the profile was just saved (after the POST's redirect): say so
 * Also renders a refused POST (bad CSRF token) with what was typed.
 */
void page_profile_edit_form(struct request *req)
{
    json_t *page = FORM_PAGE(req, _("Your profile"), profile_fields);
    json_t *origin, *residence, *langs;
    if (req->method == HTTP_POST) {
        origin = form_values(req, "origin"), residence = form_values(req, "residence");
        langs = form_values(req, "languages");
    } else if (fill_from_profile(req, page, &origin, &residence, &langs)) {
        json_decref(page);
        page_error(req, 500);
        return;
    }
    if (same(request_query(req, "saved"), "1") && req->method != HTTP_POST)
        json_object_set_new(page, "notice", json_string(_("Your profile has been saved.")));
    add_profile_choices(req, page, origin, residence, langs);
    json_decref(origin);
    json_decref(residence);
    json_decref(langs);
    form_render(req, "profile_edit", page);
}

/* Checks the posted countries of field: known codes, not too many. */
static void check_countries(json_t *page, const char *field, const json_t *codes)
{
    size_t i;
    json_t *v;
    json_array_foreach (codes, i, v)
        if (!country_valid(json_string_value(v))) {
            form_error(page, field, _("Please choose countries from the list."));
            return;
        }
    if (json_array_size(codes) > PROFILE_COUNTRIES_MAX)
        form_error(page, field, _("Please choose at most 20 countries."));
}

/*
 * POST /account/profile : saves the caller's profile, then back to the form.
 *   display_name       required, at most PROFILE_NAME_MAX characters
 *   stakeholder_group  one of stakeholder_groups, or "" (not said)
 *   origin, residence  country codes (repeated fields), at most 20 each
 *   languages          spoken language codes (repeated)
 *   expertise          comma-separated tags (see expertise_parse)
 *   bio                Markdown, at most PROFILE_BIO_MAX characters
 *   visibility         private | members | public
 *   in_directory       "1" to be listed in the directory
 */
void page_profile_edit(struct request *req)
{
    json_t *page = FORM_PAGE(req, _("Your profile"), profile_fields);
    json_t *origin = form_values(req, "origin"), *residence = form_values(req, "residence");
    json_t *langs = form_values(req, "languages");
    const char *name = text_squeeze(req->arena, form_text(req, "display_name"));
    const char *group = form_text(req, "stakeholder_group");
    const char *visibility = form_text(req, "visibility");
    const char *bio = form_text(req, "bio");
    const char *tags[EXPERTISE_MAX_TAGS], *bad_tag = NULL;
    size_t ntags = 0;

    if (!*name)
        form_error(page, "display_name", _("Please enter the name to show on your profile."));
    else if (utf8_length(name) > PROFILE_NAME_MAX)
        form_error(page, "display_name", _("Please use at most 100 characters."));
    if (*group && !choice_label(stakeholder_groups, nstakeholder_groups, group))
        form_error(page, "stakeholder_group", _("Please choose a group from the list."));
    check_countries(page, "origin", origin);
    check_countries(page, "residence", residence);
    size_t i;
    json_t *v;
    json_array_foreach (langs, i, v)
        if (!spoken_language_valid(json_string_value(v))) {
            form_error(page, "languages", _("Please choose languages from the list."));
            break;
        }
    switch (expertise_parse(req->arena, form_text(req, "expertise"), tags, &ntags, &bad_tag)) {
    case EXPERTISE_OK: break;
    case EXPERTISE_TOO_MANY: form_error(page, "expertise", _("Please give at most 20 areas of expertise.")); break;
    case EXPERTISE_TOO_LONG:
        form_error(page, "expertise",
                   arena_printf(req->arena, _("Each area of expertise may have at most 40 characters; “%s” is longer."),
                                bad_tag));
        break;
    }
    if (utf8_length(bio) > PROFILE_BIO_MAX)
        form_error(page, "bio", _("Please shorten your bio to at most 5,000 characters."));
    if (!choice_label(profile_visibilities, nprofile_visibilities, visibility))
        form_error(page, "visibility", _("Please choose who can see your profile."));

    if (form_has_errors(page)) {
        add_profile_choices(req, page, origin, residence, langs);
        form_render(req, "profile_edit", page);
        goto out;
    }
    struct profile_input in = {.display_name = name,
                               .stakeholder_group = group,
                               .bio = bio,
                               .visibility = visibility,
                               .in_directory = *form_text(req, "in_directory") != '\0',
                               .origin = origin,
                               .residence = residence,
                               .languages = langs,
                               .tags = tags,
                               .ntags = ntags};
    struct db *db = db_get();
    if (!db || db_begin(db)) {
        json_decref(page);
        page_error(req, 500);
        goto out;
    }
    if (profile_save(db, req->caller.user_id, &in) || db_commit(db)) {
        db_rollback(db);
        log_event(LOG_ERROR, req->id, "profile not saved", NULL);
        json_decref(page);
        page_error(req, 500);
        goto out;
    }
    json_decref(page);
    request_redirect(req, "/account/profile?saved=1");
out:
    json_decref(origin);
    json_decref(residence);
    json_decref(langs);
}

/* What its owner is told about who sees their profile. */
static const char *audience_note(const json_t *p)
{
    const char *visibility = json_string_value(json_object_get(p, "visibility"));
    bool listed = json_is_true(json_object_get(p, "in_directory"));
    if (same(visibility, "public"))
        return listed ? _("Everyone can see your profile, and it is listed in the directory.")
                      : _("Everyone who has the link can see your profile. It is not listed in the directory.");
    if (same(visibility, "members"))
        return listed ? _("Signed-in members can see your profile, and it is listed in the directory for them.")
                      : _("Signed-in members who have the link can see your profile. It is not listed in the "
                          "directory.");
    return _("Only you can see your profile.");
}

/*
 * GET /people/{id} : a person's profile, as its owner chose to show it.
 *   id   the account's number
 * A profile the caller may not see is answered exactly like one that does
 * not exist (404), so that its existence is not given away. Its owner, who
 * has no profile yet, is sent to the form.
 */
void page_person(struct request *req)
{
    int64_t id = id_parse(request_param(req, "id"));
    struct db *db = db_get();
    if (!id) {
        page_error(req, 404);
        return;
    }
    bool error = true;
    json_t *p = db ? profile_load(req, db, id, &error) : NULL;
    if (!p) {
        if (error)
            page_error(req, 500);
        else if (id == req->caller.user_id)
            request_redirect(req, "/account/profile");
        else
            page_error(req, 404);
        return;
    }
    if (!profile_may_see(json_string_value(json_object_get(p, "visibility")), id, req->caller.user_id)) {
        json_decref(p);
        page_error(req, 404);
        return;
    }
    json_t *orgs = org_memberships(req, db, id);
    if (!orgs) {
        json_decref(p);
        page_error(req, 500);
        return;
    }
    json_object_set_new(p, "expertise_links", expertise_links(req, json_object_get(p, "expertise")));
    bool mine = id == req->caller.user_id;
    json_t *data = json_pack("{s:O, s:o, s:o, s:b}", "title", json_object_get(p, "display_name"), "profile", p,
                             "organisations", orgs, "mine", mine);
    if (mine) {
        json_object_set_new(data, "audience_note", json_string(audience_note(p)));
        json_object_set_new(data, "edit_url", json_string("/account/profile"));
    }
    page_render(req, 200, "profile", data);
}

/* The directory link for the same filters, from before_id on (0: first page). */
static const char *directory_url(struct request *req, const char *group, const char *country, const char *tag,
                                 int64_t before_id)
{
    const char *url =
        arena_printf(req->arena, "/people?group=%s&country=%s&tag=%s", url_query_encode(req->arena, group),
                     url_query_encode(req->arena, country), url_query_encode(req->arena, tag));
    return before_id ? arena_printf(req->arena, "%s&before=%lld", url, (long long)before_id) : url;
}

/* Runs the directory query: up to DIRECTORY_PAGE cards into people, and
 * *next the id to continue before (0: this is the last page). 0 or -1. */
static int directory_query(struct request *req, struct db *db, const char *group, const char *country, const char *tag,
                           int64_t before_id, json_t *people, int64_t *next)
{
    struct db_stmt *st = db_prepare(
        db, "SELECT p.user_id, p.display_name, p.stakeholder_group FROM profiles p JOIN users u ON u.id = p.user_id "
            "WHERE p.in_directory = 1 AND u.deleted_at IS NULL AND u.disabled_at IS NULL "
            "AND (p.visibility = 'public' OR (p.visibility = 'members' AND ?1 <> 0)) "
            "AND (?2 = '' OR p.stakeholder_group = ?2) "
            "AND (?3 = '' OR EXISTS (SELECT 1 FROM profile_countries c WHERE c.user_id = p.user_id "
            "AND c.country = ?3)) "
            "AND (?4 = '' OR EXISTS (SELECT 1 FROM profile_expertise x WHERE x.user_id = p.user_id AND x.tag = ?4)) "
            "AND (?5 = 0 OR p.user_id < ?5) ORDER BY p.user_id DESC LIMIT ?6");
    if (!st)
        return -1;
    db_bind_int(st, 1, req->caller.user_id);
    db_bind_text(st, 2, group);
    db_bind_text(st, 3, country);
    db_bind_text(st, 4, tag);
    db_bind_int(st, 5, before_id);
    db_bind_int(st, 6, DIRECTORY_PAGE + 1);
    *next = 0;
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t id = db_col_int(st, 0);
        if (json_array_size(people) == DIRECTORY_PAGE) {
            *next = json_integer_value(json_object_get(json_array_get(people, DIRECTORY_PAGE - 1), "id"));
            break;
        }
        const char *g = db_col_text(st, 2);
        json_array_append_new(people, json_pack("{s:I, s:s, s:s, s:s?}", "id", (json_int_t)id, "url",
                                                arena_printf(req->arena, "/people/%lld", (long long)id), "display_name",
                                                db_col_text(st, 1), "group_label",
                                                choice_label(stakeholder_groups, nstakeholder_groups, g)));
    }
    db_reset(st);
    if (rc == DB_ERROR)
        return -1;
    size_t i;
    json_t *card;
    json_array_foreach (people, i, card)
        if (profile_card_details(req, db, json_integer_value(json_object_get(card, "id")), card))
            return -1;
    return 0;
}

/*
 * GET /people : the directory of people who chose to be listed, newest
 * first, DIRECTORY_PAGE at a time. Visitors see only public profiles;
 * signed-in members also those shown to members.
 *   group    a stakeholder group value, or "" for all
 *   country  a country code (of origin or residence), or ""
 *   tag      an area of expertise (normalised like the profile's), or ""
 *   before   continue with the profiles listed before this account number
 */
void page_people(struct request *req)
{
    const char *group = request_query(req, "group"), *country = request_query(req, "country");
    const char *tag_text = request_query(req, "tag"), *before = request_query(req, "before");
    group = group ? group : "", country = country ? country : "";
    int64_t before_id = before && *before ? id_parse(before) : 0;
    const char *tags[EXPERTISE_MAX_TAGS];
    size_t ntags = 0;
    if ((*group && !choice_label(stakeholder_groups, nstakeholder_groups, group)) ||
        (*country && !country_valid(country)) || (before && *before && !before_id) ||
        expertise_parse(req->arena, tag_text, tags, &ntags, NULL) != EXPERTISE_OK) {
        page_error(req, 400);
        return;
    }
    const char *tag = ntags ? tags[0] : "";
    struct db *db = db_get();
    json_t *people = json_array();
    int64_t next = 0;
    if (!db || directory_query(req, db, group, country, tag, before_id, people, &next)) {
        json_decref(people);
        page_error(req, 500);
        return;
    }
    json_t *chosen = json_pack("[s]", country);
    json_t *data = json_pack(
        "{s:s, s:s, s:{s:s, s:s, s:s}, s:o, s:o, s:o, s:b, s:b}", "title", _("People"), "intro",
        req->caller.user_id ? _("Members who chose to be listed. Each person decides who can see their profile.")
                            : _("Members who chose to show their profile to everyone. Sign in to see those shown "
                                "to members only."),
        "filters", "group", group, "country", country, "tag", tag, "groups",
        select_options(stakeholder_groups, nstakeholder_groups, group), "countries", country_options(req->lang, chosen),
        "people", people, "visitor", req->caller.user_id == 0, "filtered", *group || *country || *tag);
    json_decref(chosen);
    if (next)
        json_object_set_new(data, "next_url", json_string(directory_url(req, group, country, tag, next)));
    if (before_id)
        json_object_set_new(data, "first_url", json_string(directory_url(req, group, country, tag, 0)));
    page_render(req, 200, "profile_directory", data);
}
