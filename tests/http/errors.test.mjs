// What clients that make mistakes and attackers see: error statuses and
// pages, hostile requests over raw TCP, and the security headers that every
// response carries. After each hostile request the server must still answer.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, get, getJson, request, raw, assertAlive, RawConnection, h1, htmlLang } from './server.mjs';

const MiB = 1024 * 1024;

let server;
before(async () => {
    server = await Server.start();
});
after(async () => {
    if (server && !server.exit) await server.stop();
});

/* A complete HTTP/1.1 request as text. */
function req(line, headers = [], body = '') {
    return `${line}\r\n${['Host: 127.0.0.1', 'Connection: close', ...headers].join('\r\n')}\r\n\r\n${body}`;
}

const is4xx = (s) => s >= 400 && s < 500;

describe('not found and wrong method', () => {
    test('an unknown path is a 404 HTML page; its JSON twin is {"error":{"status":404}}', async () => {
        const r = await get(server, '/no/such/page');
        assert.equal(r.status, 404);
        assert.match(r.headers['content-type'], /^text\/html; charset=utf-8$/i);
        assert.equal(h1(r.text), 'Page not found');
        assert.match(r.text, /href="\/"/, 'a way back home');
        const j = await getJson(server, '/no/such/page');
        assert.equal(j.status, 404);
        assert.equal(j.json.error.status, 404);
        const api = await getJson(server, '/api/v1/no/such/page', { accept: '*/*' });
        assert.equal(api.status, 404);
        assert.equal(api.json.error.status, 404);
    });

    test('the error page shows the request id that the log line carries', async () => {
        const r = await get(server, '/no-such-page-for-rid');
        const m = /<code\b[^>]*>([0-9a-f]{16})<\/code>/.exec(r.text);
        assert.ok(m, 'a request id on the page');
        const line = await server.waitForLog((o) => o.rid === m[1] && o.path === '/no-such-page-for-rid');
        assert.equal(line.status, 404);
    });

    test('/api/v1x and /events/ are not pages', async () => {
        assert.equal((await get(server, '/api/v1x')).status, 404);
        assert.equal((await get(server, '/events/')).status, 404);
        assert.equal((await get(server, '//')).status, 404);
        assert.equal((await get(server, '/events/a%2Fb')).status, 404, '%2F stays inside one segment');
    });

    for (const [method, path] of [
        ['POST', '/events'],
        ['POST', '/'],
        ['PUT', '/about'],
        ['DELETE', '/events/2024-powerful-transnational-partnerships'],
        ['PATCH', '/healthz'],
    ])
        test(`${method} ${path} is 405 with Allow: GET, HEAD`, async () => {
            const r = await request(server, path, { method, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
            assert.equal(r.status, 405);
            assert.equal(r.headers.allow, 'GET, HEAD');
            assert.match(r.headers['content-type'], /^text\/html/);
            assert.equal(h1(r.text), 'Method not allowed');
        });

    test('405 JSON twin', async () => {
        const r = await request(server, '/api/v1/events', { method: 'POST', headers: { accept: 'application/json' } });
        assert.equal(r.status, 405);
        assert.equal(r.headers.allow, 'GET, HEAD');
        assert.equal(JSON.parse(r.text).error.status, 405);
    });

    test('an unknown method is refused, not served', async () => {
        const r = await raw(server, req('BREW / HTTP/1.1'));
        assert.ok(r.status === 405 || r.status === 501, `status ${r.status}`);
        await assertAlive(server, 'after BREW');
    });
});

describe('HEAD', () => {
    for (const path of ['/', '/events', '/no-such-page'])
        test(`HEAD ${path}: same status and Content-Length as GET, and no body`, async () => {
            const g = await get(server, path);
            const h = await raw(server, req(`HEAD ${path} HTTP/1.1`), { head: true });
            assert.equal(h.status, g.status);
            assert.equal(Number(h.headers['content-length']), g.body.length, 'Content-Length');
            assert.ok(g.body.length > 0);
            assert.equal(h.rest.length, 0, 'no body bytes after the headers');
            assert.equal(h.headers['content-type'], g.headers['content-type']);
        });
});

describe('request bodies over the limit (1 MiB)', () => {
    test('Content-Length over the limit: 413 before the body is sent', async () => {
        const r = await raw(server, req('POST /events HTTP/1.1', [`Content-Length: ${2 * MiB}`, 'Content-Type: application/x-www-form-urlencoded']));
        assert.equal(r.status, 413);
        assert.match(r.headers['content-type'] || '', /^text\/html/);
        await assertAlive(server, 'after 413');
    });

    test('Content-Length one byte over: 413', async () => {
        const r = await raw(server, req('POST / HTTP/1.1', [`Content-Length: ${MiB + 1}`]));
        assert.equal(r.status, 413);
    });

    test('Expect: 100-continue with a body over the limit gets 413, not 100 Continue', async () => {
        const c = new RawConnection(server.port);
        await c.connected;
        await c.write(req('POST /events HTTP/1.1', [`Content-Length: ${4 * MiB}`, 'Expect: 100-continue']));
        const first = await c.until((x) => {
            const m = /^HTTP\/1\.\d (\d{3})/.exec(x.data.toString('latin1'));
            return m ? Number(m[1]) : null;
        });
        c.close();
        assert.equal(first, 413);
    });

    test('chunked body over the limit: 413', async () => {
        const chunk = Buffer.alloc(64 * 1024, 'a');
        const parts = [req('POST /events HTTP/1.1', ['Transfer-Encoding: chunked', 'Content-Type: application/x-www-form-urlencoded'])];
        for (let sent = 0; sent <= MiB + chunk.length; sent += chunk.length)
            parts.push(Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]));
        parts.push('0\r\n\r\n');
        const r = await raw(server, parts);
        assert.equal(r.status, 413);
        await assertAlive(server, 'after a chunked 413');
    });

    test('a small body is read and the route answers (405 here, not 413)', async () => {
        const r = await raw(server, req('POST /events HTTP/1.1', ['Content-Length: 3', 'Content-Type: application/x-www-form-urlencoded'], 'a=1'));
        assert.equal(r.status, 405);
    });

    test('a small chunked body: the route answers', async () => {
        const r = await raw(server, req('POST /events HTTP/1.1', ['Transfer-Encoding: chunked'], '3\r\na=1\r\n0\r\n\r\n'));
        assert.equal(r.status, 405);
    });

    test('413 JSON twin', async () => {
        const r = await raw(server, req('POST /api/v1/events HTTP/1.1', [`Content-Length: ${2 * MiB}`, 'Accept: application/json']));
        assert.equal(r.status, 413);
        assert.equal(JSON.parse(r.body.toString()).error.status, 413);
    });
});

describe('malformed input in the URL', () => {
    for (const [what, path] of [
        ['invalid UTF-8 in the path', '/events/%FF'],
        ['invalid UTF-8 at the root', '/%C3%28'],
        ['an overlong UTF-8 "/"', '/events/%C0%AF'],
        ['a UTF-16 surrogate', '/events/%ED%A0%80'],
        ['invalid UTF-8 in the query', '/?q=%C3%28'],
        ['invalid UTF-8 in a query name', '/?%FF=1'],
        ['a malformed escape in the path', '/events/%zz'],
        ['a truncated escape in the path', '/events/%4'],
        ['a malformed escape in the query', '/?q=%zz'],
        ['NUL in the path', '/events/%00'],
        ['NUL in the query', '/?q=a%00b'],
    ])
        test(`${what} (${path}) is 400`, async () => {
            const r = await get(server, path);
            assert.equal(r.status, 400, `${path}: ${r.status}`);
            assert.match(r.headers['content-type'], /^text\/html/);
            assert.equal(h1(r.text), 'Bad request');
            await assertAlive(server, `after ${path}`);
        });

    test('400 in the asked language, and its JSON twin', async () => {
        const fr = await get(server, '/events/%FF?lang=fr');
        assert.equal(fr.status, 400);
        assert.equal(htmlLang(fr.text), 'fr');
        assert.notEqual(h1(fr.text), 'Bad request');
        const j = await getJson(server, '/api/v1/events/%FF', { accept: '*/*' });
        assert.equal(j.status, 400);
        assert.equal(j.json.error.status, 400);
    });

    test('valid UTF-8 in a slug is simply not found', async () => {
        const r = await get(server, '/events/%C3%A9v%C3%A9nement');
        assert.equal(r.status, 404);
    });

    test('what the URL says is escaped on the page, never run', async () => {
        const r = await get(server, '/nope"><script>alert(1)</script><img%20src=x%20onerror=alert(2)>');
        assert.equal(r.status, 404);
        assert.doesNotMatch(r.text, /<script>alert\(1\)/);
        assert.doesNotMatch(r.text, /<img[^>]*onerror/);
        assert.doesNotMatch(r.text, /"><script/);
        const q = await get(server, '/?lang="><script>alert(3)</script>');
        assert.doesNotMatch(q.text, /<script>alert\(3\)/);
    });
});

describe('oversized headers', () => {
    test('20 KiB of headers: 431', async () => {
        const r = await raw(server, req('GET / HTTP/1.1', [`X-Filler: ${'a'.repeat(20 * 1024)}`]));
        assert.equal(r.status, 431);
        assert.match(r.headers['content-type'] || '', /^text\/html/);
        await assertAlive(server, 'after 431');
    });

    /* Each connection's libmicrohttpd pool (src/http/server.c) must hold a whole head up to our
     * 16 KiB limit and a little past it, so that dxhub itself answers, in the reader's language. */
    test('a 15 KiB request head is served', async () => {
        const r = await raw(server, req('GET / HTTP/1.1', [`X-Filler: ${'a'.repeat(15 * 1024)}`]));
        assert.equal(r.status, 200);
        assert.match(r.body.toString(), /<h1\b/);
    });

    for (const [lang, title] of [['fr', 'En-têtes de requête trop volumineux'], ['es', 'Encabezados de la solicitud demasiado grandes']]) {
        test(`a head just over 16 KiB: the 431 page in the reader's language (${lang})`, async () => {
            const r = await raw(server, req('GET /events HTTP/1.1', [`Accept-Language: ${lang}`, `X-Filler: ${'a'.repeat(16 * 1024 + 512)}`]));
            assert.equal(r.status, 431);
            const html = r.body.toString();
            assert.equal(htmlLang(html), lang);
            assert.equal(h1(html), title);
            await assertAlive(server, 'after a 16.5 KiB head');
        });
    }

    test('a 20 KiB cookie: 431', async () => {
        const r = await raw(server, req('GET /events HTTP/1.1', [`Cookie: session=${'b'.repeat(20 * 1024)}`]));
        assert.equal(r.status, 431);
    });

    test('200 small headers: 431', async () => {
        const many = Array.from({ length: 200 }, (_, i) => `X-H${i}: ${i}`);
        const r = await raw(server, req('GET / HTTP/1.1', many));
        assert.equal(r.status, 431);
    });

    test('200 KiB of headers: refused with a 4xx, and the server keeps serving', async () => {
        const lines = Array.from({ length: 50 }, (_, i) => `X-Big${i}: ${'c'.repeat(4000)}`);
        const r = await raw(server, req('GET / HTTP/1.1', lines));
        assert.ok(is4xx(r.status), `status ${r.status}`);
        await assertAlive(server, 'after 200 KiB of headers');
    });
});

describe('hostile requests over raw TCP', () => {
    const cases = [
        ['a path without a leading /', req('GET events HTTP/1.1'), is4xx],
        ['the asterisk form', req('GET * HTTP/1.1'), is4xx],
        ['the absolute form', req('GET http://127.0.0.1/ HTTP/1.1'), (s) => s === 200 || is4xx(s)],
        ['a 100 KiB request line', req(`GET /${'a'.repeat(100 * 1024)} HTTP/1.1`), (s) => s === 0 || is4xx(s)],
        ['a 1 MiB request line', req(`GET /?q=${'a'.repeat(MiB)} HTTP/1.1`), (s) => s === 0 || is4xx(s)],
        ['a 10 KiB method', req(`${'A'.repeat(10 * 1024)} / HTTP/1.1`), (s) => s === 0 || is4xx(s) || s === 501],
        ['binary garbage', Buffer.concat([Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 151 + 7) % 256)), Buffer.from('\r\n\r\n')]), (s) => s === 0 || is4xx(s)],
        ['blank lines before the request line', `\r\n\r\n\r\n${req('GET /healthz HTTP/1.1')}`, (s) => s === 200 || is4xx(s)],
        ['a request line with no path', 'GET\r\n\r\n', (s) => s === 0 || is4xx(s)],
        ['an unknown HTTP version', req('GET / HTTP/9.9'), (s) => s === 0 || is4xx(s) || s === 505],
        // RFC 9112 wants a 400 here; libmicrohttpd serves it, which does no harm to a hub that never reads Host.
        ['HTTP/1.1 without Host', 'GET / HTTP/1.1\r\nConnection: close\r\n\r\n', (s) => s === 200 || is4xx(s)],
        ['a header without a colon', req('GET / HTTP/1.1', ['NoColonHere']), (s) => s === 0 || is4xx(s)],
        ['a NUL byte in a header', req('GET / HTTP/1.1', ['X-A: a\u0000b']), (s) => s === 0 || s === 200 || is4xx(s)],
        ['a negative Content-Length', req('POST /events HTTP/1.1', ['Content-Length: -1']), is4xx],
        ['a non-numeric Content-Length', req('POST /events HTTP/1.1', ['Content-Length: abc']), is4xx],
        ['a Content-Length over 2^64', req('POST /events HTTP/1.1', ['Content-Length: 999999999999999999999999']), is4xx],
        // RFC 9112 6.3: differing Content-Lengths are an unrecoverable error, answered with 400.
        ['two different Content-Lengths', req('POST /events HTTP/1.1', ['Content-Length: 3', 'Content-Length: 30'], 'a=1'), (s) => s === 400],
        ['Content-Length and chunked together', req('POST /events HTTP/1.1', ['Content-Length: 4', 'Transfer-Encoding: chunked'], '0\r\n\r\n'), is4xx],
        ['a bad chunk size', req('POST /events HTTP/1.1', ['Transfer-Encoding: chunked'], 'zz\r\nabc\r\n0\r\n\r\n'), (s) => s === 0 || is4xx(s)],
        ['a chunk size over 2^64', req('POST /events HTTP/1.1', ['Transfer-Encoding: chunked'], 'ffffffffffffffffffff\r\nabc\r\n0\r\n\r\n'), (s) => s === 0 || is4xx(s)],
    ];
    for (const [what, bytes, ok] of cases)
        test(`${what}: answered sanely, and the server keeps serving`, async () => {
            const r = await raw(server, bytes);
            assert.ok(ok(r.status), `status ${r.status} (${r.statusLine || 'connection closed without a response'})`);
            await assertAlive(server, `after ${what}`);
        });

    test('HTTP/1.0 without Host is still served', async () => {
        const r = await raw(server, 'GET /healthz HTTP/1.0\r\n\r\n');
        assert.equal(r.status, 200);
    });

    test('pipelined requests are answered in order', async () => {
        const c = new RawConnection(server.port);
        await c.connected;
        await c.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /no-such HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
        await c.until((x) => x.closed);
        const text = c.data.toString('latin1');
        const statuses = [...text.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => Number(m[1]));
        assert.deepEqual(statuses, [200, 404]);
    });

    test('a client that vanishes mid-request does not hurt the server', async () => {
        for (const partial of ['GET / HT', 'POST /events HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc']) {
            const c = new RawConnection(server.port);
            await c.connected;
            await c.write(partial);
            c.close();
        }
        await assertAlive(server, 'after clients vanished');
    });
});

describe('security headers on every response', () => {
    /* Each case: a name and how to get the response. */
    const cases = [
        ['GET /', () => get(server, '/')],
        ['GET /events', () => get(server, '/events')],
        ['GET /events/{slug}', () => get(server, '/events/2024-powerful-transnational-partnerships')],
        ['GET /series/{slug}', () => get(server, '/series/global-diaspora-virtual-exchanges')],
        ['GET /about', () => get(server, '/about')],
        ['JSON /api/v1/events', () => get(server, '/api/v1/events')],
        ['HEAD /', () => request(server, '/', { method: 'HEAD' })],
        ['GET /healthz', () => get(server, '/healthz')],
        ['GET /metrics', () => get(server, '/metrics')],
        ['a static file', async () => {
            const page = await get(server, '/');
            const css = /href="(\/static\/[^"]+\.css)"/.exec(page.text)[1];
            return get(server, css);
        }],
        ['a 304', async () => {
            const page = await get(server, '/');
            const css = /href="(\/static\/[^"]+\.css)"/.exec(page.text)[1];
            const first = await get(server, css);
            return get(server, css, { 'if-none-match': first.headers.etag });
        }],
        ['400', () => get(server, '/events/%FF')],
        ['404', () => get(server, '/nope')],
        ['404 JSON', () => get(server, '/api/v1/nope')],
        ['404 static', () => get(server, '/static/app.0000000000.css')],
        ['405', () => request(server, '/events', { method: 'POST' })],
        ['413', () => raw(server, req('POST /events HTTP/1.1', [`Content-Length: ${2 * MiB}`]))],
        ['431', () => raw(server, req('GET / HTTP/1.1', [`X-Filler: ${'a'.repeat(20 * 1024)}`]))],
    ];
    for (const [what, fetchIt] of cases)
        test(what, async () => {
            const r = await fetchIt();
            assert.ok(r.status > 0, 'a response');
            const h = r.headers;
            const csp = h['content-security-policy'];
            assert.ok(csp, 'Content-Security-Policy');
            const directives = Object.fromEntries(
                csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
                    const [name, ...values] = d.split(/\s+/);
                    return [name.toLowerCase(), values];
                }),
            );
            const scripts = directives['script-src'] || directives['default-src'];
            assert.ok(scripts, 'script-src (or default-src)');
            assert.ok(!scripts.includes("'unsafe-inline'"), `no 'unsafe-inline' in script-src: ${csp}`);
            assert.ok(!scripts.includes("'unsafe-eval'"), `no 'unsafe-eval' in script-src: ${csp}`);
            assert.ok(!scripts.includes('*'), 'script-src is not *');
            assert.deepEqual(directives['frame-ancestors'], ["'none'"]);
            assert.equal(h['x-content-type-options'], 'nosniff');
            assert.ok(
                ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'].includes(h['referrer-policy']),
                `Referrer-Policy ${h['referrer-policy']}`,
            );
            assert.ok(h['permissions-policy'], 'Permissions-Policy');
        });
});

test('the server exits 0 on SIGTERM', async () => {
    const r = await server.stop();
    assert.deepEqual(r, { code: 0, signal: null }, server.stderr.slice(-2000));
});
