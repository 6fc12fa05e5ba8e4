// What a hostile tester tried on the request lifecycle, and what must hold: POSTs naming another
// site in Origin or Referer are refused even with a valid token; next= never leads off the hub;
// behind HTTPS the session and CSRF cookies are __Host- cookies; without --base-url the links in
// emails, calendars and JSON-LD carry the address the hub really listens on.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWithMail, Client, makeUser, linkIn } from './accounts_helper.mjs';
import { Server } from './server.mjs';

const PASSWORD = 'violet harbour tractor 42';
const E2024 = '2024-powerful-transnational-partnerships';
const E2020 = '2020-covid-19-response-en';

/* One hub without --base-url, its mail going to a mailbox, for every part but the HTTPS one. */
let server, mailbox;
before(async () => ({ server, mailbox } = await startWithMail()));
after(async () => {
    await server?.stop();
    mailbox?.stop();
});

describe('requests from other sites', () => {
    test('a POST with a valid token but a foreign Origin or Referer is refused with 403, form kept', async () => {
        await makeUser(server, { email: 'origin@example.org', name: 'Origin', password: PASSWORD });
        const foreign = [
            { origin: 'https://evil.example' },
            { origin: 'null' },
            { origin: `http://127.0.0.1:${server.port + 1}` },
            { origin: 'http://127.0.0.1.evil.example' },
            { referer: 'https://evil.example/page' },
            { referer: `http://evil.example/?from=${server.base}` },
            { referer: 'not a url' },
        ];
        for (const headers of foreign) {
            const c = new Client(server);
            await c.get('/signin');
            const r = await c.post('/signin', { email: 'origin@example.org', password: PASSWORD }, headers);
            assert.equal(r.status, 403, JSON.stringify(headers));
            assert.match(r.body, /value="origin@example.org"/, 'the form comes back filled in');
            assert.doesNotMatch(r.headers.get('set-cookie') || '', /sid=/, 'no session was started');
        }
        const same = [
            {},
            { origin: server.base },
            { origin: `${server.base}:80`.replace(/:(\d+):80$/, ':$1') },
            { referer: `${server.base}/signin?next=/account` },
        ];
        for (const headers of same) {
            const c = new Client(server);
            await c.get('/signin');
            const r = await c.post('/signin', { email: 'origin@example.org', password: PASSWORD }, headers);
            assert.equal(r.status, 303, JSON.stringify(headers));
        }
    });

    test('a signed-in member\'s POST from another site changes nothing', async () => {
        const { client } = await makeUser(server, { email: 'member-origin@example.org', name: 'Member', password: PASSWORD });
        await client.get('/account');
        const r = await client.post('/signout', {}, { origin: 'https://evil.example' });
        assert.equal(r.status, 403);
        assert.equal((await client.get('/api/v1/account')).status, 200, 'still signed in');
    });
});

describe('next= after signing in', () => {
    /* As written in the query string; each one is refused. */
    const HOSTILE = [
        '/%09/evil.example/x', '%09/evil.example', '//evil.example/x', '/%5Cevil.example', '/%255Cevil.example',
        '/\\evil.example', '/%0d%0aLocation:%20http://evil.example', '/x%0d%0aSet-Cookie:%20a=b', 'http://evil.example',
        'https:evil.example', 'javascript:alert(1)', '/%2F/evil.example', '/%252F/evil.example', '/%252f%252fevil.example',
        '/.//evil.example', '/./%252F/evil.example', '/%252e/%252F/evil.example', '/x/..//evil.example',
        '/%2e%2e/evil', '/%20/evil.example', '/%7F/evil.example', '/%C2%A0/evil', '/%2509/evil.example',
    ];

    test('hostile next= values are neither put in the form nor followed', async () => {
        await makeUser(server, { email: 'next@example.org', name: 'Next', password: PASSWORD });
        for (const next of HOSTILE) {
            const c = new Client(server);
            const form = await c.get(`/signin?next=${next}`);
            assert.equal(form.status, 200, next);
            assert.match(form.body, /name="next" value=""/, `form for ${next}`);
            const decoded = decodeURIComponent(next.replace(/%(?![0-9a-fA-F]{2})/g, '%25'));
            const r = await c.post('/signin', { email: 'next@example.org', password: PASSWORD, next: decoded });
            assert.equal(r.status, 303, next);
            assert.equal(r.location, '/account', `followed ${JSON.stringify(decoded)}`);
        }
    });

    test('the time zone form refuses them too, and local paths still work', async () => {
        for (const next of ['/\t/evil.example/x', '/%2F/evil.example', '/\\evil.example']) {
            const c = new Client(server);
            await c.get('/timezone');
            const r = await c.post('/timezone', { tz: 'Europe/Paris', next });
            assert.equal(r.status, 303, next);
            assert.equal(r.location, '/', JSON.stringify(next));
        }
        const c = new Client(server);
        await c.get('/timezone');
        for (const next of ['/events/x?lang=fr&a=%2F', '/events/', '/account']) {
            const r = await c.post('/timezone', { tz: 'Europe/Paris', next });
            assert.equal(r.location, next);
        }
    });
});

describe('behind HTTPS (--secure-cookies)', () => {
    let server;
    // --durable (synchronous=FULL, proved by tests/unit/test_db.c) is taken by serve too.
    before(async () => (server = await Server.start({ args: ['--secure-cookies', '--durable'] })));
    after(async () => server?.stop());

    test('the session and CSRF cookies are __Host- cookies, and only those names are read', async () => {
        const c = new Client(server);
        const page = await c.get('/signin');
        const csrf = page.headers.getSetCookie().find((l) => l.startsWith('__Host-csrf='));
        assert.ok(csrf, `a __Host-csrf cookie: ${page.headers.getSetCookie()}`);
        for (const attr of [/; Secure\b/, /; Path=\/(;|$)/]) assert.match(csrf, attr);
        assert.doesNotMatch(csrf, /Domain=/i);
        assert.ok(!page.headers.getSetCookie().some((l) => /^csrf=/.test(l)), 'no unprefixed csrf cookie');
        const { client } = await makeUser(server, { email: 'host@example.org', name: 'Host', password: PASSWORD });
        assert.ok(client.cookies.has('__Host-sid'), `cookies: ${[...client.cookies.keys()]}`);
        assert.ok(!client.cookies.has('sid'));
        assert.equal((await client.get('/api/v1/account')).status, 200);
        // The same token under the old name is not a session.
        const renamed = new Client(server);
        renamed.cookies.set('sid', client.cookies.get('__Host-sid'));
        assert.equal((await renamed.get('/api/v1/account')).status, 401);
        // A visitor's double-submit token is read from __Host-csrf only.
        const visitor = new Client(server);
        await visitor.get('/signin');
        const token = visitor.cookies.get('__Host-csrf');
        visitor.cookies.delete('__Host-csrf');
        visitor.cookies.set('csrf', token);
        const r = await visitor.post('/signin', { csrf: token, email: 'host@example.org', password: PASSWORD });
        assert.equal(r.status, 403);
    });
});

describe('sign-up behind HTTPS', () => {
    let server, mailbox;
    before(async () => ({ server, mailbox } = await startWithMail({ args: ['--secure-cookies'] })));
    after(async () => {
        await server?.stop();
        mailbox?.stop();
    });

    test('the sign-up browser\'s cookie is a __Host- cookie too, and the emailed link still signs that browser in', async () => {
        const c = new Client(server);
        await c.get('/signup');
        const r = await c.post('/signup', { name: 'Host Signup', email: 'host-signup@example.org', password: PASSWORD, lang: 'en', tz: 'UTC' });
        assert.equal(r.status, 200);
        const cookie = r.headers.getSetCookie().find((l) => l.startsWith('__Host-signup='));
        assert.ok(cookie, `a __Host-signup cookie: ${r.headers.getSetCookie()}`);
        for (const attr of [/; Secure\b/, /; Path=\/(;|$)/]) assert.match(cookie, attr);
        assert.ok(!r.headers.getSetCookie().some((l) => /^signup=/.test(l)), 'no unprefixed signup cookie');
        const mail = await mailbox.waitFor('host-signup@example.org', (m) => /verify\?token=/.test(m.text || ''));
        const link = linkIn(mail.text, '/verify');
        const v = await c.get(link.pathname + link.search);
        assert.equal(v.status, 303, 'signed in by the link in the browser that signed up');
        assert.equal((await c.get('/api/v1/account')).status, 200);
    });
});

describe('the hub\'s address without --base-url', () => {
    test('is http://HOST:PORT of --listen, with a warning for a loopback address', async () => {
        const warning = await server.waitForLog((o) => o.level === 'warn' && /loopback/.test(o.msg));
        assert.equal(warning.base_url, server.base);
    });

    test('emails, calendars and JSON-LD carry the real port', async () => {
        const c = new Client(server);
        await c.get('/signup');
        const r = await c.post('/signup', { name: 'Port', email: 'port@example.org', password: PASSWORD, lang: 'en', tz: 'UTC' });
        assert.equal(r.status, 200);
        const mail = await mailbox.waitFor('port@example.org', (m) => /verify\?token=/.test(m.text || ''));
        assert.equal(linkIn(mail.text, '/verify').origin, server.base);
        assert.ok(mail.html.includes(`${server.base}/verify?token=`));
        const ics = await c.get(`/events/${E2020}.ics`);
        assert.equal(ics.status, 200);
        assert.ok(ics.body.replace(/\r\n[ \t]/g, '').includes(`URL:${server.base}/events/${E2020}\r\n`), ics.body);
        const page = await c.get(`/events/${E2024}`);
        const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page.body)[1]);
        assert.equal(ld.url, `${server.base}/events/${E2024}`);
        assert.doesNotMatch(page.body + ics.body + mail.text, /localhost:8080/);
    });
});
