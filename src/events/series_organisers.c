/* The organisers of a series: who they are, and adding one by email
 * address from the series' form. */
#include "events/series_organisers.h"

#include <time.h>

#include "accounts/users.h"
#include "view/form.h"

/* One organiser; arg is the caller's user id. */
static json_t *organiser_row(struct db_stmt *st, int64_t arg)
{
    return json_pack("{s:s, s:s, s:b}", "name", db_col_text(st, 1), "email", db_col_text(st, 2), "me",
                     db_col_int(st, 0) == arg);
}

json_t *series_organisers_list(struct request *req, struct db *db, int64_t series_id)
{
    return db_rows_json(db,
                        "SELECT u.id, u.name, u.email FROM series_organisers o JOIN users u ON u.id = o.user_id "
                        "WHERE o.series_id = ? ORDER BY o.added_at, u.id",
                        series_id, organiser_row, req->caller.user_id);
}

int series_organisers_read(struct request *req, struct db *db, json_t *page, int64_t series_id, int64_t *user_id)
{
    *user_id = 0;
    const char *posted = form_text(req, "organiser_email");
    json_object_set_new(json_object_get(page, "form"), "organiser_email", json_string(posted ? posted : ""));
    if (!posted || !*posted)
        return 0;
    char email[255];
    if (!user_email_normalise(posted, email)) {
        form_error(page, "organiser_email", _("Please enter an email address, such as name@example.org."));
        return 0;
    }
    int64_t id = 0;
    int found = db_one_int(db,
                           "SELECT id FROM users WHERE email = ? AND deleted_at IS NULL AND disabled_at IS NULL "
                           "AND role IN ('organiser', 'moderator', 'admin')",
                           &id, "t", email);
    int already = found == 1 ? db_one_int(db, "SELECT 1 FROM series_organisers WHERE series_id = ? AND user_id = ?",
                                          NULL, "ii", series_id, id)
                             : 0;
    if (found < 0 || already < 0)
        return -1;
    if (found == 0)
        form_error(page, "organiser_email",
                   _("No organiser of the hub has this address. They need an account with the organiser role."));
    else if (already == 1)
        form_error(page, "organiser_email", _("This person organises this series already."));
    else
        *user_id = id;
    return 0;
}

int series_organisers_add(struct db *db, int64_t series_id, int64_t user_id)
{
    return db_run(db, "INSERT OR IGNORE INTO series_organisers (series_id, user_id, added_at) VALUES (?, ?, ?)",
                  "iii", series_id, user_id, (int64_t)time(NULL));
}
