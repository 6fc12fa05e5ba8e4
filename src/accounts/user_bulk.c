/* `dxhub user bulk`: verified members with a session each, for load tests. */
#include "accounts/user_bulk.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "accounts/audit.h"
#include "accounts/secret.h"
#include "accounts/session.h"
#include "accounts/users.h"

static const char usage[] =
    "Usage: dxhub user bulk --count N --prefix PREFIX [--data DIR]\n"
    "\n"
    "A load-testing tool for operators: creates N verified members, without a\n"
    "password, named \"PREFIX n\" with the addresses PREFIX-n@example.invalid\n"
    "(n = 1..N), and one signed-in session each, in one transaction. Prints one\n"
    "line per member: \"sid=TOKEN CSRF\", the session cookie to send and the token\n"
    "its forms need (form field csrf or header X-CSRF-Token). Keep the output\n"
    "secret: anyone holding a line is signed in as that member. Do not use it on a\n"
    "hub that real people use.\n"
    "\n"
    "  --count N        how many members, 1 to 100000\n"
    "  --prefix PREFIX  1 to 32 characters a-z, 0-9 and '-', new to the hub\n"
    "  --data DIR       data folder, made by 'dxhub init' (env DXHUB_DATA; default ./data)\n"
    "\n"
    "Exit status: 0 created, 1 an address is taken (or the database failed),\n"
    "2 usage error.\n";

static bool prefix_ok(const char *p)
{
    size_t n = strlen(p);
    if (n == 0 || n > USER_BULK_PREFIX_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= '0' && p[i] <= '9') || p[i] == '-'))
            return false;
    return true;
}

/* One member and its session; the line for out goes into line. 1 made, 0 taken, -1 error. */
static int make_one(struct db *db, const char *prefix, int n, int64_t now, char *line, size_t len)
{
    char email[255], name[64], token[SECRET_TEXT_LEN], hash[SECRET_HASH_LEN], csrf[SECRET_TEXT_LEN];
    snprintf(email, sizeof email, "%s-%d@example.invalid", prefix, n);
    snprintf(name, sizeof name, "%s %d", prefix, n);
    int64_t id = user_create(db, email, name, NULL, "member", "en", "UTC");
    if (id <= 0)
        return id == 0 ? 0 : -1;
    secret_new(token);
    secret_hash(token, hash);
    secret_new(csrf);
    if (db_run(db, "UPDATE users SET verified_at = ? WHERE id = ?", "ii", now, id) ||
        db_run(db,
               "INSERT INTO user_sessions (token_hash, user_id, csrf, created_at, last_seen_at, expires_at, user_agent) "
               "VALUES (?, ?, ?, ?, ?, ?, 'dxhub user bulk')",
               "titiii", hash, id, csrf, now, now, now + SESSION_MAX_S))
        return -1;
    snprintf(line, len, "sid=%s %s\n", token, csrf);
    return 1;
}

int user_bulk_create(struct db *db, int count, const char *prefix, FILE *out)
{
    if (db_begin(db))
        return -1;
    int64_t now = (int64_t)time(NULL);
    size_t line_len = 2 * SECRET_TEXT_LEN + 8;
    char *lines = malloc((size_t)count * line_len);
    int rc = lines ? 0 : -1;
    for (int i = 0; rc == 0 && i < count; i++) {
        int made = make_one(db, prefix, i + 1, now, lines + (size_t)i * line_len, line_len);
        rc = made == 1 ? 0 : made == 0 ? 1 : -1;
    }
    char detail[96];
    snprintf(detail, sizeof detail, "%d members \"%s\" for load tests", count, prefix);
    if (rc == 0 && (audit_record_as(db, NULL, 0, "user_bulk_cli", 0, detail) || db_commit(db)))
        rc = -1;
    if (rc) {
        db_rollback(db);
    } else {
        for (int i = 0; i < count; i++)
            fputs(lines + (size_t)i * line_len, out);
    }
    free(lines);
    return rc;
}

int user_bulk_main(int argc, char **argv)
{
    static const struct option longopts[] = {{"count", required_argument, NULL, 'c'},
                                              {"prefix", required_argument, NULL, 'p'},
                                              {"data", required_argument, NULL, 'd'},
                                              {"help", no_argument, NULL, 'h'},
                                              {NULL, 0, NULL, 0}};
    const char *count = NULL, *prefix = NULL, *data = getenv("DXHUB_DATA");
    if (!data || !*data)
        data = "data";
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'c': count = optarg; break;
        case 'p': prefix = optarg; break;
        case 'd': data = optarg; break;
        case 'h': fputs(usage, stdout); return 0;
        default: fprintf(stderr, "dxhub: unknown or incomplete option %s\n\n%s", argv[optind - 1], usage); return 2;
        }
    }
    char *end = NULL;
    errno = 0;
    long n = count ? strtol(count, &end, 10) : 0;
    if (optind < argc || !count || !prefix || errno || *end || n < 1 || n > USER_BULK_MAX || !prefix_ok(prefix)) {
        fprintf(stderr, "dxhub: user bulk needs --count (1 to %d) and --prefix (a-z, 0-9, '-', at most %d)\n\n%s",
                USER_BULK_MAX, USER_BULK_PREFIX_MAX, usage);
        return 2;
    }
    struct stat st;
    char path[4096];
    if (stat(data, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "dxhub: there is no data folder %s: run 'dxhub init --data %s' first\n", data, data);
        return 1;
    }
    snprintf(path, sizeof path, "%s/dxhub.db", data);
    int rc = db_init(path) == 0 && db_get() ? user_bulk_create(db_get(), (int)n, prefix, stdout) : -1;
    if (rc == 1)
        fprintf(stderr, "dxhub: an address %s-n@example.invalid is taken already: choose another prefix\n", prefix);
    else if (rc < 0)
        fprintf(stderr, "dxhub: the members could not be created\n");
    else
        fprintf(stderr, "dxhub: %ld members created for load tests\n", n);
    db_shutdown();
    return rc == 0 ? 0 : 1;
}
