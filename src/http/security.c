/* The security headers every response carries (streams: only what applies to them). */
#include "http/security.h"

#include <microhttpd.h>

/* Everything the hub shows comes from itself: no CDN, no fonts or analytics
 * from elsewhere, no inline script. data: images allow server-made SVG;
 * media-src lets an event's uploaded recording play in <video>. */
static const char csp[] = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                          "media-src 'self'; font-src 'self'; connect-src 'self'; form-action 'self'; "
                          "base-uri 'none'; frame-ancestors 'none'";

void security_add_headers(struct MHD_Response *resp, bool document)
{
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    if (!document)
        return;
    MHD_add_response_header(resp, "Content-Security-Policy", csp);
    MHD_add_response_header(resp, "Referrer-Policy", "strict-origin-when-cross-origin");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Permissions-Policy",
                            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()");
}
