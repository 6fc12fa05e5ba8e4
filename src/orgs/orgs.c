/* Organisations: types, slugs, loading, saving and membership queries. */
#include "orgs/orgs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "core/log.h"
#include "http/router.h"
#include "i18n/timefmt.h"
#include "profiles/code_lists.h"
#include "view/markdown.h"

const struct choice org_types[] = {
    {"diaspora_organisation", N_("Diaspora organisation"), NULL},
    {"national_government", N_("National government"), NULL},
    {"local_government", N_("Local government"), NULL},
    {"international_organisation", N_("International organisation"), NULL},
    {"ngo", N_("NGO or civil society"), NULL},
    {"academia", N_("Academia or research"), NULL},
    {"private_sector", N_("Private sector"), NULL},
    {"youth_network", N_("Youth network"), NULL},
    {"other", N_("Other"), NULL},
};
const size_t norg_types = sizeof org_types / sizeof org_types[0];

const struct choice org_roles[] = {
    /* TRANSLATORS: role in an organisation on the hub: manages it and its members. */
    {"owner", N_("Owner"), NULL},
    /* TRANSLATORS: role in an organisation on the hub. */
    {"member", N_("Member"), NULL},
};
const size_t norg_roles = sizeof org_roles / sizeof org_roles[0];

/* Words under /orgs/ that are routes, not organisations. */
static const char *const reserved_slugs[] = {"new", "join"};

#define NAME_UCHARS 512

/* name in ASCII letters where ICU can transliterate it, else name as it is. */
static void ascii_of(const char *name, char *out, size_t outlen)
{
    snprintf(out, outlen, "%s", name);
    UErrorCode st = U_ZERO_ERROR;
    UChar text[NAME_UCHARS], id[32];
    int32_t len = 0;
    u_strFromUTF8(text, NAME_UCHARS, &len, name, -1, &st);
    if (U_FAILURE(st) || len >= NAME_UCHARS)
        return;
    u_uastrcpy(id, "Any-Latin; Latin-ASCII");
    UTransliterator *tr = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
    if (U_FAILURE(st))
        return;
    int32_t limit = len;
    utrans_transUChars(tr, text, &len, NAME_UCHARS, 0, &limit, &st);
    utrans_close(tr);
    if (U_SUCCESS(st) && len < NAME_UCHARS)
        u_strToUTF8(out, (int32_t)outlen, NULL, text, len, &st);
    if (U_FAILURE(st))
        snprintf(out, outlen, "%s", name);
}

void org_slug_base(const char *name, char out[ORG_SLUG_MAX + 1])
{
    char ascii[NAME_UCHARS * 3 + 1];
    ascii_of(name ? name : "", ascii, sizeof ascii);
    size_t n = 0;
    bool dash = false;
    for (const char *p = ascii; *p && n < ORG_SLUG_MAX; p++) {
        char c = *p;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && n > 0 && n < ORG_SLUG_MAX - 1)
                out[n++] = '-';
            dash = false;
            out[n++] = c;
        } else {
            dash = true;
        }
    }
    out[n] = '\0';
    /* Cut at a word boundary when the name was longer than a slug. */
    if (n == ORG_SLUG_MAX) {
        char *last = strrchr(out, '-');
        if (last && last - out >= ORG_SLUG_MAX / 2)
            *last = '\0';
    }
    if (!out[0])
        snprintf(out, ORG_SLUG_MAX + 1, "organisation");
}

static bool slug_taken(struct db *db, const char *slug, bool *error)
{
    for (size_t i = 0; i < sizeof reserved_slugs / sizeof reserved_slugs[0]; i++)
        if (strcmp(slug, reserved_slugs[i]) == 0)
            return true;
    int found = db_one_int(db, "SELECT 1 FROM organisations WHERE slug = ?", NULL, "t", slug);
    *error = found < 0;
    return found != 0;
}

const char *org_slug_new(struct request *req, struct db *db, const char *name)
{
    char base[ORG_SLUG_MAX + 1];
    org_slug_base(name, base);
    bool error = false;
    if (!slug_taken(db, base, &error))
        return arena_strdup(req->arena, base);
    for (int i = 2; !error && i < 10000; i++) {
        const char *slug = arena_printf(req->arena, "%s-%d", base, i);
        if (!slug_taken(db, slug, &error))
            return slug;
    }
    return NULL;
}

bool org_website_valid(const char *s)
{
    if (!s || strlen(s) > ORG_WEBSITE_MAX)
        return false;
    const char *host = strncmp(s, "https://", 8) == 0 ? s + 8 : strncmp(s, "http://", 7) == 0 ? s + 7 : NULL;
    if (!host || !*host || *host == '/' || *host == '.' || *host == ':')
        return false;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c <= ' ' || c == 0x7f || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\' || c == '`')
            return false;
    }
    return true;
}

static int save_countries(struct db *db, int64_t id, const json_t *codes)
{
    if (db_run(db, "DELETE FROM organisation_countries WHERE org_id = ?", "i", id))
        return -1;
    size_t i;
    json_t *v;
    json_array_foreach (codes, i, v) {
        if (db_run(db, "INSERT INTO organisation_countries (org_id, country) VALUES (?, ?)", "it", id,
                   json_string_value(v)))
            return -1;
    }
    return 0;
}

int64_t org_create(struct db *db, const char *slug, const struct org_input *in, int64_t owner_id)
{
    char *html = markdown_to_html(in->description);
    int64_t now = (int64_t)time(NULL), id = -1;
    if (db_run(db,
               "INSERT INTO organisations (slug, name, type, website, description, description_html, created_at, "
               "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               "ttttttii", slug, in->name, in->type, in->website ? in->website : "",
               in->description ? in->description : "", html, now, now) == 0) {
        int64_t new_id = db_last_id(db);
        if (db_run(db, "INSERT INTO org_members (org_id, user_id, role, joined_at) VALUES (?, ?, 'owner', ?)", "iii",
                   new_id, owner_id, now) == 0 &&
            save_countries(db, new_id, in->countries) == 0)
            id = new_id;
    }
    free(html);
    return id;
}

int org_update(struct db *db, int64_t id, const struct org_input *in)
{
    char *html = markdown_to_html(in->description);
    int rc = db_run(db,
                    "UPDATE organisations SET name = ?, type = ?, website = ?, description = ?, description_html = ?, "
                    "updated_at = ? WHERE id = ?",
                    "tttttii", in->name, in->type, in->website ? in->website : "",
                    in->description ? in->description : "", html, (int64_t)time(NULL), id);
    free(html);
    return rc == 0 ? save_countries(db, id, in->countries) : -1;
}

static const char *iso_time(struct request *req, int64_t t)
{
    char out[TIMEFMT_MAX];
    timefmt_iso8601(out, sizeof out, t);
    return arena_strdup(req->arena, out);
}

json_t *org_load(struct request *req, struct db *db, const char *slug, bool *error)
{
    *error = false;
    struct db_stmt *st = db_prepare(db, "SELECT id, slug, name, type, website, description, description_html, "
                                        "created_at FROM organisations WHERE slug = ?");
    if (!st) {
        *error = true;
        return NULL;
    }
    db_bind_text(st, 1, slug ? slug : "");
    enum db_step rc = db_step(st);
    if (rc != DB_ROW) {
        db_reset(st);
        *error = rc == DB_ERROR;
        return NULL;
    }
    int64_t id = db_col_int(st, 0);
    const char *type = db_col_text(st, 3);
    json_t *org = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s?, s:s, s:s, s:s, s:s}", "id", (json_int_t)id, "slug",
                            db_col_text(st, 1), "url", arena_printf(req->arena, "/orgs/%s", db_col_text(st, 1)), "name",
                            db_col_text(st, 2), "type", type, "type_label", choice_label(org_types, norg_types, type),
                            "website", db_col_text(st, 4), "description", db_col_text(st, 5), "description_html",
                            db_col_text(st, 6), "created_at", iso_time(req, db_col_int(st, 7)));
    db_reset(st);
    json_t *codes = org_country_codes(db, id);
    if (!codes) {
        *error = true;
        json_decref(org);
        return NULL;
    }
    json_object_set_new(org, "countries", country_names(req->lang, codes));
    json_object_set_new(org, "country_codes", codes);
    return org;
}

static json_t *country_row(struct db_stmt *st, int64_t unused)
{
    (void)unused;
    return json_string(db_col_text(st, 0));
}

json_t *org_country_codes(struct db *db, int64_t org_id)
{
    return db_rows_json(db, "SELECT country FROM organisation_countries WHERE org_id = ?", org_id, country_row, 0);
}

enum org_role org_role_of(struct db *db, int64_t org_id, int64_t user_id)
{
    if (!user_id)
        return ORG_NONE;
    int64_t owner = 0;
    if (db_one_int(db, "SELECT role = 'owner' FROM org_members WHERE org_id = ? AND user_id = ?", &owner, "ii", org_id,
                   user_id) != 1)
        return ORG_NONE;
    return owner ? ORG_OWNER : ORG_MEMBER;
}

bool org_may_manage(struct request *req, struct db *db, int64_t org_id)
{
    return req->caller.perm >= PERM_ADMIN || org_role_of(db, org_id, req->caller.user_id) == ORG_OWNER;
}

int org_owner_count(struct db *db, int64_t org_id)
{
    int64_t n = -1;
    db_one_int(db, "SELECT COUNT(*) FROM org_members WHERE org_id = ? AND role = 'owner'", &n, "i", org_id);
    return (int)n;
}

/* The organisations that sql (whose only parameter is the user id) selects
 * for user_id, as {"slug", "name", "url"} and, with_role, the membership's
 * {"role", "role_label", "joined_at"} from columns 2 and 3; sorted by name
 * for req's language. A new array, or NULL on error. */
static json_t *org_list(struct request *req, struct db *db, const char *sql, int64_t user_id, bool with_role)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        return NULL;
    db_bind_int(st, 1, user_id);
    json_t *list = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *slug = db_col_text(st, 0);
        json_t *org = json_pack("{s:s, s:s, s:s}", "slug", slug, "name", db_col_text(st, 1), "url",
                                arena_printf(req->arena, "/orgs/%s", slug));
        if (with_role) {
            const char *role = db_col_text(st, 2), *label = choice_label(org_roles, norg_roles, role);
            json_object_set_new(org, "role", json_string(role));
            json_object_set_new(org, "role_label", label ? json_string(label) : json_null());
            json_object_set_new(org, "joined_at", json_string(iso_time(req, db_col_int(st, 3))));
        }
        json_array_append_new(list, org);
    }
    db_reset(st);
    if (rc != DB_DONE) {
        json_decref(list);
        return NULL;
    }
    collation_sort(req->lang, list, "name");
    return list;
}

json_t *org_memberships(struct request *req, struct db *db, int64_t user_id)
{
    return org_list(req, db,
                    "SELECT o.slug, o.name, m.role, m.joined_at FROM org_members m "
                    "JOIN organisations o ON o.id = m.org_id WHERE m.user_id = ? ORDER BY o.id",
                    user_id, true);
}

json_t *org_sole_ownerships(struct request *req, struct db *db, int64_t user_id)
{
    return org_list(req, db,
                    "SELECT o.slug, o.name FROM org_members m JOIN organisations o ON o.id = m.org_id "
                    "WHERE m.user_id = ? AND m.role = 'owner' AND NOT EXISTS ("
                    "SELECT 1 FROM org_members x WHERE x.org_id = m.org_id "
                    "AND x.role = 'owner' AND x.user_id <> m.user_id) ORDER BY o.id",
                    user_id, false);
}
