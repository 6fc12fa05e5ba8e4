/* Unit tests for profiles and organisations: who may see a profile, expertise
 * tags, ICU country and language names and their collation order, slugs and
 * website checks, form helpers, and saving, loading and erasing in the
 * database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/users.h"
#include "core/arena.h"
#include "db/db.h"
#include "i18n/i18n.h"
#include "orgs/orgs.h"
#include "profiles/account_delete.h"
#include "profiles/code_lists.h"
#include "profiles/form_values.h"
#include "profiles/profiles.h"
#include "unit_db.h"

/* A request as handlers see it, enough for the model functions. */
static struct request *fake_request(enum lang lang)
{
    struct arena *a = arena_create();
    struct request *req = arena_alloc(a, sizeof *req);
    req->arena = a;
    req->lang = lang;
    return req;
}

static void visibility_decides_who_sees(void **state)
{
    (void)state;
    const int64_t owner = 7, member = 8, visitor = 0;
    assert_true(profile_may_see("private", owner, owner));
    assert_false(profile_may_see("private", owner, member));
    assert_false(profile_may_see("private", owner, visitor));
    assert_true(profile_may_see("members", owner, owner));
    assert_true(profile_may_see("members", owner, member));
    assert_false(profile_may_see("members", owner, visitor));
    assert_true(profile_may_see("public", owner, member));
    assert_true(profile_may_see("public", owner, visitor));
    /* Anything unknown is private. */
    assert_false(profile_may_see(NULL, owner, member));
    assert_false(profile_may_see("everyone", owner, member));
    assert_true(profile_may_see(NULL, owner, owner));
    /* A visitor is nobody's owner, even of an account numbered 0. */
    assert_false(profile_may_see("private", 0, 0));
}

static void expertise_becomes_a_normalised_set(void **state)
{
    (void)state;
    struct arena *a = arena_create();
    const char *tags[EXPERTISE_MAX_TAGS], *bad = NULL;
    size_t n = 99;
    assert_int_equal(expertise_parse(a, " Remittances ,  diaspora \t BONDS,remittances,, ÉDUCATION ,", tags, &n, &bad),
                     EXPERTISE_OK);
    assert_int_equal(n, 3);
    assert_string_equal(tags[0], "remittances");
    assert_string_equal(tags[1], "diaspora bonds");
    assert_string_equal(tags[2], "éducation");
    /* "e" + combining acute is the same tag as "é" once in NFC. */
    assert_int_equal(expertise_parse(a, "caf\xc3\xa9, cafe\xcc\x81", tags, &n, NULL), EXPERTISE_OK);
    assert_int_equal(n, 1);
    assert_string_equal(tags[0], "caf\xc3\xa9");
    assert_int_equal(expertise_parse(a, NULL, tags, &n, NULL), EXPERTISE_OK);
    assert_int_equal(n, 0);
    assert_int_equal(expertise_parse(a, " , ,, ", tags, &n, NULL), EXPERTISE_OK);
    assert_int_equal(n, 0);

    char many[512] = "";
    for (int i = 0; i < EXPERTISE_MAX_TAGS; i++)
        snprintf(many + strlen(many), sizeof many - strlen(many), "tag%d,", i);
    assert_int_equal(expertise_parse(a, many, tags, &n, NULL), EXPERTISE_OK);
    assert_int_equal(n, EXPERTISE_MAX_TAGS);
    strcat(many, "TAG0, one more");
    assert_int_equal(expertise_parse(a, many, tags, &n, NULL), EXPERTISE_TOO_MANY);

    /* 40 code points are fine even when they take 80 bytes; 41 are not. */
    char forty[128] = "", long_one[256] = "";
    for (int i = 0; i < 40; i++)
        strcat(forty, "\xc3\xa9");
    snprintf(long_one, sizeof long_one, "ok, %sx", forty);
    assert_int_equal(expertise_parse(a, forty, tags, &n, NULL), EXPERTISE_OK);
    assert_int_equal(expertise_parse(a, long_one, tags, &n, &bad), EXPERTISE_TOO_LONG);
    assert_non_null(bad);
    assert_int_equal(utf8_length(bad), 41);
    arena_destroy(a);
}

static void countries_and_languages_come_from_icu(void **state)
{
    (void)state;
    assert_true(country_valid("SN"));
    assert_true(country_valid("XK"));
    assert_false(country_valid("sn"));
    assert_false(country_valid("DG")); /* reserved by ISO, listed by ICU */
    assert_false(country_valid("ZZ"));
    assert_false(country_valid(""));
    assert_false(country_valid(NULL));
    assert_string_equal(country_name("DE", LANG_FR), "Allemagne");
    assert_string_equal(country_name("DE", LANG_ES), "Alemania");
    assert_string_equal(country_name("CI", LANG_EN), "Côte d’Ivoire");
    assert_null(country_name("QQ", LANG_EN));
    assert_true(spoken_language_valid("wo"));
    assert_false(spoken_language_valid("xx"));
    assert_string_equal(spoken_language_name("wo", LANG_EN), "Wolof");
    /* Capitalised for a list, as ICU's display context asks, even in French. */
    assert_string_equal(spoken_language_name("fr", LANG_FR), "Français");

    const struct named_code *list;
    size_t n = country_list(LANG_FR, &list);
    assert_true(n > 240);
    size_t egypt = n, spain = n, zimbabwe = n;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(list[i].code, "EG") == 0)
            egypt = i;
        if (strcmp(list[i].code, "ES") == 0)
            spain = i;
        if (strcmp(list[i].code, "ZW") == 0)
            zimbabwe = i;
    }
    assert_string_equal(list[egypt].name, "Égypte");
    assert_true(egypt < spain);     /* by bytes, "É" would come after "Z" */
    assert_true(zimbabwe == n - 1); /* "Zimbabwe" is last in French */
}

static void names_sort_by_the_readers_collation(void **state)
{
    (void)state;
    json_t *a = json_pack("[{s:s}, {s:s}, {s:s}, {s:s}, {}]", "name", "Zambie", "name", "Égypte", "name", "Allemagne",
                          "name", "égypte");
    collation_sort(LANG_FR, a, "name");
    assert_null(json_object_get(json_array_get(a, 0), "name"));
    const char *want[] = {"Allemagne", "égypte", "Égypte", "Zambie"};
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(json_string_value(json_object_get(json_array_get(a, i + 1), "name")), want[i]);
    json_decref(a);

    json_t *codes = json_pack("[s, s, s]", "FR", "DE", "SN");
    json_t *names = country_names(LANG_ES, codes);
    assert_int_equal(json_array_size(names), 3);
    assert_string_equal(json_string_value(json_object_get(json_array_get(names, 0), "name")), "Alemania");
    assert_string_equal(json_string_value(json_object_get(json_array_get(names, 2), "name")), "Senegal");
    json_decref(names);
    json_decref(codes);
}

static void slugs_are_ascii_words(void **state)
{
    (void)state;
    char out[ORG_SLUG_MAX + 1];
    org_slug_base("Fédération des Sénégalais de l'Extérieur", out);
    assert_string_equal(out, "federation-des-senegalais-de-l-exterieur");
    org_slug_base("  --  ", out);
    assert_string_equal(out, "organisation");
    org_slug_base(NULL, out);
    assert_string_equal(out, "organisation");
    org_slug_base("Ελληνική Κοινότητα", out);
    assert_string_equal(out, "ellenike-koinoteta");
    org_slug_base("中国", out);
    assert_string_equal(out, "zhong-guo");
    org_slug_base("Global Network of Diaspora Organisations for Sustainable Development Partnerships", out);
    assert_true(strlen(out) <= ORG_SLUG_MAX);
    assert_string_equal(out, "global-network-of-diaspora-organisations-for-sustainable");
    for (const char *p = out; *p; p++)
        assert_true((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-');
}

static void websites_must_be_plain_http_addresses(void **state)
{
    (void)state;
    const char *good[] = {"https://example.org", "http://example.org/path?q=1#x", "https://xn--dmin-moa0i.example"};
    const char *bad[] = {NULL,
                         "",
                         "example.org",
                         "javascript:alert(1)",
                         "https://",
                         "https:///path",
                         "http://exa mple.org",
                         "https://example.org/\"onmouseover=x",
                         "https://example.org/<script>",
                         "ftp://example.org",
                         "HTTPS://example.org"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        assert_true(org_website_valid(good[i]));
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(org_website_valid(bad[i]));
    char longest[ORG_WEBSITE_MAX + 2];
    memset(longest, 'a', sizeof longest);
    memcpy(longest, "https://example.org/", 20);
    longest[ORG_WEBSITE_MAX] = '\0';
    assert_true(org_website_valid(longest)); /* exactly the limit */
    longest[ORG_WEBSITE_MAX] = 'a';
    longest[ORG_WEBSITE_MAX + 1] = '\0';
    assert_false(org_website_valid(longest));
}

static void form_helpers(void **state)
{
    (void)state;
    assert_int_equal(id_parse("42"), 42);
    assert_int_equal(id_parse("9223372036854775807"), INT64_MAX);
    const char *bad[] = {NULL, "", "0", "042", "-1", "+1", "1x", " 1", "9223372036854775808"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(id_parse(bad[i]), 0);
    struct arena *a = arena_create();
    assert_string_equal(url_query_encode(a, "diaspora bonds & co/é"), "diaspora%20bonds%20%26%20co%2F%C3%A9");
    assert_string_equal(url_query_encode(a, NULL), "");
    assert_string_equal(text_squeeze(a, "  Ana \t\n  Maria\x01 "), "Ana Maria");
    assert_int_equal(utf8_length("Sénégal"), 7);
    arena_destroy(a);
}

/* Saves a profile for a new account and reads it back in French. */
static void profiles_save_load_and_erase(void **state)
{
    (void)state;
    struct db *db = db_get();
    assert_non_null(db);
    assert_int_equal(db_begin(db), 0);
    int64_t id = user_create(db, "awa@example.org", "Awa Ndiaye", NULL, "member", "fr", "Africa/Dakar");
    assert_true(id > 0);
    json_t *origin = json_pack("[s]", "SN"), *residence = json_pack("[s, s]", "FR", "BE"),
           *langs = json_pack("[s, s]", "wo", "fr");
    const char *tags[] = {"remittances", "diaspora bonds"};
    struct profile_input in = {.display_name = "Awa N.",
                               .stakeholder_group = "diaspora_member",
                               .bio = "**Hi** <script>x</script>",
                               .visibility = "members",
                               .in_directory = true,
                               .origin = origin,
                               .residence = residence,
                               .languages = langs,
                               .tags = tags,
                               .ntags = 2};
    assert_int_equal(profile_save(db, id, &in), 0);
    /* Saving again replaces, it does not add. */
    assert_int_equal(profile_save(db, id, &in), 0);
    struct org_input org = {.name = "Awa's Network", .type = "ngo", .countries = origin};
    int64_t org_id = org_create(db, "awas-network", &org, id);
    assert_true(org_id > 0);
    assert_int_equal(db_commit(db), 0);

    struct request *req = fake_request(LANG_FR);
    bool error = true;
    json_t *p = profile_load(req, db, id, &error);
    assert_false(error);
    assert_non_null(p);
    assert_string_equal(json_string_value(json_object_get(p, "display_name")), "Awa N.");
    assert_string_equal(json_string_value(json_object_get(p, "group_label")), "Diaspora member");
    json_t *res = json_object_get(p, "residence");
    assert_int_equal(json_array_size(res), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(res, 0), "name")), "Belgique");
    assert_int_equal(json_array_size(json_object_get(p, "expertise")), 2);
    assert_string_equal(json_string_value(json_array_get(json_object_get(p, "expertise"), 1)), "diaspora bonds");
    const char *html = json_string_value(json_object_get(p, "bio_html"));
    assert_non_null(strstr(html, "<strong>Hi</strong>"));
    assert_null(strstr(html, "<script"));
    json_decref(p);

    json_t *sole = org_sole_ownerships(req, db, id);
    assert_int_equal(json_array_size(sole), 1);
    json_decref(sole);
    assert_int_equal(org_role_of(db, org_id, id), ORG_OWNER);

    assert_int_equal(db_begin(db), 0);
    assert_int_equal(account_erase(db, id), 0);
    assert_int_equal(db_commit(db), 0);
    p = profile_load(req, db, id, &error);
    assert_null(p);
    assert_false(error);
    assert_int_equal(org_role_of(db, org_id, id), ORG_NONE);
    assert_int_equal(user_id_by_email(db, "awa@example.org"), 0);
    assert_int_equal(user_id_by_email(db, arena_printf(req->arena, "deleted-%lld@invalid", (long long)id)), id);
    struct db_stmt *st = db_prepare(db, "SELECT name, password_hash IS NULL, deleted_at IS NOT NULL, "
                                        "(SELECT COUNT(*) FROM profile_countries WHERE user_id = users.id) "
                                        "FROM users WHERE id = ?");
    db_bind_int(st, 1, id);
    assert_int_equal(db_step(st), DB_ROW);
    assert_string_equal(db_col_text(st, 0), "");
    assert_int_equal(db_col_int(st, 1), 1);
    assert_int_equal(db_col_int(st, 2), 1);
    assert_int_equal(db_col_int(st, 3), 0);
    db_reset(st);
    json_decref(origin);
    json_decref(residence);
    json_decref(langs);
    arena_destroy(req->arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(visibility_decides_who_sees),
        cmocka_unit_test(expertise_becomes_a_normalised_set),
        cmocka_unit_test(countries_and_languages_come_from_icu),
        cmocka_unit_test(names_sort_by_the_readers_collation),
        cmocka_unit_test(slugs_are_ascii_words),
        cmocka_unit_test(websites_must_be_plain_http_addresses),
        cmocka_unit_test(form_helpers),
        cmocka_unit_test(profiles_save_load_and_erase),
    };
    return cmocka_run_group_tests(tests, unit_db_i18n_setup, unit_db_teardown);
}
