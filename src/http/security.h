/* The security headers every response carries. */
#ifndef DXHUB_HTTP_SECURITY_H
#define DXHUB_HTTP_SECURITY_H

struct MHD_Response;

/* Adds Content-Security-Policy (no inline scripts, no third-party origins,
 * frame-ancestors 'none'), X-Content-Type-Options, Referrer-Policy,
 * Permissions-Policy and X-Frame-Options to resp. */
void security_add_headers(struct MHD_Response *resp);

#endif
