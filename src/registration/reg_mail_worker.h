/* The mail renderer: a thread that turns the registration emails waiting in
 * reg_mail_jobs (queued by reg_mail() inside the writes they tell of) into
 * outbox messages, rendering them (templates, the .ics) outside any write
 * transaction and storing a round of them in one short one. It runs with or
 * without an SMTP server: the outbox is where messages wait either way. */
#ifndef DXHUB_REGISTRATION_REG_MAIL_WORKER_H
#define DXHUB_REGISTRATION_REG_MAIL_WORKER_H

#include "db/db.h"

#define REG_MAIL_ROUND 32 /* jobs rendered, then stored in one transaction */

/* Renders up to REG_MAIL_ROUND waiting jobs, oldest first, and stores them
 * in one job of the batching writer (db/db_batch.h: each job's outbox row and
 * cancel link, and the job row deleted). A job that cannot be rendered or stored is logged and
 * dropped, so that it cannot block the others. Returns how many jobs were
 * taken off the queue, or -1 on a database error (nothing changed). Used
 * by the thread; tests call it to render what is waiting. */
int reg_mail_render_due(struct db *db);

/* Wakes the renderer: a job was queued and will be there once the writing
 * transaction commits (it looks again every few milliseconds for a while). */
void reg_mail_kick(void);

/* Starts and stops the thread (once each, from main). Stopping leaves
 * waiting jobs in the table for the next start. start returns 0 or -1. */
int reg_mail_worker_start(void);
void reg_mail_worker_stop(void);

#endif
