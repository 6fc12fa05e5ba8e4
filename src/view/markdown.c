/* Markdown to safe HTML with cmark. */
#include "view/markdown.h"

#include <cmark.h>
#include <string.h>

#include "core/alloc.h"

char *markdown_to_html(const char *md)
{
    if (!md)
        md = "";
    /* cmark 0.30 is safe by default; CMARK_OPT_SAFE keeps it so on older
     * releases where it was opt-in. */
    char *html = cmark_markdown_to_html(md, strlen(md), CMARK_OPT_DEFAULT | CMARK_OPT_SAFE);
    return html ? html : xstrdup("");
}
