/* A cache of the shared parts of pages: view objects (jansson) that do not
 * depend on who is looking, only on the language and the viewer's time
 * zone (both always part of the key) and on what the caller names in `id`.
 * Signed-in members' pages are built around them: the handler takes the
 * cached part and adds the personal ones (the account menu, the viewer's
 * registration, organiser links, form tokens) to a copy. Entries are
 * invalidated like the page cache's: by any write that bumps
 * db_generation(), and by age. */
#ifndef DXHUB_HTTP_FRAGMENT_CACHE_H
#define DXHUB_HTTP_FRAGMENT_CACHE_H

#include <jansson.h>

#include "http/request.h"

/* Sets the time to live in seconds; 0 turns the cache off (every get
 * misses, puts are ignored). Call before serving. */
void fragment_cache_init(unsigned ttl_seconds);
/* Frees every entry. */
void fragment_cache_shutdown(void);
/* The fragment stored for id (a caller-made name such as "event|m|slug"
 * that holds every input the fragment depends on besides the language and
 * the viewer's zone) under the request's database generation and not too
 * old: a new reference, or NULL. The object is shared with other threads:
 * never modify it or anything in it; json_copy() it and set keys on the
 * copy. */
json_t *fragment_cache_get(struct request *req, const char *id);
/* Keeps a reference to fragment for id, built by req from the database it
 * read (its generation is req->cache_generation, taken before the request's
 * read snapshot). From then on fragment must not be modified. A fragment
 * in the request's arena (core/json_arena.h) is kept as a deep copy on the
 * heap, so the caller may keep using its own. NULL is ignored. */
void fragment_cache_put(struct request *req, const char *id, json_t *fragment);
/* Counters for /metrics. */
void fragment_cache_stats(unsigned long long *hits, unsigned long long *misses);

#endif
