/* Helpers shared by the record editor, the event page's record and the statistics. */
#include "records/record_common.h"

#include <stdlib.h>
#include <string.h>

#include "accounts/audit.h"
#include "records/files.h"
#include "records/sniff.h"
#include "view/page.h"

static const struct {
    const char *code, *name;
} langs[RECORD_NLANGS] = {{"en", N_("English")}, {"fr", N_("French")}, {"es", N_("Spanish")}};

static const struct {
    const char *kind, *label;
} kinds[] = {{"recording", N_("Recording")}, {"document", N_("Document")}, {"graphic", N_("Graphic summary")}};

int record_lang_order(const char *default_lang, const char *out[RECORD_NLANGS])
{
    int n = 0;
    if (record_lang_valid(default_lang))
        out[n++] = default_lang;
    for (int i = 0; i < RECORD_NLANGS; i++)
        if (!default_lang || strcmp(langs[i].code, default_lang) != 0)
            out[n++] = langs[i].code;
    return n;
}

const char *record_lang_name(const char *code)
{
    for (int i = 0; code && i < RECORD_NLANGS; i++)
        if (strcmp(langs[i].code, code) == 0)
            return _(langs[i].name);
    return NULL;
}

bool record_lang_valid(const char *code)
{
    for (int i = 0; code && i < RECORD_NLANGS; i++)
        if (strcmp(langs[i].code, code) == 0)
            return true;
    return false;
}

const char *record_kind_label(const char *kind)
{
    for (size_t i = 0; kind && i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(kinds[i].kind, kind) == 0)
            return _(kinds[i].label);
    return NULL;
}

const char *record_status_label(const char *status)
{
    static const struct {
        const char *status, *label;
    } labels[] = {{"confirmed", NC_("registration status", "Confirmed")},
                  {"pending", N_("Awaiting approval")},
                  {"waitlisted", N_("On the waitlist")},
                  {"cancelled", NC_("registration status", "Cancelled")},
                  {"declined", NC_("registration status", "Declined")}};
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(labels[i].status, status) == 0)
            return i18n_ctx(labels[i].label);
    return status;
}

int record_audit(struct request *req, struct db *db, const struct event_ref *ev, const char *action, const char *what)
{
    const char *detail = what ? arena_printf(req->arena, "event %s: %s", ev->slug, what)
                              : arena_printf(req->arena, "event %s", ev->slug);
    return audit_record(db, req, action, 0, detail);
}

int64_t record_param_id(struct request *req, const char *name)
{
    const char *s = request_param(req, name);
    char *end;
    long long v = s && *s >= '1' && *s <= '9' ? strtoll(s, &end, 10) : 0;
    return v > 0 && *end == '\0' ? (int64_t)v : 0;
}

static json_t *file_json(struct request *req, struct db_stmt *st)
{
    if (db_col_is_null(st, 5))
        return json_null();
    const struct file_type *type = sniff_by_mime(db_col_text(st, 7));
    int64_t id = db_col_int(st, 5);
    const char *name = db_col_text(st, 6);
    json_t *file =
        json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)id, "name", name, "url", files_url(req, id, name),
                  "type_label", type ? _(type->label) : "", "size_label", files_size_label(req, db_col_int(st, 8)));
    json_object_set_new(file, "content_type", json_string(db_col_text(st, 7)));
    json_object_set_new(file, "size", json_integer(db_col_int(st, 8)));
    json_object_set_new(file, "video", json_boolean(type && type->family == FILE_VIDEO));
    json_object_set_new(file, "audio", json_boolean(type && type->family == FILE_AUDIO));
    json_object_set_new(file, "image", json_boolean(type && type->family == FILE_IMAGE));
    return file;
}

json_t *record_documents(struct request *req, struct db *db, int64_t event_id)
{
    struct db_stmt *st = db_prepare(db, "SELECT d.id, d.kind, d.title, d.url, d.lang, f.id, f.name, f.content_type, "
                                        "f.size, d.session_id, c.id, c.name, COALESCE(st.title, sd.title) "
                                        "FROM event_documents d JOIN events e ON e.id = d.event_id "
                                        "LEFT JOIN files f ON f.id = d.file_id "
                                        "LEFT JOIN files c ON c.id = d.captions_file_id "
                                        "LEFT JOIN session_texts st ON st.session_id = d.session_id AND st.lang = ?2 "
                                        "LEFT JOIN session_texts sd ON sd.session_id = d.session_id "
                                        "AND sd.lang = e.default_lang "
                                        "WHERE d.event_id = ?1 ORDER BY d.position, d.id");
    if (!st)
        return NULL;
    db_bind_int(st, 1, event_id);
    db_bind_text(st, 2, i18n_code(req->lang));
    json_t *list = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *kind = db_col_text(st, 1), *lang = db_col_text(st, 4);
        json_t *file = file_json(req, st);
        const char *href = json_is_object(file) ? json_string_value(json_object_get(file, "url")) : db_col_text(st, 3);
        json_t *d =
            json_pack("{s:I, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)db_col_int(st, 0), "kind", kind, "kind_label",
                      record_kind_label(kind), "title", db_col_text(st, 2), "href", href, "file", file);
        json_object_set_new(d, "url", json_string(db_col_text(st, 3)));
        json_object_set_new(d, "lang", lang ? json_string(lang) : json_null());
        json_object_set_new(d, "lang_name", lang ? json_string(record_lang_name(lang)) : json_null());
        json_object_set_new(d, "is_recording", json_boolean(strcmp(kind, "recording") == 0));
        json_object_set_new(d, "is_graphic", json_boolean(strcmp(kind, "graphic") == 0));
        json_object_set_new(d, "session_id",
                            db_col_is_null(st, 9) ? json_null() : json_integer(db_col_int(st, 9)));
        json_object_set_new(d, "session_title",
                            db_col_is_null(st, 12) ? json_null() : json_string(db_col_text(st, 12)));
        json_object_set_new(d, "captions_url",
                            db_col_is_null(st, 10)
                                ? json_null()
                                : json_string(files_url(req, db_col_int(st, 10), db_col_text(st, 11))));
        json_array_append_new(list, d);
    }
    db_reset(st);
    if (rc == DB_ERROR) {
        json_decref(list);
        return NULL;
    }
    size_t n = json_array_size(list);
    for (size_t i = 0; i < n; i++) {
        json_object_set_new(json_array_get(list, i), "first", json_boolean(i == 0));
        json_object_set_new(json_array_get(list, i), "last", json_boolean(i + 1 == n));
    }
    return list;
}

size_t record_chars(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static const char proposal_ids[] = "SELECT id FROM proposals WHERE event_id = ? ORDER BY position, id";
static const char document_ids[] = "SELECT id FROM event_documents WHERE event_id = ? ORDER BY position, id";
static const char proposal_place[] = "UPDATE proposals SET position = ? WHERE id = ?";
static const char document_place[] = "UPDATE event_documents SET position = ? WHERE id = ?";
static const char proposal_last[] = "SELECT COALESCE(MAX(position), 0) + 1 FROM proposals WHERE event_id = ?";
static const char document_last[] = "SELECT COALESCE(MAX(position), 0) + 1 FROM event_documents WHERE event_id = ?";

static json_t *id_of_row(struct db_stmt *st, int64_t arg)
{
    (void)arg;
    return json_integer(db_col_int(st, 0));
}

int record_move(struct db *db, enum record_list list, int64_t event_id, int64_t id, bool up)
{
    bool proposals = list == RECORD_PROPOSALS;
    json_t *ids = db_rows_json(db, proposals ? proposal_ids : document_ids, event_id, id_of_row, 0);
    if (!ids)
        return -1;
    size_t n = json_array_size(ids), at = n;
    for (size_t i = 0; i < n; i++)
        if (json_integer_value(json_array_get(ids, i)) == id)
            at = i;
    int rc = at < n ? 1 : 0;
    size_t other = at < n && up && at > 0 ? at - 1 : at < n && !up && at + 1 < n ? at + 1 : at;
    for (size_t i = 0; rc == 1 && i < n; i++) {
        size_t place = i == at ? other : i == other ? at : i;
        if (db_run(db, proposals ? proposal_place : document_place, "ii", (int64_t)place + 1,
                   (int64_t)json_integer_value(json_array_get(ids, i))))
            rc = -1;
    }
    json_decref(ids);
    return rc;
}

int64_t record_next_position(struct db *db, enum record_list list, int64_t event_id)
{
    int64_t next = -1;
    if (db_one_int(db, list == RECORD_PROPOSALS ? proposal_last : document_last, &next, "i", event_id) != 1)
        return -1;
    return next;
}

bool record_change(struct request *req, const struct event_ref *ev, record_change_fn change, void *arg)
{
    struct db *db = db_get();
    if (!db || db_begin(db)) {
        page_error(req, 500);
        return false;
    }
    int rc = change(req, db, ev, arg);
    if (rc != 1 || db_commit(db)) {
        db_rollback(db);
        page_error(req, rc == 0 ? 404 : 500);
        return false;
    }
    return true;
}
