// The record of a finished event as readers find it: what the event left (outcome, recordings,
// documents, proposals) comes before its programme; the live rooms' answered questions and closed polls
// appear with their results, and nothing the public may not see (pending, hidden or unanswered
// questions, draft and open polls, who asked); a proposal written in one language falls back to it,
// marked and with its lang attribute, instead of an empty paragraph. Rows are inserted as the live rooms
// and the record editor would write them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server } from './server.mjs';
import { Client, makeUser } from './accounts_helper.mjs';
import { sql, makeEvent, insertAfterEvent } from './records_helper.mjs';

const SLUG = 'after-exchange';
let server, visitor, eventId;

before(async () => {
    server = await Server.start();
    const asker = await makeUser(server, { email: 'asker@example.org', name: 'Aziz Asker', password: 'violet harbour tractor 42' });
    eventId = makeEvent(server, { slug: SLUG, langs: ['en', 'fr', 'es'] });
    sql(server, `UPDATE event_texts SET description_html = '<p>The programme.</p>' WHERE event_id = ${eventId}`);
    insertAfterEvent(server, eventId, asker.id);
    visitor = new Client(server);
});
after(async () => {
    await server?.stop();
});

test('what the event left comes before its programme', async () => {
    const html = (await visitor.get(`/events/${SLUG}?lang=en`)).body;
    const at = (re) => html.search(re);
    for (const [first, then] of [['record-summary-h', 'outcomes-h'], ['outcomes-h', 'record-rooms-h'], ['record-rooms-h', 'sessions-h']])
        assert.ok(at(new RegExp(`id="${first}"`)) >= 0 && at(new RegExp(`id="${first}"`)) < at(new RegExp(`id="${then}"`)), `${first} before ${then}`);
    assert.ok(at(/id="outcomes-h"/) < at(/The programme\./), 'the proposals before the description');
});

test('the live rooms\' answered questions and closed polls, and nothing else', async () => {
    const html = (await visitor.get(`/events/${SLUG}?lang=en`)).body;
    const rooms = /<section class="section record record-rooms"[\s\S]*?<\/section>\s*<\/section>/.exec(html)?.[0];
    assert.ok(rooms, 'a section for the live rooms');
    assert.match(rooms, /<h3 id="record-room-\d+-h">Remittances and investment<\/h3>/);
    assert.match(rooms, /<span lang="en">How can consulates help diaspora investors\?<\/span> <span class="meta">7 votes<\/span>[\s\S]*<span lang="es">¿Qué costes tienen las remesas\?<\/span>/, 'most voted first, each in its language');
    assert.match(rooms, /Which instrument matters most\?<\/strong> <span class="meta">4 people voted<\/span>/);
    assert.match(rooms, /Diaspora bonds<\/span> <span class="meta">3 votes \(75%\)<\/span>/);
    assert.match(rooms, /<meter min="0" max="100" value="25">/);
    for (const hidden of ['Still waiting', 'offensive', 'Approved but not answered', 'A draft nobody saw', 'A poll still open', 'Aziz Asker'])
        assert.ok(!html.includes(hidden), `${hidden} is not on the record`);
    const api = JSON.parse((await visitor.get(`/api/v1/events/${SLUG}?lang=en`)).body).event.record.rooms;
    assert.deepEqual(api[0].questions.map((x) => x.votes), [7, 3]);
    assert.deepEqual(api[0].polls.map((x) => x.question), ['Which instrument matters most?']);
    for (const hidden of ['Still waiting', 'offensive', 'A draft nobody saw', 'A poll still open', 'Aziz'])
        assert.ok(!JSON.stringify(api).includes(hidden), `${hidden} not in the JSON`);
});

test('a proposal written in one language falls back to it, marked, never as an empty paragraph', async () => {
    const fr = (await visitor.get(`/events/${SLUG}?lang=fr`)).body;
    const list = /<ul class="items proposals">[\s\S]*?<\/ul>/.exec(fr)[0];
    assert.match(list, /<span>Un guichet<\/span><\/p>\s*<p><span>Dans chaque consulat\.<\/span><\/p>/, 'in French when it is');
    assert.match(list, /<span lang="en">Remittance costs<\/span> <span class="tag tag--inline tag--fallback">Uniquement en anglais<\/span>/);
    assert.match(list, /<span lang="es">Bajar los costes al 3 %\.<\/span> <span class="tag tag--inline tag--fallback">Uniquement en espagnol<\/span>/);
    assert.doesNotMatch(list, /<p>\s*<\/p>|<p><span[^>]*><\/span>/, 'no empty paragraph');
    const en = (await visitor.get(`/events/${SLUG}?lang=en`)).body;
    assert.match(en, /<span>Remittance costs<\/span><\/p>\s*<p><span lang="es">Bajar los costes al 3 %\.<\/span> <span class="tag tag--inline tag--fallback">Only in Spanish<\/span>/);
    const es = JSON.parse((await visitor.get(`/api/v1/events/${SLUG}?lang=es`)).body).event.proposals;
    assert.equal(es[2].title, 'A skills registry');
    assert.equal(es[2].title_lang, 'en');
    assert.equal(es[2].title_note, 'Solo en inglés');
    assert.equal(es[1].body_lang, null);
});
