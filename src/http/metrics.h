/* Request counters and latency histogram, rendered in Prometheus text format. */
#ifndef DXHUB_HTTP_METRICS_H
#define DXHUB_HTTP_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "http/router.h"

/* Allocates counters for routes[0..n). Call once before serving. */
void metrics_init(const struct route *routes, size_t n);
void metrics_shutdown(void);
/* Counts one finished request; route is NULL when no route matched. Lock-free. */
void metrics_record(const struct route *route, unsigned status, int64_t duration_us);
/* Appends the exposition text: dxhub_http_requests_total{route,method,status},
 * dxhub_http_request_duration_seconds histogram, dxhub_open_connections,
 * dxhub_connections_cut_total, dxhub_db_seconds_total. */
void metrics_render(struct buf *out);
/* Adds render to what metrics_render appends (areas' own gauges, e.g. the
 * live rooms' open streams), at most 8; adding the same one again does
 * nothing. Call before serving. */
void metrics_add_source(void (*render)(struct buf *out));

#endif
