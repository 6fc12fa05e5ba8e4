/* Reading multi-valued fields, ids and one-line text; encoding query values. */
#include "profiles/form_values.h"

#include <string.h>

json_t *form_values(struct request *req, const char *field)
{
    json_t *out = json_array();
    for (size_t i = 0; i < req->form.n; i++) {
        const struct kv *kv = &req->form.items[i];
        if (strcmp(kv->key, field) != 0 || !kv->value || !*kv->value)
            continue;
        bool seen = false;
        size_t j;
        json_t *v;
        json_array_foreach (out, j, v)
            seen = seen || strcmp(json_string_value(v), kv->value) == 0;
        if (!seen)
            json_array_append_new(out, json_string(kv->value));
    }
    return out;
}

int64_t id_parse(const char *s)
{
    if (!s || *s < '1' || *s > '9')
        return 0;
    int64_t v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > (INT64_MAX - (*s - '0')) / 10)
            return 0;
        v = v * 10 + (*s - '0');
    }
    return v;
}

char *text_squeeze(struct arena *a, const char *s)
{
    if (!s)
        s = "";
    size_t len = strlen(s), n = 0;
    char *out = arena_alloc(a, len + 1);
    bool space = false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= ' ' || c == 0x7f) {
            space = n > 0;
            continue;
        }
        if (space)
            out[n++] = ' ';
        space = false;
        out[n++] = (char)c;
    }
    out[n] = '\0';
    return out;
}

size_t utf8_length(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

char *url_query_encode(struct arena *a, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    if (!s)
        s = "";
    size_t len = strlen(s), n = 0;
    char *out = arena_alloc(a, len * 3 + 1);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~') {
            out[n++] = (char)c;
        } else {
            out[n++] = '%';
            out[n++] = hex[c >> 4];
            out[n++] = hex[c & 15];
        }
    }
    out[n] = '\0';
    return out;
}
