/* The template registry: embedded templates compiled once at start-up, or, in development,
 * templates read from a folder and compiled for each render. */
#include "view/templates.h"

#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/embedded.h"
#include "core/log.h"
#include "view/mustache.h"

#define PREFIX "templates/"
#define SUFFIX ".mustache"

struct entry {
    char *name;
    struct mustache *t; /* NULL in a dev render's cache for a name with no file */
};

/* Set by templates_init, read-only until templates_shutdown. */
static struct entry *entries; /* embedded mode, sorted by name */
static size_t nentries;
/* Every include tag's name, by the address of its text in its template, with the template it
 * names: a render resolves its partials and parents by pointer, without comparing names. */
struct link {
    const char *name;
    const struct mustache *t;
};
static struct link *links; /* open addressing, nlinks_cap slots (a power of two) */
static size_t nlinks_cap;

static size_t link_slot(const char *name) { return ((uintptr_t)name >> 3) * 0x9E3779B97F4A7C15u >> 20; }
static char *dev_dir;    /* dev mode when non-NULL */
static int dev_check_rc; /* templates_init's result in dev mode, set by dev_check_file */

static int entry_cmp(const void *a, const void *b)
{
    return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

static const struct mustache *find_embedded(const char *name)
{
    if (nentries == 0)
        return NULL;
    struct entry key = {(char *)name, NULL};
    const struct entry *e = bsearch(&key, entries, nentries, sizeof *entries, entry_cmp);
    return e ? e->t : NULL;
}

static const struct mustache *resolve_embedded(void *ctx, const char *name)
{
    (void)ctx;
    for (size_t i = link_slot(name) & (nlinks_cap - 1), n = 0; n < nlinks_cap; i = (i + 1) & (nlinks_cap - 1), n++) {
        if (links[i].name == name)
            return links[i].t;
        if (!links[i].name)
            break;
    }
    return find_embedded(name); /* a name from elsewhere than a compiled template's tag */
}

/* Compiles src, logging a failure against file (the message names the line). */
static struct mustache *compile_logged(const char *file, const char *src, size_t len)
{
    char err[256];
    struct mustache *t = mustache_compile(src, len, err, sizeof err);
    if (!t)
        log_event(LOG_ERROR, NULL, "template does not compile", "file", file, "error", err, NULL);
    return t;
}

/* "templates/a/b.mustache" names template "a/b"; false for any other kind of file. */
static bool template_name(const char *file, const char **name, size_t *len)
{
    size_t n = strlen(file), nprefix = strlen(PREFIX), nsuffix = strlen(SUFFIX);
    if (n <= nprefix + nsuffix || strncmp(file, PREFIX, nprefix) != 0 || strcmp(file + n - nsuffix, SUFFIX) != 0)
        return false;
    *name = file + nprefix;
    *len = n - nprefix - nsuffix;
    return true;
}

static void count_include(void *ctx, const char *name)
{
    (void)name;
    (*(size_t *)ctx)++;
}

static void link_include(void *ctx, const char *name)
{
    const struct mustache *t = find_embedded(name);
    if (!t)
        log_event(LOG_WARN, NULL, "template includes an unknown template", "template", (const char *)ctx, "include",
                  name, NULL);
    size_t i = link_slot(name) & (nlinks_cap - 1);
    while (links[i].name && links[i].name != name)
        i = (i + 1) & (nlinks_cap - 1);
    links[i] = (struct link){name, t};
}

static int init_embedded(void)
{
    int rc = 0;
    entries = xcalloc(embedded_files_count, sizeof *entries);
    for (size_t i = 0; i < embedded_files_count; i++) {
        const struct embedded_file *f = &embedded_files[i];
        const char *name;
        size_t len;
        if (!template_name(f->name, &name, &len))
            continue;
        struct mustache *t = compile_logged(f->name, (const char *)f->data, f->len);
        if (!t) {
            rc = -1;
            continue;
        }
        entries[nentries++] = (struct entry){xstrndup(name, len), t};
    }
    qsort(entries, nentries, sizeof *entries, entry_cmp);
    size_t nincludes = 0;
    for (size_t i = 0; i < nentries; i++)
        mustache_foreach_include(entries[i].t, count_include, &nincludes);
    for (nlinks_cap = 16; nlinks_cap < 2 * nincludes;)
        nlinks_cap *= 2;
    links = xcalloc(nlinks_cap, sizeof *links);
    for (size_t i = 0; i < nentries; i++)
        mustache_foreach_include(entries[i].t, link_include, entries[i].name);
    return rc;
}

/* Reads a whole file; NULL when it cannot be read. Free the result. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct buf b = BUF_INIT;
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&b, chunk, n);
    bool bad = ferror(f);
    fclose(f);
    if (bad) {
        buf_free(&b);
        return NULL;
    }
    return buf_detach(&b, len);
}

/* dev_dir/<name>.mustache, or NULL for a name that could point outside dev_dir. Free it. */
static char *dev_path(const char *name)
{
    if (name[0] == '/' || strstr(name, ".."))
        return NULL;
    size_t size = strlen(dev_dir) + strlen(name) + strlen(SUFFIX) + 2;
    char *path = xmalloc(size);
    snprintf(path, size, "%s/%s" SUFFIX, dev_dir, name);
    return path;
}

/* Reads and compiles template name from dev_dir: NULL when there is no such file, or when it
 * does not compile, which is logged and sets *failed. */
static struct mustache *dev_compile(const char *name, bool *failed)
{
    struct mustache *t = NULL;
    size_t len;
    char *path = dev_path(name);
    char *src = path ? read_file(path, &len) : NULL;
    if (src) {
        t = compile_logged(path, src, len);
        *failed = !t;
    }
    free(src);
    free(path);
    return t;
}

static int dev_check_file(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st;
    size_t n = strlen(path), nsuffix = strlen(SUFFIX);
    if (type != FTW_F || n <= nsuffix || strcmp(path + n - nsuffix, SUFFIX) != 0 || path[ftw->base] == '.')
        return 0;
    size_t len;
    char *src = read_file(path, &len);
    struct mustache *t = src ? compile_logged(path, src, len) : NULL;
    if (!src)
        log_event(LOG_ERROR, NULL, "cannot read the template", "file", path, NULL);
    if (!t)
        dev_check_rc = -1;
    mustache_free(t);
    free(src);
    return 0;
}

static int init_dev(const char *dir)
{
    dev_dir = xstrdup(dir);
    dev_check_rc = 0;
    if (nftw(dir, dev_check_file, 16, FTW_PHYS) != 0) {
        log_event(LOG_ERROR, NULL, "cannot read the template folder", "folder", dir, NULL);
        return -1;
    }
    return dev_check_rc;
}

int templates_init(const char *dir)
{
    int rc = dir ? init_dev(dir) : init_embedded();
    if (rc)
        templates_shutdown();
    return rc;
}

static void free_entries(struct entry *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].name);
        mustache_free(v[i].t);
    }
    free(v);
}

void templates_shutdown(void)
{
    free(links);
    links = NULL;
    nlinks_cap = 0;
    free_entries(entries, nentries);
    entries = NULL;
    nentries = 0;
    free(dev_dir);
    dev_dir = NULL;
}

/* What one dev-mode render has compiled, freed when it ends: no state is shared between
 * renders, so concurrent renders need no lock. */
struct dev_render {
    struct entry *loaded;
    size_t n, cap;
    bool failed; /* a template did not compile */
};

static const struct mustache *dev_remember(struct dev_render *d, const char *name, struct mustache *t)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 8;
        d->loaded = xrealloc(d->loaded, d->cap * sizeof *d->loaded);
    }
    d->loaded[d->n++] = (struct entry){xstrdup(name), t};
    return t;
}

static const struct mustache *resolve_dev(void *ctx, const char *name)
{
    struct dev_render *d = ctx;
    for (size_t i = 0; i < d->n; i++)
        if (strcmp(d->loaded[i].name, name) == 0)
            return d->loaded[i].t;
    bool failed = false;
    struct mustache *t = dev_compile(name, &failed);
    if (!t && !failed)
        log_event(LOG_WARN, NULL, "template includes an unknown template", "include", name, NULL);
    d->failed |= failed;
    return dev_remember(d, name, t);
}

static int render_logged(const char *name, const struct mustache *t, json_t *data, mustache_resolve_fn resolve,
                         void *ctx, struct buf *out)
{
    if (mustache_render(t, data, resolve, ctx, out) == 0)
        return 0;
    log_event(LOG_ERROR, NULL, "template includes nest too deeply", "template", name, NULL);
    return -1;
}

static int render_dev(const char *name, json_t *data, struct buf *out)
{
    struct dev_render d = {NULL, 0, 0, false};
    int rc = -1;
    bool failed = false;
    struct mustache *t = dev_compile(name, &failed);
    if (!t) {
        if (!failed)
            log_event(LOG_ERROR, NULL, "unknown template", "template", name, NULL);
        goto out;
    }
    dev_remember(&d, name, t);
    rc = render_logged(name, t, data, resolve_dev, &d, out);
    if (d.failed)
        rc = -1;
out:
    free_entries(d.loaded, d.n);
    return rc;
}

static int render_embedded(const char *name, json_t *data, struct buf *out)
{
    const struct mustache *t = find_embedded(name);
    if (t)
        return render_logged(name, t, data, resolve_embedded, NULL, out);
    log_event(LOG_ERROR, NULL, "unknown template", "template", name, NULL);
    return -1;
}

int templates_render(const char *name, json_t *data, struct buf *out)
{
    size_t mark = out->len;
    int rc = dev_dir ? render_dev(name, data, out) : render_embedded(name, data, out);
    if (rc && out->data) {
        out->len = mark;
        out->data[mark] = '\0';
    }
    return rc;
}

bool templates_exists(const char *name)
{
    if (!dev_dir)
        return find_embedded(name) != NULL;
    char *path = dev_path(name);
    bool ok = path && access(path, R_OK) == 0;
    free(path);
    return ok;
}
