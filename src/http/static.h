/* Static assets (CSS, JS, icons) embedded in the binary and served under
 * content-hashed URLs: /static/app.<hash>.css, cached as immutable, with
 * ETag/If-None-Match and build-time gzip copies. */
#ifndef DXHUB_HTTP_STATIC_H
#define DXHUB_HTTP_STATIC_H

#include "http/request.h"

/* Indexes the embedded "static/" files. With dev_dir non-NULL, files are read
 * from that folder on every request instead (no caching), so edits show on
 * reload. Returns 0. */
int static_init(const char *dev_dir);
void static_shutdown(void);
/* The public URL of asset `name` ("app.css"), or NULL when there is none.
 * The string lives until static_shutdown(). */
const char *static_url(const char *name);
/* Route handler for GET /static/{file}. */
void static_serve(struct request *req);
/* True when an Accept-Encoding header value accepts gzip (q > 0). */
bool static_accepts_gzip(const char *accept_encoding);

#endif
