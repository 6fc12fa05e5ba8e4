/* The compiled form of a Mustache template, shared by the compiler (mustache_parse.c) and the
 * renderer (mustache_render.c); nothing outside src/view/mustache_*.c should include it.
 *
 * A template is one array of nodes in document order. A container (section, inverted section,
 * parent, block) is followed by its descendants and records in `end` the index just past the last
 * of them, so its children are the range [i + 1, end) and its next sibling is at `end`. All strings
 * live in one pool owned by the template and are referred to by offset. Whitespace handling
 * (standalone lines, block dedenting) is settled at compile time; indentation that depends on
 * where a partial or block is included is added by the renderer. */
#ifndef DXHUB_VIEW_MUSTACHE_TREE_H
#define DXHUB_VIEW_MUSTACHE_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "view/mustache.h"

enum mustache_kind {
    MUSTACHE_TEXT,     /* literal text: str, len */
    MUSTACHE_ESCAPED,  /* {{name}}: name parts */
    MUSTACHE_RAW,      /* {{{name}}} or {{&name}}: name parts */
    MUSTACHE_SECTION,  /* {{#name}}: name parts, children */
    MUSTACHE_INVERTED, /* {{^name}}: name parts, children */
    MUSTACHE_PARTIAL,  /* {{>name}}: name, indent when standalone */
    MUSTACHE_PARENT,   /* {{<name}}: name, indent when standalone; children: block overrides */
    MUSTACHE_BLOCK,    /* {{$name}}: name, indent when standalone; children: default content */
};

struct mustache_node {
    enum mustache_kind kind;
    /* Text: the bytes. Partial, parent, block: the NUL-terminated name. Variables and sections:
     * the dotted name as `nparts` NUL-terminated parts one after the other ("a\0b\0"). */
    size_t str, len;
    size_t nparts;          /* 0 for the implicit iterator {{.}} */
    size_t indent, nindent; /* blanks to add to each included line, when `standalone` */
    bool standalone;        /* partial, parent, block: the tag stood alone on its line */
    size_t end;             /* containers: index past the last descendant; others: index + 1 */
};

struct mustache {
    struct mustache_node *nodes;
    size_t nnodes;
    char *pool;
};

#endif
