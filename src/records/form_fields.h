/* Registration questions that stand for a profile field (the country of
 * residence, the stakeholder group), and what each registrant gave for
 * those fields, from the form or else from the profile. Statistics and
 * exports read these, so that a form question counts where the profile
 * field would. */
#ifndef DXHUB_RECORDS_FORM_FIELDS_H
#define DXHUB_RECORDS_FORM_FIELDS_H

#include <jansson.h>
#include <stdint.h>

#include "db/db.h"
#include "http/request.h"

enum form_field { FORM_FIELD_NONE, FORM_FIELD_RESIDENCE, FORM_FIELD_GROUP };

/* The profile field that question q (an element of reg_questions_load(db,
 * event, "en")) stands for: a country question is the country of residence
 * unless one of its labels names an origin, a nationality or a birthplace
 * (in English, French or Spanish); a single-choice question whose every
 * choice is the name of a stakeholder group (in English or the request's
 * language, case aside) is the stakeholder group; anything else is
 * FORM_FIELD_NONE (also on a database error). */
enum form_field form_field_of(struct request *req, struct db *db, json_t *q);

/* What every registration of event_id gave for the profile fields, as a new
 * object: registration id (decimal text) → {"residence": [ISO codes,
 * ascending, no repeats], "group": code or "", "current": true when
 * confirmed, pending or waitlisted}. The countries are the profile's
 * countries of residence and the answers to residence questions; the group
 * is the answer to a group question, else the profile's. questions is
 * reg_questions_load(db, event_id, "en") (borrowed). NULL on a database
 * error. */
json_t *form_fields_load(struct request *req, struct db *db, int64_t event_id, json_t *questions);

#endif
