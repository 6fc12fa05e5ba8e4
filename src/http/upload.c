/* Multipart uploads: libmicrohttpd's post processor, text fields into the
 * form, files streamed to temporary files with their SHA-256. */
#include "http/upload.h"

#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/log.h"

/* One part being read: a text field (fd < 0) or a file. */
struct part {
    struct upload_file file;
    int fd;
    crypto_hash_sha256_state hash;
    bool is_file;
    struct part *next;
};

struct upload {
    struct request *req;
    struct MHD_PostProcessor *pp;
    size_t text_limit, text_used;
    uint64_t received;
    struct part *parts, *current;
    struct buf text; /* the current text field's value */
    bool failed;     /* too large or malformed: the rest is dropped */
};

static const char *upload_dir;

void upload_set_dir(const char *dir)
{
    upload_dir = dir;
}

bool upload_is_multipart(const struct request *req)
{
    const char *type = request_header(req, MHD_HTTP_HEADER_CONTENT_TYPE);
    return req->method == HTTP_POST && type && strncasecmp(type, "multipart/form-data", 19) == 0;
}

/* Ends the current part: a text field joins the form, a file gets its hash. */
static void part_close(struct upload *up)
{
    struct part *p = up->current;
    if (!p)
        return;
    up->current = NULL;
    if (!p->is_file) {
        const char *v = buf_str(&up->text);
        if (!utf8_valid(v, up->text.len) || strlen(v) != up->text.len) {
            up->req->bad_input = true;
            up->failed = true;
        } else {
            kvlist_add(up->req->arena, &up->req->form, p->file.field, arena_strndup(up->req->arena, v, up->text.len));
        }
        buf_reset(&up->text);
        return;
    }
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&p->hash, digest);
    sodium_bin2hex(p->file.sha256, sizeof p->file.sha256, digest, sizeof digest);
    if (p->fd >= 0 && close(p->fd) != 0)
        up->failed = up->req->bad_input = true;
    p->fd = -1;
}

static struct part *part_open(struct upload *up, const char *key, const char *filename)
{
    struct arena *a = up->req->arena;
    struct part *p = arena_alloc(a, sizeof *p);
    p->fd = -1;
    p->file.field = arena_strdup(a, key ? key : "");
    p->is_file = filename && *filename;
    if (p->is_file) {
        p->file.filename = arena_strdup(a, filename);
        char *path = upload_dir ? arena_printf(a, "%s/upload-XXXXXX", upload_dir) : NULL;
        p->fd = path ? mkstemp(path) : -1;
        if (p->fd < 0) {
            log_event(LOG_ERROR, up->req->id, "cannot create a temporary upload file", "error", strerror(errno), NULL);
            return NULL;
        }
        p->file.tmp_path = path;
        crypto_hash_sha256_init(&p->hash);
    }
    p->next = up->parts;
    up->parts = p;
    up->current = p;
    return p;
}

static bool file_write(struct part *p, const char *data, size_t size)
{
    if (p->file.head_len < UPLOAD_HEAD_MAX) {
        size_t n = UPLOAD_HEAD_MAX - p->file.head_len < size ? UPLOAD_HEAD_MAX - p->file.head_len : size;
        memcpy(p->file.head + p->file.head_len, data, n);
        p->file.head_len += n;
    }
    crypto_hash_sha256_update(&p->hash, (const unsigned char *)data, size);
    p->file.size += size;
    while (size) {
        ssize_t w = write(p->fd, data, size);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        data += w;
        size -= (size_t)w;
    }
    return true;
}

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
                               const char *content_type, const char *transfer_encoding, const char *data, uint64_t off,
                               size_t size)
{
    (void)kind, (void)content_type, (void)transfer_encoding;
    struct upload *up = cls;
    struct part *p = up->current;
    bool file = filename && *filename;
    /* A part begins at offset 0; an empty first call for it may come before its data. */
    bool same = p && off > 0;
    if (p && off == 0 && p->is_file == file && strcmp(p->file.field, key ? key : "") == 0 &&
        (file ? p->file.size == 0 && strcmp(p->file.filename, filename) == 0 : up->text.len == 0))
        same = true;
    if (!same) {
        part_close(up);
        p = part_open(up, key, filename);
        if (!p) {
            up->failed = up->req->bad_input = true;
            return MHD_NO;
        }
    }
    if (!size)
        return MHD_YES;
    if (p->is_file) {
        if (!file_write(p, data, size)) {
            log_event(LOG_ERROR, up->req->id, "cannot write a temporary upload file", "error", strerror(errno), NULL);
            up->failed = up->req->bad_input = true;
            return MHD_NO;
        }
        return MHD_YES;
    }
    up->text_used += size;
    if (up->text_used > up->text_limit) {
        up->failed = up->req->too_large = true;
        return MHD_NO;
    }
    buf_append(&up->text, data, size);
    return MHD_YES;
}

/* Runs when the request's arena goes: temporary files not taken are removed. */
static void upload_cleanup(void *arg)
{
    struct upload *up = arg;
    if (up->pp)
        MHD_destroy_post_processor(up->pp);
    for (struct part *p = up->parts; p; p = p->next) {
        if (p->fd >= 0)
            close(p->fd);
        if (p->file.tmp_path)
            unlink(p->file.tmp_path);
    }
    buf_free(&up->text);
}

int upload_begin(struct request *req, size_t text_limit)
{
    struct upload *up = arena_alloc(req->arena, sizeof *up);
    up->req = req;
    up->text_limit = text_limit;
    req->upload = up;
    arena_defer(req->arena, upload_cleanup, up);
    up->pp = MHD_create_post_processor(req->conn, 64 * 1024, on_part, up);
    if (!up->pp) {
        up->failed = req->bad_input = true;
        return -1;
    }
    return 0;
}

void upload_feed(struct request *req, const char *data, size_t size)
{
    struct upload *up = req->upload;
    up->received += size;
    if (up->received > req->body_limit)
        up->failed = req->too_large = true;
    if (up->failed)
        return;
    if (MHD_post_process(up->pp, data, size) != MHD_YES && !up->failed)
        up->failed = req->bad_input = true;
}

void upload_finish(struct request *req)
{
    struct upload *up = req->upload;
    if (!up)
        return;
    if (!up->failed)
        part_close(up);
    if (up->pp) {
        MHD_destroy_post_processor(up->pp);
        up->pp = NULL;
    }
}

struct upload_file *upload_get(const struct request *req, const char *field)
{
    struct upload *up = req->upload;
    struct upload_file *found = NULL;
    /* parts is newest first: the last match in the list is the first posted. */
    for (struct part *p = up ? up->parts : NULL; p; p = p->next)
        if (p->is_file && p->fd < 0 && p->file.tmp_path && p->file.size && strcmp(p->file.field, field) == 0)
            found = &p->file;
    return found;
}

int upload_take(struct request *req, struct upload_file *f, const char *dest)
{
    const char *tmp = f->tmp_path;
    f->tmp_path = NULL;
    if (access(dest, F_OK) == 0) {
        unlink(tmp);
        return 0;
    }
    if (rename(tmp, dest) == 0)
        return 0;
    log_event(LOG_ERROR, req->id, "cannot store an uploaded file", "error", strerror(errno), "path", dest, NULL);
    unlink(tmp);
    return -1;
}
