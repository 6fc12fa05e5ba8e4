// The moderators' queue of a live room without JavaScript: questions awaiting approval listed apart
// with their count (HTML and JSON), one-click actions as plain forms that come back to the next card
// of the queue (only a "queue" or "q-N" anchor is followed), and pinning or answering a question
// still awaiting approval approves it; a hidden one cannot be pinned.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server } from './server.mjs';
import { makeUser } from './accounts_helper.mjs';
import { makeRoom } from './rooms_helper.mjs';

const PASSWORD = 'violet harbour tractor 42';
const JSON_ACCEPT = { accept: 'application/json' };

let server, room, moderator, alice;
const url = (p = '') => `/rooms/${room}${p}`;
const roomJson = async (c) => JSON.parse((await c.get(url(), JSON_ACCEPT)).body);

async function post(c, p, fields) {
    await c.get(url());
    return c.post(url(p), fields);
}

before(async () => {
    server = await Server.start();
    const m = await makeUser(server, { email: 'mod@example.org', name: 'Mo Moderator', password: PASSWORD });
    moderator = m.client;
    alice = (await makeUser(server, { email: 'alice@example.org', name: 'Alice Asker', password: PASSWORD })).client;
    ({ roomId: room } = makeRoom(server, { slug: 'room-queue', moderatorId: m.id }));
});
after(async () => {
    await server?.stop();
});

describe('the moderators\' queue', () => {
    let ids;
    test('pending questions are listed apart, oldest first, with their count; others see no queue', async () => {
        for (const body of ['First in line', 'Second in line', 'Third in line'])
            assert.equal((await post(alice, '/questions', { body })).status, 303);
        const view = await roomJson(moderator);
        assert.equal(view.queue_count, 3);
        assert.deepEqual(view.queue.map((q) => q.body), ['First in line', 'Second in line', 'Third in line']);
        ids = view.queue.map((q) => q.id);
        assert.deepEqual(view.queue.map((q) => q.next_anchor), [`q-${ids[1]}`, `q-${ids[2]}`, `q-${ids[1]}`]);
        const html = (await moderator.get(url())).body;
        const queue = html.slice(html.indexOf('id="queue"'), html.indexOf('id="questions"'));
        assert.match(queue, /Questions awaiting approval <span[^>]*>3<\/span>/);
        assert.equal((queue.match(/class="room-q /g) || []).length, 3, 'the three cards are in the queue');
        const list = html.slice(html.indexOf('id="question-list"'), html.indexOf('id="question-template"'));
        assert.doesNotMatch(list, /in line/, 'and not among the other questions');
        for (const action of ['approve', 'pin', 'answer', 'hide'])
            assert.match(queue, new RegExp(`name="action" value="${action}"`), `${action} is one click on the card`);
        const others = await roomJson(alice);
        assert.equal(others.queue, undefined);
        assert.doesNotMatch((await alice.get(url())).body, /id="queue"/);
    });

    test('a card\'s form comes back to the next card; an anchor that is not one is ignored', async () => {
        const ok = await post(moderator, `/questions/${ids[0]}/moderate`, { action: 'approve', next: `q-${ids[1]}` });
        assert.equal(ok.status, 303);
        assert.equal(ok.location, `/rooms/${room}#q-${ids[1]}`);
        const odd = await post(moderator, `/questions/${ids[0]}/moderate`, { action: 'approve', next: 'q-1/../x' });
        assert.equal(odd.location, `/rooms/${room}#q-${ids[0]}`);
    });

    test('pinning a pending question approves and pins it; answering one approves it as answered', async () => {
        assert.equal((await post(moderator, `/questions/${ids[1]}/moderate`, { action: 'pin', next: 'queue' })).location, `/rooms/${room}#queue`);
        let view = await roomJson(alice);
        assert.equal(view.pinned.id, ids[1]);
        assert.equal(view.questions.find((q) => q.id === ids[1]).status, 'visible');
        assert.equal((await post(moderator, `/questions/${ids[2]}/moderate`, { action: 'answer' })).status, 303);
        view = await roomJson(moderator);
        assert.equal(view.queue_count, 0);
        assert.equal(view.queue_empty, true);
        assert.equal(view.questions.find((q) => q.id === ids[2]).status, 'answered');
        await post(moderator, `/questions/${ids[0]}/moderate`, { action: 'hide', reason: 'other' });
        assert.equal((await post(moderator, `/questions/${ids[0]}/moderate`, { action: 'pin' })).status, 400, 'a hidden question is not pinned');
    });
});
