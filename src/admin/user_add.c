/* Accounts made on the command line. */
#include "admin/user_add.h"

#include <string.h>
#include <time.h>

#include "accounts/audit.h"
#include "accounts/tokens.h"
#include "accounts/users.h"
#include "http/form.h"
#include "i18n/i18n.h"

static const char verify_sql[] = "UPDATE users SET verified_at = ? WHERE id = ?";

static bool name_valid(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > ADMIN_NAME_MAX || !utf8_valid(name, n))
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)name[i] < ' ' || name[i] == 0x7f)
            return false;
    return name[0] != ' ' && name[n - 1] != ' ';
}

const char *admin_user_add_check(const char *email, const char *name, const char *role, const char *lang,
                                 char email_out[255], const char **lang_out)
{
    enum lang l;
    if (!email || !user_email_normalise(email, email_out))
        return "--email needs an email address, such as ana@example.org";
    if (!name || !name_valid(name))
        return "--name needs a name of 1 to 200 characters, without line breaks or spaces around it";
    if (!user_role_valid(role))
        return "--role needs one of member, organiser, moderator, admin";
    if (!i18n_parse(lang, &l))
        return "--lang needs one of en, fr, es";
    *lang_out = i18n_code(l);
    return NULL;
}

int64_t admin_user_add(struct db *db, const char *email, const char *name, const char *role, const char *lang,
                       const char *password_hash, char token[SECRET_TEXT_LEN])
{
    if (db_begin(db))
        return -1;
    int64_t id = user_create(db, email, name, password_hash, role, lang, "UTC");
    if (id <= 0)
        goto out;
    if (db_run(db, verify_sql, "ii", (int64_t)time(NULL), id) ||
        (!password_hash && token_create(db, id, "set_password", TOKEN_SET_PASSWORD_TTL_S, token)) ||
        audit_record_as(db, NULL, 0, "user_add_cli", id, role) || db_commit(db))
        id = -1;
out:
    if (id <= 0)
        db_rollback(db);
    return id;
}
