/* Telling an event's registrants that the organisers cancelled it: one
 * email each, through the outbox, in the person's language. */
#include "registration/registration_mail.h"

static json_t *id_row(struct db_stmt *st, int64_t arg)
{
    (void)arg;
    return json_integer(db_col_int(st, 0));
}

int64_t reg_notify_event_cancelled(struct db *db, int64_t event_id, const char *message)
{
    json_t *ids = db_rows_json(db,
                               "SELECT id FROM registrations WHERE event_id = ? "
                               "AND status IN ('confirmed', 'waitlisted', 'pending') ORDER BY id",
                               event_id, id_row, 0);
    json_t *extra = json_pack("{s:s}", "organiser_message", message ? message : "");
    int64_t n = ids ? 0 : -1;
    size_t i;
    json_t *id;
    json_array_foreach (ids, i, id)
        if (n >= 0)
            n = reg_mail(db, json_integer_value(id), "reg_event_cancelled", extra, false) ? -1 : n + 1;
    json_decref(extra);
    json_decref(ids);
    return n;
}
