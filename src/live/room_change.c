/* Running a change to a room: through the batching writer (one transaction
 * for the changes that meet, a savepoint each), the live events it recorded
 * handed to the hub once committed, and the answer (redirect, JSON, or the
 * room page with the refusal). */
#include <string.h>

#include "db/db_batch.h"
#include "i18n/i18n.h"
#include "live/live.h"
#include "live/room.h"
#include "view/page.h"

/* Where a successful form post goes back to. */
static const char *back_url(struct request *req, const struct room *r, const char *anchor)
{
    const char *back = request_form(req, "back");
    if (anchor && anchor[0] == '/')
        return anchor;
    if (back && strcmp(back, "present") == 0)
        return arena_printf(req->arena, "/rooms/%lld/present", (long long)r->id);
    return arena_printf(req->arena, "/rooms/%lld%s%s", (long long)r->id, anchor ? "#" : "", anchor ? anchor : "");
}

static void refuse(struct request *req, struct room *r, unsigned status, const char *message)
{
    if (status == 404 || status == 500 || status == 403) {
        page_error(req, status);
        return;
    }
    if (req->want_json) {
        json_t *data = json_pack("{s:{s:i, s:s}}", "error", "status", (int)status, "message", message ? message : "");
        page_render(req, status, "room", data);
        return;
    }
    room_render(req, r, status, message);
}

/* One change, as a job of the batching writer (db/db_batch.h): thousands
 * voting or asking at once share transactions. */
struct change_job {
    struct request *req;
    struct room *r;
    room_change_fn change;
    void *arg;
    const char *message;
    unsigned status;
};

/* Runs the change on the writer's connection, in its asker's language (the
 * refusal's message is translated here). 0, or 1 to roll it back. */
static int change_job(struct db *db, void *arg)
{
    struct change_job *j = arg;
    i18n_use(j->req->lang);
    j->status = j->change(j->req, db, j->r, j->arg, &j->message);
    return j->status ? 1 : 0;
}

static bool run(struct request *req, struct room *r, room_change_fn change, void *arg, const char *anchor,
                bool seen_in_cached_pages)
{
    struct db *db = db_get();
    if (!db) {
        page_error(req, 500);
        return false;
    }
    struct change_job job = {.req = req, .r = r, .change = change, .arg = arg};
    int rc = db_batch_run(db, change_job, &job, seen_in_cached_pages);
    i18n_use(req->lang); /* this thread may have run others' jobs, in their languages */
    unsigned status = rc == 0 ? 0 : rc == 1 && job.status ? job.status : 500;
    if (status) {
        refuse(req, r, status, job.message);
        return false;
    }
    live_notify(r->id);
    if (req->want_json)
        page_render(req, 200, "room", json_pack("{s:b}", "ok", 1));
    else
        request_redirect(req, back_url(req, r, anchor));
    return true;
}

bool room_run(struct request *req, struct room *r, room_change_fn change, void *arg, const char *anchor)
{
    return run(req, r, change, arg, anchor, false);
}

bool room_run_public(struct request *req, struct room *r, room_change_fn change, void *arg, const char *anchor)
{
    return run(req, r, change, arg, anchor, true);
}
