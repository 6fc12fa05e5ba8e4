/* Stored uploads: their place by hash, their rows, and serving them. */
#include "records/files.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/log.h"
#include "events/event_access.h"
#include "view/page.h"

static const char *files_dir; /* DATA/files */
static const char *tmp_dir;   /* DATA/files/tmp */

const char *files_tmp_dir(void)
{
    return tmp_dir;
}

static int make_dir(const char *path)
{
    if (mkdir(path, 0750) && errno != EEXIST) {
        fprintf(stderr, "dxhub: cannot create the folder %s: %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

int files_init(const char *data_dir)
{
    static char dir[4096], tmp[4096 + 8];
    snprintf(dir, sizeof dir, "%s/files", data_dir);
    snprintf(tmp, sizeof tmp, "%s/tmp", dir);
    if (make_dir(dir) || make_dir(tmp))
        return -1;
    files_dir = dir;
    tmp_dir = tmp;
    upload_set_dir(tmp);
    return 0;
}

/* DATA/files/ab/abcdef…: two hex digits of fan-out keep folders small. */
static const char *stored_path(struct arena *a, const char *sha256)
{
    return arena_printf(a, "%s/%.2s/%s", files_dir, sha256, sha256);
}

int64_t files_store(struct request *req, struct db *db, struct upload_file *f, const struct file_type *type)
{
    if (!files_dir)
        return 0;
    const char *folder = arena_printf(req->arena, "%s/%.2s", files_dir, f->sha256);
    if (mkdir(folder, 0750) && errno != EEXIST) {
        log_event(LOG_ERROR, req->id, "cannot create a files folder", "error", strerror(errno), NULL);
        return 0;
    }
    if (upload_take(req, f, stored_path(req->arena, f->sha256)))
        return 0;
    const char *name = sniff_file_name(req->arena, f->filename, type->ext);
    if (db_run(db,
               "INSERT INTO files (sha256, name, content_type, size, uploaded_by, created_at) "
               "VALUES (?, ?, ?, ?, ?, ?)",
               "tttini", f->sha256, name, type->mime, (int64_t)f->size, req->caller.user_id, (int64_t)time(NULL)))
        return 0;
    return db_last_id(db);
}

const char *files_url(struct request *req, int64_t id, const char *name)
{
    return arena_printf(req->arena, "/files/%lld/%s", (long long)id, name);
}

const char *files_size_label(struct request *req, int64_t size)
{
    if (size < 1024)
        return arena_printf(req->arena, ngettext("%lld byte", "%lld bytes", (unsigned long)size), (long long)size);
    double kb = (double)size / 1024, mb = kb / 1024;
    char number[32];
    if (mb >= 1)
        snprintf(number, sizeof number, mb < 10 ? "%.1f" : "%.0f", mb);
    else
        snprintf(number, sizeof number, "%.0f", kb);
    /* French and Spanish write a decimal comma. */
    char *dot = strchr(number, '.');
    if (dot && req->lang != LANG_EN)
        *dot = ',';
    /* TRANSLATORS: a file size; %s is a number such as 2.4 (French: "%s Mo"). */
    return arena_printf(req->arena, mb >= 1 ? _("%s MB") : _("%s KB"), number);
}

/* Whether some event the caller may see (published, or one they manage) uses file id, as an item or
 * as a recording's captions. */
static int file_visible(struct request *req, struct db *db, int64_t id)
{
    struct db_stmt *st = db_prepare(db, "SELECT e.id, e.status FROM event_documents d "
                                        "JOIN events e ON e.id = d.event_id WHERE d.file_id = ?1 "
                                        "OR d.captions_file_id = ?1");
    if (!st)
        return -1;
    db_bind_int(st, 1, id);
    int visible = 0;
    enum db_step rc;
    int64_t drafts[8];
    size_t ndrafts = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        if (strcmp(db_col_text(st, 1), "draft") != 0)
            visible = 1;
        else if (ndrafts < sizeof drafts / sizeof drafts[0])
            drafts[ndrafts++] = db_col_int(st, 0);
    }
    db_reset(st);
    if (rc == DB_ERROR)
        return -1;
    for (size_t i = 0; !visible && i < ndrafts; i++)
        visible = event_can_manage(&req->caller, drafts[i]);
    return visible;
}

/* Reads "bytes=a-b", "bytes=a-" or "bytes=-n" against size into [*first,
 * *last]. 1 a satisfiable range, 0 none or not one we serve (multiple
 * ranges, other units: the whole file is sent), -1 unsatisfiable. */
static int parse_range(const char *h, uint64_t size, uint64_t *first, uint64_t *last)
{
    if (!h || strncmp(h, "bytes=", 6) != 0 || strchr(h, ','))
        return 0;
    const char *p = h + 6;
    char *end;
    if (*p == '-') {
        errno = 0;
        uint64_t n = strtoull(p + 1, &end, 10);
        if (errno || end == p + 1 || *end)
            return 0;
        if (n == 0 || size == 0)
            return -1;
        *first = n >= size ? 0 : size - n;
        *last = size - 1;
        return 1;
    }
    if (*p < '0' || *p > '9')
        return 0;
    errno = 0;
    uint64_t a = strtoull(p, &end, 10);
    if (errno || *end != '-')
        return 0;
    p = end + 1;
    uint64_t b = size ? size - 1 : 0;
    if (*p) {
        if (*p < '0' || *p > '9')
            return 0;
        b = strtoull(p, &end, 10);
        if (errno || *end || b < a)
            return 0;
        if (b >= size)
            b = size ? size - 1 : 0;
    }
    if (a >= size)
        return -1;
    *first = a;
    *last = b;
    return 1;
}

/* Sends bytes [first, last] of the stored file with status. */
static void send_bytes(struct request *req, const char *path, const char *type, unsigned status, uint64_t first,
                       uint64_t last)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    size_t n = (size_t)(last - first + 1);
    char *body = fd >= 0 ? malloc(n ? n : 1) : NULL;
    size_t got = 0;
    while (body && got < n) {
        ssize_t r = pread(fd, body + got, n - got, (off_t)(first + got));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    if (fd >= 0)
        close(fd);
    if (!body || got != n) {
        free(body);
        log_event(LOG_ERROR, req->id, "cannot read a stored file", "path", path, NULL);
        page_error(req, 500);
        return;
    }
    request_respond_owned(req, status, type, body, n);
}

void page_file(struct request *req)
{
    char *end;
    const char *id_text = request_param(req, "id"), *name = request_param(req, "name");
    long long id = strtoll(id_text, &end, 10);
    struct db *db = db_get();
    if (*end || id <= 0 || !db) {
        page_error(req, db ? 404 : 500);
        return;
    }
    struct db_stmt *st = db_prepare(db, "SELECT sha256, name, content_type, size FROM files WHERE id = ?");
    if (!st) {
        page_error(req, 500);
        return;
    }
    db_bind_int(st, 1, id);
    enum db_step rc = db_step(st);
    const char *sha = rc == DB_ROW ? arena_strdup(req->arena, db_col_text(st, 0)) : NULL;
    bool named = rc == DB_ROW && strcmp(db_col_text(st, 1), name) == 0;
    const char *mime = rc == DB_ROW ? arena_strdup(req->arena, db_col_text(st, 2)) : NULL;
    uint64_t size = rc == DB_ROW ? (uint64_t)db_col_int(st, 3) : 0;
    db_reset(st);
    int visible = rc == DB_ROW && named ? file_visible(req, db, id) : 0;
    if (rc == DB_ERROR || visible < 0) {
        page_error(req, 500);
        return;
    }
    if (!visible) {
        page_error(req, 404);
        return;
    }
    const struct file_type *type = sniff_by_mime(mime);
    const char *etag = arena_printf(req->arena, "\"%s\"", sha);
    request_add_header(req, MHD_HTTP_HEADER_ETAG, etag);
    request_add_header(req, MHD_HTTP_HEADER_CACHE_CONTROL, "private, max-age=86400");
    request_add_header(req, MHD_HTTP_HEADER_ACCEPT_RANGES, "bytes");
    request_add_header(
        req, MHD_HTTP_HEADER_CONTENT_DISPOSITION,
        arena_printf(req->arena, "%s; filename=\"%s\"", type && type->served_inline ? "inline" : "attachment", name));
    const char *match = request_header(req, MHD_HTTP_HEADER_IF_NONE_MATCH);
    if (match && (strcmp(match, etag) == 0 || strcmp(match, "*") == 0)) {
        request_respond(req, 304, NULL, "", 0);
        return;
    }
    uint64_t first = 0, last = size ? size - 1 : 0;
    int range = parse_range(request_header(req, MHD_HTTP_HEADER_RANGE), size, &first, &last);
    if (range < 0) {
        request_add_header(req, MHD_HTTP_HEADER_CONTENT_RANGE, arena_printf(req->arena, "bytes */%" PRIu64, size));
        request_respond(req, 416, "text/plain; charset=utf-8", "", 0);
        return;
    }
    if (range > 0)
        request_add_header(req, MHD_HTTP_HEADER_CONTENT_RANGE,
                           arena_printf(req->arena, "bytes %" PRIu64 "-%" PRIu64 "/%" PRIu64, first, last, size));
    if (size == 0) {
        request_respond(req, 200, mime, "", 0);
        return;
    }
    send_bytes(req, stored_path(req->arena, sha), mime, range > 0 ? 206 : 200, first, last);
}
