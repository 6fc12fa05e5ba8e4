// The steps around an event's change of status: cancelling asks for confirmation first and offers
// to email the registrants (through the outbox, each in their language, with the organisers'
// words), then says what happened; publishing an event without sessions or a way to take part
// shows a checklist with links to fix it and "Publish anyway"; finishing an event closes the rooms
// of its sessions and its page says registration is closed.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, pageText } from './server.mjs';
import { makeUser, signIn } from './accounts_helper.mjs';
import { createEvent, setStatus } from './organise_helper.mjs';
import { makeEvent, mailRendered, rows, run } from './registration_helper.mjs';

const PASSWORD = 'violet harbour tractor 42';
const now = () => Math.floor(Date.now() / 1000);

describe('changes of status', () => {
    let server, ama, amaId, people;
    before(async () => {
        server = await Server.start();
        ({ client: ama, id: amaId } = await makeUser(server, { email: 'ama@example.org', name: 'Ama Organiser', role: 'organiser', password: PASSWORD }));
        people = [];
        for (const [email, lang] of [['fr@example.org', 'fr'], ['es@example.org', 'es'], ['gone@example.org', 'en']])
            people.push({ ...(await makeUser(server, { email, name: email.split('@')[0], password: PASSWORD })), email, lang });
    });
    after(async () => server?.stop());

    const register = (eventId, p, status) => run(server, [[
        `INSERT INTO registrations (event_id, user_id, status, lang, cancel_token_hash, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`, [eventId, p.id, status, p.lang, `hash-${eventId}-${p.id}`, now(), now()]]]);
    const statusOf = (slug) => rows(server, 'SELECT status FROM events WHERE slug = ?', [slug])[0].status;

    test('cancelling asks first, then emails each registrant in their language and says how many', async () => {
        const id = makeEvent(server, { slug: 'to-cancel', title: { en: 'Cancelled exchange', fr: 'Échange annulé', es: 'Intercambio cancelado' }, organisers: [amaId] });
        register(id, people[0], 'confirmed');
        register(id, people[1], 'waitlisted');
        register(id, people[2], 'cancelled');
        await ama.get('/events/to-cancel/manage');
        const ask = await ama.post('/events/to-cancel/status', { to: 'cancelled' });
        assert.equal(ask.status, 200, 'a confirmation page, not a change');
        assert.equal(statusOf('to-cancel'), 'published');
        const text = pageText(ask.body);
        assert.match(text, /Cancel this event\?/);
        assert.match(text, /2 people are registered/);
        assert.match(ask.body, /<input type="checkbox" id="notify" name="notify" value="1" checked>/, 'notifying is offered, ticked');
        assert.match(ask.body, /name="confirm" value="1"/);
        // A message too long is refused, kept, and nothing changes.
        const long = await ama.post('/events/to-cancel/status', { to: 'cancelled', confirm: '1', notify: '1', message: 'x'.repeat(4001) });
        assert.equal(long.status, 422);
        assert.match(long.body, /x{4001}<\/textarea>/);
        assert.equal(statusOf('to-cancel'), 'published');
        const done = await ama.post('/events/to-cancel/status', { to: 'cancelled', confirm: '1', notify: '1', message: 'We hope to meet in the autumn.' });
        assert.equal(done.status, 303);
        assert.equal(statusOf('to-cancel'), 'cancelled');
        const notice = pageText((await ama.get(done.location)).body);
        assert.match(notice, /The event has been cancelled; 2 registrants have been notified\./);
        await mailRendered(server);
        const mails = rows(server, "SELECT recipient, lang, subject, body_text FROM outbox WHERE template = 'reg_event_cancelled' ORDER BY recipient");
        assert.deepEqual(mails.map((m) => [m.recipient, m.lang]), [['es@example.org', 'es'], ['fr@example.org', 'fr']]);
        assert.match(mails[1].subject, /Échange annulé/);
        assert.match(mails[0].subject, /Intercambio cancelado/);
        for (const m of mails) assert.match(m.body_text, /We hope to meet in the autumn\./);
        assert.doesNotMatch(mails[1].body_text, /Hello/, 'in French, not English');
    });

    test('cancelling without notifying sends nothing and says so', async () => {
        const id = makeEvent(server, { slug: 'quiet-cancel', organisers: [amaId] });
        register(id, people[0], 'confirmed');
        await ama.get('/events/quiet-cancel/manage');
        const done = await ama.post('/events/quiet-cancel/status', { to: 'cancelled', confirm: '1' });
        assert.equal(done.status, 303);
        assert.match(pageText((await ama.get(done.location)).body), /cancelled\. Its registrants were not notified\./);
        await mailRendered(server);
        const n = rows(server, "SELECT COUNT(*) AS n FROM outbox WHERE template = 'reg_event_cancelled' AND subject LIKE '%quiet-cancel%'")[0].n;
        assert.equal(n, 0);
    });

    test('publishing with no session and no way to take part shows a checklist first', async () => {
        const slug = await createEvent(ama, { title_en: 'Bare exchange' });
        await ama.get(`/events/${slug}/manage`);
        const check = await ama.post(`/events/${slug}/status`, { to: 'published' });
        assert.equal(check.status, 200);
        assert.equal(statusOf(slug), 'draft');
        const text = pageText(check.body);
        assert.match(text, /It has no sessions yet\./);
        assert.match(text, /no join link, no place and no registration/);
        assert.match(check.body, new RegExp(`href="/events/${slug}/sessions/new"`));
        assert.match(check.body, new RegExp(`href="/events/${slug}/registration/settings"`));
        assert.match(check.body, /name="anyway" value="1"/);
        const anyway = await ama.post(`/events/${slug}/status`, { to: 'published', anyway: '1' });
        assert.equal(anyway.status, 303);
        assert.equal(statusOf(slug), 'published');
        // With a session and a join link there is nothing to check.
        const ready = await createEvent(ama, { title_en: 'Ready exchange', meeting_url: 'https://meet.example.org/r' });
        run(server, [["INSERT INTO sessions (event_id, position) SELECT id, 1 FROM events WHERE slug = ?", [ready]]]);
        await ama.get(`/events/${ready}/manage`);
        assert.equal((await ama.post(`/events/${ready}/status`, { to: 'published' })).status, 303);
        assert.equal(statusOf(ready), 'published');
    });

    test('finishing an event closes its rooms; its page says registration is closed', async () => {
        const starts = now() - 3 * 3600;
        const id = makeEvent(server, { slug: 'to-finish', starts, hours: 1, organisers: [amaId],
            sessions: [{ title: 'First', starts }, { title: 'Second', starts: starts + 1800 }] });
        const [first] = rows(server, 'SELECT id FROM sessions WHERE event_id = ? ORDER BY id', [id]);
        run(server, [['INSERT INTO rooms (session_id) VALUES (?)', [first.id]]]);
        await setStatus(ama, 'to-finish', 'finished');
        const rooms = rows(server, 'SELECT closed_at FROM rooms WHERE session_id IN (SELECT id FROM sessions WHERE event_id = ?)', [id]);
        assert.equal(rooms.length, 2, 'every session\'s room');
        assert.ok(rooms.every((r) => r.closed_at > 0), 'closed');
        const admin = await signIn(server, 'admin@example.org', 'demo-admin-password-2024');
        const room = await admin.get(`/api/v1/rooms/${first.id}`);
        assert.equal(room.status, 200);
        assert.equal(JSON.parse(room.body).room.state, 'closed', 'the room reads as closed');
        for (const client of [ama, new (ama.constructor)(server)]) {
            const text = pageText((await client.get('/events/to-finish')).body);
            assert.match(text, /Registration is closed\./);
            assert.doesNotMatch(text, /does not take registrations/);
        }
        // The demo editions, finished, took no registrations here: closed too.
        const demo = pageText((await admin.get('/events/2024-powerful-transnational-partnerships')).body);
        assert.doesNotMatch(demo, /does not take registrations/);
        // A published event that is over, never marked finished and without registration: closed too.
        makeEvent(server, { slug: 'over-not-marked', starts: now() - 5 * 3600, hours: 1, enabled: false });
        const over = pageText((await new (ama.constructor)(server).get('/events/over-not-marked')).body);
        assert.match(over, /Registration is closed\./);
        assert.doesNotMatch(over, /does not take registrations/);
    });
});
