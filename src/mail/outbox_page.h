/* The outbox page for administrators: what the hub queued and sent. */
#ifndef DXHUB_MAIL_OUTBOX_PAGE_H
#define DXHUB_MAIL_OUTBOX_PAGE_H

#include "http/request.h"

#define OUTBOX_PAGE_SIZE 20

/* GET /admin/outbox?before=ID (PERM_ADMIN, from the route table): the
 * OUTBOX_PAGE_SIZE latest messages, newest first, each with its recipient,
 * subject, status, attempts, times, last error and plain-text part (so that
 * without SMTP an admin can open a verification link), plus whether mail is
 * being sent at all.
 *   before  optional: only messages whose id is smaller (keyset pagination;
 *           the page's next_url, "older messages", carries it); a positive integer, else 400. */
void page_admin_outbox(struct request *req);

#endif
