/* _() with a per-thread memo: glibc's gettext() reads $LANGUAGE, builds the catalog's path and
 * searches a tree on every call (~600 instructions); a page asks for the same few hundred
 * strings on every request. Only msgids in the binary's static storage are remembered, by
 * address: their text never changes, and neither do the catalogs between i18n_init and
 * i18n_shutdown, so a remembered translation stays right. */
#include "i18n/i18n_memo.h"

#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "core/static_data.h"

#define MEMO_SLOTS 512

struct entry {
    const char *msgid, *text;
};

static atomic_uint generation = 1;
static _Thread_local int thread_lang = -1; /* -1: the thread never chose one (global locale) */
static _Thread_local unsigned thread_generation;
static _Thread_local struct entry memo[LANG_COUNT][MEMO_SLOTS];

void i18n_memo_use(int lang) { thread_lang = lang; }

void i18n_memo_reset(void) { atomic_fetch_add(&generation, 1); }

const char *i18n_gettext(const char *msgid)
{
    if (thread_lang < 0 || !static_data_has(msgid))
        return gettext(msgid);
    unsigned g = atomic_load_explicit(&generation, memory_order_relaxed);
    if (thread_generation != g) {
        memset(memo, 0, sizeof memo);
        thread_generation = g;
    }
    struct entry *e = &memo[thread_lang][((uintptr_t)msgid >> 3) % MEMO_SLOTS];
    if (e->msgid != msgid) {
        e->text = gettext(msgid);
        e->msgid = msgid;
    }
    return e->text;
}
