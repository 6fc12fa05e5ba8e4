// The live exchange room as participants and moderators use it without JavaScript (plain forms,
// 303 back to the room) and through its JSON twin: asking (limits, language, anonymity),
// pre-moderation, voting once, moderation refused to others, hidden questions kept from everyone
// but their asker (HTML, JSON and the stored live events), the public moderation log, polls, the
// chat's pace, the read-only archive and the copy into the event's outcome summary.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, pageText, decodeEntities } from './server.mjs';
import { Client, makeUser } from './accounts_helper.mjs';
import { sql } from './records_helper.mjs';
import { makeRoom, streamUntil as streamFromStart } from './rooms_helper.mjs';

const PASSWORD = 'violet harbour tractor 42';
const JSON_ACCEPT = { accept: 'application/json' };
const json = (r) => JSON.parse(r.body);

let server, organiser, moderator, alice, bob, visitor, room, draftRoom, eventId;
const url = (p = '') => `/rooms/${room}${p}`;

/* The room as c sees it, as JSON. */
async function roomJson(c, query = '') {
    const r = await c.get(url(query), JSON_ACCEPT);
    assert.equal(r.status, 200);
    return json(r);
}

/* Posts to the room after loading it (a fresh form token). */
async function post(c, p, fields, headers) {
    await c.get(url());
    return c.post(url(p), fields, headers);
}

/* Reads c's event stream of the room from the start until its text matches until. */
const streamUntil = (c, until) => streamFromStart(server, room, c, until);

/* The stored live events of the room: [{audience, user_id, type, data}]. */
function events() {
    return sql(server, `SELECT json_object('audience', audience, 'user_id', user_id, 'type', type, 'data', json(data)) FROM room_events WHERE room_id = ${room} ORDER BY id`)
        .trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

before(async () => {
    server = await Server.start();
    const o = await makeUser(server, { email: 'org@example.org', name: 'Olu Organiser', password: PASSWORD });
    organiser = o.client;
    const m = await makeUser(server, { email: 'mod@example.org', name: 'Mo Moderator', password: PASSWORD });
    moderator = m.client;
    alice = (await makeUser(server, { email: 'alice@example.org', name: 'Alice Asker', password: PASSWORD })).client;
    bob = (await makeUser(server, { email: 'bob@example.org', name: 'Bob Voter', password: PASSWORD })).client;
    visitor = new Client(server);
    ({ roomId: room, eventId } = makeRoom(server, { slug: 'room-exchange', organiserId: o.id, moderatorId: m.id }));
    ({ roomId: draftRoom } = makeRoom(server, { slug: 'room-draft', status: 'draft', organiserId: o.id }));
});
after(async () => {
    await server?.stop();
});

describe('the room page', () => {
    test('anyone sees a published event\'s room; a draft\'s room only its organisers', async () => {
        const page = await visitor.get(url());
        assert.equal(page.status, 200);
        assert.match(page.body, /<h1>Public sector synergies<\/h1>/);
        assert.match(page.body, /Sign in to ask, vote and chat/);
        assert.doesNotMatch(page.body, /name="body"/, 'visitors get no ask form');
        assert.equal((await alice.get(`/rooms/${draftRoom}`)).status, 404);
        assert.equal((await organiser.get(`/rooms/${draftRoom}`)).status, 200);
        assert.equal((await visitor.get('/rooms/999999')).status, 404);
        assert.equal((await visitor.get('/rooms/abc')).status, 404);
        const present = await visitor.get(url('/present'));
        assert.equal(present.status, 200);
        assert.match(present.body, /Now answering|Top questions/);
        const ev = await visitor.get('/events/room-exchange');
        assert.match(ev.body, new RegExp(`href="/rooms/${room}"`), 'the event page links each session\'s room');
    });
});

describe('questions', () => {
    let pendingId;
    test('asking: blank and too long refused with the text kept; a question waits for approval', async () => {
        const blank = await post(alice, '/questions', { body: '   ' });
        assert.equal(blank.status, 422);
        assert.match(pageText(blank.body), /Write your question before sending it/);
        const long = 'é'.repeat(501);
        const tooLong = await post(alice, '/questions', { body: long });
        assert.equal(tooLong.status, 422);
        assert.match(pageText(tooLong.body), /under 500 characters/);
        assert.ok(decodeEntities(tooLong.body).includes(long), 'the question comes back in the field');
        const badLang = await post(alice, '/questions', { body: 'Hello?', language: 'de' });
        assert.equal(badLang.status, 422);
        assert.equal((await post(alice, '/questions', { body: 'é'.repeat(500) })).status, 303, '500 characters are fine');

        const ok = await post(alice, '/questions', { body: 'Comment financer les diasporas ?', language: 'fr', anonymous: '1' });
        assert.equal(ok.status, 303);
        assert.equal(ok.location, `/rooms/${room}#questions`);
        const mine = (await roomJson(alice)).questions.find((x) => x.body.startsWith('Comment'));
        assert.equal(mine.status, 'pending');
        assert.equal(mine.lang, 'fr');
        assert.equal(mine.anonymous, true);
        pendingId = mine.id;
        const bobs = await roomJson(bob);
        assert.equal(bobs.questions.length, 0, 'pending questions are not shown to others');
        assert.doesNotMatch((await bob.get(url())).body, /Comment financer/);
        const vis = await visitor.get(url(), JSON_ACCEPT);
        assert.doesNotMatch(vis.body, /Comment financer/);
        assert.ok((await roomJson(moderator)).questions.some((x) => x.id === pendingId), 'the moderator sees it');
        const ev = events().filter((e) => e.type === 'question' && e.data.id === pendingId);
        assert.equal(ev.length, 1);
        assert.equal(ev[0].audience, 2, 'its live event goes to the asker and the moderators only');
    });

    test('the language defaults to the page\'s', async () => {
        await bob.get(url('?lang=es'));
        assert.equal((await bob.post(url('/questions?lang=es'), { body: '¿Y los jóvenes?' })).status, 303);
        const q = (await roomJson(bob)).questions.find((x) => x.body === '¿Y los jóvenes?');
        assert.equal(q.lang, 'es');
        await bob.get(url('?lang=en')); // back to English for the tests that follow
    });

    test('moderation by a participant is 403; the moderator approves; anonymity holds for others', async () => {
        assert.equal((await post(alice, `/questions/${pendingId}/moderate`, { action: 'approve' })).status, 403);
        assert.equal((await post(bob, `/questions/${pendingId}/moderate`, { action: 'approve' })).status, 403);
        assert.equal((await post(moderator, `/questions/${pendingId}/moderate`, { action: 'fly' })).status, 400);
        assert.equal((await post(moderator, `/questions/999999/moderate`, { action: 'approve' })).status, 404);
        const ok = await post(moderator, `/questions/${pendingId}/moderate`, { action: 'approve' });
        assert.equal(ok.status, 303);
        const seen = (await roomJson(bob)).questions.find((x) => x.id === pendingId);
        assert.equal(seen.status, 'visible');
        assert.equal(seen.author, 'Anonymous');
        assert.equal((await roomJson(moderator)).questions.find((x) => x.id === pendingId).author, 'Alice Asker');
        const pub = events().filter((e) => e.type === 'question' && e.data.id === pendingId && e.audience === 0);
        assert.equal(pub.length, 1);
        assert.equal(pub[0].data.author, null, 'the live event does not name an anonymous asker');
    });

    test('voting: once per person, withdrawn, again; refused on a pending question', async () => {
        const first = await post(bob, `/questions/${pendingId}/vote`, {});
        assert.equal(first.status, 303);
        const twice = await post(bob, `/questions/${pendingId}/vote`, {});
        assert.equal(twice.status, 409);
        assert.match(pageText(twice.body), /already voted/);
        let q = (await roomJson(bob)).questions.find((x) => x.id === pendingId);
        assert.equal(q.votes, 1);
        assert.equal(q.voted, true);
        assert.equal((await post(bob, `/questions/${pendingId}/unvote`, {})).status, 303);
        assert.equal((await post(bob, `/questions/${pendingId}/unvote`, {})).status, 409);
        assert.equal((await post(bob, `/questions/${pendingId}/vote`, {})).status, 303);
        assert.equal((await post(alice, `/questions/${pendingId}/vote`, {}, JSON_ACCEPT)).status, 200);
        q = (await roomJson(visitor)).questions.find((x) => x.id === pendingId);
        assert.equal(q.votes, 2);
        assert.equal((await visitor.post(url(`/questions/${pendingId}/vote`), {})).status, 401);
        const votes = events().filter((e) => e.type === 'votes').at(-1);
        assert.deepEqual(votes.data, { id: pendingId, votes: 2 });
    });

    test('sorting by votes or time, filtering by language', async () => {
        const byVotes = (await roomJson(moderator)).questions;
        assert.equal(byVotes[0].id, pendingId, 'the most voted first');
        const byTime = (await roomJson(moderator, '?sort=time')).questions;
        assert.ok(byTime[0].id > byTime.at(-1).id, 'newest first');
        const fr = (await roomJson(moderator, '?language=fr')).questions;
        assert.ok(fr.length >= 1 && fr.every((x) => x.lang === 'fr'));
        const es = (await roomJson(moderator, '?language=es')).questions;
        assert.ok(es.every((x) => x.lang === 'es'));
    });

    test('hiding with a reason: gone for others (HTML, JSON, live events), shown to its asker; the log counts it', async () => {
        await post(alice, '/questions', { body: 'Buy my product at spam.example' });
        const spam = (await roomJson(alice)).questions.find((x) => x.body.startsWith('Buy my'));
        assert.equal((await post(moderator, `/questions/${spam.id}/moderate`, { action: 'hide' })).status, 422, 'a reason is needed');
        assert.equal((await post(moderator, `/questions/${spam.id}/moderate`, { action: 'hide', reason: 'off_topic' })).status, 303);
        for (const c of [bob, visitor]) {
            assert.doesNotMatch((await c.get(url())).body, /Buy my product/);
            assert.doesNotMatch((await c.get(url(), JSON_ACCEPT)).body, /Buy my product/);
            assert.doesNotMatch((await c.get(url('/present'))).body, /Buy my product/);
        }
        const own = (await roomJson(alice)).questions.find((x) => x.id === spam.id);
        assert.equal(own.status, 'hidden');
        assert.equal(own.reason_label, 'Off-topic');
        assert.match(pageText((await alice.get(url())).body), /Hidden by the moderators: Off-topic/);
        const log = (await roomJson(visitor)).log;
        assert.deepEqual(log.map((l) => [l.label, l.count]), [['Questions hidden: Off-topic', 1]]);
        assert.match(pageText((await visitor.get(url())).body), /Questions hidden: Off-topic\s*:\s*1/);
        // Everything recorded for everyone about it carries no text.
        for (const e of events().filter((e) => e.audience === 0))
            assert.doesNotMatch(JSON.stringify(e.data), /Buy my product/, `event ${e.type}`);
        const removed = events().filter((e) => e.type === 'question_removed').at(-1);
        assert.deepEqual(removed.data, { id: spam.id, reason: 'off_topic' });
        // Over Server-Sent Events too: others get its removal, never its text; its asker gets both.
        const gone = new RegExp(`event: question_removed\ndata: \\{"id":${spam.id},`);
        for (const c of [bob, visitor]) {
            const seen = await streamUntil(c, gone);
            assert.doesNotMatch(seen, /Buy my product/);
            assert.doesNotMatch(seen, /Comment financer les diasporas \?","lang":"fr","author":"Alice/, 'nor the anonymous asker\'s name');
        }
        const asker = await streamUntil(alice, /"status":"hidden"/);
        assert.match(asker, /Buy my product/);
    });

    test('merging a duplicate moves its votes; answering and pinning', async () => {
        await post(bob, '/questions', { body: 'How to finance diaspora projects?' });
        const dup = (await roomJson(bob)).questions.find((x) => x.body.startsWith('How to finance'));
        await post(moderator, `/questions/${dup.id}/moderate`, { action: 'approve' });
        await post(organiser, `/questions/${dup.id}/vote`, {});
        assert.equal((await post(moderator, `/questions/${dup.id}/moderate`, { action: 'merge', into: String(dup.id) })).status, 422);
        assert.equal((await post(moderator, `/questions/${dup.id}/moderate`, { action: 'merge', into: String(pendingId) })).status, 303);
        const target = (await roomJson(visitor)).questions.find((x) => x.id === pendingId);
        assert.equal(target.votes, 3, 'the organiser\'s vote moved over');
        assert.ok(!(await roomJson(visitor)).questions.some((x) => x.id === dup.id));
        assert.ok((await roomJson(visitor)).log.some((l) => l.action === 'merge' && l.count === 1));

        assert.equal((await post(moderator, `/questions/${pendingId}/moderate`, { action: 'pin' })).status, 303);
        let view = await roomJson(bob);
        assert.equal(view.pinned.id, pendingId);
        const present = await visitor.get(url('/present'));
        assert.match(present.body, /class="present__question"[^>]*>Comment financer les diasporas \?/);
        assert.equal((await post(organiser, `/questions/${pendingId}/moderate`, { action: 'answer' })).status, 303, 'organisers moderate too');
        view = await roomJson(bob);
        assert.equal(view.pinned, null, 'answering unpins');
        assert.equal(view.questions.find((x) => x.id === pendingId).status, 'answered');
        assert.ok(events().some((e) => e.type === 'pin' && e.data.id === pendingId));
    });
});

describe('polls', () => {
    let pollId, options;
    test('moderators create; participants cannot; bad polls refused', async () => {
        assert.equal((await post(alice, '/polls', { question: 'Which?', options: 'A\nB' })).status, 403);
        const few = await post(moderator, '/polls', { question: 'Which?', options: 'Only one' });
        assert.equal(few.status, 422);
        assert.match(pageText(few.body), /from 2 to 10 choices/);
        assert.equal((await post(moderator, '/polls', { question: 'Which sector first?', options: 'Public\nPrivate\nDiaspora', open: '1' })).status, 303);
        const poll = (await roomJson(alice)).polls[0];
        assert.equal(poll.status, 'open');
        assert.equal(poll.options[0].votes, undefined, 'no results until shown');
        pollId = poll.id;
        options = poll.options.map((o) => o.id);
    });

    test('voting once; results shown when the moderator shows them', async () => {
        assert.equal((await post(alice, `/polls/${pollId}/vote`, {})).status, 422);
        assert.equal((await post(alice, `/polls/${pollId}/vote`, { option: '999999' })).status, 422);
        assert.equal((await post(alice, `/polls/${pollId}/vote`, { option: String(options[0]) })).status, 303);
        assert.equal((await post(alice, `/polls/${pollId}/vote`, { option: String(options[1]) })).status, 409);
        assert.equal((await post(bob, `/polls/${pollId}/vote`, { option: String(options[0]) })).status, 303);
        assert.equal((await post(alice, `/polls/${pollId}/state`, { action: 'show' })).status, 403);
        const mod = (await roomJson(moderator)).polls[0];
        assert.deepEqual(mod.options.map((o) => o.votes), [2, 0, 0], 'moderators see the results');
        assert.equal((await post(moderator, `/polls/${pollId}/state`, { action: 'show' })).status, 303);
        const shown = (await roomJson(visitor)).polls[0];
        assert.deepEqual(shown.options.map((o) => [o.votes, o.percent]), [[2, 100], [0, 0], [0, 0]]);
        const html = (await visitor.get(url())).body;
        assert.match(html, /<progress max="100" value="100"/);
        assert.match(pageText(html), /2 votes \(\s*100\s*%\)/);
        const last = events().filter((e) => e.type === 'poll' && e.audience === 0).at(-1);
        assert.equal(last.data.options[0].votes, 2);
        assert.equal((await post(moderator, `/polls/${pollId}/state`, { action: 'close' })).status, 303);
        const late = await post(organiser, `/polls/${pollId}/vote`, { option: String(options[2]) });
        assert.equal(late.status, 409);
        assert.match(pageText(late.body), /This poll is closed/);
    });

    test('a multiple-choice poll takes several choices', async () => {
        await post(moderator, '/polls', { question: 'Which languages?', options: 'English\nFrench\nSpanish', multiple: '1', open: '1' });
        const poll = (await roomJson(moderator)).polls[0];
        await alice.get(url());
        const body = new URLSearchParams([['csrf', alice.csrf], ['option', String(poll.options[1].id)], ['option', String(poll.options[2].id)]]);
        const cookie = [...alice.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
        const res = await fetch(`${server.base}${url(`/polls/${poll.id}/vote`)}`, { method: 'POST', body, redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
        assert.equal(res.status, 303);
        const after = (await roomJson(moderator)).polls[0];
        assert.deepEqual(after.options.map((o) => o.votes), [0, 1, 1]);
        assert.equal(after.voters, 1);
    });
});

describe('chat', () => {
    test('messages, the two-second pace, hiding by moderators, turning it off', async () => {
        assert.equal((await post(alice, '/chat', { message: '' })).status, 422);
        assert.equal((await post(alice, '/chat', { message: 'Bonjour à tous' })).status, 303);
        const fast = await post(alice, '/chat', { message: 'Encore moi' });
        assert.equal(fast.status, 429);
        assert.match(pageText(fast.body), /wait two seconds/);
        assert.match(decodeEntities(fast.body), /value="Encore moi"/, 'the message stays in the field');
        assert.equal((await post(bob, '/chat', { message: 'Hello from Bob' })).status, 303, 'the pace is per person');
        let chat = (await roomJson(visitor)).chat;
        assert.deepEqual(chat.map((m) => m.body), ['Bonjour à tous', 'Hello from Bob']);
        assert.equal((await post(bob, `/chat/${chat[0].id}/hide`, {})).status, 403);
        assert.equal((await post(moderator, `/chat/${chat[0].id}/hide`, {})).status, 303);
        chat = (await roomJson(visitor)).chat;
        assert.deepEqual(chat.map((m) => m.body), ['Hello from Bob']);
        assert.ok((await roomJson(visitor)).log.some((l) => l.action === 'hide_message'));
        assert.equal((await post(moderator, '/settings', { action: 'save', premoderation: '1' })).status, 303, 'chat off');
        const off = await post(bob, '/chat', { message: 'Anyone?' });
        assert.equal(off.status, 409);
        assert.match(pageText(off.body), /chat of this room is turned off/);
        await post(moderator, '/settings', { action: 'save', premoderation: '1', chat: '1' });
    });
});

describe('settings, archive and outcome', () => {
    test('post-moderation shows questions at once; an opening time in the future keeps the room shut', async () => {
        assert.equal((await post(alice, '/settings', { action: 'save' })).status, 403);
        assert.equal((await post(moderator, '/settings', { action: 'save', chat: '1', opens_date: '2024-02-30', opens_time: '10:00' })).status, 422);
        assert.equal((await post(moderator, '/settings', { action: 'save', chat: '1' })).status, 303);
        await post(bob, '/questions', { body: 'Post-moderated question' });
        assert.ok((await roomJson(visitor)).questions.some((x) => x.body === 'Post-moderated question'));
        assert.equal((await post(moderator, '/settings', { action: 'save', chat: '1', opens_date: '2099-01-01', opens_time: '10:00' })).status, 303);
        const shut = await post(bob, '/questions', { body: 'Too early' });
        assert.equal(shut.status, 409);
        assert.match(pageText(shut.body), /not open yet/);
        assert.equal((await roomJson(visitor)).room.state, 'not_yet');
        await post(moderator, '/settings', { action: 'save', premoderation: '1', chat: '1' });
    });

    test('a closed room is a read-only archive; only the organisers copy it into the outcome summary', async () => {
        assert.equal((await post(moderator, '/settings', { action: 'close' })).status, 303);
        const page = await bob.get(url());
        assert.match(pageText(page.body), /read-only archive/);
        assert.doesNotMatch(page.body, /name="body"/, 'no ask form in the archive');
        for (const [p, fields] of [['/questions', { body: 'Late question' }], ['/chat', { message: 'Late' }]]) {
            const r = await post(bob, p, fields);
            assert.equal(r.status, 409, p);
        }
        const q = (await roomJson(bob)).questions[0];
        assert.equal((await post(bob, `/questions/${q.id}/vote`, {})).status, 409);
        assert.match((await roomJson(visitor)).questions.map((x) => x.body).join('|'), /Comment financer/, 'the archive still shows them');

        assert.equal((await post(moderator, '/outcome', {})).status, 403, 'a session moderator does not edit the event\'s record');
        assert.equal((await post(alice, '/outcome', {})).status, 403);
        const copy = await post(organiser, '/outcome', {});
        assert.equal(copy.status, 303);
        assert.equal(copy.location, '/events/room-exchange/record?done=1#outcome');
        const en = sql(server, `SELECT outcome_html FROM event_texts WHERE event_id = ${eventId} AND lang = 'en'`);
        assert.match(en, /<h2>Questions answered in the live room<\/h2>/);
        assert.match(en, /Comment financer les diasporas \? \(3 votes\)/);
        assert.match(en, /<h2>Poll: Which sector first\?<\/h2>/);
        assert.match(en, /Public: 2 votes \(100%\)/);
        assert.doesNotMatch(en, /Buy my product/, 'hidden questions are not copied');
        const fr = sql(server, `SELECT outcome FROM event_texts WHERE event_id = ${eventId} AND lang = 'fr'`);
        assert.match(fr, /Comment financer/, 'every language of the event gets it');
        assert.equal((await post(moderator, '/settings', { action: 'reopen' })).status, 303);
        assert.equal((await roomJson(visitor)).room.state, 'open');
    });

    test('a forged form token is refused with the room page again', async () => {
        await alice.get(url());
        const r = await alice.post(url('/questions'), { csrf: 'forged', body: 'Kept text' });
        assert.equal(r.status, 403);
        assert.match(decodeEntities(r.body), /Kept text/);
    });
});
