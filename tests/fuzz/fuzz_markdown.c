/* libFuzzer target: Markdown as the hub renders it (src/view/markdown.c:
 * cmark with CMARK_OPT_SAFE), checking that nothing a browser would run
 * comes out: only the elements cmark writes, no javascript:, vbscript:,
 * file: or data: address (but data: images, which cmark allows).
 *
 * Input: the Markdown text. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "harness.h"
#include "view/markdown.h"

/* The elements cmark writes; anything else in the output came from the input. */
static bool tag_known(const char *name, size_t len)
{
    static const char *const known[] = {"p",  "em", "strong", "a",  "img", "code", "pre", "blockquote", "ul", "ol",
                                        "li", "h1", "h2",     "h3", "h4",  "h5",   "h6",  "hr",         "br"};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strlen(known[i]) == len && strncmp(known[i], name, len) == 0)
            return true;
    return false;
}

/* A link or image address a browser would run, or hand to another program. */
static bool url_unsafe(const char *v, size_t len)
{
    static const char *const images[] = {"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"};
    for (size_t i = 0; i < sizeof images / sizeof images[0]; i++)
        if (len >= strlen(images[i]) && strncasecmp(v, images[i], strlen(images[i])) == 0)
            return false;
    static const char *const bad[] = {"javascript:", "vbscript:", "file:", "data:"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (len >= strlen(bad[i]) && strncasecmp(v, bad[i], strlen(bad[i])) == 0)
            return true;
    return false;
}

/* Checks one tag html[0..len) ("<...>"): a known element, with known attributes and safe addresses. */
static bool tag_safe(const char *tag, size_t len)
{
    static const char omitted[] = "<!-- raw HTML omitted -->";
    if (len == sizeof omitted - 1 && memcmp(tag, omitted, len) == 0)
        return true;
    const char *p = tag + 1, *end = tag + len - 1; /* inside the brackets */
    if (*p == '/')
        p++;
    size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789");
    if (!tag_known(p, n))
        return false;
    p += n;
    while (p < end) {
        if (*p == ' ' && p + 2 == end && p[1] == '/')
            return true; /* " />" */
        if (*p++ != ' ')
            return false;
        n = strspn(p, "abcdefghijklmnopqrstuvwxyz");
        bool is_url = (n == 4 && strncmp(p, "href", 4) == 0) || (n == 3 && strncmp(p, "src", 3) == 0);
        bool other = (n == 5 && strncmp(p, "title", 5) == 0) || (n == 3 && strncmp(p, "alt", 3) == 0) ||
                     (n == 5 && strncmp(p, "class", 5) == 0) || (n == 5 && strncmp(p, "start", 5) == 0);
        if ((!is_url && !other) || p[n] != '=' || p[n + 1] != '"')
            return false;
        const char *v = p + n + 2, *q = memchr(v, '"', (size_t)(end - v));
        if (!q || (is_url && url_unsafe(v, (size_t)(q - v))))
            return false;
        p = q + 1;
    }
    return true;
}

/* True when html holds a tag cmark would not write, or an address a browser would run. */
static bool unsafe(const char *html)
{
    for (const char *p = strchr(html, '<'); p; p = strchr(p + 1, '<')) {
        const char *close = strchr(p, '>');
        if (!close || !tag_safe(p, (size_t)(close - p + 1)))
            return true;
    }
    return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *md = harness_string(data, size);
    char *html = markdown_to_html(md);
    if (unsafe(html))
        abort();
    free(html);
    free(md);
    return 0;
}
