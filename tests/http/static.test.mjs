// Static assets: content-hashed URLs, long-lived caching, ETags, gzip.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { Server, get, request } from './server.mjs';

let server, cssUrl, jsUrl;
before(async () => {
    server = await Server.start();
    const page = await get(server, '/');
    cssUrl = /<link\b[^>]*\bhref="(\/static\/app\.[^"./]+\.css)"/.exec(page.text)?.[1];
    jsUrl = /<script\b[^>]*\bsrc="(\/static\/app\.[^"./]+\.js)"/.exec(page.text)?.[1];
});
after(async () => {
    if (server && !server.exit) await server.stop();
});

describe('static files', () => {
    test('the page links the stylesheet under a content-hashed URL', () => {
        assert.ok(cssUrl, 'a <link rel="stylesheet" href="/static/app.<hash>.css">');
    });

    test('the stylesheet: 200, text/css, immutable caching, an ETag', async () => {
        const r = await get(server, cssUrl);
        assert.equal(r.status, 200);
        assert.match(r.headers['content-type'], /^text\/css\b/);
        assert.match(r.headers['cache-control'] || '', /\bimmutable\b/);
        assert.match(r.headers['cache-control'] || '', /\bmax-age=\d{6,}\b/);
        assert.match(r.headers.etag || '', /^(W\/)?"[^"]+"$/);
        assert.ok(r.body.length > 100, 'a real stylesheet');
        assert.equal(Number(r.headers['content-length']), r.body.length);
        assert.equal(r.headers['content-encoding'], undefined, 'identity when gzip is not asked for');
    });

    test('the script, when the page has one', async (t) => {
        if (!jsUrl) return t.skip('no script on the page');
        const r = await get(server, jsUrl);
        assert.equal(r.status, 200);
        assert.match(r.headers['content-type'], /^(text|application)\/javascript\b/);
        assert.match(r.headers['cache-control'] || '', /\bimmutable\b/);
    });

    test('If-None-Match with the ETag: 304 without a body', async () => {
        const first = await get(server, cssUrl);
        const r = await get(server, cssUrl, { 'if-none-match': first.headers.etag });
        assert.equal(r.status, 304);
        assert.equal(r.body.length, 0);
        assert.equal(r.headers.etag, first.headers.etag);
        const list = await get(server, cssUrl, { 'if-none-match': `"nope", ${first.headers.etag}` });
        assert.equal(list.status, 304, 'an ETag in a list matches');
        const other = await get(server, cssUrl, { 'if-none-match': '"something-else"' });
        assert.equal(other.status, 200, 'another ETag does not match');
    });

    test('Accept-Encoding: gzip gives the same bytes, gzipped', async () => {
        const identity = await get(server, cssUrl);
        const gz = await get(server, cssUrl, { 'accept-encoding': 'gzip, deflate, br' });
        assert.equal(gz.status, 200);
        assert.equal(gz.headers['content-encoding'], 'gzip');
        assert.match(gz.headers.vary || '', /accept-encoding/i);
        assert.ok(gz.body.length < identity.body.length, 'smaller than the original');
        assert.deepEqual(gunzipSync(gz.body), identity.body);
        // Different bytes are a different representation: a different strong ETag, and each
        // revalidates on its own.
        assert.notEqual(gz.headers.etag, identity.headers.etag);
        const again = await get(server, cssUrl, { 'accept-encoding': 'gzip', 'if-none-match': gz.headers.etag });
        assert.equal(again.status, 304);
    });

    test('gzip refused with q=0 gives identity', async () => {
        const r = await get(server, cssUrl, { 'accept-encoding': 'gzip;q=0, identity' });
        assert.equal(r.status, 200);
        assert.equal(r.headers['content-encoding'], undefined);
    });

    test('HEAD: same headers as GET, no body', async () => {
        const g = await get(server, cssUrl);
        const h = await request(server, cssUrl, { method: 'HEAD' });
        assert.equal(h.status, 200);
        assert.equal(h.headers['content-length'], g.headers['content-length']);
        assert.equal(h.headers.etag, g.headers.etag);
        assert.equal(h.body.length, 0);
    });

    for (const path of [
        '/static/app.0000000000000000.css',
        '/static/app.css',
        '/static/app.deadbeef.css',
        '/static/nope.css',
        '/static/',
        '/static/..%2F..%2Fetc%2Fpasswd',
        '/static/%2e%2e',
        '/static/..',
        '/static/.%2E%2Fdemo%2Fseed.json',
        '/static/app.css%00.css',
    ])
        test(`${path}: not found`, async () => {
            const r = await get(server, path);
            assert.ok(r.status === 404 || r.status === 400, `status ${r.status}`);
            assert.match(r.headers['content-type'] || '', /^text\/html/);
            assert.doesNotMatch(r.text, /root:x:0:0/);
            assert.notEqual(r.headers['cache-control'] || '', 'public, max-age=31536000, immutable', 'errors are not cached for a year');
        });

    test('an old hash is 404 (not the current file)', async () => {
        const stale = cssUrl.replace(/\.([^.]+)\.css$/, (m, h) => `.${h.split('').reverse().join('')}.css`);
        assert.notEqual(stale, cssUrl);
        const r = await get(server, stale);
        assert.equal(r.status, 404);
    });
});

test('the server exits 0 on SIGTERM', async () => {
    const r = await server.stop();
    assert.deepEqual(r, { code: 0, signal: null }, server.stderr.slice(-2000));
});
