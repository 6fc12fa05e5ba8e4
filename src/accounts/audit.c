/* The append-only audit log. */
#include "accounts/audit.h"

#include <time.h>

int audit_record_as(struct db *db, struct request *req, int64_t actor_id, const char *action, int64_t subject_id,
                    const char *detail)
{
    struct db_stmt *st = db_prepare(db, "INSERT INTO audit_log (at, actor_id, subject_id, action, detail, ip) "
                                        "VALUES (?, ?, ?, ?, ?, ?)");
    if (!st)
        return -1;
    db_bind_int(st, 1, (int64_t)time(NULL));
    if (actor_id)
        db_bind_int(st, 2, actor_id);
    else
        db_bind_null(st, 2);
    if (subject_id)
        db_bind_int(st, 3, subject_id);
    else
        db_bind_null(st, 3);
    db_bind_text(st, 4, action);
    db_bind_text(st, 5, detail ? detail : "");
    db_bind_text(st, 6, req ? request_client_ip(req) : "");
    enum db_step rc = db_step(st);
    db_reset(st);
    return rc == DB_DONE ? 0 : -1;
}

int audit_record(struct db *db, struct request *req, const char *action, int64_t subject_id, const char *detail)
{
    return audit_record_as(db, req, req ? req->caller.user_id : 0, action, subject_id, detail);
}
