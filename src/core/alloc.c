/* Allocation wrappers that abort on out-of-memory. */
#include "core/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *check(void *p, size_t size)
{
    if (p == NULL && size != 0) {
        fprintf(stderr, "{\"level\":\"fatal\",\"msg\":\"out of memory\",\"size\":%zu}\n", size);
        abort();
    }
    return p;
}

void *xmalloc(size_t size) { return check(malloc(size ? size : 1), size ? size : 1); }

void *xcalloc(size_t count, size_t size)
{
    return check(calloc(count ? count : 1, size ? size : 1), 1);
}

void *xrealloc(void *ptr, size_t size) { return check(realloc(ptr, size ? size : 1), 1); }

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

char *xstrndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *copy = xmalloc(len + 1);
    memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}
