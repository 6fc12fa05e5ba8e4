/* Files compiled into the binary by tools/embed.c: templates, static assets,
 * migrations and translation catalogs. */
#ifndef DXHUB_CORE_EMBEDDED_H
#define DXHUB_CORE_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
    const char *name;          /* e.g. "templates/home.mustache", "static/app.css" */
    const unsigned char *data; /* the bytes, followed by a NUL not counted in len */
    size_t len;
    const unsigned char *gz; /* gzip copy, or NULL when it would not be smaller */
    size_t gzlen;
    const char *hash; /* 12 hex digits of the content's BLAKE2b hash */
};

extern const struct embedded_file embedded_files[];
extern const size_t embedded_files_count;

/* Returns the embedded file with that exact name, or NULL. */
const struct embedded_file *embedded_find(const char *name);

#endif
