/* The pages of an event's record and statistics (routes in src/app/routes.c,
 * section "events: record and statistics"). Every one but the statistics
 * page and the files needs a caller who manages the event (an organiser of
 * it, or an admin: events/event_access.h); others get 403, and 404 for a
 * draft. Every change is written to the audit log and answered with a
 * redirect (303) back to the page; a form with mistakes comes back filled
 * in with its reasons (422). */
#ifndef DXHUB_RECORDS_RECORD_PAGES_H
#define DXHUB_RECORDS_RECORD_PAGES_H

#include "http/request.h"
#include "records/files.h"

/* GET /events/{slug}/record: the record editor. ?done=1 says "Saved.". */
void page_record_form(struct request *req);
/* POST /events/{slug}/record: outcome_en/_fr/_es (Markdown, in the
 * languages the event has texts in), recording_url (http or https, or
 * empty), action=preview (show the rendered Markdown, save nothing) or save. */
void page_record_save(struct request *req);
/* The refused-CSRF page of every POST of the record editor: the editor
 * again with the form as sent, status 403. */
void page_record_refused(struct request *req);

/* POST /events/{slug}/proposals: a new proposal, last; title_LANG and
 * body_LANG per language, the title required in the event's language. */
void page_proposal_add(struct request *req);
/* POST /events/{slug}/proposals/{id}: the same fields, replacing its texts. */
void page_proposal_edit(struct request *req);
/* POST /events/{slug}/proposals/{id}/delete */
void page_proposal_delete(struct request *req);
/* POST /events/{slug}/proposals/{id}/move: direction=up|down (else 400). */
void page_proposal_move(struct request *req);

/* POST /events/{slug}/documents (multipart/form-data): kind (recording,
 * document, graphic), title, lang ("" for any, en, fr, es), and either url
 * (http or https) or file (a type sniff_type accepts; a recording must be a
 * video and a graphic summary an image). */
void page_document_add(struct request *req);
/* POST /events/{slug}/documents/{id}/delete */
void page_document_delete(struct request *req);
/* POST /events/{slug}/documents/{id}/move: direction=up|down (else 400). */
void page_document_move(struct request *req);

/* GET /events/{slug}/stats: charts and tables; for its managers always,
 * for everyone once published (a visitor is asked to sign in first, anyone
 * else gets 404 while they are not). */
void page_event_stats(struct request *req);
/* POST /events/{slug}/stats/visibility: public=1 publishes, public=0 hides
 * (anything else: 400). */
void page_event_stats_visibility(struct request *req);
/* The refused-CSRF page of the visibility form: the statistics, 403. */
void page_event_stats_refused(struct request *req);

/* GET /events/{slug}/registrations.csv and .xlsx: every registration with
 * its answers, as an attachment. */
void page_registrations_csv(struct request *req);
void page_registrations_xlsx(struct request *req);

#endif
