/* Random secrets handed to people (session cookies, email links) and the
 * hashes under which the database keeps them. */
#ifndef DXHUB_ACCOUNTS_SECRET_H
#define DXHUB_ACCOUNTS_SECRET_H

#include <stddef.h>

#define SECRET_TEXT_LEN 44 /* 256 random bits, URL-safe base64 without padding, plus NUL */
#define SECRET_HASH_LEN 65 /* BLAKE2b-256 as hex, plus NUL */

/* Writes a new 256-bit random token as URL-safe text into out. */
void secret_new(char out[SECRET_TEXT_LEN]);
/* Writes the hex BLAKE2b-256 hash of text into out: what the database stores. */
void secret_hash(const char *text, char out[SECRET_HASH_LEN]);

#endif
