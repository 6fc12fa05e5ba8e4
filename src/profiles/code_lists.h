/* The countries (ISO 3166-1 alpha-2) and spoken languages (ISO 639-1) that
 * people and organisations pick from, named by ICU in each interface
 * language and sorted with ICU collation for that language.
 *
 * The lists are built once, on first use, for every language, and are
 * immutable afterwards: every function here is safe to call from any thread.
 * Codes are upper case for countries ("SN") and lower case for languages
 * ("wo"). */
#ifndef DXHUB_PROFILES_CODE_LISTS_H
#define DXHUB_PROFILES_CODE_LISTS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "i18n/i18n.h"

/* A code and its name in one language (UTF-8). */
struct named_code {
    const char *code, *name;
};

/* True when code is one of the offered countries: ICU's list of ISO 3166-1
 * regions, less the codes ISO only reserves (DG, EA, IC). NULL is false. */
bool country_valid(const char *code);
/* The country's name in lang ("Sénégal" for "SN" in French), or NULL when
 * code is not valid. The string is owned by this module. */
const char *country_name(const char *code, enum lang lang);
/* Stores in *list the countries sorted by name for lang (module-owned) and
 * returns how many there are. */
size_t country_list(enum lang lang, const struct named_code **list);

/* The same for the spoken languages people may list on their profile: a
 * short list of ISO 639-1 codes. */
bool spoken_language_valid(const char *code);
const char *spoken_language_name(const char *code, enum lang lang);
size_t spoken_language_list(enum lang lang, const struct named_code **list);

/* Options for a picker: a new array of {"code", "name", "selected"} in the
 * list's order for lang, selected when the code is one of the strings in the
 * array chosen (borrowed; NULL selects nothing). */
json_t *country_options(enum lang lang, const json_t *chosen);
json_t *spoken_language_options(enum lang lang, const json_t *chosen);

/* Names for display: a new array of {"code", "name"} for the valid codes in
 * the array codes (borrowed; strings), ordered by name for lang. Unknown
 * codes are left out. */
json_t *country_names(enum lang lang, const json_t *codes);
json_t *spoken_language_names(enum lang lang, const json_t *codes);

/* Sorts array (of objects) in place by each object's string member key,
 * with ICU collation for lang, so names sort as readers of that language
 * expect ("Égypte" beside "Équateur", not after "Zambie"). An object
 * without that member sorts as an empty name, first; ties keep their order. */
void collation_sort(enum lang lang, json_t *array, const char *key);

#endif
