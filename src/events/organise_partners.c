/* The partner organisations of an event, on its dashboard: adding one
 * (name and link; logos are no longer asked for, see README), removing
 * one, and changing their order. */
#include <string.h>

#include "events/organise.h"
#include "events/organise_pages.h"
#include "orgs/orgs.h"
#include "profiles/form_values.h"
#include "view/form.h"
#include "view/page.h"

static const char *const partner_fields[] = {"name", "url"};

/*
 * POST /events/{slug}/partners : adds a partner at the end of the list.
 *   name       required, at most ORGANISE_NAME_MAX characters
 *   url        "" or an http(s) address: its site
 * (A posted logo_url is ignored: logos are not shown, so not asked for.)
 * Redirects to the dashboard; mistakes show it again with the form filled in.
 */
void page_partner_add(struct request *req)
{
    struct event_ref ev;
    if (!event_require(req, &ev, EVENT_MANAGE))
        return;
    json_t *form = ORGANISE_SUBFORM(req, partner_fields);
    const char *name = text_squeeze(req->arena, form_text(req, "name"));
    const char *url = form_text(req, "url");
    if (!*name)
        form_error(form, "name", _("Please enter the partner's name."));
    else if (utf8_length(name) > ORGANISE_NAME_MAX)
        form_error(form, "name", _("Please use at most 120 characters."));
    if (*url && !org_website_valid(url))
        form_error(form, "url", _("Please enter a full web address starting with https:// or http://."));
    if (form_has_errors(form)) {
        organise_manage_render(req, &ev, form, NULL, NULL);
        return;
    }
    json_decref(form);
    struct db *db = db_get();
    if (db_begin(db) ||
        db_run(db,
               "INSERT INTO partners (event_id, position, name, url) "
               "VALUES (?1, (SELECT COALESCE(MAX(position) + 1, 0) FROM partners WHERE event_id = ?1), ?2, ?3)",
               "itt", ev.id, name, url) ||
        organise_audit(db, req, "partner_add", ev.slug, 0, name) || db_commit(db)) {
        organise_fail(req, db, "partner not added");
        return;
    }
    request_redirect(req, arena_printf(req->arena, "/events/%s/manage?done=partner_added#partners", ev.slug));
}

/*
 * POST /events/{slug}/partners/{id}/remove : removes the partner {id}.
 */
void page_partner_remove(struct request *req)
{
    organise_dashboard_remove(req, &organise_partner_list);
}

/*
 * POST /events/{slug}/partners/{id}/move : moves the partner {id}.
 *   direction   up or down (else 400)
 */
void page_partner_move(struct request *req)
{
    organise_dashboard_move(req, &organise_partner_list);
}
