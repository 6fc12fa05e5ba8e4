/* The Mustache renderer: walks a compiled tree with a context stack, writing into a buffer.
 *
 * All render state lives on the C stack (context stack, indentation, inheritance scopes are linked
 * lists of locals), so a render allocates nothing but the output and templates can be shared
 * between threads. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "view/mustache_tree.h"

/* One level of the context stack: the value a section pushed, and the levels below it. */
struct context {
    json_t *value;
    const struct context *up;
};

/* Whitespace added to every line of an included partial, parent or block, on top of `outer`. */
struct indent {
    const char *s;
    size_t len;
    const struct indent *outer;
};

/* The block overrides of a parent tag being rendered ({{<name}} node `parent` of template `t`),
 * and those of the parent tags being rendered around it. */
struct scope {
    const struct mustache *t;
    size_t parent;
    const struct scope *outer;
};

struct render {
    mustache_resolve_fn resolve;
    void *resolve_ctx;
    struct buf *out;
    const struct indent *indent;
    bool bol;       /* the next output starts a template line, so takes the indentation */
    unsigned depth; /* partials and parents being rendered */
};

static int render_range(struct render *r, const struct mustache *t, size_t i, size_t end, const struct context *ctx,
                        const struct scope *scope);

static void emit_indent(struct buf *out, const struct indent *in)
{
    if (!in)
        return;
    emit_indent(out, in->outer);
    buf_append(out, in->s, in->len);
}

/* Writes template text, indenting each of its lines that is not empty. */
static void emit_text(struct render *r, const char *s, size_t len)
{
    if (len == 0)
        return;
    if (!r->indent) {
        buf_append(r->out, s, len);
        r->bol = s[len - 1] == '\n';
        return;
    }
    while (len > 0) {
        const char *nl = memchr(s, '\n', len);
        size_t n = nl ? (size_t)(nl - s) + 1 : len;
        if (r->bol && s[0] != '\n' && !(s[0] == '\r' && n == 2))
            emit_indent(r->out, r->indent);
        buf_append(r->out, s, n);
        r->bol = nl != NULL;
        s += n;
        len -= n;
    }
}

/* Shortest "%g" form that reads back as the same double (1.21, not 1.2100000000000000). */
static int format_real(char *tmp, size_t size, double d)
{
    int n = 0;
    for (int precision = 1; precision <= 17; precision++) {
        n = snprintf(tmp, size, "%.*g", precision, d);
        if (strtod(tmp, NULL) == d)
            break;
    }
    return n;
}

/* Writes an interpolated value; its own newlines are never indented. */
static void emit_value(struct render *r, const json_t *v, bool escape)
{
    char tmp[32];
    const char *s = tmp;
    size_t len;
    if (!v)
        return;
    switch (json_typeof(v)) {
    case JSON_STRING:
        s = json_string_value(v);
        len = json_string_length(v);
        break;
    case JSON_INTEGER: len = (size_t)snprintf(tmp, sizeof tmp, "%" JSON_INTEGER_FORMAT, json_integer_value(v)); break;
    case JSON_REAL: len = (size_t)format_real(tmp, sizeof tmp, json_real_value(v)); break;
    case JSON_TRUE:
        s = "true";
        len = 4;
        break;
    case JSON_FALSE:
        s = "false";
        len = 5;
        break;
    default: return;
    }
    if (len == 0)
        return;
    if (r->bol && r->indent)
        emit_indent(r->out, r->indent);
    r->bol = false;
    if (escape)
        buf_append_html(r->out, s, len);
    else
        buf_append(r->out, s, len);
}

/* Resolves nparts NUL-terminated parts: the first in the nearest context that has it, the others
 * strictly inside. Returns NULL when missing. */
static json_t *lookup(const struct context *ctx, const char *parts, size_t nparts)
{
    if (nparts == 0)
        return ctx ? ctx->value : NULL;
    json_t *v = NULL;
    size_t len = strlen(parts);
    for (; ctx && !v; ctx = ctx->up)
        v = json_object_getn(ctx->value, parts, len); /* NULL for non-objects */
    for (size_t k = 1; v && k < nparts; k++) {
        parts += len + 1;
        len = strlen(parts);
        v = json_object_getn(v, parts, len);
    }
    return v;
}

static bool truthy(const json_t *v)
{
    switch (v ? json_typeof(v) : JSON_NULL) {
    case JSON_NULL:
    case JSON_FALSE: return false;
    case JSON_ARRAY: return json_array_size(v) > 0;
    case JSON_STRING: return json_string_length(v) > 0;
    default: return true;
    }
}

static int render_section(struct render *r, const struct mustache *t, size_t i, const struct context *ctx,
                          const struct scope *scope)
{
    const struct mustache_node *n = &t->nodes[i];
    json_t *v = lookup(ctx, t->pool + n->str, n->nparts);
    if (!truthy(v))
        return 0;
    struct context top = {v, ctx};
    if (!json_is_array(v))
        return render_range(r, t, i + 1, n->end, &top, scope);
    for (size_t k = 0; k < json_array_size(v); k++) {
        top.value = json_array_get(v, k);
        int rc = render_range(r, t, i + 1, n->end, &top, scope);
        if (rc)
            return rc;
    }
    return 0;
}

/* Makes `in` the current indentation when node n is standalone; returns what to restore. */
static const struct indent *push_indent(struct render *r, struct indent *in, const struct mustache *t,
                                        const struct mustache_node *n)
{
    const struct indent *saved = r->indent;
    if (n->standalone && n->nindent > 0) {
        *in = (struct indent){t->pool + n->indent, n->nindent, saved};
        r->indent = in;
    }
    return saved;
}

/* Renders the partial or parent of node n; `scope` holds the overrides it is rendered with. */
static int render_include(struct render *r, const struct mustache *t, const struct mustache_node *n,
                          const struct context *ctx, const struct scope *scope)
{
    const struct mustache *inc = r->resolve ? r->resolve(r->resolve_ctx, t->pool + n->str) : NULL;
    if (!inc)
        return 0;
    if (r->depth >= MUSTACHE_MAX_DEPTH)
        return -1;
    struct indent in;
    const struct indent *saved = push_indent(r, &in, t, n);
    r->depth++;
    int rc = render_range(r, inc, 0, inc->nnodes, ctx, scope);
    r->depth--;
    r->indent = saved;
    return rc;
}

/* Renders block node i: the outermost override of its name in scope, else its own content. An
 * override is rendered in the scope its parent tag was rendered in. */
static int render_block(struct render *r, const struct mustache *t, size_t i, const struct context *ctx,
                        const struct scope *scope)
{
    const struct mustache_node *n = &t->nodes[i];
    const char *name = t->pool + n->str;
    const struct mustache *bt = t;
    size_t bi = i;
    const struct scope *bscope = scope;
    for (const struct scope *s = scope; s; s = s->outer) {
        const struct mustache_node *nodes = s->t->nodes;
        for (size_t j = s->parent + 1; j < nodes[s->parent].end; j = nodes[j].end)
            if (nodes[j].kind == MUSTACHE_BLOCK && strcmp(s->t->pool + nodes[j].str, name) == 0) {
                bt = s->t;
                bi = j;
                bscope = s->outer;
                break;
            }
    }
    struct indent in;
    const struct indent *saved = push_indent(r, &in, t, n);
    int rc = render_range(r, bt, bi + 1, bt->nodes[bi].end, ctx, bscope);
    r->indent = saved;
    return rc;
}

static int render_range(struct render *r, const struct mustache *t, size_t i, size_t end, const struct context *ctx,
                        const struct scope *scope)
{
    while (i < end) {
        const struct mustache_node *n = &t->nodes[i];
        int rc = 0;
        switch (n->kind) {
        case MUSTACHE_TEXT: emit_text(r, t->pool + n->str, n->len); break;
        case MUSTACHE_ESCAPED:
        case MUSTACHE_RAW: emit_value(r, lookup(ctx, t->pool + n->str, n->nparts), n->kind == MUSTACHE_ESCAPED); break;
        case MUSTACHE_SECTION: rc = render_section(r, t, i, ctx, scope); break;
        case MUSTACHE_INVERTED:
            if (!truthy(lookup(ctx, t->pool + n->str, n->nparts)))
                rc = render_range(r, t, i + 1, n->end, ctx, scope);
            break;
        case MUSTACHE_PARTIAL: rc = render_include(r, t, n, ctx, scope); break;
        case MUSTACHE_PARENT: {
            struct scope overrides = {t, i, scope};
            rc = render_include(r, t, n, ctx, &overrides);
            break;
        }
        case MUSTACHE_BLOCK: rc = render_block(r, t, i, ctx, scope); break;
        }
        if (rc)
            return rc;
        i = n->end;
    }
    return 0;
}

int mustache_render(const struct mustache *t, json_t *data, mustache_resolve_fn resolve, void *ctx, struct buf *out)
{
    struct render r = {.resolve = resolve, .resolve_ctx = ctx, .out = out, .bol = true};
    struct context root = {data, NULL};
    return render_range(&r, t, 0, t->nnodes, data ? &root : NULL, NULL);
}
