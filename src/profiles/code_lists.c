/* Countries and spoken languages named by ICU in each interface language,
 * sorted by ICU collation, built once. */
#include "profiles/code_lists.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/uldnames.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include "core/alloc.h"

#define NAME_UCHARS 128
#define MAX_COUNTRIES 300

/* Languages of diasporas and of the countries they live in, as ISO 639-1. */
static const char *const spoken_codes[] = {
    "af", "am", "ar", "bn", "de", "el", "en", "es", "fa", "ff", "fr", "gu", "ha", "he", "hi",
    "ht", "hy", "id", "ig", "it", "ja", "ka", "km", "ko", "ku", "ln", "mg", "ml", "mr", "ms",
    "my", "ne", "nl", "om", "pa", "pl", "ps", "pt", "ro", "ru", "rw", "si", "so", "sq", "sw",
    "ta", "te", "th", "ti", "tl", "tr", "uk", "ur", "vi", "wo", "xh", "yo", "zh", "zu",
};

/* In ICU's region list but only "exceptionally reserved" by ISO 3166-1. */
static const char *const reserved_regions[] = {"DG", "EA", "IC"};

struct list {
    struct named_code *items;
    size_t n;
};

static const char *country_codes[MAX_COUNTRIES];
static size_t ncountry_codes;
static struct list countries[LANG_COUNT], languages[LANG_COUNT];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* A name being sorted: its UTF-16 form is what the collator compares. */
struct entry {
    const char *code;
    UChar name[NAME_UCHARS];
    int32_t len;
};

static UCollator *sorting; /* only used inside build_all(), under `once` */

static int by_name(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    UCollationResult r = sorting ? ucol_strcoll(sorting, x->name, x->len, y->name, y->len) : UCOL_EQUAL;
    return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : strcmp(x->code, y->code);
}

/* Names codes[0..n) in lang (regions or languages) and sorts them. A name
 * ICU cannot give is the code itself, so a list is never short of entries. */
static void build(struct list *out, const char *const *codes, size_t n, bool regions, enum lang lang)
{
    const char *locale = i18n_code(lang);
    UErrorCode st = U_ZERO_ERROR;
    UDisplayContext context[] = {UDISPCTX_CAPITALIZATION_FOR_UI_LIST_OR_MENU};
    ULocaleDisplayNames *names = uldn_openForContext(locale, context, 1, &st);
    if (U_FAILURE(st))
        names = NULL;
    struct entry *e = xcalloc(n, sizeof *e);
    for (size_t i = 0; i < n; i++) {
        e[i].code = codes[i];
        UErrorCode s = U_ZERO_ERROR;
        int32_t len = 0;
        if (names)
            len = regions ? uldn_regionDisplayName(names, codes[i], e[i].name, NAME_UCHARS, &s)
                          : uldn_languageDisplayName(names, codes[i], e[i].name, NAME_UCHARS, &s);
        if (!names || U_FAILURE(s) || len <= 0 || len >= NAME_UCHARS) {
            u_uastrncpy(e[i].name, codes[i], NAME_UCHARS - 1);
            len = (int32_t)strlen(codes[i]);
        }
        e[i].len = len;
    }
    if (names)
        uldn_close(names);
    st = U_ZERO_ERROR;
    sorting = ucol_open(locale, &st);
    if (U_FAILURE(st))
        sorting = NULL;
    qsort(e, n, sizeof *e, by_name);
    if (sorting)
        ucol_close(sorting);
    sorting = NULL;

    out->items = xcalloc(n, sizeof *out->items);
    out->n = n;
    for (size_t i = 0; i < n; i++) {
        char utf8[NAME_UCHARS * 3 + 1];
        UErrorCode s = U_ZERO_ERROR;
        u_strToUTF8(utf8, sizeof utf8, NULL, e[i].name, e[i].len, &s);
        out->items[i].code = e[i].code;
        out->items[i].name = xstrdup(U_SUCCESS(s) ? utf8 : e[i].code);
    }
    free(e);
}

static bool reserved(const char *code)
{
    for (size_t i = 0; i < sizeof reserved_regions / sizeof reserved_regions[0]; i++)
        if (strcmp(code, reserved_regions[i]) == 0)
            return true;
    return false;
}

static void build_all(void)
{
    for (const char *const *c = uloc_getISOCountries(); *c && ncountry_codes < MAX_COUNTRIES; c++)
        if (!reserved(*c))
            country_codes[ncountry_codes++] = *c;
    for (int l = 0; l < LANG_COUNT; l++) {
        build(&countries[l], country_codes, ncountry_codes, true, (enum lang)l);
        build(&languages[l], spoken_codes, sizeof spoken_codes / sizeof spoken_codes[0], false, (enum lang)l);
    }
}

static const struct list *lists(struct list *all, enum lang lang)
{
    pthread_once(&once, build_all);
    return &all[(unsigned)lang < LANG_COUNT ? lang : LANG_EN];
}

static const char *name_in(const struct list *l, const char *code)
{
    if (!code)
        return NULL;
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i].code, code) == 0)
            return l->items[i].name;
    return NULL;
}

bool country_valid(const char *code)
{
    return name_in(lists(countries, LANG_EN), code) != NULL;
}

const char *country_name(const char *code, enum lang lang)
{
    return name_in(lists(countries, lang), code);
}

size_t country_list(enum lang lang, const struct named_code **list)
{
    const struct list *l = lists(countries, lang);
    *list = l->items;
    return l->n;
}

bool spoken_language_valid(const char *code)
{
    return name_in(lists(languages, LANG_EN), code) != NULL;
}

const char *spoken_language_name(const char *code, enum lang lang)
{
    return name_in(lists(languages, lang), code);
}

size_t spoken_language_list(enum lang lang, const struct named_code **list)
{
    const struct list *l = lists(languages, lang);
    *list = l->items;
    return l->n;
}

static bool chosen_has(const json_t *chosen, const char *code)
{
    size_t i;
    json_t *v;
    json_array_foreach (chosen, i, v)
        if (json_is_string(v) && strcmp(json_string_value(v), code) == 0)
            return true;
    return false;
}

static json_t *options(const struct list *l, const json_t *chosen)
{
    json_t *out = json_array();
    for (size_t i = 0; i < l->n; i++)
        json_array_append_new(out, json_pack("{s:s, s:s, s:b}", "code", l->items[i].code, "name", l->items[i].name,
                                             "selected", chosen && chosen_has(chosen, l->items[i].code)));
    return out;
}

json_t *country_options(enum lang lang, const json_t *chosen)
{
    return options(lists(countries, lang), chosen);
}

json_t *spoken_language_options(enum lang lang, const json_t *chosen)
{
    return options(lists(languages, lang), chosen);
}

/* Walking the sorted list keeps the collation order without sorting again. */
static json_t *names(const struct list *l, const json_t *codes)
{
    json_t *out = json_array();
    for (size_t i = 0; i < l->n; i++)
        if (codes && chosen_has(codes, l->items[i].code))
            json_array_append_new(out, json_pack("{s:s, s:s}", "code", l->items[i].code, "name", l->items[i].name));
    return out;
}

json_t *country_names(enum lang lang, const json_t *codes)
{
    return names(lists(countries, lang), codes);
}

json_t *spoken_language_names(enum lang lang, const json_t *codes)
{
    return names(lists(languages, lang), codes);
}

struct sort_item {
    json_t *value;
    UChar *key;
    int32_t len;
    size_t position;
};

static int by_key(const void *a, const void *b, void *collator)
{
    const struct sort_item *x = a, *y = b;
    UCollationResult r = collator ? ucol_strcoll(collator, x->key, x->len, y->key, y->len) : UCOL_EQUAL;
    if (r != UCOL_EQUAL)
        return r == UCOL_LESS ? -1 : 1;
    return x->position < y->position ? -1 : x->position > y->position;
}

void collation_sort(enum lang lang, json_t *array, const char *key)
{
    size_t n = json_array_size(array);
    if (n < 2)
        return;
    struct sort_item *items = xcalloc(n, sizeof *items);
    for (size_t i = 0; i < n; i++) {
        const char *text = json_string_value(json_object_get(json_array_get(array, i), key));
        UErrorCode st = U_ZERO_ERROR;
        int32_t len = 0;
        u_strFromUTF8(NULL, 0, &len, text ? text : "", -1, &st);
        items[i] = (struct sort_item){.value = json_incref(json_array_get(array, i)), .position = i};
        items[i].key = xcalloc((size_t)len + 1, sizeof(UChar));
        st = U_ZERO_ERROR;
        u_strFromUTF8(items[i].key, len + 1, &items[i].len, text ? text : "", -1, &st);
        if (U_FAILURE(st))
            items[i].len = 0;
    }
    UErrorCode st = U_ZERO_ERROR;
    UCollator *collator = ucol_open(i18n_code(lang), &st);
    qsort_r(items, n, sizeof *items, by_key, U_SUCCESS(st) ? collator : NULL);
    if (collator)
        ucol_close(collator);
    json_array_clear(array);
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(array, items[i].value);
        free(items[i].key);
    }
    free(items);
}
