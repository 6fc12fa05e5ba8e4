/* Page handlers of the organiser screens (src/events/organise_*.c): the
 * list of one's events, creating and editing events and series, the
 * event's dashboard, its status, sessions, speakers, partners and
 * organisers. Permissions: the route table (src/app/routes.c), then for an
 * event's screens event_require(..., EVENT_MANAGE). */
#ifndef DXHUB_EVENTS_ORGANISE_PAGES_H
#define DXHUB_EVENTS_ORGANISE_PAGES_H

#include "http/request.h"

/* organise_list.c */
void page_organise(struct request *req);

/* organise_event_form.c */
void page_event_new_form(struct request *req);
void page_event_new(struct request *req);
void page_event_edit_form(struct request *req);
void page_event_edit(struct request *req);

/* organise_manage.c */
void page_event_manage(struct request *req);
void page_event_status(struct request *req);

/* organise_session_form.c */
void page_session_new_form(struct request *req);
void page_session_new(struct request *req);
void page_session_edit_form(struct request *req);
void page_session_edit(struct request *req);

/* organise_sessions.c */
void page_session_delete(struct request *req);
void page_session_move(struct request *req);

/* organise_people.c */
void page_session_person_add(struct request *req);
void page_session_person_remove(struct request *req);
void page_session_person_move(struct request *req);

/* organise_partners.c */
void page_partner_add(struct request *req);
void page_partner_remove(struct request *req);
void page_partner_move(struct request *req);

/* organise_organisers.c */
void page_organiser_add(struct request *req);
void page_organiser_remove(struct request *req);

/* organise_series.c */
void page_series_new_form(struct request *req);
void page_series_new(struct request *req);
void page_series_edit_form(struct request *req);
void page_series_edit(struct request *req);

#endif
