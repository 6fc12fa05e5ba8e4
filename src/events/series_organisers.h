/* The organisers of a series: who they are, and adding one by email
 * address from the series' form. Admins manage every series without a row. */
#ifndef DXHUB_EVENTS_SERIES_ORGANISERS_H
#define DXHUB_EVENTS_SERIES_ORGANISERS_H

#include <jansson.h>
#include <stdint.h>

#include "db/db.h"
#include "http/request.h"

/* The organisers of series_id, [{"name", "email", "me"}] by the date they
 * were added; NULL on a database error. The caller owns the array. */
json_t *series_organisers_list(struct request *req, struct db *db, int64_t series_id);

/* Reads the optional posted field "organiser_email" of the form page into
 * *user_id: 0 when empty, else the id of the active organiser (or
 * moderator, admin) with that address who does not organise series_id
 * yet; otherwise marks the field with a translated reason and leaves 0.
 * 0, or -1 on a database error. */
int series_organisers_read(struct request *req, struct db *db, json_t *page, int64_t series_id, int64_t *user_id);

/* Makes user_id an organiser of series_id (nothing when it is one
 * already), inside the caller's transaction. 0 or -1. */
int series_organisers_add(struct db *db, int64_t series_id, int64_t user_id);

#endif
