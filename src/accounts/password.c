/* Passwords: argon2id hashes with a cap on parallel hashing, and strength
 * checks with libpwquality. */
#include "accounts/password.h"

#include <pthread.h>
#include <pwquality.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>

#include "i18n/i18n.h"

static sem_t slots;
static char dummy_hash[PASSWORD_HASH_LEN]; /* verified against for unknown accounts */
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void init_once(void)
{
    sem_init(&slots, 0, PASSWORD_MAX_PARALLEL);
    /* Should it fail (no memory), unknown accounts simply verify faster. */
    if (crypto_pwhash_str(dummy_hash, "not a password of anyone", 24, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        dummy_hash[0] = '\0';
}

/* Each hash takes 64 MiB: hold a slot while it runs. */
static void slot_take(void)
{
    pthread_once(&once, init_once);
    while (sem_wait(&slots) != 0)
        ;
}

static void slot_give(void) { sem_post(&slots); }

int password_hash(const char *password, char out[PASSWORD_HASH_LEN])
{
    slot_take();
    int rc = crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                               crypto_pwhash_MEMLIMIT_INTERACTIVE);
    slot_give();
    return rc == 0 ? 0 : -1;
}

bool password_verify(const char *password, const char *hash)
{
    bool real = hash && *hash;
    slot_take();
    bool ok = crypto_pwhash_str_verify(real ? hash : dummy_hash, password, strlen(password)) == 0;
    slot_give();
    return real && ok;
}

/* libpwquality's reasons, in our words and languages. */
static const char *explain(int code)
{
    switch (code) {
    case PWQ_ERROR_CRACKLIB_CHECK:
        return _("This password is based on a dictionary word or a common password. Please choose one that is "
                 "harder to guess, for example a few unrelated words.");
    case PWQ_ERROR_USER_CHECK:
    case PWQ_ERROR_GECOS_CHECK:
    case PWQ_ERROR_BAD_WORDS:
        return _("This password contains your name or email address. Please choose another.");
    case PWQ_ERROR_PALINDROME:
    case PWQ_ERROR_MAX_CONSECUTIVE:
    case PWQ_ERROR_MAX_SEQUENCE:
    case PWQ_ERROR_MAX_CLASS_REPEAT:
    case PWQ_ERROR_MIN_CLASSES:
    case PWQ_ERROR_MIN_DIGITS:
    case PWQ_ERROR_MIN_UPPERS:
    case PWQ_ERROR_MIN_LOWERS:
    case PWQ_ERROR_MIN_OTHERS:
    case PWQ_ERROR_TOO_SIMILAR:
    case PWQ_ERROR_SAME_PASSWORD:
    case PWQ_ERROR_ROTATED:
    case PWQ_ERROR_CASE_CHANGES_ONLY:
        return _("This password is too simple: it repeats characters or follows an obvious sequence. Please "
                 "choose one that is harder to guess.");
    default:
        return NULL;
    }
}

const char *password_weakness(const char *password, const char *email, const char *name)
{
    size_t n = strlen(password);
    if (n < PASSWORD_MIN_LEN)
        return _("Please use at least 10 characters.");
    if (n > PASSWORD_MAX_LEN)
        return _("Please use at most 1024 characters.");
    pwquality_settings_t *pwq = pwquality_default_settings();
    if (!pwq)
        return NULL;
    /* Length is ours; the rest (dictionary, simplicity) is libpwquality's. */
    pwquality_set_int_value(pwq, PWQ_SETTING_MIN_LENGTH, PASSWORD_MIN_LEN);
    pwquality_set_int_value(pwq, PWQ_SETTING_DICT_CHECK, 1);
    pwquality_set_int_value(pwq, PWQ_SETTING_USER_CHECK, 1);
    pwquality_set_int_value(pwq, PWQ_SETTING_MAX_REPEAT, 4);
    pwquality_set_int_value(pwq, PWQ_SETTING_MAX_SEQUENCE, 5);
    char words[600];
    snprintf(words, sizeof words, "%s %s", email ? email : "", name ? name : "");
    for (char *p = words; *p; p++)
        if (*p == '@' || *p == '.' || *p == ',')
            *p = ' ';
    pwquality_set_str_value(pwq, PWQ_SETTING_BAD_WORDS, words);
    void *aux = NULL;
    int score = pwquality_check(pwq, password, NULL, email, &aux);
    pwquality_free_settings(pwq);
    if (score >= 0)
        return NULL;
    const char *why = explain(score);
    return why ? why : _("This password is too easy to guess. Please choose another.");
}
