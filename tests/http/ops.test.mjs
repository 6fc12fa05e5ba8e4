// Operations: /healthz, /metrics, the JSON logs on stderr, and graceful
// shutdown.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { Server, get, request, RawConnection, assertAlive } from './server.mjs';

let server;
before(async () => {
    server = await Server.start();
});
after(async () => {
    if (server && !server.exit) await server.stop();
});

/* Parses Prometheus text: {samples: [{name, labels, value}], types: {name: type}}. */
function parseMetrics(text) {
    const samples = [], types = {}, help = {};
    for (const line of text.split('\n')) {
        if (!line) continue;
        let m;
        if ((m = /^# TYPE (\w+) (counter|gauge|histogram|summary|untyped)$/.exec(line))) types[m[1]] = m[2];
        else if ((m = /^# HELP (\w+) (.*)$/.exec(line))) help[m[1]] = m[2];
        else if (line.startsWith('#')) continue;
        else {
            m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? ([-+]?(?:\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|Inf|NaN))$/.exec(line);
            assert.ok(m, `a valid sample line: ${line}`);
            const labels = {};
            for (const l of (m[2] || '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
            samples.push({ name: m[1], labels, value: Number(m[3]) });
        }
    }
    return { samples, types, help };
}

async function metrics() {
    const r = await get(server, '/metrics');
    assert.equal(r.status, 200);
    return parseMetrics(r.text);
}

function requestsFor(m, route, status) {
    return m.samples
        .filter((s) => s.name === 'dxhub_http_requests_total' && s.labels.route === route && (!status || s.labels.status === String(status)))
        .reduce((a, s) => a + s.value, 0);
}

/* Polls /metrics until pred holds: a finished request is counted when its
 * connection's completion callback runs, which may come just after the
 * client has read the response. */
async function metricsUntil(pred) {
    let m;
    for (let i = 0; i < 100; i++) {
        m = await metrics();
        if (pred(m)) return m;
        await new Promise((r) => setTimeout(r, 20));
    }
    return m;
}

describe('/healthz', () => {
    test('200 "ok", plain text, not cached', async () => {
        const r = await get(server, '/healthz');
        assert.equal(r.status, 200);
        assert.equal(r.text.trim(), 'ok');
        assert.match(r.headers['content-type'], /^text\/plain/);
        assert.match(r.headers['cache-control'] || '', /no-store/);
    });
});

describe('/metrics', () => {
    test('Prometheus text with types for every family', async () => {
        const r = await get(server, '/metrics');
        assert.equal(r.status, 200);
        assert.match(r.headers['content-type'], /^text\/plain; version=0\.0\.4/);
        const m = parseMetrics(r.text);
        assert.equal(m.types.dxhub_http_requests_total, 'counter');
        assert.equal(m.types.dxhub_http_request_duration_seconds, 'histogram');
        assert.equal(m.types.dxhub_open_connections, 'gauge');
        for (const s of m.samples) {
            const family = s.name.replace(/_(bucket|sum|count)$/, '');
            assert.ok(m.types[s.name] || m.types[family], `a # TYPE line for ${s.name}`);
        }
    });

    test('the requests counter for route "/" goes up after a request', async () => {
        const before = requestsFor(await metrics(), '/', 200);
        const r = await get(server, '/');
        assert.equal(r.status, 200);
        const after = requestsFor(await metricsUntil((m) => requestsFor(m, '/', 200) > before), '/', 200);
        assert.ok(after >= before + 1, `${before} → ${after}`);
    });

    test('requests that match no route are counted too', async () => {
        const m0 = await metrics();
        const total = (m) => m.samples.filter((s) => s.name === 'dxhub_http_requests_total' && s.labels.status === '404').reduce((a, s) => a + s.value, 0);
        const before = total(m0);
        assert.equal((await get(server, '/no-such-thing')).status, 404);
        const m = await metricsUntil((x) => total(x) > before);
        assert.ok(total(m) > before);
        for (const s of m.samples.filter((x) => x.name === 'dxhub_http_requests_total')) {
            assert.ok(s.labels.route && s.labels.method && /^\d{3}$/.test(s.labels.status), JSON.stringify(s.labels));
            assert.doesNotMatch(s.labels.route, /no-such-thing/, 'routes are patterns, not raw paths (bounded cardinality)');
        }
    });

    test('the latency histogram: cumulative buckets, +Inf equals _count, a _sum', async () => {
        await get(server, '/events');
        const m = await metrics();
        const buckets = m.samples.filter((s) => s.name === 'dxhub_http_request_duration_seconds_bucket');
        assert.ok(buckets.length >= 2, 'buckets');
        const les = buckets.map((b) => (b.labels.le === '+Inf' ? Infinity : Number(b.labels.le)));
        assert.deepEqual([...les].sort((a, b) => a - b), les, 'bucket bounds ascending');
        assert.equal(les.at(-1), Infinity, 'a +Inf bucket last');
        for (let i = 1; i < buckets.length; i++) assert.ok(buckets[i].value >= buckets[i - 1].value, 'cumulative counts');
        const count = m.samples.find((s) => s.name === 'dxhub_http_request_duration_seconds_count');
        const sum = m.samples.find((s) => s.name === 'dxhub_http_request_duration_seconds_sum');
        assert.ok(count && sum, '_count and _sum');
        assert.equal(buckets.at(-1).value, count.value);
        assert.ok(count.value > 0);
        assert.ok(sum.value >= 0);
    });

    test('dxhub_open_connections counts at least the connection asking', async () => {
        const m = await metrics();
        const open = m.samples.find((s) => s.name === 'dxhub_open_connections');
        assert.ok(open, 'dxhub_open_connections');
        assert.ok(open.value >= 1, `value ${open.value}`);
    });
});

describe('logs', () => {
    const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

    test('every stderr line is a JSON object with time and level', async () => {
        await get(server, '/');
        await get(server, '/nope');
        await server.waitForLog((o) => o.path === '/nope');
        assert.ok(server.lines.length > 0);
        for (const line of server.lines.filter((l) => l.trim())) {
            let o;
            assert.doesNotThrow(() => (o = JSON.parse(line)), `not JSON: ${line}`);
            assert.equal(typeof o, 'object');
            assert.match(o.time, ISO, line);
            assert.ok(['debug', 'info', 'warn', 'error'].includes(o.level), line);
        }
    });

    test('a request line: rid, method, path (without the query), status, duration_us', async () => {
        await get(server, '/events?lang=fr&x=1');
        const o = await server.waitForLog((x) => x.path === '/events' && x.method === 'GET');
        assert.match(o.rid, /^[0-9a-f]{16}$/);
        assert.equal(o.status, 200);
        assert.ok(Number.isInteger(o.duration_us) && o.duration_us >= 0, `duration_us ${o.duration_us}`);
        assert.match(o.time, ISO);
        assert.equal(o.level, 'info');
    });

    test('request ids differ between requests', async () => {
        await get(server, '/about');
        await get(server, '/about');
        await server.waitForLog((x) => x.path === '/about' && server.logs().filter((y) => y.path === '/about').length >= 2);
        const rids = server.logs().filter((y) => y.path === '/about').map((y) => y.rid);
        assert.equal(new Set(rids).size, rids.length);
    });

    test('errors are logged with their status; hostile paths cannot forge log lines', async () => {
        await request(server, '/events', { method: 'POST' });
        await get(server, '/forge%0A%7B%22level%22%3A%22error%22%2C%22msg%22%3A%22forged%22%7D');
        await get(server, '/events/%C3%A9t%C3%A9');
        const post = await server.waitForLog((x) => x.method === 'POST' && x.path === '/events');
        assert.equal(post.status, 405);
        const forged = await server.waitForLog((x) => typeof x.path === 'string' && x.path.startsWith('/forge'));
        assert.equal(forged.status, 404);
        assert.equal(forged.path, '/forge\n{"level":"error","msg":"forged"}', 'the path is logged as data');
        const utf8 = await server.waitForLog((x) => x.path === '/events/été');
        assert.equal(utf8.status, 404);
        for (const line of server.lines.filter((l) => l.trim())) {
            const o = JSON.parse(line);
            assert.notEqual(o.msg, 'forged', 'no forged log line');
        }
    });

    test('a 400 for a malformed path is logged too', async () => {
        const before = server.logs().filter((x) => x.status === 400).length;
        assert.equal((await get(server, '/events/%FF')).status, 400);
        await server.waitForLog(() => server.logs().filter((x) => x.status === 400).length > before);
    });
});

test('the server exits 0 on SIGTERM and logs it', async () => {
    const r = await server.stop();
    assert.deepEqual(r, { code: 0, signal: null }, server.stderr.slice(-2000));
    assert.ok(server.logs().some((o) => o.msg === 'stopping'), 'a "stopping" line');
});

describe('graceful shutdown', () => {
    /* Opens a request the server has started (it said "100 Continue") but
     * cannot finish until we send its 5-byte body. */
    async function requestInFlight(s) {
        const c = new RawConnection(s.port);
        await c.connected;
        await c.write('GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n');
        const cont = await c.until((x) => /^HTTP\/1\.1 100\b/.test(x.data.toString('latin1')));
        assert.ok(cont, `100 Continue first, got: ${c.data.toString('latin1').slice(0, 200)}`);
        return c;
    }

    test('SIGTERM with a request in flight: it completes, then the process exits 0', async () => {
        // One worker thread, so the order of events on the server is the order we cause them.
        const s = await Server.start({ args: ['--threads', '1'] });
        try {
            const c = await requestInFlight(s);
            s.proc.kill('SIGTERM');
            await s.waitForLog((o) => o.msg === 'stopping');
            assert.equal(s.exit, null, 'still running while a request is in flight');
            await c.write('hello');
            const r = await c.response();
            assert.ok(r, 'the in-flight request got its response');
            assert.equal(r.status, 200);
            assert.ok(!r.truncated, 'the whole body');
            assert.match(r.body.toString('utf8'), /<\/html>\s*$/);
            c.close();
            const exit = await s.exited;
            assert.deepEqual(exit, { code: 0, signal: null }, s.stderr.slice(-2000));
            assert.ok(s.logs().some((o) => o.path === '/events' && o.status === 200), 'the request was logged');
        } finally {
            await s.stop();
        }
    });

    test('while draining, new connections are refused', async () => {
        const s = await Server.start();
        try {
            const c = await requestInFlight(s);
            s.proc.kill('SIGTERM');
            await s.waitForLog((o) => o.msg === 'stopping');
            // The listener closes just after that line; wait for it, but only
            // while the server is still draining our request.
            const probe = () =>
                new Promise((resolve) => {
                    const p = net.connect({ host: '127.0.0.1', port: s.port });
                    p.once('connect', () => {
                        p.destroy();
                        resolve('connected');
                    });
                    p.once('error', (e) => resolve(e.code));
                });
            let refused = false;
            for (let i = 0; i < 200 && !refused; i++) {
                assert.equal(s.exit, null, 'the server is still draining');
                assert.equal(c.closed, false, 'the in-flight request is still open');
                refused = (await probe()) === 'ECONNREFUSED';
                if (!refused) await new Promise((r) => setTimeout(r, 10));
            }
            assert.ok(refused, 'a new connection is refused while the in-flight request drains');
            assert.equal(c.closed, false);
            await c.write('hello');
            const r = await c.response();
            assert.equal(r?.status, 200);
            assert.deepEqual(await s.exited, { code: 0, signal: null });
        } finally {
            await s.stop();
        }
    });

    test('SIGINT also stops it with exit 0', async () => {
        const s = await Server.start({ args: ['--threads', '1'] });
        await assertAlive(s);
        s.proc.kill('SIGINT');
        const exit = await s.exited;
        await s.stop();
        assert.deepEqual(exit, { code: 0, signal: null }, s.stderr.slice(-2000));
    });
});

test('start-up: every stderr line is JSON, and a clean start logs no warnings', async () => {
    const offending = [];
    // With a public address: without one, the loopback address it is derived from earns a warning.
    const base = ['--base-url', 'https://hub.example.org'];
    for (const args of [base, [...base, '--threads', '1'], [...base, '--threads', '3', '--max-connections', '64']]) {
        const s = await Server.start({ demo: false, args });
        await s.waitForLog((o) => o.msg === 'serving');
        assert.deepEqual(await s.stop(), { code: 0, signal: null });
        for (const line of s.lines.filter((l) => l.trim())) {
            let o = null;
            try {
                o = JSON.parse(line);
            } catch {
                /* reported below */
            }
            if (!o || ['warn', 'error'].includes(o.level)) offending.push(`serve ${args.join(' ')}: ${line}`);
        }
    }
    assert.deepEqual(offending, []);
});
