/* The security headers every response carries. */
#ifndef DXHUB_HTTP_SECURITY_H
#define DXHUB_HTTP_SECURITY_H

#include <stdbool.h>

struct MHD_Response;

/* Adds X-Content-Type-Options to resp and, when it may be shown as a
 * document (every answer but an event stream), Content-Security-Policy (no
 * inline scripts, no third-party origins, frame-ancestors 'none'),
 * Referrer-Policy, Permissions-Policy and X-Frame-Options. An event stream
 * is read by EventSource, never rendered nor framed, and libmicrohttpd keeps
 * a copy of each header for the stream's whole life (about 0.7 KB of the
 * 16 KB budget per stream). */
void security_add_headers(struct MHD_Response *resp, bool document);

#endif
