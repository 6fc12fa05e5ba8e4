/* Unit tests of src/i18n/i18n.c and ui_strings.c: language codes, tag parsing, negotiation
 * (precedence, q-values, region subtags, malformed headers), the real embedded catalogs, and three
 * threads translating into English, French and Spanish at the same moment. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ftw.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n/i18n.h"

#define OLD_LOCPATH "/nonexistent/dxhub-test-locpath"

static char runtime_dir[] = "/tmp/dxhub-i18n-XXXXXX";

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

/* Starts as an operator's shell might: a $LANGUAGE that would override every thread, and a LOCPATH
 * of its own that i18n_init must leave as it found it. */
static int setup(void **state)
{
    (void)state;
    setenv("LANGUAGE", "de:en", 1);
    setenv("LOCPATH", OLD_LOCPATH, 1);
    if (!mkdtemp(runtime_dir))
        return -1;
    return i18n_init(runtime_dir);
}

static int teardown(void **state)
{
    (void)state;
    i18n_shutdown();
    unsetenv("LOCPATH");
    return nftw(runtime_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void test_codes_and_names(void **state)
{
    (void)state;
    assert_string_equal(i18n_code(LANG_EN), "en");
    assert_string_equal(i18n_code(LANG_FR), "fr");
    assert_string_equal(i18n_code(LANG_ES), "es");
    assert_string_equal(i18n_native_name(LANG_EN), "English");
    assert_string_equal(i18n_native_name(LANG_FR), "Français");
    assert_string_equal(i18n_native_name(LANG_ES), "Español");
}

static void test_parse(void **state)
{
    (void)state;
    static const struct {
        const char *tag;
        enum lang lang;
    } good[] = {{"fr", LANG_FR},     {"FR", LANG_FR}, {"fr-CA", LANG_FR}, {"fr_FR", LANG_FR},        {"Es", LANG_ES},
                {"es-419", LANG_ES}, {"en", LANG_EN}, {"en-GB", LANG_EN}, {"zh-Hant-TW", LANG_COUNT}};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        enum lang l = LANG_COUNT;
        bool ok = i18n_parse(good[i].tag, &l);
        assert_int_equal(ok, good[i].lang != LANG_COUNT);
        assert_int_equal(l, good[i].lang);
    }
    static const char *const bad[] = {"",      "f",   "fra",    "french",           "fr-", "-fr", "fr--CA",
                                      "fr CA", " fr", "fr;q=1", "fr-toolongsubtag", "fré", "de",  "*"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        enum lang l = LANG_COUNT;
        if (i18n_parse(bad[i], &l))
            print_error("accepted \"%s\"\n", bad[i]);
        assert_int_equal(l, LANG_COUNT);
    }
    enum lang l = LANG_COUNT;
    assert_false(i18n_parse(NULL, &l));
}

static void test_negotiate_precedence(void **state)
{
    (void)state;
    assert_int_equal(i18n_negotiate("es", "fr", "fr"), LANG_ES);
    assert_int_equal(i18n_negotiate(NULL, "fr", "es"), LANG_FR);
    assert_int_equal(i18n_negotiate(NULL, NULL, "es"), LANG_ES);
    assert_int_equal(i18n_negotiate(NULL, NULL, NULL), LANG_EN);
    /* Unusable values give way to the next source. */
    assert_int_equal(i18n_negotiate("klingon", "fr", "es"), LANG_FR);
    assert_int_equal(i18n_negotiate("", "", "es"), LANG_ES);
    assert_int_equal(i18n_negotiate("xx", "yy", "de"), LANG_EN);
    assert_int_equal(i18n_negotiate("en", "fr", "es"), LANG_EN);
}

static void test_negotiate_accept_language(void **state)
{
    (void)state;
    static const struct {
        const char *header;
        enum lang lang;
    } cases[] = {
        {"fr;q=0.5, es;q=0.8", LANG_ES},
        {"de, fr;q=0.9, es;q=0.8", LANG_FR},
        {"de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7,fr;q=0.6", LANG_EN},
        {"pt-BR,pt;q=0.9,es;q=0.8,en;q=0.7", LANG_ES},
        {"fr-CA", LANG_FR},
        {"ES-419", LANG_ES},
        {"fr, es", LANG_FR}, /* ties: the earlier wins */
        {"es;q=0.8, fr;q=0.8", LANG_ES},
        {"es;q=0, fr;q=0.1", LANG_FR}, /* q=0: not acceptable */
        {"es;q=0", LANG_EN},
        {"es;q=0.000, fr;q=0.001", LANG_FR},
        {"fr;q=1.000", LANG_FR},
        {"fr;Q=0.5", LANG_FR},
        {"*", LANG_EN},
        {"*;q=0.5, es;q=0.4", LANG_ES},
        {" fr ; q=0.7 ,\tes;q=0.6 ", LANG_FR}, /* optional white space */
        {", ,fr,", LANG_FR},                   /* empty list elements are allowed */
        {"", LANG_EN},
        {"de, it", LANG_EN},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        enum lang got = i18n_negotiate(NULL, NULL, cases[i].header);
        if (got != cases[i].lang)
            print_error("\"%s\": got %s\n", cases[i].header, i18n_code(got));
        assert_int_equal(got, cases[i].lang);
    }
}

/* A header that breaks RFC 9110's syntax anywhere is ignored as a whole. */
static void test_negotiate_garbage(void **state)
{
    (void)state;
    static const char *const garbage[] = {
        "fr;q=abc",      "fr;q=2",
        "fr;q=1.001",    "fr;q=0.5555",
        "fr;level=1",    "fr;q=0.5;q=0.3",
        "fr es",         "<script>alert(1)</script>",
        "fr,es;q=0.5,@", "fr-toolongsubtag",
        "fr;",           "fr;q=",
        "\xff\xfe",      ";q=1",
        "fr-",           "q=0.5",
    };
    for (size_t i = 0; i < sizeof garbage / sizeof garbage[0]; i++) {
        enum lang got = i18n_negotiate(NULL, NULL, garbage[i]);
        if (got != LANG_EN)
            print_error("\"%s\": got %s\n", garbage[i], i18n_code(got));
        assert_int_equal(got, LANG_EN);
    }
    assert_int_equal(i18n_negotiate(NULL, "es", "fr;q=abc"), LANG_ES);
}

static void test_translations(void **state)
{
    (void)state;
    i18n_use(LANG_FR);
    assert_string_equal(_("Page not found"), "Page introuvable");
    assert_string_equal(_("Date to be announced"), "Date à confirmer");
    /* French counts 0 and 1 as singular, Spanish only 1: the catalogs' Plural-Forms are in use. */
    assert_string_equal(ngettext("%lld participant", "%lld participants", 0), "%lld participant");
    assert_string_equal(ngettext("%lld participant", "%lld participants", 2), "%lld participants");
    i18n_use(LANG_ES);
    assert_string_equal(_("Page not found"), "Página no encontrada");
    assert_string_equal(ngettext("%lld participant", "%lld participants", 0), "%lld participantes");
    i18n_use(LANG_EN);
    assert_string_equal(_("Page not found"), "Page not found");
    assert_string_equal(_("A string with no translation"), "A string with no translation");
}

/* _() remembers translations per thread and language: switching back and forth, asking twice,
 * and a msgid outside static storage (a copy, which is not remembered) all read right. */
static void test_translations_remembered_per_language(void **state)
{
    (void)state;
    static const char msgid[] = "Page not found";
    char *copy = strdup(msgid);
    for (int round = 0; round < 3; round++) {
        i18n_use(LANG_FR);
        assert_string_equal(_(msgid), "Page introuvable");
        assert_string_equal(_(copy), "Page introuvable");
        assert_ptr_equal(_(msgid), gettext(msgid));
        i18n_use(LANG_ES);
        assert_string_equal(_(msgid), "Página no encontrada");
        assert_string_equal(C_("registration status", "Confirmed"), "Confirmada");
        i18n_use(LANG_EN);
        assert_string_equal(_(msgid), "Page not found");
        strcpy(copy, "Bad request"); /* the same address, another msgid */
        i18n_use(LANG_FR);
        assert_string_equal(_(copy), "Requête incorrecte");
        strcpy(copy, msgid);
    }
    free(copy);
}

static void test_environment_and_files(void **state)
{
    (void)state;
    assert_null(getenv("LANGUAGE"));
    assert_string_equal(getenv("LOCPATH"), OLD_LOCPATH);
    static const char *const files[] = {"fr/LC_MESSAGES/dxhub.mo", "es/LC_MESSAGES/dxhub.mo",
                                        "locales/fr.UTF-8/LC_MESSAGES/SYS_LC_MESSAGES"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[256];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", runtime_dir, files[i]);
        assert_int_equal(stat(path, &st), 0);
        assert_true(st.st_size > 0);
    }
    assert_int_equal(i18n_init(runtime_dir), -1); /* only once */
    i18n_use(LANG_FR);
    assert_string_equal(_("Home"), "Accueil"); /* and still working */
    i18n_use(LANG_EN);
}

static void test_ui_strings(void **state)
{
    (void)state;
    /* Every language has every key, and none is left empty. */
    size_t keys = json_object_size(i18n_ui_strings(LANG_EN));
    assert_true(keys >= 47);
    for (int l = 0; l < LANG_COUNT; l++) {
        json_t *t = i18n_ui_strings((enum lang)l);
        assert_int_equal(json_object_size(t), keys);
        const char *key;
        json_t *value;
        json_object_foreach(t, key, value) assert_true(json_string_length(value) > 0);
    }
    assert_string_equal(json_string_value(json_object_get(i18n_ui_strings(LANG_EN), "site_name")),
                        "Diaspora Exchange Hub");
    assert_string_equal(json_string_value(json_object_get(i18n_ui_strings(LANG_FR), "nav_home")), "Accueil");
    assert_string_equal(json_string_value(json_object_get(i18n_ui_strings(LANG_ES), "set")), "Aplicar");
    assert_string_equal(json_string_value(json_object_get(i18n_ui_strings(LANG_FR), "lang_es")), "Espagnol");
    /* Building them left the thread's language alone. */
    assert_string_equal(_("Home"), "Home");
}

#define ROUNDS 1000

static pthread_barrier_t start_line;
static atomic_int wrong;

struct expectation {
    const char *home, *not_found;
};

static const struct expectation expected[LANG_COUNT] = {
    [LANG_EN] = {"Home", "Page not found"},
    [LANG_FR] = {"Accueil", "Page introuvable"},
    [LANG_ES] = {"Inicio", "Página no encontrada"},
};

/* Thread i keeps language i for half the rounds, then changes language every round, so that at
 * every moment the three threads are translating into three different languages. */
static void *translate_worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    pthread_barrier_wait(&start_line);
    i18n_use((enum lang)id);
    for (int k = 0; k < 2 * ROUNDS; k++) {
        enum lang l = k < ROUNDS ? (enum lang)id : (enum lang)((id + k) % LANG_COUNT);
        if (k >= ROUNDS)
            i18n_use(l);
        if (strcmp(_("Page not found"), expected[l].not_found) != 0 || strcmp(_("Home"), expected[l].home) != 0)
            atomic_fetch_add(&wrong, 1);
    }
    return NULL;
}

static void test_threads_translate_independently(void **state)
{
    (void)state;
    pthread_t threads[LANG_COUNT];
    pthread_barrier_init(&start_line, NULL, LANG_COUNT);
    for (int i = 0; i < LANG_COUNT; i++)
        assert_int_equal(pthread_create(&threads[i], NULL, translate_worker, (void *)(intptr_t)i), 0);
    for (int i = 0; i < LANG_COUNT; i++)
        pthread_join(threads[i], NULL);
    pthread_barrier_destroy(&start_line);
    assert_int_equal(atomic_load(&wrong), 0);
    assert_string_equal(_("Home"), "Home"); /* the main thread was not touched */
}

/* Without i18n_init (or after a failed one) everything reads in English. */
static void test_init_failures(void **state)
{
    (void)state;
    char colon[] = "/tmp/dxhub:i18n-XXXXXX";
    assert_int_equal(i18n_init(NULL), -1);
    assert_int_equal(i18n_init(""), -1);
    assert_non_null(mkdtemp(colon));
    assert_int_equal(i18n_init(colon), -1);
    rmdir(colon);
    assert_int_equal(i18n_init("/proc/dxhub-cannot-exist"), -1);
    i18n_use(LANG_FR);
    assert_string_equal(_("Home"), "Home");
    assert_null(i18n_ui_strings(LANG_FR));
    i18n_shutdown();
}

int main(void)
{
    const struct CMUnitTest uninitialised[] = {
        cmocka_unit_test(test_init_failures),
    };
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_codes_and_names),
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_negotiate_precedence),
        cmocka_unit_test(test_negotiate_accept_language),
        cmocka_unit_test(test_negotiate_garbage),
        cmocka_unit_test(test_translations),
        cmocka_unit_test(test_translations_remembered_per_language),
        cmocka_unit_test(test_environment_and_files),
        cmocka_unit_test(test_ui_strings),
        cmocka_unit_test(test_threads_translate_independently),
    };
    int failed = cmocka_run_group_tests_name("i18n before init", uninitialised, NULL, NULL);
    return failed + cmocka_run_group_tests_name("i18n", tests, setup, teardown);
}
