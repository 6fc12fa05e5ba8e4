/* Request counters and latency histogram in Prometheus text format. */
#include "http/metrics.h"

#include <stdatomic.h>
#include <stdlib.h>

#include "core/alloc.h"
#include "db/db.h"
#include "http/conn_guard.h"
#include "http/fragment_cache.h"
#include "http/page_cache.h"
#include "http/server.h"

#define STATUS_SLOTS 600 /* status codes 0..599, one counter each per route */

static const double bucket_bounds[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10};
#define NBUCKETS (sizeof bucket_bounds / sizeof bucket_bounds[0])

static const struct route *route_table;
static size_t nroutes;
static atomic_uint_fast64_t *counts; /* [(nroutes + 1) * STATUS_SLOTS]; the last row is "no route" */
static atomic_uint_fast64_t buckets[NBUCKETS + 1];
static atomic_uint_fast64_t duration_sum_us, duration_count;
#define MAX_SOURCES 8
static void (*sources[MAX_SOURCES])(struct buf *out);
static atomic_size_t nsources;

void metrics_add_source(void (*render)(struct buf *out))
{
    size_t n = atomic_load(&nsources);
    for (size_t i = 0; i < n; i++)
        if (sources[i] == render)
            return;
    if (n < MAX_SOURCES) {
        sources[n] = render;
        atomic_store(&nsources, n + 1);
    }
}

void metrics_init(const struct route *routes, size_t n)
{
    route_table = routes;
    nroutes = n;
    counts = xcalloc((n + 1) * STATUS_SLOTS, sizeof *counts);
}

void metrics_shutdown(void)
{
    free(counts);
    counts = NULL;
}

void metrics_record(const struct route *route, unsigned status, int64_t duration_us)
{
    if (!counts)
        return;
    size_t row = route ? (size_t)(route - route_table) : nroutes;
    if (row > nroutes || status >= STATUS_SLOTS)
        return;
    atomic_fetch_add_explicit(&counts[row * STATUS_SLOTS + status], 1, memory_order_relaxed);
    double seconds = (double)duration_us / 1e6;
    size_t b = 0;
    while (b < NBUCKETS && seconds > bucket_bounds[b])
        b++;
    atomic_fetch_add_explicit(&buckets[b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&duration_sum_us, (uint64_t)(duration_us > 0 ? duration_us : 0), memory_order_relaxed);
    atomic_fetch_add_explicit(&duration_count, 1, memory_order_relaxed);
}

void metrics_render(struct buf *out)
{
    buf_puts(out, "# HELP dxhub_http_requests_total Finished HTTP requests by route and status.\n"
                  "# TYPE dxhub_http_requests_total counter\n");
    for (size_t row = 0; counts && row <= nroutes; row++) {
        for (unsigned status = 0; status < STATUS_SLOTS; status++) {
            uint64_t n = atomic_load_explicit(&counts[row * STATUS_SLOTS + status], memory_order_relaxed);
            if (!n)
                continue;
            const struct route *r = row < nroutes ? &route_table[row] : NULL;
            buf_printf(out, "dxhub_http_requests_total{route=\"%s\",method=\"%s\",status=\"%u\"} %llu\n",
                       r ? r->pattern : "none", r ? http_method_name(r->method) : "any", status,
                       (unsigned long long)n);
        }
    }
    buf_puts(out, "# HELP dxhub_http_request_duration_seconds Time from request start to response queued.\n"
                  "# TYPE dxhub_http_request_duration_seconds histogram\n");
    uint64_t cumulative = 0;
    for (size_t b = 0; b <= NBUCKETS; b++) {
        cumulative += atomic_load_explicit(&buckets[b], memory_order_relaxed);
        if (b < NBUCKETS)
            buf_printf(out, "dxhub_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n", bucket_bounds[b],
                       (unsigned long long)cumulative);
        else
            buf_printf(out, "dxhub_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n",
                       (unsigned long long)cumulative);
    }
    buf_printf(out, "dxhub_http_request_duration_seconds_sum %.6f\n",
               (double)atomic_load(&duration_sum_us) / 1e6);
    buf_printf(out, "dxhub_http_request_duration_seconds_count %llu\n",
               (unsigned long long)atomic_load(&duration_count));
    buf_printf(out,
               "# HELP dxhub_open_connections HTTP connections open now.\n"
               "# TYPE dxhub_open_connections gauge\n"
               "dxhub_open_connections %ld\n"
               "# HELP dxhub_connections_cut_total Slow connections cut (head or body deadline, or room kept near the limit).\n"
               "# TYPE dxhub_connections_cut_total counter\n"
               "dxhub_connections_cut_total %llu\n"
               "# HELP dxhub_connections_watched Connections the slow-client watchdog walks: waiting for a head or body.\n"
               "# TYPE dxhub_connections_watched gauge\n"
               "dxhub_connections_watched %ld\n"
               "# HELP dxhub_db_seconds_total Time spent running SQL statements.\n"
               "# TYPE dxhub_db_seconds_total counter\n"
               "dxhub_db_seconds_total %.6f\n",
               server_open_connections(), (unsigned long long)conn_guard_cut_total(), conn_guard_watched(),
               (double)db_time_us() / 1e6);
    unsigned long long hits, misses;
    page_cache_stats(&hits, &misses);
    buf_printf(out,
               "# HELP dxhub_page_cache_total Page cache look-ups by result.\n"
               "# TYPE dxhub_page_cache_total counter\n"
               "dxhub_page_cache_total{result=\"hit\"} %llu\n"
               "dxhub_page_cache_total{result=\"miss\"} %llu\n",
               hits, misses);
    fragment_cache_stats(&hits, &misses);
    buf_printf(out,
               "# HELP dxhub_fragment_cache_total Look-ups of pages' shared parts by result.\n"
               "# TYPE dxhub_fragment_cache_total counter\n"
               "dxhub_fragment_cache_total{result=\"hit\"} %llu\n"
               "dxhub_fragment_cache_total{result=\"miss\"} %llu\n",
               hits, misses);
    for (size_t i = 0, n = atomic_load(&nsources); i < n; i++)
        sources[i](out);
}
