/* What the organiser screens share: choices, sub-forms, labels, notices,
 * audit records and calendar revision bumps. */
#include "events/organise.h"

#include <stdio.h>
#include <string.h>

#include "accounts/audit.h"
#include "core/log.h"
#include "events/event_labels.h"
#include "events/organise_parse.h"
#include "i18n/timefmt.h"
#include "i18n/tz.h"
#include "profiles/form_values.h"
#include "view/form.h"
#include "view/page.h"

/* Formats in the order the form offers them; labels from event_labels.h. */
const char *const organise_formats[] = {"online", "in_person", "hybrid"};
const size_t norganise_formats = NELEMS(organise_formats);

const struct choice organise_precisions[] = {
    {"minute", N_("Exact day and time"), NULL},
    {"day", N_("Day only"), NULL},
    {"year", N_("Year only"), NULL},
};
const size_t norganise_precisions = NELEMS(organise_precisions);

const struct choice organise_statuses[] = {
    /* TRANSLATORS: status of an event that only its organisers can see yet. */
    {"draft", N_("Draft"), NULL},
    /* TRANSLATORS: status of an event everyone can see. */
    {"published", N_("Published"), NULL},
    {"cancelled", N_("Cancelled"), NULL},
    /* TRANSLATORS: status of an event that has taken place. */
    {"finished", N_("Finished"), NULL},
};
const size_t norganise_statuses = NELEMS(organise_statuses);

const struct choice organise_roles[] = {
    /* TRANSLATORS: someone who speaks in a session (a panellist). */
    {"speaker", N_("Speaker"), NULL},
    /* TRANSLATORS: someone who leads a session and its questions and answers. */
    {"moderator", N_("Moderator"), NULL},
};
const size_t norganise_roles = NELEMS(organise_roles);

/* The name of content language k (organise_langs order), translated. */
static const char *lang_name(int k)
{
    for (size_t i = 0; i < event_nlanguages; i++)
        if (strcmp(event_languages[i].code, organise_langs[k]) == 0)
            return _(event_languages[i].label);
    return organise_langs[k];
}

json_t *organise_options(const struct choice *choices, size_t n, const char *selected)
{
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list,
                              json_pack("{s:s, s:s, s:b}", "value", choices[i].value, "label", _(choices[i].label),
                                        "selected", selected && strcmp(selected, choices[i].value) == 0));
    return list;
}

const char *organise_lang_name(const char *code)
{
    int k = organise_lang_index(code);
    return k < 0 ? "" : lang_name(k);
}

json_t *organise_kind_options(const char *selected)
{
    json_t *list = json_array();
    for (size_t i = 0; i < event_nkinds; i++)
        json_array_append_new(list, json_pack("{s:s, s:s, s:b}", "value", event_kinds[i].code, "label",
                                              _(event_kinds[i].label), "selected",
                                              selected && strcmp(selected, event_kinds[i].code) == 0));
    return list;
}

json_t *organise_format_options(const char *selected)
{
    json_t *list = json_array();
    for (size_t i = 0; i < norganise_formats; i++)
        json_array_append_new(list, json_pack("{s:s, s:s, s:b}", "value", organise_formats[i], "label",
                                              event_format_label(organise_formats[i]), "selected",
                                              selected && strcmp(selected, organise_formats[i]) == 0));
    return list;
}

json_t *organise_lang_options(const char *selected)
{
    json_t *list = json_array();
    for (int k = 0; k < ORGANISE_NLANGS; k++)
        json_array_append_new(list, json_pack("{s:s, s:s, s:b}", "value", organise_langs[k], "label", lang_name(k),
                                              "selected", selected && strcmp(selected, organise_langs[k]) == 0));
    return list;
}

json_t *organise_lang_checks(const char *csv)
{
    json_t *list = json_array();
    for (int k = 0; k < ORGANISE_NLANGS; k++)
        json_array_append_new(list, json_pack("{s:s, s:s, s:b}", "code", organise_langs[k], "name", lang_name(k),
                                              "checked", organise_csv_has(csv, organise_langs[k])));
    return list;
}

const char *organise_posted_langs(struct request *req, const char *field)
{
    json_t *values = form_values(req, field);
    size_t n = json_array_size(values);
    const char **codes = arena_alloc(req->arena, (n ? n : 1) * sizeof *codes);
    for (size_t i = 0; i < n; i++)
        codes[i] = arena_strdup(req->arena, json_string_value(json_array_get(values, i)));
    json_decref(values);
    return organise_lang_csv(req->arena, codes, n);
}

json_t *organise_subform(struct request *req, const char *const fields[], size_t n)
{
    json_t *values = json_object();
    for (size_t i = 0; i < n; i++) {
        const char *v = request_form(req, fields[i]);
        json_object_set_new(values, fields[i], json_string(v ? v : ""));
    }
    return json_pack("{s:o, s:{}}", "form", values, "errors");
}

const char *organise_field(struct request *req, json_t *form_page, const char *field)
{
    const char *v = form_text(req, field);
    json_object_set_new(json_object_get(form_page, "form"), field, json_string(v));
    return v;
}

const char *organise_date_label(struct request *req, bool has_start, int64_t at, const char *zone,
                                const char *precision)
{
    if (!has_start)
        return _("Date to be announced");
    if (strcmp(precision, "year") == 0) {
        struct civil c;
        tz_utc_to_local(zone, at, &c);
        return arena_printf(req->arena, "%d", c.year);
    }
    char out[TIMEFMT_MAX];
    timefmt_format(out, sizeof out, at, zone, req->lang,
                   strcmp(precision, "day") == 0 ? TIMEFMT_DATE : TIMEFMT_DATETIME);
    return arena_strdup(req->arena, out);
}

const char *organise_notice(struct request *req)
{
    static const struct {
        const char *key, *text;
    } notices[] = {
        {"created", N_("The event has been created as a draft. Only its organisers can see it until it is published.")},
        {"saved", N_("The changes have been saved.")},
        {"status", N_("The event's status has been changed.")},
        {"session_created", N_("The session has been created. You can now add its speakers and moderators.")},
        {"session_deleted", N_("The session has been deleted.")},
        {"moved", N_("The order has been changed.")},
        {"person_added", N_("The person has been added to the session.")},
        {"person_removed", N_("The person has been removed from the session.")},
        {"partner_added", N_("The partner has been added.")},
        {"partner_removed", N_("The partner has been removed.")},
        {"organiser_added", N_("The organiser has been added. They can now manage this event.")},
        {"organiser_removed", N_("The organiser has been removed.")},
        {"series_created", N_("The series has been created.")},
    };
    const char *done = request_query(req, "done");
    for (size_t i = 0; done && i < NELEMS(notices); i++)
        if (strcmp(done, notices[i].key) == 0)
            return _(notices[i].text);
    return NULL;
}

int organise_audit(struct db *db, struct request *req, const char *action, const char *slug, int64_t subject_id,
                   const char *what)
{
    const char *detail = what && *what ? arena_printf(req->arena, "event %s: %s", slug, what)
                                       : arena_printf(req->arena, "event %s", slug);
    return audit_record(db, req, action, subject_id, detail);
}

int organise_audit_item(struct db *db, struct request *req, const char *action, const char *slug, const char *noun,
                        int64_t id)
{
    return organise_audit(db, req, action, slug, 0, arena_printf(req->arena, "%s %lld", noun, (long long)id));
}

int organise_bump_event(struct db *db, int64_t event_id)
{
    if (db_run(db, "UPDATE events SET sequence = sequence + 1 WHERE id = ?", "i", event_id))
        return -1;
    return db_run(db, "UPDATE sessions SET sequence = sequence + 1 WHERE event_id = ?", "i", event_id);
}

int organise_bump_session(struct db *db, int64_t session_id)
{
    return db_run(db, "UPDATE sessions SET sequence = sequence + 1 WHERE id = ?", "i", session_id);
}

const char *organise_fingerprint(struct request *req, const char *print, struct db_stmt *st, int64_t id, int ncols)
{
    if (!st)
        return NULL;
    enum db_step rc = DB_ERROR;
    if (print) {
        db_bind_int(st, 1, id);
        while ((rc = db_step(st)) == DB_ROW) {
            print = arena_printf(req->arena, "%s\x1f", print);
            for (int c = 0; c < ncols; c++)
                print =
                    arena_printf(req->arena, "%s\x1e%s", print, db_col_is_null(st, c) ? "\x1a" : db_col_text(st, c));
        }
    }
    db_reset(st);
    return rc == DB_DONE ? print : NULL;
}

const char *organise_title(struct request *req, struct db *db, const struct event_ref *ev)
{
    const char *title = event_title(req, db, ev->id);
    return title ? title : "";
}

void organise_fail(struct request *req, struct db *db, const char *what)
{
    if (db)
        db_rollback(db);
    log_event(LOG_ERROR, req->id, what, NULL);
    page_error(req, 500);
}

bool organise_read_time(struct request *req, json_t *form_page, const char *prefix, const char *zone, bool need_time,
                        int64_t *at, bool *has)
{
    const char *date_field = arena_printf(req->arena, "%s_date", prefix);
    const char *time_field = arena_printf(req->arena, "%s_time", prefix);
    enum local_time_rc rc =
        organise_local_time(zone, form_text(req, date_field), form_text(req, time_field), need_time, at);
    *has = rc == LOCAL_OK;
    switch (rc) {
    case LOCAL_OK:
    case LOCAL_EMPTY: return true;
    case LOCAL_BAD_DATE: form_error(form_page, date_field, _("Please give a real date, such as 2025-05-14.")); break;
    case LOCAL_NEED_TIME: form_error(form_page, time_field, _("Please give the time as well.")); break;
    case LOCAL_BAD_TIME: form_error(form_page, time_field, _("Please give a time such as 14:30.")); break;
    case LOCAL_NONEXISTENT:
        /* TRANSLATORS: %s is a time zone such as Europe/Brussels. */
        form_error(form_page, time_field,
                   arena_printf(req->arena,
                                _("This time does not exist in %s on that day: the clocks go forward over it. "
                                  "Please choose another time."),
                                zone));
        break;
    case LOCAL_BAD_ZONE: form_error(form_page, date_field, _("Please choose the time zone first.")); break;
    }
    return false;
}

void organise_set_local(struct request *req, json_t *form, const char *prefix, bool has, int64_t at, const char *zone)
{
    char date[16] = "", time[8] = "";
    if (has)
        organise_local_fields(at, zone, date, time);
    json_object_set_new(form, arena_printf(req->arena, "%s_date", prefix), json_string(date));
    json_object_set_new(form, arena_printf(req->arena, "%s_time", prefix), json_string(time));
}

bool organise_previewing(struct request *req)
{
    const char *action = request_form(req, "action");
    return action && strcmp(action, "preview") == 0;
}
