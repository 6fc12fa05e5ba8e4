/* The hub's public address when --base-url is not given: derived from the
 * address it listens on. */
#ifndef DXHUB_APP_BASE_URL_H
#define DXHUB_APP_BASE_URL_H

#include <stdbool.h>
#include <stddef.h>

/* Writes into out (n bytes) "http://HOST:PORT" for listen ("ADDR:PORT",
 * "[V6]:PORT" or ":PORT") and port (the port actually bound, which replaces
 * the one in listen, e.g. 0): HOST is the listen address as written, or the
 * machine's host name (gethostname) for a wildcard one (":PORT", 0.0.0.0,
 * [::]). *loopback is set when HOST is a loopback address (127.0.0.0/8,
 * [::1], localhost), whose links work only on this machine. Returns 0, or
 * -1 when listen has no ':' or out is too small. */
int base_url_from_listen(const char *listen, unsigned port, char *out, size_t n, bool *loopback);

#endif
