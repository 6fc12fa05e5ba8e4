/* The demo content: the seeds' real Global Diaspora Virtual Exchanges. */
#ifndef DXHUB_EVENTS_DEMO_H
#define DXHUB_EVENTS_DEMO_H

/* Loads the embedded demo/seed.json (series, editions with their type,
 * format and languages, sessions, guiding questions, partners, proposals, in
 * en/fr/es) into the database, in one transaction, after creating the demo
 * admin (src/admin/demo_admin.h) when missing, and makes that admin an
 * organiser of every demo event. Loads nothing when the demo series is
 * already there (the organisers are still added), so running it twice
 * changes nothing. Returns 0, or -1 with a message on stderr. */
int demo_load(void);

#endif
