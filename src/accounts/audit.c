/* The append-only audit log. */
#include "accounts/audit.h"

#include <time.h>

int audit_record_as(struct db *db, struct request *req, int64_t actor_id, const char *action, int64_t subject_id,
                    const char *detail)
{
    return db_run(db, "INSERT INTO audit_log (at, actor_id, subject_id, action, detail, ip) VALUES (?, ?, ?, ?, ?, ?)",
                  "innttt", (int64_t)time(NULL), actor_id, subject_id, action, detail ? detail : "",
                  req ? request_client_ip(req) : "");
}

int audit_record(struct db *db, struct request *req, const char *action, int64_t subject_id, const char *detail)
{
    return audit_record_as(db, req, req ? req->caller.user_id : 0, action, subject_id, detail);
}
