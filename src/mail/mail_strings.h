/* The words of the emails and of the outbox page, under the keys their
 * templates use ({{t.mail_hello}}). */
#ifndef DXHUB_MAIL_MAIL_STRINGS_H
#define DXHUB_MAIL_MAIL_STRINGS_H

/* Adds them to i18n_ui_strings(); call once, before i18n_init. */
void mail_register_strings(void);

#endif
