/* Uploaded files: stored once under DATA/files/ by their SHA-256, described
 * by a row of table files, and served at /files/{id}/{name} to those who
 * may see an event that uses them. */
#ifndef DXHUB_RECORDS_FILES_H
#define DXHUB_RECORDS_FILES_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"
#include "http/request.h"
#include "http/upload.h"
#include "records/sniff.h"

/* Creates DATA/files and DATA/files/tmp under data_dir (kept, not copied:
 * pass a string that lives as long as the process) and makes the latter the
 * upload folder (http/upload.h). Call once at start-up. Returns 0, or -1
 * with a message on stderr. */
int files_init(const char *data_dir);

/* DATA/files/tmp, for temporary files of our own (exports); NULL before
 * files_init. */
const char *files_tmp_dir(void);

/* Keeps the upload f as a file of type `type`: moves it to its place by
 * hash (a file with the same content is kept once) and inserts its row,
 * named sniff_file_name(f->filename, type->ext), uploaded by the caller.
 * Runs inside the caller's write transaction. Returns the new id, or 0 on
 * an error (logged). */
int64_t files_store(struct request *req, struct db *db, struct upload_file *f, const struct file_type *type);

/* The URL of a stored file: "/files/{id}/{name}" (arena). */
const char *files_url(struct request *req, int64_t id, const char *name);

/* "2.4 MB", "830 KB", "120 bytes", in the request's language (arena). */
const char *files_size_label(struct request *req, int64_t size);

/* GET /files/{id}/{name}: the file's bytes with its sniffed Content-Type,
 * Content-Disposition (inline for images, PDF and video, else attachment),
 * an ETag (If-None-Match answers 304) and one byte range when asked (206;
 * 416 when it is outside the file). 404 when the id does not exist, the
 * name is not its name, or no event the caller may see uses it. */
void page_file(struct request *req);

#endif
