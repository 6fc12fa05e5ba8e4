/* Form pages: what every HTML form's view object holds, so that a refused
 * submission comes back filled in with the reasons beside the fields.
 *
 * A form page's data is {"title", "csrf", "form": {field: value},
 * "errors": {field: message}, "error": summary or absent}. Templates put
 * {{csrf}} in a hidden "csrf" field and {{form.x}} back into each input. */
#ifndef DXHUB_VIEW_FORM_H
#define DXHUB_VIEW_FORM_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "http/request.h"

/* A new form page object: title, the CSRF token (created if needed), the
 * posted values of fields[0..n) (or "" when absent: never the password
 * fields, which are never sent back), and an empty errors object. When the
 * request was refused for its CSRF token (req->status is already 403), the
 * summary error says so. */
json_t *form_page(struct request *req, const char *title, const char *const fields[], size_t n);
#define FORM_PAGE(req, title, fields) form_page(req, title, fields, sizeof fields / sizeof fields[0])

/* Marks field as wrong with message (translated), and sets the summary
 * "error" when none is set yet. field may be NULL for a form-wide error. */
void form_error(json_t *page, const char *field, const char *message);
/* True when form_error was called on page. */
bool form_has_errors(json_t *page);
/* Renders the form page: status 422 when it has errors (403 when the CSRF
 * token was refused), else 200. Takes page. */
void form_render(struct request *req, const char *template_name, json_t *page);
/* The options of a time-zone <select>: "UTC" first, then every zone of
 * tz_list(), as [{"name", "selected"}] with the one equal to selected (may
 * be NULL: none) marked. Returns a new array. */
json_t *form_zone_options(const char *selected);
/* Trimmed copy of the posted field (arena), "" when absent. */
const char *form_text(struct request *req, const char *field);

#endif
