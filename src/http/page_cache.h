/* A cache of whole responses for visitors' GET requests on routes marked
 * cacheable: a page is rendered from the database through its template once,
 * then served from memory until the database changes (db_generation) or its
 * time to live runs out (lists of upcoming events depend on the clock).
 * Each entry keeps an identity and a gzip body. */
#ifndef DXHUB_HTTP_PAGE_CACHE_H
#define DXHUB_HTTP_PAGE_CACHE_H

#include <stdbool.h>

#include "http/request.h"

/* Sets the time to live in seconds; 0 turns the cache off. Call before serving. */
void page_cache_init(unsigned ttl_seconds);
/* Frees every entry. */
void page_cache_shutdown(void);
/* When req (GET/HEAD on a cacheable route, no cookie that could make the page
 * personal) has a fresh entry, answers it from the cache and returns true. */
bool page_cache_answer(struct request *req);
/* Stores req's response when it can be shared: cacheable route, 200, no
 * Set-Cookie. Call after the handler ran. */
void page_cache_store(struct request *req);
/* Counters for /metrics. */
void page_cache_stats(unsigned long long *hits, unsigned long long *misses);

#endif
