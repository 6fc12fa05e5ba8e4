/* Unit tests of the outbox and the sender thread: mail_enqueue renders the templates in the
 * recipient's language inside the caller's transaction (a rollback queues nothing) and refuses
 * what could reach the headers; the sender delivers to a real SMTP server (Debian's
 * python3-aiosmtpd, tests/http/smtp_sink.py), retries after a refusal, keeps messages while no
 * server is configured and sends them once one is, and gives up after MAIL_GIVE_UP_S. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "db/db.h"
#include "i18n/i18n.h"
#include "mail/delivery.h"
#include "mail/mail_strings.h"
#include "mail/outbox.h"
#include "view/templates.h"
#include "unit_db.h"

#define PYTHON "/usr/bin/python3" /* Debian's, which has aiosmtpd (a pyenv python3 may not) */
#define SINK "tests/http/smtp_sink.py"

/* Polls expr every 50 ms for at most 20 s: a safety net, not a timing assertion. */
#define WAIT_UNTIL(expr)                                                                                               \
    do {                                                                                                               \
        for (int i_ = 0; i_ < 400 && !(expr); i_++)                                                                    \
            usleep(50000);                                                                                             \
    } while (0)

static int setup(void **state)
{
    mail_register_strings(); /* before i18n_init, which builds the string tables */
    return unit_db_i18n_setup(state) || templates_init(NULL) ? -1 : 0;
}

static int teardown(void **state)
{
    templates_shutdown();
    return unit_db_teardown(state);
}

/* The first column of the first row of sql, with ? bound to id: as a number (-1: no row) or a
 * copied text (free it; NULL for no row or NULL). */
static int64_t row_int(const char *sql, int64_t id)
{
    struct db_stmt *st = db_prepare(db_get(), sql);
    int64_t v = -1;
    if (st && db_bind_int(st, 1, id) == 0 && db_step(st) == DB_ROW)
        v = db_col_int(st, 0);
    db_reset(st);
    return v;
}

static char *row_text(const char *sql, int64_t id)
{
    struct db_stmt *st = db_prepare(db_get(), sql);
    char *v = NULL;
    if (st && db_bind_int(st, 1, id) == 0 && db_step(st) == DB_ROW && db_col_text(st, 0))
        v = strdup(db_col_text(st, 0));
    db_reset(st);
    return v;
}

static int64_t outbox_count(void)
{
    return row_int("SELECT count(*) FROM outbox WHERE ? IS NOT NULL", 0);
}
static int64_t last_id(void)
{
    return row_int("SELECT coalesce(max(id), 0) FROM outbox WHERE ? IS NOT NULL", 0);
}
static int64_t status_is(int64_t id, const char *status)
{
    char *s = row_text("SELECT status FROM outbox WHERE id = ?", id);
    bool same = s && strcmp(s, status) == 0;
    free(s);
    return same;
}

/* Queues a verify email to `to` in lang with a name that HTML would have to escape. */
static int enqueue_verify(const char *to, enum lang lang)
{
    json_t *data =
        json_pack("{s:s, s:s}", "name", "Zoë & <Léa>", "link", "http://localhost:8080/verify?token=Ab_9-z&check=1");
    int rc = mail_enqueue(db_get(), to, lang, "verify", data);
    json_decref(data);
    return rc;
}

static void assert_contains(const char *haystack, const char *needle)
{
    if (!haystack || !strstr(haystack, needle))
        fail_msg("\"%s\" not found in:\n%s", needle, haystack ? haystack : "(null)");
}

static void test_enqueue_in_each_language(void **state)
{
    (void)state;
    for (int l = 0; l < LANG_COUNT; l++) {
        assert_int_equal(enqueue_verify("zoe@example.org", (enum lang)l), 0);
        int64_t id = last_id();
        i18n_use((enum lang)l);
        char *subject = row_text("SELECT subject FROM outbox WHERE id = ?", id);
        char *text = row_text("SELECT body_text FROM outbox WHERE id = ?", id);
        char *html = row_text("SELECT body_html FROM outbox WHERE id = ?", id);
        char *lang = row_text("SELECT lang FROM outbox WHERE id = ?", id);
        assert_string_equal(lang, i18n_code((enum lang)l));
        assert_string_equal(subject, _("Confirm your email address"));
        /* Plain text: the values as they are, no HTML entities. */
        assert_contains(text, "Zoë & <Léa>,");
        assert_contains(text, "\nhttp://localhost:8080/verify?token=Ab_9-z&check=1\n");
        assert_contains(text, _("The link works for seven days."));
        assert_null(strstr(text, "&amp;"));
        /* HTML: escaped, in the right language, titled with the subject. */
        assert_contains(html, "Zoë &amp; &lt;Léa&gt;,");
        assert_contains(html, "href=\"http://localhost:8080/verify?token=Ab_9-z&amp;check=1\"");
        assert_contains(html, i18n_code((enum lang)l));
        assert_null(strstr(html, "<Léa>"));
        char title[256];
        snprintf(title, sizeof title, "<title>%s</title>", subject);
        assert_contains(html, title);
        assert_true(status_is(id, "queued"));
        assert_int_equal(row_int("SELECT attempts FROM outbox WHERE id = ?", id), 0);
        free(subject), free(text), free(html), free(lang);
    }
    i18n_use(LANG_EN);
}

static void test_enqueue_every_template(void **state)
{
    (void)state;
    const char *names[] = {"verify", "reset", "set_password", "org_invite"};
    json_t *data = json_pack("{s:s, s:s, s:s, s:s}", "name", "Ana", "link", "http://localhost:8080/x?token=t",
                             "inviter", "Ana Souza", "org_name", "Diaspora Link");
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        assert_int_equal(mail_enqueue(db_get(), "ana@example.org", LANG_ES, names[i], data), 0);
        char *text = row_text("SELECT body_text FROM outbox WHERE id = ?", last_id());
        assert_contains(text, "http://localhost:8080/x?token=t");
        free(text);
    }
    char *subject = row_text("SELECT subject FROM outbox WHERE id = ?", last_id());
    assert_contains(subject, "Diaspora Link");
    free(subject);
    json_decref(data);
}

static void test_enqueue_follows_the_transaction(void **state)
{
    (void)state;
    int64_t before = outbox_count();
    assert_int_equal(db_begin(db_get()), 0);
    assert_int_equal(enqueue_verify("rolled@example.org", LANG_FR), 0);
    assert_int_equal(db_rollback(db_get()), 0);
    assert_int_equal(outbox_count(), before);
    assert_int_equal(db_begin(db_get()), 0);
    assert_int_equal(enqueue_verify("kept@example.org", LANG_FR), 0);
    assert_int_equal(db_commit(db_get()), 0);
    assert_int_equal(outbox_count(), before + 1);
}

static void test_enqueue_refuses(void **state)
{
    (void)state;
    int64_t before = outbox_count();
    assert_int_equal(enqueue_verify("zoe@example.org\r\nBcc: victim@example.org", LANG_EN), -1);
    assert_int_equal(enqueue_verify("Zoe <zoe@example.org>", LANG_EN), -1);
    assert_int_equal(mail_enqueue(db_get(), "zoe@example.org", LANG_EN, "no_such_mail", NULL), -1);
    assert_int_equal(mail_enqueue(db_get(), "zoe@example.org", LANG_EN, "../layout", NULL), -1);
    assert_int_equal(mail_enqueue(db_get(), "zoe@example.org", LANG_COUNT, "verify", NULL), -1);
    /* A value that would put a line break into the subject. */
    json_t *data = json_pack("{s:s, s:s, s:s}", "inviter", "Ana", "org_name", "Link\r\nBcc: victim@example.org", "link",
                             "http://localhost:8080/x");
    assert_int_equal(mail_enqueue(db_get(), "zoe@example.org", LANG_EN, "org_invite", data), -1);
    json_decref(data);
    assert_int_equal(outbox_count(), before);
}

static void test_start_refuses_bad_settings(void **state)
{
    (void)state;
    assert_int_equal(mail_start(&(struct mail_config){"http://127.0.0.1:25", NULL, NULL, "hub@example.org"}), -1);
    assert_int_equal(mail_start(&(struct mail_config){"smtp://", NULL, NULL, "hub@example.org"}), -1);
    assert_int_equal(mail_start(&(struct mail_config){"smtp://127.0.0.1:25", NULL, NULL, NULL}), -1);
    assert_int_equal(mail_start(&(struct mail_config){"smtp://127.0.0.1:25", NULL, NULL, "not an address"}), -1);
    assert_int_equal(mail_start(&(struct mail_config){"smtp://127.0.0.1:25", NULL, NULL, "Hub <hub@example.org"}), -1);
    assert_false(mail_sending());
    /* Without an SMTP URL nothing starts, and that is fine. */
    assert_int_equal(mail_start(&(struct mail_config){NULL, NULL, NULL, NULL}), 0);
    assert_false(mail_sending());
    mail_stop();
}

/* A real SMTP server: tests/http/smtp_sink.py writing what it receives into its own folder. */
struct sink {
    pid_t pid;
    int port, out; /* out: the read end of its stdout, kept open while it runs */
    char dir[64];
};

/* Reads the sink's first line ("ready PORT") into line, waiting at most 20 s. */
static bool sink_ready_line(int fd, char *line, size_t size)
{
    size_t n = 0;
    struct pollfd p = {fd, POLLIN, 0};
    while (n + 1 < size && !memchr(line, '\n', n) && poll(&p, 1, 20000) == 1) {
        ssize_t got = read(fd, line + n, size - n - 1);
        if (got <= 0)
            break;
        n += (size_t)got;
    }
    line[n] = '\0';
    return memchr(line, '\n', n) != NULL;
}

/* Starts the sink (refusing the first `fail` messages); false when it cannot run here. */
static bool sink_start(struct sink *s, int fail)
{
    int fds[2];
    char nfail[16], line[64];
    snprintf(s->dir, sizeof s->dir, "%s/sink-XXXXXX", unit_dir);
    snprintf(nfail, sizeof nfail, "%d", fail);
    if (access(PYTHON, X_OK) || !mkdtemp(s->dir) || pipe(fds))
        return false;
    s->pid = fork();
    if (s->pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        execl(PYTHON, PYTHON, SINK, s->dir, "--fail", nfail, (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    s->out = fds[0];
    if (!sink_ready_line(s->out, line, sizeof line) || sscanf(line, "ready %d", &s->port) != 1) {
        kill(s->pid, SIGKILL);
        waitpid(s->pid, NULL, 0);
        close(s->out);
        return false;
    }
    return true;
}

static void sink_stop(struct sink *s)
{
    kill(s->pid, SIGTERM);
    waitpid(s->pid, NULL, 0);
    close(s->out);
}

/* The sink's record of its nth message (1-based), or NULL when it has not come (yet). */
static json_t *sink_message(const struct sink *s, int n)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%04d.json", s->dir, n);
    return access(path, R_OK) ? NULL : json_load_file(path, 0, NULL);
}

/* Empties the outbox, so that a sender test sees only its own messages. */
static void outbox_clear(void)
{
    assert_int_equal(db_exec(db_get(), "DELETE FROM outbox"), 0);
}

static void start_sender(const struct sink *s)
{
    char url[64];
    snprintf(url, sizeof url, "smtp://127.0.0.1:%d", s->port);
    assert_int_equal(mail_start(&(struct mail_config){url, NULL, NULL, "Diaspora Hub <hub@example.org>"}), 0);
    assert_true(mail_sending());
}

#define SINK_OR_SKIP(s, fail)                                                                                          \
    do {                                                                                                               \
        if (!sink_start(s, fail)) {                                                                                    \
            print_message("no SMTP sink (" PYTHON " with aiosmtpd, scripts/deps.sh): skipped\n");                      \
            skip();                                                                                                    \
        }                                                                                                              \
    } while (0)

static const char *jstr(json_t *o, const char *path1, const char *path2)
{
    json_t *v = json_object_get(o, path1);
    return json_string_value(path2 ? json_object_get(v, path2) : v);
}

static void test_delivers_to_a_real_server(void **state)
{
    (void)state;
    struct sink s;
    SINK_OR_SKIP(&s, 0);
    outbox_clear();
    start_sender(&s);
    /* Queued inside a transaction: the sender must see it once it commits, without waiting for its poll. */
    assert_int_equal(db_begin(db_get()), 0);
    assert_int_equal(enqueue_verify("amelie@example.fr", LANG_FR), 0);
    int64_t id = last_id();
    assert_int_equal(db_commit(db_get()), 0);
    json_t *m = NULL;
    WAIT_UNTIL((m = sink_message(&s, 1)) != NULL);
    assert_non_null(m);
    WAIT_UNTIL(status_is(id, "sent"));
    mail_stop();
    sink_stop(&s);
    assert_true(status_is(id, "sent"));
    assert_int_equal(row_int("SELECT attempts FROM outbox WHERE id = ?", id), 1);
    assert_true(row_int("SELECT sent_at FROM outbox WHERE id = ?", id) > 0);
    assert_int_equal(row_int("SELECT length(body_text) + length(body_html) FROM outbox WHERE id = ?", id), 0);
    assert_string_equal(jstr(m, "mail_from", NULL), "hub@example.org");
    assert_string_equal(json_string_value(json_array_get(json_object_get(m, "rcpt_tos"), 0)), "amelie@example.fr");
    assert_string_equal(jstr(m, "type", NULL), "multipart/alternative");
    assert_int_equal(json_array_size(json_object_get(m, "defects")), 0);
    char *subject = row_text("SELECT subject FROM outbox WHERE id = ?", id);
    assert_string_equal(jstr(m, "subject", NULL), subject);
    assert_contains(jstr(m, "headers", "From"), "Diaspora Hub <hub@example.org>");
    assert_contains(jstr(m, "headers", "Message-ID"), "@example.org>");
    json_t *parts = json_object_get(m, "parts");
    assert_int_equal(json_array_size(parts), 2);
    const char *types[] = {"text/plain", "text/html"};
    for (size_t i = 0; i < 2; i++) {
        json_t *p = json_array_get(parts, i);
        assert_string_equal(jstr(p, "type", NULL), types[i]);
        assert_string_equal(jstr(p, "charset", NULL), "utf-8");
        assert_string_equal(jstr(p, "language", NULL), "fr");
        assert_int_equal(json_array_size(json_object_get(p, "defects")), 0);
    }
    assert_contains(jstr(json_array_get(parts, 0), "text", NULL), "http://localhost:8080/verify?token=Ab_9-z&check=1");
    assert_contains(jstr(json_array_get(parts, 0), "text", NULL), "Zoë & <Léa>");
    assert_contains(jstr(json_array_get(parts, 1), "text", NULL), "Zoë &amp; &lt;Léa&gt;");
    free(subject);
    json_decref(m);
}

static void test_retries_after_a_refusal(void **state)
{
    (void)state;
    struct sink s;
    SINK_OR_SKIP(&s, 1);
    outbox_clear();
    start_sender(&s);
    assert_int_equal(enqueue_verify("retry@example.org", LANG_ES), 0);
    int64_t id = last_id();
    WAIT_UNTIL(row_int("SELECT attempts FROM outbox WHERE id = ?", id) == 1);
    assert_true(status_is(id, "queued"));
    char *err = row_text("SELECT last_error FROM outbox WHERE id = ?", id);
    assert_contains(err, "451");
    free(err);
    assert_int_equal(row_int("SELECT next_attempt_at - last_attempt_at FROM outbox WHERE id = ?", id),
                     MAIL_BACKOFF_FIRST_S);
    /* Rather than wait a minute, make it due now. */
    struct db_stmt *st = db_prepare(db_get(), "UPDATE outbox SET next_attempt_at = 0 WHERE id = ?");
    db_bind_int(st, 1, id);
    assert_int_equal(db_step(st), DB_DONE);
    db_reset(st);
    mail_kick();
    WAIT_UNTIL(status_is(id, "sent"));
    mail_stop();
    sink_stop(&s);
    assert_true(status_is(id, "sent"));
    assert_int_equal(row_int("SELECT attempts FROM outbox WHERE id = ?", id), 2);
    assert_int_equal(row_int("SELECT last_error IS NULL FROM outbox WHERE id = ?", id), 1);
    json_t *m = sink_message(&s, 1);
    assert_non_null(m);
    assert_string_equal(json_string_value(json_array_get(json_object_get(m, "rcpt_tos"), 0)), "retry@example.org");
    json_decref(m);
}

/* Without an SMTP server messages wait; a later start (a restart with SMTP configured) sends them. */
static void test_waits_without_smtp_then_delivers(void **state)
{
    (void)state;
    outbox_clear();
    assert_int_equal(mail_start(&(struct mail_config){NULL, NULL, NULL, NULL}), 0);
    assert_int_equal(enqueue_verify("later@example.org", LANG_EN), 0);
    int64_t id = last_id();
    mail_stop();
    assert_true(status_is(id, "queued"));
    struct sink s;
    SINK_OR_SKIP(&s, 0);
    start_sender(&s);
    WAIT_UNTIL(status_is(id, "sent"));
    mail_stop();
    sink_stop(&s);
    assert_true(status_is(id, "sent"));
    json_t *m = sink_message(&s, 1);
    assert_non_null(m);
    assert_string_equal(json_string_value(json_array_get(json_object_get(m, "rcpt_tos"), 0)), "later@example.org");
    json_decref(m);
}

/* A port nobody listens on (bound, read, closed). */
static int closed_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    close(fd);
    return ntohs(a.sin_port);
}

static void test_gives_up_after_three_days(void **state)
{
    (void)state;
    outbox_clear();
    assert_int_equal(enqueue_verify("old@example.org", LANG_EN), 0);
    int64_t id = last_id();
    struct db_stmt *st = db_prepare(db_get(), "UPDATE outbox SET created_at = ? WHERE id = ?");
    db_bind_int(st, 1, (int64_t)time(NULL) - MAIL_GIVE_UP_S - 1);
    db_bind_int(st, 2, id);
    assert_int_equal(db_step(st), DB_DONE);
    db_reset(st);
    char url[64];
    snprintf(url, sizeof url, "smtp://127.0.0.1:%d", closed_port());
    assert_int_equal(mail_start(&(struct mail_config){url, NULL, NULL, "hub@example.org"}), 0);
    WAIT_UNTIL(status_is(id, "failed"));
    mail_stop();
    assert_true(status_is(id, "failed"));
    assert_int_equal(row_int("SELECT attempts FROM outbox WHERE id = ?", id), 1);
    char *err = row_text("SELECT last_error FROM outbox WHERE id = ?", id);
    assert_non_null(err);
    free(err);
}

/* A server that accepts the connection and never greets: the transfer hangs until stopped. */
static void test_stop_abandons_a_stuck_transfer(void **state)
{
    (void)state;
    outbox_clear();
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(listen(fd, 4), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    char url[64];
    snprintf(url, sizeof url, "smtp://127.0.0.1:%d", ntohs(a.sin_port));
    assert_int_equal(enqueue_verify("stuck@example.org", LANG_EN), 0);
    int64_t id = last_id();
    assert_int_equal(mail_start(&(struct mail_config){url, NULL, NULL, "hub@example.org"}), 0);
    /* Leased: the sender has it in hand and waits for the greeting. */
    WAIT_UNTIL(row_int("SELECT next_attempt_at > created_at + 60 FROM outbox WHERE id = ?", id) == 1);
    assert_int_equal(row_int("SELECT next_attempt_at > created_at + 60 FROM outbox WHERE id = ?", id), 1);
    mail_stop(); /* returns at once rather than after SMTP_TIMEOUT_S: the transfer is cancelled */
    close(fd);
    assert_true(status_is(id, "queued"));
    assert_int_equal(row_int("SELECT attempts FROM outbox WHERE id = ?", id), 0);
    assert_true(row_int("SELECT next_attempt_at FROM outbox WHERE id = ?", id) <= (int64_t)time(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_enqueue_in_each_language),        cmocka_unit_test(test_enqueue_every_template),
        cmocka_unit_test(test_enqueue_follows_the_transaction), cmocka_unit_test(test_enqueue_refuses),
        cmocka_unit_test(test_start_refuses_bad_settings),      cmocka_unit_test(test_delivers_to_a_real_server),
        cmocka_unit_test(test_retries_after_a_refusal),         cmocka_unit_test(test_waits_without_smtp_then_delivers),
        cmocka_unit_test(test_gives_up_after_three_days),       cmocka_unit_test(test_stop_abandons_a_stuck_transfer),
    };
    return cmocka_run_group_tests_name("mail: outbox and sender", tests, setup, teardown);
}
