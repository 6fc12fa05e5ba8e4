/* Parsing of untrusted request text: percent-decoding, UTF-8 and forms. */
#include "http/form.h"

#include <string.h>
#include <unicode/ustring.h>

#include "core/arena.h"

void kvlist_add(struct arena *a, struct kvlist *list, const char *key, const char *value)
{
    if (list->n == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 8;
        struct kv *items = arena_alloc(a, cap * sizeof *items);
        if (list->n)
            memcpy(items, list->items, list->n * sizeof *items);
        list->items = items;
        list->cap = cap;
    }
    list->items[list->n++] = (struct kv){key, value};
}

const char *kvlist_get(const struct kvlist *list, const char *key)
{
    for (size_t i = 0; i < list->n; i++)
        if (strcmp(list->items[i].key, key) == 0)
            return list->items[i].value;
    return NULL;
}

bool utf8_valid(const char *s, size_t len)
{
    if (len > INT32_MAX)
        return false;
    /* ICU's converter rejects ill-formed sequences (overlongs, surrogates,
     * truncated tails) with U_INVALID_CHAR_FOUND; preflighting allocates nothing. */
    UErrorCode err = U_ZERO_ERROR;
    int32_t needed = 0;
    u_strFromUTF8(NULL, 0, &needed, s, (int32_t)len, &err);
    return err == U_BUFFER_OVERFLOW_ERROR || err == U_STRING_NOT_TERMINATED_WARNING || U_SUCCESS(err);
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

char *url_decode(struct arena *a, const char *s, size_t len, bool plus_is_space, size_t *outlen)
{
    char *out = arena_alloc(a, len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '%') {
            if (i + 2 >= len)
                return NULL;
            int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
            if (hi < 0 || lo < 0)
                return NULL;
            c = (char)(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            c = ' ';
        }
        if (c == '\0')
            return NULL;
        out[n++] = c;
    }
    out[n] = '\0';
    if (!utf8_valid(out, n))
        return NULL;
    if (outlen)
        *outlen = n;
    return out;
}

char *url_encode(struct arena *a, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    char *out = arena_alloc(a, strlen(s) * 3 + 1), *o = out;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
            *o++ = (char)*p;
        } else {
            *o++ = '%';
            *o++ = hex[*p >> 4];
            *o++ = hex[*p & 15];
        }
    }
    *o = '\0';
    return out;
}

int form_parse_urlencoded(struct arena *a, const char *s, size_t len, struct kvlist *list)
{
    size_t start = 0;
    while (start <= len) {
        const char *amp = memchr(s + start, '&', len - start);
        size_t end = amp ? (size_t)(amp - s) : len;
        if (end > start) {
            const char *eq = memchr(s + start, '=', end - start);
            size_t keyend = eq ? (size_t)(eq - s) : end;
            char *key = url_decode(a, s + start, keyend - start, true, NULL);
            char *value = eq ? url_decode(a, eq + 1, end - keyend - 1, true, NULL) : arena_strdup(a, "");
            if (!key || !value)
                return -1;
            kvlist_add(a, list, key, value);
        }
        start = end + 1;
    }
    return 0;
}
