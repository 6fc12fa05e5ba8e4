/* jansson's memory in the current request's arena.
 *
 * A rendered page builds and drops thousands of small jansson values; with malloc and free that
 * was a fifth of its time. json_arena_install() routes every jansson allocation through a hook:
 * while a thread has an arena set (json_arena_use, done by the server around each request's
 * handler), values come from that arena and freeing them does nothing (the arena goes in one
 * piece when the request ends); with none set they come from malloc and are freed as usual. Each
 * allocation carries a small tag saying which, so a value may be freed from any thread at any
 * time, whichever memory it is in.
 *
 * The one rule: a jansson value made while an arena is set dies with that arena. Anything kept
 * past the request (a cache, the live hub, a global) must be made with no arena set: wrap its
 * making in json_arena_use(NULL) ... json_arena_use(previous). */
#ifndef DXHUB_CORE_JSON_ARENA_H
#define DXHUB_CORE_JSON_ARENA_H

#include <stdbool.h>

#include "core/arena.h"

/* Makes jansson allocate through the hook. Call once, first thing in main(), before any jansson
 * value exists (a value made before it would be freed wrongly) and before threads start. */
void json_arena_install(void);

/* Sets the calling thread's arena for jansson values (NULL: malloc) and returns the previous one.
 * Without json_arena_install() it only records the arena. */
struct arena *json_arena_use(struct arena *a);

/* The calling thread's arena for jansson values (NULL: malloc). */
struct arena *json_arena_current(void);

/* Whether value memory p (a jansson value or text jansson returned) lies in an arena. False for
 * NULL and when the hook is not installed. */
bool json_arena_owns(const void *p);

/* Frees text that jansson returned (json_dumps): a no-op in an arena, free() otherwise. Use it
 * instead of free() for such text. NULL is a no-op. */
void json_arena_free_text(void *text);

#endif
