/* The interface strings of the profile, directory, organisation, account
 * export and account deletion pages ({{t.pr_*}}, {{t.org_*}}, {{t.acct_*}}). */
#ifndef DXHUB_PROFILES_PROFILE_STRINGS_H
#define DXHUB_PROFILES_PROFILE_STRINGS_H

/* Adds those strings to i18n_ui_strings(). Call once, before i18n_init. */
void profiles_register_strings(void);

#endif
