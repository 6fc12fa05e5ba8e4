/* The demo administrator account. */
#include "admin/demo_admin.h"

#include <stdio.h>

#include "accounts/password.h"
#include "accounts/users.h"
#include "admin/user_add.h"

int admin_demo_account(struct db *db)
{
    if (user_id_by_email(db, DEMO_ADMIN_EMAIL))
        return 0;
    char hash[PASSWORD_HASH_LEN];
    if (password_hash(DEMO_ADMIN_PASSWORD, hash)) {
        fprintf(stderr, "dxhub: cannot hash the demo admin's password (out of memory)\n");
        return -1;
    }
    /* 0: someone made the account since the check above, which is as good. */
    if (admin_user_add(db, DEMO_ADMIN_EMAIL, DEMO_ADMIN_NAME, "admin", "en", hash, NULL) < 0) {
        fprintf(stderr, "dxhub: cannot create the demo admin account\n");
        return -1;
    }
    return 0;
}
