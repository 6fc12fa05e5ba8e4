/* libFuzzer target: the TZif reader and POSIX TZ rules (src/i18n/tzif.c,
 * tzrule.c). No request reaches them with its own bytes (they read the
 * system's tzdata, under names tz_valid() checked), but they parse files,
 * so they get arbitrary bytes here.
 *
 * Input: a TZif file; its text (as a TZ rule) is tried too. */
#include <stdlib.h>

#include "harness.h"
#include "i18n/tzif.h"

static const int64_t instants[] = {INT64_MIN,  -TZIF_UTC_LIMIT - 1, -2208988800,        0,
                                   1700000000, 4102444800,          TZIF_UTC_LIMIT + 1, INT64_MAX};

static void check(const struct tzif_type *t)
{
    if (!t || t->utoff < -26 * 3600 || t->utoff > 26 * 3600)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tzif z;
    if (tzif_parse(data, size, &z) == 0) {
        for (size_t i = 0; i < sizeof instants / sizeof instants[0]; i++)
            check(tzif_lookup(&z, instants[i]));
        for (size_t i = 0; i < z.ntimes && i < 64; i++)
            check(tzif_lookup(&z, z.times[i]));
        tzif_free(&z);
    }
    char *s = harness_string(data, size);
    struct tzif_rule rule;
    if (tzif_rule_parse(s, &rule) == 0)
        for (size_t i = 0; i < sizeof instants / sizeof instants[0]; i++)
            check(tzif_rule_lookup(&rule, instants[i]));
    free(s);
    return 0;
}
