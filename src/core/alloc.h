/* Allocation wrappers that abort on out-of-memory, so call sites stay clean. */
#ifndef DXHUB_CORE_ALLOC_H
#define DXHUB_CORE_ALLOC_H

#include <stddef.h>

/* Like malloc/calloc/realloc/strdup/strndup, but never return NULL:
 * on exhaustion they log to stderr and abort(). Free with free(). */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
