/* Reading TZif zone files (RFC 8536): the 64-bit data block of version 2+ files (or the 32-bit
 * block of version 1 files) and the POSIX TZ footer, checked against every limit the RFC sets,
 * since the files come from the disk and tests feed hand-made ones. */
#include "i18n/tzif.h"

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

#define HEADER_LEN 44
#define FOOTER_MAX 256
#define MAX_TIMES 100000 /* real zones have a few hundred at most */
#define MAX_OFFSET (26 * 3600)

struct header {
    int version; /* 1..4 */
    uint32_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
};

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
    return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

static int read_header(const unsigned char *p, size_t len, struct header *h)
{
    if (len < HEADER_LEN || memcmp(p, "TZif", 4) != 0)
        return -1;
    if (p[4] == 0)
        h->version = 1;
    else if (p[4] >= '2' && p[4] <= '4')
        h->version = p[4] - '0';
    else
        return -1;
    h->isutcnt = be32(p + 20);
    h->isstdcnt = be32(p + 24);
    h->leapcnt = be32(p + 28);
    h->timecnt = be32(p + 32);
    h->typecnt = be32(p + 36);
    h->charcnt = be32(p + 40);
    if (h->typecnt == 0 || h->typecnt > 256 || h->charcnt == 0 || h->charcnt > 4096 || h->timecnt > MAX_TIMES ||
        (h->isutcnt && h->isutcnt != h->typecnt) || (h->isstdcnt && h->isstdcnt != h->typecnt) ||
        h->leapcnt > MAX_TIMES)
        return -1;
    return 0;
}

/* Bytes of the data block that follows a header, for 4- or 8-byte times. */
static size_t block_len(const struct header *h, size_t timesize)
{
    return h->timecnt * timesize + h->timecnt + h->typecnt * 6 + h->charcnt + h->leapcnt * (timesize + 4) +
           h->isstdcnt + h->isutcnt;
}

static int read_types(const unsigned char *p, const struct header *h, struct tzif *z)
{
    const unsigned char *chars = p + h->typecnt * 6;
    z->ntypes = h->typecnt;
    z->types = xcalloc(z->ntypes, sizeof *z->types);
    for (size_t i = 0; i < z->ntypes; i++, p += 6) {
        int32_t utoff = (int32_t)be32(p);
        size_t desig = p[5];
        if (utoff <= -MAX_OFFSET || utoff >= MAX_OFFSET || p[4] > 1 || desig >= h->charcnt)
            return -1;
        size_t n = strnlen((const char *)chars + desig, h->charcnt - desig);
        if (desig + n == h->charcnt || n >= TZIF_ABBR_MAX)
            return -1; /* not NUL-terminated inside the block, or absurdly long */
        z->types[i].utoff = utoff;
        z->types[i].isdst = p[4];
        memcpy(z->types[i].abbr, chars + desig, n);
    }
    return 0;
}

static int read_block(const unsigned char *p, const struct header *h, size_t timesize, struct tzif *z)
{
    z->ntimes = h->timecnt;
    z->times = xcalloc(z->ntimes, sizeof *z->times);
    z->idx = xcalloc(z->ntimes, 1);
    for (size_t i = 0; i < z->ntimes; i++, p += timesize) {
        z->times[i] = timesize == 8 ? be64(p) : (int32_t)be32(p);
        if (i > 0 && z->times[i] <= z->times[i - 1])
            return -1;
    }
    for (size_t i = 0; i < z->ntimes; i++, p++) {
        if (*p >= h->typecnt)
            return -1;
        z->idx[i] = *p;
    }
    return read_types(p, h, z);
}

static int read_footer(const unsigned char *p, size_t len, struct tzif *z)
{
    if (len < 2 || p[0] != '\n')
        return -1;
    const unsigned char *end = memchr(p + 1, '\n', len - 1 < FOOTER_MAX ? len - 1 : FOOTER_MAX);
    if (!end)
        return -1;
    size_t n = (size_t)(end - p - 1);
    if (n == 0)
        return 0; /* an empty footer: the last transition's type holds for ever */
    char rule[FOOTER_MAX];
    memcpy(rule, p + 1, n);
    rule[n] = '\0';
    if (tzif_rule_parse(rule, &z->rule))
        return -1;
    z->has_rule = true;
    return 0;
}

int tzif_parse(const unsigned char *data, size_t len, struct tzif *out)
{
    struct header h;
    memset(out, 0, sizeof *out);
    if (read_header(data, len, &h))
        return -1;
    size_t v1_len = block_len(&h, 4);
    if (len - HEADER_LEN < v1_len)
        return -1;
    const unsigned char *p = data + HEADER_LEN;
    size_t timesize = 4;
    if (h.version >= 2) {
        p += v1_len;
        if (read_header(p, len - (size_t)(p - data), &h))
            return -1;
        p += HEADER_LEN;
        timesize = 8;
        if ((size_t)(data + len - p) < block_len(&h, timesize))
            return -1;
    }
    /* Leap-second files count TAI-like seconds; nothing in dxhub wants them. */
    if (h.leapcnt != 0 || read_block(p, &h, timesize, out))
        goto fail;
    p += block_len(&h, timesize);
    if (h.version >= 2 && read_footer(p, (size_t)(data + len - p), out))
        goto fail;
    return 0;
fail:
    tzif_free(out);
    return -1;
}

void tzif_free(struct tzif *z)
{
    free(z->times);
    free(z->idx);
    free(z->types);
    memset(z, 0, sizeof *z);
}

const struct tzif_type *tzif_lookup(const struct tzif *z, int64_t utc)
{
    if (z->ntimes == 0)
        return z->has_rule ? tzif_rule_lookup(&z->rule, utc) : &z->types[0];
    if (utc < z->times[0])
        return &z->types[0];
    if (utc >= z->times[z->ntimes - 1] && z->has_rule)
        return tzif_rule_lookup(&z->rule, utc);
    size_t lo = 0, hi = z->ntimes; /* find the last i with times[i] <= utc */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (z->times[mid] <= utc)
            lo = mid;
        else
            hi = mid;
    }
    return &z->types[z->idx[lo]];
}
