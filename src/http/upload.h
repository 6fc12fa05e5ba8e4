/* Multipart uploads (multipart/form-data) on the routes that take files
 * (struct route's `upload`): libmicrohttpd's post processor parses the body
 * as it arrives; text fields go into req->form, so handlers and the central
 * CSRF check read them as usual, and each file is streamed to a temporary
 * file under the upload folder, hashed (SHA-256) on the way, with its first
 * bytes kept for type sniffing. Nothing of a file is held in memory beyond
 * those first bytes. Temporary files are removed when the request ends,
 * unless a handler took them with upload_take(). */
#ifndef DXHUB_HTTP_UPLOAD_H
#define DXHUB_HTTP_UPLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "http/request.h"

/* Bytes of the start of each file kept for sniffing its type. */
#define UPLOAD_HEAD_MAX 8192

/* One file of a multipart body, complete once the handler runs. */
struct upload_file {
    const char *field;    /* the form field's name */
    const char *filename; /* as the client named it: untrusted, never a path to use */
    const char *tmp_path; /* the temporary file, or NULL once taken */
    uint64_t size;
    char sha256[65]; /* lower-case hex of the content */
    unsigned char head[UPLOAD_HEAD_MAX];
    size_t head_len; /* min(size, UPLOAD_HEAD_MAX) */
};

/* Sets the folder for temporary files (created by the caller; kept, not
 * copied). Until it is set, a request with a file is refused as bad input. */
void upload_set_dir(const char *dir);

/* True when req is a multipart/form-data POST. */
bool upload_is_multipart(const struct request *req);

/* Starts parsing req's body as multipart, with at most text_limit bytes of
 * text fields in all. Registers the clean-up on req's arena. Returns 0, or
 * -1 when the body cannot be parsed (no boundary): req->bad_input is set. */
int upload_begin(struct request *req, size_t text_limit);
/* Parses the next size bytes of the body. Sets req->too_large when the body
 * passes req->body_limit or the text fields text_limit, req->bad_input when
 * it is malformed or a text field is not UTF-8 without NUL; after either,
 * the rest is read and dropped. */
void upload_feed(struct request *req, const char *data, size_t size);
/* Ends parsing once the whole body is read: the last field is completed and
 * the text fields are added to req->form. Harmless without upload_begin. */
void upload_finish(struct request *req);

/* The first complete, non-empty file posted in field, or NULL. */
struct upload_file *upload_get(const struct request *req, const char *field);
/* Moves the file's temporary file to dest (same file system) or, when dest
 * exists already, just removes it. Returns 0, or -1 (logged) on an error;
 * either way the temporary file is no longer the request's to remove. */
int upload_take(struct request *req, struct upload_file *f, const char *dest);

#endif
