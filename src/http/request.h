/* One HTTP request and its response-to-be, owned by a per-request arena.
 *
 * Handlers read parameters through the accessors below, build a view object
 * and finish with page_render() (src/view/page.h) or http_error(); they
 * allocate from req->arena and never free. */
#ifndef DXHUB_HTTP_REQUEST_H
#define DXHUB_HTTP_REQUEST_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/arena.h"
#include "http/form.h"
#include "i18n/i18n.h"

struct MHD_Connection;
struct route;
struct upload;

/* Who is asking: filled by the application before routing. A visitor has
 * user_id 0 and perm PERM_PUBLIC (values of enum perm, see http/router.h). */
struct caller {
    int64_t user_id;
    int64_t session_id;
    int perm;
    const char *name;  /* display name, or NULL */
    const char *email; /* or NULL */
    const char *tz;    /* IANA zone of the person, or NULL */
    const char *lang;  /* the person's preferred language code, or NULL */
    const char *csrf;  /* the token forms must send back, or NULL until one is needed */
};

/* What a page's representation depends on: Accept (HTML or its JSON twin),
 * Accept-Language and Cookie (language), Accept-Encoding (gzip). */
#define HTTP_VARY_PAGE "Accept, Accept-Encoding, Accept-Language, Cookie"

enum http_method { HTTP_GET, HTTP_HEAD, HTTP_POST, HTTP_PUT, HTTP_PATCH, HTTP_DELETE, HTTP_OPTIONS, HTTP_OTHER };

/* Produces the next bytes of a streamed response: libmicrohttpd's content
 * reader (MHD_ContentReaderCallback, see http/server.c). */
typedef ssize_t (*request_stream_reader)(void *cls, uint64_t pos, char *buf, size_t max);

struct request {
    struct arena *arena;
    struct MHD_Connection *conn;
    char id[17]; /* random, hex: ties log lines and error pages together */
    enum http_method method;
    const char *method_name;
    const char *raw_path; /* as received (percent-encoded), without query and /api/v1 prefix */
    const char *path;     /* decoded, with any /api/v1 prefix removed */
    bool want_json;       /* Accept: application/json, or an /api/v1 path */
    enum lang lang;
    const struct route *route; /* NULL until matched */
    struct caller caller;
    bool caller_loaded; /* caller was read early (a file upload), not again at dispatch */
    const char *client_ip;     /* text form of the peer address */
    struct kvlist params;      /* named parts of the route pattern */
    struct kvlist query;
    struct kvlist form; /* parsed urlencoded body */
    int64_t started_us;
    uint64_t sql_started;      /* db_statements() when the request began */
    uint64_t cache_generation; /* database generation before the handler read anything (page and fragment caches) */

    /* Body as received, capped at body_limit; too_large once it was exceeded. */
    char *body; /* NUL-terminated */
    size_t body_len, body_cap, body_limit;
    bool too_large;
    bool bad_input; /* malformed query, path or headers: answered with 400 */
    struct upload *upload; /* multipart state on routes that take files (http/upload.h), else NULL */

    /* The response. */
    unsigned status;
    const char *content_type;
    struct kvlist headers; /* extra response headers */
    const char *resp_body;
    size_t resp_len;
    bool resp_owned; /* resp_body was malloc'ed and is freed after sending */
    /* A streamed response (request_respond_stream), else NULL. */
    request_stream_reader stream_read;
    void (*stream_free)(void *cls);
    void *stream_cls;
};

/* The address the request came from, as text ("127.0.0.1", "::1"). */
const char *request_client_ip(struct request *req);

/* Route parameter `name` ({name} in the pattern), or NULL. */
const char *request_param(const struct request *req, const char *name);
/* First query parameter / form field named `name`, decoded, or NULL. */
const char *request_query(const struct request *req, const char *name);
const char *request_form(const struct request *req, const char *name);
/* Request header (case-insensitive name) or cookie value, or NULL. */
const char *request_header(const struct request *req, const char *name);
const char *request_cookie(const struct request *req, const char *name);

/* Adds a response header; name and value are kept (arena or static). */
void request_add_header(struct request *req, const char *name, const char *value);
/* Sets a cookie: Path=/, HttpOnly, SameSite=Lax, Secure when the server is
 * configured as behind HTTPS. max_age < 0 omits Max-Age (session cookie). */
void request_set_cookie(struct request *req, const char *name, const char *value, long max_age);

/* Sets the response body to a copy-free static or arena string. */
void request_respond(struct request *req, unsigned status, const char *content_type, const char *body,
                     size_t len);
/* Sets the response body to malloc'ed memory that is freed once sent. */
void request_respond_owned(struct request *req, unsigned status, const char *content_type, char *body,
                           size_t len);
/* Answers 200 with a body of unknown length made by read(cls, ...) as the
 * client takes it (sent chunked; libmicrohttpd's content reader contract:
 * bytes written, 0 after suspending the connection, or end of stream /
 * error). free_cls(cls) runs once when the response is done or could not
 * be made. The request (and its arena) ends as soon as the response is
 * queued: cls must not point into it. Never stored by the page cache. */
void request_respond_stream(struct request *req, const char *content_type, request_stream_reader read,
                            void (*free_cls)(void *cls), void *cls);
/* Redirects with 303 See Other to location (a local path). */
void request_redirect(struct request *req, const char *location);

/* Whether Secure cookies are set (the hub is served over HTTPS). */
void request_set_secure_cookies(bool secure);
/* Whether they are (request_set_secure_cookies); a cookie that must not be
 * set by a neighbouring site then takes the "__Host-" prefix. */
bool request_secure_cookies(void);
/* The names of the session and visitor CSRF cookies, written and read:
 * "sid" and "csrf", or "__Host-sid" and "__Host-csrf" when Secure cookies
 * are set (the browser then keeps them to this host: Secure, Path=/, no
 * Domain, which request_set_cookie always gives). Static strings. */
const char *request_session_cookie(void);
const char *request_csrf_cookie(void);

#endif
