// Slow clients against a small hub: more slowloris connections (request heads and POST bodies
// sent a byte at a time, reconnecting when cut) than --max-connections allows, from several
// loopback addresses (127.0.0.2 ...; the per-address cap is small here, and the test's own
// requests come from 127.0.0.1). What must hold: the per-address cap refuses the extra
// connections of one address; a live-room stream opened before the flood keeps receiving its
// heartbeats; an ordinary GET from another address is answered while the flood lasts; and every
// slow connection is closed by the server (head or body deadline), none left trickling forever.
// Bounds are generous safety nets, never timing assertions; everything started is stopped on
// every exit path.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { Server, request } from './server.mjs';
import { makeRoom } from './rooms_helper.mjs';

const LIMIT = 24, PER_IP = 4, ADDRESSES = 10; // 40 flood connections for 24 slots
const SAFETY_MS = 15000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/* Resolves when check() is truthy (polled), or rejects with what after the safety net. */
async function eventually(check, what, ms = SAFETY_MS) {
    const deadline = Date.now() + ms;
    for (;;) {
        const v = await check();
        if (v) return v;
        if (Date.now() > deadline) throw new Error(`never: ${what}`);
        await sleep(100);
    }
}

/* A raw connection from a chosen local address that records what came back and when it closed. */
function connect(port, localAddress) {
    const c = { socket: net.connect({ host: '127.0.0.1', port, localAddress }), data: '', closed: false, sent: 0 };
    c.socket.setEncoding('latin1');
    c.socket.on('data', (d) => (c.data += d));
    c.socket.on('error', () => {});
    c.socket.on('close', () => (c.closed = true));
    c.connected = new Promise((resolve) => {
        c.socket.once('connect', () => resolve(true));
        c.socket.once('close', () => resolve(false));
    });
    c.write = (s) => {
        if (!c.closed && !c.socket.destroyed) {
            c.socket.write(s);
            c.sent += s.length;
        }
    };
    return c;
}

/* Slowloris slots: each keeps one connection open, sending its head (or, for every third
 * slot, a POST body) a byte every 250 ms, and reconnects 100 ms after the server cuts it. */
class Flood {
    constructor(port) {
        this.port = port;
        this.running = true;
        this.all = [];
        this.open = new Set();
        this.loops = [];
        for (let a = 0; a < ADDRESSES; a++)
            for (let i = 0; i < PER_IP; i++) this.loops.push(this.#slot(`127.0.0.${a + 2}`, (a * PER_IP + i) % 3 === 0));
    }

    async #slot(address, body) {
        while (this.running) {
            const c = connect(this.port, address);
            c.body = body;
            this.all.push(c);
            this.open.add(c);
            if (await c.connected) {
                if (body) c.write('POST /signin HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 16384\r\n\r\n');
                else c.write('GET / HTTP/1.1\r\nHost: x\r\n');
                c.headSent = c.sent;
                while (this.running && !c.closed) {
                    c.write(body ? 'a' : 'X');
                    await sleep(250);
                }
            }
            if (!c.closed) return; // stopped: the connection stays, trickling on, until the server cuts it
            this.open.delete(c);
            await sleep(100);
        }
    }

    /* Stops reconnecting; the connections still open keep trickling. */
    async stopReconnecting() {
        this.running = false;
        this.trickle = setInterval(() => {
            for (const c of this.open) if (!c.closed) c.write(c.body ? 'a' : 'X');
        }, 250);
    }

    destroy() {
        this.running = false;
        clearInterval(this.trickle);
        for (const c of this.all) c.socket.destroy();
    }
}

/* An SSE stream on a raw connection from 127.0.0.1. */
function openStream(port, room) {
    const c = connect(port, '127.0.0.1');
    c.write(`GET /rooms/${room}/stream HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n`);
    c.heartbeats = () => (c.data.match(/\n:[^\n]*\n\n/g) || []).length;
    return c;
}

/* One GET / from 127.0.0.1; 0 when the connection was refused or cut. */
async function visit(server) {
    try {
        return (await request(server, '/')).status;
    } catch {
        return 0;
    }
}

describe('a flood of slow connections', () => {
    let server, flood, stream;
    before(async () => {
        server = await Server.start({
            args: ['--max-connections', String(LIMIT), '--max-connections-per-ip', String(PER_IP),
                '--header-timeout', '2', '--request-timeout', '2', '--live-heartbeat', '1'],
        });
    });
    after(async () => {
        flood?.destroy();
        stream?.socket.destroy();
        await server?.stop();
    });

    test('the per-address cap refuses one address\'s extra connections', { timeout: 20000 }, async () => {
        const conns = Array.from({ length: PER_IP + 2 }, () => connect(server.port, '127.0.0.50'));
        try {
            await Promise.all(conns.map((c) => c.connected));
            for (const c of conns) c.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
            await eventually(() => conns.every((c) => c.closed), 'every connection answered or refused');
            const answered = conns.filter((c) => /^HTTP\/1\.1 200/.test(c.data)).length;
            assert.equal(answered, PER_IP, `${answered} of ${conns.length} answered`);
        } finally {
            for (const c of conns) c.socket.destroy();
        }
    });

    test('streams and visitors are served while it lasts, and every slow connection is cut', { timeout: 45000 }, async () => {
        const { roomId } = makeRoom(server, { slug: 'flood-room' });
        stream = openStream(server.port, roomId);
        await eventually(() => /^HTTP\/1\.1 200/.test(stream.data) && stream.heartbeats() >= 1, 'the stream started');

        flood = new Flood(server.port);
        // The flood fills every slot: more connections were made than the limit allows.
        await eventually(() => flood.all.length > LIMIT + 10, 'the flood under way');
        await sleep(1000);

        // (b) A visitor from another address is answered during the flood (it may take a few tries).
        const status = await eventually(async () => (await visit(server)) === 200, 'a visitor answered during the flood');
        assert.ok(status);
        assert.ok(flood.running, 'the flood was still going on');

        // (c) The stream opened before the flood goes on receiving heartbeats.
        const seen = stream.heartbeats();
        await eventually(() => stream.heartbeats() >= seen + 2, 'heartbeats on the stream during the flood');
        assert.equal(stream.closed, false, 'the stream was not cut');

        // (a) Slow heads and slow bodies were cut by the server while still trickling, and once
        // the flood stops reconnecting, every connection left is cut too.
        const cutWhileTrickling = (body) => flood.all.filter((c) => c.body === body && c.closed && c.sent > c.headSent + 2);
        assert.ok(cutWhileTrickling(false).length > 0, 'slow heads were cut');
        assert.ok(cutWhileTrickling(true).length > 0, 'slow bodies were cut');
        await flood.stopReconnecting();
        await eventually(() => flood.all.every((c) => c.closed), 'every slow connection closed by the server');
        assert.equal(stream.closed, false, 'the stream outlived the flood');
        assert.ok(stream.data.startsWith('HTTP/1.1 200'));
        const metrics = await request(server, '/metrics');
        assert.ok(Number(/^dxhub_connections_cut_total (\d+)$/m.exec(metrics.text)?.[1]) > 0, 'counted in /metrics');
    });
});
