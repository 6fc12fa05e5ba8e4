// What a live room's stream sends is decided by today's audience rules, not by what was broadcast
// when it happened: a replay from the start (Last-Event-ID 0), signed out or as a member, carries
// no text or author of a question hidden or still pending, nor of a hidden chat message, nor any
// draft poll or results hidden since; moderators still get what they may see. Live frames too:
// a draft poll reaches moderators only. Through the room's own routes, against the real binary.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server } from './server.mjs';
import { Client, makeUser } from './accounts_helper.mjs';
import { makeRoom, openStream, streamUntil } from './rooms_helper.mjs';

const PASSWORD = 'violet harbour tractor 42';
const JSON_ACCEPT = { accept: 'application/json' };

let server, room, moderator, alice, bob, carol, visitor;
const url = (p = '') => `/rooms/${room}${p}`;

/* Posts to the room after loading it (a fresh form token); expects the 303 back. */
async function post(c, p, fields) {
    await c.get(url());
    const r = await c.post(url(p), fields);
    assert.equal(r.status, 303, `${p} answered ${r.status}`);
}

async function roomJson(c) {
    return JSON.parse((await c.get(url(), JSON_ACCEPT)).body);
}

/* The room's stream from the start as c sees it, read up to the last chat message sent. */
const replay = (c, marker) => streamUntil(server, room, c, new RegExp(marker));

before(async () => {
    server = await Server.start();
    const m = await makeUser(server, { email: 'mod@example.org', name: 'Mo Moderator', password: PASSWORD });
    moderator = m.client;
    alice = (await makeUser(server, { email: 'alice@example.org', name: 'Alice Asker', password: PASSWORD })).client;
    bob = (await makeUser(server, { email: 'bob@example.org', name: 'Bob Chatter', password: PASSWORD })).client;
    carol = (await makeUser(server, { email: 'carol@example.org', name: 'Carol Member', password: PASSWORD })).client;
    visitor = new Client(server);
    ({ roomId: room } = makeRoom(server, { slug: 'room-replay', moderatorId: m.id }));
});
after(async () => {
    await server?.stop();
});

describe('replaying a room from the start applies today\'s audience', () => {
    before(async () => {
        // A question shown to everyone (its author named), then hidden.
        await post(alice, '/questions', { body: 'Shown then hidden question text' });
        const shown = (await roomJson(alice)).questions.find((q) => q.body.startsWith('Shown then'));
        await post(moderator, `/questions/${shown.id}/moderate`, { action: 'approve' });
        await post(carol, `/questions/${shown.id}/vote`, {}); // its vote count follows it
        await post(moderator, `/questions/${shown.id}/moderate`, { action: 'hide', reason: 'off_topic' });
        // A question still awaiting approval.
        await post(alice, '/questions', { body: 'Still pending question text' });
        // A chat message, then hidden.
        await post(bob, '/chat', { message: 'Hidden chat line text' });
        const line = (await roomJson(visitor)).chat.find((x) => x.body === 'Hidden chat line text');
        await post(moderator, `/chat/${line.id}/hide`, {});
        // A draft poll, and a poll whose results were shown, then hidden.
        await post(moderator, '/polls', { question: 'Draft poll question text', options: 'Yes\nNo' });
        await post(moderator, '/polls', { question: 'Open poll question', options: 'Alpha\nBeta', open: '1' });
        const open = (await roomJson(visitor)).polls.find((p) => p.question === 'Open poll question');
        await post(carol, `/polls/${open.id}/vote`, { option: String(open.options[0].id) });
        await post(moderator, `/polls/${open.id}/state`, { action: 'show' });
        await post(moderator, `/polls/${open.id}/state`, { action: 'hide' });
        // What everyone may see, last: the replays are read up to it.
        await post(carol, '/chat', { message: 'END OF SETUP' });
    });

    test('signed out and as another member: no hidden or pending text, no author, no draft poll, no hidden results', async () => {
        for (const [who, c] of [['visitor', visitor], ['member', carol]]) {
            const text = await replay(c, 'END OF SETUP');
            assert.doesNotMatch(text, /Shown then hidden question text/, `${who}: hidden question`);
            assert.doesNotMatch(text, /Alice Asker/, `${who}: the hidden question's author`);
            assert.doesNotMatch(text, /Still pending question text/, `${who}: pending question`);
            assert.doesNotMatch(text, /Hidden chat line text/, `${who}: hidden chat`);
            assert.doesNotMatch(text, /Draft poll question text/, `${who}: draft poll`);
            assert.doesNotMatch(text, /"votes":/, `${who}: poll results hidden since, the hidden question's votes`);
            assert.match(text, /event: question_removed/, `${who}: the removal notice stays`);
            assert.match(text, /Open poll question/, `${who}: the open poll stays`);
        }
    });

    test('the asker still gets her own questions, pending and hidden; the JSON twin agrees for others', async () => {
        const text = await replay(alice, 'END OF SETUP');
        assert.match(text, /Still pending question text/);
        assert.match(text, /Shown then hidden question text/);
        assert.doesNotMatch(text, /Draft poll question text/);
        for (const c of [visitor, carol]) {
            const body = (await c.get(url(), JSON_ACCEPT)).body;
            assert.doesNotMatch(body, /Shown then hidden|Still pending|Hidden chat line|Draft poll question/);
        }
    });

    test('a moderator still gets what moderators may see', async () => {
        const text = await replay(moderator, 'END OF SETUP');
        for (const seen of [/Shown then hidden question text/, /Still pending question text/, /Draft poll question text/, /"votes":1/])
            assert.match(text, seen);
    });
});

describe('live frames respect their audience too', () => {
    test('a draft poll reaches moderators only; opening it reaches everyone', async () => {
        const from = Number(/id: (\d+)\nevent: chat\ndata: [^\n]*END OF SETUP/.exec(await replay(visitor, 'END OF SETUP'))[1]);
        const streams = { visitor: await openStream(server, room, null, from), member: await openStream(server, room, carol, from),
            moderator: await openStream(server, room, moderator, from) };
        try {
            await post(moderator, '/polls', { question: 'Live draft poll', options: 'One\nTwo' });
            const draft = (await roomJson(moderator)).polls.find((p) => p.question === 'Live draft poll');
            await post(alice, '/chat', { message: 'AFTER THE DRAFT' });
            for (const [who, s] of Object.entries(streams)) {
                const text = await s.until(/AFTER THE DRAFT/);
                if (who === 'moderator') assert.match(text, /Live draft poll/);
                else assert.doesNotMatch(text, /Live draft poll/, who);
            }
            await post(moderator, `/polls/${draft.id}/state`, { action: 'open' });
            for (const s of Object.values(streams)) await s.until(/Live draft poll","multiple":false,"status":"open"/);
        } finally {
            for (const s of Object.values(streams)) s.close();
        }
    });
});
