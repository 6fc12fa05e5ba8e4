/* Emails as Internet messages (RFC 5322 and MIME): the headers, a
 * multipart/alternative body with a plain-text and an HTML part in UTF-8
 * quoted-printable, and the checks that keep outside text out of the headers.
 *
 * Header injection is impossible by construction: addresses are refused
 * unless they are plain ASCII without spaces, brackets or line breaks, and
 * the subject and display name are refused when they hold any control
 * character; non-ASCII text in headers is written as RFC 2047 encoded words,
 * which cannot carry a line break either. */
#ifndef DXHUB_MAIL_MIME_H
#define DXHUB_MAIL_MIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

struct mime_message {
    const char *from_name;  /* display name of the sender (UTF-8), or NULL */
    const char *from, *to;  /* addresses, as mime_address_ok() accepts them */
    const char *subject;    /* UTF-8, one line (mime_header_text_ok) */
    const char *lang;       /* Content-Language of both parts ("fr"), or NULL */
    const char *text;       /* the plain-text part, UTF-8; lines end in "\n" or "\r\n" */
    const char *html;       /* the HTML part, likewise */
    const char *message_id; /* without the angle brackets: "key@domain", an address in form */
    int64_t date;           /* seconds since the epoch */
    const char *boundary;   /* the multipart boundary, or NULL for a random one */
    const char *calendar;   /* an iCalendar file (UTF-8) attached as invite.ics, or NULL or "" for none */
};

/* True when addr is an address we send to or from: local@domain in printable
 * ASCII, at most 254 bytes (local part 64), the local part dot-atom text
 * (letters, digits and !#$%&'*+-/=?^_`{|}~, dots between), the domain
 * letters, digits, hyphens and dots between labels. Refuses NULL, spaces,
 * control characters (CR, LF), quotes, brackets, commas and a second @. */
bool mime_address_ok(const char *addr);

/* True when s (not NULL) is valid UTF-8 without control characters (below
 * 0x20, DEL), so that it can go into a header. */
bool mime_header_text_ok(const char *s);

/* Appends to out the whole message m with CRLF line ends, ready for SMTP:
 * Date (UTC), From, To, Subject, Message-ID, MIME-Version, Content-Type
 * multipart/alternative, Auto-Submitted: auto-generated, then the two parts,
 * text/plain before text/html (the last part is the preferred one), each
 * "charset=UTF-8" and quoted-printable. With a calendar, the message is
 * multipart/mixed instead (its boundary "mixed-" and the alternative's):
 * that multipart/alternative, then the calendar as an attachment
 * "invite.ics", text/calendar; method=PUBLISH, in base64 (lines of 76).
 * Returns 0, or -1 with out unchanged
 * when an address or the message id is not mime_address_ok, the subject or
 * display name is not mime_header_text_ok, the subject is empty, a body is
 * NULL or not valid UTF-8, or the boundary is not 1-70 letters, digits, '=',
 * '_', '.' or '-' (64 with a calendar), or the calendar is not valid UTF-8. */
int mime_build(const struct mime_message *m, struct buf *out);

/* Appends s[0..len) encoded as quoted-printable (RFC 2045 section 6.7):
 * printable ASCII but '=' kept, everything else =XX, spaces and tabs before a
 * line end encoded, a '.' starting a line encoded (so no line is ever an
 * SMTP end of data), "\n" and "\r\n" written as CRLF, lines of at most 76
 * characters with soft breaks ("=" CRLF). */
void mime_qp_encode(struct buf *out, const char *s, size_t len);

/* Appends the header field "name: value" and its CRLF. A value in printable
 * ASCII that fits on a 78-character line (and holds no "=?") is written as it
 * is; any other is written as RFC 2047 encoded words ("=?UTF-8?B?...?=", at
 * most 75 characters each, never splitting a UTF-8 sequence), folded onto
 * continuation lines. value must be mime_header_text_ok (asserted). */
void mime_header_text(struct buf *out, const char *name, const char *value);

#define MIME_KEY_LEN 33 /* 128 random bits as hex, plus NUL */

/* Writes 128 random bits as 32 lower-case hex digits into out: the unique
 * part of a Message-ID, or of a boundary. Thread-safe. */
void mime_random_key(char out[MIME_KEY_LEN]);

/* Appends t as an RFC 5322 date in UTC: "Tue, 01 Jul 2025 09:05:00 +0000". */
void mime_date(struct buf *out, int64_t t);

#endif
