/* The shared parts of pages, as jansson objects, invalidated by database
 * writes and by age. */
#include "http/fragment_cache.h"

#include "core/json_arena.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "http/cache_table.h"
#include "http/viewer_tz.h"

#define SLOTS 512

static struct cache_table fragments;

static void fragment_free(void *value) { json_decref(value); }

void fragment_cache_init(unsigned ttl_seconds) { cache_table_init(&fragments, SLOTS, ttl_seconds, fragment_free); }

void fragment_cache_shutdown(void) { cache_table_shutdown(&fragments); }

void fragment_cache_stats(unsigned long long *h, unsigned long long *m) { cache_table_stats(&fragments, h, m); }

/* language|zone|id: an invalid zone reads as none (request_viewer_tz). */
static char *fragment_key(struct request *req, const char *id)
{
    struct buf b = BUF_INIT;
    const char *tz = request_viewer_tz(req);
    buf_printf(&b, "%s|%s|%s", i18n_code(req->lang), tz ? tz : "", id);
    return buf_detach(&b, NULL);
}

static void take_reference(void *value, void *cls) { *(json_t **)cls = json_incref(value); }

json_t *fragment_cache_get(struct request *req, const char *id)
{
    if (!fragments.ttl)
        return NULL;
    json_t *found = NULL;
    char *key = fragment_key(req, id);
    cache_table_get(&fragments, key, req->cache_generation, take_reference, &found);
    free(key);
    return found;
}

void fragment_cache_put(struct request *req, const char *id, json_t *fragment)
{
    if (!fragments.ttl || !fragment)
        return;
    /* The entry outlives the request: a fragment built in the request's
     * arena (core/json_arena.h) is kept as a copy on the heap. */
    json_t *kept = fragment;
    if (json_arena_owns(fragment)) {
        struct arena *outer = json_arena_use(NULL);
        kept = json_deep_copy(fragment);
        json_arena_use(outer);
    } else {
        json_incref(fragment);
    }
    if (kept)
        cache_table_put(&fragments, fragment_key(req, id), req->cache_generation, kept);
}
