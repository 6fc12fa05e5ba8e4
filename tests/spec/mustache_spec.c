/* Runs the official Mustache spec (the *.json files of a folder) against src/view/mustache.
 *
 * Usage: mustache_spec [SPECDIR]   (default ../shared/spec/mustache, relative to the project root)
 * Prints one line per failing test, then "N passed, N failed". Exits 0 when all pass, 1 when any
 * fails, 77 (the "skipped" code of test harnesses) when the folder does not exist. */
#include <dirent.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "view/mustache.h"

/* The partials of one test, compiled. */
struct partials {
    const char **names;
    struct mustache **templates;
    size_t n;
};

static const struct mustache *resolve(void *ctx, const char *name)
{
    const struct partials *p = ctx;
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->names[i], name) == 0)
            return p->templates[i];
    return NULL;
}

static struct mustache *compile_string(const json_t *s, char *err, size_t errlen)
{
    return mustache_compile(json_string_value(s), json_string_length(s), err, errlen);
}

/* Prints a string on one line, as a JSON string literal. */
static void print_quoted(const char *s, size_t len)
{
    json_t *str = json_stringn(s, len);
    json_dumpf(str, stdout, JSON_ENCODE_ANY);
    json_decref(str);
}

/* Runs one test; returns true when it passes, else prints why. */
static bool run_test(const char *file, json_t *test)
{
    const char *name = json_string_value(json_object_get(test, "name"));
    json_t *expected = json_object_get(test, "expected");
    json_t *partials = json_object_get(test, "partials");
    struct partials p = {NULL, NULL, 0};
    struct mustache *t = NULL;
    struct buf out = BUF_INIT;
    char err[256] = "";
    bool ok = false;

    size_t np = json_object_size(partials);
    p.names = calloc(np ? np : 1, sizeof *p.names);
    p.templates = calloc(np ? np : 1, sizeof *p.templates);
    const char *key;
    json_t *value;
    json_object_foreach(partials, key, value)
    {
        p.names[p.n] = key;
        p.templates[p.n] = compile_string(value, err, sizeof err);
        if (!p.templates[p.n])
            goto out;
        p.n++;
    }
    t = compile_string(json_object_get(test, "template"), err, sizeof err);
    if (!t)
        goto out;
    if (mustache_render(t, json_object_get(test, "data"), resolve, &p, &out) != 0)
        snprintf(err, sizeof err, "render failed");
    ok = !err[0] && out.len == json_string_length(expected) &&
         memcmp(buf_str(&out), json_string_value(expected), out.len) == 0;
out:
    if (!ok) {
        printf("FAIL %s \"%s\": expected ", file, name ? name : "?");
        print_quoted(json_string_value(expected), json_string_length(expected));
        printf(" got ");
        if (err[0])
            printf("error: %s", err);
        else
            print_quoted(buf_str(&out), out.len);
        printf("\n");
    }
    mustache_free(t);
    for (size_t i = 0; i < p.n; i++)
        mustache_free(p.templates[i]);
    free(p.names);
    free(p.templates);
    buf_free(&out);
    return ok;
}

static int is_json(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return n > 5 && strcmp(e->d_name + n - 5, ".json") == 0;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "../shared/spec/mustache";
    struct dirent **files;
    int nfiles = scandir(dir, &files, is_json, alphasort);
    if (nfiles < 0) {
        printf("mustache spec: skipped (no spec folder)\n");
        return 77;
    }
    unsigned passed = 0, failed = 0;
    for (int f = 0; f < nfiles; f++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, files[f]->d_name);
        json_error_t jerr;
        json_t *spec = json_load_file(path, 0, &jerr);
        json_t *tests = json_object_get(spec, "tests");
        if (!json_is_array(tests)) {
            printf("FAIL %s: not a spec file (%s)\n", files[f]->d_name, jerr.text);
            failed++;
        }
        size_t i;
        json_t *test;
        json_array_foreach(tests, i, test)
        {
            if (run_test(files[f]->d_name, test))
                passed++;
            else
                failed++;
        }
        json_decref(spec);
        free(files[f]);
    }
    free(files);
    printf("%u passed, %u failed\n", passed, failed);
    return failed ? 1 : 0;
}
