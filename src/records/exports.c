/* The registrations of an event as a spreadsheet for its organisers: CSV
 * (RFC 4180, UTF-8 with a byte order mark, CRLF) and XLSX (libxlsxwriter),
 * the same table in both (the XLSX with date cells for the times), every
 * cell defused against formula injection. A registration question that
 * stands for a profile field fills that field's column instead of its own
 * (form_fields.h), and no two columns share a header. Each download is logged to
 * the audit log, since it carries personal data. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "core/log.h"
#include "db/db.h"
#include "events/event_access.h"
#include "i18n/timefmt.h"
#include "i18n/tz.h"
#include "profiles/code_lists.h"
#include "profiles/profiles.h"
#include "records/csv.h"
#include "records/files.h"
#include "records/form_fields.h"
#include "records/record_common.h"
#include "records/record_pages.h"
#include "registration/registration_questions.h"
#include "view/page.h"

/* The fixed columns, before one per registration question. */
enum {
    COL_NAME,
    COL_EMAIL,
    COL_STATUS,
    COL_POSITION,
    COL_AT_UTC,
    COL_AT_LOCAL,
    COL_LANG,
    COL_COUNTRY,
    COL_GROUP,
    NFIXED
};

/* A table of text cells: the header row, then one row per registration. */
struct table {
    size_t ncols, nrows; /* nrows counts the header */
    const char **cells;  /* row-major, nrows * ncols, arena */
    int64_t *at;         /* each row's registration instant (the header's 0), arena */
    const char *tz;      /* the event's zone, for the local time column */
};

/* The countries of residence in fields' entry (see form_fields_load) by
 * name, "; " between them. */
static const char *countries_of(struct request *req, json_t *entry)
{
    const char *out = "";
    size_t i;
    json_t *c;
    json_array_foreach (json_object_get(entry, "residence"), i, c) {
        const char *name = country_name(json_string_value(c), req->lang);
        out = arena_printf(req->arena, "%s%s%s", out, *out ? "; " : "", name ? name : json_string_value(c));
    }
    return out;
}

/* Fills the question columns of one row from the registration's answers:
 * question i goes to column col[i], none when it is negative. */
static int answers_of(struct request *req, struct db *db, int64_t registration_id, json_t *questions,
                      const int *col, const char **row)
{
    struct db_stmt *st = db_prepare(db, "SELECT question_id, value FROM registration_answers "
                                        "WHERE registration_id = ?");
    if (!st)
        return -1;
    db_bind_int(st, 1, registration_id);
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        size_t i;
        json_t *q;
        json_array_foreach (questions, i, q)
            if (col[i] >= 0 && json_integer_value(json_object_get(q, "id")) == db_col_int(st, 0))
                row[col[i]] = reg_answer_text(req, q, arena_strdup(req->arena, db_col_text(st, 1)));
    }
    db_reset(st);
    return rc == DB_DONE ? 0 : -1;
}

static bool header_taken(const char **row, size_t c)
{
    for (size_t d = 0; d < c; d++)
        if (strcmp(row[d], row[c]) == 0)
            return true;
    return false;
}

/* Makes every header of row[0..n) unique: one that an earlier column
 * already has gets " (2)", " (3)"... after it, the first number free. */
static void headers_unique(struct request *req, const char **row, size_t n)
{
    for (size_t c = 1; c < n; c++) {
        const char *base = row[c];
        for (int k = 2; header_taken(row, c); k++)
            row[c] = arena_printf(req->arena, "%s (%d)", base, k);
    }
}

/* The header row: the fixed columns, then the question columns col[i]. */
static void header_row(struct request *req, const struct event_ref *ev, json_t *questions, const int *col,
                       const char **row)
{
    row[COL_NAME] = _("Name");
    row[COL_EMAIL] = _("Email address");
    row[COL_STATUS] = _("Status");
    row[COL_POSITION] = _("Waitlist position");
    row[COL_AT_UTC] = _("Registered at (UTC)");
    /* TRANSLATORS: %s is the event's time zone, e.g. Europe/Brussels. */
    row[COL_AT_LOCAL] = arena_printf(req->arena, _("Registered at (%s)"), ev->tz);
    row[COL_LANG] = _("Language");
    row[COL_COUNTRY] = _("Country of residence");
    row[COL_GROUP] = _("Stakeholder group");
    size_t i;
    json_t *q;
    json_array_foreach (questions, i, q)
        if (col[i] >= 0)
            row[col[i]] = arena_strdup(req->arena, json_string_value(json_object_get(q, "label")));
}

/* One registration's fixed columns from the current row of st, but the
 * country and group (form_fields_load). */
static void fixed_columns(struct request *req, const struct event_ref *ev, struct db_stmt *st, const char **row)
{
    char utc[TIMEFMT_MAX], local[TIMEFMT_MAX];
    int64_t at = db_col_int(st, 5);
    row[COL_NAME] = arena_strdup(req->arena, db_col_text(st, 1));
    row[COL_EMAIL] = arena_strdup(req->arena, db_col_text(st, 2));
    row[COL_STATUS] = record_status_label(db_col_text(st, 3));
    row[COL_POSITION] = strcmp(db_col_text(st, 3), "waitlisted") == 0
                            ? arena_printf(req->arena, "%lld", (long long)db_col_int(st, 4))
                            : "";
    row[COL_AT_UTC] = arena_strdup(req->arena, timefmt_iso8601(utc, sizeof utc, at));
    row[COL_AT_LOCAL] = arena_strdup(req->arena, timefmt_iso8601_local(local, sizeof local, at, ev->tz));
    const char *lang = record_lang_name(db_col_text(st, 6));
    row[COL_LANG] = lang ? lang : arena_strdup(req->arena, db_col_text(st, 6));
}

/* The column of each question of questions: none (-1) for one that stands
 * for a profile field (its answers go to that field's column), else the
 * next after the fixed ones. *ncols is the table's width. Arena array. */
static int *question_columns(struct request *req, struct db *db, const struct event_ref *ev, json_t *questions,
                             size_t *ncols)
{
    json_t *english = reg_questions_load(db, ev->id, "en");
    if (!english)
        return NULL;
    size_t n = json_array_size(questions);
    int *col = arena_alloc(req->arena, (n ? n : 1) * sizeof *col);
    *ncols = NFIXED;
    for (size_t i = 0; i < n; i++)
        col[i] = form_field_of(req, db, json_array_get(english, i)) == FORM_FIELD_NONE ? (int)(*ncols)++ : -1;
    json_decref(english);
    return col;
}

/* Builds the table of every registration of ev, oldest first. 0 or -1. */
static int table_build(struct request *req, struct db *db, const struct event_ref *ev, struct table *t)
{
    json_t *questions = reg_questions_load(db, ev->id, ev->default_lang);
    json_t *english = questions ? reg_questions_load(db, ev->id, "en") : NULL;
    json_t *fields = english ? form_fields_load(req, db, ev->id, english) : NULL;
    int *col = fields ? question_columns(req, db, ev, questions, &t->ncols) : NULL;
    int64_t count = 0;
    int rc = col && db_one_int(db, "SELECT COUNT(*) FROM registrations WHERE event_id = ?", &count, "i", ev->id) == 1
                 ? 0
                 : -1;
    struct db_stmt *st = NULL;
    enum db_step step = DB_DONE;
    if (rc)
        goto out;
    t->cells = arena_alloc(req->arena, ((size_t)count + 1) * t->ncols * sizeof *t->cells);
    t->at = arena_alloc(req->arena, ((size_t)count + 1) * sizeof *t->at);
    t->tz = ev->tz;
    t->at[0] = 0;
    header_row(req, ev, questions, col, t->cells);
    headers_unique(req, t->cells, t->ncols);
    t->nrows = 1;
    st = db_prepare(db, "SELECT r.id, u.name, u.email, r.status, (SELECT COUNT(*) FROM registrations w WHERE w.event_id = "
                        "r.event_id AND w.status = 'waitlisted' AND w.waitlist_seq <= r.waitlist_seq), r.created_at, "
                        "r.lang FROM registrations r JOIN users u ON u.id = r.user_id "
                        "WHERE r.event_id = ? ORDER BY r.created_at, r.id");
    rc = st ? 0 : -1;
    if (st)
        db_bind_int(st, 1, ev->id);
    while (rc == 0 && t->nrows <= (size_t)count && (step = db_step(st)) == DB_ROW) {
        const char **row = t->cells + t->nrows * t->ncols;
        fixed_columns(req, ev, st, row);
        t->at[t->nrows] = db_col_int(st, 5);
        json_t *entry = json_object_get(fields, arena_printf(req->arena, "%lld", (long long)db_col_int(st, 0)));
        row[COL_COUNTRY] = countries_of(req, entry);
        const char *group =
            choice_label(stakeholder_groups, nstakeholder_groups, json_string_value(json_object_get(entry, "group")));
        row[COL_GROUP] = group ? group : "";
        if (answers_of(req, db, db_col_int(st, 0), questions, col, row))
            rc = -1;
        t->nrows++;
    }
    if (st)
        db_reset(st);
out:
    json_decref(questions);
    json_decref(english);
    json_decref(fields);
    return rc || step == DB_ERROR ? -1 : 0;
}

static int export_logged(struct request *req, struct db *db, const struct event_ref *ev, void *format)
{
    return record_audit(req, db, ev, "registrations_export", format) ? -1 : 1;
}

/* Checks the caller manages the event, logs the download and builds the
 * table. False when the answer (an error page) is already given. */
static bool export_prepare(struct request *req, struct event_ref *ev, struct table *t, const char *format)
{
    if (!event_require(req, ev, EVENT_MANAGE))
        return false;
    if (!record_change(req, ev, export_logged, (void *)format))
        return false;
    if (table_build(req, db_get(), ev, t)) {
        page_error(req, 500);
        return false;
    }
    return true;
}

/* Answers with body as an attachment named after the event. */
static void send_attachment(struct request *req, const struct event_ref *ev, const char *type, const char *ext,
                            char *body, size_t len)
{
    request_add_header(req, "Content-Disposition",
                       arena_printf(req->arena, "attachment; filename=\"%s-registrations.%s\"", ev->slug, ext));
    request_add_header(req, "Cache-Control", "no-store");
    request_respond_owned(req, 200, type, body, len);
}

void page_registrations_csv(struct request *req)
{
    struct event_ref ev;
    struct table t;
    if (!export_prepare(req, &ev, &t, "CSV"))
        return;
    struct buf b = BUF_INIT;
    /* A byte order mark, so that Excel on Windows reads UTF-8. */
    buf_puts(&b, "\xEF\xBB\xBF");
    for (size_t r = 0; r < t.nrows; r++)
        csv_row(&b, t.cells + r * t.ncols, t.ncols);
    size_t len;
    char *body = buf_detach(&b, &len);
    send_attachment(req, &ev, "text/csv; charset=utf-8; header=present", "csv", body, len);
}

/* Writes the instant at, read on the clock of zone (NULL: UTC), as a date
 * cell in the given format. */
static void xlsx_date(lxw_worksheet *sheet, lxw_row_t r, lxw_col_t c, int64_t at, const char *zone, lxw_format *f)
{
    struct civil v;
    tz_utc_to_local(zone ? zone : "UTC", at, &v);
    lxw_datetime dt = {v.year, v.month, v.day, v.hour, v.minute, v.second};
    worksheet_write_datetime(sheet, r, c, &dt, f);
}

/* Writes the table to an XLSX file at path: text cells, but the two
 * registration times as date cells. 0 or -1. */
static int xlsx_write(struct request *req, const struct table *t, const char *path, const char *tmp)
{
    lxw_workbook_options options = {.constant_memory = LXW_FALSE, .tmpdir = (char *)tmp, .use_zip64 = LXW_FALSE};
    lxw_workbook *book = workbook_new_opt(path, &options);
    if (!book)
        return -1;
    lxw_worksheet *sheet = workbook_add_worksheet(book, _("Registrations"));
    lxw_format *bold = workbook_add_format(book);
    format_set_bold(bold);
    lxw_format *date = workbook_add_format(book);
    format_set_num_format(date, "yyyy-mm-dd hh:mm:ss");
    for (size_t r = 0; sheet && r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++) {
            const char *cell = t->cells[r * t->ncols + c];
            if (r > 0 && (c == COL_AT_UTC || c == COL_AT_LOCAL))
                xlsx_date(sheet, (lxw_row_t)r, (lxw_col_t)c, t->at[r], c == COL_AT_LOCAL ? t->tz : NULL, date);
            else if (cell && *cell)
                worksheet_write_string(sheet, (lxw_row_t)r, (lxw_col_t)c, cell_defuse(req->arena, cell),
                                       r == 0 ? bold : NULL);
        }
    if (sheet) {
        worksheet_freeze_panes(sheet, 1, 0);
        worksheet_set_column(sheet, 0, (lxw_col_t)(t->ncols - 1), 22, NULL);
    }
    return workbook_close(book) == LXW_NO_ERROR && sheet ? 0 : -1;
}

/* The whole file at path, malloc'ed; NULL on an error. */
static char *read_file(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    char *data = NULL;
    if (fd >= 0 && fstat(fd, &st) == 0 && (data = malloc((size_t)st.st_size + 1))) {
        size_t got = 0;
        ssize_t r = 0;
        while (got < (size_t)st.st_size &&
               ((r = read(fd, data + got, (size_t)st.st_size - got)) > 0 || (r < 0 && errno == EINTR)))
            got += r > 0 ? (size_t)r : 0;
        *len = got;
        if (got != (size_t)st.st_size) {
            free(data);
            data = NULL;
        }
    }
    if (fd >= 0)
        close(fd);
    return data;
}

void page_registrations_xlsx(struct request *req)
{
    struct event_ref ev;
    struct table t;
    if (!export_prepare(req, &ev, &t, "XLSX"))
        return;
    const char *tmp = files_tmp_dir();
    char *path = tmp ? arena_printf(req->arena, "%s/export-XXXXXX", tmp) : NULL;
    int fd = path ? mkstemp(path) : -1;
    if (fd >= 0)
        close(fd);
    size_t len = 0;
    char *body = fd >= 0 && xlsx_write(req, &t, path, tmp) == 0 ? read_file(path, &len) : NULL;
    if (fd >= 0)
        unlink(path);
    if (!body) {
        log_event(LOG_ERROR, req->id, "cannot write the XLSX export", "event", ev.slug, NULL);
        page_error(req, 500);
        return;
    }
    send_attachment(req, &ev, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", body, len);
}
