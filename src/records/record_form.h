/* The record editor page (templates/record.mustache): the outcome summary
 * and recording link, the proposals and the attached documents of one
 * event, each with its form. The page is rendered by GET and again by every
 * POST that finds something wrong, with the posted form filled in as sent
 * and its reasons beside the fields. */
#ifndef DXHUB_RECORDS_RECORD_FORM_H
#define DXHUB_RECORDS_RECORD_FORM_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "events/event_access.h"
#include "http/request.h"

/* Which of the page's forms was posted. */
enum record_form {
    RECORD_NONE,
    RECORD_OUTCOME,
    RECORD_PROPOSAL_NEW,
    RECORD_PROPOSAL_EDIT,
    RECORD_DOCUMENT_NEW,
};

/* What a POST hands to the page: its form (with the proposal's id for
 * RECORD_PROPOSAL_EDIT), the reasons by field (borrowed; NULL: none) and a
 * summary message (translated; NULL: the usual one, or none without
 * reasons), and for RECORD_OUTCOME whether a preview was asked for. */
struct record_post {
    enum record_form form;
    int64_t id;
    json_t *errors;
    const char *summary;
    bool preview;
};

/* Answers req with the page for ev (whose caller may manage it): 200, 422
 * when post has reasons or a summary, 403 when req->status is already 403
 * (a refused CSRF token). post may be NULL (a plain GET). On a database
 * error, the 500 page. */
void record_render(struct request *req, const struct event_ref *ev, const struct record_post *post);

/* The form a POST route of the record page carries, from req->route. */
enum record_form record_form_of_route(const struct request *req);

#endif
