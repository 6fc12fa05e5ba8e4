/* What the organiser screens share: the choices they offer (kinds,
 * formats, statuses, time precisions, roles), form helpers for pages that
 * hold several forms, date labels, notices, the audit record of each
 * action and the calendar revision bumps.
 *
 * The screens themselves are in organise_*.c, their handlers declared in
 * organise_pages.h. */
#ifndef DXHUB_EVENTS_ORGANISE_H
#define DXHUB_EVENTS_ORGANISE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"
#include "events/event_access.h"
#include "http/request.h"
#include "profiles/profiles.h"

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* Lengths in characters (code points). */
#define ORGANISE_TITLE_MAX 200
#define ORGANISE_SUMMARY_MAX 600
#define ORGANISE_DESCRIPTION_MAX 20000
#define ORGANISE_PLACE_MAX 300
#define ORGANISE_NAME_MAX 120
#define ORGANISE_BIO_MAX 1000
#define ORGANISE_QUESTIONS_MAX 30 /* guiding questions per session */

/* The formats (events.format) in the order forms offer them. */
extern const char *const organise_formats[];
extern const size_t norganise_formats;
/* How precisely an event's time is known (events.time_precision). */
extern const struct choice organise_precisions[];
extern const size_t norganise_precisions;
/* Event statuses as organisers name them. */
extern const struct choice organise_statuses[];
extern const size_t norganise_statuses;
/* Roles of people in a session (session_people.role). */
extern const struct choice organise_roles[];
extern const size_t norganise_roles;

/* Options of a <select>: a new array of {"value", "label" (translated),
 * "selected"}, selected where value equals selected (may be NULL). */
json_t *organise_options(const struct choice *choices, size_t n, const char *selected);
/* The kinds (event_labels.h) and formats of events as such options. */
json_t *organise_kind_options(const char *selected);
json_t *organise_format_options(const char *selected);
/* The content languages (en, fr, es) as [{"value", "label", "selected"}],
 * their names translated into the request's language. */
json_t *organise_lang_options(const char *selected);
/* The same as checkboxes: [{"code", "name", "checked"}] for the codes of
 * the comma-separated list csv. */
json_t *organise_lang_checks(const char *csv);
/* The name of a content language in the request's language ("French"). */
const char *organise_lang_name(const char *code);
/* The posted values of a group of language checkboxes, as a comma-separated
 * list in the fixed order (arena); unknown codes are dropped. */
const char *organise_posted_langs(struct request *req, const char *field);

/* One of several forms on a page: {"form": {field: posted value or ""},
 * "errors": {}}. form_error() and form_has_errors() (view/form.h) work on
 * it as on a whole form page. Returns a new object. */
json_t *organise_subform(struct request *req, const char *const fields[], size_t n);
#define ORGANISE_SUBFORM(req, fields) organise_subform(req, fields, NELEMS(fields))
/* Sets the trimmed posted value of field as the form's value (form_text). */
const char *organise_field(struct request *req, json_t *form_page, const char *field);

/* Reads the posted local date and time <prefix>_date and <prefix>_time
 * (need_time: the time is required with a date) in zone into *at, and
 * *has (false when both are empty). Marks the field that is wrong on
 * form_page with the reason (a time the clocks skip in zone says so) and
 * returns false then. */
bool organise_read_time(struct request *req, json_t *form_page, const char *prefix, const char *zone, bool need_time,
                        int64_t *at, bool *has);

/* One text field that exists in every content language, posted as
 * "<key>_<code>" ("title_fr"). */
struct organise_text_field {
    const char *key;
    size_t max;    /* characters */
    bool one_line; /* runs of white space become one space */
};
#define ORGANISE_TEXT_FIELDS_MAX 4

/* Reads fields[0..n) (n <= ORGANISE_TEXT_FIELDS_MAX) in every language
 * into out[language][field] (arena strings, "" when absent), in
 * organise_langs order. fields[0] is the title: required in default_lang,
 * and in any other language whose other fields are filled in. Marks what
 * is wrong on form_page. */
void organise_read_texts(struct request *req, json_t *form_page, const char *default_lang,
                         const struct organise_text_field fields[], size_t n,
                         const char *out[][ORGANISE_TEXT_FIELDS_MAX]);

/* The per-language fieldsets of a form, from form_page's "form" and
 * "errors": a new array, in organise_langs order, of {"code", "name",
 * "required" (the default language), and for each of keys[0..n) its value
 * under the key and its error under "<key>_error" ("" when none)}. With
 * markdown_key (may be NULL), also "preview_html": that field rendered. */
json_t *organise_lang_fieldsets(json_t *form_page, const char *default_lang, const char *const keys[], size_t n,
                                const char *markdown_key);

/* Sets the form's <prefix>_date and <prefix>_time to instant `at` as
 * wall-clock time in zone, or to "" when has is false. */
void organise_set_local(struct request *req, json_t *form, const char *prefix, bool has, int64_t at, const char *zone);

/* Whether the organiser pressed "Preview" (action=preview) rather than "Save". */
bool organise_previewing(struct request *req);

/* The date of an event as people read it, in the request's language:
 * the day, the year or the day and time in zone as precision says;
 * "Date to be announced" when has_start is false. Arena string. */
const char *organise_date_label(struct request *req, bool has_start, int64_t at, const char *zone,
                                const char *precision);

/* The translated notice for the query's ?done=<key> after a redirect, or
 * NULL when there is none or the key is unknown. */
const char *organise_notice(struct request *req);

/* Records in the audit log that the caller did action ("event_edit",
 * "session_delete", ...) to the event slug, with what (may be NULL) in the
 * detail: "event <slug>: <what>". subject_id: an account concerned (0:
 * none). Inside the caller's transaction. 0 or -1. */
int organise_audit(struct db *db, struct request *req, const char *action, const char *slug, int64_t subject_id,
                   const char *what);

/* Adds one to the calendar revision (SEQUENCE) of the event and of every
 * one of its sessions, whose calendar entries show the event's title,
 * status and zone too. Inside the caller's transaction. 0 or -1. */
int organise_bump_event(struct db *db, int64_t event_id);
/* Adds one to the calendar revision of one session. 0 or -1. */
int organise_bump_session(struct db *db, int64_t session_id);

/* Adds to print (an arena text) the rows of st, a prepared statement whose
 * ?1 this binds to id: each row as "\x1f" and its first ncols columns as
 * text, each after "\x1e" (NULL as "\x1a"). Fingerprints what a query
 * selects, to compare before and after a change. Resets st. Returns the
 * new arena text, or NULL when print or st is NULL or on a database
 * error. */
const char *organise_fingerprint(struct request *req, const char *print, struct db_stmt *st, int64_t id, int ncols);


/* The event's title in the request's language, else in its own (arena);
 * "" when there is none or the database fails (the page says so elsewhere). */
const char *organise_title(struct request *req, struct db *db, const struct event_ref *ev);

/* Ends a failed write: rolls back, logs what (with the request id) and
 * answers with the 500 page. */
void organise_fail(struct request *req, struct db *db, const char *what);

/* Records action as organise_audit() does, with the detail "<noun> <id>"
 * ("session 12"): the item of a list it concerns. 0 or -1. */
int organise_audit_item(struct db *db, struct request *req, const char *action, const char *slug, const char *noun,
                        int64_t id);

/* Ends the look-up of an item of the route: found is db_one_int()'s answer
 * to whether item id is where the route says (1 yes, 0 no, -1 error; 0
 * also for id 0, a malformed one). Returns id when found, else 0 after
 * answering 404 (or 500). */
int64_t organise_found(struct request *req, int found, int64_t id);

/* An ordered list of the organiser screens whose items are removed and
 * moved one at a time (organise_items.c): the sessions of an event, its
 * partners, the people of a session. */
struct organise_list {
    const char *noun;          /* an item in audit details: "partner" ("partner 12") */
    const char *anchor;        /* the list on its page: "partners" (#partners) */
    const char *remove_action; /* audit actions: "partner_remove", "partner_move" */
    const char *move_action;
    const char *removed;                                             /* the notice after removing: ?done=<removed> */
    int (*remove)(struct db *db, int64_t id);                        /* deletes item id: 0 or -1 */
    int (*move)(struct db *db, int64_t parent, int64_t id, int dir); /* organise_move_*() */
};

/* The lists (organise_items.c). */
extern const struct organise_list organise_session_list, organise_partner_list, organise_person_list;

/* The item {id} of the route in list (organise_session_list or
 * organise_partner_list), of an event the caller manages (which goes into
 * *ev): its id, or 0 after answering (403, 404 or 500). */
int64_t organise_require_item(struct request *req, struct event_ref *ev, const struct organise_list *list);

/* The handlers of POST .../{id}/move and .../{id}/remove for a list of the
 * event's dashboard (organise_session_list, organise_partner_list): the
 * route's item, of an event the caller manages, moved or removed by
 * organise_item_move() or organise_item_remove(), then back to the
 * dashboard. */
void organise_dashboard_move(struct request *req, const struct organise_list *list);
void organise_dashboard_remove(struct request *req, const struct organise_list *list);

/* Removes item id of list in one transaction with its audit record, then
 * redirects to page (the list's page: a path without query) with the
 * notice list->removed. Rolls back and answers 500 on a database error. */
void organise_item_remove(struct request *req, const struct event_ref *ev, const struct organise_list *list, int64_t id,
                          const char *page);

/* Moves item id of list a place among the items of parent as the posted
 * "direction" says (up or down; else 400), with an audit record when it
 * moved, then redirects to page with the notice "moved". Rolls back and
 * answers 500 on a database error. */
void organise_item_move(struct request *req, const struct event_ref *ev, const struct organise_list *list,
                        int64_t parent, int64_t id, const char *page);

/* Moving one item of an ordered list a place up (dir -1) or down (dir 1)
 * among its siblings (organise_order.c): a session among the event's, a
 * partner among the event's, a person among the session's. Positions are
 * renumbered 0..n-1. Returns 1 when moved, 0 when it is first or last
 * already, -2 when id is not in that list, -1 on a database error. Inside
 * the caller's transaction. */
int organise_move_session(struct db *db, int64_t event_id, int64_t id, int dir);
int organise_move_partner(struct db *db, int64_t event_id, int64_t id, int dir);
int organise_move_person(struct db *db, int64_t session_id, int64_t id, int dir);
/* The posted direction: "up" -1, "down" 1, else 0. */
int organise_direction(struct request *req);

/* The session form page of ev (organise_session_form.c): a new session
 * (session_id 0) or session_id, with page the form page as posted (NULL:
 * the session as saved), and for a saved session its people and the
 * add-a-person form person_form (NULL: as posted, usually empty). preview
 * shows the Markdown and questions rendered. Status 403 when the CSRF
 * token was refused, 422 with mistakes, else 200. Takes page and
 * person_form. */
void organise_session_render(struct request *req, const struct event_ref *ev, int64_t session_id, json_t *page,
                             json_t *person_form, bool preview);

/* Adds to the session page the session's people ("people": [{id, role,
 * role_label, name, affiliation, email, bios, move_url, remove_url, first,
 * last}]), the add-a-person form ("person_form", taken; NULL: as posted)
 * and its choices (organise_people.c). false on a database error. */
bool organise_people_view(struct request *req, struct db *db, const struct event_ref *ev, int64_t session_id,
                          json_t *page, json_t *person_form);

/* The dashboard of ev (organise_manage.c), with the add-a-partner and
 * add-an-organiser forms as given (NULL: what was posted, usually nothing)
 * and error, a message for the whole page (NULL: none). Status 403 when
 * the request's CSRF token was refused, 422 when a form or error holds a
 * mistake, else 200. Takes the forms. */
void organise_manage_render(struct request *req, const struct event_ref *ev, json_t *partner_form,
                            json_t *organiser_form, const char *error);

#endif
