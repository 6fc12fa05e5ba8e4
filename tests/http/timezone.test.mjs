// The viewer's time zone: the picker at /timezone, the "tz" cookie it sets for visitors (with its
// CSRF check), the two clocks on event pages, and the page cache keeping visitors' zones apart.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Server, makeDataDir, initData, decodeEntities } from './server.mjs';
import { Client, startWithMail, signUpAndSignIn } from './accounts_helper.mjs';

// One demo edition moved to a time known to the minute: Thursday 28 March 2024, 15:00 in Brussels
// (CET), when New York was already on summer time (EDT): 10:00 there, 5 hours behind, not 6.
const TIMED = '2020-covid-19-response-es';
const DAY_ONLY = '2020-covid-19-response-en';
const YEAR_ONLY = '2021-trust-resources-sustainability';

describe('time zones', () => {
    let server, dir;
    before(async () => {
        dir = await makeDataDir();
        await initData(dir);
        execFileSync('sqlite3', [path.join(dir, 'dxhub.db'),
            `UPDATE events SET time_precision = 'minute', starts_at = 1711634400, tz = 'Europe/Brussels' WHERE slug = '${TIMED}'`]);
        server = await Server.start({ dataDir: dir, init: false });
    });
    after(async () => {
        await server?.stop();
        if (dir) await rm(dir, { recursive: true, force: true });
    });

    const withZone = (zone) => {
        const c = new Client(server);
        if (zone) c.cookies.set('tz', zone);
        return c;
    };

    test('the picker lists the zones with the current one selected, and a way back', async () => {
        const c = withZone('Asia/Kathmandu');
        const r = await c.get('/timezone?next=/events/x%3Fa%3D1');
        assert.equal(r.status, 200);
        assert.match(r.body, /<form[^>]*method="post" action="\/timezone"/);
        assert.match(r.body, /<option selected>Asia\/Kathmandu<\/option>/);
        assert.match(r.body, /<option>America\/New_York<\/option>/);
        assert.match(decodeEntities(r.body), /name="next" value="\/events\/x\?a=1"/);
        assert.doesNotMatch(r.body, /data-tz-detect/, 'a zone is chosen: nothing for the script to guess');
        const fresh = await withZone(null).get('/timezone');
        assert.match(fresh.body, /data-tz-detect/, 'no zone yet: app.js may pre-select the browser\'s');
        assert.doesNotMatch(fresh.body, /<option selected>/);
    });

    test('posting a zone with the form token sets the cookie for a year and goes back', async () => {
        const c = withZone(null);
        await c.get('/timezone?next=/events');
        const r = await c.post('/timezone', { tz: 'America/New_York', next: '/events' });
        assert.equal(r.status, 303);
        assert.equal(r.location, '/events');
        const cookie = r.headers.getSetCookie().find((l) => l.startsWith('tz='));
        assert.ok(cookie, 'a tz cookie is set');
        assert.match(cookie, /^tz=America\/New_York;/);
        assert.match(cookie, /Max-Age=31536000/i);
        const back = await c.get('/timezone');
        assert.match(back.body, /<option selected>America\/New_York<\/option>/);
    });

    test('next must be a page of this hub', async () => {
        const c = withZone(null);
        await c.get('/timezone');
        const r = await c.post('/timezone', { tz: 'UTC', next: '//evil.example/' });
        assert.equal(r.status, 303);
        assert.equal(r.location, '/');
    });

    test('a refused form token is a 403 with the form again, and no cookie', async () => {
        const c = withZone(null);
        await c.get('/timezone');
        const r = await c.post('/timezone', { tz: 'America/New_York', next: '/events', csrf: 'forged' });
        assert.equal(r.status, 403);
        assert.match(r.body, /action="\/timezone"/);
        assert.ok(!r.headers.getSetCookie().some((l) => l.startsWith('tz=')));
    });

    test('an unknown zone is a 422 with the form filled in', async () => {
        const c = withZone(null);
        await c.get('/timezone');
        const r = await c.post('/timezone', { tz: 'Mars/Olympus_Mons', next: '/events' });
        assert.equal(r.status, 422);
        assert.match(r.body, /field--error/);
        assert.match(r.body, /name="next" value="\/events"/);
        assert.ok(!r.headers.getSetCookie().some((l) => l.startsWith('tz=')));
    });

    test('a timed event shows the event\'s clock and the viewer\'s, 5 hours apart across the DST gap', async () => {
        const r = await withZone('America/New_York').get(`/events/${TIMED}?lang=en`);
        assert.equal(r.status, 200);
        assert.match(r.body, /Thursday, 28 March 2024 at 15:00 CET \(Europe\/Brussels\)/);
        assert.match(r.body, /class="time-yours"/);
        assert.match(r.body, /Thursday, 28 March 2024 at 10:00 EDT \(America\/New_York\)/);
        assert.match(decodeEntities(r.body), new RegExp(`href="/timezone\\?next=/events/${TIMED}%3Flang%3Den"`));
        const same = await withZone('Europe/Paris').get(`/events/${TIMED}?lang=en`);
        assert.doesNotMatch(same.body, /time-yours/, 'the same clock is not shown twice');
        const none = await withZone(null).get(`/events/${TIMED}?lang=en`);
        assert.doesNotMatch(none.body, /time-yours/, 'no zone chosen: only the event\'s clock');
    });

    test('events known only by their day or year show no "your time"', async () => {
        for (const slug of [DAY_ONLY, YEAR_ONLY]) {
            const r = await withZone('Pacific/Auckland').get(`/events/${slug}?lang=en`);
            assert.equal(r.status, 200);
            assert.doesNotMatch(r.body, /time-yours|Your time</, `${slug}: no viewer's clock`);
            assert.doesNotMatch(r.body, /\d\d:\d\d (CET|CEST|NZDT|NZST)/, `${slug}: no invented time of day`);
        }
    });

    test('the page cache never serves one visitor\'s zone to another', async () => {
        // No ?lang=: that sets the language cookie, and a response setting a cookie is never cached.
        const url = `/events/${TIMED}`;
        for (let round = 0; round < 2; round++) {
            const ny = await withZone('America/New_York').get(url);
            const syd = await withZone('Australia/Sydney').get(url);
            const plain = await withZone(null).get(url);
            assert.match(ny.body, /10:00 EDT \(America\/New_York\)/);
            assert.doesNotMatch(ny.body, /Australia\/Sydney\)/);
            assert.match(syd.body, /Friday, 29 March 2024 at 01:00 AEDT \(Australia\/Sydney\)/);
            assert.doesNotMatch(syd.body, /America\/New_York\)/);
            assert.doesNotMatch(plain.body, /time-yours/);
        }
        const metrics = await withZone(null).get('/metrics');
        const hits = /dxhub_page_cache_total\{result="hit"\} (\d+)/.exec(metrics.body);
        assert.ok(hits && Number(hits[1]) > 0, 'the second round came from the cache');
    });
});

describe('time zones of signed-in people', () => {
    let server, mailbox;
    before(async () => ({ server, mailbox } = await startWithMail()));
    after(async () => {
        await server?.stop();
        mailbox?.stop();
    });

    test('the picker changes the profile\'s zone, not a cookie', async () => {
        const c = await signUpAndSignIn(server, mailbox, {
            name: 'Kofi Mensah', email: 'kofi@example.org', password: 'violet harbour tractor 42', tz: 'Africa/Accra',
        });
        const form = await c.get('/timezone?next=/account');
        assert.match(form.body, /<option selected>Africa\/Accra<\/option>/, 'the profile\'s zone is selected');
        const r = await c.post('/timezone', { tz: 'Asia/Kathmandu', next: '/account' });
        assert.equal(r.status, 303);
        assert.equal(r.location, '/account');
        assert.ok(!r.headers.getSetCookie().some((l) => l.startsWith('tz=')), 'no cookie for a signed-in person');
        const account = await c.get('/account');
        assert.match(account.body, /Asia\/Kathmandu/);
    });
});
