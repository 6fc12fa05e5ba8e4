/* Markdown to safe HTML with cmark, done once when content is saved. */
#ifndef DXHUB_VIEW_MARKDOWN_H
#define DXHUB_VIEW_MARKDOWN_H

/* Renders CommonMark text md (NULL is treated as "") to HTML. Raw HTML in
 * the input is dropped and javascript:/vbscript:/file:/data: links are
 * emptied (cmark's safe mode). Returns a malloc'ed string; never NULL. */
char *markdown_to_html(const char *md);

#endif
