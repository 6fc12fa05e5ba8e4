/* libFuzzer target: email addresses and text that people type and the
 * mailer writes (src/accounts/users.c: user_email_normalise, the sign-up and
 * invitation forms' rule; src/mail/mime.c: mime_address_ok, the mailer's
 * rule, header text as RFC 2047 words and bodies as quoted-printable).
 *
 * Input: the address, name or text as typed. */
#include <stdlib.h>
#include <string.h>

#include "accounts/users.h"
#include "core/buf.h"
#include "harness.h"
#include "mail/mime.h"

/* A header field must be one logical line: every CRLF but the last is followed by folding space. */
static void check_header(const struct buf *b)
{
    const char *s = buf_str(b);
    for (const char *p = s; (p = strstr(p, "\r\n")); p += 2)
        if (p[2] && p[2] != ' ' && p[2] != '\t')
            abort();
    for (const char *p = s; *p; p++)
        if ((*p == '\r' && p[1] != '\n') || (*p == '\n' && (p == s || p[-1] != '\r')))
            abort();
}

/* Quoted-printable lines: at most 76 characters, none starting with '.', all ending in CRLF. */
static void check_qp(const struct buf *b)
{
    const char *s = buf_str(b);
    while (*s) {
        const char *end = strstr(s, "\r\n");
        size_t len = end ? (size_t)(end - s) : strlen(s);
        if (len > 76 || *s == '.' || memchr(s, '\n', len) || memchr(s, '\r', len))
            abort();
        s += len + (end ? 2 : 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = harness_string(data, size);
    char out[255];
    if (user_email_normalise(s, out)) {
        if (!memchr(out, '\0', sizeof out) || !strchr(out, '@') || strpbrk(out, " \r\n\t"))
            abort();
        mime_address_ok(out);
    }
    if (mime_address_ok(s) && strpbrk(s, " \r\n\t\"<>,"))
        abort();
    struct buf b = BUF_INIT;
    if (mime_header_text_ok(s)) {
        mime_header_text(&b, "Subject", s);
        check_header(&b);
        buf_reset(&b);
    }
    mime_qp_encode(&b, s, strlen(s));
    check_qp(&b);
    buf_free(&b);
    free(s);
    return 0;
}
