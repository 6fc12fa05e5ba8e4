/* Static assets served from the binary under content-hashed URLs. */
#include "http/static.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/embedded.h"
#include "http/server.h"

struct asset {
    const struct embedded_file *file;
    const char *name; /* "app.css" */
    char *url;        /* "/static/app.<hash>.css" */
};

static struct asset *assets;
static size_t nassets;
static char *dev_folder;

static const char *content_type_of(const char *name)
{
    static const struct {
        const char *ext, *type;
    } types[] = {{".css", "text/css; charset=utf-8"},
                 {".js", "text/javascript; charset=utf-8"},
                 {".svg", "image/svg+xml"},
                 {".png", "image/png"},
                 {".ico", "image/x-icon"},
                 {".woff2", "font/woff2"},
                 {".webmanifest", "application/manifest+json"},
                 {".txt", "text/plain; charset=utf-8"}};
    const char *dot = strrchr(name, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(dot, types[i].ext) == 0)
            return types[i].type;
    return "application/octet-stream";
}

int static_init(const char *dev_dir)
{
    dev_folder = dev_dir ? xstrdup(dev_dir) : NULL;
    assets = xcalloc(embedded_files_count, sizeof *assets);
    for (size_t i = 0; i < embedded_files_count; i++) {
        const struct embedded_file *f = &embedded_files[i];
        if (strncmp(f->name, "static/", 7) != 0)
            continue;
        struct asset *a = &assets[nassets++];
        a->file = f;
        a->name = f->name + 7;
        const char *dot = strrchr(a->name, '.');
        size_t stem = dot ? (size_t)(dot - a->name) : strlen(a->name);
        size_t len = strlen(a->name) + strlen(f->hash) + 16;
        a->url = xmalloc(len);
        snprintf(a->url, len, "/static/%.*s.%s%s", (int)stem, a->name, f->hash, dot ? dot : "");
    }
    return 0;
}

void static_shutdown(void)
{
    for (size_t i = 0; i < nassets; i++)
        free(assets[i].url);
    free(assets);
    free(dev_folder);
    assets = NULL;
    dev_folder = NULL;
    nassets = 0;
}

const char *static_url(const char *name)
{
    for (size_t i = 0; i < nassets; i++)
        if (strcmp(assets[i].name, name) == 0)
            return assets[i].url;
    return NULL;
}

bool static_accepts_gzip(const char *accept_encoding)
{
    for (const char *p = accept_encoding; p && *p;) {
        p += strspn(p, " \t,");
        size_t len = strcspn(p, ",");
        size_t token = strcspn(p, " \t;,");
        if ((token == 4 && strncasecmp(p, "gzip", 4) == 0) || (token == 1 && *p == '*')) {
            const char *q = memchr(p, ';', len);
            if (!q)
                return true;
            q += strspn(q + 1, " \t") + 1;
            if (strncmp(q, "q=", 2) != 0 || strtod(q + 2, NULL) > 0)
                return true;
            return false;
        }
        p += len;
    }
    return false;
}

/* Splits "app.<hash>.css" into the asset it names; NULL when unknown or
 * when the hash is not the current one. */
static const struct asset *asset_for(const char *file)
{
    for (size_t i = 0; i < nassets; i++)
        if (strcmp(assets[i].url + strlen("/static/"), file) == 0)
            return &assets[i];
    return NULL;
}

static bool safe_name(const char *s)
{
    if (!*s || *s == '.')
        return false;
    for (; *s; s++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-", *s))
            return false;
    return true;
}

static void serve_dev(struct request *req, const struct asset *a)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dev_folder, a->name);
    FILE *f = safe_name(a->name) ? fopen(path, "rb") : NULL;
    if (!f) {
        server_error_page(req, 404);
        return;
    }
    struct buf b = BUF_INIT;
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&b, chunk, n);
    fclose(f);
    request_add_header(req, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
    size_t len;
    char *data = buf_detach(&b, &len);
    request_respond_owned(req, 200, content_type_of(a->name), data, len);
}

void static_serve(struct request *req)
{
    const struct asset *a = asset_for(request_param(req, "file"));
    if (!a) {
        server_error_page(req, 404);
        return;
    }
    if (dev_folder) {
        serve_dev(req, a);
        return;
    }
    /* Each content-coding is a different representation: its own strong ETag. */
    bool gzip = a->file->gz && static_accepts_gzip(request_header(req, MHD_HTTP_HEADER_ACCEPT_ENCODING));
    const char *etag = arena_printf(req->arena, "\"%s%s\"", a->file->hash, gzip ? "-gz" : "");
    request_add_header(req, MHD_HTTP_HEADER_ETAG, etag);
    request_add_header(req, MHD_HTTP_HEADER_CACHE_CONTROL, "public, max-age=31536000, immutable");
    request_add_header(req, MHD_HTTP_HEADER_VARY, "Accept-Encoding");
    const char *inm = request_header(req, MHD_HTTP_HEADER_IF_NONE_MATCH);
    if (inm && (strstr(inm, etag) || strcmp(inm, "*") == 0)) {
        request_respond(req, 304, NULL, "", 0);
        return;
    }
    if (gzip) {
        request_add_header(req, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
        request_respond(req, 200, content_type_of(a->name), (const char *)a->file->gz, a->file->gzlen);
        return;
    }
    request_respond(req, 200, content_type_of(a->name), (const char *)a->file->data, a->file->len);
}
