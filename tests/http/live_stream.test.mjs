// The live rooms' Server-Sent Events stream, GET /rooms/{id}/stream, against the real binary:
// its headers, the replay after Last-Event-ID (header or ?last_event_id=) exactly once and in
// order followed by live events, who receives moderators-only and personal events, the heartbeat
// (1 s here through --live-heartbeat), 404 for a draft event's room, many concurrent streams and
// the open-streams gauge in /metrics returning to 0, and shutdown with streams open.
//
// Events are inserted straight into room_events with the sqlite3 shell: the hub picks up rows
// whose notification it never got at each heartbeat, so no test-only door into the server is
// needed (the room's own routes, which call live_notify, are tested in rooms.test.mjs).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { Server, get } from './server.mjs';
import { makeUser } from './accounts_helper.mjs';
import { sql, q } from './records_helper.mjs';
import { makeRoom } from './rooms_helper.mjs';

const PASSWORD = 'violet harbour tractor 42';
const SAFETY_MS = 15000; // a hung stream fails the test instead of hanging the suite; not a timing assertion

/* An open stream: its response headers, the raw text so far and the parsed frames. */
class Stream {
    static open(server, pathname, headers = {}) {
        return new Promise((resolve, reject) => {
            const req = http.request({ host: '127.0.0.1', port: server.port, path: pathname, headers, agent: false }, (res) => {
                resolve(new Stream(req, res));
            });
            req.setTimeout(SAFETY_MS, () => req.destroy(new Error(`no answer to ${pathname}`)));
            req.on('error', reject);
            req.end();
        });
    }

    constructor(req, res) {
        this.req = req;
        this.status = res.statusCode;
        this.headers = res.headers;
        this.text = '';
        this.ended = false;
        this.waiters = new Set();
        req.setTimeout(0);
        res.setEncoding('utf8');
        res.on('data', (d) => { this.text += d; this.#notify(); });
        res.on('end', () => { this.ended = true; this.#notify(); });
        res.on('error', () => { this.ended = true; this.#notify(); });
        res.on('close', () => { this.ended = true; this.#notify(); });
    }

    #notify() {
        for (const w of [...this.waiters]) w();
    }

    /* Complete frames: {id, event, data} for events, {comment} for comments, {retry}. */
    frames() {
        const blocks = this.text.split('\n\n');
        blocks.pop(); // the part after the last blank line is not complete yet
        return blocks.map((b) => {
            const f = {};
            for (const line of b.split('\n')) {
                if (line.startsWith(':')) f.comment = line.slice(1).trim();
                const m = /^(id|event|data|retry): ?(.*)$/.exec(line);
                if (m) f[m[1]] = m[1] === 'data' && 'data' in f ? `${f.data}\n${m[2]}` : m[2];
            }
            return f;
        });
    }

    events() {
        return this.frames().filter((f) => f.event);
    }

    /* Resolves when check(this) is truthy; rejects after the safety net. */
    until(check, what) {
        return new Promise((resolve, reject) => {
            const attempt = () => {
                if (!check(this)) return false;
                finish();
                resolve(true);
                return true;
            };
            const timer = setTimeout(() => { finish(); reject(new Error(`stream never showed ${what}:\n${this.text}`)); }, SAFETY_MS);
            const finish = () => { clearTimeout(timer); this.waiters.delete(attempt); };
            if (!attempt()) this.waiters.add(attempt);
        });
    }

    close() {
        this.req.destroy();
    }
}

const cookieOf = (client) => [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

/* Inserts an event of room into room_events; returns its id. */
function record(server, room, { type = 'question', data = '{}', audience = 0, userId = null } = {}) {
    return Number(sql(server, `INSERT INTO room_events (room_id, audience, user_id, type, data, created_at)
        VALUES (${room}, ${audience}, ${userId ?? 'NULL'}, ${q(type)}, ${q(data)}, 0) RETURNING id;`).trim());
}

async function liveStreams(server) {
    const r = await get(server, '/metrics');
    return Number(/^dxhub_live_streams (\d+)$/m.exec(r.text)[1]);
}

describe('live room stream', () => {
    let server, room, draft, asker, other, moderator;
    before(async () => {
        server = await Server.start({ args: ['--live-heartbeat', '1'] });
        asker = await makeUser(server, { email: 'asker@example.org', name: 'Asker', password: PASSWORD });
        other = await makeUser(server, { email: 'other@example.org', name: 'Other', password: PASSWORD });
        moderator = await makeUser(server, { email: 'mod@example.org', name: 'Mod', password: PASSWORD });
        ({ roomId: room } = makeRoom(server, { slug: 'live-stream-room', moderatorId: moderator.id }));
        ({ roomId: draft } = makeRoom(server, { slug: 'live-stream-draft', status: 'draft' }));
    });
    after(async () => {
        await server?.stop();
    });

    test('answers text/event-stream, uncached and unbuffered, starting with a retry hint', async () => {
        const s = await Stream.open(server, `/rooms/${room}/stream`);
        assert.equal(s.status, 200);
        assert.equal(s.headers['content-type'], 'text/event-stream');
        assert.equal(s.headers['cache-control'], 'no-store');
        assert.equal(s.headers['x-accel-buffering'], 'no');
        assert.equal(s.headers['x-content-type-options'], 'nosniff', 'never sniffed into a document');
        // Document-only headers are left off: a stream is never rendered nor framed, and each
        // header is kept in memory for the stream's whole life.
        for (const h of ['content-security-policy', 'x-frame-options', 'permissions-policy', 'referrer-policy'])
            assert.equal(s.headers[h], undefined, h);
        await s.until((x) => x.frames().length > 0, 'a first frame');
        assert.match(s.frames()[0].retry, /^\d+$/);
        s.close();
    });

    test('replays what was missed after Last-Event-ID exactly once and in order, then live events', async () => {
        const ids = [1, 2, 3].map((n) => record(server, room, { type: 'question', data: JSON.stringify({ n }) }));
        const s = await Stream.open(server, `/rooms/${room}/stream`, { 'last-event-id': String(ids[0]) });
        const viaQuery = await Stream.open(server, `/rooms/${room}/stream?last_event_id=${ids[1]}`);
        await s.until((x) => x.events().length >= 2, 'the replay');
        const live = record(server, room, { type: 'vote', data: '{"n":4}' });
        await s.until((x) => x.events().some((e) => e.id === String(live)), 'the live event');
        await viaQuery.until((x) => x.events().some((e) => e.id === String(live)), 'the live event');
        // One more heartbeat: nothing comes twice meanwhile.
        const beats = s.frames().filter((f) => f.comment).length;
        await s.until((x) => x.frames().filter((f) => f.comment).length > beats, 'a heartbeat');
        assert.deepEqual(s.events().map((e) => [Number(e.id), e.event, e.data]),
            [[ids[1], 'question', '{"n":2}'], [ids[2], 'question', '{"n":3}'], [live, 'vote', '{"n":4}']]);
        assert.deepEqual(viaQuery.events().map((e) => Number(e.id)), [ids[2], live]);
        s.close();
        viaQuery.close();
    });

    test('without Last-Event-ID only events from now on arrive; multi-line data comes back whole', async () => {
        record(server, room, { data: '{"old":true}' });
        const s = await Stream.open(server, `/rooms/${room}/stream`);
        await s.until((x) => x.frames().length > 0, 'the retry hint');
        const id = record(server, room, { type: 'chat', data: 'line one\nline two' });
        await s.until((x) => x.events().length > 0, 'the new event');
        assert.deepEqual(s.events(), [{ id: String(id), event: 'chat', data: 'line one\nline two' }]);
        s.close();
    });

    test('moderators-only events reach only moderators, personal ones only their person and moderators', async () => {
        const start = record(server, room, { type: 'mark' });
        const watch = async (client) => Stream.open(server, `/rooms/${room}/stream`,
            { 'last-event-id': String(start), ...(client ? { cookie: cookieOf(client) } : {}) });
        const streams = { visitor: await watch(null), asker: await watch(asker.client), other: await watch(other.client),
            moderator: await watch(moderator.client) };
        record(server, room, { type: 'pending', audience: 1, data: '{"text":"awaiting approval"}' });
        record(server, room, { type: 'hidden', audience: 2, userId: asker.id, data: '{"text":"your hidden question"}' });
        const last = record(server, room, { type: 'question', data: '{"text":"for everyone"}' });
        for (const s of Object.values(streams)) await s.until((x) => x.events().some((e) => e.id === String(last)), 'the public event');
        const seen = Object.fromEntries(Object.entries(streams).map(([who, s]) => [who, s.events().map((e) => e.event)]));
        assert.deepEqual(seen, {
            visitor: ['question'],
            asker: ['hidden', 'question'],
            other: ['question'],
            moderator: ['pending', 'hidden', 'question'],
        });
        assert.doesNotMatch(streams.other.text, /your hidden question|awaiting approval/);
        // The same on a replay: a reconnecting visitor gets no more than before.
        const again = await Stream.open(server, `/rooms/${room}/stream`, { 'last-event-id': String(start) });
        await again.until((x) => x.events().length > 0, 'the replay');
        assert.deepEqual(again.events().map((e) => e.event), ['question']);
        for (const s of [...Object.values(streams), again]) s.close();
    });

    test('a heartbeat comment arrives on an idle stream', async () => {
        const s = await Stream.open(server, `/rooms/${room}/stream`);
        await s.until((x) => x.frames().some((f) => f.comment === 'heartbeat'), 'a heartbeat');
        s.close();
    });

    test('a draft event\'s room, a missing room and a malformed Last-Event-ID are refused', async () => {
        assert.equal((await get(server, `/rooms/${draft}/stream`)).status, 404);
        assert.equal((await get(server, `/rooms/${draft}/stream`, { cookie: cookieOf(other.client) })).status, 404);
        assert.equal((await get(server, '/rooms/999999/stream')).status, 404);
        assert.equal((await get(server, '/rooms/abc/stream')).status, 404);
        assert.equal((await get(server, `/rooms/${room}/stream`, { 'last-event-id': '12x' })).status, 400);
    });

    test('many concurrent streams all receive an event, and /metrics returns to 0 open streams after they leave', async () => {
        await s0(server);
        const streams = await Promise.all(Array.from({ length: 300 }, () => Stream.open(server, `/rooms/${room}/stream`)));
        assert.equal(await liveStreams(server), 300);
        const id = record(server, room, { type: 'question', data: '{"text":"to all"}' });
        await Promise.all(streams.map((s) => s.until((x) => x.events().some((e) => e.id === String(id)), 'the event')));
        for (const s of streams) s.close();
        // Departed browsers are found at the next heartbeat.
        for (let i = 0; i < 100 && (await liveStreams(server)) > 0; i++) await new Promise((r) => setTimeout(r, 100));
        assert.equal(await liveStreams(server), 0);
    });

    test("open streams count as connections but are not on the slow-client watchdog's list", async () => {
        await s0(server);
        const streams = await Promise.all(Array.from({ length: 50 }, () => Stream.open(server, `/rooms/${room}/stream`)));
        await Promise.all(streams.map((s) => s.until((x) => x.frames().length > 0, 'the retry hint')));
        const text = (await get(server, '/metrics')).text;
        const metric = (name) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1]);
        const open = metric('dxhub_open_connections');
        const watched = metric('dxhub_connections_watched');
        assert.ok(open >= 50, `open connections ${open}`);
        assert.ok(Number.isInteger(watched) && open - watched >= 50, `${watched} of ${open} connections watched`);
        for (const s of streams) s.close();
    });

    test('the server stops cleanly with streams open, ending each of them', async () => {
        const own = await Server.start({ args: ['--live-heartbeat', '60'] });
        const { roomId } = makeRoom(own, { slug: 'live-stream-shutdown' });
        const streams = await Promise.all(Array.from({ length: 20 }, () => Stream.open(own, `/rooms/${roomId}/stream`)));
        await Promise.all(streams.map((s) => s.until((x) => x.frames().length > 0, 'the retry hint')));
        const exit = await own.stop();
        assert.deepEqual(exit, { code: 0, signal: null }, own.stderr.slice(-2000));
        await Promise.all(streams.map((s) => s.until((x) => x.ended, 'its end')));
    });
});

/* Waits until no stream of an earlier test is open any more. */
async function s0(server) {
    for (let i = 0; i < 100 && (await liveStreams(server)) > 0; i++) await new Promise((r) => setTimeout(r, 100));
}
