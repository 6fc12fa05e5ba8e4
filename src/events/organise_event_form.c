/* The event form of the organiser screens: creating a draft event and
 * editing an event's details and texts in every language, with a preview
 * of the Markdown that saves nothing. */
#include <string.h>

#include "db/db.h"
#include "events/event_access.h"
#include "events/event_labels.h"
#include "events/organise.h"
#include "events/organise_event.h"
#include "events/organise_pages.h"
#include "http/router.h"
#include "i18n/tz.h"
#include "orgs/orgs.h"
#include "profiles/form_values.h"
#include "view/form.h"
#include "view/page.h"

static const char *const event_fields[] = {
    "default_lang",   "series",   "kind",       "format",         "place",       "tz",         "start_date",
    "start_time",     "end_date", "end_time",   "time_precision", "meeting_url", "title_en",   "summary_en",
    "description_en", "title_fr", "summary_fr", "description_fr", "title_es",    "summary_es", "description_es",
};

static const struct organise_text_field text_fields[] = {
    {"title", ORGANISE_TITLE_MAX, true},
    {"summary", ORGANISE_SUMMARY_MAX, true},
    {"description", ORGANISE_DESCRIPTION_MAX, false},
};
static const char *const text_keys[] = {"title", "summary", "description"};

static const char *form_value(json_t *page, const char *field)
{
    const char *v = json_string_value(json_object_get(json_object_get(page, "form"), field));
    return v ? v : "";
}

/* The series to choose from: [{"value" (slug), "label", "selected"}],
 * those the caller may manage (series_can_manage: all of them for an
 * admin) and the one selected (the event's own series stays choosable for
 * a co-organiser who does not manage it); NULL on error. */
static json_t *series_options(struct request *req, struct db *db, const char *selected)
{
    struct db_stmt *st = db_prepare(db, "SELECT s.slug, COALESCE(t.title, d.title) FROM series s "
                                        "JOIN series_texts d ON d.series_id = s.id AND d.lang = s.default_lang "
                                        "LEFT JOIN series_texts t ON t.series_id = s.id AND t.lang = ? "
                                        "WHERE ? OR s.slug = ? OR s.id IN "
                                        "(SELECT series_id FROM series_organisers WHERE user_id = ?) ORDER BY s.id");
    if (!st)
        return NULL;
    db_bind_text(st, 1, i18n_code(req->lang));
    db_bind_int(st, 2, req->caller.perm >= PERM_ADMIN);
    db_bind_text(st, 3, selected);
    db_bind_int(st, 4, req->caller.user_id);
    json_t *list = json_array();
    enum db_step rc;
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(list,
                              json_pack("{s:s, s:s, s:b}", "value", db_col_text(st, 0), "label", db_col_text(st, 1),
                                        "selected", strcmp(db_col_text(st, 0), selected) == 0));
    db_reset(st);
    if (rc == DB_ERROR) {
        json_decref(list);
        return NULL;
    }
    return list;
}

/* Renders the form page: the choices, the fieldsets per language (with the
 * rendered Markdown when previewing) and the languages ticked. Takes page. */
static void render_event_form(struct request *req, struct db *db, json_t *page, const char *languages,
                              const char *interpretation, bool preview)
{
    json_t *series = series_options(req, db, form_value(page, "series"));
    if (!series) {
        json_decref(page);
        page_error(req, 500);
        return;
    }
    const char *default_lang = form_value(page, "default_lang");
    json_object_set_new(page, "series_options", series);
    json_object_set_new(
        page, "texts",
        organise_lang_fieldsets(page, default_lang, text_keys, NELEMS(text_keys), preview ? "description" : NULL));
    json_object_set_new(page, "lang_options", organise_lang_options(default_lang));
    json_object_set_new(page, "kind_options", organise_kind_options(form_value(page, "kind")));
    json_object_set_new(page, "format_options", organise_format_options(form_value(page, "format")));
    json_object_set_new(
        page, "precision_options",
        organise_options(organise_precisions, norganise_precisions, form_value(page, "time_precision")));
    json_object_set_new(page, "zone_options", form_zone_options(form_value(page, "tz")));
    json_object_set_new(page, "spoken", organise_lang_checks(languages));
    json_object_set_new(page, "interpreted", organise_lang_checks(interpretation));
    json_object_set_new(page, "preview", json_boolean(preview));
    form_render(req, "organise_event_form", page);
}

/* The id of the series slug into *id (0 for ""): false when there is none,
 * or when the caller may not put an event in it, that is neither manages
 * it (series_can_manage) nor finds event_id (0: a new event) in it already. */
static bool series_id_of(struct request *req, struct db *db, const char *slug, int64_t event_id, int64_t *id,
                         bool *error)
{
    *id = 0;
    if (!*slug)
        return true;
    int found = db_one_int(db, "SELECT id FROM series WHERE slug = ?", id, "t", slug);
    *error = found < 0;
    if (found != 1)
        return false;
    if (series_can_manage(&req->caller, *id))
        return true;
    int already = db_one_int(db, "SELECT 1 FROM events WHERE id = ? AND series_id = ?", NULL, "ii", event_id, *id);
    *error = already < 0;
    return already == 1;
}

/* Whether the sessions of event_id all have their titles and guiding
 * questions in lang, which the event pages fall back to once it is the
 * main language. 1 yes, 0 no, -1 on a database error. */
static int sessions_have_texts(struct db *db, int64_t event_id, const char *lang)
{
    int64_t missing = 0, missing_questions = 0;
    if (db_one_int(db,
                   "SELECT COUNT(*) FROM sessions s WHERE s.event_id = ? AND NOT EXISTS "
                   "(SELECT 1 FROM session_texts t WHERE t.session_id = s.id AND t.lang = ?)",
                   &missing, "it", event_id, lang) < 0 ||
        db_one_int(db,
                   "SELECT COUNT(*) FROM guiding_questions q JOIN sessions s ON s.id = q.session_id "
                   "WHERE s.event_id = ? AND NOT EXISTS "
                   "(SELECT 1 FROM guiding_question_texts t WHERE t.question_id = q.id AND t.lang = ?)",
                   &missing_questions, "it", event_id, lang) < 0)
        return -1;
    return missing == 0 && missing_questions == 0;
}

/* Reads and checks the posted event into *in, marking errors on page.
 * event_id: the event edited (0: a new one), whose sessions must have
 * texts in a new main language; a published one keeps a start. false on
 * a database error. */
static bool read_event(struct request *req, struct db *db, json_t *page, struct event_input *in, int64_t event_id,
                       bool published)
{
    memset(in, 0, sizeof *in);
    in->default_lang = form_text(req, "default_lang");
    if (organise_lang_index(in->default_lang) < 0) {
        form_error(page, "default_lang", _("Please choose the event's main language."));
        in->default_lang = NULL;
    } else if (event_id) {
        int ok = sessions_have_texts(db, event_id, in->default_lang);
        if (ok < 0)
            return false;
        if (!ok)
            /* TRANSLATORS: %s is a language name ("French"). */
            form_error(page, "default_lang",
                       arena_printf(req->arena,
                                    _("Some sessions or guiding questions have no text in %s yet. Give them one "
                                      "first, then make it the main language."),
                                    organise_lang_name(in->default_lang)));
    }
    const char *texts[ORGANISE_NLANGS][ORGANISE_TEXT_FIELDS_MAX];
    organise_read_texts(req, page, in->default_lang, text_fields, NELEMS(text_fields), texts);
    for (int k = 0; k < ORGANISE_NLANGS; k++)
        in->texts[k] = (struct event_text){texts[k][0], texts[k][1], texts[k][2]};
    in->kind = form_text(req, "kind");
    if (!event_label_known(event_kinds, event_nkinds, in->kind))
        form_error(page, "kind", _("Please choose the type of event."));
    in->format = form_text(req, "format");
    if (!*event_format_label(in->format))
        form_error(page, "format", _("Please choose the format."));
    in->place = organise_field(req, page, "place");
    bool needs_place = strcmp(in->format, "in_person") == 0 || strcmp(in->format, "hybrid") == 0;
    if (needs_place && !*in->place)
        form_error(page, "place", _("Please say where the event takes place."));
    else if (utf8_length(in->place) > ORGANISE_PLACE_MAX)
        form_error(page, "place", _("Please use at most 300 characters."));
    in->languages = organise_posted_langs(req, "languages");
    if (!*in->languages)
        form_error(page, "languages", _("Please tick at least one language spoken at the event."));
    in->interpretation = organise_posted_langs(req, "interpretation");
    in->tz = form_text(req, "tz");
    if (!tz_valid(in->tz))
        form_error(page, "tz", _("Please choose a time zone from the list."));
    in->precision = form_text(req, "time_precision");
    if (!choice_label(organise_precisions, norganise_precisions, in->precision)) {
        form_error(page, "time_precision", _("Please choose how precisely the time is known."));
        in->precision = "minute";
    }
    bool minute = strcmp(in->precision, "minute") == 0;
    if (tz_valid(in->tz) && organise_read_time(req, page, "start", in->tz, minute, &in->starts_at, &in->has_start) &&
        organise_read_time(req, page, "end", in->tz, minute, &in->ends_at, &in->has_end)) {
        if (in->has_end && !in->has_start)
            form_error(page, "start_date", _("Please give the start as well as the end."));
        else if (in->has_end && in->ends_at < in->starts_at)
            form_error(page, "end_date", _("The end must come after the start."));
        else if (!in->has_start && published)
            form_error(page, "start_date", _("A published event needs its start date."));
    }
    in->meeting_url = organise_field(req, page, "meeting_url");
    if (*in->meeting_url && !org_website_valid(in->meeting_url))
        form_error(page, "meeting_url", _("Please enter a full web address starting with https:// or http://."));
    bool error = false;
    if (!series_id_of(req, db, form_text(req, "series"), event_id, &in->series_id, &error) && !error)
        form_error(page, "series", _("Please choose a series from the list."));
    return !error;
}

/* A new event form page; for a first visit (not a form sent back), the
 * defaults: the caller's language and zone, online, known to the minute. */
static json_t *new_event_page(struct request *req, const char **languages, const char **interpretation)
{
    json_t *page = FORM_PAGE(req, _("New event"), event_fields);
    json_object_set_new(page, "action", json_string("/events/new"));
    json_object_set_new(page, "cancel_url", json_string("/organise"));
    *languages = organise_posted_langs(req, "languages");
    *interpretation = organise_posted_langs(req, "interpretation");
    if (req->method == HTTP_POST)
        return page;
    json_t *form = json_object_get(page, "form");
    const char *lang = i18n_code(req->lang);
    json_object_set_new(form, "default_lang", json_string(lang));
    json_object_set_new(form, "kind", json_string("virtual_exchange"));
    json_object_set_new(form, "format", json_string("online"));
    json_object_set_new(form, "time_precision", json_string("minute"));
    json_object_set_new(form, "tz", json_string(req->caller.tz && tz_valid(req->caller.tz) ? req->caller.tz : "UTC"));
    *languages = lang;
    return page;
}

/* Reads the posted event into *in (event_id, published: as read_event
 * takes them). With mistakes, or when the organiser asked for a preview,
 * shows the form again and returns false; also false after answering 500
 * on a database error. Takes page. */
static bool event_ready(struct request *req, struct db *db, json_t *page, struct event_input *in, int64_t event_id,
                        bool published)
{
    if (!db || !read_event(req, db, page, in, event_id, published)) {
        json_decref(page);
        page_error(req, 500);
        return false;
    }
    if (form_has_errors(page) || organise_previewing(req)) {
        render_event_form(req, db, page, in->languages, in->interpretation, organise_previewing(req));
        return false;
    }
    json_decref(page);
    return true;
}

/*
 * GET /events/new : the form to create an event (organisers and above).
 * Also renders a POST refused for its CSRF token, filled in.
 */
void page_event_new_form(struct request *req)
{
    const char *languages, *interpretation;
    json_t *page = new_event_page(req, &languages, &interpretation);
    struct db *db = db_get();
    if (!db) {
        json_decref(page);
        page_error(req, 500);
        return;
    }
    render_event_form(req, db, page, languages, interpretation, false);
}

/*
 * POST /events/new : creates a draft event; its creator becomes its first
 * organiser; redirects to its dashboard.
 *   title_XX, summary_XX, description_XX   texts per language (en, fr, es);
 *                  the title is required in default_lang
 *   default_lang   en, fr or es
 *   series         a series slug, or "" for none
 *   kind, format, time_precision   from the lists
 *   place          required for in_person and hybrid
 *   languages, interpretation      language codes (repeated)
 *   tz             an IANA zone
 *   start_date, start_time, end_date, end_time   local, in tz
 *   meeting_url    "" or an http(s) address
 *   action         "preview": shows the form again with the Markdown
 *                  rendered, saving nothing
 */
void page_event_new(struct request *req)
{
    const char *languages, *interpretation;
    json_t *page = new_event_page(req, &languages, &interpretation);
    struct db *db = db_get();
    struct event_input in;
    if (!event_ready(req, db, page, &in, 0, false))
        return;
    if (db_begin(db)) {
        page_error(req, 500);
        return;
    }
    int k = organise_lang_index(in.default_lang);
    const char *slug = organise_event_slug(req, db, in.texts[k].title);
    int64_t id = slug ? organise_event_create(req, db, slug, &in) : -1;
    if (id < 0 || organise_audit(db, req, "event_create", slug, 0, NULL) || db_commit(db)) {
        organise_fail(req, db, "event not created");
        return;
    }
    request_redirect(req, arena_printf(req->arena, "/events/%s/manage?done=created", slug));
}

/* The edit form page of the route's event, which the caller must manage
 * (it goes into *ev), with what was posted (or, on a first visit, what is
 * saved) and the languages ticked. NULL after answering (403, 404, 500). */
static json_t *edit_event_page(struct request *req, struct event_ref *ev, const char **languages,
                               const char **interpretation)
{
    if (!event_require(req, ev, EVENT_MANAGE))
        return NULL;
    struct db *db = db_get();
    const char *title = organise_title(req, db, ev);
    /* TRANSLATORS: page title; %s is the event's title. */
    json_t *page = FORM_PAGE(req, arena_printf(req->arena, _("Edit: %s"), title), event_fields);
    json_object_set_new(page, "action", json_string(arena_printf(req->arena, "/events/%s/edit", ev->slug)));
    json_object_set_new(page, "cancel_url", json_string(arena_printf(req->arena, "/events/%s/manage", ev->slug)));
    json_object_set_new(page, "event",
                        json_pack("{s:s, s:s, s:s}", "title", title, "url",
                                  arena_printf(req->arena, "/events/%s", ev->slug), "status", ev->status));
    *languages = organise_posted_langs(req, "languages");
    *interpretation = organise_posted_langs(req, "interpretation");
    if (req->method == HTTP_POST)
        return page;
    if (organise_event_form_values(req, db, ev->id, json_object_get(page, "form"), languages, interpretation)) {
        json_decref(page);
        page_error(req, 500);
        return NULL;
    }
    return page;
}

/*
 * GET /events/{slug}/edit : the event's details and texts, to edit (its
 * organisers and admins). Also renders a POST refused for its CSRF token.
 */
void page_event_edit_form(struct request *req)
{
    struct event_ref ev;
    const char *languages, *interpretation;
    json_t *page = edit_event_page(req, &ev, &languages, &interpretation);
    if (page)
        render_event_form(req, db_get(), page, languages, interpretation, false);
}

/*
 * POST /events/{slug}/edit : saves the event's details and texts (the same
 * fields as POST /events/new; a published event keeps a start). When what
 * calendars show changes, its calendar revision goes up. Redirects to the
 * dashboard; action=preview shows the form again, saving nothing.
 */
void page_event_edit(struct request *req)
{
    struct event_ref ev;
    const char *languages, *interpretation;
    json_t *page = edit_event_page(req, &ev, &languages, &interpretation);
    struct db *db = db_get();
    struct event_input in;
    if (!page || !event_ready(req, db, page, &in, ev.id, strcmp(ev.status, "draft") != 0))
        return;
    bool revised;
    if (db_begin(db) || organise_event_update(req, db, ev.id, &in, &revised) ||
        organise_audit(db, req, "event_edit", ev.slug, 0, revised ? "calendar revised" : NULL) || db_commit(db)) {
        organise_fail(req, db, "event not saved");
        return;
    }
    request_redirect(req, arena_printf(req->arena, "/events/%s/manage?done=saved", ev.slug));
}
