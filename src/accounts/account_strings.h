/* The interface strings of the account pages. */
#ifndef DXHUB_ACCOUNTS_ACCOUNT_STRINGS_H
#define DXHUB_ACCOUNTS_ACCOUNT_STRINGS_H

/* Adds them to i18n_ui_strings(); call before i18n_init. */
void accounts_register_strings(void);

#endif
