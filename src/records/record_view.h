/* What the event page shows of the event's record: outcome summary,
 * recordings, documents, graphic summary, the statistics link, what the
 * live rooms left, and the proposals with their language fallbacks. */
#ifndef DXHUB_RECORDS_RECORD_VIEW_H
#define DXHUB_RECORDS_RECORD_VIEW_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "http/request.h"

/* Adds to the event view object (built by event_full, with its "sessions"
 * and "url") a "record" object for templates/partials/event_record.mustache
 * and event_rooms.mustache ("rooms" and "any_rooms" from record_rooms()),
 * and replaces its "proposals" with each text in the reader's language, else
 * the event's own, else the one it was written in, with "title_lang",
 * "title_note", "body_lang", "body_note" ("Only in Spanish") when it falls
 * back, "anchor" and "url". Returns false on a database error. */
bool record_view_add(struct request *req, int64_t event_id, json_t *event);

#endif
