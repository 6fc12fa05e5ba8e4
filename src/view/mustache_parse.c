/* The Mustache compiler: source text to the node tree of mustache_tree.h, in three passes.
 *
 * 1. Tags are found (following delimiter changes), their names checked and sections matched.
 * 2. Standalone lines are marked: a line holding only whitespace and one non-variable tag loses its
 *    whitespace and line ending. Inheritance adds four adjacent pairs that count as one tag, as
 *    the spec requires: {{<p}}{{/p}}, {{$b}}{{/b}} (which keeps its line ending), {{<p}}{{$b}} and
 *    {{/b}}{{/p}}.
 * 3. The tree is built. The content of a block whose opening tag is standalone is dedented by the
 *    whitespace common to its lines; that whitespace is the block's indentation, added back by the
 *    renderer wherever the block (or an override of it) is rendered. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "view/mustache_tree.h"

/* Sections nested deeper than this in one template are refused (rendering recurses per level). */
#define MAX_NESTING 100
#define NONE SIZE_MAX

struct tag {
    char sigil;         /* '\0' for {{x}}, '&' for {{&x}} and {{{x}}}, else # ^ / > < $ ! = */
    size_t start, end;  /* the whole tag in the source, delimiters included */
    size_t name, nname; /* the trimmed content */
    unsigned line;      /* of the tag's start, from 1 */
    size_t match;       /* opening tag: index of its end tag, and the reverse; else NONE */
    size_t line_start;  /* standalone: where its line starts; else start */
    size_t text_end;    /* the text before the tag stops here (line_start when standalone) */
    size_t text_resume; /* the text after the tag starts here (the next line when standalone) */
    bool standalone;    /* alone on its line; partials, parents and blocks then indent */
};

struct compiler {
    const char *src;
    size_t len;
    struct tag *tags;
    size_t ntags, tagcap;
    struct mustache_node *nodes;
    size_t nnodes, nodecap;
    struct buf pool;
    size_t last_text; /* the text node the next text may extend, or NONE */
    char *err;
    size_t errlen;
};

struct delimiters {
    const char *open, *close; /* into the source, or the default "{{" "}}" */
    size_t nopen, nclose;
};

/* The builder's view of the container being filled. */
struct scope {
    size_t node;    /* index of the container, or NONE at the top level */
    size_t strip;   /* leading whitespace removed from each line (blocks being dedented) */
    bool drop_text; /* directly inside a parent tag, where only blocks matter */
};

static int fail(struct compiler *c, unsigned line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail(struct compiler *c, unsigned line, const char *fmt, ...)
{
    if (c->errlen == 0)
        return -1;
    int n = snprintf(c->err, c->errlen, "line %u: ", line);
    if (n >= 0 && (size_t)n < c->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->err + n, c->errlen - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static bool is_blank(char ch)
{
    return ch == ' ' || ch == '\t';
}
static bool is_space(char ch)
{
    return is_blank(ch) || ch == '\n' || ch == '\r';
}

/* Index of the next `suffix` (a char, or '\0' for none) immediately followed by the delimiter
 * close[0..nclose), searching from `from`; NONE when there is none. */
static size_t find_close(const struct compiler *c, size_t from, char suffix, const char *close, size_t nclose)
{
    size_t at = from + (suffix != '\0');
    while (at <= c->len) {
        const char *p = memmem(c->src + at, c->len - at, close, nclose);
        if (!p)
            return NONE;
        size_t hit = (size_t)(p - c->src);
        if (!suffix)
            return hit;
        if (c->src[hit - 1] == suffix)
            return hit - 1;
        at = hit + 1;
    }
    return NONE;
}

/* Checks a tag's trimmed name: not empty, no whitespace, and for names looked up in the data no
 * empty dotted part ("." alone is the implicit iterator). */
static int check_name(struct compiler *c, const struct tag *t)
{
    const char *s = c->src + t->name;
    if (t->nname == 0)
        return fail(c, t->line, "empty tag name");
    for (size_t i = 0; i < t->nname; i++)
        if (is_space(s[i]))
            return fail(c, t->line, "tag name \"%.*s\" contains whitespace", (int)t->nname, s);
    bool dotted = t->sigil == '\0' || t->sigil == '&' || t->sigil == '#' || t->sigil == '^';
    if (!dotted || (t->nname == 1 && s[0] == '.'))
        return 0;
    for (size_t i = 0; i < t->nname; i++)
        if (s[i] == '.' && (i == 0 || i + 1 == t->nname || s[i + 1] == '.'))
            return fail(c, t->line, "bad dotted name \"%.*s\"", (int)t->nname, s);
    return 0;
}

/* Parses the content of {{=open close=}} into new delimiters. */
static int change_delimiters(struct compiler *c, const struct tag *t, struct delimiters *d)
{
    const char *s = c->src + t->name, *e = s + t->nname;
    const char *a = s;
    while (s < e && !is_space(*s) && *s != '=')
        s++;
    const char *a_end = s;
    while (s < e && is_space(*s))
        s++;
    const char *b = s;
    while (s < e && !is_space(*s) && *s != '=')
        s++;
    if (a == a_end || b == s || s != e)
        return fail(c, t->line, "bad delimiter change \"%.*s\"", (int)t->nname, c->src + t->name);
    *d = (struct delimiters){a, b, (size_t)(a_end - a), (size_t)(s - b)};
    return 0;
}

static struct tag *push_tag(struct compiler *c)
{
    if (c->ntags == c->tagcap) {
        c->tagcap = c->tagcap ? 2 * c->tagcap : 32;
        c->tags = xrealloc(c->tags, c->tagcap * sizeof *c->tags);
    }
    struct tag *t = &c->tags[c->ntags++];
    memset(t, 0, sizeof *t);
    t->match = NONE;
    return t;
}

/* Pairs an end tag with the innermost open section. */
static int match_close(struct compiler *c, size_t *open, size_t *nopen, size_t i)
{
    struct tag *t = &c->tags[i];
    if (*nopen == 0)
        return fail(c, t->line, "{{/%.*s}} closes no section", (int)t->nname, c->src + t->name);
    struct tag *o = &c->tags[open[*nopen - 1]];
    if (o->nname != t->nname || memcmp(c->src + o->name, c->src + t->name, t->nname) != 0)
        return fail(c, t->line, "{{/%.*s}} does not close {{%c%.*s}} of line %u", (int)t->nname, c->src + t->name,
                    o->sigil, (int)o->nname, c->src + o->name, o->line);
    o->match = i;
    t->match = open[--*nopen];
    return 0;
}

/* Reads the tag that starts at t->start: its sigil, its trimmed content and its end. */
static int scan_tag(struct compiler *c, struct tag *t, const struct delimiters *d)
{
    size_t from = t->start + d->nopen;
    char sigil = from < c->len ? c->src[from] : '\0';
    char suffix = '\0'; /* what comes before the closing delimiter in {{{x}}} and {{=a b=}} */
    if (sigil == '{' || sigil == '=') {
        from++;
        suffix = sigil == '{' ? '}' : '=';
    } else {
        /* Lenient about {{ #name }}, so that it cannot silently become a variable. */
        size_t at = from;
        while (at < c->len && is_blank(c->src[at]))
            at++;
        sigil = at < c->len ? c->src[at] : '\0';
        if (sigil != '\0' && strchr("#^/><$!&", sigil))
            from = at + 1;
        else
            sigil = '\0';
    }
    t->sigil = sigil == '{' ? '&' : sigil;
    size_t stop = find_close(c, from, suffix, d->close, d->nclose);
    if (stop == NONE)
        return fail(c, t->line, "unclosed tag");
    t->end = t->text_resume = stop + (suffix != '\0') + d->nclose;
    while (from < stop && is_space(c->src[from]))
        from++;
    while (stop > from && is_space(c->src[stop - 1]))
        stop--;
    t->name = from;
    t->nname = stop - from;
    return 0;
}

/* Pass 1: finds every tag, following delimiter changes, and matches sections. */
static int tokenize(struct compiler *c)
{
    struct delimiters d = {"{{", "}}", 2, 2};
    size_t stack[MAX_NESTING], depth = 0;
    unsigned line = 1;
    const char *p, *q = c->src;

    while ((p = memmem(q, c->len - (size_t)(q - c->src), d.open, d.nopen)) != NULL) {
        for (const char *nl = q; (nl = memchr(nl, '\n', (size_t)(p - nl))) != NULL; nl++)
            line++;
        struct tag *t = push_tag(c);
        t->start = t->line_start = t->text_end = (size_t)(p - c->src);
        t->line = line;
        if (scan_tag(c, t, &d))
            return -1;
        q = c->src + t->end;
        if (t->sigil == '!')
            continue;
        if (t->sigil == '=') {
            if (change_delimiters(c, t, &d))
                return -1;
            continue;
        }
        if (check_name(c, t))
            return -1;
        if (t->sigil != '\0' && strchr("#^<$", t->sigil)) {
            if (depth == MAX_NESTING)
                return fail(c, line, "sections nested deeper than %d", MAX_NESTING);
            stack[depth++] = c->ntags - 1;
        } else if (t->sigil == '/' && match_close(c, stack, &depth, c->ntags - 1)) {
            return -1;
        }
    }
    if (depth > 0) {
        const struct tag *o = &c->tags[stack[depth - 1]];
        return fail(c, o->line, "{{%c%.*s}} is never closed", o->sigil, (int)o->nname, c->src + o->name);
    }
    return 0;
}

/* True when only blanks lie between the start of the line and `at`; sets *line_start. */
static bool blank_before(const struct compiler *c, size_t at, size_t *line_start)
{
    while (at > 0 && is_blank(c->src[at - 1]))
        at--;
    *line_start = at;
    return at == 0 || c->src[at - 1] == '\n';
}

/* True when only blanks lie between `at` and the end of the line; sets *eol to where the line
 * ending starts and *next to where the next line starts (both the source's end at the end). */
static bool blank_after(const struct compiler *c, size_t at, size_t *eol, size_t *next)
{
    while (at < c->len && is_blank(c->src[at]))
        at++;
    *eol = *next = at;
    if (at == c->len)
        return true;
    if (c->src[at] == '\r' && at + 1 < c->len && c->src[at + 1] == '\n')
        at++;
    if (c->src[at] != '\n')
        return false;
    *next = at + 1;
    return true;
}

/* The inheritance pairs the spec lets stand alone on a line like a single tag. */
static bool standalone_pair(const struct compiler *c, size_t i)
{
    const struct tag *a = &c->tags[i], *b = &c->tags[i + 1];
    if (a->end != b->start)
        return false;
    if (a->sigil == '<' && (a->match == i + 1 || b->sigil == '$'))
        return true;
    if (a->sigil == '$' && a->match == i + 1)
        return true;
    return a->sigil == '/' && b->sigil == '/' && c->tags[a->match].sigil == '$' && c->tags[b->match].sigil == '<';
}

/* Pass 2: marks standalone tags and how much of their line's whitespace the text loses. */
static void mark_standalone(struct compiler *c)
{
    for (size_t i = 0; i < c->ntags; i++) {
        struct tag *t = &c->tags[i];
        size_t line_start, eol, next;
        if (t->sigil == '\0' || t->sigil == '&')
            continue;
        if (i + 1 < c->ntags && standalone_pair(c, i)) {
            struct tag *u = &c->tags[i + 1];
            if (!blank_before(c, t->start, &line_start) || !blank_after(c, u->end, &eol, &next))
                continue;
            t->line_start = t->text_end = line_start;
            /* {{$b}}{{/b}} keeps its line ending, so an empty block leaves an empty line. */
            bool block = t->sigil == '$';
            u->text_resume = block ? eol : next;
            t->standalone = t->sigil != '/';
            u->standalone = u->sigil == '$';
            i++;
        } else if (blank_before(c, t->start, &line_start) && blank_after(c, t->end, &eol, &next)) {
            t->line_start = t->text_end = line_start;
            t->text_resume = next;
            t->standalone = true;
        }
    }
}

static size_t add_node(struct compiler *c, enum mustache_kind kind)
{
    if (c->nnodes == c->nodecap) {
        c->nodecap = c->nodecap ? 2 * c->nodecap : 32;
        c->nodes = xrealloc(c->nodes, c->nodecap * sizeof *c->nodes);
    }
    size_t i = c->nnodes++;
    c->nodes[i] = (struct mustache_node){.kind = kind, .end = c->nnodes};
    c->last_text = NONE;
    return i;
}

/* Appends src[from, to) to the pool, removing up to `strip` blanks at the start of each line. */
static void pool_text(struct compiler *c, size_t from, size_t to, size_t strip)
{
    while (from < to) {
        if (strip && (from == 0 || c->src[from - 1] == '\n'))
            for (size_t k = 0; k < strip && from < to && is_blank(c->src[from]); k++)
                from++;
        const char *nl = memchr(c->src + from, '\n', to - from);
        size_t stop = nl ? (size_t)(nl - c->src) + 1 : to;
        buf_append(&c->pool, c->src + from, stop - from);
        from = stop;
    }
}

/* Adds the text src[from, to) to the current container, extending the previous text node when
 * only comments or delimiter changes came between. */
static void add_text(struct compiler *c, const struct scope *s, size_t from, size_t to)
{
    if (from >= to || s->drop_text)
        return;
    size_t mark = c->pool.len;
    if (c->last_text == NONE) {
        size_t i = add_node(c, MUSTACHE_TEXT);
        c->nodes[i].str = mark;
        c->last_text = i;
    }
    pool_text(c, from, to, s->strip);
    c->nodes[c->last_text].len += c->pool.len - mark;
}

/* Stores the tag's name in the pool: split into NUL-terminated parts when `dotted`. */
static void add_name(struct compiler *c, size_t node, const struct tag *t, bool dotted)
{
    struct mustache_node *n = &c->nodes[node];
    const char *s = c->src + t->name;
    n->str = c->pool.len;
    if (dotted && t->nname == 1 && s[0] == '.')
        return;
    buf_append(&c->pool, s, t->nname);
    buf_putc(&c->pool, '\0');
    n->len = t->nname + 1;
    n->nparts = 1;
    if (!dotted)
        return;
    char *p = c->pool.data + n->str, *end = p + t->nname;
    for (; (p = memchr(p, '.', (size_t)(end - p))) != NULL; n->nparts++)
        *p++ = '\0';
}

static void set_indent(struct compiler *c, size_t node, const char *s, size_t len)
{
    c->nodes[node].indent = c->pool.len;
    c->nodes[node].nindent = len;
    buf_append(&c->pool, s, len);
}

/* The blanks before a standalone tag, less what the enclosing block's dedent removes. */
static void indent_from_line(struct compiler *c, size_t node, const struct tag *t, size_t strip)
{
    size_t from = t->line_start + strip;
    set_indent(c, node, c->src + from, from < t->start ? t->start - from : 0);
}

/* Sets the indentation of a standalone block and returns the dedent for its content: the blanks
 * common to its non-blank lines, or (when it has none) those before the tag. */
static size_t dedent_block(struct compiler *c, size_t node, const struct tag *t, size_t strip)
{
    size_t from = t->text_resume, to = c->tags[t->match].text_end;
    const char *ref = NULL;
    size_t common = 0;
    while (from < to) {
        size_t at = from;
        while (at < to && is_blank(c->src[at]))
            at++;
        bool blank = at == to || c->src[at] == '\n' || c->src[at] == '\r';
        if (!blank && !ref) {
            ref = c->src + from;
            common = at - from;
        } else if (!blank) {
            size_t k = 0;
            while (k < common && k < at - from && ref[k] == c->src[from + k])
                k++;
            common = k;
        }
        const char *nl = memchr(c->src + at, '\n', to - at);
        from = nl ? (size_t)(nl - c->src) + 1 : to;
    }
    if (!ref) {
        indent_from_line(c, node, t, strip);
        return strip;
    }
    set_indent(c, node, ref + strip, common > strip ? common - strip : 0);
    return common > strip ? common : strip;
}

static const enum mustache_kind kind_of[128] = {
    ['\0'] = MUSTACHE_ESCAPED, ['&'] = MUSTACHE_RAW,    ['#'] = MUSTACHE_SECTION, ['^'] = MUSTACHE_INVERTED,
    ['>'] = MUSTACHE_PARTIAL,  ['<'] = MUSTACHE_PARENT, ['$'] = MUSTACHE_BLOCK,
};

/* Adds the node of a variable, section, partial, parent or block tag. Returns true when it is a
 * container, and sets *inner to the scope its content is built in. */
static bool add_tag(struct compiler *c, const struct tag *t, const struct scope *outer, struct scope *inner)
{
    enum mustache_kind kind = kind_of[(unsigned char)t->sigil];
    size_t n = add_node(c, kind);
    bool container =
        kind == MUSTACHE_SECTION || kind == MUSTACHE_INVERTED || kind == MUSTACHE_PARENT || kind == MUSTACHE_BLOCK;
    bool looked_up = kind != MUSTACHE_PARTIAL && kind != MUSTACHE_PARENT && kind != MUSTACHE_BLOCK;
    add_name(c, n, t, looked_up);
    c->nodes[n].standalone = t->standalone;
    *inner = (struct scope){n, outer->strip, kind == MUSTACHE_PARENT};
    if (t->standalone && (kind == MUSTACHE_PARTIAL || kind == MUSTACHE_PARENT))
        indent_from_line(c, n, t, outer->strip);
    else if (t->standalone && kind == MUSTACHE_BLOCK)
        inner->strip = dedent_block(c, n, t, outer->strip);
    return container;
}

/* Pass 3: builds the node tree from the tags and the text between them. */
static void build(struct compiler *c)
{
    struct scope stack[MAX_NESTING + 1] = {{.node = NONE}};
    size_t depth = 0, text_from = 0;
    c->last_text = NONE;

    for (size_t i = 0; i < c->ntags; i++) {
        const struct tag *t = &c->tags[i];
        add_text(c, &stack[depth], text_from, t->text_end);
        text_from = t->text_resume;
        if (t->sigil == '/') {
            c->nodes[stack[depth--].node].end = c->nnodes;
            c->last_text = NONE;
        } else if (t->sigil != '!' && t->sigil != '=' && add_tag(c, t, &stack[depth], &stack[depth + 1])) {
            depth++;
        }
    }
    add_text(c, &stack[depth], text_from, c->len);
}

struct mustache *mustache_compile(const char *src, size_t len, char *err, size_t errlen)
{
    struct compiler c = {.src = src, .len = len, .err = err, .errlen = errlen};
    struct mustache *t = NULL;
    if (errlen)
        err[0] = '\0';
    if (tokenize(&c))
        goto out;
    mark_standalone(&c);
    build(&c);
    t = xmalloc(sizeof *t);
    t->nodes = c.nodes;
    t->nnodes = c.nnodes;
    t->pool = buf_detach(&c.pool, NULL);
    c.nodes = NULL;
out:
    free(c.tags);
    free(c.nodes);
    buf_free(&c.pool);
    return t;
}

void mustache_foreach_include(const struct mustache *t, void (*fn)(void *ctx, const char *name), void *ctx)
{
    for (size_t i = 0; i < t->nnodes; i++)
        if (t->nodes[i].kind == MUSTACHE_PARTIAL || t->nodes[i].kind == MUSTACHE_PARENT)
            fn(ctx, t->pool + t->nodes[i].str);
}

void mustache_free(struct mustache *t)
{
    if (!t)
        return;
    free(t->nodes);
    free(t->pool);
    free(t);
}
