/* Passwords: argon2id hashes (libsodium) and strength checks (libpwquality).
 *
 * Hashing takes crypto_pwhash_MEMLIMIT_INTERACTIVE (64 MiB) and tens of
 * milliseconds; at most PASSWORD_MAX_PARALLEL run at once (a semaphore), so
 * a burst of sign-ins queues instead of exhausting memory. */
#ifndef DXHUB_ACCOUNTS_PASSWORD_H
#define DXHUB_ACCOUNTS_PASSWORD_H

#include <stdbool.h>
#include <sodium.h>

#define PASSWORD_MIN_LEN 10
#define PASSWORD_MAX_LEN 1024
#define PASSWORD_MAX_PARALLEL 2
#define PASSWORD_HASH_LEN crypto_pwhash_STRBYTES

/* Hashes password into out. Returns 0, or -1 when out of memory. */
int password_hash(const char *password, char out[PASSWORD_HASH_LEN]);
/* True when password matches hash. A NULL or empty hash never matches, but
 * costs as much time as a real check (no timing difference for unknown
 * accounts). */
bool password_verify(const char *password, const char *hash);
/* Why password is not acceptable for this person, translated into the
 * calling thread's language; NULL when it is fine. Checks the length
 * (PASSWORD_MIN_LEN..PASSWORD_MAX_LEN), then libpwquality (dictionary
 * words, too simple, too similar to the email or name). */
const char *password_weakness(const char *password, const char *email, const char *name);

#endif
