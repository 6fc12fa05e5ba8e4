/* A Mustache template engine: templates compiled once into an immutable tree, then rendered with
 * jansson data. Passes the official spec (interpolation, sections, inverted, comments, partials,
 * delimiters, inheritance); lambdas are not supported.
 *
 * Rules worth knowing when writing templates:
 * - {{x}} escapes & < > " ' ; {{{x}}} and {{&x}} do not (only for HTML the server made).
 * - Falsy, for {{#x}} and {{^x}}: a missing name, null, false, an empty array and the empty
 *   string "". Everything else is truthy, 0 and {} included. An array repeats the section once per
 *   element; any other truthy value becomes the context of the section.
 * - Values print as: strings as they are, integers in decimal, reals in their shortest round-trip
 *   form (1.210 prints "1.21"), true and false as "true" and "false"; null, objects and arrays
 *   print nothing.
 * - {{a.b.c}} looks a up in the context stack, then b and c strictly inside it; {{.}} is the top
 *   of the stack. Blanks may surround a tag's content, sigil included: {{ #list }}.
 * - A standalone partial or parent tag indents every non-empty line of what it includes by the
 *   whitespace before the tag; interpolated values are never re-indented.
 * - {{<parent}}{{$block}}...{{/block}}{{/parent}} renders template `parent` with its blocks
 *   replaced. Block names are shared along a chain of parents and the outermost override wins (as
 *   the spec requires): when the layout renders {{<card}}{{$title}}..{{/title}}{{/card}}, a page
 *   that overrides the layout's {{$title}} overrides the card's too. Give blocks distinct names. */
#ifndef DXHUB_VIEW_MUSTACHE_H
#define DXHUB_VIEW_MUSTACHE_H

#include <jansson.h>
#include <stddef.h>

#include "core/buf.h"

/* A compiled template; immutable after compile, safe to render from many threads at once. */
struct mustache;

/* Deepest nesting of partials and parents in one render; beyond it mustache_render fails. */
#define MUSTACHE_MAX_DEPTH 64

/* Resolves a partial or parent name to a compiled template, or NULL when unknown (which renders as
 * nothing). Called during mustache_render, possibly many times per render, from the rendering
 * thread; the template returned must stay valid until that render returns. */
typedef const struct mustache *(*mustache_resolve_fn)(void *ctx, const char *name);

/* Compiles src (len bytes; it need not be NUL-terminated, and is not referenced afterwards).
 * Returns a template to release with mustache_free(), or NULL on a syntax error (unclosed tag or
 * section, mismatched or unexpected section end, empty or malformed tag name, bad delimiter change,
 * sections nested too deeply), in which case a message starting "line N: " is written into err
 * (NUL-terminated, truncated to errlen bytes; err may be NULL when errlen is 0). Aborts on OOM. */
struct mustache *mustache_compile(const char *src, size_t len, char *err, size_t errlen);

/* Releases t. NULL is a no-op. */
void mustache_free(struct mustache *t);

/* Calls fn(ctx, name) for every partial and parent name t refers to, in document order (a name
 * used twice is reported twice), so that a registry can check at start-up that they all exist. */
void mustache_foreach_include(const struct mustache *t, void (*fn)(void *ctx, const char *name), void *ctx);

/* Renders t with data (borrowed; may be NULL, which behaves as an empty context) as the root
 * context, appending to out. Partials and parents are looked up with resolve(ctx, name); resolve
 * may be NULL when t uses none. Returns 0, or -1 when partials/parents nest deeper than
 * MUSTACHE_MAX_DEPTH (e.g. a partial that includes itself unconditionally); out then holds a
 * truncated rendering the caller should discard. */
int mustache_render(const struct mustache *t, json_t *data, mustache_resolve_fn resolve, void *ctx, struct buf *out);

#endif
