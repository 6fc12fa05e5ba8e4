/* What an event leaves behind besides its proposals: recordings, documents
 * and the graphic summary, each a link or an uploaded file; attaching,
 * deleting and moving them. */
#include <string.h>
#include <time.h>

#include "db/db.h"
#include "events/event_access.h"
#include "http/upload.h"
#include "orgs/orgs.h"
#include "records/files.h"
#include "records/record_common.h"
#include "records/record_form.h"
#include "records/record_pages.h"
#include "records/sniff.h"
#include "view/form.h"
#include "view/page.h"

#define DOCUMENT_TITLE_MAX 200

static void reason(json_t *errors, const char *field, const char *message)
{
    json_object_set_new(errors, field, json_string(message));
}

/* Checks the posted upload (if any) against the kind; sets *type. */
static void file_check(struct upload_file *file, const char *kind, json_t *errors, const struct file_type **type)
{
    *type = sniff_type(file->head, file->head_len);
    if (!*type)
        reason(errors, "file",
               _("This kind of file is not accepted. The hub looks at what the file contains, not at its name: "
                 "choose an image (PNG, JPEG, WebP, GIF), a PDF, a video (MP4, WebM), an OpenDocument or Word "
                 "text, or plain text."));
    else if (strcmp(kind, "recording") == 0 && (*type)->family != FILE_VIDEO)
        reason(errors, "file", _("A recording must be a video file (MP4 or WebM), or a link."));
    else if (strcmp(kind, "graphic") == 0 && (*type)->family != FILE_IMAGE)
        reason(errors, "file", _("A graphic summary must be an image (PNG, JPEG, WebP or GIF), or a link."));
}

/* Checks the attach form; returns the reasons (a new object, empty when
 * all is well) and the file's type in *type when a file was sent. */
static json_t *document_check(struct request *req, struct upload_file *file, const struct file_type **type)
{
    json_t *errors = json_object();
    const char *kind = form_text(req, "kind"), *title = form_text(req, "title"), *lang = form_text(req, "lang");
    const char *url = form_text(req, "url");
    *type = NULL;
    if (!record_kind_label(kind))
        reason(errors, "kind", _("Choose what it is: a recording, a document or the graphic summary."));
    if (!*title)
        reason(errors, "title", _("Give it a title."));
    else if (record_chars(title) > DOCUMENT_TITLE_MAX)
        reason(errors, "title", _("Please keep the title under 200 characters."));
    if (*lang && !record_lang_valid(lang))
        reason(errors, "lang", _("Choose a language from the list."));
    if (*url && file)
        reason(errors, "url", _("Give either a link or a file, not both."));
    else if (!*url && !file)
        reason(errors, "file", _("Give a link, or choose a file."));
    else if (*url && !org_website_valid(url))
        reason(errors, "url",
               _("Give the full address, starting with https:// (at most 300 characters, without "
                 "spaces)."));
    else if (file)
        file_check(file, kind, errors, type);
    if (file && json_object_size(errors) && !json_object_get(errors, "file"))
        reason(errors, "file", _("Please choose the file again: browsers do not keep it when a form comes back."));
    return errors;
}

/* What page_document_add hands to document_insert. */
struct attachment {
    struct upload_file *file; /* or NULL for a link */
    const struct file_type *type;
};

static int document_insert(struct request *req, struct db *db, const struct event_ref *ev, void *arg)
{
    struct upload_file *file = ((struct attachment *)arg)->file;
    const struct file_type *type = ((struct attachment *)arg)->type;
    int64_t file_id = file ? files_store(req, db, file, type) : 0;
    int64_t position = record_next_position(db, RECORD_DOCUMENTS, ev->id);
    const char *lang = form_text(req, "lang"), *title = form_text(req, "title");
    if ((file && !file_id) || position < 0 ||
        db_run(db,
               "INSERT INTO event_documents (event_id, position, kind, title, url, file_id, lang, created_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               "iitttnti", ev->id, position, form_text(req, "kind"), title, form_text(req, "url"), file_id,
               *lang ? lang : NULL, (int64_t)time(NULL)))
        return -1;
    return record_audit(req, db, ev, "document_add",
                        arena_printf(req->arena, "%s \"%s\"", form_text(req, "kind"), title))
               ? -1
               : 1;
}

void page_document_add(struct request *req)
{
    struct event_ref ev;
    if (!event_require(req, &ev, EVENT_MANAGE))
        return;
    struct upload_file *file = upload_get(req, "file");
    const struct file_type *type;
    json_t *errors = document_check(req, file, &type);
    if (json_object_size(errors)) {
        struct record_post post = {.form = RECORD_DOCUMENT_NEW, .errors = errors};
        record_render(req, &ev, &post);
        json_decref(errors);
        return;
    }
    json_decref(errors);
    struct attachment attachment = {file, type};
    if (record_change(req, &ev, document_insert, &attachment))
        request_redirect(req, arena_printf(req->arena, "/events/%s/record?done=1#documents", ev.slug));
}

/* What a change names: document {id}, deleted or moved up or down. */
struct document_op {
    int64_t id;
    bool delete, up;
};

static int document_step(struct request *req, struct db *db, const struct event_ref *ev, void *arg)
{
    const struct document_op *op = arg;
    int rc = op->id ? db_one_int(db, "SELECT 1 FROM event_documents WHERE id = ? AND event_id = ?", NULL, "ii", op->id,
                                 ev->id)
                    : 0;
    if (rc == 1 && op->delete)
        rc = db_run(db, "DELETE FROM event_documents WHERE id = ?", "i", op->id) ? -1 : 1;
    else if (rc == 1)
        rc = record_move(db, RECORD_DOCUMENTS, ev->id, op->id, op->up);
    const char *what = arena_printf(req->arena, "document %lld%s", (long long)op->id,
                                    op->delete ? ""
                                    : op->up   ? " up"
                                               : " down");
    if (rc == 1 && record_audit(req, db, ev, op->delete ? "document_delete" : "document_move", what))
        rc = -1;
    return rc;
}

/* Deletes or moves document {id} of the event: 404 when it is not the
 * event's, else back to the list. */
static void document_change(struct request *req, bool delete, bool up)
{
    struct event_ref ev;
    if (!event_require(req, &ev, EVENT_MANAGE))
        return;
    struct document_op op = {record_param_id(req, "id"), delete, up};
    if (record_change(req, &ev, document_step, &op))
        request_redirect(req, arena_printf(req->arena, "/events/%s/record?done=1#documents", ev.slug));
}

void page_document_delete(struct request *req)
{
    document_change(req, true, false);
}

void page_document_move(struct request *req)
{
    const char *direction = request_form(req, "direction");
    if (!direction || (strcmp(direction, "up") != 0 && strcmp(direction, "down") != 0)) {
        struct event_ref ev;
        if (event_require(req, &ev, EVENT_MANAGE))
            page_error(req, 400);
        return;
    }
    document_change(req, false, strcmp(direction, "up") == 0);
}
