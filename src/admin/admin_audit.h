/* The audit log as admins read it: the filtered, paged page and the recent
 * entries shown on an account's page. */
#ifndef DXHUB_ADMIN_ADMIN_AUDIT_H
#define DXHUB_ADMIN_ADMIN_AUDIT_H

#include <jansson.h>
#include <stdint.h>

#include "db/db.h"
#include "http/request.h"

/* GET /admin/audit : the log, newest first, ADMIN_AUDIT_PAGE entries a page.
 *   action   an action code ("role_change"); absent or "": every action
 *   actor    id of the account that acted; subject: id of the account acted upon
 *   from, to first and last day (YYYY-MM-DD, both included) in the viewer's zone
 *   before   keyset pagination: only entries whose id is below this one
 * A filter typed wrong comes back as the page with the field marked (422);
 * a malformed `before` (only links make it) is a 400. */
void page_admin_audit(struct request *req);

#define ADMIN_AUDIT_PAGE 50

/* The latest `limit` entries about or by account user_id, newest first, as
 * the audit page shows each one: {"id", "at": {"iso", "text"}, "action",
 * "action_label", "detail" (as stored, in English), "detail_text" (the
 * detail in the request's language), "ip", "actor", "subject"} (people as
 * admin_person makes them). Returns a new array, or NULL on a database
 * error (logged). */
json_t *admin_audit_recent(struct request *req, struct db *db, int64_t user_id, int limit);

#endif
