/* Unit tests of src/mail/mime.c and the retry schedule: addresses and header text, the MIME
 * message (headers, encoded words, quoted-printable bodies in French and Spanish, header injection
 * refused) and the backoff. Queuing and delivery over SMTP are in test_mail_outbox.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sodium.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "http/form.h"
#include "mail/address.h"
#include "mail/mime.h"
#include "mail/delivery.h"

/* Decodes quoted-printable text as a mail reader would: soft breaks removed, CRLF read as "\n". */
static char *qp_decode(const char *s)
{
    struct buf out = BUF_INIT;
    for (const char *p = s; *p; p++) {
        if (p[0] == '=' && p[1] == '\r' && p[2] == '\n') {
            p += 2;
        } else if (p[0] == '=') {
            unsigned v;
            assert_int_equal(sscanf(p + 1, "%2X", &v), 1);
            buf_putc(&out, (char)v);
            p += 2;
        } else if (p[0] == '\r' && p[1] == '\n') {
            buf_putc(&out, '\n');
            p++;
        } else {
            buf_putc(&out, *p);
        }
    }
    return buf_detach(&out, NULL);
}

/* Every line of s ends in CRLF (no bare CR or LF) and has at most max characters. */
static void assert_lines(const char *s, size_t max)
{
    size_t col = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '\r') {
            assert_int_equal(p[1], '\n');
            p++;
            col = 0;
            continue;
        }
        assert_int_not_equal(*p, '\n');
        col++;
        assert_true(col <= max);
    }
}

/* The text of a header (name: value, with its continuation lines), or NULL. */
static char *header(const char *msg, const char *name)
{
    size_t n = strlen(name);
    const char *end = strstr(msg, "\r\n\r\n");
    for (const char *p = msg; p && p < end; p = strstr(p, "\r\n") ? strstr(p, "\r\n") + 2 : NULL) {
        if (strncmp(p, name, n) == 0 && p[n] == ':') {
            const char *e = p;
            while ((e = strstr(e, "\r\n")) && (e[2] == ' ' || e[2] == '\t'))
                e += 2;
            return strndup(p + n + 2, (size_t)(e - p - n - 2));
        }
    }
    return NULL;
}

/* Decodes a Subject made of RFC 2047 B-encoded words (or plain ASCII) into UTF-8. */
static char *decode_words(const char *v)
{
    if (strncmp(v, "=?UTF-8?B?", 10) != 0)
        return strdup(v);
    struct buf out = BUF_INIT;
    for (const char *p = strstr(v, "=?UTF-8?B?"); p; p = strstr(p, "=?UTF-8?B?")) {
        p += 10;
        const char *e = strstr(p, "?=");
        assert_non_null(e);
        assert_true(e - p + 12 <= 75); /* RFC 2047: an encoded word is at most 75 characters */
        unsigned char bin[128];
        size_t len;
        assert_int_equal(
            sodium_base642bin(bin, sizeof bin, p, (size_t)(e - p), NULL, &len, NULL, sodium_base64_VARIANT_ORIGINAL),
            0);
        assert_true(utf8_valid((const char *)bin, len)); /* no word splits a character */
        buf_append(&out, (const char *)bin, len);
        p = e + 2;
    }
    return buf_detach(&out, NULL);
}

static const struct mime_message french = {
    .from_name = "Plateforme d'échange de la diaspora",
    .from = "hub@example.org",
    .to = "amelie@example.fr",
    .subject = "Confirmez votre adresse électronique — c'est presque terminé, il ne reste qu'une étape à franchir",
    .lang = "fr",
    .text =
        "Bonjour Amélie,\n\nMerci de votre inscription. Ouvrez ce lien pour confirmer votre adresse électronique :\n\n"
        "http://localhost:8080/verify?token=abc_DEF-123\n\nÀ bientôt ! = 100 %\n.\n",
    .html = "<p>Bonjour Amélie,</p>\n<p><a href=\"http://localhost:8080/verify?token=abc\">Confirmer</a></p>\n",
    .message_id = "0123456789abcdef@example.org",
    .date = 1751360700, /* 2025-07-01 09:05:00 UTC, a Tuesday */
    .boundary = "=_test",
};

static void test_addresses(void **state)
{
    (void)state;
    const char *good[] = {"a@b.c", "first.last+tag@sub.example.org", "o'brien@example.ie", "x@localhost",
                          "!#$%&'*+-/=?^_`{|}~@example.com"};
    const char *bad[] = {NULL,
                         "",
                         "a",
                         "@b.c",
                         "a@",
                         "a@@b.c",
                         "a@b@c",
                         "a b@c.d",
                         "a@b.c ",
                         "<a@b.c>",
                         "a@b.c\r\nBcc: x@y.z",
                         "a@b.c\n",
                         "a\r@b.c",
                         ".a@b.c",
                         "a.@b.c",
                         "a..b@c.d",
                         "a@.b.c",
                         "a@b..c",
                         "a@b.c.",
                         "\"a\"@b.c",
                         "a,b@c.d",
                         "a@b_c.d",
                         "é@example.fr",
                         "a@exämple.fr",
                         "a@[127.0.0.1]"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        assert_true(mime_address_ok(good[i]));
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(mime_address_ok(bad[i]));
    char longer[300];
    memset(longer, 'a', sizeof longer);
    memcpy(longer + 65, "@example.org", 13); /* a 65-byte local part */
    assert_false(mime_address_ok(longer));
    assert_true(mime_header_text_ok("¡Hola, Señora Núñez! ¿Qué tal?"));
    assert_false(mime_header_text_ok("Hi\r\nBcc: x@y.z"));
    assert_false(mime_header_text_ok("Hi\nthere"));
    assert_false(mime_header_text_ok("tab\there"));
    assert_false(mime_header_text_ok("bad \xc3\x28 utf-8"));
}

/* What a form accepts is exactly what the outbox will send to. */
static void test_typed_addresses(void **state)
{
    (void)state;
    char out[MAIL_ADDRESS_MAX + 1];
    const char *pairs[][2] = {{"Ana.Maria@Example.ORG", "ana.maria@example.org"},
                              {"maria@ex\xc3\xa4mple.fr", "maria@xn--exmple-cua.fr"},
                              {"yo@ESPA\xc3\x91" "A.es", "yo@xn--espaa-rta.es"},
                              {"x+y@sub.example.org", "x+y@sub.example.org"}};
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        assert_true(mail_address_normalise(pairs[i][0], out));
        assert_string_equal(out, pairs[i][1]);
        assert_true(mime_address_ok(out));
    }
    const char *bad[] = {"", "@example.org", "a@", "a@localhost", "\"q\"@example.org", "\"a b\"@example.org",
                         "jos\xc3\xa9@example.org", "a@[127.0.0.1]", "a@b_c.example", "a@-x.example",
                         "a@example.org.", "a..b@example.org", "a b@example.org", "a@xn--zz.example",
                         "a@exa\xe2\x80\x8dmple.org", "a@b@example.org", "a@ex\xc3\x28.org"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_false(mail_address_normalise(bad[i], out));
        assert_string_equal(out, "");
    }
    char local65[80];
    memset(local65, 'a', 65);
    strcpy(local65 + 65, "@example.org");
    assert_false(mail_address_normalise(local65, out));
    local65[64] = '@';
    strcpy(local65 + 65, "example.org"); /* 64 bytes before the @ */
    assert_true(mail_address_normalise(local65, out));
}

static void test_message_headers(void **state)
{
    (void)state;
    struct buf out = BUF_INIT;
    assert_int_equal(mime_build(&french, &out), 0);
    const char *msg = buf_str(&out);
    assert_lines(msg, 998);
    assert_memory_equal(msg, "Date: Tue, 01 Jul 2025 09:05:00 +0000\r\n", 39);
    char *v = header(msg, "To");
    assert_string_equal(v, "<amelie@example.fr>");
    free(v);
    v = header(msg, "From");
    assert_non_null(strstr(v, " <hub@example.org>"));
    char *name = decode_words(v);
    assert_memory_equal(name, "Plateforme d'échange de la diaspora", strlen("Plateforme d'échange de la diaspora"));
    free(name), free(v);
    v = header(msg, "Subject");
    char *subject = decode_words(v);
    assert_string_equal(subject, french.subject);
    free(subject), free(v);
    v = header(msg, "Message-ID");
    assert_string_equal(v, "<0123456789abcdef@example.org>");
    free(v);
    v = header(msg, "Content-Type");
    assert_string_equal(v, "multipart/alternative; boundary=\"=_test\"");
    free(v);
    assert_non_null(strstr(msg, "\r\nMIME-Version: 1.0\r\n"));
    assert_non_null(strstr(msg, "\r\nContent-Language: fr\r\n"));
    assert_non_null(strstr(msg, "\r\nAuto-Submitted: auto-generated\r\n"));
    /* Every header line but the folded Subject stays within 78 characters. */
    const char *body = strstr(msg, "\r\n\r\n");
    char *head = strndup(msg, (size_t)(body - msg + 2));
    assert_lines(head, 78);
    free(head);
    buf_free(&out);
}

static void test_message_parts(void **state)
{
    (void)state;
    struct buf out = BUF_INIT;
    assert_int_equal(mime_build(&french, &out), 0);
    const char *msg = buf_str(&out);
    const char *text = strstr(msg, "\r\n--=_test\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                                   "Content-Transfer-Encoding: quoted-printable\r\nContent-Language: fr\r\n\r\n");
    const char *html = strstr(msg, "\r\n--=_test\r\nContent-Type: text/html; charset=UTF-8\r\n"
                                   "Content-Transfer-Encoding: quoted-printable\r\nContent-Language: fr\r\n\r\n");
    const char *end = strstr(msg, "\r\n--=_test--\r\n");
    assert_non_null(text), assert_non_null(html), assert_non_null(end);
    assert_true(text < html && html < end);
    assert_string_equal(end, "\r\n--=_test--\r\n");
    text = strstr(text, "\r\n\r\n") + 4;
    char *encoded = strndup(text, (size_t)(strstr(text, "\r\n--=_test") - text));
    assert_lines(encoded, 76);
    assert_non_null(strstr(encoded, "Bonjour Am=C3=A9lie,"));
    assert_non_null(strstr(encoded, "=3D 100 %"));   /* '=' is always encoded */
    assert_non_null(strstr(encoded, "\r\n=2E\r\n")); /* a lone '.' line can never end the SMTP data */
    char *decoded = qp_decode(encoded);
    assert_string_equal(decoded, french.text);
    free(decoded), free(encoded);
    buf_free(&out);
}

static void test_quoted_printable(void **state)
{
    (void)state;
    const char *spanish = "¡Hola, Señora Núñez! Gracias por registrarse en la plataforma; abra este enlace para "
                          "confirmar su dirección de correo electrónico, por favor: añadimos más texto aquí.   \n"
                          "trailing tab\t\r\nend with space ";
    struct buf out = BUF_INIT;
    mime_qp_encode(&out, spanish, strlen(spanish));
    assert_lines(buf_str(&out), 76);
    assert_non_null(strstr(buf_str(&out), "  =20\r\n")); /* a space before a line end is encoded */
    assert_non_null(strstr(buf_str(&out), "tab=09\r\n"));
    assert_non_null(strstr(buf_str(&out), "space=20"));
    char *decoded = qp_decode(buf_str(&out));
    assert_string_equal(decoded,
                        "¡Hola, Señora Núñez! Gracias por registrarse en la plataforma; abra este enlace para "
                        "confirmar su dirección de correo electrónico, por favor: añadimos más texto aquí.   \n"
                        "trailing tab\t\nend with space ");
    free(decoded);
    buf_free(&out);
    /* A 300-character word with no space is cut by soft breaks only. */
    char word[301];
    memset(word, 'x', 300);
    word[300] = '\0';
    mime_qp_encode(&out, word, 300);
    assert_lines(buf_str(&out), 76);
    decoded = qp_decode(buf_str(&out));
    assert_string_equal(decoded, word);
    free(decoded);
    buf_free(&out);
}

static void test_subject_encoding(void **state)
{
    (void)state;
    struct buf out = BUF_INIT;
    mime_header_text(&out, "Subject", "Plain ASCII subject");
    assert_string_equal(buf_str(&out), "Subject: Plain ASCII subject\r\n");
    buf_reset(&out);
    mime_header_text(&out, "Subject", "Looks like =?an encoded?= word");
    assert_memory_equal(buf_str(&out), "Subject: =?UTF-8?B?", 19);
    buf_reset(&out);
    char many[401] = "";
    for (int i = 0; i < 200; i++)
        strcat(many, "é");
    mime_header_text(&out, "Subject", many);
    assert_lines(buf_str(&out), 78);
    char *decoded = decode_words(buf_str(&out) + strlen("Subject: "));
    assert_string_equal(decoded, many);
    free(decoded);
    buf_free(&out);
}

static void test_injection_refused(void **state)
{
    (void)state;
    struct buf out = BUF_INIT;
    buf_puts(&out, "kept");
    struct mime_message m = french;
    m.subject = "Hello\r\nBcc: victim@example.org";
    assert_int_equal(mime_build(&m, &out), -1);
    m = french;
    m.subject = "Hello\nBcc: victim@example.org";
    assert_int_equal(mime_build(&m, &out), -1);
    m = french;
    m.subject = "";
    assert_int_equal(mime_build(&m, &out), -1);
    m = french;
    m.to = "amelie@example.fr\r\nBcc: victim@example.org";
    assert_int_equal(mime_build(&m, &out), -1);
    m = french;
    m.to = "amelie@example.fr>, <victim@example.org";
    assert_int_equal(mime_build(&m, &out), -1);
    m = french;
    m.from_name = "Hub\r\nBcc: victim@example.org";
    assert_int_equal(mime_build(&m, &out), -1);
    m = french;
    m.message_id = "x@y\r\nBcc: victim@example.org";
    assert_int_equal(mime_build(&m, &out), -1);
    m = french;
    m.boundary = "a\r\nb";
    assert_int_equal(mime_build(&m, &out), -1);
    m = french;
    m.text = "bad \xff utf-8";
    assert_int_equal(mime_build(&m, &out), -1);
    assert_string_equal(buf_str(&out), "kept");
    buf_free(&out);
}

static void test_random_boundary(void **state)
{
    (void)state;
    struct mime_message m = french;
    m.boundary = NULL;
    struct buf a = BUF_INIT, b = BUF_INIT;
    assert_int_equal(mime_build(&m, &a), 0);
    assert_int_equal(mime_build(&m, &b), 0);
    char *ta = header(buf_str(&a), "Content-Type"), *tb = header(buf_str(&b), "Content-Type");
    assert_memory_equal(ta, "multipart/alternative; boundary=\"=_", 35);
    assert_int_equal(strlen(ta), strlen("multipart/alternative; boundary=\"=_\"") + 32);
    assert_string_not_equal(ta, tb);
    free(ta), free(tb);
    buf_free(&a), buf_free(&b);
}

static void test_backoff(void **state)
{
    (void)state;
    const int64_t want[] = {60, 120, 240, 480, 960, 1920, 3840, 7680, 15360, 21600, 21600};
    for (int i = 0; i < (int)(sizeof want / sizeof want[0]); i++)
        assert_int_equal(mail_backoff_s(i + 1), want[i]);
    assert_int_equal(mail_backoff_s(0), 60);
    assert_int_equal(mail_backoff_s(-3), 60);
    assert_int_equal(mail_backoff_s(100000), MAIL_BACKOFF_MAX_S);
    /* Retries until the give-up time: about twenty attempts over three days. */
    int64_t t = 0;
    int attempts = 0;
    while (t < MAIL_GIVE_UP_S)
        t += mail_backoff_s(++attempts);
    assert_in_range(attempts, 15, 25);
}

int main(void)
{
    const struct CMUnitTest mime[] = {
        cmocka_unit_test(test_addresses),        cmocka_unit_test(test_typed_addresses),        cmocka_unit_test(test_message_headers),
        cmocka_unit_test(test_message_parts),    cmocka_unit_test(test_quoted_printable),
        cmocka_unit_test(test_subject_encoding), cmocka_unit_test(test_injection_refused),
        cmocka_unit_test(test_random_boundary),  cmocka_unit_test(test_backoff),
    };
    return cmocka_run_group_tests_name("mail: MIME and backoff", mime, NULL, NULL);
}
