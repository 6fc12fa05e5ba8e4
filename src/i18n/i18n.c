/* Languages: the per-thread gettext locales (see i18n.h for why they are made this way), language
 * codes, and choosing a request's language from ?lang=, the cookie and Accept-Language. */
#include "i18n/i18n.h"

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/embedded.h"
#include "i18n/i18n_memo.h"
#include "i18n/ui_strings.h"

struct lang_info {
    const char *code, *native;
    const char *catalog;  /* embedded .mo, NULL for the source language */
    const char *messages; /* name of the LC_MESSAGES locale made for it */
};

static const struct lang_info langs[LANG_COUNT] = {
    [LANG_EN] = {"en", "English", NULL, "en.UTF-8"},
    [LANG_FR] = {"fr", "Français", "locale/fr.mo", "fr.UTF-8"},
    [LANG_ES] = {"es", "Español", "locale/es.mo", "es.UTF-8"},
};

static locale_t locales[LANG_COUNT];

#define C_UTF8_MESSAGES "/usr/lib/locale/C.utf8/LC_MESSAGES/SYS_LC_MESSAGES"

/* glibc's compiled LC_MESSAGES of C.UTF-8 (format unchanged since glibc 2.3): "^[yY]", "^[nN]",
 * "", "", "UTF-8". Used only when the system copy cannot be read. */
static const unsigned char builtin_messages[48] = {
    0x10, 0x11, 0x03, 0x20, 0x05, 0x00, 0x00, 0x00, 0x1c, 0x00, 0x00, 0x00, 0x22, 0x00, 0x00, 0x00,
    0x28, 0x00, 0x00, 0x00, 0x29, 0x00, 0x00, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x5e, 0x5b, 0x79, 0x59,
    0x5d, 0x00, 0x5e, 0x5b, 0x6e, 0x4e, 0x5d, 0x00, 0x00, 0x00, 0x55, 0x54, 0x46, 0x2d, 0x38, 0x00};

/* Reports on stderr: what, the path if any, and strerror(err) unless err is 0. Returns -1. */
static int fail(const char *what, const char *path, int err)
{
    fprintf(stderr, "i18n: %s%s%s%s%s\n", what, path ? " " : "", path ? path : "", err ? ": " : "",
            err ? strerror(err) : "");
    return -1;
}

/* Formats a path into out (PATH_MAX bytes). Returns 0, or -1 when it would not fit. */
__attribute__((format(printf, 2, 3))) static int path_format(char *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out, PATH_MAX, fmt, ap);
    va_end(ap);
    return n >= 0 && n < PATH_MAX ? 0 : -1;
}

static int mkdir_p(const char *path)
{
    char tmp[PATH_MAX];
    if (path_format(tmp, "%s", path))
        return -1;
    for (char *p = tmp + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char c = *p;
        *p = '\0';
        if (mkdir(tmp, 0755) && errno != EEXIST)
            return -1;
        if (c == '\0')
            return 0;
        *p = c;
    }
}

/* Writes dir/name through a temporary file and a rename, so that another process starting from
 * the same runtime_dir never reads half a file. */
static int write_file(const char *dir, const char *name, const void *data, size_t len)
{
    char path[PATH_MAX], tmp[PATH_MAX];
    if (path_format(path, "%s/%s", dir, name) || path_format(tmp, "%s.%ld.tmp", path, (long)getpid()))
        return fail("path too long:", dir, 0);
    if (mkdir_p(dir))
        return fail("cannot create", dir, errno);
    FILE *f = fopen(tmp, "wb");
    if (!f)
        return fail("cannot write", tmp, errno);
    bool ok = fwrite(data, 1, len, f) == len;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, path)) {
        int err = errno;
        unlink(tmp);
        return fail("cannot write", path, err);
    }
    return 0;
}

/* Writes each language's catalog and LC_MESSAGES locale file under dir. */
static int write_files(const char *dir)
{
    unsigned char messages[4096];
    FILE *f = fopen(C_UTF8_MESSAGES, "rb");
    size_t messages_len = f ? fread(messages, 1, sizeof messages, f) : 0;
    if (f)
        fclose(f);
    if (messages_len == 0 || messages_len == sizeof messages) { /* missing, or not what we know */
        memcpy(messages, builtin_messages, sizeof builtin_messages);
        messages_len = sizeof builtin_messages;
    }
    for (int l = 0; l < LANG_COUNT; l++) {
        char sub[PATH_MAX];
        if (path_format(sub, "%s/%s/LC_MESSAGES", dir, langs[l].code))
            return fail("path too long:", dir, 0);
        if (langs[l].catalog) {
            const struct embedded_file *mo = embedded_find(langs[l].catalog);
            if (!mo)
                return fail("catalog missing from the binary:", langs[l].catalog, 0);
            if (write_file(sub, I18N_DOMAIN ".mo", mo->data, mo->len))
                return -1;
        }
        if (path_format(sub, "%s/locales/%s/LC_MESSAGES", dir, langs[l].messages))
            return fail("path too long:", dir, 0);
        if (write_file(sub, "SYS_LC_MESSAGES", messages, messages_len))
            return -1;
    }
    return 0;
}

#if defined(__SANITIZE_ADDRESS__) /* gcc */
#define I18N_ASAN 1
#elif defined(__has_feature) /* clang */
#if __has_feature(address_sanitizer)
#define I18N_ASAN 1
#endif
#endif
#ifdef I18N_ASAN
/* glibc 2.36's newlocale() leaks its argz copy of $LOCPATH on every call made while LOCPATH is set
 * (measured: 35 bytes a call for a short path); create_locales makes three such calls once per
 * process. Only sanitizer builds compile this hook, which LeakSanitizer reads at start-up. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:argz_add_sep\n";
}
#endif

/* Creates locales[] from the files under dir/locales, on a C.UTF-8 base. */
static int create_locales(const char *dir)
{
    int rc = -1;
    char locpath[PATH_MAX];
    const char *old = getenv("LOCPATH");
    char *saved = old ? xstrdup(old) : NULL;
    /* Loaded before LOCPATH changes, so as not to depend on glibc still searching the default
     * path after LOCPATH (2.36 does). Without C.UTF-8, plain C serves: gettext output does not
     * depend on LC_CTYPE since the domain's codeset is bound. */
    locale_t base = newlocale(LC_ALL_MASK, "C.UTF-8", (locale_t)0);
    if (!base)
        base = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    if (!base) {
        fail("cannot create the base locale", NULL, errno);
        goto out;
    }
    if (path_format(locpath, "%s/locales", dir) || setenv("LOCPATH", locpath, 1)) {
        fail("cannot set LOCPATH to", locpath, errno);
        goto out;
    }
    for (int l = 0; l < LANG_COUNT; l++) {
        locale_t copy = duplocale(base);
        locales[l] = copy ? newlocale(LC_MESSAGES_MASK, langs[l].messages, copy) : (locale_t)0;
        if (!locales[l]) {
            if (copy)
                freelocale(copy);
            fail("cannot load locale", langs[l].messages, errno);
            goto out;
        }
    }
    rc = 0;
out:
    if (saved)
        setenv("LOCPATH", saved, 1);
    else
        unsetenv("LOCPATH");
    free(saved);
    if (base)
        freelocale(base);
    return rc;
}

int i18n_init(const char *runtime_dir)
{
    char dir[PATH_MAX];
    if (locales[0])
        return fail("already initialised", NULL, 0);
    if (!runtime_dir || !*runtime_dir)
        return fail("no runtime directory given", NULL, 0);
    if (mkdir_p(runtime_dir) || !realpath(runtime_dir, dir))
        return fail("cannot create the runtime directory", runtime_dir, errno);
    if (strchr(dir, ':'))
        return fail("the runtime directory may not contain ':':", dir, 0);
    if (write_files(dir) || create_locales(dir))
        goto fail;
    /* $LANGUAGE would override every thread's locale. */
    if (unsetenv("LANGUAGE") || !textdomain(I18N_DOMAIN) || !bindtextdomain(I18N_DOMAIN, dir) ||
        !bind_textdomain_codeset(I18N_DOMAIN, "UTF-8")) {
        fail("cannot bind the text domain", dir, errno);
        goto fail;
    }
    locale_t previous = uselocale((locale_t)0);
    ui_strings_build();
    uselocale(previous);
    i18n_memo_use(-1);
    i18n_memo_reset();
    return 0;
fail:
    i18n_shutdown();
    return -1;
}

void i18n_shutdown(void)
{
    uselocale(LC_GLOBAL_LOCALE);
    i18n_memo_use(-1);
    i18n_memo_reset();
    ui_strings_free();
    for (int l = 0; l < LANG_COUNT; l++) {
        if (locales[l])
            freelocale(locales[l]);
        locales[l] = (locale_t)0;
    }
}

void i18n_use(enum lang lang)
{
    assert(lang >= 0 && lang < LANG_COUNT);
    uselocale(locales[lang] ? locales[lang] : LC_GLOBAL_LOCALE);
    i18n_memo_use(lang);
}

const char *i18n_code(enum lang lang)
{
    assert(lang >= 0 && lang < LANG_COUNT);
    return langs[lang].code;
}

const char *i18n_native_name(enum lang lang)
{
    assert(lang >= 0 && lang < LANG_COUNT);
    return langs[lang].native;
}

static bool is_alpha(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool is_alnum(char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9');
}

static char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Matches the tag s[0..n) (BCP 47 shape: 1*8ALPHA *("-" 1*8alphanum); '_' also separates when
 * underscore is true) against our languages. Returns 1 and sets *out on a match, 0 for a
 * well-formed tag of another language, -1 for a malformed one. */
static int match_tag(const char *s, size_t n, bool underscore, enum lang *out)
{
    size_t primary = 0, run = 0;
    for (size_t i = 0; i < n; i++) {
        bool sep = s[i] == '-' || (underscore && s[i] == '_');
        if (sep ? run == 0 : !(primary ? is_alnum(s[i]) : is_alpha(s[i])) || run == 8)
            return -1;
        run = sep ? 0 : run + 1;
        if (sep && !primary)
            primary = i;
    }
    if (run == 0)
        return -1;
    if (!primary)
        primary = n;
    for (int l = 0; l < LANG_COUNT; l++) {
        const char *code = langs[l].code;
        if (primary == strlen(code) && ascii_lower(s[0]) == code[0] && ascii_lower(s[1]) == code[1]) {
            *out = (enum lang)l;
            return 1;
        }
    }
    return 0;
}

bool i18n_parse(const char *code, enum lang *out)
{
    return code && match_tag(code, strlen(code), true, out) == 1;
}

static const char *skip_ows(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), as thousandths; NULL if malformed. */
static const char *parse_qvalue(const char *p, int *q)
{
    if (*p != '0' && *p != '1')
        return NULL;
    int whole = *p++ - '0', frac = 0, digits = 0;
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9' && digits < 3; p++, digits++)
            frac = frac * 10 + (*p - '0');
    while (digits++ < 3)
        frac *= 10;
    if ((*p >= '0' && *p <= '9') || (whole == 1 && frac != 0))
        return NULL;
    *q = whole * 1000 + frac;
    return p;
}

/* The supported language the header prefers; false when none is acceptable or the header is
 * malformed. */
static bool accept_language_best(const char *h, enum lang *out)
{
    int best_q = 0;
    for (const char *p = h;;) {
        p = skip_ows(p);
        if (*p == ',') { /* the list syntax allows empty elements */
            p++;
            continue;
        }
        if (*p == '\0')
            return best_q > 0;
        const char *range = p;
        while (*p && *p != ',' && *p != ';' && *p != ' ' && *p != '\t')
            p++;
        size_t len = (size_t)(p - range);
        int q = 1000;
        p = skip_ows(p);
        if (*p == ';') {
            p = skip_ows(p + 1);
            if ((*p != 'q' && *p != 'Q') || p[1] != '=' || !(p = parse_qvalue(p + 2, &q)))
                return false;
            p = skip_ows(p);
        }
        if (*p != ',' && *p != '\0')
            return false;
        enum lang l;
        int m = len == 1 && range[0] == '*' ? 0 : match_tag(range, len, false, &l);
        if (m < 0)
            return false;
        if (m == 1 && q > best_q) {
            best_q = q;
            *out = l;
        }
    }
}

enum lang i18n_negotiate(const char *query, const char *cookie, const char *accept_language)
{
    enum lang l;
    if (i18n_parse(query, &l) || i18n_parse(cookie, &l))
        return l;
    if (accept_language && accept_language_best(accept_language, &l))
        return l;
    return LANG_EN;
}

const char *i18n_ctx(const char *s)
{
    const char *t = i18n_gettext(s);
    const char *sep = strchr(s, '\004');
    return t == s && sep ? sep + 1 : t;
}
