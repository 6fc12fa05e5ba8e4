/* The Origin / Referer check of state-changing requests (see origin.h). */
#include "http/origin.h"

#include <microhttpd.h>
#include <string.h>
#include <strings.h>

/* The authority ("host[:port]") of an absolute http(s) URL, its length in
 * *len and whether it is https in *tls; NULL when url is not one. */
static const char *url_authority(const char *url, size_t *len, bool *tls)
{
    if (strncasecmp(url, "http://", 7) == 0)
        url += 7, *tls = false;
    else if (strncasecmp(url, "https://", 8) == 0)
        url += 8, *tls = true;
    else
        return NULL;
    *len = strcspn(url, "/?#");
    if (*len == 0 || memchr(url, '@', *len))
        return NULL;
    return url;
}

/* The authority's length without a default port (":80" for http, ":443"
 * for https), so that "host" and "host:443" compare equal. */
static size_t without_default_port(const char *a, size_t len, bool tls)
{
    const char *port = tls ? ":443" : ":80";
    size_t n = strlen(port);
    if (len > n && strncmp(a + len - n, port, n) == 0)
        return len - n;
    return len;
}

static bool same_authority(const char *a, size_t alen, const char *b, size_t blen, bool tls)
{
    alen = without_default_port(a, alen, tls);
    blen = without_default_port(b, blen, tls);
    return alen == blen && alen > 0 && strncasecmp(a, b, alen) == 0;
}

bool origin_same_site(struct request *req, const char *base_url)
{
    const char *from = request_header(req, "Origin");
    if (!from || !*from)
        from = request_header(req, MHD_HTTP_HEADER_REFERER);
    if (!from || !*from)
        return true;
    size_t len, base_len;
    bool tls, base_tls;
    const char *authority = url_authority(from, &len, &tls);
    if (!authority)
        return false; /* "null", or a scheme no page of ours has */
    const char *host = request_header(req, MHD_HTTP_HEADER_HOST);
    if (host && same_authority(authority, len, host, strlen(host), tls))
        return true;
    const char *base = base_url ? url_authority(base_url, &base_len, &base_tls) : NULL;
    return base && base_tls == tls && same_authority(authority, len, base, base_len, tls);
}
