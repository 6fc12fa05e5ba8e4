/* A direct-mapped, lock-striped table of cached values, invalidated by
 * database writes and by age. */
#include "http/cache_table.h"

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "db/db.h"

void cache_table_init(struct cache_table *t, size_t nslots, unsigned ttl, void (*free_value)(void *value))
{
    t->slots = xcalloc(nslots, sizeof *t->slots);
    t->nslots = nslots;
    t->ttl = ttl;
    t->free_value = free_value;
    for (size_t i = 0; i < CACHE_LOCKS; i++)
        pthread_mutex_init(&t->locks[i], NULL);
}

static void slot_clear(struct cache_table *t, struct cache_slot *s)
{
    free(s->key);
    if (s->value)
        t->free_value(s->value);
    memset(s, 0, sizeof *s);
}

void cache_table_shutdown(struct cache_table *t)
{
    for (size_t i = 0; i < t->nslots; i++)
        slot_clear(t, &t->slots[i]);
    free(t->slots);
    t->slots = NULL;
    t->nslots = 0;
    t->ttl = 0;
}

/* FNV-1a */
static uint64_t key_hash(const char *key)
{
    uint64_t h = 1469598103934665603ULL;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    return h;
}

bool cache_table_get(struct cache_table *t, const char *key, uint64_t generation, void (*use)(void *value, void *cls),
                     void *cls)
{
    if (!t->ttl)
        return false;
    uint64_t hash = key_hash(key);
    pthread_mutex_t *lock = &t->locks[hash % CACHE_LOCKS];
    bool found = false;
    pthread_mutex_lock(lock);
    struct cache_slot *s = &t->slots[hash % t->nslots];
    if (s->key && s->hash == hash && s->generation == generation && generation == db_generation() &&
        s->expires > time(NULL) && strcmp(s->key, key) == 0) {
        use(s->value, cls);
        found = true;
    }
    pthread_mutex_unlock(lock);
    atomic_fetch_add(found ? &t->hits : &t->misses, 1);
    return found;
}

void cache_table_put(struct cache_table *t, char *key, uint64_t generation, void *value)
{
    if (!t->ttl) {
        free(key);
        t->free_value(value);
        return;
    }
    uint64_t hash = key_hash(key);
    struct cache_slot fresh = {
        .key = key, .hash = hash, .generation = generation, .expires = time(NULL) + (time_t)t->ttl, .value = value};
    pthread_mutex_t *lock = &t->locks[hash % CACHE_LOCKS];
    pthread_mutex_lock(lock);
    struct cache_slot *s = &t->slots[hash % t->nslots];
    slot_clear(t, s);
    *s = fresh;
    pthread_mutex_unlock(lock);
}

void cache_table_stats(struct cache_table *t, unsigned long long *hits, unsigned long long *misses)
{
    *hits = atomic_load(&t->hits);
    *misses = atomic_load(&t->misses);
}
