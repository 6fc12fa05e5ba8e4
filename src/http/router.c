/* Matching request paths against the route table's patterns. */
#include "http/router.h"

#include <stdio.h>
#include <string.h>

static const char *const method_names[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "OTHER"};

const char *http_method_name(enum http_method m) { return method_names[m]; }

enum http_method http_method_parse(const char *name)
{
    for (int m = HTTP_GET; m < HTTP_OTHER; m++)
        if (strcmp(name, method_names[m]) == 0)
            return (enum http_method)m;
    return HTTP_OTHER;
}

/* Matches one pattern segment against one path segment (lengths given). */
static bool segment_match(const char *pat, size_t plen, const char *seg, size_t slen, struct arena *a,
                          struct kvlist *params)
{
    if (plen < 2 || pat[0] != '{')
        return plen == slen && memcmp(pat, seg, plen) == 0;
    const char *close = memchr(pat, '}', plen);
    if (!close)
        return false;
    size_t suffix = plen - (size_t)(close + 1 - pat);
    if (slen <= suffix || memcmp(seg + slen - suffix, close + 1, suffix) != 0)
        return false;
    if (!params)
        return true;
    /* Parameters are matched encoded (so "%2F" cannot split a segment) and decoded here. */
    const char *value = url_decode(a, seg, slen - suffix, false, NULL);
    if (!value)
        return false;
    kvlist_add(a, params, arena_strndup(a, pat + 1, (size_t)(close - pat - 1)), value);
    return true;
}

bool router_pattern_match(const char *pattern, const char *path, struct arena *a, struct kvlist *params)
{
    size_t before = params ? params->n : 0;
    const char *p = pattern, *s = path;
    while (*p && *s) {
        if (*p != '/' || *s != '/')
            goto fail;
        p++, s++;
        size_t plen = strcspn(p, "/"), slen = strcspn(s, "/");
        if (!segment_match(p, plen, s, slen, a, params))
            goto fail;
        p += plen, s += slen;
    }
    if (*p == '\0' && *s == '\0')
        return true;
fail:
    if (params)
        params->n = before;
    return false;
}

enum route_match router_match(const struct route *table, size_t n, struct request *req, char *allow,
                              size_t allowlen)
{
    enum http_method want = req->method == HTTP_HEAD ? HTTP_GET : req->method;
    bool path_known = false;
    bool allowed[HTTP_OTHER + 1] = {false};
    for (size_t i = 0; i < n; i++) {
        const struct route *r = &table[i];
        if (r->method == want && router_pattern_match(r->pattern, req->raw_path, req->arena, &req->params)) {
            req->route = r;
            return ROUTE_FOUND;
        }
        if (router_pattern_match(r->pattern, req->raw_path, NULL, NULL)) {
            path_known = true;
            allowed[r->method] = true;
            if (r->method == HTTP_GET)
                allowed[HTTP_HEAD] = true;
        }
    }
    if (!path_known)
        return ROUTE_NOT_FOUND;
    size_t used = 0;
    allow[0] = '\0';
    for (int m = HTTP_GET; m < HTTP_OTHER && used < allowlen; m++)
        if (allowed[m])
            used += (size_t)snprintf(allow + used, allowlen - used, "%s%s", used ? ", " : "", method_names[m]);
    return ROUTE_WRONG_METHOD;
}
