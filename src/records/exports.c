/* The registrations of an event as a spreadsheet for its organisers: CSV
 * (RFC 4180, UTF-8, CRLF) and XLSX (libxlsxwriter), the same table in both,
 * every cell defused against formula injection. Each download is logged to
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
#include "profiles/code_lists.h"
#include "profiles/profiles.h"
#include "records/csv.h"
#include "records/files.h"
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
};

/* The person's countries of residence by name, "; " between them. */
static const char *countries_of(struct request *req, struct db *db, int64_t user_id)
{
    struct db_stmt *st = db_prepare(db, "SELECT country FROM profile_countries WHERE user_id = ? AND kind = "
                                        "'residence' ORDER BY country");
    if (!st)
        return NULL;
    db_bind_int(st, 1, user_id);
    const char *out = "";
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *name = country_name(db_col_text(st, 0), req->lang);
        out = arena_printf(req->arena, "%s%s%s", out, *out ? "; " : "", name ? name : db_col_text(st, 0));
    }
    db_reset(st);
    return rc == DB_DONE ? out : NULL;
}

/* Fills the question columns of one row from the registration's answers. */
static int answers_of(struct request *req, struct db *db, int64_t registration_id, json_t *questions, const char **row)
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
            if (json_integer_value(json_object_get(q, "id")) == db_col_int(st, 0))
                row[NFIXED + i] = reg_answer_text(req, q, arena_strdup(req->arena, db_col_text(st, 1)));
    }
    db_reset(st);
    return rc == DB_DONE ? 0 : -1;
}

static void header_row(struct request *req, const struct event_ref *ev, json_t *questions, const char **row)
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
        row[NFIXED + i] = arena_strdup(req->arena, json_string_value(json_object_get(q, "label")));
}

/* One registration's fixed columns from the current row of st. */
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
    const char *group = choice_label(stakeholder_groups, nstakeholder_groups, db_col_text(st, 7));
    row[COL_GROUP] = group ? group : "";
}

/* Builds the table of every registration of ev, oldest first. 0 or -1. */
static int table_build(struct request *req, struct db *db, const struct event_ref *ev, struct table *t)
{
    json_t *questions = reg_questions_load(db, ev->id, ev->default_lang);
    if (!questions)
        return -1;
    int64_t count = 0;
    if (db_one_int(db, "SELECT COUNT(*) FROM registrations WHERE event_id = ?", &count, "i", ev->id) != 1) {
        json_decref(questions);
        return -1;
    }
    t->ncols = NFIXED + json_array_size(questions);
    t->cells = arena_alloc(req->arena, ((size_t)count + 1) * t->ncols * sizeof *t->cells);
    header_row(req, ev, questions, t->cells);
    t->nrows = 1;
    struct db_stmt *st = db_prepare(
        db, "SELECT r.id, u.name, u.email, r.status, (SELECT COUNT(*) FROM registrations w WHERE w.event_id = "
            "r.event_id AND w.status = 'waitlisted' AND w.waitlist_seq <= r.waitlist_seq), r.created_at, r.lang, "
            "COALESCE(p.stakeholder_group, ''), r.user_id FROM registrations r JOIN users u ON u.id = r.user_id "
            "LEFT JOIN profiles p ON p.user_id = r.user_id WHERE r.event_id = ? ORDER BY r.created_at, r.id");
    int rc = st ? 0 : -1;
    if (st)
        db_bind_int(st, 1, ev->id);
    enum db_step step = DB_DONE;
    while (rc == 0 && t->nrows <= (size_t)count && (step = db_step(st)) == DB_ROW) {
        const char **row = t->cells + t->nrows * t->ncols;
        fixed_columns(req, ev, st, row);
        row[COL_COUNTRY] = countries_of(req, db, db_col_int(st, 8));
        if (!row[COL_COUNTRY] || answers_of(req, db, db_col_int(st, 0), questions, row))
            rc = -1;
        t->nrows++;
    }
    if (st)
        db_reset(st);
    json_decref(questions);
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
    for (size_t r = 0; r < t.nrows; r++)
        csv_row(&b, t.cells + r * t.ncols, t.ncols);
    size_t len;
    char *body = buf_detach(&b, &len);
    send_attachment(req, &ev, "text/csv; charset=utf-8; header=present", "csv", body, len);
}

/* Writes the table to an XLSX file at path. 0 or -1. */
static int xlsx_write(struct request *req, const struct table *t, const char *path, const char *tmp)
{
    lxw_workbook_options options = {.constant_memory = LXW_FALSE, .tmpdir = (char *)tmp, .use_zip64 = LXW_FALSE};
    lxw_workbook *book = workbook_new_opt(path, &options);
    if (!book)
        return -1;
    lxw_worksheet *sheet = workbook_add_worksheet(book, _("Registrations"));
    lxw_format *bold = workbook_add_format(book);
    format_set_bold(bold);
    for (size_t r = 0; sheet && r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++) {
            const char *cell = t->cells[r * t->ncols + c];
            if (cell && *cell)
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
