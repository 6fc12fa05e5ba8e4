/* libFuzzer target for the parsers of untrusted request text: form bodies
 * and query strings, percent-decoding, UTF-8 validation, route matching and
 * Accept-Encoding / Accept-Language parsing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/form.h"
#include "http/router.h"
#include "http/static.h"
#include "i18n/i18n.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena *a = arena_create();
    struct kvlist list = {0};
    form_parse_urlencoded(a, (const char *)data, size, &list);
    for (size_t i = 0; i < list.n; i++)
        if (strlen(list.items[i].key) > size || !utf8_valid(list.items[i].value, strlen(list.items[i].value)))
            abort();
    url_decode(a, (const char *)data, size, false, NULL);
    char *s = arena_strndup(a, (const char *)data, size);
    static_accepts_gzip(s);
    i18n_negotiate(s, s, s);
    struct kvlist params = {0};
    router_pattern_match("/events/{slug}/sessions/{id}.ics", s, a, &params);
    arena_destroy(a);
    return 0;
}
