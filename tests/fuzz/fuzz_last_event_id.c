/* libFuzzer target: the Last-Event-ID header (or ?last_event_id=) of a
 * live room's stream, read by the static parse_id() of
 * src/live/live_stream.c; the file is included here so that the very code
 * the server runs is the code fuzzed (its page handler is renamed so as not
 * to clash with the library's copy).
 *
 * Input: the header's value. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

#define page_room_stream fuzz_page_room_stream_unused
#include "live/live_stream.c"
#undef page_room_stream

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = harness_string(data, size);
    int64_t id;
    if (parse_id(s, &id)) {
        /* Accepted: only digits, and the number they spell. */
        if (s[strspn(s, "0123456789")] != '\0' || id < 0)
            abort();
        char back[32];
        snprintf(back, sizeof back, "%" PRId64, id);
        const char *digits = s + strspn(s, "0");
        if (strcmp(back, *digits ? digits : "0") != 0)
            abort();
    }
    free(s);
    return 0;
}
