/* libFuzzer target: routing a still-encoded request path against the hub's
 * real route table (src/http/router.c, src/app/routes.c) and decoding the
 * path and its parameters as src/http/server.c does (src/http/form.c:
 * url_decode, utf8_valid).
 *
 * Input: one byte choosing the method, then the path. */
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "harness.h"
#include "http/form.h"
#include "http/router.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    struct arena *a = arena_create();
    struct request req = {.arena = a, .method = (enum http_method)(data[0] % (HTTP_OTHER + 1))};
    req.raw_path = arena_strndup(a, (const char *)data + 1, size - 1);
    size_t len = 0;
    const char *path = url_decode(a, req.raw_path, strlen(req.raw_path), false, &len);
    if (path && (strlen(path) != len || !utf8_valid(path, len)))
        abort();
    char allow[64];
    if (router_match(app_routes, app_nroutes, &req, allow, sizeof allow) == ROUTE_FOUND) {
        /* Every parameter is decoded, NUL-free UTF-8. */
        for (size_t i = 0; i < req.params.n; i++)
            if (!utf8_valid(req.params.items[i].value, strlen(req.params.items[i].value)))
                abort();
    }
    arena_destroy(a);
    return 0;
}
