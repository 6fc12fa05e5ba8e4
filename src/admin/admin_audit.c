/* The audit log page for admins, and the recent entries of one account. */
#include "admin/admin_audit.h"

#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "accounts/audit_detail.h"
#include "admin/admin_view.h"
#include "core/log.h"
#include "i18n/tz.h"
#include "view/form.h"
#include "view/page.h"

/* Each entry with the accounts of its actor and subject (either may be gone). */
#define ENTRY_COLS                                                                                                     \
    "SELECT a.id, a.at, a.action, a.detail, a.ip, a.actor_id, ua.name, ua.deleted_at IS NOT NULL, a.subject_id, "      \
    "us.name, us.deleted_at IS NOT NULL FROM audit_log a LEFT JOIN users ua ON ua.id = a.actor_id "                    \
    "LEFT JOIN users us ON us.id = a.subject_id "

static const char list_sql[] = ENTRY_COLS "WHERE (? IS NULL OR a.action = ?) AND (? IS NULL OR a.actor_id = ?) "
                                          "AND (? IS NULL OR a.subject_id = ?) AND a.at >= ? AND a.at < ? AND a.id < ? "
                                          "ORDER BY a.id DESC LIMIT ?";
static const char recent_sql[] = ENTRY_COLS "WHERE a.subject_id = ? OR a.actor_id = ? ORDER BY a.id DESC LIMIT ?";

static json_t *entry_view(struct request *req, struct db_stmt *st)
{
    json_t *e =
        json_pack("{s:I, s:o, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)db_col_int(st, 0), "at",
                  admin_time(req, db_col_int(st, 1), true), "action", db_col_text(st, 2), "action_label",
                  admin_action_label(db_col_text(st, 2)), "detail", db_col_text(st, 3), "detail_text",
                  audit_detail_text(req->arena, db_col_text(st, 3)), "ip", db_col_text(st, 4));
    json_object_set_new(e, "actor", admin_person(db_col_int(st, 5), db_col_text(st, 6), db_col_int(st, 7)));
    json_object_set_new(e, "subject", admin_person(db_col_int(st, 8), db_col_text(st, 9), db_col_int(st, 10)));
    return e;
}

/* Appends the rows of st (bound, not yet stepped) to a new array and resets
 * st; NULL on a database error. */
static json_t *entries_read(struct request *req, struct db_stmt *st)
{
    json_t *list = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(list, entry_view(req, st));
    db_reset(st);
    if (rc == DB_ERROR) {
        json_decref(list);
        return NULL;
    }
    return list;
}

json_t *admin_audit_recent(struct request *req, struct db *db, int64_t user_id, int limit)
{
    struct db_stmt *st = db_prepare(db, recent_sql);
    if (!st)
        return NULL;
    db_bind_int(st, 1, user_id);
    db_bind_int(st, 2, user_id);
    db_bind_int(st, 3, limit);
    return entries_read(req, st);
}

/* The filters of the audit page, as typed and as understood. */
struct audit_filter {
    const char *action, *actor, *subject, *from, *to; /* as typed ("" when absent) */
    int64_t actor_id, subject_id;                     /* 0: any */
    int64_t from_utc, to_utc;                         /* [from_utc, to_utc) */
    int64_t before;
};

static const char *query_or_empty(struct request *req, const char *name)
{
    const char *v = request_query(req, name);
    return v ? v : "";
}

static bool action_code_valid(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 40)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || s[i] == '_'))
            return false;
    return true;
}

/* Reads "YYYY-MM-DD" into *day (midnight); false when it is not that shape. */
static bool date_parse(const char *s, struct civil *day)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    *day = (struct civil){.year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'),
                          .month = (s[5] - '0') * 10 + (s[6] - '0'),
                          .day = (s[8] - '0') * 10 + (s[9] - '0')};
    return true;
}

/* The first instant of day s (or of the day after it, when next) in zone,
 * as UTC; false when s is no real date. */
static bool day_start_utc(const char *s, const char *zone, bool next, int64_t *utc)
{
    struct civil day;
    if (!date_parse(s, &day) || tz_local_to_utc(zone, &day, utc) != 0)
        return false;
    if (next) {
        /* timegm normalises the 32nd of a month into the 1st of the next. */
        struct tm tm = {.tm_year = day.year - 1900, .tm_mon = day.month - 1, .tm_mday = day.day + 1};
        timegm(&tm);
        day = (struct civil){.year = tm.tm_year + 1900, .month = tm.tm_mon + 1, .day = tm.tm_mday};
        return tz_local_to_utc(zone, &day, utc) == 0;
    }
    return true;
}

/* Reads the filters into *f, marking what is wrong on page. Returns false
 * for a malformed `before`, which only a hand-made link can carry. */
static bool filter_read(struct request *req, json_t *page, struct audit_filter *f)
{
    const char *zone = admin_viewer_zone(req);
    *f = (struct audit_filter){.action = query_or_empty(req, "action"),
                               .actor = query_or_empty(req, "actor"),
                               .subject = query_or_empty(req, "subject"),
                               .from = query_or_empty(req, "from"),
                               .to = query_or_empty(req, "to"),
                               .from_utc = INT64_MIN,
                               .to_utc = INT64_MAX,
                               .before = INT64_MAX};
    const char *before = request_query(req, "before");
    if (before && !(f->before = admin_parse_id(before)))
        return false;
    if (*f->action && !action_code_valid(f->action))
        form_error(page, "action", _("Choose an action from the list."));
    if (*f->actor && !(f->actor_id = admin_parse_id(f->actor)))
        form_error(page, "actor", _("An account number is a whole number, such as 12."));
    if (*f->subject && !(f->subject_id = admin_parse_id(f->subject)))
        form_error(page, "subject", _("An account number is a whole number, such as 12."));
    if (*f->from && !day_start_utc(f->from, zone, false, &f->from_utc))
        form_error(page, "from", _("Write the date as year-month-day, such as 2024-05-31."));
    if (*f->to && !day_start_utc(f->to, zone, true, &f->to_utc))
        form_error(page, "to", _("Write the date as year-month-day, such as 2024-05-31."));
    if (f->from_utc != INT64_MIN && f->to_utc != INT64_MAX && f->from_utc >= f->to_utc && !form_has_errors(page))
        form_error(page, "to", _("The last day comes before the first one."));
    return true;
}

static void bind_optional_text(struct db_stmt *st, int idx, const char *v)
{
    db_bind_text(st, idx, *v ? v : NULL);
    db_bind_text(st, idx + 1, *v ? v : NULL);
}

static void bind_optional_id(struct db_stmt *st, int idx, int64_t v)
{
    if (v) {
        db_bind_int(st, idx, v);
        db_bind_int(st, idx + 1, v);
    } else {
        db_bind_null(st, idx);
        db_bind_null(st, idx + 1);
    }
}

/* The page of entries the filters select, one more than shown to tell
 * whether there is a next page; NULL on a database error. */
static json_t *entries_find(struct request *req, struct db *db, const struct audit_filter *f)
{
    struct db_stmt *st = db_prepare(db, list_sql);
    if (!st)
        return NULL;
    bind_optional_text(st, 1, f->action);
    bind_optional_id(st, 3, f->actor_id);
    bind_optional_id(st, 5, f->subject_id);
    db_bind_int(st, 7, f->from_utc);
    db_bind_int(st, 8, f->to_utc);
    db_bind_int(st, 9, f->before);
    db_bind_int(st, 10, ADMIN_AUDIT_PAGE + 1);
    return entries_read(req, st);
}

/* This page's address with the filters and `before` (0: none). Arena string. */
static const char *page_url(struct request *req, const struct audit_filter *f, int64_t before)
{
    struct buf b = BUF_INIT;
    buf_puts(&b, "/admin/audit");
    admin_query_add(&b, "action", f->action);
    admin_query_add(&b, "actor", f->actor);
    admin_query_add(&b, "subject", f->subject);
    admin_query_add(&b, "from", f->from);
    admin_query_add(&b, "to", f->to);
    if (before) {
        char num[24];
        snprintf(num, sizeof num, "%" PRId64, before);
        admin_query_add(&b, "before", num);
    }
    const char *url = arena_strdup(req->arena, buf_str(&b));
    buf_free(&b);
    return url;
}

void page_admin_audit(struct request *req)
{
    json_t *page = json_pack("{s:s, s:{}}", "title", _("Audit log"), "errors");
    struct audit_filter f;
    if (!filter_read(req, page, &f)) {
        json_decref(page);
        page_error(req, 400);
        return;
    }
    json_object_set_new(page, "filter",
                        json_pack("{s:s, s:s, s:s, s:s, s:s}", "action", f.action, "actor", f.actor, "subject",
                                  f.subject, "from", f.from, "to", f.to));
    json_object_set_new(page, "actions", admin_action_options(f.action));
    json_object_set_new(page, "zone", json_string(admin_viewer_zone(req)));
    if (form_has_errors(page)) {
        page_render(req, 422, "admin_audit", page);
        return;
    }
    struct db *db = db_get();
    json_t *entries = db ? entries_find(req, db, &f) : NULL;
    if (!entries) {
        json_decref(page);
        page_error(req, 500);
        return;
    }
    if (json_array_size(entries) > ADMIN_AUDIT_PAGE) {
        json_array_remove(entries, ADMIN_AUDIT_PAGE);
        json_t *last = json_array_get(entries, ADMIN_AUDIT_PAGE - 1);
        json_object_set_new(page, "next_url",
                            json_string(page_url(req, &f, json_integer_value(json_object_get(last, "id")))));
    }
    if (f.before != INT64_MAX)
        json_object_set_new(page, "first_url", json_string(page_url(req, &f, 0)));
    json_object_set_new(page, "paged", json_boolean(f.before != INT64_MAX || json_object_get(page, "next_url")));
    json_object_set_new(page, "any", json_boolean(json_array_size(entries) > 0));
    json_object_set_new(page, "entries", entries);
    page_render(req, 200, "admin_audit", page);
}
