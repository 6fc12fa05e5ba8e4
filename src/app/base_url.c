/* The public address derived from the listen address (see base_url.h). */
#include "app/base_url.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

int base_url_from_listen(const char *listen, unsigned port, char *out, size_t n, bool *loopback)
{
    const char *colon = strrchr(listen, ':');
    if (!colon)
        return -1;
    char host[256];
    int hlen = (int)(colon - listen);
    if (hlen >= (int)sizeof host)
        return -1;
    snprintf(host, sizeof host, "%.*s", hlen, listen);
    if (!host[0] || strcmp(host, "0.0.0.0") == 0 || strcmp(host, "[::]") == 0) {
        if (gethostname(host, sizeof host) || !host[0])
            snprintf(host, sizeof host, "localhost");
        host[sizeof host - 1] = '\0';
    }
    *loopback = strncmp(host, "127.", 4) == 0 || strcmp(host, "[::1]") == 0 || strcmp(host, "localhost") == 0;
    int w = snprintf(out, n, "http://%s:%u", host, port);
    return w > 0 && (size_t)w < n ? 0 : -1;
}
