/* Gzip for rendered answers: every HTML and JSON body of COMPRESS_MIN_BYTES
 * or more is sent gzipped to a client that accepts it. */
#ifndef DXHUB_HTTP_COMPRESS_H
#define DXHUB_HTTP_COMPRESS_H

#include <stddef.h>

#include "http/request.h"

/* Smaller bodies are sent as they are: the gzip header and the lost
 * Content-Length-sized saving cost more than they bring. */
#define COMPRESS_MIN_BYTES 1024
/* zlib level for pages rendered per request (measured in README's DESIGN notes). */
#define COMPRESS_LEVEL_RENDERED 1

/* The gzip form of data[0..len) at zlib level (1..9): a malloc'ed buffer
 * whose length is stored in *outlen, owned by the caller; NULL when zlib
 * fails or the result would not be smaller than the input. */
char *compress_gzip(const char *data, size_t len, int level, size_t *outlen);

/* Called once the handler has answered, before sending: when req's answer
 * is a buffered (not streamed) HTML or JSON body of COMPRESS_MIN_BYTES or
 * more, with no Content-Encoding yet and not a range (206, Content-Range),
 * adds "Vary: Accept-Encoding" unless a Vary header names it, and when the
 * client accepts gzip replaces the body by its gzip form
 * (COMPRESS_LEVEL_RENDERED) with "Content-Encoding: gzip". Anything else is
 * left as it is. */
void compress_response(struct request *req);

#endif
