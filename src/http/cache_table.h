/* What the page cache and the fragment cache share: a direct-mapped,
 * lock-striped table of values keyed by text, each valid for one database
 * generation (db_generation) and until it expires. A collision replaces the
 * older entry. */
#ifndef DXHUB_HTTP_CACHE_TABLE_H
#define DXHUB_HTTP_CACHE_TABLE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define CACHE_LOCKS 64

struct cache_slot {
    char *key;
    uint64_t hash, generation;
    time_t expires;
    void *value;
};

struct cache_table {
    struct cache_slot *slots;
    size_t nslots;
    unsigned ttl; /* seconds; 0: the table is off */
    void (*free_value)(void *value);
    pthread_mutex_t locks[CACHE_LOCKS];
    atomic_ullong hits, misses;
};

/* Sets t up with nslots slots, values living ttl seconds (0 turns it off)
 * and freed by free_value. Call once, before any other use. */
void cache_table_init(struct cache_table *t, size_t nslots, unsigned ttl, void (*free_value)(void *value));
/* Frees every entry and the slots, and turns t off. */
void cache_table_shutdown(struct cache_table *t);
/* When t holds key, stored under `generation`, still the database's
 * current one, and not expired: calls use(value, cls) under the slot's lock
 * (use copies or references what it needs, never keeps value) and returns
 * true. Counts a hit or a miss. false at once when t is off. */
bool cache_table_get(struct cache_table *t, const char *key, uint64_t generation, void (*use)(void *value, void *cls),
                     void *cls);
/* Stores value under key (both malloc'ed; the table owns them from now on,
 * and frees them at once when it is off) for `generation`, replacing
 * whatever the slot held. */
void cache_table_put(struct cache_table *t, char *key, uint64_t generation, void *value);
/* Hits and misses so far. */
void cache_table_stats(struct cache_table *t, unsigned long long *hits, unsigned long long *misses);

#endif
