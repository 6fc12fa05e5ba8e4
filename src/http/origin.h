/* Whether a state-changing request comes from the hub's own pages, by its
 * Origin header (or, without one, its Referer). */
#ifndef DXHUB_HTTP_ORIGIN_H
#define DXHUB_HTTP_ORIGIN_H

#include <stdbool.h>

#include "http/request.h"

/* True when req names no other site: its Origin (else its Referer) is an
 * http or https URL whose host and port are those of the request's own Host
 * header or of base_url (the configured public address; may be NULL).
 * Neither header present: true (the CSRF token still applies). "Origin:
 * null", an unparseable value or an empty Host: false. Default ports (80
 * for http, 443 for https) may be written or left out on either side. */
bool origin_same_site(struct request *req, const char *base_url);

#endif
