/* jansson's allocator hook: the current request's arena, or malloc when there is none. */
#include "core/json_arena.h"

#include <assert.h>
#include <jansson.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Every block starts with this tag, padded so that what follows keeps malloc's alignment. */
#define HEADER alignof(max_align_t)
#define TAG_HEAP UINT32_C(0x68656170)  /* "heap" */
#define TAG_ARENA UINT32_C(0x6172656e) /* "aren" */

static _Thread_local struct arena *current;
static bool installed;

static void *hook_malloc(size_t size)
{
    unsigned char *p;
    uint32_t tag;
    if (current) {
        p = arena_alloc_raw(current, HEADER + size);
        tag = TAG_ARENA;
    } else {
        p = malloc(HEADER + size);
        if (!p)
            return NULL; /* jansson reports it as a failed call */
        tag = TAG_HEAP;
    }
    memcpy(p, &tag, sizeof tag);
    return p + HEADER;
}

static uint32_t tag_of(const void *ptr)
{
    uint32_t tag;
    memcpy(&tag, (const unsigned char *)ptr - HEADER, sizeof tag);
    return tag;
}

static void hook_free(void *ptr)
{
    if (!ptr)
        return;
    uint32_t tag = tag_of(ptr);
    assert(tag == TAG_HEAP || tag == TAG_ARENA);
    if (tag == TAG_HEAP)
        free((unsigned char *)ptr - HEADER);
}

void json_arena_install(void)
{
    json_set_alloc_funcs(hook_malloc, hook_free);
    installed = true;
}

struct arena *json_arena_current(void) { return current; }

struct arena *json_arena_use(struct arena *a)
{
    struct arena *previous = current;
    current = a;
    return previous;
}

bool json_arena_owns(const void *p) { return installed && p && tag_of(p) == TAG_ARENA; }

void json_arena_free_text(void *text)
{
    json_malloc_t m;
    json_free_t f;
    json_get_alloc_funcs(&m, &f);
    f(text);
}
