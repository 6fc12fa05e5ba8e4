/* libFuzzer target: a whole raw HTTP request through the real server
 * (libmicrohttpd's request line and header parsing, then
 * src/http/server.c: the path kept encoded and decoded, the query
 * arguments, the header limits and smuggling checks, the body cap, the
 * form body, the route's parameters and the central CSRF check).
 *
 * Input: the bytes a client sends on one connection. */
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
    harness_server_send(NULL, data, size, NULL);
    return 0;
}
