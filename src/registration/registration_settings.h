/* The organisers' settings page and its question form, shared by the
 * settings handlers (registration_settings.c) and the question editor
 * (registration_question_pages.c). */
#ifndef DXHUB_REGISTRATION_REGISTRATION_SETTINGS_H
#define DXHUB_REGISTRATION_REGISTRATION_SETTINGS_H

#include <jansson.h>

#include "events/event_access.h"
#include "http/request.h"

/* Renders the settings page of ev from page (a form page of the settings
 * fields, taken): the event, counts, questions with their buttons and a
 * blank form to add one; 422 when page has errors. */
void reg_settings_render(struct request *req, const struct event_ref *ev, json_t *page);

/* The question form's view: {action, form: {kind, required, label_<lang>,
 * choices_<lang>}, errors, kinds: [{value, label, selected}], langs: [{code,
 * name, default, label, choices, label_error, choices_error}]} filled from
 * values (field → text, borrowed; NULL: blank) with the messages of errors
 * (borrowed; may be NULL). A new object. */
json_t *reg_question_form_view(struct request *req, const struct event_ref *ev, json_t *values, json_t *errors,
                               const char *action);

#endif
