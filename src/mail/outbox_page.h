/* The outbox page for administrators: what the hub queued and sent. */
#ifndef DXHUB_MAIL_OUTBOX_PAGE_H
#define DXHUB_MAIL_OUTBOX_PAGE_H

#include "http/request.h"

#define OUTBOX_PAGE_SIZE 20

/* GET /admin/outbox?before=ID (PERM_ADMIN, from the route table): the
 * OUTBOX_PAGE_SIZE latest messages, newest first, each with its recipient,
 * subject, status, attempts, times and last error, plus whether mail is
 * being sent at all. Only while no SMTP server is configured (the demo, a
 * local test) does each message also show its plain-text part, so that an
 * admin can open a verification link; once mail goes out, the links in it
 * (password resets among them) are for their recipients' eyes only.
 *   before  optional: only messages whose id is smaller (keyset pagination;
 *           the page's next_url, "older messages", carries it); a positive integer, else 400. */
void page_admin_outbox(struct request *req);

#endif
