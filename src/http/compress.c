/* Gzip of rendered HTML and JSON answers, and the zlib call the page cache shares. */
#include "http/compress.h"

#include <microhttpd.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "core/alloc.h"
#include "http/static.h"

char *compress_gzip(const char *data, size_t len, int level, size_t *outlen)
{
    z_stream z = {0};
    /* 15 + 16: a 32 KiB window with a gzip header; memLevel 8 is zlib's default. */
    if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return NULL;
    size_t cap = deflateBound(&z, len) + 32;
    char *out = xmalloc(cap);
    z.next_in = (unsigned char *)data;
    z.avail_in = (uInt)len;
    z.next_out = (unsigned char *)out;
    z.avail_out = (uInt)cap;
    int rc = deflate(&z, Z_FINISH);
    *outlen = z.total_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END || *outlen >= len) {
        free(out);
        return NULL;
    }
    return out;
}

/* HTML and JSON only: images, video and other uploads are compressed
 * already or served by ranges. */
static bool compressible_type(const char *type)
{
    return type && (strncasecmp(type, "text/html", 9) == 0 || strncasecmp(type, "application/json", 16) == 0);
}

static bool vary_names_encoding(const struct request *req)
{
    for (size_t i = 0; i < req->headers.n; i++)
        if (strcasecmp(req->headers.items[i].key, MHD_HTTP_HEADER_VARY) == 0 &&
            strcasestr(req->headers.items[i].value, "Accept-Encoding"))
            return true;
    return false;
}

static bool has_header(const struct request *req, const char *name)
{
    for (size_t i = 0; i < req->headers.n; i++)
        if (strcasecmp(req->headers.items[i].key, name) == 0)
            return true;
    return false;
}

void compress_response(struct request *req)
{
    if (req->stream_read || req->resp_len < COMPRESS_MIN_BYTES || !compressible_type(req->content_type) ||
        req->status == MHD_HTTP_PARTIAL_CONTENT || has_header(req, MHD_HTTP_HEADER_CONTENT_RANGE) ||
        has_header(req, MHD_HTTP_HEADER_CONTENT_ENCODING))
        return;
    if (!vary_names_encoding(req))
        request_add_header(req, MHD_HTTP_HEADER_VARY, "Accept-Encoding");
    if (!static_accepts_gzip(request_header(req, MHD_HTTP_HEADER_ACCEPT_ENCODING)))
        return;
    size_t len;
    char *gz = compress_gzip(req->resp_body, req->resp_len, COMPRESS_LEVEL_RENDERED, &len);
    if (!gz)
        return;
    request_respond_owned(req, req->status, req->content_type, gz, len);
    request_add_header(req, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
}
