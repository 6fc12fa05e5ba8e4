/* libFuzzer target: time zone names as the tz cookie, the profile and the
 * time-zone picker give them (src/i18n/tz.c: tz_valid, and the offsets and
 * conversions of the zone they name, read from the system tzdata).
 *
 * Input: 8 bytes of instant (little-endian, any value), then the zone name;
 * shorter inputs are a name alone. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "i18n/tz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int64_t utc = 0;
    if (size >= 8) {
        memcpy(&utc, data, 8);
        data += 8, size -= 8;
    }
    char *zone = harness_string(data, size);
    bool valid = tz_valid(zone);
    if (valid && (zone[0] == '/' || strstr(zone, "..")))
        abort();
    int offset;
    char abbr[TZ_ABBR_MAX];
    int rc = tz_offset(zone, utc, &offset, abbr);
    if ((rc == 0) != valid || offset < -26 * 3600 || offset > 26 * 3600 || !memchr(abbr, '\0', sizeof abbr))
        abort();
    struct civil local;
    tz_utc_to_local(zone, utc, &local);
    if (local.month < 1 || local.month > 12 || local.day < 1 || local.day > 31)
        abort();
    int64_t back;
    tz_local_to_utc(zone, &local, &back);
    free(zone);
    return 0;
}
