/* Reading the event listing's filters from the query string, and the
 * filter form's options with the current choice selected. */
#include "events/event_filters.h"

#include <string.h>

#include "db/db.h"
#include "events/event_labels.h"

/* The query parameter `name`, or "" when absent. */
static const char *query_value(struct request *req, const char *name)
{
    const char *v = request_query(req, name);
    return v ? v : "";
}

/* [{"value", "label" (translated), "selected"}] for list[0..n). */
static json_t *label_options(const struct event_label *list, size_t n, const char *current)
{
    json_t *options = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(options, json_pack("{s:s, s:s, s:b}", "value", list[i].code, "label", _(list[i].label),
                                                 "selected", strcmp(list[i].code, current) == 0));
    return options;
}

/* A filter on one of the fixed vocabularies: kept when known, else an error. */
static const char *fixed_filter(struct request *req, json_t *view, const char *name, const struct event_label *list,
                                size_t n, const char *message, bool *bad)
{
    const char *v = query_value(req, name);
    if (v[0] && !event_label_known(list, n, v)) {
        json_object_set_new(json_object_get(view, "errors"), name, json_string(message));
        *bad = true;
        v = "";
    }
    json_object_set_new(view, name, json_string(v));
    return v;
}

/* Every series as an option, in the request's language; sets *id to the
 * one whose slug is `slug` (0 when none). NULL on a database error. */
static json_t *series_options(struct request *req, const char *slug, int64_t *id)
{
    struct db *db = db_get();
    struct db_stmt *st =
        db ? db_prepare(db, "SELECT s.id, s.slug, COALESCE(t.title, d.title) FROM series s "
                            "JOIN series_texts d ON d.series_id = s.id AND d.lang = s.default_lang "
                            "LEFT JOIN series_texts t ON t.series_id = s.id AND t.lang = ?1 ORDER BY s.id")
           : NULL;
    if (!st)
        return NULL;
    db_bind_text(st, 1, i18n_code(req->lang));
    json_t *options = json_array();
    enum db_step rc;
    *id = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        bool selected = strcmp(db_col_text(st, 1), slug) == 0;
        if (selected)
            *id = db_col_int(st, 0);
        json_array_append_new(options, json_pack("{s:s, s:s, s:b}", "value", db_col_text(st, 1), "label",
                                                 db_col_text(st, 2), "selected", selected));
    }
    db_reset(st);
    if (rc == DB_ERROR) {
        json_decref(options);
        return NULL;
    }
    return options;
}

json_t *event_filters_read(struct request *req, struct event_filter *f, bool *bad)
{
    *bad = false;
    *f = (struct event_filter){.kind = "", .language = "", .with_cancelled = true};
    json_t *view = json_pack("{s:{}}", "errors");
    f->kind = fixed_filter(req, view, "kind", event_kinds, event_nkinds, _("Choose a type from the list."), bad);
    f->language = fixed_filter(req, view, "language", event_languages, event_nlanguages,
                               _("Choose a language from the list."), bad);
    const char *slug = query_value(req, "series");
    json_t *series = series_options(req, slug, &f->series_id);
    if (!series) {
        json_decref(view);
        return NULL;
    }
    if (slug[0] && !f->series_id) {
        json_object_set_new(json_object_get(view, "errors"), "series", json_string(_("Choose a series from the list.")));
        *bad = true;
        slug = "";
    }
    json_object_set_new(view, "series", json_string(slug));
    json_object_set_new(view, "kinds", label_options(event_kinds, event_nkinds, f->kind));
    json_object_set_new(view, "languages", label_options(event_languages, event_nlanguages, f->language));
    json_object_set_new(view, "series_options", series);
    /* A refused value counts too: the way back to every event stays on offer. */
    json_object_set_new(view, "active", json_boolean(*bad || f->kind[0] || f->language[0] || f->series_id));
    return view;
}
