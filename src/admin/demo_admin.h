/* The administrator account of the demo data, for trying the hub locally. */
#ifndef DXHUB_ADMIN_DEMO_ADMIN_H
#define DXHUB_ADMIN_DEMO_ADMIN_H

#include "db/db.h"

/* The demo admin's credentials: for local use only (the README says so). */
#define DEMO_ADMIN_EMAIL "admin@example.org"
#define DEMO_ADMIN_NAME "Demo Admin"
#define DEMO_ADMIN_PASSWORD "demo-admin-password-2024"

/* Creates the demo admin (DEMO_ADMIN_EMAIL, role admin, verified, password
 * DEMO_ADMIN_PASSWORD hashed with password_hash) unless an account with
 * that email exists, which is left as it is, so running it twice changes
 * nothing. For `dxhub init --demo`. Returns 0, or -1 with a message on
 * stderr. */
int admin_demo_account(struct db *db);

#endif
