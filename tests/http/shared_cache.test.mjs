// Signed-in pages are built around cached shared parts (src/http/fragment_cache.c): an event's
// sessions, speakers, partners and outcome, the home page's lists. Whatever is cached, a member
// must never see another member's data: six people with different registrations and roles and a
// visitor load the same pages alternately, as HTML and as JSON, and each sees exactly their own
// name, form token, registration, organiser links and the speaker links their profile rights allow.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server } from './server.mjs';
import { Client, makeUser } from './accounts_helper.mjs';
import { addPartner } from './organise_helper.mjs';
import { makeEvent, rows, run } from './registration_helper.mjs';

const PASSWORD = 'violet harbour tractor 42';
const SLUG = 'shared-exchange';
let server, eventId;
const people = {}; // key -> { client, id, name }

/* Fragment cache look-ups so far, from /metrics. */
async function fragmentHits() {
    const m = await new Client(server).get('/metrics');
    const hit = /dxhub_fragment_cache_total\{result="hit"\} (\d+)/.exec(m.body);
    return hit ? Number(hit[1]) : 0;
}

/* The page without what differs on every answer (the request id). */
const stable = (html) => html.replace(/[0-9a-f]{16}/g, 'REQUEST-ID');

before(async () => {
    // A long time to live: only writes may end an entry during the test.
    server = await Server.start({ args: ['--fragment-cache', '600', '--page-cache', '0'] });
    const make = async (key, name, role = 'member') => {
        const u = await makeUser(server, { email: `${key}@example.org`, name, role, password: PASSWORD });
        people[key] = { client: u.client, id: u.id, name };
    };
    await make('org', 'Olu Organiser', 'organiser');
    await make('mod', 'Mina Moderator', 'moderator');
    await make('alice', 'Alice Registered');
    await make('bob', 'Bob Waitlisted');
    await make('carol', 'Carol Browsing');
    await make('dave', 'Dave Speaker');
    await make('erin', 'Erin Panellist');
    const starts = Math.floor(Date.now() / 1000) + 20 * 86400;
    eventId = makeEvent(server, {
        slug: SLUG, title: 'Shared exchange', capacity: 1, organisers: [people.org.id], meetingUrl: 'https://meet.example.org/x',
        sessions: [{ title: 'Opening', starts, speaker: people.dave.id }, { title: 'Closing', starts: starts + 7200, speaker: people.erin.id }],
    });
    // Dave's profile is private (only he sees the link to it), Erin's is for members.
    run(server, [['INSERT INTO profiles (user_id, display_name, visibility, updated_at) VALUES (?, ?, ?, 0) ' +
        'ON CONFLICT (user_id) DO UPDATE SET visibility = excluded.visibility', [people.dave.id, 'Dave Speaker', 'private']],
    ['INSERT INTO profiles (user_id, display_name, visibility, updated_at) VALUES (?, ?, ?, 0) ' +
        'ON CONFLICT (user_id) DO UPDATE SET visibility = excluded.visibility', [people.erin.id, 'Erin Panellist', 'members']]]);
    for (const key of ['alice', 'bob']) {
        const c = people[key].client;
        await c.get(`/events/${SLUG}/register`);
        assert.equal((await c.post(`/events/${SLUG}/register`, {})).status, 303);
    }
    // Each member's own form token, from a page that is theirs alone.
    for (const p of Object.values(people)) {
        await p.client.get('/account');
        p.csrf = p.client.csrf;
        assert.ok(p.csrf);
    }
    // The visitor reads in the members' zone, so that only who is looking tells their pages apart.
    const visitor = new Client(server);
    visitor.cookies.set('tz', rows(server, 'SELECT tz FROM users WHERE id = ?', [people.alice.id])[0].tz);
    people.visitor = { client: visitor, id: 0, name: null };
});
after(async () => {
    await server?.stop();
});

/* What one viewer must see on the event page's JSON twin. */
function expectJson(key, event) {
    const p = people[key];
    const mine = event.registration.mine;
    const status = { alice: 'confirmed', bob: 'waitlisted' }[key];
    assert.equal(mine?.status, status, `${key}'s registration`);
    assert.equal(event.can_manage, key === 'org', `${key} manages`);
    assert.equal(event.manage_url, key === 'org' ? `/events/${SLUG}/manage` : null);
    assert.equal(Boolean(event.registration.manage), key === 'org');
    const [opening, closing] = event.sessions;
    assert.equal(opening.speakers[0].profile_url, key === 'dave' ? `/people/${people.dave.id}` : '', `${key} and Dave's link`);
    assert.equal(closing.speakers[0].profile_url, p.id ? `/people/${people.erin.id}` : '', `${key} and Erin's link`);
}

/* What one viewer must see on the event page itself. */
function expectHtml(key, html) {
    const p = people[key];
    for (const [other, q] of Object.entries(people)) {
        if (!q.name)
            continue;
        if (other === key)
            assert.ok(html.includes(q.name), `${key} sees their own name`);
        else
            assert.ok(!html.includes(q.name), `${key} must not see ${other}'s name`);
        if (other !== key && q.csrf)
            assert.ok(!html.includes(q.csrf), `${key} must not get ${other}'s form token`);
    }
    if (p.csrf)
        assert.ok(html.includes(`name="csrf" value="${p.csrf}"`), `${key} gets their own form token`);
    assert.equal(/You are registered|registration is confirmed/i.test(html) || html.includes('/registration"'),
        key === 'alice' || key === 'bob', `${key}'s own registration box`);
    assert.equal(html.includes('on the waitlist'), key === 'bob', `${key} and the waitlist`);
    assert.equal(html.includes(`/events/${SLUG}/manage`), key === 'org', `${key} and the organiser's link`);
    assert.equal(html.includes(`/people/${people.dave.id}"`), key === 'dave', `${key} and Dave's private profile`);
    assert.equal(html.includes(`/people/${people.erin.id}"`), key !== 'visitor', `${key} and Erin's members-only profile`);
}

test('each viewer sees exactly their own state, name and token on shared event and home pages', async () => {
    const order = ['alice', 'visitor', 'bob', 'org', 'carol', 'mod', 'dave', 'alice', 'dave', 'bob', 'visitor', 'org'];
    const first = {};
    const hitsBefore = await fragmentHits();
    for (let round = 0; round < 2; round++) {
        for (const key of order) {
            const c = people[key].client;
            const json = await c.get(`/api/v1/events/${SLUG}`);
            assert.equal(json.status, 200);
            expectJson(key, JSON.parse(json.body).event);
            const page = await c.get(`/events/${SLUG}`);
            assert.equal(page.status, 200);
            expectHtml(key, page.body);
            const home = await c.get('/');
            assert.equal(home.status, 200);
            for (const [other, q] of Object.entries(people))
                if (q.name)
                    assert.equal(home.body.includes(q.name), other === key, `${key}'s home page and ${other}'s name`);
            // The same viewer always gets the same page, however the others' visits filled the cache.
            const pages = { event: stable(page.body), json: json.body, home: stable(home.body) };
            if (first[key])
                assert.deepEqual(pages, first[key], `${key}'s pages are stable`);
            else
                first[key] = pages;
        }
    }
    assert.ok((await fragmentHits()) > hitsBefore, 'the shared parts were served from the fragment cache');
});

test('a change made through the hub shows to every viewer at once', async () => {
    for (const key of ['alice', 'visitor', 'org'])
        assert.equal((await people[key].client.get(`/events/${SLUG}`)).status, 200);
    await addPartner(people.org.client, SLUG, { name: 'Brand New Partner Org' });
    for (const key of ['alice', 'visitor', 'org', 'mod']) {
        const page = await people[key].client.get(`/events/${SLUG}`);
        assert.match(page.body, /Brand New Partner Org/, `${key} sees the new partner`);
        const json = JSON.parse((await people[key].client.get(`/api/v1/events/${SLUG}`)).body).event;
        assert.ok(json.partners.some((p) => p.name === 'Brand New Partner Org'));
    }
    assert.ok(eventId);
});
