/* The session form of the organiser screens: creating and editing a
 * session (texts, times in the event's zone, guiding questions one per
 * line in each language), with a preview; deleting and moving sessions. */
#include <string.h>

#include "events/organise.h"
#include "events/organise_pages.h"
#include "events/organise_session.h"
#include "view/form.h"
#include "view/page.h"

static const char *const session_fields[] = {
    "start_date", "start_time",     "end_date",     "end_time", "title_en",       "description_en", "questions_en",
    "title_fr",   "description_fr", "questions_fr", "title_es", "description_es", "questions_es",
};

static const struct organise_text_field text_fields[] = {
    {"title", ORGANISE_TITLE_MAX, true},
    {"description", ORGANISE_DESCRIPTION_MAX, false},
    {"questions", 8000, false},
};
static const char *const text_keys[] = {"title", "description", "questions"};

/* Reads and checks the posted session into *in, marking errors on page. */
static void read_session(struct request *req, json_t *page, const struct event_ref *ev, struct session_input *in)
{
    memset(in, 0, sizeof *in);
    const char *texts[ORGANISE_NLANGS][ORGANISE_TEXT_FIELDS_MAX];
    organise_read_texts(req, page, ev->default_lang, text_fields, NELEMS(text_fields), texts);
    int main = organise_lang_index(ev->default_lang);
    for (int k = 0; k < ORGANISE_NLANGS; k++) {
        in->title[k] = texts[k][0];
        in->description[k] = texts[k][1];
        in->nq[k] = organise_lines(req->arena, texts[k][2], &in->questions[k]);
    }
    in->nquestions = main >= 0 ? in->nq[main] : 0;
    if (in->nquestions > ORGANISE_QUESTIONS_MAX)
        form_error(page, arena_printf(req->arena, "questions_%s", ev->default_lang),
                   arena_printf(req->arena, _("Please keep to at most %d questions."), ORGANISE_QUESTIONS_MAX));
    for (int k = 0; k < ORGANISE_NLANGS && main >= 0; k++) {
        if (k == main || in->nq[k] == 0 || in->nq[k] == in->nquestions)
            continue;
        const char *field = arena_printf(req->arena, "questions_%s", organise_langs[k]);
        if (in->nquestions == 0)
            /* TRANSLATORS: %s is the event's main language ("English"). */
            form_error(page, field,
                       arena_printf(req->arena,
                                    _("Please write the questions in %s first: the other languages "
                                      "translate them."),
                                    organise_lang_name(ev->default_lang)));
        else
            /* TRANSLATORS: %1$s is a language ("French"), %2$d a number of questions, %3$s the main language. */
            form_error(page, field,
                       arena_printf(req->arena,
                                    _("Please give %1$s as many questions as %3$s has (%2$d), one per line in the "
                                      "same order, or leave it empty."),
                                    organise_lang_name(organise_langs[k]), (int)in->nquestions,
                                    organise_lang_name(ev->default_lang)));
    }
    if (organise_read_time(req, page, "start", ev->tz, true, &in->starts_at, &in->has_start) &&
        organise_read_time(req, page, "end", ev->tz, true, &in->ends_at, &in->has_end)) {
        if (in->has_end && !in->has_start)
            form_error(page, "start_date", _("Please give the start as well as the end."));
        else if (in->has_end && in->ends_at < in->starts_at)
            form_error(page, "end_date", _("The end must come after the start."));
    }
}

/* Adds to each language's fieldset its questions as a list, for the preview. */
static void add_question_lists(struct request *req, json_t *texts)
{
    size_t i;
    json_t *set;
    json_array_foreach (texts, i, set) {
        const char **lines;
        size_t n = organise_lines(req->arena, json_string_value(json_object_get(set, "questions")), &lines);
        json_t *list = json_array();
        for (size_t j = 0; j < n; j++)
            json_array_append_new(list, json_string(lines[j]));
        json_object_set_new(set, "question_list", list);
    }
}

static json_t *session_page(struct request *req, const struct event_ref *ev, int64_t session_id, const char *title)
{
    json_t *page = FORM_PAGE(req, title, session_fields);
    const char *base = arena_printf(req->arena, "/events/%s", ev->slug);
    json_object_set_new(page, "action",
                        json_string(session_id
                                        ? arena_printf(req->arena, "%s/sessions/%lld/edit", base, (long long)session_id)
                                        : arena_printf(req->arena, "%s/sessions/new", base)));
    json_object_set_new(page, "cancel_url", json_string(arena_printf(req->arena, "%s/manage", base)));
    return page;
}

void organise_session_render(struct request *req, const struct event_ref *ev, int64_t session_id, json_t *page,
                             json_t *person_form, bool preview)
{
    struct db *db = db_get();
    const char *event_title = organise_title(req, db, ev);
    bool failed = false;
    if (!page) {
        page = session_page(req, ev, session_id, "");
        failed = organise_session_form_values(req, db, session_id, ev->tz, json_object_get(page, "form")) != 0;
    }
    const char *base = arena_printf(req->arena, "/events/%s", ev->slug);
    json_object_set_new(page, "event",
                        json_pack("{s:s, s:s, s:s, s:s}", "title", event_title, "url", base, "manage_url",
                                  arena_printf(req->arena, "%s/manage", base), "tz", ev->tz));
    json_t *texts =
        organise_lang_fieldsets(page, ev->default_lang, text_keys, NELEMS(text_keys), preview ? "description" : NULL);
    if (preview)
        add_question_lists(req, texts);
    json_object_set_new(page, "texts", texts);
    json_object_set_new(page, "preview", json_boolean(preview));
    if (session_id) {
        const char *url = arena_printf(req->arena, "%s/sessions/%lld", base, (long long)session_id);
        const char *title = json_string_value(
            json_object_get(json_object_get(page, "form"), arena_printf(req->arena, "title_%s", ev->default_lang)));
        /* TRANSLATORS: page title; %s is the session's title. */
        json_object_set_new(
            page, "title",
            json_string(arena_printf(req->arena, _("Edit the session: %s"), title && *title ? title : event_title)));
        json_object_set_new(page, "session",
                            json_pack("{s:I, s:s, s:s}", "id", (json_int_t)session_id, "delete_url",
                                      arena_printf(req->arena, "%s/delete", url), "people_url",
                                      arena_printf(req->arena, "%s/people", url)));
        failed = failed || !organise_people_view(req, db, ev, session_id, page, person_form);
    } else {
        json_decref(person_form);
    }
    if (failed) {
        json_decref(page);
        page_error(req, 500);
        return;
    }
    json_t *people_form = json_object_get(page, "person_form");
    if (people_form && form_has_errors(people_form))
        form_error(page, NULL, _("Please correct the marked fields."));
    const char *notice = req->status == 403 || form_has_errors(page) ? NULL : organise_notice(req);
    if (notice)
        json_object_set_new(page, "notice", json_string(notice));
    form_render(req, "organise_session_form", page);
}

/* The new-session page as posted; on a first visit, the event's day as the date. */
static json_t *new_session_page(struct request *req, const struct event_ref *ev)
{
    json_t *page = session_page(req, ev, 0, _("New session"));
    if (req->method == HTTP_GET && ev->starts_at) {
        char date[16], time[8];
        organise_local_fields(ev->starts_at, ev->tz, date, time);
        json_object_set_new(json_object_get(page, "form"), "start_date", json_string(date));
        json_object_set_new(json_object_get(page, "form"), "end_date", json_string(date));
    }
    return page;
}

/*
 * GET /events/{slug}/sessions/new : the form to add a session to the event.
 * Also renders a POST refused for its CSRF token, filled in.
 */
void page_session_new_form(struct request *req)
{
    struct event_ref ev;
    if (event_require(req, &ev, EVENT_MANAGE))
        organise_session_render(req, &ev, 0, new_session_page(req, &ev), NULL, false);
}

/* Reads the posted session into *in. With mistakes, or when the organiser
 * asked for a preview, shows the form again and returns false (the answer
 * is sent). Takes page. */
static bool session_ready(struct request *req, const struct event_ref *ev, int64_t session_id, json_t *page,
                          struct session_input *in)
{
    read_session(req, page, ev, in);
    if (form_has_errors(page) || organise_previewing(req)) {
        organise_session_render(req, ev, session_id, page, NULL, organise_previewing(req));
        return false;
    }
    json_decref(page);
    return true;
}

/* Saves *in as the session id of ev (0: a new one, at the end) in one
 * transaction with the audit record action. Its id, or 0 after answering
 * 500. */
static int64_t save_session(struct request *req, const struct event_ref *ev, int64_t id, const struct session_input *in,
                            const char *action)
{
    struct db *db = db_get();
    if (db_begin(db) || organise_session_save(req, db, ev->id, id, in, &id) ||
        organise_audit_item(db, req, action, ev->slug, "session", id) || db_commit(db)) {
        organise_fail(req, db, arena_printf(req->arena, "%s failed", action));
        return 0;
    }
    return id;
}

/*
 * POST /events/{slug}/sessions/new : adds a session at the end of the
 * event's, then shows its page (to add its people).
 *   title_XX, description_XX   per language (en, fr, es); the title is
 *                required in the event's main language
 *   questions_XX   guiding questions, one per line; every language has as
 *                many as the main language, or none
 *   start_date, start_time, end_date, end_time   local, in the event's zone
 *   action       "preview": shows the form again rendered, saving nothing
 */
void page_session_new(struct request *req)
{
    struct event_ref ev;
    if (!event_require(req, &ev, EVENT_MANAGE))
        return;
    struct session_input in;
    int64_t id;
    if (session_ready(req, &ev, 0, new_session_page(req, &ev), &in) &&
        (id = save_session(req, &ev, 0, &in, "session_create")))
        request_redirect(req, arena_printf(req->arena, "/events/%s/sessions/%lld/edit?done=session_created", ev.slug,
                                           (long long)id));
}

/*
 * GET /events/{slug}/sessions/{id}/edit : the session's form, its speakers
 * and moderators. Also renders the session's posts refused for their CSRF
 * token.
 *   done   what was just done: a notice
 */
void page_session_edit_form(struct request *req)
{
    struct event_ref ev;
    int64_t id = organise_require_item(req, &ev, &organise_session_list);
    if (!id)
        return;
    /* A refused edit of the session comes back as typed (its form always
     * sends start_date); anything else shows the session as saved. */
    bool typed = req->method == HTTP_POST && request_form(req, "start_date") != NULL;
    organise_session_render(req, &ev, id, typed ? session_page(req, &ev, id, "") : NULL, NULL, false);
}

/*
 * POST /events/{slug}/sessions/{id}/edit : saves the session (the fields
 * of POST .../sessions/new). When its times or titles change, its calendar
 * revision goes up. Redirects to the dashboard.
 */
void page_session_edit(struct request *req)
{
    struct event_ref ev;
    int64_t id = organise_require_item(req, &ev, &organise_session_list);
    struct session_input in;
    if (id && session_ready(req, &ev, id, session_page(req, &ev, id, ""), &in) &&
        save_session(req, &ev, id, &in, "session_edit"))
        request_redirect(req, arena_printf(req->arena, "/events/%s/manage?done=saved#sessions", ev.slug));
}

/*
 * POST /events/{slug}/sessions/{id}/delete : deletes the session with its
 * questions and people.
 *   confirm   "yes" (the box that says so is ticked), else the session
 *             page comes back with the reason (422)
 */
void page_session_delete(struct request *req)
{
    struct event_ref ev;
    int64_t id = organise_require_item(req, &ev, &organise_session_list);
    if (!id)
        return;
    const char *confirm = request_form(req, "confirm");
    if (!confirm || strcmp(confirm, "yes") != 0) {
        json_t *page = session_page(req, &ev, id, "");
        if (organise_session_form_values(req, db_get(), id, ev.tz, json_object_get(page, "form"))) {
            json_decref(page);
            page_error(req, 500);
            return;
        }
        form_error(page, "confirm", _("Please tick the box to confirm that the session is to be deleted."));
        organise_session_render(req, &ev, id, page, NULL, false);
        return;
    }
    organise_item_remove(req, &ev, &organise_session_list, id, arena_printf(req->arena, "/events/%s/manage", ev.slug));
}

/*
 * POST /events/{slug}/sessions/{id}/move : moves the session a place.
 *   direction   up or down (else 400)
 */
void page_session_move(struct request *req)
{
    organise_dashboard_move(req, &organise_session_list);
}
