/* What the admin pages share: the interface strings of their templates, the
 * translated labels of roles, account statuses and audit actions, links to
 * people, dates in the viewer's zone, and query strings for links. */
#ifndef DXHUB_ADMIN_ADMIN_VIEW_H
#define DXHUB_ADMIN_ADMIN_VIEW_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/buf.h"
#include "http/request.h"

/* Adds the admin templates' strings ({{t.admin_…}}) to the interface
 * strings. Call once at start-up, before i18n_init. */
void admin_register_strings(void);

/* The translated name of a role ("member" → "Member"), status ("active",
 * "unverified", "disabled", "deleted") or audit action ("role_change" →
 * "Role changed"), in the calling thread's language. A code without a label
 * is returned as it is; NULL gives "". */
const char *admin_role_label(const char *role);
const char *admin_status_label(const char *status);
const char *admin_action_label(const char *action);

/* Options for a <select>: [{"value", "label", "selected"}] of the four
 * roles, the four statuses, or the audit actions with a label (plus
 * `selected` itself when it is a code without one). selected may be NULL or
 * "". New references. */
json_t *admin_role_options(const char *selected);
json_t *admin_status_options(const char *selected);
json_t *admin_action_options(const char *selected);

/* A person as admin pages show one: {"id", "url": "/admin/users/ID",
 * "label"}, where label is name, or "former member #ID" when deleted is true
 * or name is NULL (the row is gone). JSON null when id is 0 (nobody: a
 * visitor or the command line). Strings are copied. New reference. */
json_t *admin_person(int64_t id, const char *name, bool deleted);

/* An instant for the viewer: {"iso": "2024-05-01T12:00:00Z", "text": "1 May
 * 2024, 14:00 CEST"} in req's language and the caller's zone (UTC when the
 * caller has none); with_time false leaves out the time of day. New
 * reference. */
json_t *admin_time(struct request *req, int64_t utc, bool with_time);

/* The viewer's zone: the caller's, or "UTC". Never NULL. */
const char *admin_viewer_zone(const struct request *req);

/* Appends "&name=value" (or "?name=value" to an empty-query buf, that is
 * when b holds no '?' yet) with value percent-encoded; nothing when value is
 * NULL or "". */
void admin_query_add(struct buf *b, const char *name, const char *value);

/* Parses a positive decimal id ("12"); 0 for NULL, "", "0", signs, leading
 * zeros, anything else or values past INT64_MAX. */
int64_t admin_parse_id(const char *s);

#endif
