/* People's accounts: creation and look-ups. */
#include "accounts/users.h"

#include <string.h>
#include <time.h>

#include "mail/address.h"

bool user_email_normalise(const char *email, char out[255])
{
    return mail_address_normalise(email, out);
}

bool user_role_valid(const char *role)
{
    return role && (strcmp(role, "member") == 0 || strcmp(role, "organiser") == 0 ||
                    strcmp(role, "moderator") == 0 || strcmp(role, "admin") == 0);
}

int64_t user_id_by_email(struct db *db, const char *email)
{
    int64_t id = 0;
    db_one_int(db, "SELECT id FROM users WHERE email = ?", &id, "t", email);
    return id;
}

int64_t user_create(struct db *db, const char *email, const char *name, const char *password_hash, const char *role,
                    const char *lang, const char *tz)
{
    if (user_id_by_email(db, email))
        return 0;
    if (db_run(db,
               "INSERT INTO users (email, name, password_hash, role, lang, tz, created_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)",
               "tttttti", email, name, password_hash, role, lang, tz, (int64_t)time(NULL)))
        return -1;
    return db_last_id(db);
}
