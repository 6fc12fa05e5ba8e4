/* The email outbox: queuing a message, rendered in its recipient's language,
 * in the database, where the sender thread (mail/sender.h) picks it up.
 *
 * Every email is a template pair under templates/mail/: <name>.txt.mustache
 * (the plain-text part and the subject) and <name>.html.mustache (the HTML
 * part). Both extend a layout of their kind (mail/layout.txt, mail/layout.html).
 *
 * The subject is the {{$subject}}...{{/subject}} block of the .txt template:
 * mail/layout.txt renders only that block when the context has
 * "subject_only", so the subject is rendered on its own and a value that
 * would put a line break into it is refused instead of spilling into the
 * headers. The .txt templates use {{{x}}} throughout, since HTML escaping has
 * no place in plain text (tests/lint.sh requires it there, and only there);
 * the .html templates use {{x}} as everywhere else.
 *
 * What a template sees: the caller's data, plus "t" (the interface strings in
 * the recipient's language, {{t.mail_hello}}), "site_name", "base_url" (the
 * hub's address, app_base_url()), "lang" ("fr"), and in the HTML part
 * "subject". The emails and their data keys:
 *   verify        name, link   confirm the address given at sign-up
 *   reset         name, link   choose a new password (the link works an hour)
 *   set_password  name, link   an account was made for you: choose a password
 *   org_invite    inviter, org_name, link   join an organisation
 *   reg_*         registration: confirmed, waitlisted, promoted, pending,
 *                 declined, cancelled, message, reminder; their data is
 *                 described in src/registration/registration_mail.h
 * A message may carry one calendar file as an attachment
 * (mail_enqueue_calendar), kept in outbox.attachment_ics until delivered. */
#ifndef DXHUB_MAIL_OUTBOX_H
#define DXHUB_MAIL_OUTBOX_H

#include <jansson.h>

#include "core/buf.h"
#include "db/db.h"
#include "i18n/i18n.h"
#include "mail/sender.h"

/* Queues email `name` to address `to` in lang, rendered now from its
 * templates with data (borrowed; may be NULL) as described above, and
 * inserted into the outbox on db: inside the caller's transaction when one is
 * open, so a rolled-back sign-up sends nothing. Wakes the sender thread, which
 * delivers it once the transaction has committed. Returns 0, or -1 (logged,
 * nothing queued) when `to` is not a plain address (mime_address_ok), name has
 * no templates, a template fails, the subject is empty or holds a line break,
 * or the insert fails. Call after i18n_init and templates_init. */
int mail_enqueue(struct db *db, const char *to, enum lang lang, const char *name, json_t *data);
/* mail_enqueue with an iCalendar file (ics, UTF-8; NULL or "" for none),
 * kept with the message and sent as its attachment "invite.ics" (see
 * mime_build). -1 also when ics is not valid UTF-8. */
int mail_enqueue_calendar(struct db *db, const char *to, enum lang lang, const char *name, json_t *data,
                          const char *ics);

/* A message rendered but not yet in the outbox: what mail_render() makes
 * outside any transaction and mail_queue() inserts inside one, so that a
 * writer holds the write lock only for the insert. Owns its strings. */
struct mail_message {
    char *to, *name, *ics; /* ics: "" for none */
    enum lang lang;
    struct buf subject, text, html;
};
/* Renders email name to `to` in lang with data (borrowed; may be NULL) and
 * ics (NULL or "" for none) into *out, with the checks of
 * mail_enqueue_calendar. Touches no database. 0, or -1 (logged; *out is
 * empty and needs no freeing, though mail_message_free is harmless). */
int mail_render(const char *to, enum lang lang, const char *name, json_t *data, const char *ics,
                struct mail_message *out);
/* Inserts the rendered message m into the outbox on db (inside the
 * caller's transaction when one is open) and wakes the sender. 0 or -1. */
int mail_queue(struct db *db, const struct mail_message *m);
/* Frees what m holds; m may be freed again. */
void mail_message_free(struct mail_message *m);

#endif
