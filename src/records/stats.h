/* The numbers of an event's statistics page: registrations and attendance
 * over time (per day, or per hour for attendance within two days, in the
 * event's zone, with running totals), and current registrations by country
 * of residence, stakeholder group and language, and all of them by status.
 * Counts only: nothing here names a person. */
#ifndef DXHUB_RECORDS_STATS_H
#define DXHUB_RECORDS_STATS_H

#include <jansson.h>

#include "db/db.h"
#include "events/event_access.h"
#include "http/request.h"

/* A new object {"registrations_time", "attendance_time", "by_country",
 * "by_group", "by_language", "by_status"}; each a statistic with its SVG
 * ("chart_html"), its rows for the table beside it and "empty". Over time:
 * rows [{"label", "new", "total"}]; by category: rows [{"label", "value"}]
 * and "total". Labels are in the request's language. NULL on a database
 * error. */
json_t *stats_view(struct request *req, struct db *db, const struct event_ref *ev);

#endif
