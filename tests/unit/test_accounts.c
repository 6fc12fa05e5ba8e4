/* Unit tests for the account building blocks: email normalisation, password
 * strength and hashing, single-use tokens (expiry, reuse), rate limits,
 * secrets, and the append-only audit log. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/audit.h"
#include "accounts/audit_detail.h"
#include "accounts/password.h"
#include "accounts/ratelimit.h"
#include "accounts/secret.h"
#include "accounts/tokens.h"
#include "accounts/users.h"
#include "i18n/i18n.h"
#include "unit_db.h"

static void emails_are_normalised_or_refused(void **state)
{
    (void)state;
    char out[255];
    assert_true(user_email_normalise("Ana.Maria@Example.ORG", out));
    assert_string_equal(out, "ana.maria@example.org");
    const char *bad[] = {"", "a", "no-at.example.org", "two@@example.org", "a@b@example.org", "@example.org",
                         "name@", "name@localhost", "name@.org", "name@example.org.", "na me@example.org",
                         "name@example.org\r\nBcc: x@y.z", "<x@y.z>", "\"q\"@example.org"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(user_email_normalise(bad[i], out));
    char longest[300];
    memset(longest, 'a', sizeof longest);
    strcpy(longest + 250, "@x.org");
    assert_false(user_email_normalise(longest, out));
}

static void weak_passwords_are_refused_with_a_reason(void **state)
{
    (void)state;
    i18n_use(LANG_FR);
    const char *why = password_weakness("short", "a@b.org", "Ana");
    assert_non_null(why);
    assert_non_null(strstr(why, "10"));
    assert_non_null(password_weakness("password123", "a@b.org", "Ana"));
    assert_non_null(password_weakness("aaaaaaaaaaaa", "a@b.org", "Ana"));
    assert_non_null(password_weakness("1234567890", "a@b.org", "Ana"));
    assert_non_null(password_weakness("anamaria-2024!", "anamaria@example.org", "Ana Maria"));
    assert_null(password_weakness("violet harbour tractor 42", "a@b.org", "Ana"));
    i18n_use(LANG_EN);
}

static void hashes_verify_only_the_right_password(void **state)
{
    (void)state;
    char hash[PASSWORD_HASH_LEN];
    assert_int_equal(password_hash("violet harbour tractor 42", hash), 0);
    assert_non_null(strstr(hash, "$argon2id$"));
    assert_true(password_verify("violet harbour tractor 42", hash));
    assert_false(password_verify("violet harbour tractor 43", hash));
    assert_false(password_verify("", hash));
    assert_false(password_verify("violet harbour tractor 42", NULL));
    assert_false(password_verify("violet harbour tractor 42", ""));
}

static void secrets_are_random_and_hashed(void **state)
{
    (void)state;
    char a[SECRET_TEXT_LEN], b[SECRET_TEXT_LEN], ha[SECRET_HASH_LEN], hb[SECRET_HASH_LEN];
    secret_new(a);
    secret_new(b);
    assert_int_equal(strlen(a), SECRET_TEXT_LEN - 1);
    assert_string_not_equal(a, b);
    assert_int_equal(strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), strlen(a));
    secret_hash(a, ha);
    secret_hash(b, hb);
    assert_int_equal(strlen(ha), 64);
    assert_string_not_equal(ha, hb);
    secret_hash(a, hb);
    assert_string_equal(ha, hb);
}

static int64_t new_user(const char *email)
{
    struct db *db = db_get();
    assert_int_equal(db_begin(db), 0);
    int64_t id = user_create(db, email, "Test", NULL, "member", "en", "UTC");
    assert_true(id > 0);
    assert_int_equal(user_create(db, email, "Again", NULL, "member", "en", "UTC"), 0); /* taken */
    assert_int_equal(db_commit(db), 0);
    return id;
}

static void tokens_work_once_and_expire(void **state)
{
    (void)state;
    struct db *db = db_get();
    int64_t id = new_user("tokens@example.org");
    char first[SECRET_TEXT_LEN], second[SECRET_TEXT_LEN], old[SECRET_TEXT_LEN];
    assert_int_equal(token_create(db, id, "reset", 3600, first), 0);
    assert_int_equal(token_create(db, id, "reset", 3600, second), 0);
    assert_int_equal(token_peek(db, first, "reset"), 0); /* replaced by the newer one */
    assert_int_equal(token_peek(db, second, "verify"), 0); /* wrong purpose */
    assert_int_equal(token_peek(db, second, "reset"), id);
    assert_int_equal(token_consume(db, second, "reset"), id);
    assert_int_equal(token_consume(db, second, "reset"), 0); /* single use */
    assert_int_equal(token_create(db, id, "verify", -1, old), 0);
    assert_int_equal(token_consume(db, old, "verify"), 0); /* expired */
    assert_int_equal(token_consume(db, "not-a-token", "verify"), 0);
    assert_int_equal(token_consume(db, NULL, "verify"), 0);
}

static void rate_limits_block_exponentially(void **state)
{
    (void)state;
    struct db *db = db_get();
    const char *key = "test:127.0.0.1";
    for (int i = 0; i < 3; i++)
        assert_int_equal(ratelimit_hit(db, key, 3, 3600, 30), 0);
    assert_int_equal(ratelimit_wait(db, key), 0);
    assert_int_equal(ratelimit_hit(db, key, 3, 3600, 30), 30);
    assert_int_equal(ratelimit_hit(db, key, 3, 3600, 30), 60);
    assert_int_equal(ratelimit_hit(db, key, 3, 3600, 30), 120);
    assert_true(ratelimit_wait(db, key) > 60);
    for (int i = 0; i < 40; i++)
        assert_true(ratelimit_hit(db, key, 3, 3600, 30) <= 24 * 3600);
    ratelimit_clear(db, key);
    assert_int_equal(ratelimit_wait(db, key), 0);
}

/* Untranslated (the C locale), each known shape reads back as its English
 * message; names, numbers and titles are kept; anything else is unchanged. */
static void audit_details_are_read_by_shape(void **state)
{
    (void)state;
    struct arena *a = arena_create();
    struct {
        const char *stored, *shown;
    } cases[] = {
        {"event spring-2024: proposal 12 up", "event spring-2024: proposal 12 moved up"},
        {"event spring-2024: statistics private", "event spring-2024: statistics made private"},
        {"event x: recording \"Panel, \"full\" video\"", "event x: recording “Panel, \"full\" video”"},
        {"event x: registration on, capacity 120, approval off, 3 promoted",
         "event x: registration on, capacity 120, approval off, 3 moved up from the waitlist"},
        {"event x: registration 7 declined", "event x: registration 7 declined"},
        {"member → organiser", "member → organiser"},
        {"draft to published", "from draft to published"},
        {"room 4: close", "room 4: closed"},
        {"event x: Back to School", "event x: Back to School"},
        {"posting spam", "posting spam"},
        {"proposal x1", "proposal x1"},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(audit_detail_text(a, cases[i].stored), cases[i].shown);
    assert_string_equal(audit_detail_text(a, NULL), "");
    arena_destroy(a);
}

static void audit_log_is_append_only(void **state)
{
    (void)state;
    struct db *db = db_get();
    int64_t id = new_user("audit@example.org");
    assert_int_equal(audit_record_as(db, NULL, 0, "signin_failed", id, NULL), 0);
    assert_int_equal(audit_record_as(db, NULL, id, "signin", id, "detail"), 0);
    assert_int_equal(db_exec(db, "UPDATE audit_log SET action = 'nothing'"), -1);
    assert_int_equal(db_exec(db, "DELETE FROM audit_log"), -1);
    struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM audit_log WHERE subject_id = ?");
    db_bind_int(st, 1, id);
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(db_col_int(st, 0), 2);
    db_reset(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(emails_are_normalised_or_refused),
        cmocka_unit_test(weak_passwords_are_refused_with_a_reason),
        cmocka_unit_test(hashes_verify_only_the_right_password),
        cmocka_unit_test(secrets_are_random_and_hashed),
        cmocka_unit_test(tokens_work_once_and_expire),
        cmocka_unit_test(rate_limits_block_exponentially),
        cmocka_unit_test(audit_log_is_append_only),
        cmocka_unit_test(audit_details_are_read_by_shape),
    };
    return cmocka_run_group_tests(tests, unit_db_i18n_setup, unit_db_teardown);
}
