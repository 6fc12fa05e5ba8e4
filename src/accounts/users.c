/* People's accounts: creation and look-ups. */
#include "accounts/users.h"

#include <ctype.h>
#include <string.h>
#include <time.h>

bool user_email_normalise(const char *email, char out[255])
{
    size_t n = strlen(email);
    if (n < 3 || n > 254)
        return false;
    const char *at = strchr(email, '@');
    if (!at || at == email || strchr(at + 1, '@') || !strchr(at + 1, '.') || at[1] == '.' || email[n - 1] == '.')
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)email[i];
        if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"')
            return false;
        out[i] = (char)tolower(c);
    }
    out[n] = '\0';
    return true;
}

bool user_role_valid(const char *role)
{
    return role && (strcmp(role, "member") == 0 || strcmp(role, "organiser") == 0 ||
                    strcmp(role, "moderator") == 0 || strcmp(role, "admin") == 0);
}

int64_t user_id_by_email(struct db *db, const char *email)
{
    struct db_stmt *st = db_prepare(db, "SELECT id FROM users WHERE email = ?");
    if (!st)
        return 0;
    db_bind_text(st, 1, email);
    int64_t id = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
    db_reset(st);
    return id;
}

int64_t user_create(struct db *db, const char *email, const char *name, const char *password_hash, const char *role,
                    const char *lang, const char *tz)
{
    if (user_id_by_email(db, email))
        return 0;
    struct db_stmt *st = db_prepare(db, "INSERT INTO users (email, name, password_hash, role, lang, tz, created_at) "
                                        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!st)
        return -1;
    db_bind_text(st, 1, email);
    db_bind_text(st, 2, name);
    db_bind_text(st, 3, password_hash);
    db_bind_text(st, 4, role);
    db_bind_text(st, 5, lang);
    db_bind_text(st, 6, tz);
    db_bind_int(st, 7, (int64_t)time(NULL));
    enum db_step rc = db_step(st);
    db_reset(st);
    return rc == DB_DONE ? db_last_id(db) : -1;
}
