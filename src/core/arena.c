/* A per-request region allocator: a chain of blocks released in one go. */
#include "core/arena.h"

#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

#define ARENA_BLOCK 8192
#define ARENA_BLOCK_MAX 65536 /* blocks double up to this: a rendered page takes ~100 KiB */

struct block {
    struct block *next;
    size_t used, size;
    alignas(max_align_t) unsigned char data[];
};

struct deferred {
    struct deferred *next;
    void (*fn)(void *);
    void *arg;
};

struct arena {
    struct block *head;
    struct deferred *deferred;
    size_t total;
};

static struct block *block_new(size_t size)
{
    struct block *b = xmalloc(sizeof *b + size);
    b->next = NULL;
    b->used = 0;
    b->size = size;
    return b;
}

struct arena *arena_create(void)
{
    struct arena *a = xcalloc(1, sizeof *a);
    a->head = block_new(ARENA_BLOCK);
    return a;
}

void arena_destroy(struct arena *a)
{
    if (!a)
        return;
    for (struct deferred *d = a->deferred; d; d = d->next)
        d->fn(d->arg);
    struct block *b = a->head;
    while (b) {
        struct block *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

void *arena_alloc_raw(struct arena *a, size_t size)
{
    const size_t align = alignof(max_align_t);
    size = (size + align - 1) & ~(align - 1);
    if (size == 0)
        size = align;
    struct block *b = a->head;
    if (b->size - b->used < size) {
        if (size > ARENA_BLOCK / 4) {
            /* A big allocation gets its own block behind the current one,
             * so the current block's free space stays usable. */
            struct block *big = block_new(size);
            big->next = b->next;
            b->next = big;
            b = big;
        } else {
            b = block_new(b->size < ARENA_BLOCK_MAX ? 2 * b->size : ARENA_BLOCK_MAX);
            b->next = a->head;
            a->head = b;
        }
    }
    void *p = b->data + b->used;
    b->used += size;
    a->total += size;
    return p;
}

void *arena_alloc(struct arena *a, size_t size)
{
    void *p = arena_alloc_raw(a, size);
    memset(p, 0, size);
    return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    if (!s)
        return NULL;
    size_t len = strnlen(s, n);
    char *copy = arena_alloc(a, len + 1);
    memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}

char *arena_strdup(struct arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
    /* One formatting pass for the usual short text (URLs, labels), a second only when longer. */
    char small[256];
    va_list ap, copy;
    va_start(ap, fmt);
    va_copy(copy, ap);
    int n = vsnprintf(small, sizeof small, fmt, copy);
    va_end(copy);
    char *s = arena_alloc_raw(a, n > 0 ? (size_t)n + 1 : 1);
    if (n <= 0)
        s[0] = '\0';
    else if ((size_t)n < sizeof small)
        memcpy(s, small, (size_t)n + 1);
    else
        vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

void arena_defer(struct arena *a, void (*fn)(void *), void *arg)
{
    struct deferred *d = arena_alloc(a, sizeof *d);
    d->fn = fn;
    d->arg = arg;
    d->next = a->deferred;
    a->deferred = d;
}

size_t arena_used(const struct arena *a) { return a->total; }
