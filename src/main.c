/* dxhub: the command line — serve, init, user, version — and their options. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "accounts/user_bulk.h"
#include "admin/user_add.h"
#include "app/app.h"
#include "app/base_url.h"
#include "core/json_arena.h"
#include "core/log.h"
#include "admin/demo_admin.h"
#include "db/db.h"
#include "events/demo.h"
#include "http/fragment_cache.h"
#include "http/page_cache.h"
#include "mail/sender.h"
#include "records/files.h"
#include "registration/reg_mail_worker.h"
#include "registration/reminders.h"
#include "http/static.h"
#include "i18n/i18n.h"
#include "live/live.h"
#include "view/templates.h"

#ifndef DXHUB_VERSION
#define DXHUB_VERSION "0.1.0"
#endif

#define EXIT_USAGE 2

struct options {
    const char *listen, *data, *base_url;
    const char *smtp_url, *smtp_user, *smtp_password_file, *mail_from;
    bool dev, demo, secure_cookies, durable;
    unsigned threads, max_connections, cache_ttl, fragment_ttl, reminder_interval, live_heartbeat;
    unsigned per_ip, header_timeout, request_timeout;
    size_t body_limit;
};

static const char usage_main[] =
    "Usage: dxhub COMMAND [OPTIONS]\n"
    "\n"
    "The Diaspora Exchange Hub.\n"
    "\n"
    "Commands:\n"
    "  serve     serve the hub over HTTP\n"
    "  init      create or migrate the database (--demo loads the demo events)\n"
    "  routes    print the route table\n"
    "  version   print the version\n"
    "  user      manage accounts: 'user add' creates one and prints a link to set its password;\n"
    "            'user bulk' makes signed-in test members for load tests\n"
    "\n"
    "Run 'dxhub COMMAND --help' for a command's options.\n";

static const char usage_serve[] =
    "Usage: dxhub serve [--listen ADDR:PORT] [--data DIR] [--dev] [--threads N]\n"
    "                   [--max-connections N] [--body-limit BYTES] [--secure-cookies]\n"
    "                   [--page-cache SECONDS] [--fragment-cache SECONDS]\n"
    "                   [--base-url URL] [--smtp-url URL]\n"
    "                   [--smtp-user NAME] [--smtp-password-file FILE] [--mail-from ADDRESS]\n"
    "                   [--reminder-interval SECONDS] [--live-heartbeat SECONDS]\n"
    "                   [--max-connections-per-ip N] [--header-timeout SECONDS]\n"
    "                   [--request-timeout SECONDS] [--durable]\n"
    "\n"
    "  --listen ADDR:PORT     address to listen on (env DXHUB_LISTEN; default 127.0.0.1:8080;\n"
    "                         \":8080\" for every interface, \"[::1]:8080\" for IPv6)\n"
    "  --data DIR             data folder: database and uploads (env DXHUB_DATA; default ./data)\n"
    "  --dev                  read templates/ and static/ from the current folder on every\n"
    "                         request, so that edits show on reload (env DXHUB_DEV=1)\n"
    "  --threads N            worker threads (env DXHUB_THREADS; default: one per core)\n"
    "  --max-connections N    simultaneous connections (env DXHUB_MAX_CONNECTIONS; default 10000)\n"
    "  --max-connections-per-ip N  simultaneous connections from one address; 0: no cap, which\n"
    "                         a reverse proxy needs (env DXHUB_MAX_CONNECTIONS_PER_IP;\n"
    "                         default a tenth of --max-connections)\n"
    "  --header-timeout SECONDS  time a client has to send a request's head, from connecting or\n"
    "                         from the previous answer (env DXHUB_HEADER_TIMEOUT; default 20)\n"
    "  --request-timeout SECONDS  time a client has to send a request's body, plus one second\n"
    "                         per 8 KiB of it (env DXHUB_REQUEST_TIMEOUT; default 60)\n"
    "  --durable              sync every database commit to disk (SQLite synchronous=FULL):\n"
    "                         a power loss then loses no acknowledged write; slower writes\n"
    "                         (env DXHUB_DURABLE=1; default NORMAL: the last commits may roll back)\n"
    "  --body-limit BYTES     largest form post accepted (env DXHUB_BODY_LIMIT; default 1048576)\n"
    "  --secure-cookies       the hub is served over HTTPS: mark cookies Secure\n"
    "                         (env DXHUB_SECURE_COOKIES=1)\n"
    "  --base-url URL         the hub's public address, for links in emails\n"
    "                         (env DXHUB_BASE_URL; default http://HOST:PORT of --listen, the\n"
    "                         machine's host name for a wildcard address)\n"
    "  --smtp-url URL         where to send email: smtp://host:587 (STARTTLS; required with a login) or\n"
    "                         smtps://host:465 (env DXHUB_SMTP_URL); without it messages wait\n"
    "                         in the outbox, which admins can read at /admin/outbox\n"
    "  --smtp-user NAME       SMTP login (env DXHUB_SMTP_USER)\n"
    "  --smtp-password-file F file holding the SMTP password (env DXHUB_SMTP_PASSWORD: the password)\n"
    "  --mail-from ADDRESS    sender of the hub's email (env DXHUB_MAIL_FROM;\n"
    "                         default noreply@localhost, shown under the hub's name)\n"
    "  --page-cache SECONDS   keep visitors' pages in memory this long at most; any database\n"
    "                         write empties it sooner; 0 turns it off (env DXHUB_PAGE_CACHE; default 10)\n"
    "  --fragment-cache SECONDS  keep the parts of pages shared by every viewer (an event's\n"
    "                         sessions, the home page's lists) this long at most, for signed-in\n"
    "                         members too; 0 turns it off (env DXHUB_FRAGMENT_CACHE; default 10)\n"
    "  --reminder-interval SECONDS  how often to queue the event reminders that are due\n"
    "                         (env DXHUB_REMINDER_INTERVAL; default 60)\n"
    "  --live-heartbeat SECONDS  how often live room streams get a heartbeat, which also frees\n"
    "                         the connections of departed browsers (env DXHUB_LIVE_HEARTBEAT; default 15)\n";

static const char usage_init[] = "Usage: dxhub init [--demo] [--data DIR]\n"
                                 "\n"
                                 "Creates the data folder and database, or brings the database up to date.\n"
                                 "Running it again changes nothing.\n"
                                 "\n"
                                 "  --data DIR   data folder (env DXHUB_DATA; default ./data)\n"
                                 "  --demo       also load the demo content: the Global Diaspora Virtual\n"
                                 "               Exchanges from 2020 to 2024\n";

static const char *env_or(const char *name, const char *fallback)
{
    const char *v = getenv(name);
    return v && *v ? v : fallback;
}

static bool env_flag(const char *name)
{
    const char *v = getenv(name);
    return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0 || strcmp(v, "yes") == 0);
}

/* Parses a positive number no larger than max; false on anything else. */
static bool parse_count(const char *s, unsigned long long max, unsigned long long *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || v == 0 || v > max || s[0] == '-')
        return false;
    *out = v;
    return true;
}

static int usage_error(const char *usage, const char *fmt, const char *arg)
{
    fprintf(stderr, "dxhub: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n\n%s", usage);
    return EXIT_USAGE;
}

static int parse_options(int argc, char **argv, const char *usage, struct options *o)
{
    static const struct option longopts[] = {
        {"listen", required_argument, NULL, 'l'},       {"data", required_argument, NULL, 'd'},
        {"dev", no_argument, NULL, 'D'},                {"demo", no_argument, NULL, 'm'},
        {"threads", required_argument, NULL, 't'},      {"max-connections", required_argument, NULL, 'c'},
        {"body-limit", required_argument, NULL, 'b'},   {"secure-cookies", no_argument, NULL, 's'},
        {"page-cache", required_argument, NULL, 'p'},    {"base-url", required_argument, NULL, 'u'},
        {"smtp-url", required_argument, NULL, 'S'},      {"smtp-user", required_argument, NULL, 'U'},
        {"smtp-password-file", required_argument, NULL, 'P'}, {"mail-from", required_argument, NULL, 'F'},
        {"reminder-interval", required_argument, NULL, 'r'}, {"live-heartbeat", required_argument, NULL, 'H'},
        {"max-connections-per-ip", required_argument, NULL, 'I'}, {"header-timeout", required_argument, NULL, 'T'},
        {"request-timeout", required_argument, NULL, 'R'}, {"durable", no_argument, NULL, 'Y'},
        {"fragment-cache", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},               {NULL, 0, NULL, 0}};
    unsigned long long n;
    const char *threads = env_or("DXHUB_THREADS", NULL), *conns = env_or("DXHUB_MAX_CONNECTIONS", "10000"),
               *body = env_or("DXHUB_BODY_LIMIT", "1048576"), *cache = env_or("DXHUB_PAGE_CACHE", "10"),
               *fragments = env_or("DXHUB_FRAGMENT_CACHE", "10"),
               *reminders = env_or("DXHUB_REMINDER_INTERVAL", "60"),
               *heartbeat = env_or("DXHUB_LIVE_HEARTBEAT", "15"),
               *per_ip = env_or("DXHUB_MAX_CONNECTIONS_PER_IP", NULL),
               *header_timeout = env_or("DXHUB_HEADER_TIMEOUT", "20"),
               *request_timeout = env_or("DXHUB_REQUEST_TIMEOUT", "60");
    o->listen = env_or("DXHUB_LISTEN", "127.0.0.1:8080");
    o->data = env_or("DXHUB_DATA", "data");
    o->base_url = env_or("DXHUB_BASE_URL", NULL);
    o->smtp_url = env_or("DXHUB_SMTP_URL", NULL);
    o->smtp_user = env_or("DXHUB_SMTP_USER", NULL);
    o->mail_from = env_or("DXHUB_MAIL_FROM", "noreply@localhost");
    o->dev = env_flag("DXHUB_DEV");
    o->secure_cookies = env_flag("DXHUB_SECURE_COOKIES");
    o->durable = env_flag("DXHUB_DURABLE");
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'l': o->listen = optarg; break;
        case 'd': o->data = optarg; break;
        case 'D': o->dev = true; break;
        case 'm': o->demo = true; break;
        case 't': threads = optarg; break;
        case 'c': conns = optarg; break;
        case 'b': body = optarg; break;
        case 's': o->secure_cookies = true; break;
        case 'p': cache = optarg; break;
        case 'f': fragments = optarg; break;
        case 'u': o->base_url = optarg; break;
        case 'S': o->smtp_url = optarg; break;
        case 'U': o->smtp_user = optarg; break;
        case 'P': o->smtp_password_file = optarg; break;
        case 'F': o->mail_from = optarg; break;
        case 'r': reminders = optarg; break;
        case 'H': heartbeat = optarg; break;
        case 'I': per_ip = optarg; break;
        case 'T': header_timeout = optarg; break;
        case 'R': request_timeout = optarg; break;
        case 'Y': o->durable = true; break;
        case 'h': fputs(usage, stdout); return 1;
        default: return usage_error(usage, "unknown or incomplete option %s", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return usage_error(usage, "unexpected argument %s", argv[optind]);
    if (threads && !parse_count(threads, 1024, &n))
        return usage_error(usage, "--threads needs a number from 1 to 1024, not %s", threads);
    o->threads = threads ? (unsigned)n : 0;
    if (!parse_count(conns, 1000000, &n))
        return usage_error(usage, "--max-connections needs a number from 1 to 1000000, not %s", conns);
    o->max_connections = (unsigned)n;
    if (!parse_count(body, 1ULL << 32, &n))
        return usage_error(usage, "--body-limit needs a number of bytes, not %s", body);
    o->body_limit = (size_t)n;
    if (strcmp(cache, "0") != 0 && !parse_count(cache, 86400, &n))
        return usage_error(usage, "--page-cache needs a number of seconds from 0 to 86400, not %s", cache);
    o->cache_ttl = strcmp(cache, "0") == 0 ? 0 : (unsigned)n;
    if (strcmp(fragments, "0") != 0 && !parse_count(fragments, 86400, &n))
        return usage_error(usage, "--fragment-cache needs a number of seconds from 0 to 86400, not %s", fragments);
    o->fragment_ttl = strcmp(fragments, "0") == 0 ? 0 : (unsigned)n;
    if (!parse_count(reminders, 86400, &n))
        return usage_error(usage, "--reminder-interval needs a number of seconds from 1 to 86400, not %s", reminders);
    o->reminder_interval = (unsigned)n;
    if (!parse_count(heartbeat, 3600, &n))
        return usage_error(usage, "--live-heartbeat needs a number of seconds from 1 to 3600, not %s", heartbeat);
    o->live_heartbeat = (unsigned)n;
    if (per_ip && strcmp(per_ip, "0") != 0 && !parse_count(per_ip, 1000000, &n))
        return usage_error(usage, "--max-connections-per-ip needs a number from 0 to 1000000, not %s", per_ip);
    o->per_ip = !per_ip ? (o->max_connections + 9) / 10 : strcmp(per_ip, "0") == 0 ? 0 : (unsigned)n;
    if (!parse_count(header_timeout, 3600, &n))
        return usage_error(usage, "--header-timeout needs a number of seconds from 1 to 3600, not %s", header_timeout);
    o->header_timeout = (unsigned)n;
    if (!parse_count(request_timeout, 86400, &n))
        return usage_error(usage, "--request-timeout needs a number of seconds from 1 to 86400, not %s",
                           request_timeout);
    o->request_timeout = (unsigned)n;
    return 0;
}

/* Reads the first line of path (NULL: nothing to read) into out. 0 or -1. */
static int read_secret(const char *path, char *out, size_t n)
{
    if (!path)
        return 0;
    FILE *f = fopen(path, "r");
    if (!f || !fgets(out, (int)n, f)) {
        fprintf(stderr, "dxhub: cannot read the SMTP password from %s\n", path);
        if (f)
            fclose(f);
        return -1;
    }
    fclose(f);
    out[strcspn(out, "\r\n")] = '\0';
    return 0;
}

/* Creates the data folder if needed and opens (migrating) its database. */
static int open_data(const char *dir)
{
    if (mkdir(dir, 0750) && errno != EEXIST) {
        fprintf(stderr, "dxhub: cannot create the data folder %s: %s\n", dir, strerror(errno));
        return -1;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/dxhub.db", dir);
    return db_init(path);
}

/* Parses the options and opens the data folder: its database (migrated)
 * and its translations. Returns -1 when the command should go on, else the
 * exit status (0 after --help). */
static int prepare(int argc, char **argv, const char *usage, struct options *o)
{
    int rc = parse_options(argc, argv, usage, o);
    if (rc)
        return rc == 1 ? 0 : rc;
    app_register_strings();
    if (o->base_url)
        app_set_base_url(o->base_url);
    db_set_durable(o->durable);
    char locale_dir[4096];
    snprintf(locale_dir, sizeof locale_dir, "%s/locale", o->data);
    if (open_data(o->data) || i18n_init(locale_dir)) {
        i18n_shutdown();
        db_shutdown();
        return 1;
    }
    return -1;
}

static int cmd_init(int argc, char **argv)
{
    struct options o = {0};
    int rc = prepare(argc, argv, usage_init, &o);
    if (rc >= 0)
        return rc;
    rc = o.demo && (demo_load() || admin_demo_account(db_get())) ? 1 : 0;
    if (rc == 0)
        printf("dxhub: database %s/dxhub.db is at schema version %d%s\n", o.data, db_schema_version(db_get()),
               o.demo ? ", with the demo content" : "");
    i18n_shutdown();
    db_shutdown();
    return rc;
}

/* Without --base-url: http://HOST:PORT of the listen address (port, when
 * not 0, replaces the one written there), set as the hub's address, with a
 * warning when only this machine can follow it. 0 or -1. */
static int derive_base_url(const char *listen, unsigned port, char *out, size_t n)
{
    const char *colon = strrchr(listen, ':');
    bool loopback = false;
    if (!port && colon)
        port = (unsigned)strtoul(colon + 1, NULL, 10);
    if (base_url_from_listen(listen, port, out, n, &loopback))
        return -1;
    app_set_base_url(out);
    if (loopback && port) /* port 0: derived again once bound */
        log_event(LOG_WARN, NULL,
                  "the hub's address is a loopback one: links in emails and calendars work only on this "
                  "machine; set --base-url",
                  "base_url", out, NULL);
    return 0;
}

static int cmd_serve(int argc, char **argv)
{
    struct options o = {0};
    int rc = prepare(argc, argv, usage_serve, &o);
    if (rc >= 0)
        return rc;
    if (templates_init(o.dev ? "templates" : NULL) || static_init(o.dev ? "static" : NULL) || files_init(o.data)) {
        rc = 1;
        goto out;
    }
    app_init();
    page_cache_init(o.cache_ttl);
    fragment_cache_init(o.fragment_ttl);
    char derived[320];
    if (!o.base_url && derive_base_url(o.listen, 0, derived, sizeof derived) == 0)
        o.base_url = derived;
    request_set_secure_cookies(o.secure_cookies);
    struct server_config cfg = {.listen = o.listen,
                                .threads = o.threads,
                                .conn_limit = o.max_connections,
                                .body_limit = o.body_limit,
                                .upload_limit = 64u << 20,
                                .conn_timeout_s = 60,
                                .per_ip_limit = o.per_ip,
                                .header_timeout_s = o.header_timeout,
                                .request_timeout_s = o.request_timeout,
                                .body_min_rate = 8192,
                                .secure_cookies = o.secure_cookies,
                                .base_url = o.base_url};
    char password[512] = "";
    if (read_secret(o.smtp_password_file, password, sizeof password)) {
        rc = 1;
        goto out;
    }
    struct mail_config mail = {.smtp_url = o.smtp_url,
                               .user = o.smtp_user,
                               .password = o.smtp_password_file ? password : env_or("DXHUB_SMTP_PASSWORD", NULL),
                               .from = o.mail_from};
    live_set_heartbeat(o.live_heartbeat);
    if (mail_start(&mail) || reg_mail_worker_start() || reminders_start(o.reminder_interval) || live_start()) {
        reminders_stop();
        reg_mail_worker_stop();
        mail_stop();
        rc = 1;
        goto out;
    }
    struct server_app hooks = app_server_hooks();
    hooks.stopping = live_stop; /* streams end before the workers stop */
    rc = server_start(&cfg, &hooks) == 0 ? 0 : 1;
    if (rc == 0 && o.base_url == derived && strtoul(strrchr(o.listen, ':') + 1, NULL, 10) == 0)
        derive_base_url(o.listen, server_port(), derived, sizeof derived); /* "--listen HOST:0" */
    if (rc == 0)
        server_wait_and_stop();
    live_stop();
    reminders_stop();
    reg_mail_worker_stop();
    mail_stop();
out:
    page_cache_shutdown();
    fragment_cache_shutdown();
    static_shutdown();
    templates_shutdown();
    i18n_shutdown();
    db_shutdown();
    log_event(LOG_INFO, NULL, "stopped", NULL);
    return rc;
}

static const char usage_user[] =
    "Usage: dxhub user add --email EMAIL --name NAME --role ROLE [--lang LANG]\n"
    "                      [--data DIR] [--base-url URL]\n"
    "\n"
    "Creates an account without a password and prints, on its own line, a one-time\n"
    "link (valid for 7 days) where its owner chooses one. An operator made the account,\n"
    "so its email address counts as verified.\n"
    "\n"
    "  --email EMAIL    the person's email address; it may not have an account yet\n"
    "  --name NAME      the name shown on the hub\n"
    "  --role ROLE      member, organiser, moderator or admin\n"
    "  --lang LANG      en, fr or es: the language of the hub's emails to them (default en)\n"
    "  --data DIR       data folder, made by 'dxhub init' (env DXHUB_DATA; default ./data)\n"
    "  --base-url URL   the hub's public address, which the link starts with\n"
    "                   (env DXHUB_BASE_URL; default http://localhost:8080)\n"
    "\n"
    "Exit status: 0 created, 1 the email address has an account already (or the\n"
    "database failed), 2 usage error.\n"
    "\n"
    "dxhub user bulk --count N --prefix PREFIX [--data DIR] makes N signed-in test\n"
    "members for load tests: see 'dxhub user bulk --help'.\n";

/* dxhub user add: an account made by an operator, and the link that lets
 * its owner choose a password. */
static int cmd_user(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"email", required_argument, NULL, 'e'}, {"name", required_argument, NULL, 'n'},
        {"role", required_argument, NULL, 'r'},  {"lang", required_argument, NULL, 'L'},
        {"data", required_argument, NULL, 'd'},  {"base-url", required_argument, NULL, 'u'},
        {"help", no_argument, NULL, 'h'},        {NULL, 0, NULL, 0}};
    if (argc < 2) {
        fputs(usage_user, stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        fputs(usage_user, stdout);
        return 0;
    }
    if (strcmp(argv[1], "bulk") == 0)
        return user_bulk_main(argc - 1, argv + 1);
    if (strcmp(argv[1], "add") != 0)
        return usage_error(usage_user, "unknown user command \"%s\"", argv[1]);
    const char *email = NULL, *name = NULL, *role = NULL, *lang = "en", *data = env_or("DXHUB_DATA", "data"),
               *base = env_or("DXHUB_BASE_URL", "http://localhost:8080");
    int c;
    opterr = 0;
    optind = 1;
    /* Options follow "add", which stands where getopt expects the program name. */
    while ((c = getopt_long(argc - 1, argv + 1, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'e': email = optarg; break;
        case 'n': name = optarg; break;
        case 'r': role = optarg; break;
        case 'L': lang = optarg; break;
        case 'd': data = optarg; break;
        case 'u': base = optarg; break;
        case 'h': fputs(usage_user, stdout); return 0;
        default: return usage_error(usage_user, "unknown or incomplete option %s", argv[optind]);
        }
    }
    if (optind < argc - 1)
        return usage_error(usage_user, "unexpected argument %s", argv[optind + 1]);
    if (!email || !name || !role)
        return usage_error(usage_user, "%s", "user add needs --email, --name and --role");
    char normalised[255];
    const char *problem = admin_user_add_check(email, name, role, lang, normalised, &lang);
    if (problem)
        return usage_error(usage_user, "%s", problem);
    struct stat st;
    if (stat(data, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "dxhub: there is no data folder %s: run 'dxhub init --data %s' first\n", data, data);
        return 1;
    }
    char token[SECRET_TEXT_LEN];
    struct db *db = open_data(data) == 0 ? db_get() : NULL;
    int64_t id = db ? admin_user_add(db, normalised, name, role, lang, NULL, token) : -1;
    if (id > 0) {
        int n = (int)strlen(base);
        while (n > 0 && base[n - 1] == '/')
            n--;
        fprintf(stderr, "dxhub: account %lld created for %s (%s); its owner chooses a password here:\n",
                (long long)id, normalised, role);
        printf("%.*s/password/new?token=%s\n", n, base, token);
    } else if (id == 0) {
        fprintf(stderr, "dxhub: %s already has an account\n", normalised);
    } else {
        fprintf(stderr, "dxhub: the account could not be created\n");
    }
    db_shutdown();
    return id > 0 ? 0 : 1;
}

/* Prints the route table as JSON lines, for operators and for the
 * authorization-matrix test, which must cover every route. */
static int cmd_routes(int argc, char **argv)
{
    static const char *const perms[] = {"public", "member", "organiser", "moderator", "admin"};
    if (argc > 1) {
        fputs(strcmp(argv[1], "--help") == 0 ? "Usage: dxhub routes\n\nPrints every route: method, path pattern "
                                                "and the permission it needs, one JSON object a line.\n"
                                              : "Usage: dxhub routes\n",
              strcmp(argv[1], "--help") == 0 ? stdout : stderr);
        return strcmp(argv[1], "--help") == 0 ? 0 : EXIT_USAGE;
    }
    for (size_t i = 0; i < app_nroutes; i++)
        printf("{\"method\":\"%s\",\"pattern\":\"%s\",\"perm\":\"%s\"}\n", http_method_name(app_routes[i].method),
               app_routes[i].pattern, perms[app_routes[i].perm]);
    return 0;
}

int main(int argc, char **argv)
{
    json_arena_install(); /* before any jansson value exists */
    if (argc < 2) {
        fputs(usage_main, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "serve") == 0)
        return cmd_serve(argc - 1, argv + 1);
    if (strcmp(cmd, "init") == 0)
        return cmd_init(argc - 1, argv + 1);
    if (strcmp(cmd, "routes") == 0)
        return cmd_routes(argc - 1, argv + 1);
    if (strcmp(cmd, "user") == 0)
        return cmd_user(argc - 1, argv + 1);
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        if (argc > 2 && strcmp(argv[2], "--help") == 0) {
            fputs("Usage: dxhub version\n\nPrints the version of dxhub.\n", stdout);
            return 0;
        }
        if (argc > 2) {
            fprintf(stderr, "dxhub: version takes no arguments\n");
            return EXIT_USAGE;
        }
        printf("dxhub %s\n", DXHUB_VERSION);
        return 0;
    }
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        fputs(usage_main, stdout);
        return 0;
    }
    fprintf(stderr, "dxhub: unknown command \"%s\"\n\n%s", cmd, usage_main);
    return EXIT_USAGE;
}
