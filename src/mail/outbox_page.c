/* GET /admin/outbox: the latest messages of the outbox, for administrators. */
#include "mail/outbox_page.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "i18n/timefmt.h"
#include "mail/sender.h"
#include "view/page.h"

/* The columns of page_sql. */
enum {
    C_ID,
    C_TO,
    C_LANG,
    C_TEMPLATE,
    C_SUBJECT,
    C_STATUS,
    C_ATTEMPTS,
    C_CREATED,
    C_NEXT,
    C_LAST,
    C_SENT,
    C_ERROR,
    C_TEXT
};

static const char page_sql[] =
    "SELECT id, recipient, lang, template, subject, status, attempts, created_at, next_attempt_at, last_attempt_at, "
    "sent_at, last_error, body_text FROM outbox WHERE id < ? ORDER BY id DESC LIMIT ?";

static const struct {
    const char *status, *label;
} status_labels[] = {{"queued", N_("Queued")}, {"sent", N_("Sent")}, {"failed", N_("Failed")}};

static const char *status_label(const char *status)
{
    for (size_t i = 0; i < sizeof status_labels / sizeof status_labels[0]; i++)
        if (strcmp(status_labels[i].status, status) == 0)
            return _(status_labels[i].label);
    return status;
}

/* Sets key to the column's instant as ISO 8601 and key_label to it as the
 * caller reads it ("22 Apr 2020 14:00 CEST"); nothing when it is NULL. */
static void add_time(struct request *req, json_t *obj, const char *key, struct db_stmt *st, int col)
{
    if (db_col_is_null(st, col))
        return;
    int64_t at = db_col_int(st, col);
    const char *tz = req->caller.tz ? req->caller.tz : "UTC";
    char iso[TIMEFMT_MAX], date[TIMEFMT_MAX], time[TIMEFMT_MAX];
    timefmt_iso8601(iso, sizeof iso, at);
    timefmt_format(date, sizeof date, at, tz, req->lang, TIMEFMT_SHORT_DATE);
    timefmt_format(time, sizeof time, at, tz, req->lang, TIMEFMT_TIME);
    json_object_set_new(obj, key, json_string(iso));
    json_object_set_new(obj, arena_printf(req->arena, "%s_label", key),
                        json_string(arena_printf(req->arena, "%s %s", date, time)));
}

/* One message; its plain-text part only when with_body (see outbox_page.h). */
static json_t *message_from_row(struct request *req, struct db_stmt *st, bool with_body)
{
    const char *status = db_col_text(st, C_STATUS);
    json_t *m =
        json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s*}", "id", (json_int_t)db_col_int(st, C_ID), "recipient",
                  db_col_text(st, C_TO), "lang", db_col_text(st, C_LANG), "template", db_col_text(st, C_TEMPLATE),
                  "subject", db_col_text(st, C_SUBJECT), "status", status, "status_label", status_label(status),
                  "attempts", (json_int_t)db_col_int(st, C_ATTEMPTS), "last_error", db_col_text(st, C_ERROR));
    if (with_body)
        json_object_set_new(m, "body_text", json_string(db_col_text(st, C_TEXT)));
    add_time(req, m, "created_at", st, C_CREATED);
    add_time(req, m, "last_attempt_at", st, C_LAST);
    add_time(req, m, "sent_at", st, C_SENT);
    if (strcmp(status, "queued") == 0)
        add_time(req, m, "next_attempt_at", st, C_NEXT);
    return m;
}

/* The ?before= value: INT64_MAX when absent, -1 when it is not a positive integer. */
static int64_t before_param(struct request *req)
{
    const char *s = request_query(req, "before");
    if (!s)
        return INT64_MAX;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    return errno || end == s || *end || v <= 0 || s[0] == '+' ? -1 : v;
}

void page_admin_outbox(struct request *req)
{
    int64_t before = before_param(req);
    if (before < 0) {
        page_error(req, 400);
        return;
    }
    struct db_stmt *st = db_prepare(db_get(), page_sql);
    if (!st || db_bind_int(st, 1, before) || db_bind_int(st, 2, OUTBOX_PAGE_SIZE + 1)) {
        db_reset(st);
        page_error(req, 500);
        return;
    }
    bool sending = mail_sending();
    json_t *messages = json_array();
    enum db_step step;
    int64_t last_id = 0;
    while ((step = db_step(st)) == DB_ROW && json_array_size(messages) < OUTBOX_PAGE_SIZE) {
        last_id = db_col_int(st, C_ID);
        json_array_append_new(messages, message_from_row(req, st, !sending));
    }
    db_reset(st);
    if (step == DB_ERROR) {
        json_decref(messages);
        page_error(req, 500);
        return;
    }
    json_t *data = json_pack("{s:s, s:b, s:o}", "title", _("Outbox"), "sending", sending, "messages", messages);
    if (step == DB_ROW)
        json_object_set_new(data, "next_url",
                            json_string(arena_printf(req->arena, "/admin/outbox?before=%lld", (long long)last_id)));
    if (before != INT64_MAX)
        json_object_set_new(data, "first_url", json_string("/admin/outbox"));
    json_object_set_new(data, "paged", json_boolean(before != INT64_MAX || step == DB_ROW));
    page_render(req, 200, "admin_outbox", data);
}
