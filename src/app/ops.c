/* Operations endpoints: /healthz and /metrics. */
#include "app/app.h"

#include <pthread.h>

#include "core/buf.h"
#include "db/db.h"
#include "db/db_batch.h"
#include "http/metrics.h"

/* The database's write counters: commits, and the batching writer's work. */
static void db_write_metrics(struct buf *out)
{
    buf_printf(out,
               "# HELP dxhub_db_commits_total Write transactions committed.\n"
               "# TYPE dxhub_db_commits_total counter\n"
               "dxhub_db_commits_total %llu\n"
               "# HELP dxhub_db_batches_total Transactions of the batching writer (registrations, room votes and "
               "questions).\n"
               "# TYPE dxhub_db_batches_total counter\n"
               "dxhub_db_batches_total %llu\n"
               "# HELP dxhub_db_batch_jobs_total Writes run in those transactions.\n"
               "# TYPE dxhub_db_batch_jobs_total counter\n"
               "dxhub_db_batch_jobs_total %llu\n",
               (unsigned long long)db_commits(), (unsigned long long)db_batch_count(),
               (unsigned long long)db_batch_jobs());
}

static void add_db_metrics(void)
{
    metrics_add_source(db_write_metrics);
}

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
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, add_db_metrics);
    struct buf out = BUF_INIT;
    metrics_render(&out);
    size_t len;
    char *text = buf_detach(&out, &len);
    request_respond_owned(req, 200, "text/plain; version=0.0.4; charset=utf-8", text, len);
    request_add_header(req, "Cache-Control", "no-store");
}
