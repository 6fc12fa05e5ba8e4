/* The page handlers of registration, as the route table
 * (src/app/routes.c, section "events: registration") names them. Each
 * comment gives the URL; the handlers' own comments list the parameters. */
#ifndef DXHUB_REGISTRATION_REGISTRATION_PAGES_H
#define DXHUB_REGISTRATION_REGISTRATION_PAGES_H

#include "http/request.h"

/* Participants (registration_pages.c, registration_mine.c). */
void page_register_form(struct request *req);  /* GET /events/{slug}/register (and its refused POST) */
void page_register(struct request *req);       /* POST /events/{slug}/register */
void page_my_registration(struct request *req); /* GET /events/{slug}/registration */
void page_registration_cancel(struct request *req); /* POST /events/{slug}/registration/cancel */
void page_cancel_link_form(struct request *req);    /* GET /registrations/cancel?token= */
void page_cancel_link(struct request *req);         /* POST /registrations/cancel */
void page_event_join(struct request *req);          /* GET /events/{slug}/join */

/* Organisers (registration_settings.c, registration_question_pages.c,
 * registration_list.c, registration_message.c). */
void page_registration_settings_form(struct request *req); /* GET /events/{slug}/registration/settings */
void page_registration_settings(struct request *req);      /* POST /events/{slug}/registration/settings */
void page_registration_question_add(struct request *req);  /* POST /events/{slug}/registration/questions */
void page_registration_question_form(struct request *req); /* GET /events/{slug}/registration/questions/{id} */
void page_registration_question_save(struct request *req); /* POST /events/{slug}/registration/questions/{id} */
void page_registration_question_delete(struct request *req); /* POST .../questions/{id}/delete */
void page_registration_question_move(struct request *req);   /* POST .../questions/{id}/move */
void page_registrations(struct request *req);              /* GET /events/{slug}/registrations */
void page_registration_status(struct request *req);        /* POST /events/{slug}/registrations/{id}/status */
void page_event_message_form(struct request *req);         /* GET /events/{slug}/message */
void page_event_message(struct request *req);              /* POST /events/{slug}/message */

/* The person's calendar (my_events.c). */
void page_my_events(struct request *req);      /* GET /account/events */
void page_my_events_feed(struct request *req); /* POST /account/events/feed */
void page_my_calendar(struct request *req);    /* GET /calendar/{token}.ics */

#endif
