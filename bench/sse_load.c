/* Load client for the live rooms' Server-Sent Events (`make bench`, bench/run.sh).
 *
 * Opens N event streams (GET /rooms/ROOM/stream) to a dxhub on 127.0.0.1, all
 * in one epoll loop, then causes events at a steady rate by posting questions
 * in that (post-moderated) room as a member (its cookie and CSRF token from
 * `dxhub user bulk`), and measures for each event the delay from the post to
 * the moment EVERY stream has received it (each question's text carries a
 * marker "bq#K#"), as well as each single delivery. Meanwhile it times
 * ordinary page requests (GET PAGE, one after another, as the member: never
 * from the page cache). With --pid it reads the server's resident memory
 * before the streams open and once they are all open. Prints one block of
 * figures and exits; every phase is bounded in time, so it always stops.
 *
 *   sse_load --port P --room R --cookie 'sid=...' --csrf TOKEN [--clients N]
 *            [--events E] [--rate PER_SECOND] [--page PATH] [--pid SERVER_PID]
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_EVENTS 10000
#define CONNECT_BATCH 500   /* streams connecting at once (the listen queue is finite) */
#define CONNECT_LIMIT_S 120 /* all streams must be open by then */
#define DRAIN_LIMIT_S 15    /* after the last post, wait this long for deliveries */
#define MARK_CARRY 24       /* bytes kept between reads, so a marker cut in two is still found */

struct options {
    int port, clients, events;
    double rate;
    long room, pid;
    const char *cookie, *csrf, *page;
};

/* One event stream: HTTP head, then chunked body, scanned for markers. */
enum stream_state { S_CONNECTING, S_HEAD, S_SIZE, S_DATA, S_DATA_END, S_DEAD };
struct stream {
    int fd;
    enum stream_state state;
    uint32_t head_tail;  /* last 4 bytes of the head, to find CRLF CRLF */
    uint64_t chunk_left; /* bytes of the current chunk still to come */
    int last_k;          /* the newest event marker seen */
    bool greeted;        /* received body bytes (the retry hint): the stream is open */
    char carry[MARK_CARRY];
    size_t ncarry;
};

/* A one-shot request on its own connection (Connection: close): a post or a page. */
struct oneshot {
    int fd;
    uint64_t tag;
    bool busy;
    char req[2048];
    size_t reqlen, sent;
    double started;
    char status[16];
    size_t nstatus;
};

static struct options opt = {.clients = 1000, .events = 100, .rate = 10, .page = "/"};
static struct stream *streams;
static int epfd;
static int nopen, ndead;
static double post_at[MAX_EVENTS + 1], all_at[MAX_EVENTS + 1];
static int received[MAX_EVENTS + 1];
static double *deliveries; /* every single delivery's delay, ms */
static size_t ndeliveries, cap_deliveries;
static double *pages; /* page request durations, ms */
static size_t npages, cap_pages, page_errors;
static int post_errors;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
    fprintf(stderr, "sse_load: %s: %s\n", what, strerror(errno));
    exit(1);
}

static void push(double **arr, size_t *n, size_t *cap, double v)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 1024;
        *arr = realloc(*arr, *cap * sizeof **arr);
        if (!*arr)
            die("out of memory");
    }
    (*arr)[(*n)++] = v;
}

static void raise_nofile(int want)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl))
        return;
    if (rl.rlim_cur < (rlim_t)want) {
        rl.rlim_cur = rl.rlim_max < (rlim_t)want ? rl.rlim_max : (rlim_t)want;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < (rlim_t)want)
        fprintf(stderr, "sse_load: open-file limit %llu is below the %d needed\n", (unsigned long long)rl.rlim_cur,
                want);
}

/* A non-blocking connection to 127.0.0.1:port, registered with epoll under tag. */
static int connect_local(uint64_t tag, uint32_t events)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)opt.port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) && errno != EINPROGRESS) {
        close(fd);
        return -1;
    }
    struct epoll_event ev = {.events = events, .data.u64 = tag};
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev)) {
        close(fd);
        return -1;
    }
    return fd;
}

/* Tags: streams are 0..N-1; the two one-shot connections come after. */
#define TAG_POST ((uint64_t)1 << 40)
#define TAG_PAGE (TAG_POST + 1)

static void stream_open(int i)
{
    struct stream *s = &streams[i];
    memset(s, 0, sizeof *s);
    s->fd = connect_local((uint64_t)i, EPOLLOUT | EPOLLIN | EPOLLRDHUP);
    s->state = s->fd < 0 ? S_DEAD : S_CONNECTING;
    if (s->fd < 0)
        ndead++;
}

static void stream_kill(struct stream *s)
{
    if (s->state == S_DEAD)
        return;
    if (s->greeted)
        nopen--;
    ndead++;
    close(s->fd);
    s->state = S_DEAD;
}

/* Counts marker K seen on stream s at time t. */
static void saw_marker(struct stream *s, int k, double t)
{
    if (k < 1 || k > opt.events || k <= s->last_k || post_at[k] == 0)
        return;
    s->last_k = k;
    push(&deliveries, &ndeliveries, &cap_deliveries, (t - post_at[k]) * 1000);
    if (++received[k] == opt.clients)
        all_at[k] = t;
}

/* Scans body bytes for markers "bq#K#", keeping a tail for the next call. */
static void scan_body(struct stream *s, const char *p, size_t n, double t)
{
    s->greeted = s->greeted || n > 0;
    char buf[MARK_CARRY + 16384];
    while (n) {
        size_t take = n < 16384 ? n : 16384;
        memcpy(buf, s->carry, s->ncarry);
        memcpy(buf + s->ncarry, p, take);
        size_t len = s->ncarry + take;
        for (char *m = memmem(buf, len, "bq#", 3); m; m = memmem(m + 3, len - (size_t)(m + 3 - buf), "bq#", 3)) {
            char *end = memchr(m + 3, '#', len - (size_t)(m + 3 - buf));
            if (!end)
                break;
            saw_marker(s, atoi(m + 3), t);
        }
        s->ncarry = len < MARK_CARRY ? len : MARK_CARRY;
        memmove(s->carry, buf + len - s->ncarry, s->ncarry);
        p += take;
        n -= take;
    }
}

/* Feeds received bytes through the head and chunk parser. */
static void stream_feed(struct stream *s, const char *p, size_t n, double t)
{
    while (n && s->state != S_DEAD) {
        switch (s->state) {
        case S_HEAD:
            s->head_tail = (s->head_tail << 8) | (uint8_t)*p;
            if (s->head_tail == 0x0d0a0d0a)
                s->state = S_SIZE;
            p++, n--;
            break;
        case S_SIZE:
            if (*p == '\n') {
                s->state = s->chunk_left ? S_DATA : S_DEAD;
            } else if (*p >= '0' && *p <= '9') {
                s->chunk_left = s->chunk_left * 16 + (uint64_t)(*p - '0');
            } else if ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'f') {
                s->chunk_left = s->chunk_left * 16 + (uint64_t)((*p | 0x20) - 'a' + 10);
            }
            p++, n--;
            break;
        case S_DATA: {
            size_t take = n < s->chunk_left ? n : (size_t)s->chunk_left;
            scan_body(s, p, take, t);
            s->chunk_left -= take;
            p += take, n -= take;
            if (!s->chunk_left)
                s->state = S_DATA_END;
            break;
        }
        case S_DATA_END:
            if (*p == '\n')
                s->state = S_SIZE;
            p++, n--;
            break;
        default: n = 0; break;
        }
    }
}

static void stream_event(struct stream *s, uint32_t events, double t)
{
    if (s->state == S_CONNECTING && (events & EPOLLOUT)) {
        char req[256];
        int len = snprintf(req, sizeof req,
                           "GET /rooms/%ld/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n",
                           opt.room);
        if (write(s->fd, req, (size_t)len) != len) {
            stream_kill(s);
            return;
        }
        s->state = S_HEAD;
        struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP, .data.u64 = (uint64_t)(s - streams)};
        epoll_ctl(epfd, EPOLL_CTL_MOD, s->fd, &ev);
    }
    if (events & (EPOLLIN | EPOLLRDHUP | EPOLLERR | EPOLLHUP)) {
        char buf[16384];
        for (;;) {
            ssize_t n = read(s->fd, buf, sizeof buf);
            if (n > 0) {
                bool was = s->greeted;
                stream_feed(s, buf, (size_t)n, t);
                if (!was && s->greeted)
                    nopen++;
                continue;
            }
            if (n == 0 || (errno != EAGAIN && errno != EINTR))
                stream_kill(s);
            break;
        }
    }
}

/* Starts a one-shot request on o (request text already in o->req). */
static void oneshot_start(struct oneshot *o, uint64_t tag)
{
    o->tag = tag;
    o->fd = connect_local(tag, EPOLLOUT | EPOLLIN | EPOLLRDHUP);
    o->busy = o->fd >= 0;
    o->sent = o->nstatus = 0;
    o->started = now_s();
}

/* Progresses o; returns the HTTP status once the server closed (0: not done,
 * -1: failed). */
static int oneshot_event(struct oneshot *o, uint32_t events)
{
    if ((events & EPOLLOUT) && o->sent < o->reqlen) {
        ssize_t n = write(o->fd, o->req + o->sent, o->reqlen - o->sent);
        if (n > 0)
            o->sent += (size_t)n;
        if (o->sent == o->reqlen) {
            struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP, .data.u64 = o->tag};
            epoll_ctl(epfd, EPOLL_CTL_MOD, o->fd, &ev);
        }
    }
    if (!(events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)))
        return 0;
    char buf[16384];
    for (;;) {
        ssize_t n = read(o->fd, buf, sizeof buf);
        if (n > 0) {
            for (ssize_t i = 0; i < n && o->nstatus < sizeof o->status - 1; i++)
                o->status[o->nstatus++] = buf[i];
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            return 0;
        close(o->fd);
        o->busy = false;
        o->status[o->nstatus] = '\0';
        return n == 0 && strncmp(o->status, "HTTP/1.1 ", 9) == 0 ? atoi(o->status + 9) : -1;
    }
}

static void post_prepare(struct oneshot *o, int k)
{
    char body[512];
    int blen = snprintf(body, sizeof body, "body=Load+test+question+bq%%23%d%%23&language=en&csrf=%s", k, opt.csrf);
    o->reqlen = (size_t)snprintf(o->req, sizeof o->req,
                                 "POST /rooms/%ld/questions HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                                 "Cookie: %s\r\nAccept: application/json\r\n"
                                 "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s",
                                 opt.room, opt.cookie, blen, body);
}

static void page_prepare(struct oneshot *o)
{
    o->reqlen = (size_t)snprintf(o->req, sizeof o->req,
                                 "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nCookie: %s\r\n\r\n",
                                 opt.page, opt.cookie);
}

static long rss_kb(long pid)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%ld/status", pid);
    FILE *f = fopen(path, "r");
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmRSS:", 6) == 0)
            kb = atol(line + 6);
    if (f)
        fclose(f);
    return kb;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The q-quantile (0..1) of v[0..n) (sorted in place); -1 when empty. */
static double quantile(double *v, size_t n, double q)
{
    if (!n)
        return -1;
    qsort(v, n, sizeof *v, cmp_double);
    size_t i = (size_t)(q * (double)(n - 1) + 0.5);
    return v[i < n ? i : n - 1];
}

/* Handles what epoll reports for up to timeout_ms; the post and page
 * connections report through *post / *page. */
static void poll_once(int timeout_ms, struct oneshot *post, struct oneshot *page, int *post_status)
{
    struct epoll_event evs[1024];
    int n = epoll_wait(epfd, evs, 1024, timeout_ms);
    double t = now_s();
    for (int i = 0; i < n; i++) {
        uint64_t tag = evs[i].data.u64;
        if (tag == TAG_POST) {
            int st = oneshot_event(post, evs[i].events);
            if (st)
                *post_status = st;
        } else if (tag == TAG_PAGE) {
            int st = oneshot_event(page, evs[i].events);
            if (st) {
                if (st == 200)
                    push(&pages, &npages, &cap_pages, (now_s() - page->started) * 1000);
                else
                    page_errors++;
            }
        } else {
            stream_event(&streams[tag], evs[i].events, t);
        }
    }
}

static void usage(void)
{
    fputs("Usage: sse_load --port P --room R --cookie 'sid=...' --csrf TOKEN [--clients N] [--events E]\n"
          "                [--rate PER_SECOND] [--page PATH] [--pid SERVER_PID]\n",
          stderr);
    exit(2);
}

static void parse_args(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"port", 1, NULL, 'p'},    {"room", 1, NULL, 'r'},   {"cookie", 1, NULL, 'c'}, {"csrf", 1, NULL, 't'},
        {"clients", 1, NULL, 'n'}, {"events", 1, NULL, 'e'}, {"rate", 1, NULL, 'R'},   {"page", 1, NULL, 'g'},
        {"pid", 1, NULL, 'P'},     {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'p': opt.port = atoi(optarg); break;
        case 'r': opt.room = atol(optarg); break;
        case 'c': opt.cookie = optarg; break;
        case 't': opt.csrf = optarg; break;
        case 'n': opt.clients = atoi(optarg); break;
        case 'e': opt.events = atoi(optarg); break;
        case 'R': opt.rate = atof(optarg); break;
        case 'g': opt.page = optarg; break;
        case 'P': opt.pid = atol(optarg); break;
        default: usage();
        }
    }
    if (opt.port <= 0 || opt.room <= 0 || !opt.cookie || !opt.csrf || opt.clients < 1 || opt.events < 1 ||
        opt.events > MAX_EVENTS || opt.rate <= 0)
        usage();
}

int main(int argc, char **argv)
{
    parse_args(argc, argv);
    raise_nofile(opt.clients + 64);
    epfd = epoll_create1(EPOLL_CLOEXEC);
    if (epfd < 0)
        die("epoll_create1");
    streams = calloc((size_t)opt.clients, sizeof *streams);
    if (!streams)
        die("out of memory");
    struct oneshot post = {0}, page = {0};
    int post_status = 0;
    long rss_before = opt.pid ? rss_kb(opt.pid) : -1;

    /* Phase 1: open every stream, a batch at a time. */
    double t0 = now_s();
    int started = 0;
    while ((nopen + ndead < opt.clients) && now_s() - t0 < CONNECT_LIMIT_S) {
        while (started < opt.clients && started - nopen - ndead < CONNECT_BATCH)
            stream_open(started++);
        poll_once(100, &post, &page, &post_status);
    }
    double connect_s = now_s() - t0;
    sleep(1); /* let the server settle before reading its memory */
    long rss_open = opt.pid ? rss_kb(opt.pid) : -1;
    int connected = nopen;

    /* Phase 2: post events at a steady rate while timing pages; then drain. */
    double start = now_s(), interval = 1.0 / opt.rate, last_post = 0;
    int k = 0, all_done = 0;
    for (;;) {
        double t = now_s();
        if (k < opt.events && !post.busy && t >= start + k * interval) {
            post_prepare(&post, ++k);
            oneshot_start(&post, TAG_POST);
            post_at[k] = post.started;
            last_post = post.started;
        }
        if (!page.busy) {
            page_prepare(&page);
            oneshot_start(&page, TAG_PAGE);
        }
        post_status = 0;
        poll_once(5, &post, &page, &post_status);
        if (post_status && post_status != 303 && post_status != 200 && post_status != 201)
            post_errors++;
        all_done = 0;
        for (int i = 1; i <= k; i++)
            all_done += all_at[i] > 0;
        if (k == opt.events && (all_done == k || now_s() - last_post > DRAIN_LIMIT_S))
            break;
        if (nopen + ndead < opt.clients && now_s() - start > opt.events / opt.rate + DRAIN_LIMIT_S + 5)
            break;
    }

    /* Figures. */
    double *all = malloc(sizeof(double) * (size_t)k);
    size_t nall = 0;
    int missing = 0;
    for (int i = 1; i <= k; i++) {
        if (all_at[i] > 0)
            all[nall++] = (all_at[i] - post_at[i]) * 1000;
        missing += opt.clients - received[i];
    }
    printf("SSE load: %d clients asked, %d streams open after %.1f s (%d failed)\n", opt.clients, connected, connect_s,
           ndead);
    if (rss_before > 0 && rss_open > 0)
        printf("  server memory: RSS %.1f MB before, %.1f MB with the streams open: %.1f KB per client\n",
               rss_before / 1024.0, rss_open / 1024.0, connected ? (double)(rss_open - rss_before) / connected : 0);
    printf("  %d questions posted at %.0f/s (%d refused); %zu reached every client, %d deliveries missing\n", k,
           opt.rate, post_errors, nall, missing);
    printf("  delay until every client had it: p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", quantile(all, nall, 0.5),
           quantile(all, nall, 0.99), quantile(all, nall, 1.0));
    printf("  each single delivery: p50 %.1f ms, p99 %.1f ms (%zu deliveries)\n",
           quantile(deliveries, ndeliveries, 0.5), quantile(deliveries, ndeliveries, 0.99), ndeliveries);
    printf("  page %s meanwhile: %zu requests, p50 %.1f ms, p99 %.1f ms, max %.1f ms (%zu errors)\n", opt.page, npages,
           quantile(pages, npages, 0.5), quantile(pages, npages, 0.99), quantile(pages, npages, 1.0), page_errors);
    for (int i = 0; i < opt.clients; i++)
        if (streams[i].state != S_DEAD)
            close(streams[i].fd);
    free(all);
    free(streams);
    free(deliveries);
    free(pages);
    return 0;
}
