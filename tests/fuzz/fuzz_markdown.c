/* libFuzzer target: Markdown as the hub renders it (src/view/markdown.c:
 * cmark with CMARK_OPT_SAFE), checking that nothing a browser would run
 * comes out: no raw HTML and no javascript: link.
 *
 * Input: the Markdown text. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "harness.h"
#include "view/markdown.h"

/* True when html has, outside what cmark escaped, a tag or link a browser would act on. */
static bool unsafe(const char *html)
{
    static const char *const bad[] = {"<script", "<iframe", "<img src=\"javascript:", "href=\"javascript:",
                                      "href=\"vbscript:", "href=\"data:", " onerror=", " onload="};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (strcasestr(html, bad[i]))
            return true;
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
