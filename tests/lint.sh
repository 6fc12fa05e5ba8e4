#!/bin/sh
# The house injection lint (Fossil's codecheck idea, STYLE.md): refuses SQL
# built by formatting and raw template output of anything but server-made HTML.
#
# Rules (one check each):
#   sql-format      a printf-style call (snprintf, arena_printf, buf_printf, any *printf)
#                   in src/ whose strings hold SELECT, INSERT, UPDATE or DELETE: SQL
#                   must not be assembled from formatted text.
#   sql-statement   db_prepare()/db_exec()/db_run()/db_one_int() in src/ whose SQL
#                   argument (the second) is not constant:
#                   allowed are string literals (and #define'd literals concatenated
#                   with them), `static const char NAME[]` arrays defined as literals
#                   in the same file, `c ? A : B` of those, and a parameter of a static
#                   function whose every call in the file passes one of those. The
#                   ALLOW list below names the few reviewed exceptions.
#   template-raw    {{{x}}} or {{&x}} in templates/ on a key whose last dotted part does
#                   not end in _html (HTML the server produced, e.g. rendered Markdown).
#                   Plain-text email parts (templates/mail/*.txt.mustache) are the
#                   reverse: HTML escaping has no place there, so they must use {{{x}}}.
#
# Usage: tests/lint.sh [ROOT]      lint ROOT (default: the project root)
#        tests/lint.sh --self-test check the lint itself on small fixtures
# Prints each offence as file:line and ends with "N passed, N failed"; exits 1 on any.
set -u
here=$(cd "$(dirname "$0")" && pwd)
if [ "${1:-}" = "--self-test" ]; then
    mode=self-test
    root=$(mktemp -d)
    trap 'rm -rf "$root"' EXIT
else
    mode=lint
    root=${1:-$(dirname "$here")}
fi
command -v node >/dev/null 2>&1 || { echo "lint: node is needed (scripts/deps.sh installs it)"; echo "0 passed, 1 failed"; exit 1; }

node - "$root" "$mode" <<'EOF'
'use strict';
const fs = require('fs');
const path = require('path');
const [root, mode] = process.argv.slice(2);

/* Reviewed exceptions to sql-statement: file, the argument as written (spaces
 * ignored), and why it is safe. */
const ALLOW = [
    { file: 'src/db/migrate.c', expr: '(const char *)f->data', why: 'migration files embedded in the binary at build time' },
    { file: 'src/db/db_run.c', expr: 'sql', why: 'db_run()/db_one_int() pass on their own SQL argument, which this rule checks where they are called' },
    { file: 'src/db/db_json.c', expr: 'sql', why: 'db_rows_json() passes on its own SQL argument, which this rule checks where it is called' },
];

const SQL_WORDS = /\b(SELECT|INSERT|UPDATE|DELETE)\b/;
const DB_CALLS = new Set(['db_prepare', 'db_exec', 'db_run', 'db_one_int', 'db_rows_json']);
const NOT_TYPES = new Set(['return', 'case', 'sizeof', 'else', 'do', 'goto']);

/* C tokens: {t: 'str'|'chr'|'id'|'num'|'p', v, line}; comments dropped,
 * preprocessor directives returned apart as {text, line}. */
function tokenize(src, firstLine = 1) {
    const toks = [], directives = [];
    let i = 0, line = firstLine, lineStart = true;
    const n = src.length;
    const puncts = ['...', '<<=', '>>=', '->', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '##'];
    const quoted = (q) => {
        let j = i + 1;
        while (j < n && src[j] !== q && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
        const v = src.slice(i + 1, j);
        i = j + 1;
        return v;
    };
    while (i < n) {
        const c = src[i];
        if (c === '\n') { line++; i++; lineStart = true; continue; }
        if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') { i++; continue; }
        if (c === '\\' && src[i + 1] === '\n') { i += 2; line++; continue; }
        if (c === '/' && src[i + 1] === '*') {
            const e = src.indexOf('*/', i + 2);
            const end = e < 0 ? n : e + 2;
            for (let k = i; k < end; k++) if (src[k] === '\n') line++;
            i = end;
            continue;
        }
        if (c === '/' && src[i + 1] === '/') { while (i < n && src[i] !== '\n') i++; continue; }
        if (c === '#' && lineStart) {
            const at = line;
            let text = '';
            while (i < n && src[i] !== '\n') {
                if (src[i] === '\\' && src[i + 1] === '\n') { text += ' '; i += 2; line++; continue; }
                text += src[i++];
            }
            directives.push({ text, line: at });
            continue;
        }
        lineStart = false;
        if (c === '"') { const at = line; toks.push({ t: 'str', v: quoted('"'), line: at }); continue; }
        if (c === "'") { const at = line; toks.push({ t: 'chr', v: quoted("'"), line: at }); continue; }
        if (/[A-Za-z_]/.test(c)) {
            let j = i;
            while (j < n && /[A-Za-z0-9_]/.test(src[j])) j++;
            const v = src.slice(i, j);
            if (['L', 'u', 'U', 'u8'].includes(v) && src[j] === '"') { i = j; toks.push({ t: 'str', v: quoted('"'), line }); continue; }
            toks.push({ t: 'id', v, line });
            i = j;
            continue;
        }
        if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] || ''))) {
            let j = i;
            while (j < n && (/[A-Za-z0-9_.]/.test(src[j]) || ((src[j] === '+' || src[j] === '-') && /[eEpP]/.test(src[j - 1])))) j++;
            toks.push({ t: 'num', v: src.slice(i, j), line });
            i = j;
            continue;
        }
        const p = puncts.find((q) => src.startsWith(q, i)) || c;
        toks.push({ t: 'p', v: p, line });
        i += p.length;
    }
    return { toks, directives };
}

/* Index of the token closing the bracket opened at toks[i]. */
function closing(toks, i) {
    const pairs = { '(': ')', '[': ']', '{': '}' };
    let depth = 0;
    for (let k = i; k < toks.length; k++) {
        if (toks[k].t !== 'p') continue;
        if (pairs[toks[k].v]) depth++;
        else if (toks[k].v === ')' || toks[k].v === ']' || toks[k].v === '}') if (--depth === 0) return k;
    }
    return toks.length - 1;
}

/* The arguments of the call whose '(' is toks[open], as token arrays. */
function callArgs(toks, open) {
    const close = closing(toks, open), args = [];
    let cur = [], depth = 0;
    for (let k = open + 1; k < close; k++) {
        const t = toks[k];
        if (t.t === 'p' && '([{'.includes(t.v)) depth++;
        if (t.t === 'p' && ')]}'.includes(t.v)) depth--;
        if (depth === 0 && t.t === 'p' && t.v === ',') { args.push(cur); cur = []; continue; }
        cur.push(t);
    }
    if (cur.length || args.length) args.push(cur);
    return args;
}

const text = (expr) => expr.map((t) => (t.t === 'str' ? JSON.stringify(t.v) : t.v)).join(' ');
const squash = (s) => s.replace(/\s+/g, '');

/* Is toks[i] (a name followed by '(') declared or defined here rather than called? */
function isDeclaration(toks, i) {
    let k = i - 1;
    while (k >= 0 && toks[k].t === 'p' && toks[k].v === '*') k--;
    return k >= 0 && k < i && toks[k].t === 'id' && !NOT_TYPES.has(toks[k].v);
}

function analyse(file, src) {
    const { toks, directives } = tokenize(src);
    /* #define NAME "literal" ...: the string it stands for. */
    const macros = new Map();
    for (const d of directives) {
        const m = /^\s*#\s*define\s+([A-Za-z_]\w*)(\(?)([\s\S]*)$/.exec(d.text);
        if (!m || m[2]) continue;
        const body = tokenize(m[3]).toks;
        if (body.length && body.every((t) => t.t === 'str' || (t.t === 'id' && macros.has(t.v))))
            macros.set(m[1], body.map((t) => (t.t === 'str' ? t.v : macros.get(t.v))).join(''));
    }
    const isLiteral = (expr) => expr.length > 0 && expr.every((t) => t.t === 'str' || (t.t === 'id' && macros.has(t.v)));
    const literalText = (expr) => expr.map((t) => (t.t === 'str' ? t.v : macros.get(t.v))).join('');

    /* static const char NAME[] = literal;  or  static const char *const NAME = literal; */
    const constants = new Map();
    for (let i = 0; i < toks.length; i++) {
        if (toks[i].v !== 'static') continue;
        let k = i + 1;
        const quals = [];
        while (k < toks.length && ['const', 'char', 'unsigned', 'signed'].includes(toks[k].v)) quals.push(toks[k++].v);
        if (!quals.includes('const') || !quals.includes('char')) continue;
        let name = null;
        if (toks[k]?.t === 'id' && toks[k + 1]?.v === '[') {
            name = toks[k].v;
            k = closing(toks, k + 1) + 1;
        } else if (toks[k]?.v === '*' && toks[k + 1]?.v === 'const' && toks[k + 2]?.t === 'id') {
            name = toks[k + 2].v;
            k += 3;
        }
        if (!name || toks[k]?.v !== '=') continue;
        let e = k + 1;
        const init = [];
        while (e < toks.length && !(toks[e].t === 'p' && (toks[e].v === ';' || toks[e].v === ','))) init.push(toks[e++]);
        if (isLiteral(init)) constants.set(name, literalText(init));
    }

    /* Function definitions: name, static or not, parameter names, body range. */
    const functions = [];
    let stmtStart = 0;
    for (let i = 0; i < toks.length; i++) {
        const t = toks[i];
        if (t.t !== 'p') continue;
        if (t.v === ';') { stmtStart = i + 1; continue; }
        if (t.v !== '{') continue;
        const end = closing(toks, i);
        const sig = toks.slice(stmtStart, i);
        const open = sig.findIndex((x) => x.v === '(');
        if (open > 0 && sig[open - 1].t === 'id' && !sig.some((x) => x.v === '=')) {
            const params = callArgs(sig, open).map((p) => [...p].reverse().find((x) => x.t === 'id')?.v ?? null);
            functions.push({ name: sig[open - 1].v, isStatic: sig.some((x) => x.v === 'static'), params, start: i, end });
        }
        i = end;
        stmtStart = end + 1;
    }
    const enclosing = (pos) => functions.find((f) => pos > f.start && pos < f.end) || null;

    /* Is expr (at token position pos) SQL that cannot carry outside text? */
    function constantSql(expr, pos, seen) {
        while (expr.length >= 2 && expr[0].v === '(' && expr[0].t === 'p' && closing(expr, 0) === expr.length - 1) expr = expr.slice(1, -1);
        if (isLiteral(expr)) return true;
        if (expr.length === 1 && expr[0].t === 'id' && constants.has(expr[0].v)) return true;
        let depth = 0, q = -1;
        for (let k = 0; k < expr.length; k++) {
            const t = expr[k];
            if (t.t !== 'p') continue;
            if ('([{'.includes(t.v)) depth++;
            else if (')]}'.includes(t.v)) depth--;
            else if (depth === 0 && t.v === '?' && q < 0) q = k;
        }
        if (q >= 0) {
            let nest = 0, colon = -1;
            depth = 0;
            for (let k = q + 1; k < expr.length && colon < 0; k++) {
                const t = expr[k];
                if (t.t !== 'p') continue;
                if ('([{'.includes(t.v)) depth++;
                else if (')]}'.includes(t.v)) depth--;
                else if (depth === 0 && t.v === '?') nest++;
                else if (depth === 0 && t.v === ':') { if (nest) nest--; else colon = k; }
            }
            return colon > 0 && constantSql(expr.slice(q + 1, colon), pos, seen) && constantSql(expr.slice(colon + 1), pos, seen);
        }
        if (expr.length === 1 && expr[0].t === 'id') {
            const f = enclosing(pos);
            const index = f ? f.params.indexOf(expr[0].v) : -1;
            if (!f || index < 0 || !f.isStatic) return false;
            const key = `${f.name}/${index}`;
            if (seen.has(key)) return true;
            seen.add(key);
            for (let k = 0; k < toks.length; k++) {
                if (toks[k].t !== 'id' || toks[k].v !== f.name) continue;
                if (toks[k + 1]?.v !== '(') {
                    /* used as a pointer: it may be called with anything */
                    culprit ??= `${f.name} is used as a function pointer at line ${toks[k].line}`;
                    return false;
                }
                if (isDeclaration(toks, k)) continue;
                const args = callArgs(toks, k + 1);
                if (!args[index] || !constantSql(args[index], k, seen)) {
                    culprit ??= `through ${f.name}(), called at line ${toks[k].line} with ${args[index] ? text(args[index]) : 'too few arguments'}`;
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    let culprit = null;
    const findings = { 'sql-format': [], 'sql-statement': [] };
    for (let i = 0; i + 1 < toks.length; i++) {
        const t = toks[i];
        if (t.t !== 'id' || toks[i + 1].v !== '(' || isDeclaration(toks, i)) continue;
        if (/printf$/.test(t.v)) {
            const strings = callArgs(toks, i + 1).flat().map((x) => (x.t === 'str' ? x.v : x.t === 'id' ? (macros.get(x.v) ?? constants.get(x.v) ?? '') : ''));
            const hit = strings.map((s) => SQL_WORDS.exec(s)).find(Boolean);
            if (hit) findings['sql-format'].push(`${file}:${t.line}: ${t.v}() formats SQL (${hit[1]}): bind parameters to a constant statement instead`);
        }
        if (DB_CALLS.has(t.v)) {
            const args = callArgs(toks, i + 1);
            const sql = args[1];
            if (!sql) continue;
            if (ALLOW.some((a) => a.file === file && squash(a.expr) === squash(sql.map((x) => (x.t === 'str' ? JSON.stringify(x.v) : x.v)).join('')))) continue;
            culprit = null;
            if (!constantSql(sql, i, new Set()))
                findings['sql-statement'].push(`${file}:${t.line}: ${t.v}(…, ${text(sql)}): the SQL is not a literal or a static const char array of this file${culprit ? ` (${culprit})` : ''}`);
        }
    }
    return findings;
}

/* {{{key}}} and {{&key}} (with any delimiters set by {{=<% %>=}}). */
function scanTemplate(file, src) {
    const found = [];
    const plain = /^templates\/mail\/[^/]+\.txt\.mustache$/.test(file);
    const lineOf = (pos) => src.slice(0, pos).split('\n').length;
    const check = (key, pos) => {
        if (plain) return;
        const last = key.trim().split('.').pop();
        if (!/_html$/.test(last)) found.push(`${file}:${lineOf(pos)}: raw output of "${key.trim()}": only keys ending in _html (HTML the server made) may skip escaping`);
    };
    let open = '{{', close = '}}', i = 0;
    for (;;) {
        const s = src.indexOf(open, i);
        if (s < 0) break;
        const j = s + open.length;
        if (open === '{{' && src[j] === '{') {
            const e = src.indexOf('}' + close, j);
            if (e < 0) break;
            check(src.slice(j + 1, e), s);
            i = e + 1 + close.length;
            continue;
        }
        const e = src.indexOf(close, j);
        if (e < 0) break;
        const body = src.slice(j, e).trim();
        i = e + close.length;
        if (plain && !'#^/!>$<=&{'.includes(body[0])) found.push(`${file}:${lineOf(s)}: "${body}" would be HTML-escaped in a plain-text email: write {{{${body}}}}`);
        if (body[0] === '&') check(body.slice(1), s);
        else if (body[0] === '{') check(body.slice(1).replace(/}$/, ''), s);
        else if (body[0] === '=' && body.endsWith('=')) {
            const d = body.slice(1, -1).trim().split(/\s+/);
            if (d.length === 2) [open, close] = d;
        }
    }
    return found;
}

function walk(dir, exts, out = []) {
    let entries;
    try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
        return out;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p, exts, out);
        else if (exts.some((x) => e.name.endsWith(x))) out.push(p);
    }
    return out;
}

function lintTree(dir) {
    const results = { 'sql-format': [], 'sql-statement': [], 'template-raw': [] };
    const cfiles = walk(path.join(dir, 'src'), ['.c', '.h']);
    for (const f of cfiles) {
        const rel = path.relative(dir, f);
        const r = analyse(rel, fs.readFileSync(f, 'utf8'));
        results['sql-format'].push(...r['sql-format']);
        results['sql-statement'].push(...r['sql-statement']);
    }
    const tfiles = walk(path.join(dir, 'templates'), ['.mustache']);
    for (const f of tfiles) results['template-raw'].push(...scanTemplate(path.relative(dir, f), fs.readFileSync(f, 'utf8')));
    return { results, ncfiles: cfiles.length, ntfiles: tfiles.length };
}

function report({ results, ncfiles, ntfiles }) {
    let passed = 0, failed = 0;
    for (const [rule, found] of Object.entries(results)) {
        const scope = rule === 'template-raw' ? `${ntfiles} templates` : `${ncfiles} C files`;
        if (found.length) {
            failed++;
            console.log(`lint: ${rule}: FAIL (${found.length} in ${scope})`);
            for (const f of found) console.log(`  ${f}`);
        } else {
            passed++;
            console.log(`lint: ${rule}: ok (${scope})`);
        }
    }
    console.log(`${passed} passed, ${failed} failed`);
    return failed ? 1 : 0;
}

function selfTest(dir) {
    const write = (rel, s) => {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), s);
    };
    write('src/good.c', `
#define COLS "SELECT a, b " \\
             "FROM t "
static const char upcoming[] = COLS "WHERE x = ?1";
static const char past[] = "SELECT 1";
static const char *const other = "SELECT 2";
/* db_prepare(db, name) in a comment is not code; neither is "db_exec(db, s)" in a string. */
struct db_stmt *db_prepare(struct db *db, const char *sql);
static int run(struct db *db, const char *sql, int n) { return db_prepare(db, sql) != 0 && n; }
static int twice(struct db *db, const char *q) { return run(db, q, 1); }
int f(struct db *db, int k) {
    static const char local[] = "DELETE FROM t WHERE id = ?";
    db_prepare(db, k ? upcoming : past);
    db_prepare(db, (other));
    db_prepare(db, COLS "WHERE y = ?");
    db_exec(db, local);
    db_run(db, local, "i", (int64_t)k);
    run(db, "UPDATE t SET a = 1", 2);
    twice(db, "SELECT 3");
    char buf[64];
    snprintf(buf, sizeof buf, "%d selected, updated %s", k, "Update");
    return db_exec(db, "BEGIN IMMEDIATE");
}
`);
    write('src/db/migrate.c', 'int m(struct db *db, const struct embedded_file *f) { return db_exec(db, (const char *)f->data); }\n');
    write('src/bad.c', `
#define TABLE "events"
static int leak(struct db *db, const char *sql) { return db_exec(db, sql); }
int (*fp)(struct db *, const char *) = leak;
void g(struct db *db, struct arena *a, const char *name, char *buf) {
    db_prepare(db, arena_printf(a, "SELECT * FROM t WHERE name = '%s'", name));
    snprintf(buf, 99, "DELETE FROM %s", TABLE);
    buf_printf(out,
               "INSERT INTO t VALUES (%d)", 1);
    const char *q = "SELECT 1";
    db_prepare(db, q);
    db_exec(db, buf);
    db_exec(db, (const char *)f->data);
}
int h(struct db *db, const char *sql) { return db_prepare(db, sql); }
int h2(struct db *db, const char *sql, int64_t *n) { return db_run(db, sql, "") + db_one_int(db, q, n, ""); }
`);
    write('templates/good.mustache', '{{! a comment }}{{{description_html}}} {{& event.summary_html }}\n{{{ a.b_html }}} {{title}}\n');
    write('templates/bad.mustache', 'x\n{{{title}}}\n{{&body}}\n{{=<% %>=}}\n<%&name%>\n<%{not}%>\n{{{raw_html}}}\n');
    write('templates/mail/good.txt.mustache', '{{! plain text }}\n{{#a}}{{{name}}}{{/a}}\n{{& link }}\n');
    write('templates/mail/bad.txt.mustache', '{{{name}}}\n{{ link }}\n');
    write('templates/mail/bad.html.mustache', '{{name}}\n{{{link}}}\n');
    const { results } = lintTree(dir);
    const lines = (rule, file) => results[rule].filter((f) => f.startsWith(file + ':')).map((f) => Number(f.split(':')[1]));
    const expect = [
        ['sql-format in good.c', lines('sql-format', 'src/good.c'), []],
        ['sql-statement in good.c', lines('sql-statement', 'src/good.c'), []],
        ['sql-statement in migrate.c (allowed)', lines('sql-statement', 'src/db/migrate.c'), []],
        ['sql-format in bad.c', lines('sql-format', 'src/bad.c'), [6, 7, 8]],
        ['sql-statement in bad.c', lines('sql-statement', 'src/bad.c'), [3, 6, 11, 12, 13, 15, 16, 16]],
        ['template-raw in good.mustache', lines('template-raw', 'templates/good.mustache'), []],
        ['template-raw in bad.mustache', lines('template-raw', 'templates/bad.mustache'), [2, 3, 5, 6]],
        ['template-raw in mail/good.txt.mustache', lines('template-raw', 'templates/mail/good.txt.mustache'), []],
        ['template-raw in mail/bad.txt.mustache', lines('template-raw', 'templates/mail/bad.txt.mustache'), [2]],
        ['template-raw in mail/bad.html.mustache', lines('template-raw', 'templates/mail/bad.html.mustache'), [2]],
    ];
    let passed = 0, failed = 0;
    for (const [what, got, want] of expect) {
        const ok = JSON.stringify(got) === JSON.stringify(want);
        ok ? passed++ : failed++;
        console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}: lines ${JSON.stringify(got)}${ok ? '' : `, expected ${JSON.stringify(want)}`}`);
    }
    if (failed) console.log(JSON.stringify(results, null, 2));
    console.log(`${passed} passed, ${failed} failed`);
    return failed ? 1 : 0;
}

process.exitCode = mode === 'self-test' ? selfTest(root) : report(lintTree(root));
EOF
