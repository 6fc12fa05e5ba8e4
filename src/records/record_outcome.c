/* The record editor page, and saving the outcome summary and recording link. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/db.h"
#include "events/event_access.h"
#include "orgs/orgs.h"
#include "records/record_common.h"
#include "records/record_form.h"
#include "records/record_pages.h"
#include "view/form.h"
#include "view/markdown.h"
#include "view/page.h"

#define OUTCOME_MAX_CHARS 20000

void page_record_form(struct request *req)
{
    struct event_ref ev;
    if (!event_require(req, &ev, EVENT_MANAGE))
        return;
    record_render(req, &ev, NULL);
}

void page_record_refused(struct request *req)
{
    struct event_ref ev;
    if (!event_require(req, &ev, EVENT_MANAGE))
        return;
    struct record_post post = {.form = record_form_of_route(req), .id = record_param_id(req, "id")};
    record_render(req, &ev, &post);
}

/* Checks the posted summaries (only the languages the event has texts in
 * are saved) and link; adds reasons to errors. */
static void outcome_check(struct request *req, json_t *errors)
{
    static const char *const keys[] = {"outcome_en", "outcome_fr", "outcome_es"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (record_chars(request_form(req, keys[i])) > OUTCOME_MAX_CHARS)
            json_object_set_new(errors, keys[i],
                                json_string(_("This summary is too long: please keep it under 20,000 characters.")));
    const char *url = form_text(req, "recording_url");
    if (*url && !org_website_valid(url))
        json_object_set_new(errors, "recording_url",
                            json_string(_("Give the full address of the recording, starting with https:// (at most "
                                          "300 characters, without spaces).")));
}

/* Writes the summaries (rendered by cmark now, once) and the link. */
static int outcome_save(struct request *req, struct db *db, const struct event_ref *ev, void *arg)
{
    (void)arg;
    static const char *const langs[] = {"en", "fr", "es"};
    int64_t now = (int64_t)time(NULL);
    for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++) {
        const char *md = request_form(req, arena_printf(req->arena, "outcome_%s", langs[i]));
        if (!md)
            continue;
        char *html = markdown_to_html(md);
        int rc = db_run(db, "UPDATE event_texts SET outcome = ?, outcome_html = ? WHERE event_id = ? AND lang = ?",
                        "ttit", md, html, ev->id, langs[i]);
        free(html);
        if (rc)
            return -1;
    }
    if (db_run(db, "UPDATE events SET recording_url = ?, updated_at = ? WHERE id = ?", "tii",
               form_text(req, "recording_url"), now, ev->id))
        return -1;
    return record_audit(req, db, ev, "record_outcome", "outcome summary and recording link") ? -1 : 1;
}

void page_record_save(struct request *req)
{
    struct event_ref ev;
    if (!event_require(req, &ev, EVENT_MANAGE))
        return;
    json_t *errors = json_object();
    outcome_check(req, errors);
    const char *action = request_form(req, "action");
    bool preview = action && strcmp(action, "preview") == 0;
    if (preview || json_object_size(errors)) {
        struct record_post post = {.form = RECORD_OUTCOME, .errors = errors, .preview = preview};
        record_render(req, &ev, &post);
        json_decref(errors);
        return;
    }
    json_decref(errors);
    if (record_change(req, &ev, outcome_save, NULL))
        request_redirect(req, arena_printf(req->arena, "/events/%s/record?done=1#outcome", ev.slug));
}
