/* libFuzzer target: the Cookie header, as the hub reads it (libmicrohttpd
 * splits it; the session hook takes sid and csrf, the language and time
 * zone choices are parsed and validated: src/accounts/session.c,
 * src/http/viewer_tz.c, src/i18n/i18n.c and tz.c).
 *
 * Input: the header's value. The request goes through the real server on a
 * loopback port; a newline in the input starts further headers. */
#include "harness.h"
#include "harness_server.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    harness_server_start();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    harness_server_send("GET /cookie HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\nCookie: ", data, size, "\r\n\r\n");
    return 0;
}
