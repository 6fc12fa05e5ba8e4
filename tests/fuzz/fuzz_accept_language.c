/* libFuzzer target: choosing the language from Accept-Language, the lang
 * cookie and ?lang= (src/i18n/i18n.c: i18n_negotiate, i18n_parse).
 *
 * Input: the text of any of the three (each is tried). */
#include <stdlib.h>

#include "harness.h"
#include "i18n/i18n.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = harness_string(data, size);
    enum lang parsed;
    if (i18n_parse(s, &parsed) && (parsed < 0 || parsed >= LANG_COUNT))
        abort();
    enum lang from_header = i18n_negotiate(NULL, NULL, s);
    enum lang from_choice = i18n_negotiate(s, s, NULL);
    if (from_header >= LANG_COUNT || from_choice >= LANG_COUNT)
        abort();
    free(s);
    return 0;
}
