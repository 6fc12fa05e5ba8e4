// Registration over HTTP against the real binary: the form with the organisers' questions
// (and its refusals, which keep what was typed), seats and the waitlist, cancelling from the page
// and from the one-click link of the emails (a GET changes nothing), approval, the organisers'
// settings, question editor, list and messages, the join link (and that the meeting address
// never leaks), "my events" with its calendar feed, and the reminder scheduler. Emails go
// through the real SMTP path (python3-aiosmtpd) and calendars are read by python3-icalendar.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT, runCli, pageText } from './server.mjs';
import { startWithMail, Client, signIn } from './accounts_helper.mjs';
import { accountId, makeEvent, questionIds, rows, run } from './registration_helper.mjs';

const MEETING = 'https://meet.example.org/secret-room-7731';
const now = () => Math.floor(Date.now() / 1000);

function readIcs(text) {
    const r = spawnSync('/usr/bin/python3', [path.join(ROOT, 'tests/http/read_ics.py')], { input: text });
    assert.equal(r.status, 0, `read_ics.py failed: ${r.stderr}`);
    return JSON.parse(r.stdout.toString('utf8'));
}

const iso = (t) => new Date(t * 1000).toISOString().replace(/\.000Z$/, 'Z');

let server, mailbox, admin, organiser, organiserId;

/** n signed-in members made with `dxhub user bulk`: [{client, email, id}]. */
async function members(prefix, n, { lang = 'en', tz = null } = {}) {
    const r = await runCli(['user', 'bulk', '--count', String(n), '--prefix', prefix, '--data', server.dataDir]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    const ids = rows(server, "SELECT id, email FROM users WHERE email LIKE ? ORDER BY id", [`${prefix}-%`]);
    run(server, [['UPDATE users SET lang = ?, tz = COALESCE(?, tz) WHERE email LIKE ?', [lang, tz, `${prefix}-%`]]]);
    return lines.map((line, i) => {
        const [cookie, csrf] = line.split(' ');
        const client = new Client(server, { lang });
        client.cookies.set('sid', cookie.slice('sid='.length));
        client.csrf = csrf;
        return { client, email: ids[i].email, id: ids[i].id };
    });
}

function registration(eventId, userId) {
    return rows(server, `SELECT r.*, (SELECT count(*) FROM registrations w WHERE w.event_id = r.event_id
        AND w.status = 'waitlisted' AND w.waitlist_seq <= r.waitlist_seq) AS position
        FROM registrations r WHERE event_id = ? AND user_id = ?`, [eventId, userId])[0];
}

/** Posts a form whose fields repeat (pairs [[name, value], ...]) as client, with its token. */
async function postPairs(client, pathname, pairs) {
    const body = new URLSearchParams([['csrf', client.csrf], ...pairs]);
    const res = await fetch(`${server.base}${pathname}`, {
        method: 'POST', body: body.toString(), redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded',
            cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    return { status: res.status, location: res.headers.get('location'), body: await res.text() };
}

/** The one-click cancel link of a message (path and query). */
function cancelLink(mail) {
    const m = /https?:\/\/[^\s"<>]+(\/registrations\/cancel\?token=[A-Za-z0-9_-]+)/.exec(mail.text);
    assert.ok(m, `no cancel link in: ${mail.text}`);
    return m[1];
}

before(async () => {
    ({ server, mailbox } = await startWithMail({ args: ['--reminder-interval', '1'] }));
    admin = await signIn(server, 'admin@example.org', 'demo-admin-password-2024');
    [organiser] = (await members('org', 1)).map((m) => m.client);
    organiserId = await accountId(organiser);
});
after(async () => {
    await server?.stop();
    mailbox?.stop();
});

describe('registering', () => {
    let eventId, q;
    const slug = 'reg-form';
    before(() => {
        eventId = makeEvent(server, {
            slug, title: { en: 'Form exchange', fr: 'Échange formulaire', es: 'Intercambio formulario' },
            starts: now() + 20 * 86400, capacity: 5, meetingUrl: MEETING, organisers: [organiserId],
            questions: [
                { kind: 'short_text', required: true, label: { en: 'Your organisation', fr: 'Votre organisation' } },
                { kind: 'single_choice', required: true, label: { en: 'Stakeholder group', fr: 'Groupe' },
                    choices: { en: ['Diaspora', 'Government', 'NGO'], fr: ['Diaspora', 'Gouvernement', 'ONG'] } },
                { kind: 'multiple_choice', required: false, label: { en: 'Topics' }, choices: { en: ['Remittances', 'Youth', 'Trade'] } },
                { kind: 'country', required: true, label: { en: 'Country of residence' } },
                { kind: 'long_text', required: false, label: { en: 'What do you hope to learn?' } },
                { kind: 'consent', required: true, label: { en: 'I agree that the organisers see my answers.' } },
            ],
        });
        q = questionIds(server, eventId);
    });

    test('visitors are sent to sign in and back', async () => {
        const r = await new Client(server).get(`/events/${slug}/register`);
        assert.equal(r.status, 303);
        assert.equal(r.location, `/signin?next=${encodeURIComponent(`/events/${slug}/register`).replace(/%2F/g, '/')}`);
    });

    test('the form shows every question, in the reader\'s language', async () => {
        const [m] = await members('form-fr', 1, { lang: 'fr' });
        const r = await m.client.get(`/events/${slug}/register`);
        assert.equal(r.status, 200);
        assert.match(r.body, /Votre organisation/);
        assert.match(r.body, /Gouvernement/);
        assert.match(r.body, /<legend>Topics/); // no French text: the event's own
        assert.match(r.body, /<option value="SN">Sénégal<\/option>/);
        assert.match(r.body, new RegExp(`name="q${q[5]}" value="1"[^>]* required`));
    });

    test('missing and wrong answers come back with the reasons and what was typed', async () => {
        const [m] = await members('form-bad', 1);
        await m.client.get(`/events/${slug}/register`);
        const r = await m.client.post(`/events/${slug}/register`, {
            [`q${q[0]}`]: 'Diaspora Link <b>', [`q${q[1]}`]: '7', [`q${q[3]}`]: 'XX', [`q${q[4]}`]: 'Partners',
        });
        assert.equal(r.status, 422);
        assert.match(r.body, /value="Diaspora Link &lt;b&gt;"/);
        assert.match(r.body, />Partners<\/textarea>/);
        assert.match(r.body, new RegExp(`id="q${q[1]}-error">Please choose from the list.`));
        assert.match(r.body, new RegExp(`id="q${q[3]}-error">Please choose a country from the list.`));
        assert.match(r.body, new RegExp(`id="q${q[5]}-error">Please tick this box to register.`));
        assert.equal(registration(eventId, m.id), undefined, 'nothing stored');
    });

    test('a member registers: confirmed, answers kept, and an email with the .ics attached', async () => {
        const [m] = await members('form-ok', 1, { tz: 'America/New_York' });
        await m.client.get(`/events/${slug}/register`);
        const r = await postPairs(m.client, `/events/${slug}/register`, [
            [`q${q[0]}`, '  Diaspora   Link '], [`q${q[1]}`, '3'], [`q${q[2]}`, '3'], [`q${q[2]}`, '1'], [`q${q[3]}`, 'SN'],
            [`q${q[5]}`, '1'],
        ]);
        assert.equal(r.status, 303);
        assert.equal(r.location, `/events/${slug}/registration?done=registered`);
        assert.equal(registration(eventId, m.id).status, 'confirmed');
        const answers = rows(server, 'SELECT question_id, value FROM registration_answers a JOIN registrations r ON r.id = a.registration_id WHERE r.user_id = ? ORDER BY question_id', [m.id]);
        assert.deepEqual(answers.map((a) => a.value), ['Diaspora Link', '3', '1,3', 'SN', '1']);
        const page = await m.client.get(r.location);
        assert.match(page.body, /Thank you for registering/);
        assert.match(page.body, /status--confirmed">Confirmed/);
        assert.match(page.body, /<dd>Remittances, Trade<\/dd>/);
        assert.match(page.body, /<dd>Senegal<\/dd>/);

        const mail = await mailbox.waitFor(m.email, (x) => /Registration confirmed/.test(x.subject));
        assert.equal(mail.subject, 'Registration confirmed: Form exchange');
        assert.match(mail.text, /When: .* CET \(Europe\/Brussels\)/);
        assert.match(mail.text, /Your time: .* \(America\/New_York\)/);
        assert.match(mail.text, /\/registrations\/cancel\?token=/);
        assert.equal(mail.attachments.length, 1);
        assert.equal(mail.attachments[0].filename, 'invite.ics');
        assert.equal(mail.attachments[0].content_type, 'text/calendar');
        const cal = readIcs(mail.attachments[0].content);
        const start = rows(server, 'SELECT starts_at FROM events WHERE id = ?', [eventId])[0].starts_at;
        assert.equal(cal.events[0].uid, `event-${eventId}@127.0.0.1`);
        assert.equal(cal.events[0].dtstart, iso(start));
        assert.equal(cal.events[0].tzid, 'Europe/Brussels');
    });

    test('a second attempt shows the registration already made', async () => {
        const [m] = await members('form-twice', 1);
        await m.client.get(`/events/${slug}/register`);
        const fields = { [`q${q[0]}`]: 'X', [`q${q[1]}`]: '1', [`q${q[3]}`]: 'FR', [`q${q[5]}`]: '1' };
        assert.equal((await m.client.post(`/events/${slug}/register`, fields)).status, 303);
        const again = await m.client.post(`/events/${slug}/register`, fields);
        assert.equal(again.status, 303);
        assert.equal(again.location, `/events/${slug}/registration?done=already`);
        assert.equal((await m.client.get(`/events/${slug}/register`)).location, `/events/${slug}/registration?done=already`);
        assert.equal(rows(server, 'SELECT count(*) AS n FROM registrations WHERE user_id = ?', [m.id])[0].n, 1);
    });

    test('an unknown event is 404, a draft too', async () => {
        const [m] = await members('form-404', 1);
        assert.equal((await m.client.get('/events/no-such-event/register')).status, 404);
        makeEvent(server, { slug: 'reg-draft', status: 'draft' });
        assert.equal((await m.client.get('/events/reg-draft/register')).status, 404);
    });
});

describe('the window', () => {
    test('not yet open and closed registrations say so with the dates; posting is refused', async () => {
        const opens = now() + 3 * 86400;
        makeEvent(server, { slug: 'reg-later', opensAt: opens, capacity: 3 });
        makeEvent(server, { slug: 'reg-closed', closesAt: now() - 60, capacity: 3 });
        makeEvent(server, { slug: 'reg-off', enabled: false });
        const [m] = await members('window', 1, { lang: 'es' });
        const later = await m.client.get('/events/reg-later/register');
        assert.equal(later.status, 200);
        assert.match(later.body, /Las inscripciones se abren el .*20\d\d/); // the date, in Spanish words
        assert.match(later.body, /(ene|feb|mar|abr|may|jun|jul|ago|sept?|oct|nov|dic)/);
        await m.client.get('/events/reg-form/register');
        assert.equal((await m.client.post('/events/reg-later/register', {})).status, 409);
        assert.match((await m.client.get('/events/reg-closed/register')).body, /Las inscripciones se cerraron el/);
        assert.equal((await m.client.post('/events/reg-closed/register', {})).status, 409);
        assert.match((await m.client.get('/events/reg-off/register')).body, /Este evento no admite inscripciones/);
    });
});

describe('the waitlist', () => {
    let eventId;
    const slug = 'reg-wait';
    let people;
    before(async () => {
        eventId = makeEvent(server, { slug, title: 'Waitlist exchange', capacity: 1, meetingUrl: MEETING, organisers: [organiserId] });
        people = await members('wait', 3);
        for (const p of people) {
            await p.client.get(`/events/${slug}/register`);
            assert.equal((await p.client.post(`/events/${slug}/register`, {})).status, 303);
        }
    });

    test('the first gets the seat, the others wait in arrival order and see their position', async () => {
        assert.equal(registration(eventId, people[0].id).status, 'confirmed');
        assert.equal(registration(eventId, people[1].id).position, 1);
        assert.equal(registration(eventId, people[2].id).position, 2);
        const page = await people[2].client.get(`/events/${slug}/registration`);
        assert.match(page.body, /You are number 2 on the waitlist\./);
        const box = await people[2].client.get(`/events/${slug}`);
        assert.match(box.body, /You are number 2 on the waitlist\./);
        const mail = await mailbox.waitFor(people[2].email, (x) => /On the waitlist/.test(x.subject));
        assert.match(mail.text, /Your place on the waitlist: 2/);
        assert.equal(mail.attachments.length, 0);
    });

    test('the event page tells visitors that it is full', async () => {
        const r = await new Client(server).get(`/events/${slug}`);
        assert.match(r.body, /All seats are taken/);
        assert.match(r.body, /Sign in to register/);
    });

    test('the one-click link: a GET changes nothing, the POST cancels and promotes the first in line', async () => {
        const mail = await mailbox.waitFor(people[0].email, (x) => /Registration confirmed/.test(x.subject));
        const link = cancelLink(mail);
        const visitor = new Client(server); // the link works without signing in
        const form = await visitor.get(link);
        assert.equal(form.status, 200);
        assert.match(form.body, /Cancel my registration/);
        assert.equal(registration(eventId, people[0].id).status, 'confirmed', 'a GET changes nothing');
        const token = new URL(link, server.base).searchParams.get('token');
        const forged = await visitor.post('/registrations/cancel', { token, csrf: 'forged' });
        assert.equal(forged.status, 403);
        assert.equal(registration(eventId, people[0].id).status, 'confirmed');
        const done = await visitor.post('/registrations/cancel', { token });
        assert.equal(done.status, 200);
        assert.match(done.body, /Registration cancelled/);
        assert.equal(registration(eventId, people[0].id).status, 'cancelled');
        assert.equal(registration(eventId, people[1].id).status, 'confirmed');
        assert.equal(registration(eventId, people[2].id).position, 1);
        const promoted = await mailbox.waitFor(people[1].email, (x) => /A seat is yours/.test(x.subject));
        assert.equal(promoted.attachments[0].filename, 'invite.ics');
        await mailbox.waitFor(people[0].email, (x) => /Registration cancelled/.test(x.subject));
        const twice = await visitor.post('/registrations/cancel', { token });
        assert.match(twice.body, /Nothing to cancel/);
        assert.equal((await visitor.get('/registrations/cancel?token=AAAA')).status, 404);
    });

    test('every email\'s link works, also an earlier one', async () => {
        const earlier = await mailbox.waitFor(people[1].email, (x) => /On the waitlist/.test(x.subject));
        const visitor = new Client(server);
        const form = await visitor.get(cancelLink(earlier));
        assert.equal(form.status, 200);
        assert.match(form.body, /Confirmed/);
    });

    test('cancelling from the registration page, then registering again reuses the row at the end of the line', async () => {
        const p = people[1];
        await p.client.get(`/events/${slug}/registration`);
        const r = await p.client.post(`/events/${slug}/registration/cancel`, {});
        assert.equal(r.status, 303);
        assert.equal(r.location, `/events/${slug}/registration?done=cancelled`);
        const id = registration(eventId, p.id).id;
        assert.equal(registration(eventId, people[2].id).status, 'confirmed');
        await p.client.get(`/events/${slug}/register`);
        await p.client.post(`/events/${slug}/register`, {});
        assert.equal(registration(eventId, p.id).id, id);
        assert.equal(registration(eventId, p.id).status, 'waitlisted');
        assert.equal(registration(eventId, p.id).position, 1);
    });

    test('raising the capacity promotes the waitlist at once', async () => {
        await organiser.get(`/events/${slug}/registration/settings`);
        const r = await organiser.post(`/events/${slug}/registration/settings`, { enabled: '1', capacity: '5' });
        assert.equal(r.status, 303);
        assert.match(r.location, /done=saved&promoted=1$/);
        assert.match((await organiser.get(r.location)).body, /1 person was promoted/);
        assert.equal(registration(eventId, people[1].id).status, 'confirmed');
        const audit = rows(server, "SELECT detail FROM audit_log WHERE action = 'registration_settings' ORDER BY id DESC LIMIT 1");
        assert.match(audit[0].detail, /capacity 5/);
    });
});

describe('approval', () => {
    let eventId, people;
    const slug = 'reg-approval';
    before(async () => {
        eventId = makeEvent(server, { slug, capacity: 1, approval: true, organisers: [organiserId] });
        people = await members('appr', 3);
        for (const p of people) {
            await p.client.get(`/events/${slug}/register`);
            await p.client.post(`/events/${slug}/register`, {});
        }
    });

    test('registrations wait for the organisers, who approve (a seat, then the waitlist) or decline', async () => {
        for (const p of people) assert.equal(registration(eventId, p.id).status, 'pending');
        await mailbox.waitFor(people[0].email, (x) => /Registration received/.test(x.subject));
        const list = await organiser.get(`/events/${slug}/registrations?status=pending`);
        assert.equal(list.status, 200);
        const decide = (p, decision) => organiser.post(`/events/${slug}/registrations/${registration(eventId, p.id).id}/status`, { decision });
        assert.equal((await decide(people[0], 'approve')).status, 303);
        assert.equal((await decide(people[1], 'approve')).status, 303);
        assert.equal((await decide(people[2], 'decline')).status, 303);
        assert.equal(registration(eventId, people[0].id).status, 'confirmed');
        assert.equal(registration(eventId, people[1].id).status, 'waitlisted');
        assert.equal(registration(eventId, people[2].id).status, 'declined');
        await mailbox.waitFor(people[2].email, (x) => /Registration declined/.test(x.subject));
        assert.equal((await decide(people[0], 'approve')).status, 409, 'not pending any more');
        const declined = await people[2].client.get(`/events/${slug}/register`);
        assert.equal(declined.status, 409);
        assert.match(declined.body, /declined your registration/);
    });

    test('only the event\'s organisers decide', async () => {
        const [m] = await members('appr-other', 1);
        await m.client.get(`/events/${slug}/register`);
        const r = await m.client.post(`/events/${slug}/registrations/${registration(eventId, people[0].id).id}/status`, { decision: 'decline' });
        assert.equal(r.status, 403);
        const other = makeEvent(server, { slug: 'reg-approval-other', organisers: [organiserId] });
        assert.ok(other);
        const wrongEvent = await organiser.post(`/events/reg-approval-other/registrations/${registration(eventId, people[0].id).id}/status`, { decision: 'decline' });
        assert.equal(wrongEvent.status, 404);
    });
});

describe('organiser screens', () => {
    const slug = 'reg-organise';
    let eventId;
    before(() => {
        eventId = makeEvent(server, { slug, capacity: 10, organisers: [organiserId], defaultLang: 'fr',
            title: { fr: 'Échange', en: 'Exchange' } });
    });

    test('settings: bad values come back as typed; good ones are saved in the event\'s zone', async () => {
        await organiser.get(`/events/${slug}/registration/settings`);
        const bad = await organiser.post(`/events/${slug}/registration/settings`, {
            enabled: '1', capacity: '-3', opens_date: '2031-02-30', closes_date: '2031-03-01', closes_time: '25:00',
        });
        assert.equal(bad.status, 422);
        assert.match(bad.body, /value="-3"/);
        assert.match(bad.body, /value="2031-02-30"/);
        assert.match(bad.body, /id="capacity-error">Please enter a whole number/);
        assert.match(bad.body, /id="opens_date-error"/);
        assert.match(bad.body, /id="closes_time-error"/);
        const good = await organiser.post(`/events/${slug}/registration/settings`, {
            enabled: '1', capacity: '', opens_date: '2031-03-30', opens_time: '09:00', approval: '1',
        });
        assert.equal(good.status, 303);
        const s = rows(server, 'SELECT * FROM registration_settings WHERE event_id = ?', [eventId])[0];
        assert.equal(s.capacity, null);
        assert.equal(s.approval, 1);
        assert.equal(s.opens_at, Date.UTC(2031, 2, 30, 7, 0) / 1000, '09:00 CEST is 07:00 UTC');
        const form = await organiser.get(`/events/${slug}/registration/settings`);
        assert.match(form.body, /name="opens_time" type="time" value="09:00"/);
        const member = (await members('org-not', 1))[0].client;
        assert.equal((await member.get(`/events/${slug}/registration/settings`)).status, 403);
    });

    test('questions: added per language, checked, edited, moved and deleted', async () => {
        const base = `/events/${slug}/registration/questions`;
        await organiser.get(`/events/${slug}/registration/settings`);
        const missing = await organiser.post(base, { kind: 'single_choice', label_en: 'Group', choices_en: 'A\nB' });
        assert.equal(missing.status, 422);
        assert.match(missing.body, /id="label_fr-error">Please write the question in the event/);
        assert.match(missing.body, /value="Group"/);
        const uneven = await organiser.post(base, { kind: 'single_choice', label_fr: 'Groupe', choices_fr: 'A\nB\nC', choices_es: 'A\nB' });
        assert.equal(uneven.status, 422);
        assert.match(uneven.body, /id="choices_es-error"/);
        assert.equal((await organiser.post(base, { kind: 'single_choice', label_fr: 'Groupe', label_en: 'Group',
            choices_fr: 'Diaspora\nÉtat', choices_en: 'Diaspora\nState' })).status, 303);
        assert.equal((await organiser.post(base, { kind: 'consent', label_fr: 'J\'accepte' })).status, 303);
        const ids = questionIds(server, eventId);
        assert.equal(ids.length, 2);
        assert.equal(rows(server, 'SELECT required FROM registration_questions WHERE id = ?', [ids[1]])[0].required, 1);
        const edit = await organiser.get(`${base}/${ids[0]}`);
        assert.match(edit.body, /Diaspora\nÉtat<\/textarea>/);
        assert.equal((await organiser.post(`${base}/${ids[0]}`, { kind: 'short_text', label_fr: 'Organisation' })).status, 303);
        assert.equal(rows(server, 'SELECT kind FROM registration_questions WHERE id = ?', [ids[0]])[0].kind, 'short_text');
        assert.equal((await organiser.post(`${base}/${ids[1]}/move`, { direction: 'up' })).status, 303);
        assert.deepEqual(questionIds(server, eventId), [ids[1], ids[0]]);
        assert.equal((await organiser.post(`${base}/${ids[0]}/delete`, {})).status, 303);
        assert.deepEqual(questionIds(server, eventId), [ids[1]]);
        assert.equal((await organiser.get(`${base}/${ids[0]}`)).status, 404);
        const other = makeEvent(server, { slug: 'reg-organise-2', organisers: [organiserId] });
        assert.ok(other);
        assert.equal((await organiser.get(`/events/reg-organise-2/registration/questions/${ids[1]}`)).status, 404);
        assert.ok(rows(server, "SELECT count(*) AS n FROM audit_log WHERE action LIKE 'registration_question%'")[0].n >= 5);
    });

    test('the list filters by status and shows the answers; a wrong filter is 400', async () => {
        const r = await organiser.get('/events/reg-form/registrations');
        assert.equal(r.status, 200);
        assert.match(r.body, /Diaspora Link/);
        assert.match(r.body, /Remittances, Trade/);
        assert.match((await organiser.get('/events/reg-wait/registrations?status=waitlisted')).body, /On the waitlist \(\d+\)/);
        assert.equal((await organiser.get('/events/reg-form/registrations?status=maybe')).status, 400);
        assert.equal((await admin.get('/events/reg-form/registrations')).status, 200);
    });

    test('a message reaches the chosen registrants, each in their language, and is recorded', async () => {
        const slug2 = 'reg-message';
        const id = makeEvent(server, { slug: slug2, capacity: 1, organisers: [organiserId],
            title: { en: 'Message exchange', fr: 'Échange message' } });
        const [first] = await members('msg-a', 1);
        const [second] = await members('msg-b', 1, { lang: 'fr' });
        for (const p of [first, second]) {
            await p.client.get(`/events/${slug2}/register`);
            await p.client.post(`/events/${slug2}/register`, {});
        }
        const form = await organiser.get(`/events/${slug2}/message`);
        assert.match(form.body, /People on the waitlist <span class="meta">\(1 person\)/);
        const bad = await organiser.post(`/events/${slug2}/message`, { audience: 'waitlisted', subject: '', body: 'Hello <all>' });
        assert.equal(bad.status, 422);
        assert.match(bad.body, /Hello &lt;all&gt;<\/textarea>/);
        const r = await organiser.post(`/events/${slug2}/message`, { audience: 'waitlisted', subject: 'Room change', body: 'We moved.\nSee you!' });
        assert.equal(r.status, 303);
        assert.match((await organiser.get(r.location)).body, /on its way to 1 person/);
        const mail = await mailbox.waitFor(second.email, (x) => /Room change/.test(x.subject));
        assert.equal(mail.subject, 'Échange message: Room change');
        assert.match(mail.text, /We moved\.\nSee you!/);
        assert.ok(mailbox.messages().every((x) => !(x.to.includes(first.email) && /Room change/.test(x.subject))));
        const rec = rows(server, 'SELECT audience, recipients, subject FROM event_messages WHERE event_id = ?', [id]);
        assert.deepEqual(rec, [{ audience: 'waitlisted', recipients: 1, subject: 'Room change' }]);
    });
});

describe('the join link', () => {
    const slug = 'reg-join';
    let eventId, confirmed, waitlisted, speaker, stranger;
    before(async () => {
        [confirmed, waitlisted, speaker, stranger] = await members('join', 4);
        eventId = makeEvent(server, { slug, capacity: 1, meetingUrl: MEETING, organisers: [organiserId],
            sessions: [{ title: 'Panel', starts: now() + 30 * 86400, speaker: speaker.id }] });
        for (const p of [confirmed, waitlisted]) {
            await p.client.get(`/events/${slug}/register`);
            await p.client.post(`/events/${slug}/register`, {});
        }
    });

    test('before 30 minutes ahead of the session, the link says when it opens instead of redirecting', async () => {
        const opens = now() + 30 * 86400 - 30 * 60;
        run(server, [['UPDATE users SET tz = ? WHERE id = ?', ['America/Bogota', confirmed.id]]]);
        const r = await confirmed.client.get(`/events/${slug}/join`);
        assert.equal(r.status, 200);
        assert.equal(r.location, null);
        assert.match(r.headers.get('cache-control'), /no-store/);
        const text = pageText(r.body);
        assert.match(text, /The join link is not open yet/);
        // The opening time on the person's own clock (Bogotá), to the minute.
        const hhmm = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/Bogota', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
            .format(new Date(opens * 1000));
        assert.match(text, new RegExp(`The link opens at [^.]*${hhmm}[^.]*\\(America/Bogota\\) \\(your time\\)`));
        assert.equal((await speaker.client.get(`/events/${slug}/join`)).status, 200, 'speakers too');
        // The event page and the registration page say it beside the link.
        for (const p of [`/events/${slug}`, `/events/${slug}/registration`])
            assert.match(pageText((await confirmed.client.get(p)).body), new RegExp(`The link opens at [^.]*${hhmm}`), p);
        assert.doesNotMatch(pageText((await organiser.get(`/events/${slug}`)).body), /The link opens at/, 'open to organisers');
        assert.ok(!r.body.includes('secret-room'));
        assert.equal(rows(server, 'SELECT COUNT(*) AS n FROM attendance WHERE event_id = ?', [eventId])[0].n, 0, 'no attendance yet');
        // Organisers may follow it at any time (to set the meeting up).
        const early = await organiser.get(`/events/${slug}/join`);
        assert.equal(early.status, 303);
        run(server, [['DELETE FROM attendance WHERE event_id = ?', [eventId]]]);
    });

    test('confirmed registrants, speakers and organisers are sent to the meeting, and their attendance recorded', async () => {
        // The session starts in 20 minutes: the link is open.
        run(server, [['UPDATE sessions SET starts_at = ?, ends_at = ? WHERE event_id = ?', [now() + 20 * 60, now() + 80 * 60, eventId]]]);
        for (const c of [confirmed.client, speaker.client, organiser, admin]) {
            const r = await c.get(`/events/${slug}/join`);
            assert.equal(r.status, 303);
            assert.equal(r.location, MEETING);
        }
        const seen = rows(server, 'SELECT user_id FROM attendance WHERE event_id = ?', [eventId]).map((r) => r.user_id);
        assert.ok(seen.includes(confirmed.id) && seen.includes(speaker.id));
    });

    test('others get a clear 403 page; visitors are asked to sign in', async () => {
        for (const c of [waitlisted.client, stranger.client]) {
            const r = await c.get(`/events/${slug}/join`);
            assert.equal(r.status, 403);
            assert.match(r.body, /The join link is for participants/);
        }
        assert.match((await new Client(server).get(`/events/${slug}/join`)).location, /^\/signin\?next=/);
    });

    test('the meeting address appears in no page and no JSON', async () => {
        const visitor = new Client(server);
        const pages = [`/events/${slug}`, `/api/v1/events/${slug}`, `/events/${slug}/registration`,
            `/api/v1/events/${slug}/registration`, `/events/${slug}/register`, '/account/events', '/api/v1/account/events',
            `/events/${slug}.ics`];
        for (const c of [visitor, waitlisted.client, stranger.client, confirmed.client, speaker.client, organiser]) {
            for (const p of pages) {
                const r = await c.get(p);
                assert.ok(!r.body.includes('secret-room'), `${p} shows the meeting address`);
            }
        }
        const box = await confirmed.client.get(`/events/${slug}`);
        assert.match(box.body, new RegExp(`href="/events/${slug}/join"`));
        assert.ok(!(await waitlisted.client.get(`/events/${slug}`)).body.includes('/join"'));
        for (const m of mailbox.messages()) assert.ok(!JSON.stringify(m).includes('secret-room'), 'in an email');
    });
});

describe('my events and the calendar feed', () => {
    test('lists the registrations; the feed is made once, read by calendar apps, and replaced', async () => {
        const [p] = await members('feed', 1);
        const a = makeEvent(server, { slug: 'feed-a', capacity: 1, starts: Date.UTC(2031, 5, 1, 12, 0) / 1000, title: 'Feed A' });
        makeEvent(server, { slug: 'feed-b', capacity: 0, starts: Date.UTC(2031, 6, 1, 8, 30) / 1000, title: 'Feed B' });
        for (const s of ['feed-a', 'feed-b']) {
            await p.client.get(`/events/${s}/register`);
            await p.client.post(`/events/${s}/register`, {});
        }
        const page = await p.client.get('/account/events');
        assert.equal(page.status, 200);
        assert.match(page.body, /Feed A/);
        assert.match(page.body, /You are number 1 on the waitlist/);
        assert.match(page.body, /Make my calendar address/);
        const made = await p.client.post('/account/events/feed', {});
        assert.equal(made.status, 200);
        const url = new URL(/id="feed-url"[^>]*value="([^"]+)"/.exec(made.body)[1]);
        assert.match(made.body, new RegExp(`href="webcal://127\\.0\\.0\\.1:${server.port}/calendar/[A-Za-z0-9_-]{43}\\.ics"`));
        const feed = await new Client(server).get(url.pathname);
        assert.equal(feed.status, 200);
        const cal = readIcs(feed.body);
        assert.equal(cal.name, 'My events · Diaspora Exchange Hub');
        const byUid = Object.fromEntries(cal.events.map((e) => [e.uid, e]));
        assert.equal(byUid[`event-${a}@127.0.0.1`].status, 'CONFIRMED');
        assert.equal(byUid[`event-${a}@127.0.0.1`].dtstart, '2031-06-01T12:00:00Z');
        const b = Object.values(byUid).find((e) => e.summary === 'Feed B');
        assert.equal(b.status, 'TENTATIVE');
        assert.equal(b.dtstart, '2031-07-01T08:30:00Z');
        const single = readIcs((await new Client(server).get('/events/feed-a.ics')).body);
        assert.equal(single.events[0].uid, `event-${a}@127.0.0.1`, 'the same UID as the event file');
        assert.equal(single.events[0].sequence, byUid[`event-${a}@127.0.0.1`].sequence);
        // A new address: the old one stops working.
        const again = await p.client.post('/account/events/feed', {});
        const url2 = new URL(/id="feed-url"[^>]*value="([^"]+)"/.exec(again.body)[1]);
        assert.notEqual(url2.pathname, url.pathname);
        assert.equal((await new Client(server).get(url.pathname)).status, 404);
        assert.equal((await new Client(server).get(url2.pathname)).status, 200);
        assert.match((await p.client.get('/account/events')).body, /Make a new calendar address/);
    });
});

describe('reminders', () => {
    test('a confirmed registrant gets the 1-hour reminder once, in their language; the waitlisted none', async () => {
        const [fr] = await members('remind-fr', 1, { lang: 'fr', tz: 'Africa/Dakar' });
        const [wait] = await members('remind-wait', 1);
        const starts = now() + 40 * 60;
        makeEvent(server, { slug: 'reg-remind', capacity: 1, starts, title: { en: 'Soon', fr: 'Bientôt' } });
        for (const p of [fr, wait]) {
            await p.client.get('/events/reg-remind/register');
            await p.client.post('/events/reg-remind/register', {});
        }
        // As if they had registered the day before: someone confirmed inside the hour just got
        // the confirmation, and no reminder on top of it.
        assert.deepEqual(rows(server, "SELECT s.kind FROM reminders_sent s JOIN registrations r ON r.id = s.registration_id JOIN events e ON e.id = r.event_id WHERE e.slug = 'reg-remind'"), []);
        run(server, [["UPDATE registrations SET updated_at = ? WHERE event_id = (SELECT id FROM events WHERE slug = 'reg-remind')", [starts - 86400]]]);
        const mail = await mailbox.waitFor(fr.email, (x) => /Bientôt/.test(x.subject) && !/confirm/i.test(x.subject), 30);
        assert.match(mail.subject, /Bientôt$/);
        assert.match(mail.text, /\(Africa\/Dakar\)/);
        // The scheduler runs every second: still exactly one.
        await new Promise((r) => setTimeout(r, 2500));
        const reminders = rows(server, "SELECT r.user_id, s.kind FROM reminders_sent s JOIN registrations r ON r.id = s.registration_id JOIN events e ON e.id = r.event_id WHERE e.slug = 'reg-remind'");
        assert.deepEqual(reminders, [{ user_id: fr.id, kind: '1h' }]);
    });
});

describe('dxhub user bulk', () => {
    test('documents itself as a load-testing tool and refuses bad options', async () => {
        const help = await runCli(['user', 'bulk', '--help']);
        assert.equal(help.code, 0);
        assert.match(help.stdout, /load-testing tool for operators/);
        assert.match((await runCli(['user', '--help'])).stdout, /user bulk/);
        for (const args of [['--count', '0', '--prefix', 'x'], ['--count', '100001', '--prefix', 'x'],
            ['--count', '2', '--prefix', 'Bad Prefix'], ['--count', '2'], ['--prefix', 'x'], ['--count', '2', '--prefix', 'x', 'extra']]) {
            const r = await runCli(['user', 'bulk', ...args, '--data', server.dataDir]);
            assert.equal(r.code, 2, `${args.join(' ')}: ${r.code}`);
        }
    });

    test('makes signed-in, verified members once; a taken prefix changes nothing', async () => {
        const r = await runCli(['user', 'bulk', '--count', '2', '--prefix', 'cli-bulk', '--data', server.dataDir]);
        assert.equal(r.code, 0, r.stderr);
        const lines = r.stdout.trim().split('\n');
        assert.equal(lines.length, 2);
        const [cookie, csrf] = lines[0].split(' ');
        assert.match(cookie, /^sid=[A-Za-z0-9_-]{43}$/);
        assert.match(csrf, /^[A-Za-z0-9_-]{43}$/);
        const res = await fetch(`${server.base}/api/v1/account`, { headers: { cookie } });
        assert.equal(res.status, 200);
        assert.equal((await res.json()).account.email, 'cli-bulk-1@example.invalid');
        const again = await runCli(['user', 'bulk', '--count', '3', '--prefix', 'cli-bulk', '--data', server.dataDir]);
        assert.equal(again.code, 1);
        assert.equal(again.stdout, '');
        assert.equal(rows(server, "SELECT count(*) AS n FROM users WHERE email LIKE 'cli-bulk-%'")[0].n, 2);
        assert.equal(rows(server, "SELECT count(*) AS n FROM users WHERE email LIKE 'cli-bulk-%' AND verified_at IS NOT NULL")[0].n, 2);
    });
});
