/* The route table's shape and the matching of a request path against it.
 *
 * The table itself is data in one place (src/app/routes.c): method, path
 * pattern, handler and the permission a caller needs. Patterns are literal
 * segments and named parameters, which may carry a literal suffix within
 * their segment: "/events/{slug}", "/events/{slug}.ics". */
#ifndef DXHUB_HTTP_ROUTER_H
#define DXHUB_HTTP_ROUTER_H

#include <stddef.h>

#include "http/request.h"

/* Who may use a route; each level includes the ones before it. */
enum perm { PERM_PUBLIC, PERM_MEMBER, PERM_ORGANISER, PERM_MODERATOR, PERM_ADMIN };

typedef void (*route_handler)(struct request *req);

struct route {
    enum http_method method; /* HTTP_GET routes also answer HEAD */
    const char *pattern;
    route_handler handler;
    enum perm perm;
    bool cacheable; /* the same for every visitor: may be served from the page cache */
    /* For form posts: renders the form again with what was typed (req->form)
     * and req->status already set to 403, when the CSRF token is missing or
     * wrong. NULL: a plain 403 page. */
    route_handler refused;
    /* Takes files: a multipart/form-data body is parsed by http/upload.h,
     * up to the server's upload limit instead of the body limit. */
    bool upload;
};

enum route_match { ROUTE_FOUND, ROUTE_NOT_FOUND, ROUTE_WRONG_METHOD };

/* Finds the first route in table[0..n) whose pattern matches req->raw_path and
 * whose method is req->method (HEAD matches GET routes). On ROUTE_FOUND sets
 * req->route and fills req->params. On ROUTE_WRONG_METHOD writes the methods
 * the path does allow, comma-separated, into allow (allowlen bytes). */
enum route_match router_match(const struct route *table, size_t n, struct request *req, char *allow,
                              size_t allowlen);
/* True when the still-encoded path matches pattern; params (may be NULL,
 * then a may be NULL too) receives the decoded values. */
bool router_pattern_match(const char *pattern, const char *path, struct arena *a, struct kvlist *params);
/* "GET", "POST", ... */
const char *http_method_name(enum http_method m);
enum http_method http_method_parse(const char *name);

#endif
