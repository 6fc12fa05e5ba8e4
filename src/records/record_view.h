/* What the event page shows of the event's record: outcome summary,
 * recordings, documents, graphic summary, and the statistics link. */
#ifndef DXHUB_RECORDS_RECORD_VIEW_H
#define DXHUB_RECORDS_RECORD_VIEW_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "http/request.h"

/* Adds to the event view object (built by event_full) a "record" object for
 * templates/partials/event_record.mustache. Returns false on a database
 * error. */
bool record_view_add(struct request *req, int64_t event_id, json_t *event);

#endif
