/* The languages of the user interface: choosing one per request and translating into it with
 * GNU gettext, per thread.
 *
 * How a thread gets its language, and why it needs no generated locales:
 * glibc's gettext() chooses the catalog from the name of the *calling thread's* LC_MESSAGES locale
 * (after $LANGUAGE, which overrides every thread and is therefore unset here). Switching it with
 * uselocale() is per thread and cheap; setlocale() is process-wide and may not be called while
 * other threads run, so it is never used per request. The catch is that newlocale() only accepts
 * a name it can load, and a fresh Debian machine has no locale but C.utf8 (no `locales` package,
 * no locale-gen); newlocale(LC_MESSAGES_MASK, "fr_FR.UTF-8", ...) fails there.
 *
 * Since a locale is just a directory of category files, i18n_init() makes its own: it copies
 * C.utf8's LC_MESSAGES/SYS_LC_MESSAGES (which libc-bin always ships; a built-in copy of those
 * 48 bytes stands in when it is missing) to runtime_dir/locales/<code>.UTF-8/LC_MESSAGES/ and
 * points LOCPATH there just while it calls newlocale(), then puts LOCPATH back as it was. (glibc
 * 2.36's newlocale() searches LOCPATH and then /usr/lib/locale, so C.utf8 stays reachable; the
 * C.UTF-8 base is loaded before LOCPATH changes anyway.) Each language's locale_t is
 * C.UTF-8 in every category except LC_MESSAGES, whose name is "fr.UTF-8" and so on, so gettext
 * finds runtime_dir/fr/LC_MESSAGES/dxhub.mo, written there from the catalogs embedded in the
 * binary. The yes/no expressions in that file are C's, which nothing in dxhub uses. The text
 * domain is bound with codeset UTF-8, so the thread's LC_CTYPE never changes the output.
 * Measured on Debian 12 (glibc 2.36) with only C.utf8 installed: newlocale() fails without LOCPATH
 * and succeeds with it, and three threads translating at once each get their own language
 * (tests/unit/test_i18n.c). Alternatives rejected: locale-gen needs root and a package per
 * machine; localedef at start-up needs the `locales` source data and takes seconds; $LANGUAGE is
 * process-wide; parsing .mo files ourselves would duplicate libintl.
 *
 * Everything here except i18n_init and i18n_shutdown is safe to call from any thread. */
#ifndef DXHUB_I18N_I18N_H
#define DXHUB_I18N_I18N_H

#include <jansson.h>
#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>

enum lang { LANG_EN, LANG_FR, LANG_ES, LANG_COUNT };

/* _() translates into the calling thread's language (see i18n_use). N_() only marks a string in a
 * static table for xgettext; translate it with _() where it is used. */
#define _(s) i18n_gettext(s)
#define N_(s) (s)

/* The same English words that need different translations in different
 * places get a context (gettext's msgctxt): C_("registration status",
 * "Confirmed") translates at once; NC_(ctx, s) only marks one in a static
 * table, translated later with i18n_ctx(). (The catalogs key such entries
 * as "ctx\004msgid"; xgettext learns both keywords in scripts/update-po.sh.) */
#define NC_(ctx, s) (ctx "\004" s)
#define C_(ctx, s) i18n_ctx(ctx "\004" s)
/* gettext(msgid), remembered per thread and language for msgids in static storage (literals and
 * tables): the same pointer as gettext returns, valid for the process's life. */
const char *i18n_gettext(const char *msgid);
/* Translates s, which NC_() may have given a context: without a
 * translation, the English after the context. A plain msgid works too. */
const char *i18n_ctx(const char *s);

/* A key templates use ({{t.key}}) and the English msgid it translates. */
struct ui_string {
    const char *key, *msgid;
};

/* Adds an area's table of interface strings (static storage, msgids marked
 * with N_()) to what i18n_ui_strings() returns. Call before i18n_init; at
 * most 32 tables. A key already present is overwritten. */
void i18n_add_ui_strings(const struct ui_string *table, size_t n);
#define I18N_ADD_UI_STRINGS(table) i18n_add_ui_strings(table, sizeof table / sizeof table[0])

/* The gettext text domain, and the name of the catalogs under runtime_dir. */
#define I18N_DOMAIN "dxhub"

/* Prepares translations: writes the embedded catalogs ("locale/fr.mo", "locale/es.mo") to
 * runtime_dir/<code>/LC_MESSAGES/dxhub.mo and the locale files described above to
 * runtime_dir/locales/, creating the directories (runtime_dir itself included) as needed; binds
 * the "dxhub" domain there with codeset UTF-8 and makes it the default domain; unsets $LANGUAGE;
 * creates one locale per language and builds the i18n_ui_strings objects. runtime_dir must be
 * writable and may not contain ':' (LOCPATH's separator); a relative path is made absolute. Call
 * once at start-up before any thread starts, since it changes the environment. Returns 0, or -1
 * after a message on stderr (nothing to undo: call i18n_shutdown anyway, it is harmless). */
int i18n_init(const char *runtime_dir);

/* Frees the locales and string tables. Call after every thread that used them has stopped; the
 * calling thread goes back to the global locale. Safe to call twice or without i18n_init. */
void i18n_shutdown(void);

/* Makes the calling thread translate into lang (uselocale); it stays so until the next call.
 * Before i18n_init, or after i18n_shutdown, the thread uses the global locale (English). */
void i18n_use(enum lang lang);

/* "en", "fr", "es". lang must be a valid language (asserted). */
const char *i18n_code(enum lang lang);

/* The language's name in itself, for language switchers: "English", "Français", "Español". */
const char *i18n_native_name(enum lang lang);

/* Reads a language tag whose primary subtag, in any case, is one of ours: "fr", "FR", "fr-CA",
 * "fr_FR". Returns true and sets *out, or false (out untouched) for NULL, "", unknown languages
 * and malformed tags ("fr-", "french", "fr CA"). */
bool i18n_parse(const char *code, enum lang *out);

/* Chooses a request's language: the ?lang= value if it parses, else the cookie's, else the
 * supported language the Accept-Language header prefers (highest q, earlier on ties, q=0
 * excluded; a header that does not follow RFC 9110's syntax is ignored as a whole), else English.
 * Any argument may be NULL. */
enum lang i18n_negotiate(const char *query, const char *cookie, const char *accept_language);

/* The interface strings of templates ({{t.nav_events}}) in lang: a JSON object mapping each key
 * of src/i18n/ui_strings.c to its translation, built by i18n_init and immutable afterwards.
 * Borrowed: json_incref it to keep it (jansson's reference counts are atomic), never modify it.
 * NULL before i18n_init. */
json_t *i18n_ui_strings(enum lang lang);

#endif
