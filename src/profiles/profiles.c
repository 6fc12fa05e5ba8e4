/* Member profiles: visibility rules, choices, expertise tags, loading and saving. */
#include "profiles/profiles.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "core/log.h"
#include "i18n/timefmt.h"
#include "profiles/code_lists.h"
#include "profiles/form_values.h"
#include "view/markdown.h"

const struct choice stakeholder_groups[] = {
    {"diaspora_organisation", N_("Diaspora organisation"), NULL},
    {"diaspora_member", N_("Diaspora member"), NULL},
    {"national_government", N_("National government"), NULL},
    {"local_government", N_("Local government"), NULL},
    {"international_organisation", N_("International organisation"), NULL},
    {"ngo", N_("NGO or civil society"), NULL},
    {"academia", N_("Academia or research"), NULL},
    {"private_sector", N_("Private sector"), NULL},
    {"youth_network", N_("Youth network"), NULL},
    {"other", N_("Other"), NULL},
};
const size_t nstakeholder_groups = sizeof stakeholder_groups / sizeof stakeholder_groups[0];

const struct choice profile_visibilities[] = {
    /* TRANSLATORS: who can see a profile: nobody but its owner. */
    {"private", N_("Only me"), N_("Nobody else can see your profile, and it is never listed in the directory.")},
    /* TRANSLATORS: who can see a profile: people signed in to the hub. */
    {"members", N_("Signed-in members"),
     N_("People with an account on this hub can see your profile once they sign in.")},
    /* TRANSLATORS: who can see a profile: anyone on the web. */
    {"public", N_("Everyone"),
     N_("Anyone can see your profile, including visitors without an account and search engines.")},
};
const size_t nprofile_visibilities = sizeof profile_visibilities / sizeof profile_visibilities[0];

const char *choice_label(const struct choice *choices, size_t n, const char *value)
{
    if (!value || !*value)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (strcmp(choices[i].value, value) == 0)
            return _(choices[i].label);
    return NULL;
}

bool profile_may_see(const char *visibility, int64_t owner_id, int64_t viewer_id)
{
    if (viewer_id != 0 && viewer_id == owner_id)
        return true;
    if (!visibility)
        return false;
    if (strcmp(visibility, "public") == 0)
        return true;
    return strcmp(visibility, "members") == 0 && viewer_id != 0;
}

/* ---- Expertise tags ---- */

/* Lower-cased NFC form of tag (arena) and its length in code points; NULL
 * when ICU fails (then the tag is kept as typed). */
static const char *fold(struct arena *a, const char *tag, int32_t *chars)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = 0;
    u_strFromUTF8(NULL, 0, &n, tag, -1, &st);
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
        return NULL;
    int32_t cap = n * 3 + 16; /* lower-casing and composing may change the length a little */
    UChar *src = arena_alloc(a, (size_t)cap * sizeof *src), *lower = arena_alloc(a, (size_t)cap * sizeof *lower),
          *nfc = arena_alloc(a, (size_t)cap * sizeof *nfc);
    st = U_ZERO_ERROR;
    u_strFromUTF8(src, cap, &n, tag, -1, &st);
    int32_t lower_len = U_SUCCESS(st) ? u_strToLower(lower, cap, src, n, "", &st) : 0;
    const UNormalizer2 *norm = U_SUCCESS(st) ? unorm2_getNFCInstance(&st) : NULL;
    int32_t nfc_len = U_SUCCESS(st) ? unorm2_normalize(norm, lower, lower_len, nfc, cap, &st) : 0;
    if (U_FAILURE(st))
        return NULL;
    *chars = u_countChar32(nfc, nfc_len);
    int32_t bytes = 0;
    u_strToUTF8(NULL, 0, &bytes, nfc, nfc_len, &st);
    st = U_ZERO_ERROR;
    char *out = arena_alloc(a, (size_t)bytes + 1);
    u_strToUTF8(out, bytes + 1, NULL, nfc, nfc_len, &st);
    return U_SUCCESS(st) ? out : NULL;
}

enum expertise_rc expertise_parse(struct arena *a, const char *text, const char *tags[EXPERTISE_MAX_TAGS], size_t *n,
                                  const char **bad)
{
    *n = 0;
    const char *p = text ? text : "";
    for (;;) {
        size_t len = strcspn(p, ",");
        const char *piece = text_squeeze(a, arena_strndup(a, p, len));
        if (*piece) {
            int32_t chars = (int32_t)strlen(piece);
            const char *tag = fold(a, piece, &chars);
            if (!tag)
                tag = piece;
            if (chars > EXPERTISE_TAG_MAX_CHARS) {
                if (bad)
                    *bad = tag;
                return EXPERTISE_TOO_LONG;
            }
            bool seen = false;
            for (size_t i = 0; i < *n && !seen; i++)
                seen = strcmp(tags[i], tag) == 0;
            if (!seen) {
                if (*n == EXPERTISE_MAX_TAGS)
                    return EXPERTISE_TOO_MANY;
                tags[(*n)++] = tag;
            }
        }
        if (!p[len])
            return EXPERTISE_OK;
        p += len + 1;
    }
}

json_t *expertise_links(struct request *req, const json_t *tags)
{
    json_t *out = json_array();
    size_t i;
    json_t *v;
    json_array_foreach (tags, i, v) {
        const char *tag = json_string_value(v);
        json_array_append_new(out,
                              json_pack("{s:s, s:s}", "tag", tag, "url",
                                        arena_printf(req->arena, "/people?tag=%s", url_query_encode(req->arena, tag))));
    }
    return out;
}

/* ---- Saving ---- */

static int save_codes(struct db *db, int64_t user_id, const char *kind, const json_t *codes)
{
    size_t i;
    json_t *v;
    json_array_foreach (codes, i, v) {
        if (db_run(db, "INSERT INTO profile_countries (user_id, kind, country) VALUES (?, ?, ?)", "itt", user_id, kind,
                   json_string_value(v)))
            return -1;
    }
    return 0;
}

static int save_languages(struct db *db, int64_t user_id, const json_t *codes)
{
    size_t i;
    json_t *v;
    json_array_foreach (codes, i, v) {
        if (db_run(db, "INSERT INTO profile_languages (user_id, lang) VALUES (?, ?)", "it", user_id,
                   json_string_value(v)))
            return -1;
    }
    return 0;
}

static int save_tags(struct db *db, int64_t user_id, const char *const *tags, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (db_run(db, "INSERT INTO profile_expertise (user_id, position, tag) VALUES (?, ?, ?)", "iit", user_id,
                   (int64_t)i, tags[i]))
            return -1;
    }
    return 0;
}

int profile_erase(struct db *db, int64_t user_id)
{
    /* The children first, then the row. */
    if (db_run(db, "DELETE FROM profile_countries WHERE user_id = ?", "i", user_id) ||
        db_run(db, "DELETE FROM profile_languages WHERE user_id = ?", "i", user_id) ||
        db_run(db, "DELETE FROM profile_expertise WHERE user_id = ?", "i", user_id) ||
        db_run(db, "DELETE FROM profiles WHERE user_id = ?", "i", user_id))
        return -1;
    return 0;
}

int profile_save(struct db *db, int64_t user_id, const struct profile_input *in)
{
    /* Replaced whole: a portable upsert. */
    if (profile_erase(db, user_id))
        return -1;
    char *bio_html = markdown_to_html(in->bio);
    int rc = db_run(db,
                    "INSERT INTO profiles (user_id, display_name, stakeholder_group, bio, bio_html, visibility, "
                    "in_directory, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    "itttttii", user_id, in->display_name, in->stakeholder_group ? in->stakeholder_group : "",
                    in->bio ? in->bio : "", bio_html, in->visibility, (int64_t)in->in_directory, (int64_t)time(NULL));
    free(bio_html);
    if (rc || save_codes(db, user_id, "origin", in->origin) || save_codes(db, user_id, "residence", in->residence) ||
        save_languages(db, user_id, in->languages) || save_tags(db, user_id, in->tags, in->ntags))
        return -1;
    return 0;
}

/* ---- Loading ---- */

/* Fills origin_codes and residence_codes (arrays of codes) of user_id. */
static int load_countries(struct db *db, int64_t user_id, json_t *origin, json_t *residence)
{
    struct db_stmt *st = db_prepare(db, "SELECT kind, country FROM profile_countries WHERE user_id = ?");
    if (!st)
        return -1;
    db_bind_int(st, 1, user_id);
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(strcmp(db_col_text(st, 0), "origin") == 0 ? origin : residence,
                              json_string(db_col_text(st, 1)));
    db_reset(st);
    return rc == DB_DONE ? 0 : -1;
}

/* Appends to list the text in the first column of each row of sql, whose
 * only parameter is user_id. 0 or -1. */
static int load_texts(struct db *db, const char *sql, int64_t user_id, json_t *list)
{
    struct db_stmt *st = db_prepare(db, sql);
    if (!st)
        return -1;
    db_bind_int(st, 1, user_id);
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(list, json_string(db_col_text(st, 0)));
    db_reset(st);
    return rc == DB_DONE ? 0 : -1;
}

static int load_languages(struct db *db, int64_t user_id, json_t *codes)
{
    return load_texts(db, "SELECT lang FROM profile_languages WHERE user_id = ?", user_id, codes);
}

static int load_tags(struct db *db, int64_t user_id, json_t *tags)
{
    return load_texts(db, "SELECT tag FROM profile_expertise WHERE user_id = ? ORDER BY position", user_id, tags);
}

int profile_card_details(struct request *req, struct db *db, int64_t user_id, json_t *card)
{
    json_t *origin = json_array(), *residence = json_array(), *tags = json_array();
    int rc = load_countries(db, user_id, origin, residence) || load_tags(db, user_id, tags) ? -1 : 0;
    json_object_set_new(card, "origin", country_names(req->lang, origin));
    json_object_set_new(card, "residence", country_names(req->lang, residence));
    json_object_set_new(card, "expertise_links", expertise_links(req, tags));
    json_object_set_new(card, "expertise", tags);
    json_decref(origin);
    json_decref(residence);
    return rc;
}

json_t *profile_load(struct request *req, struct db *db, int64_t user_id, bool *error)
{
    *error = false;
    struct db_stmt *st = db_prepare(db, "SELECT p.display_name, p.stakeholder_group, p.bio, p.bio_html, "
                                        "p.visibility, p.in_directory, p.updated_at FROM profiles p "
                                        "JOIN users u ON u.id = p.user_id WHERE p.user_id = ? "
                                        "AND u.deleted_at IS NULL AND u.disabled_at IS NULL");
    if (!st) {
        *error = true;
        return NULL;
    }
    db_bind_int(st, 1, user_id);
    enum db_step step = db_step(st);
    if (step != DB_ROW) {
        db_reset(st);
        *error = step == DB_ERROR;
        return NULL;
    }
    char updated[TIMEFMT_MAX];
    timefmt_iso8601(updated, sizeof updated, db_col_int(st, 6));
    const char *group = db_col_text(st, 1), *visibility = db_col_text(st, 4);
    json_t *p =
        json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:b, s:s}", "id", (json_int_t)user_id, "url",
                  arena_printf(req->arena, "/people/%lld", (long long)user_id), "display_name", db_col_text(st, 0),
                  "stakeholder_group", group, "bio", db_col_text(st, 2), "bio_html", db_col_text(st, 3), "visibility",
                  visibility, "visibility_label", choice_label(profile_visibilities, nprofile_visibilities, visibility),
                  "in_directory", (int)db_col_int(st, 5), "updated_at", updated);
    const char *label = choice_label(stakeholder_groups, nstakeholder_groups, group);
    if (label)
        json_object_set_new(p, "group_label", json_string(label));
    db_reset(st);

    json_t *origin = json_array(), *residence = json_array(), *langs = json_array(), *tags = json_array();
    *error = load_countries(db, user_id, origin, residence) || load_languages(db, user_id, langs) ||
             load_tags(db, user_id, tags);
    json_object_set_new(p, "origin", country_names(req->lang, origin));
    json_object_set_new(p, "residence", country_names(req->lang, residence));
    json_object_set_new(p, "languages", spoken_language_names(req->lang, langs));
    json_object_set_new(p, "origin_codes", origin);
    json_object_set_new(p, "residence_codes", residence);
    json_object_set_new(p, "language_codes", langs);
    json_object_set_new(p, "expertise", tags);
    if (*error) {
        log_event(LOG_ERROR, req->id, "profile details could not be read", NULL);
        json_decref(p);
        return NULL;
    }
    return p;
}
