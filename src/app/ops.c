/* Operations endpoints: /healthz and /metrics. */
#include "app/app.h"

#include "core/buf.h"
#include "db/db.h"
#include "http/metrics.h"

void page_healthz(struct request *req)
{
    if (db_ping())
        request_respond(req, 200, "text/plain; charset=utf-8", "ok\n", 3);
    else
        request_respond(req, 503, "text/plain; charset=utf-8", "database unavailable\n", 21);
    request_add_header(req, "Cache-Control", "no-store");
}

void page_metrics(struct request *req)
{
    struct buf out = BUF_INIT;
    metrics_render(&out);
    size_t len;
    char *text = buf_detach(&out, &len);
    request_respond_owned(req, 200, "text/plain; version=0.0.4; charset=utf-8", text, len);
    request_add_header(req, "Cache-Control", "no-store");
}
