// Email end to end: a sign-up's verification message reaches a real SMTP server (Debian's
// python3-aiosmtpd) as multipart/alternative in the person's language with the link in both
// parts; without SMTP (the demo) it waits in the outbox, where an admin reads the link, and a
// restart with SMTP configured delivers it: nothing is lost.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { Server, makeDataDir } from './server.mjs';
import { Client, Mailbox, linkIn, makeUser, startWithMail } from './accounts_helper.mjs';

const PASSWORD = 'violet harbour tractor 42';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function signUpForm(server, { name, email, lang, tz = 'UTC' }) {
    const c = new Client(server, { lang });
    const form = await c.get('/signup');
    assert.equal(form.status, 200);
    assert.ok(c.csrf, 'the sign-up form carries a CSRF token');
    const r = await c.post('/signup', { name, email, password: PASSWORD, lang, tz });
    assert.equal(r.status, 200, `sign-up of ${email}`);
    return c;
}

async function outbox(admin, query = '') {
    const r = await admin.get(`/api/v1/admin/outbox${query}`);
    assert.equal(r.status, 200);
    return JSON.parse(r.body);
}

/* The outbox entry for `to` once pred holds for it (polled: the sender works on its own thread). */
async function outboxEntry(admin, to, pred = () => true) {
    let found;
    for (let i = 0; i < 200; i++) {
        found = (await outbox(admin)).messages.find((m) => m.recipient === to);
        if (found && pred(found)) return found;
        await sleep(100);
    }
    assert.fail(`outbox entry for ${to}: ${JSON.stringify(found)}`);
}

describe('mail through a real SMTP server', () => {
    let server, mailbox, admin;
    before(async () => {
        ({ server, mailbox } = await startWithMail());
        ({ client: admin } = await makeUser(server, { email: 'root@example.org', name: 'Rosa Root', role: 'admin', password: PASSWORD }));
    });
    after(async () => {
        await server?.stop();
        mailbox?.stop();
    });

    test('a sign-up in Spanish sends a multipart/alternative message in Spanish with the link in both parts', async () => {
        await signUpForm(server, { name: 'Lucía Núñez & Co', email: 'lucia@example.org', lang: 'es', tz: 'America/Bogota' });
        await signUpForm(server, { name: 'Lucy English', email: 'lucy@example.org', lang: 'en' });
        const es = await mailbox.waitFor('lucia@example.org', (m) => /\/verify\?token=/.test(m.text || ''));
        const en = await mailbox.waitFor('lucy@example.org', (m) => /\/verify\?token=/.test(m.text || ''));

        assert.equal(es.content_type, 'multipart/alternative');
        assert.equal(es.text_charset, 'utf-8');
        assert.ok(es.text && es.html, 'a plain-text and an HTML part');
        assert.match(es.from, /<[^@>]+@[^>]+>/);
        assert.match(es.message_id, /^<[0-9a-f]{32}@[^>]+>$/);
        assert.ok(!Number.isNaN(Date.parse(es.date)), 'a Date header');

        assert.match(es.text, /Lucía Núñez & Co,/, 'plain text is not HTML-escaped');
        assert.match(es.html, /Lucía Núñez &amp; Co,/, 'HTML is escaped');
        assert.match(es.html, /<html lang="es">/);
        const link = linkIn(es.text, '/verify');
        assert.ok(es.html.includes(`href="${link.href}"`), 'the HTML part links to the same address');

        assert.notEqual(es.subject, en.subject, 'the subject is in the person\'s language');
        assert.doesNotMatch(es.text, /Thank you for signing up/, 'the text is not in English');
        assert.match(en.text, /Thank you for signing up/);

        const entry = await outboxEntry(admin, 'lucia@example.org', (m) => m.status === 'sent');
        assert.equal(entry.subject, es.subject);
        assert.equal(entry.lang, 'es');
        assert.equal(entry.attempts, 1);
        assert.ok(entry.sent_at, 'sent_at is set');
        assert.equal((await outbox(admin)).sending, true);

        const v = await new Client(server).get(link.pathname + link.search);
        assert.equal(v.status, 200, 'the emailed link verifies the address');
    });

    test('the outbox pages back with ?before= and refuses a malformed one', async () => {
        const all = (await outbox(admin)).messages;
        assert.ok(all.length >= 2);
        assert.deepEqual(all.map((m) => m.id), [...all.map((m) => m.id)].sort((a, b) => b - a), 'newest first');
        const older = await outbox(admin, `?before=${all[0].id}`);
        assert.deepEqual(older.messages.map((m) => m.id), all.slice(1).map((m) => m.id));
        assert.equal(older.first_url, '/admin/outbox');
        for (const bad of ['abc', '0', '-1', '1x', '']) assert.equal((await admin.get(`/admin/outbox?before=${bad}`)).status, 400, bad);
    });
});

describe('mail without SMTP (the demo), then a restart with it', () => {
    let dir, server, mailbox;
    before(async () => {
        dir = await makeDataDir();
    });
    after(async () => {
        await server?.stop();
        mailbox?.stop();
        await rm(dir, { recursive: true, force: true });
    });

    test('the message waits in the outbox, an admin reads its link there, and the restarted server sends it', async () => {
        server = await Server.start({ dataDir: dir, init: true, demo: false });
        const { client: admin } = await makeUser(server, { email: 'root@example.org', name: 'Rosa Root', role: 'admin', password: PASSWORD });
        await signUpForm(server, { name: 'Amélie Dubois', email: 'amelie@example.org', lang: 'fr' });

        const waiting = await outboxEntry(admin, 'amelie@example.org');
        assert.equal(waiting.status, 'queued');
        assert.equal(waiting.attempts, 0);
        assert.equal(waiting.lang, 'fr');
        assert.equal((await outbox(admin)).sending, false);
        const link = linkIn(waiting.body_text, '/verify');

        const page = await admin.get('/admin/outbox');
        assert.equal(page.status, 200);
        assert.match(page.body, /<pre>[^<]*\/verify\?token=/, 'the plain-text part, link included, is on the page');
        assert.ok(page.body.includes(waiting.subject.replace(/&/g, '&amp;').replace(/'/g, '&#39;')), 'with its subject');

        const v = await new Client(server).get(link.pathname + link.search);
        assert.equal(v.status, 200, 'sign-up works locally: the link from the outbox verifies the address');
        await server.stop();

        mailbox = await Mailbox.start();
        server = await Server.start({ dataDir: dir, init: false, args: ['--smtp-url', mailbox.url] });
        const mail = await mailbox.waitFor('amelie@example.org', (m) => /\/verify\?token=/.test(m.text || ''));
        assert.equal(mail.subject, waiting.subject);
        assert.equal(linkIn(mail.text, '/verify').href, link.href, 'the very message that waited');
        const admin2 = new Client(server);
        await admin2.get('/signin');
        await admin2.post('/signin', { email: 'root@example.org', password: PASSWORD });
        const sent = await outboxEntry(admin2, 'amelie@example.org', (m) => m.status === 'sent');
        assert.equal(sent.attempts, 1);
    });
});
