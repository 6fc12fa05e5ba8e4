/* Accessors and response setters for one HTTP request. */
#include "http/request.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <stdio.h>

#include "core/buf.h"
#include <stdlib.h>
#include <string.h>

static bool secure_cookies;

void request_set_secure_cookies(bool secure) { secure_cookies = secure; }

bool request_secure_cookies(void) { return secure_cookies; }

const char *request_session_cookie(void) { return secure_cookies ? "__Host-sid" : "sid"; }

const char *request_csrf_cookie(void) { return secure_cookies ? "__Host-csrf" : "csrf"; }

const char *request_param(const struct request *req, const char *name) { return kvlist_get(&req->params, name); }

const char *request_query(const struct request *req, const char *name) { return kvlist_get(&req->query, name); }

const char *request_form(const struct request *req, const char *name) { return kvlist_get(&req->form, name); }

const char *request_header(const struct request *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *request_cookie(const struct request *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, name);
}

void request_add_header(struct request *req, const char *name, const char *value)
{
    kvlist_add(req->arena, &req->headers, name, value);
}

void request_set_cookie(struct request *req, const char *name, const char *value, long max_age)
{
    char age[40] = "";
    if (max_age >= 0)
        snprintf(age, sizeof age, "; Max-Age=%ld", max_age);
    request_add_header(req, MHD_HTTP_HEADER_SET_COOKIE,
                       arena_printf(req->arena, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s", name, value, age,
                                    secure_cookies ? "; Secure" : ""));
}

static void release_body(struct request *req)
{
    if (req->resp_owned)
        free((char *)req->resp_body);
    req->resp_owned = false;
}

void request_respond(struct request *req, unsigned status, const char *content_type, const char *body,
                     size_t len)
{
    release_body(req);
    req->status = status;
    req->content_type = content_type;
    req->resp_body = body;
    req->resp_len = len;
}

void request_respond_owned(struct request *req, unsigned status, const char *content_type, char *body,
                           size_t len)
{
    request_respond(req, status, content_type, body, len);
    req->resp_owned = true;
}

void request_respond_stream(struct request *req, const char *content_type, request_stream_reader read,
                            void (*free_cls)(void *cls), void *cls)
{
    request_respond(req, 200, content_type, "", 0);
    req->stream_read = read;
    req->stream_free = free_cls;
    req->stream_cls = cls;
}

void request_redirect(struct request *req, const char *location)
{
    request_add_header(req, MHD_HTTP_HEADER_LOCATION, location);
    request_respond(req, 303, "text/plain; charset=utf-8", "", 0);
}

const char *request_client_ip(struct request *req)
{
    if (req->client_ip)
        return req->client_ip;
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(req->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char text[INET6_ADDRSTRLEN] = "unknown";
    if (info && info->client_addr) {
        const struct sockaddr *sa = info->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, text, sizeof text);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, text, sizeof text);
    }
    req->client_ip = arena_strdup(req->arena, text);
    return req->client_ip;
}

const char *request_target(struct request *req)
{
    if (!req->query.n)
        return req->raw_path;
    struct buf b = BUF_INIT;
    buf_puts(&b, req->raw_path);
    for (size_t i = 0; i < req->query.n; i++)
        buf_printf(&b, "%c%s=%s", i ? '&' : '?', url_encode(req->arena, req->query.items[i].key),
                   url_encode(req->arena, req->query.items[i].value));
    const char *target = arena_strdup(req->arena, buf_str(&b));
    buf_free(&b);
    return target;
}
