/* The proposals of an event's outcome: adding, editing, deleting and
 * moving them. Each keeps its id (and so its anchor, #proposal-ID) for life. */
#include <string.h>

#include "db/db.h"
#include "events/event_access.h"
#include "records/record_common.h"
#include "records/record_form.h"
#include "records/record_pages.h"
#include "view/form.h"
#include "view/page.h"

#define PROPOSAL_TITLE_MAX 300
#define PROPOSAL_BODY_MAX 5000

/* Checks the title_LANG and body_LANG fields; the event's language needs a
 * title, any other language with a text needs one too. Returns the reasons
 * (a new object, empty when all is well). */
static json_t *proposal_check(struct request *req, const struct event_ref *ev)
{
    json_t *errors = json_object();
    const char *order[RECORD_NLANGS];
    record_lang_order(ev->default_lang, order);
    for (int i = 0; i < RECORD_NLANGS; i++) {
        const char *title_key = arena_printf(req->arena, "title_%s", order[i]);
        const char *body_key = arena_printf(req->arena, "body_%s", order[i]);
        const char *title = form_text(req, title_key), *body = form_text(req, body_key);
        if (record_chars(title) > PROPOSAL_TITLE_MAX)
            json_object_set_new(errors, title_key, json_string(_("Please keep the title under 300 characters.")));
        else if (!*title && i == 0)
            json_object_set_new(errors, title_key,
                                json_string(_("Give the proposal a title in the event's own language.")));
        else if (!*title && *body)
            json_object_set_new(errors, title_key,
                                json_string(_("Give a title in this language too, or leave its text empty.")));
        if (record_chars(body) > PROPOSAL_BODY_MAX)
            json_object_set_new(errors, body_key, json_string(_("Please keep the text under 5,000 characters.")));
    }
    return errors;
}

/* Replaces the proposal's texts by the posted ones (languages with a title). */
static int proposal_texts_save(struct request *req, struct db *db, int64_t id)
{
    static const char *const langs[] = {"en", "fr", "es"};
    if (db_run(db, "DELETE FROM proposal_texts WHERE proposal_id = ?", "i", id))
        return -1;
    for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++) {
        const char *title = form_text(req, arena_printf(req->arena, "title_%s", langs[i]));
        const char *body = form_text(req, arena_printf(req->arena, "body_%s", langs[i]));
        if (*title && db_run(db, "INSERT INTO proposal_texts (proposal_id, lang, title, body) VALUES (?, ?, ?, ?)",
                             "ittt", id, langs[i], title, body))
            return -1;
    }
    return 0;
}

/* 1 when proposal id belongs to the event, 0 when not, -1 on error. */
static int proposal_of_event(struct db *db, int64_t id, int64_t event_id)
{
    return id ? db_one_int(db, "SELECT 1 FROM proposals WHERE id = ? AND event_id = ?", NULL, "ii", id, event_id) : 0;
}

/* Runs step in a write transaction and goes back to the proposal (or the
 * list, when step leaves no id); 404 when it is not the event's. */
static void proposal_write(struct request *req, const struct event_ref *ev, int64_t id, record_change_fn step)
{
    if (!record_change(req, ev, step, &id))
        return;
    const char *anchor = id ? arena_printf(req->arena, "proposal-%lld", (long long)id) : "proposals";
    request_redirect(req, arena_printf(req->arena, "/events/%s/record?done=1#%s", ev->slug, anchor));
}

static int add_step(struct request *req, struct db *db, const struct event_ref *ev, void *arg)
{
    int64_t *id = arg;
    int64_t position = record_next_position(db, RECORD_PROPOSALS, ev->id);
    if (position < 0 || db_run(db, "INSERT INTO proposals (event_id, position) VALUES (?, ?)", "ii", ev->id, position))
        return -1;
    *id = db_last_id(db);
    if (proposal_texts_save(req, db, *id))
        return -1;
    return record_audit(req, db, ev, "proposal_add", arena_printf(req->arena, "proposal %lld", (long long)*id)) ? -1
                                                                                                                : 1;
}

static int edit_step(struct request *req, struct db *db, const struct event_ref *ev, void *arg)
{
    int64_t *id = arg;
    int found = proposal_of_event(db, *id, ev->id);
    if (found != 1)
        return found;
    if (proposal_texts_save(req, db, *id) ||
        record_audit(req, db, ev, "proposal_edit", arena_printf(req->arena, "proposal %lld", (long long)*id)))
        return -1;
    return 1;
}

static int delete_step(struct request *req, struct db *db, const struct event_ref *ev, void *arg)
{
    int64_t *id = arg;
    int found = proposal_of_event(db, *id, ev->id);
    if (found != 1)
        return found;
    if (db_run(db, "DELETE FROM proposals WHERE id = ?", "i", *id) ||
        record_audit(req, db, ev, "proposal_delete", arena_printf(req->arena, "proposal %lld", (long long)*id)))
        return -1;
    *id = 0;
    return 1;
}

static int move_step(struct request *req, struct db *db, const struct event_ref *ev, void *arg)
{
    int64_t *id = arg;
    bool up = strcmp(request_form(req, "direction"), "up") == 0;
    int rc = record_move(db, RECORD_PROPOSALS, ev->id, *id, up);
    if (rc == 1 && record_audit(req, db, ev, "proposal_move",
                                arena_printf(req->arena, "proposal %lld %s", (long long)*id, up ? "up" : "down")))
        return -1;
    return rc;
}

/* The form's mistakes come back on the page; otherwise the step runs. */
static void proposal_post(struct request *req, enum record_form form, record_change_fn step)
{
    struct event_ref ev;
    if (!event_require(req, &ev, EVENT_MANAGE))
        return;
    int64_t id = record_param_id(req, "id");
    if (form == RECORD_PROPOSAL_EDIT) {
        struct db *db = db_get();
        int found = db ? proposal_of_event(db, id, ev.id) : -1;
        if (found != 1) {
            page_error(req, found == 0 ? 404 : 500);
            return;
        }
    }
    json_t *errors = proposal_check(req, &ev);
    if (json_object_size(errors)) {
        struct record_post post = {.form = form, .id = id, .errors = errors};
        record_render(req, &ev, &post);
    } else {
        proposal_write(req, &ev, id, step);
    }
    json_decref(errors);
}

void page_proposal_add(struct request *req)
{
    proposal_post(req, RECORD_PROPOSAL_NEW, add_step);
}

void page_proposal_edit(struct request *req)
{
    proposal_post(req, RECORD_PROPOSAL_EDIT, edit_step);
}

void page_proposal_delete(struct request *req)
{
    struct event_ref ev;
    if (event_require(req, &ev, EVENT_MANAGE))
        proposal_write(req, &ev, record_param_id(req, "id"), delete_step);
}

void page_proposal_move(struct request *req)
{
    struct event_ref ev;
    if (!event_require(req, &ev, EVENT_MANAGE))
        return;
    const char *direction = request_form(req, "direction");
    if (!direction || (strcmp(direction, "up") != 0 && strcmp(direction, "down") != 0)) {
        page_error(req, 400);
        return;
    }
    proposal_write(req, &ev, record_param_id(req, "id"), move_step);
}
