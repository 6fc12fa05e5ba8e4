/* Internal to src/i18n: building and releasing the i18n_ui_strings() objects (i18n.c calls these;
 * everyone else uses i18n_ui_strings from i18n.h). */
#ifndef DXHUB_I18N_UI_STRINGS_H
#define DXHUB_I18N_UI_STRINGS_H

/* Translates the interface strings into every language. As a side effect the calling thread is
 * left in the last language (i18n_init restores it). The objects are made outside any request arena
 * (core/json_arena.h), whatever the calling thread's. Call once the locales exist. */
void ui_strings_build(void);

/* Releases the objects; i18n_ui_strings returns NULL afterwards. */
void ui_strings_free(void);

#endif
