/* A per-request region allocator: many allocations, one release.
 *
 * Handlers allocate from the request's arena and never free; everything goes
 * when arena_destroy() runs at the end of the response. Things that need a
 * destructor (a jansson object, a prepared resource) register it with
 * arena_defer(); destructors run in reverse order of registration. */
#ifndef DXHUB_CORE_ARENA_H
#define DXHUB_CORE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

/* Creates an empty arena. Never NULL (aborts on OOM). */
struct arena *arena_create(void);
/* Runs the deferred destructors, then frees every block. NULL is a no-op. */
void arena_destroy(struct arena *a);
/* Returns size bytes aligned for any type, zeroed. Never NULL. */
void *arena_alloc(struct arena *a, size_t size);
/* The same, not zeroed (for callers that fill the memory at once). */
void *arena_alloc_raw(struct arena *a, size_t size);
/* Copies of strings that live as long as the arena. NULL in gives NULL out. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Registers fn(arg) to run when the arena is destroyed. */
void arena_defer(struct arena *a, void (*fn)(void *), void *arg);
/* Bytes handed out so far (for metrics and tests). */
size_t arena_used(const struct arena *a);

#endif
