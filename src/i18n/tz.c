/* IANA time zones from the system tzdata: the cache of parsed zone files, offsets at an instant,
 * UTC/wall-clock conversions and the list of zones for pickers. */
#include "i18n/tz.h"

#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"
#include "i18n/tzif.h"

#define TZ_DEFAULT_DIR "/usr/share/zoneinfo"
#define TZ_NAME_MAX 128
#define TZ_FILE_MAX (1 << 20)
#define NBUCKETS 128
#define YEAR_MIN 1
#define YEAR_MAX 9999

/* The zone cache: a hash of singly linked lists keyed by the file's full path (so a changed $TZDIR
 * is a different key). Entries are published once, fully built, by a release store of the bucket
 * head under insert_lock and never change or go away afterwards, so readers walk the lists without
 * taking the lock. The number of entries is bounded by the files in the tz directory: a name whose
 * file does not parse is never cached. */
struct zone_entry {
    struct zone_entry *next;
    struct tzif tz;
    char path[];
};

static _Atomic(struct zone_entry *) buckets[NBUCKETS];
static pthread_mutex_t insert_lock = PTHREAD_MUTEX_INITIALIZER;

static bool name_char_ok(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '+' ||
           c == '-' || c == '.';
}

/* Accepts "Area/Location[/Sub]" shapes only: no empty component, none starting with '.'. */
static bool name_ok(const char *zone)
{
    if (!zone || !*zone || strlen(zone) >= TZ_NAME_MAX)
        return false;
    for (const char *p = zone; *p; p++) {
        bool starts_component = p == zone || p[-1] == '/';
        if (*p == '/' ? starts_component || !p[1] : starts_component && *p == '.')
            return false;
        if (*p != '/' && !name_char_ok(*p))
            return false;
    }
    return true;
}

static int zone_path(const char *zone, char *path, size_t size)
{
    const char *dir = getenv("TZDIR");
    if (!dir || !*dir)
        dir = TZ_DEFAULT_DIR;
    int n = snprintf(path, size, "%s/%s", dir, zone);
    return n > 0 && (size_t)n < size ? 0 : -1;
}

static uint32_t hash(const char *s)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static struct zone_entry *cache_find(const char *path, uint32_t h)
{
    struct zone_entry *e = atomic_load_explicit(&buckets[h % NBUCKETS], memory_order_acquire);
    while (e && strcmp(e->path, path) != 0)
        e = e->next;
    return e;
}

/* Reads a regular file of at most TZ_FILE_MAX bytes into *data (free() it). 0 or -1. */
static int read_small_file(const char *path, unsigned char **data, size_t *len)
{
    int rc = -1;
    struct stat st;
    unsigned char *buf = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size <= 0 || st.st_size > TZ_FILE_MAX)
        goto out;
    buf = xmalloc((size_t)st.st_size);
    size_t got = 0;
    while (got < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
        if (n <= 0)
            goto out;
        got += (size_t)n;
    }
    *data = buf;
    *len = got;
    buf = NULL;
    rc = 0;
out:
    free(buf);
    close(fd);
    return rc;
}

/* The zones a thread asked for last, by name and tzdata folder: a page asks for the same one or
 * two zones dozens of times, and checking the name, making the path and hashing it cost more
 * than the look-up itself. Cache entries are never freed, so the pointers stay valid. */
#define RECENT 4
#define RECENT_DIR_MAX 128

struct recent {
    char zone[TZ_NAME_MAX], dir[RECENT_DIR_MAX];
    const struct tzif *tz;
};

static _Thread_local struct recent recent[RECENT];
static _Thread_local unsigned recent_next;

static const struct tzif *zone_load(const char *zone);

static const struct tzif *zone_get(const char *zone)
{
    const char *dir = getenv("TZDIR");
    if (!dir)
        dir = "";
    if (!zone || strlen(zone) >= TZ_NAME_MAX || strlen(dir) >= RECENT_DIR_MAX)
        return zone_load(zone);
    for (unsigned i = 0; i < RECENT; i++)
        if (recent[i].tz && strcmp(recent[i].zone, zone) == 0 && strcmp(recent[i].dir, dir) == 0)
            return recent[i].tz;
    const struct tzif *tz = zone_load(zone);
    if (tz) {
        struct recent *r = &recent[recent_next++ % RECENT];
        strcpy(r->zone, zone);
        strcpy(r->dir, dir);
        r->tz = tz;
    }
    return tz;
}

/* The parsed zone, from the cache or loaded into it; NULL for a bad name or an unusable file. */
static const struct tzif *zone_load(const char *zone)
{
    char path[PATH_MAX];
    if (!name_ok(zone) || zone_path(zone, path, sizeof path))
        return NULL;
    uint32_t h = hash(path);
    struct zone_entry *e = cache_find(path, h);
    if (e)
        return &e->tz;
    pthread_mutex_lock(&insert_lock);
    e = cache_find(path, h); /* another thread may have loaded it meanwhile */
    if (!e) {
        unsigned char *data;
        size_t len;
        struct tzif tz;
        if (read_small_file(path, &data, &len) == 0) {
            if (tzif_parse(data, len, &tz) == 0) {
                size_t plen = strlen(path) + 1;
                e = xmalloc(sizeof *e + plen);
                e->tz = tz;
                memcpy(e->path, path, plen);
                e->next = atomic_load_explicit(&buckets[h % NBUCKETS], memory_order_relaxed);
                atomic_store_explicit(&buckets[h % NBUCKETS], e, memory_order_release);
            }
            free(data);
        }
    }
    pthread_mutex_unlock(&insert_lock);
    return e ? &e->tz : NULL;
}

bool tz_valid(const char *zone)
{
    return zone_get(zone) != NULL;
}

int tz_offset(const char *zone, int64_t utc, int *offset, char abbr[TZ_ABBR_MAX])
{
    const struct tzif *z = zone_get(zone);
    const struct tzif_type *t = z ? tzif_lookup(z, utc) : NULL;
    if (offset)
        *offset = t ? t->utoff : 0;
    if (abbr)
        snprintf(abbr, TZ_ABBR_MAX, "%s", t ? t->abbr : "UTC");
    return t ? 0 : -1;
}

static bool civil_ok(const struct civil *c)
{
    return c->year >= YEAR_MIN && c->year <= YEAR_MAX && c->month >= 1 && c->month <= 12 && c->day >= 1 &&
           c->day <= tzif_days_in_month(c->year, c->month) && c->hour >= 0 && c->hour <= 23 && c->minute >= 0 &&
           c->minute <= 59 && c->second >= 0 && c->second <= 59;
}

/* True when instant u reads as wall time (seconds as if UTC) in z. */
static bool reads_as(const struct tzif *z, int64_t u, int64_t wall)
{
    return u + tzif_lookup(z, u)->utoff == wall;
}

int tz_local_to_utc(const char *zone, const struct civil *local, int64_t *utc)
{
    const struct tzif *z = zone_get(zone);
    if (!z)
        return -1;
    if (!local || !civil_ok(local))
        return -2;
    int64_t wall = tzif_days_from_civil(local->year, local->month, local->day) * 86400 + local->hour * 3600 +
                   local->minute * 60 + local->second;
    /* No offset in tzdata reaches 16 h, so a day either side brackets the one transition (if any)
     * that can touch this wall time: `before` is the offset on its near side, `after` on its far
     * side. Each gives one candidate instant; keep those that really read as the wall time. */
    int64_t before = tzif_lookup(z, wall - 86400)->utoff;
    int64_t after = tzif_lookup(z, wall + 86400)->utoff;
    int64_t a = wall - before, b = wall - after;
    bool a_ok = reads_as(z, a, wall), b_ok = reads_as(z, b, wall);
    if (a_ok && b_ok)
        *utc = a < b ? a : b; /* fall-back overlap: the earlier instant */
    else if (b_ok)
        *utc = b;
    else
        *utc = a; /* a_ok, or a spring-forward gap: the old offset lands just after the gap */
    return 0;
}

void tz_utc_to_local(const char *zone, int64_t utc, struct civil *out)
{
    const int64_t lo = tzif_days_from_civil(YEAR_MIN, 1, 1) * 86400;
    const int64_t hi = tzif_days_from_civil(YEAR_MAX + 1, 1, 1) * 86400 - 1;
    /* An int offset cannot carry an instant this far out back inside the clamp; without this
     * first clamp, utc + offset could overflow at the ends of int64. */
    utc = utc < lo - INT32_MAX ? lo - INT32_MAX : utc > hi + INT32_MAX ? hi + INT32_MAX : utc;
    int offset;
    tz_offset(zone, utc, &offset, NULL);
    int64_t wall = utc + offset;
    wall = wall < lo ? lo : wall > hi ? hi : wall;
    int64_t days = tzif_floor_div(wall, 86400), secs = wall - days * 86400, year;
    tzif_civil_from_days(days, &year, &out->month, &out->day);
    out->year = (int)year;
    out->hour = (int)(secs / 3600);
    out->minute = (int)(secs / 60 % 60);
    out->second = (int)(secs % 60);
}

static const char **zone_list;
static size_t zone_count;
static pthread_once_t zone_list_once = PTHREAD_ONCE_INIT;

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Appends the third tab-separated field of each non-comment line of a *.tab file. */
static void read_tab(FILE *f, size_t *cap)
{
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
        char *save = NULL, *field = strtok_r(line, "\t\n", &save);
        for (int i = 0; field && i < 2; i++)
            field = strtok_r(NULL, "\t\n", &save);
        if (!field)
            continue;
        if (zone_count + 2 > *cap) {
            *cap = *cap ? *cap * 2 : 512;
            zone_list = xrealloc(zone_list, *cap * sizeof *zone_list);
        }
        zone_list[zone_count++] = xstrdup(field);
    }
}

static bool zone_file_exists(const char *zone)
{
    char path[PATH_MAX];
    struct stat st;
    return name_ok(zone) && zone_path(zone, path, sizeof path) == 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static void zone_list_load(void)
{
    static const char *const tables[] = {"zone.tab", "zone1970.tab"};
    size_t cap = 0;
    for (size_t i = 0; i < sizeof tables / sizeof tables[0] && zone_count == 0; i++) {
        char path[PATH_MAX];
        FILE *f = zone_path(tables[i], path, sizeof path) == 0 ? fopen(path, "re") : NULL;
        if (f) {
            read_tab(f, &cap);
            fclose(f);
        }
    }
    zone_list = xrealloc(zone_list, (zone_count + 2) * sizeof *zone_list);
    zone_list[zone_count++] = xstrdup("UTC");
    qsort(zone_list, zone_count, sizeof *zone_list, compare_names);
    size_t kept = 0;
    for (size_t i = 0; i < zone_count; i++) {
        if ((kept && strcmp(zone_list[kept - 1], zone_list[i]) == 0) || !zone_file_exists(zone_list[i]))
            free((char *)zone_list[i]);
        else
            zone_list[kept++] = zone_list[i];
    }
    zone_count = kept;
    zone_list[zone_count] = NULL;
}

size_t tz_list(const char ***zones)
{
    pthread_once(&zone_list_once, zone_list_load);
    *zones = zone_list;
    return zone_count;
}
