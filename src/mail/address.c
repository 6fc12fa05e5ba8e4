/* Email addresses as people type them, normalised to what the mailer sends
 * to (see address.h). */
#include "mail/address.h"

#include <ctype.h>
#include <string.h>
#include <unicode/uidna.h>

#include "mail/mime.h"

/* Converts the domain d (UTF-8) to its ASCII form in out (size n). */
static bool domain_to_ascii(const char *d, char *out, int32_t n)
{
    UErrorCode err = U_ZERO_ERROR;
    UIDNA *idna = uidna_openUTS46(UIDNA_USE_STD3_RULES | UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ |
                                      UIDNA_NONTRANSITIONAL_TO_ASCII,
                                  &err);
    if (U_FAILURE(err))
        return false;
    UIDNAInfo info = UIDNA_INFO_INITIALIZER;
    int32_t len = uidna_nameToASCII_UTF8(idna, d, -1, out, n - 1, &info, &err);
    uidna_close(idna);
    if (U_FAILURE(err) || info.errors || len <= 0 || len >= n)
        return false;
    out[len] = '\0';
    return true;
}

bool mail_address_normalise(const char *in, char out[MAIL_ADDRESS_MAX + 1])
{
    size_t n = strlen(in);
    const char *at = strrchr(in, '@');
    if (n > MAIL_ADDRESS_MAX || !at || at == in)
        goto refused;
    size_t local = (size_t)(at - in);
    for (size_t i = 0; i < local; i++) {
        if ((unsigned char)in[i] >= 0x80)
            goto refused;
        out[i] = (char)tolower((unsigned char)in[i]);
    }
    out[local] = '@';
    char *domain = out + local + 1;
    if (domain_to_ascii(at + 1, domain, (int32_t)(MAIL_ADDRESS_MAX - local)) && strchr(domain, '.') &&
        mime_address_ok(out))
        return true;
refused:
    out[0] = '\0';
    return false;
}
