// Which writes empty the visitors' page cache. Live-room activity (questions, votes) and sign-ins
// show on no cached page, so a visitor's event page stays cached through them; a write that the
// event page does show (the live room's results copied into the outcome summary) empties it.
// Hits and misses are read from /metrics (dxhub_page_cache_total).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server } from './server.mjs';
import { Client, makeUser, signIn } from './accounts_helper.mjs';
import { makeRoom } from './rooms_helper.mjs';

const PASSWORD = 'violet harbour tractor 42';
const EVENT = '/events/cache-exchange';
let server, organiser, alice, room;

/* A visitor's view of the event page, as a browser without cookies asks for it (the test Client
 * always sends a Cookie header, which keeps its pages out of the cache). */
async function visit() {
    const res = await fetch(`${server.base}${EVENT}`);
    await res.text();
    return res.status;
}

/* The page cache's hit count so far. */
async function hits() {
    const metrics = await new Client(server).get('/metrics');
    return Number(/dxhub_page_cache_total\{result="hit"\} (\d+)/.exec(metrics.body)[1]);
}

/* Whether the visitor's event page, cached before action ran, is still served from the cache after it. */
async function stillCached(action) {
    assert.equal(await visit(), 200);
    assert.equal(await visit(), 200);
    await action();
    const before = await hits();
    assert.equal(await visit(), 200);
    return (await hits()) === before + 1;
}

/* Posts fields to the room's path p as c, with a fresh form token; returns the status. */
async function roomPost(c, p, fields) {
    await c.get(`/rooms/${room}`);
    return (await c.post(`/rooms/${room}${p}`, fields)).status;
}

before(async () => {
    // A long time to live: only writes may end an entry during the test.
    server = await Server.start({ args: ['--page-cache', '600'] });
    const o = await makeUser(server, { email: 'org@example.org', name: 'Olu Organiser', password: PASSWORD });
    organiser = o.client;
    alice = (await makeUser(server, { email: 'alice@example.org', name: 'Alice Asker', password: PASSWORD })).client;
    ({ roomId: room } = makeRoom(server, { slug: 'cache-exchange', organiserId: o.id }));
});
after(async () => {
    await server?.stop();
});

test('a sign-in keeps the visitors\' cached pages', async () => {
    assert.ok(await stillCached(() => signIn(server, 'alice@example.org', PASSWORD)));
});

test('asking, approving and voting in a live room keep them', async () => {
    assert.ok(await stillCached(async () => {
        assert.equal(await roomPost(alice, '/questions', { body: 'Does the cache survive this question?' }), 303);
    }));
    const question = JSON.parse((await organiser.get(`/rooms/${room}`, { accept: 'application/json' })).body).questions[0];
    assert.ok(await stillCached(async () => {
        assert.equal(await roomPost(organiser, `/questions/${question.id}/moderate`, { action: 'approve' }), 303);
        assert.equal(await roomPost(organiser, `/questions/${question.id}/vote`, {}), 303);
    }));
});

test('copying the room into the outcome summary, which the event page shows, empties the cache', async () => {
    assert.equal(await stillCached(async () => {
        assert.equal(await roomPost(organiser, '/outcome', {}), 303);
    }), false);
});
