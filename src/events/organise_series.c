/* Series of events on the organiser screens: creating one and editing its
 * address (slug), main language, title and summary per language, and its
 * organisers (the creator and those they add; admins manage every series). */
#include <string.h>
#include <time.h>

#include "accounts/audit.h"
#include "events/event_access.h"
#include "events/organise.h"
#include "events/organise_pages.h"
#include "events/organise_parse.h"
#include "events/series_organisers.h"
#include "view/form.h"
#include "view/page.h"

static const char *const series_fields[] = {"slug",     "default_lang", "title_en", "summary_en",
                                            "title_fr", "summary_fr",   "title_es", "summary_es"};
static const struct organise_text_field text_fields[] = {
    {"title", ORGANISE_TITLE_MAX, true},
    {"summary", ORGANISE_SUMMARY_MAX, true},
};
static const char *const text_keys[] = {"title", "summary"};

struct series_input {
    const char *slug, *default_lang;
    const char *texts[ORGANISE_NLANGS][ORGANISE_TEXT_FIELDS_MAX]; /* title, summary */
    int64_t add_user; /* an organiser to add (editing only), or 0 */
};

static const char *form_value(json_t *page, const char *field)
{
    const char *v = json_string_value(json_object_get(json_object_get(page, "form"), field));
    return v ? v : "";
}

static void render_series_form(struct request *req, json_t *page)
{
    const char *default_lang = form_value(page, "default_lang");
    json_object_set_new(page, "texts", organise_lang_fieldsets(page, default_lang, text_keys, NELEMS(text_keys), NULL));
    json_object_set_new(page, "lang_options", organise_lang_options(default_lang));
    form_render(req, "organise_series_form", page);
}

/* Reads and checks the posted series; self_id is the series being edited
 * (0: a new one), whose own slug is not taken. false on a database error. */
static bool read_series(struct request *req, struct db *db, json_t *page, int64_t self_id, struct series_input *in)
{
    in->slug = form_text(req, "slug");
    in->default_lang = form_text(req, "default_lang");
    if (organise_lang_index(in->default_lang) < 0) {
        form_error(page, "default_lang", _("Please choose the series' main language."));
        in->default_lang = NULL;
    }
    organise_read_texts(req, page, in->default_lang, text_fields, NELEMS(text_fields), in->texts);
    in->add_user = 0;
    if (self_id && series_organisers_read(req, db, page, self_id, &in->add_user))
        return false;
    if (!organise_slug_valid(in->slug)) {
        form_error(page, "slug",
                   _("Please use lower-case letters, digits and single hyphens, such as "
                     "global-diaspora-exchanges."));
        return true;
    }
    int taken = db_one_int(db, "SELECT 1 FROM series WHERE slug = ? AND id <> ?", NULL, "ti", in->slug, self_id);
    if (taken == 1)
        form_error(page, "slug", _("Another series has this address already."));
    return taken >= 0;
}

/* Reads the posted series into *in (self_id as read_series takes it). With
 * mistakes, shows the form again and returns false; also false after
 * answering 500 on a database error. Takes page. */
static bool series_ready(struct request *req, struct db *db, json_t *page, int64_t self_id, struct series_input *in)
{
    if (!db || !read_series(req, db, page, self_id, in)) {
        json_decref(page);
        page_error(req, 500);
        return false;
    }
    if (form_has_errors(page)) {
        render_series_form(req, page);
        return false;
    }
    json_decref(page);
    return true;
}

static int save_texts(struct db *db, int64_t id, const struct series_input *in)
{
    if (db_run(db, "DELETE FROM series_texts WHERE series_id = ?", "i", id))
        return -1;
    for (int k = 0; k < ORGANISE_NLANGS; k++)
        if (*in->texts[k][0] &&
            db_run(db, "INSERT INTO series_texts (series_id, lang, title, summary) VALUES (?, ?, ?, ?)", "ittt", id,
                   organise_langs[k], in->texts[k][0], in->texts[k][1]))
            return -1;
    return 0;
}

static json_t *new_series_page(struct request *req)
{
    json_t *page = FORM_PAGE(req, _("New series"), series_fields);
    json_object_set_new(page, "action", json_string("/series/new"));
    if (req->method == HTTP_GET)
        json_object_set_new(json_object_get(page, "form"), "default_lang", json_string(i18n_code(req->lang)));
    return page;
}

/*
 * GET /series/new : the form to create a series (organisers and above).
 * Also renders a POST refused for its CSRF token, filled in.
 */
void page_series_new_form(struct request *req)
{
    render_series_form(req, new_series_page(req));
}

/*
 * POST /series/new : creates a series.
 *   slug           its address: a-z, 0-9 and single hyphens, unique
 *   default_lang   en, fr or es
 *   title_XX, summary_XX   per language; the title is required in default_lang
 * Redirects to /organise.
 */
void page_series_new(struct request *req)
{
    struct db *db = db_get();
    struct series_input in;
    if (!series_ready(req, db, new_series_page(req), 0, &in))
        return;
    int64_t id = 0;
    if (db_begin(db) ||
        db_run(db, "INSERT INTO series (slug, default_lang, created_at) VALUES (?, ?, ?)", "tti", in.slug,
               in.default_lang, (int64_t)time(NULL)) ||
        (id = db_last_id(db), save_texts(db, id, &in)) || series_organisers_add(db, id, req->caller.user_id) ||
        audit_record(db, req, "series_create", 0, arena_printf(req->arena, "series %s", in.slug)) || db_commit(db)) {
        organise_fail(req, db, "series not created");
        return;
    }
    request_redirect(req, "/organise?done=series_created#series");
}

/* The series {slug} of the route: its id, or 0 after answering 404 (no
 * such series), 403 (the caller is none of its organisers nor an admin)
 * or 500. */
static int64_t series_param(struct request *req, struct db *db)
{
    int64_t id = 0;
    int found = db ? db_one_int(db, "SELECT id FROM series WHERE slug = ?", &id, "t", request_param(req, "slug")) : -1;
    if (found != 1)
        page_error(req, found < 0 ? 500 : 404);
    else if (!series_can_manage(&req->caller, id))
        page_error(req, 403);
    return found == 1 && series_can_manage(&req->caller, id) ? id : 0;
}

static json_t *edit_series_page(struct request *req, struct db *db, int64_t id)
{
    const char *slug = request_param(req, "slug");
    /* TRANSLATORS: page title; %s is the series' address (slug). */
    json_t *page = FORM_PAGE(req, arena_printf(req->arena, _("Edit the series %s"), slug), series_fields);
    json_object_set_new(page, "action", json_string(arena_printf(req->arena, "/series/%s/edit", slug)));
    json_object_set_new(page, "series_url", json_string(arena_printf(req->arena, "/series/%s", slug)));
    json_t *organisers = series_organisers_list(req, db, id);
    if (!organisers) {
        json_decref(page);
        return NULL;
    }
    json_object_set_new(page, "organisers", organisers);
    if (req->method == HTTP_POST)
        return page;
    json_t *form = json_object_get(page, "form");
    json_object_set_new(form, "slug", json_string(slug));
    struct db_stmt *st = db_prepare(db, "SELECT default_lang FROM series WHERE id = ?");
    if (st) {
        db_bind_int(st, 1, id);
        if (db_step(st) == DB_ROW)
            json_object_set_new(form, "default_lang", json_string(db_col_text(st, 0)));
        db_reset(st);
    }
    st = st ? db_prepare(db, "SELECT lang, title, summary FROM series_texts WHERE series_id = ?") : NULL;
    if (!st) {
        json_decref(page);
        return NULL;
    }
    db_bind_int(st, 1, id);
    while (db_step(st) == DB_ROW) {
        json_object_set_new(form, arena_printf(req->arena, "title_%s", db_col_text(st, 0)),
                            json_string(db_col_text(st, 1)));
        json_object_set_new(form, arena_printf(req->arena, "summary_%s", db_col_text(st, 0)),
                            json_string(db_col_text(st, 2)));
    }
    db_reset(st);
    return page;
}

/*
 * GET /series/{slug}/edit : the series' form, with its organisers, for
 * them and admins (other organisers: 403). Also renders a POST refused
 * for its CSRF token.
 */
void page_series_edit_form(struct request *req)
{
    struct db *db = db_get();
    int64_t id = series_param(req, db);
    json_t *page = id ? edit_series_page(req, db, id) : NULL;
    if (page)
        render_series_form(req, page);
    else if (id)
        page_error(req, 500);
}

/*
 * POST /series/{slug}/edit : saves the series (the fields of POST
 * /series/new; the slug may change, which moves its page), for its
 * organisers and admins (others: 403).
 *   organiser_email   optional: an organiser's address, made an organiser of the series
 * Redirects to /organise.
 */
void page_series_edit(struct request *req)
{
    struct db *db = db_get();
    int64_t id = series_param(req, db);
    json_t *page = id ? edit_series_page(req, db, id) : NULL;
    if (!page) {
        if (id)
            page_error(req, 500);
        return;
    }
    struct series_input in;
    if (!series_ready(req, db, page, id, &in))
        return;
    if (db_begin(db) ||
        db_run(db, "UPDATE series SET slug = ?, default_lang = ? WHERE id = ?", "tti", in.slug, in.default_lang, id) ||
        save_texts(db, id, &in) || (in.add_user && series_organisers_add(db, id, in.add_user)) ||
        audit_record(db, req, "series_edit", in.add_user,
                     arena_printf(req->arena, in.add_user ? "series %s: organiser added" : "series %s", in.slug)) ||
        db_commit(db)) {
        organise_fail(req, db, "series not saved");
        return;
    }
    request_redirect(req, "/organise?done=saved#series");
}
