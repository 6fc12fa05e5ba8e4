/* Building emails as MIME text: address and header checks, quoted-printable
 * bodies, RFC 2047 encoded words and the multipart/alternative layout. */
#include "mail/mime.h"

#include <assert.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http/form.h"

#define QP_LINE_MAX 76  /* RFC 2045: encoded lines of at most 76 characters */
#define HEADER_LINE 78  /* RFC 5322: lines SHOULD stay within 78 characters */
#define WORD_BYTES 45   /* raw bytes per encoded word: 60 base64 characters, 72 in all */
#define WORD_WRAP 12    /* what surrounds an encoded word's base64: "=?UTF-8?B?" and "?=" */
#define BOUNDARY_MAX 70 /* RFC 2046 */
#define MIXED_PREFIX "mixed-" /* the outer boundary of a message with an attachment */
#define B64_LINE 76     /* base64 characters per line of an attachment */

static bool is_atext(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

static bool is_domain_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

/* True when s[0..len) is one or more runs of ok() characters joined by single dots. */
static bool dotted(const char *s, size_t len, bool (*ok)(unsigned char))
{
    if (len == 0 || s[0] == '.' || s[len - 1] == '.')
        return false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '.' ? s[i + 1] == '.' : !ok(c))
            return false;
    }
    return true;
}

bool mime_address_ok(const char *addr)
{
    if (!addr)
        return false;
    size_t len = strlen(addr);
    const char *at = strchr(addr, '@');
    if (len > 254 || !at || strchr(at + 1, '@'))
        return false;
    size_t local = (size_t)(at - addr);
    return local <= 64 && dotted(addr, local, is_atext) && dotted(at + 1, len - local - 1, is_domain_char);
}

bool mime_header_text_ok(const char *s)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return false;
    return utf8_valid(s, len);
}

void mime_random_key(char out[MIME_KEY_LEN])
{
    unsigned char bytes[(MIME_KEY_LEN - 1) / 2];
    if (sodium_init() < 0)
        abort(); /* no source of randomness: nothing safe can be done */
    randombytes_buf(bytes, sizeof bytes);
    sodium_bin2hex(out, MIME_KEY_LEN, bytes, sizeof bytes);
}

void mime_date(struct buf *out, int64_t t)
{
    static const char days[][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char months[][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    buf_printf(out, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
               tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* Whether c (at column col, before a line end or not) may stay as it is. */
static bool qp_literal(unsigned char c, size_t col, bool at_eol)
{
    if (c == ' ' || c == '\t')
        return !at_eol;
    return c >= 33 && c <= 126 && c != '=' && !(c == '.' && col == 0);
}

void mime_qp_encode(struct buf *out, const char *s, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t col = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\r' && i + 1 < len && s[i + 1] == '\n')
            continue;
        if (c == '\n') {
            buf_append(out, "\r\n", 2);
            col = 0;
            continue;
        }
        bool at_eol = i + 1 == len || s[i + 1] == '\n' || (s[i + 1] == '\r' && i + 2 < len && s[i + 2] == '\n');
        size_t n = qp_literal(c, col, at_eol) ? 1 : 3;
        /* Keep room for the "=" of a soft break, except on a line's last character. */
        if (col + n > QP_LINE_MAX - (at_eol ? 0 : 1)) {
            buf_append(out, "=\r\n", 3);
            col = 0;
            n = qp_literal(c, col, at_eol) ? 1 : 3;
        }
        if (n == 1) {
            buf_putc(out, (char)c);
        } else {
            char esc[3] = {'=', hex[c >> 4], hex[c & 15]};
            buf_append(out, esc, 3);
        }
        col += n;
    }
}

static bool plain_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
            return false;
    return true;
}

/* Appends value as encoded words from column col, each as long as the line
 * allows (at most WORD_BYTES bytes of text), folding before a word when too
 * little room is left. Returns the column after the last word. */
static size_t encoded_words(struct buf *out, const char *value, size_t col)
{
    size_t len = strlen(value);
    for (size_t i = 0; i < len;) {
        size_t sep = i > 0, wrap = WORD_WRAP;
        size_t room = HEADER_LINE > col + sep + wrap ? (HEADER_LINE - col - sep - wrap) / 4 * 3 : 0;
        if (room < 4) { /* not even one character fits: continue on a new line */
            buf_append(out, "\r\n", 2);
            col = 0, sep = 1;
            room = (HEADER_LINE - sep - wrap) / 4 * 3;
        }
        size_t n = len - i < room ? len - i : room;
        n = n < WORD_BYTES ? n : WORD_BYTES;
        while (i + n < len && ((unsigned char)value[i + n] & 0xc0) == 0x80)
            n--; /* never cut a UTF-8 sequence */
        char b64[sodium_base64_ENCODED_LEN(WORD_BYTES, sodium_base64_VARIANT_ORIGINAL)];
        sodium_bin2base64(b64, sizeof b64, (const unsigned char *)value + i, n, sodium_base64_VARIANT_ORIGINAL);
        buf_printf(out, "%s=?UTF-8?B?%s?=", sep ? " " : "", b64);
        col += sep + strlen(b64) + wrap;
        i += n;
    }
    return col;
}

/* True when value can be written as it is at column col: printable ASCII,
 * no "=?" that a reader would take for an encoded word, and it fits. */
static bool fits_plain(const char *value, size_t col)
{
    return plain_ascii(value) && !strstr(value, "=?") && col + strlen(value) <= HEADER_LINE;
}

void mime_header_text(struct buf *out, const char *name, const char *value)
{
    assert(mime_header_text_ok(value));
    buf_printf(out, "%s: ", name);
    size_t col = strlen(name) + 2;
    if (fits_plain(value, col))
        buf_puts(out, value);
    else
        encoded_words(out, value, col);
    buf_append(out, "\r\n", 2);
}

/* From: "Display Name" <addr>: the name quoted when it is short plain ASCII
 * without quotes or backslashes, else encoded; the address goes on a
 * continuation line when it would not fit. */
static void from_header(struct buf *out, const char *name, const char *addr)
{
    size_t col = strlen("From: ");
    buf_puts(out, "From:");
    if (name && *name && !strpbrk(name, "\"\\") && fits_plain(name, col + 2)) {
        buf_printf(out, " \"%s\"", name);
        col += strlen(name) + 2;
    } else if (name && *name) {
        buf_putc(out, ' ');
        col = encoded_words(out, name, col);
    }
    if (name && *name && col + 3 + strlen(addr) > HEADER_LINE)
        buf_append(out, "\r\n", 2);
    buf_printf(out, " <%s>\r\n", addr);
}

static bool boundary_ok(const char *b)
{
    size_t len = strlen(b);
    if (len == 0 || len > BOUNDARY_MAX)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!is_domain_char((unsigned char)b[i]) && !strchr("=_.", b[i]))
            return false;
    return true;
}

static bool has_calendar(const struct mime_message *m)
{
    return m->calendar && m->calendar[0];
}

static bool message_ok(const struct mime_message *m)
{
    if (has_calendar(m) && (!utf8_valid(m->calendar, strlen(m->calendar)) ||
                            (m->boundary && strlen(m->boundary) > BOUNDARY_MAX - strlen(MIXED_PREFIX))))
        return false;
    return mime_address_ok(m->from) && mime_address_ok(m->to) && mime_address_ok(m->message_id) && m->subject &&
           *m->subject && mime_header_text_ok(m->subject) && (!m->from_name || mime_header_text_ok(m->from_name)) &&
           (!m->lang || mime_header_text_ok(m->lang)) && m->text && utf8_valid(m->text, strlen(m->text)) && m->html &&
           utf8_valid(m->html, strlen(m->html)) && (!m->boundary || boundary_ok(m->boundary));
}

static void part(struct buf *out, const char *boundary, const char *type, const char *lang, const char *body)
{
    buf_printf(out, "\r\n--%s\r\nContent-Type: %s; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n",
               boundary, type);
    if (lang)
        buf_printf(out, "Content-Language: %s\r\n", lang);
    buf_append(out, "\r\n", 2);
    mime_qp_encode(out, body, strlen(body));
}

/* The attachment part: the calendar in base64, lines of B64_LINE. */
static void calendar_part(struct buf *out, const char *boundary, const char *ics)
{
    buf_printf(out, "\r\n--%s\r\nContent-Type: text/calendar; charset=UTF-8; method=PUBLISH; name=\"invite.ics\"\r\n"
                    "Content-Disposition: attachment; filename=\"invite.ics\"\r\n"
                    "Content-Transfer-Encoding: base64\r\n\r\n",
               boundary);
    size_t len = strlen(ics), chunk = B64_LINE / 4 * 3;
    for (size_t i = 0; i < len; i += chunk) {
        size_t n = len - i < chunk ? len - i : chunk;
        char b64[sodium_base64_ENCODED_LEN(B64_LINE / 4 * 3, sodium_base64_VARIANT_ORIGINAL)];
        sodium_bin2base64(b64, sizeof b64, (const unsigned char *)ics + i, n, sodium_base64_VARIANT_ORIGINAL);
        buf_printf(out, "%s\r\n", b64);
    }
}

int mime_build(const struct mime_message *m, struct buf *out)
{
    if (!message_ok(m))
        return -1;
    /* "=_" never occurs in quoted-printable text, so the boundary cannot either. */
    char boundary[BOUNDARY_MAX + 1], mixed[BOUNDARY_MAX + sizeof MIXED_PREFIX];
    if (m->boundary) {
        snprintf(boundary, sizeof boundary, "%s", m->boundary);
    } else {
        char key[MIME_KEY_LEN];
        mime_random_key(key);
        snprintf(boundary, sizeof boundary, "=_%s", key);
    }
    snprintf(mixed, sizeof mixed, "%s%s", MIXED_PREFIX, boundary);
    buf_puts(out, "Date: ");
    mime_date(out, m->date);
    buf_append(out, "\r\n", 2);
    from_header(out, m->from_name, m->from);
    buf_printf(out, "To: <%s>\r\n", m->to);
    mime_header_text(out, "Subject", m->subject);
    buf_printf(out, "Message-ID: <%s>\r\n", m->message_id);
    buf_puts(out, "MIME-Version: 1.0\r\n");
    buf_puts(out, "Auto-Submitted: auto-generated\r\n");
    if (m->lang)
        buf_printf(out, "Content-Language: %s\r\n", m->lang);
    if (has_calendar(m))
        buf_printf(out, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n--%s\r\n", mixed, mixed);
    buf_printf(out, "Content-Type: multipart/alternative; boundary=\"%s\"\r\n", boundary);
    part(out, boundary, "text/plain", m->lang, m->text);
    part(out, boundary, "text/html", m->lang, m->html);
    buf_printf(out, "\r\n--%s--\r\n", boundary);
    if (has_calendar(m)) {
        calendar_part(out, mixed, m->calendar);
        buf_printf(out, "\r\n--%s--\r\n", mixed);
    }
    return 0;
}
