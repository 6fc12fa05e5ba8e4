/* The shared parts of pages, as jansson objects, invalidated by database
 * writes and by age. */
#include "http/fragment_cache.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "db/db.h"
#include "http/viewer_tz.h"

#define SLOTS 512 /* direct-mapped; a collision replaces the older entry */
#define LOCKS 32

struct fragment {
    char *key;
    uint64_t hash, generation;
    time_t expires;
    json_t *value;
};

static struct fragment slots[SLOTS];
static pthread_mutex_t locks[LOCKS];
static unsigned ttl;
static atomic_ullong hits, misses;

void fragment_cache_init(unsigned ttl_seconds)
{
    ttl = ttl_seconds;
    for (size_t i = 0; i < LOCKS; i++)
        pthread_mutex_init(&locks[i], NULL);
}

static void fragment_clear(struct fragment *f)
{
    free(f->key);
    json_decref(f->value);
    memset(f, 0, sizeof *f);
}

void fragment_cache_shutdown(void)
{
    for (size_t i = 0; i < SLOTS; i++)
        fragment_clear(&slots[i]);
    ttl = 0;
}

void fragment_cache_stats(unsigned long long *h, unsigned long long *m)
{
    *h = atomic_load(&hits);
    *m = atomic_load(&misses);
}

/* language|zone|id: an invalid zone reads as none (request_viewer_tz). */
static char *fragment_key(struct request *req, const char *id, uint64_t *hash)
{
    struct buf b = BUF_INIT;
    const char *tz = request_viewer_tz(req);
    buf_printf(&b, "%s|%s|%s", i18n_code(req->lang), tz ? tz : "", id);
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (size_t i = 0; i < b.len; i++)
        h = (h ^ (unsigned char)b.data[i]) * 1099511628211ULL;
    *hash = h;
    return buf_detach(&b, NULL);
}

json_t *fragment_cache_get(struct request *req, const char *id)
{
    if (!ttl)
        return NULL;
    uint64_t hash;
    char *key = fragment_key(req, id, &hash);
    json_t *found = NULL;
    pthread_mutex_lock(&locks[hash % LOCKS]);
    struct fragment *f = &slots[hash % SLOTS];
    if (f->key && f->hash == hash && f->generation == req->cache_generation &&
        f->generation == db_generation() && f->expires > time(NULL) && strcmp(f->key, key) == 0)
        found = json_incref(f->value);
    pthread_mutex_unlock(&locks[hash % LOCKS]);
    free(key);
    atomic_fetch_add(found ? &hits : &misses, 1);
    return found;
}

void fragment_cache_put(struct request *req, const char *id, json_t *fragment)
{
    if (!ttl || !fragment)
        return;
    uint64_t hash;
    struct fragment fresh = {.key = fragment_key(req, id, &hash),
                             .generation = req->cache_generation,
                             .expires = time(NULL) + (time_t)ttl,
                             .value = json_incref(fragment)};
    fresh.hash = hash;
    pthread_mutex_lock(&locks[hash % LOCKS]);
    struct fragment *f = &slots[hash % SLOTS];
    fragment_clear(f);
    *f = fresh;
    pthread_mutex_unlock(&locks[hash % LOCKS]);
}
