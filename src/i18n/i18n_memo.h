/* Internal to src/i18n: the per-thread memo behind _() (i18n_gettext, declared in i18n.h). */
#ifndef DXHUB_I18N_I18N_MEMO_H
#define DXHUB_I18N_I18N_MEMO_H

#include "i18n/i18n.h"

/* Records the calling thread's language for the memo (an enum lang; i18n_use calls it), or -1
 * when the thread is back on the global locale (nothing is remembered then). */
void i18n_memo_use(int lang);

/* Forgets every thread's memo (the catalogs changed: i18n_init, i18n_shutdown). Any thread. */
void i18n_memo_reset(void);

#endif
