/* What an event leaves behind besides its proposals: recordings, documents
 * and the graphic summary, each a link or an uploaded file, and each may
 * belong to one session; an uploaded recording (video or audio) may carry
 * WebVTT captions. Attaching, deleting and moving them. */
#include <stdlib.h>
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
                 "choose an image (PNG, JPEG, WebP, GIF), a PDF, a video (MP4, WebM), audio (MP3, Ogg, WAV), "
                 "WebVTT captions, an OpenDocument or Word text, or plain text."));
    else if (strcmp(kind, "recording") == 0 && (*type)->family != FILE_VIDEO && (*type)->family != FILE_AUDIO)
        reason(errors, "file", _("A recording must be a video (MP4, WebM) or audio file (MP3, Ogg, WAV), or a link."));
    else if (strcmp(kind, "graphic") == 0 && (*type)->family != FILE_IMAGE)
        reason(errors, "file", _("A graphic summary must be an image (PNG, JPEG, WebP or GIF), or a link."));
}

/* Checks the captions posted with a recording, if any. */
static void captions_check(struct request *req, const struct upload_file *file, const struct upload_file *captions,
                           json_t *errors)
{
    if (!captions)
        return;
    const struct file_type *type = sniff_type(captions->head, captions->head_len);
    if (strcmp(form_text(req, "kind"), "recording") != 0 || !file)
        reason(errors, "captions", _("Captions go with a recording uploaded here; leave this empty otherwise."));
    else if (!type || type->family != FILE_CAPTIONS)
        reason(errors, "captions", _("Captions must be a WebVTT file (.vtt, starting with the word WEBVTT)."));
}

/* The session the item belongs to, from the form: 0 for none, -1 when it
 * is not one of the event's sessions (or on a database error). */
static int64_t session_of(struct request *req, const struct event_ref *ev)
{
    const char *s = form_text(req, "session");
    if (!*s)
        return 0;
    char *end;
    long long id = *s >= '1' && *s <= '9' ? strtoll(s, &end, 10) : 0;
    struct db *db = db_get();
    if (id <= 0 || *end || !db ||
        db_one_int(db, "SELECT 1 FROM sessions WHERE id = ? AND event_id = ?", NULL, "ii", (int64_t)id, ev->id) != 1)
        return -1;
    return (int64_t)id;
}

/* Checks the attach form; returns the reasons (a new object, empty when
 * all is well) and the file's type in *type when a file was sent. */
static json_t *document_check(struct request *req, const struct event_ref *ev, struct upload_file *file,
                              struct upload_file *captions, const struct file_type **type)
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
    if (session_of(req, ev) < 0)
        reason(errors, "session", _("Choose a session from the list."));
    captions_check(req, file, captions, errors);
    if (file && json_object_size(errors) && !json_object_get(errors, "file"))
        reason(errors, "file", _("Please choose the file again: browsers do not keep it when a form comes back."));
    if (captions && json_object_size(errors) && !json_object_get(errors, "captions"))
        reason(errors, "captions", _("Please choose the file again: browsers do not keep it when a form comes back."));
    return errors;
}

/* What page_document_add hands to document_insert. */
struct attachment {
    struct upload_file *file; /* or NULL for a link */
    const struct file_type *type;
    struct upload_file *captions; /* or NULL */
};

static int document_insert(struct request *req, struct db *db, const struct event_ref *ev, void *arg)
{
    struct upload_file *file = ((struct attachment *)arg)->file;
    const struct file_type *type = ((struct attachment *)arg)->type;
    struct upload_file *captions = ((struct attachment *)arg)->captions;
    int64_t file_id = file ? files_store(req, db, file, type) : 0;
    int64_t captions_id =
        captions ? files_store(req, db, captions, sniff_type(captions->head, captions->head_len)) : 0;
    int64_t position = record_next_position(db, RECORD_DOCUMENTS, ev->id);
    int64_t session_id = session_of(req, ev);
    const char *lang = form_text(req, "lang"), *title = form_text(req, "title");
    if ((file && !file_id) || (captions && !captions_id) || position < 0 || session_id < 0 ||
        db_run(db,
               "INSERT INTO event_documents (event_id, position, kind, title, url, file_id, lang, created_at, "
               "session_id, captions_file_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               "iitttntinn", ev->id, position, form_text(req, "kind"), title, form_text(req, "url"), file_id,
               *lang ? lang : NULL, (int64_t)time(NULL), session_id, captions_id))
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
    struct upload_file *file = upload_get(req, "file"), *captions = upload_get(req, "captions");
    const struct file_type *type;
    json_t *errors = document_check(req, &ev, file, captions, &type);
    if (json_object_size(errors)) {
        struct record_post post = {.form = RECORD_DOCUMENT_NEW, .errors = errors};
        record_render(req, &ev, &post);
        json_decref(errors);
        return;
    }
    json_decref(errors);
    struct attachment attachment = {file, type, captions};
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
