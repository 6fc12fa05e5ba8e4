/* Random secrets and their stored hashes, with libsodium. */
#include "accounts/secret.h"

#include <sodium.h>
#include <string.h>

void secret_new(char out[SECRET_TEXT_LEN])
{
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    sodium_bin2base64(out, SECRET_TEXT_LEN, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void secret_hash(const char *text, char out[SECRET_HASH_LEN])
{
    unsigned char digest[32];
    crypto_generichash(digest, sizeof digest, (const unsigned char *)text, strlen(text), NULL, 0);
    sodium_bin2hex(out, SECRET_HASH_LEN, digest, sizeof digest);
}
