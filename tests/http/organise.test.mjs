// The organiser screens as organisers use them: creating a draft event (its creator organises it),
// who sees a draft (404 for everyone else), editing with a preview and local times in the event's
// zone (a time the clocks skip is refused, one they repeat takes the first), publishing and the
// other status changes, sessions with guiding questions in several languages (ids kept when only
// the wording changes), their speakers and moderators, partners, co-organisers added by email,
// series, the audit log, and calendar revisions (SEQUENCE) going up exactly when what a calendar
// shows changes. Every refusal: visitors sent to sign in, 403 for members who do not organise the
// event, 422 with the form filled in for mistakes.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT, pageText } from './server.mjs';
import { startWithMail, Client, makeUser, signIn } from './accounts_helper.mjs';
import { eventFields, createEvent, setStatus, addSession, addPerson, addPartner, dashboard } from './organise_helper.mjs';

const PASSWORD = 'violet harbour tractor 42';
const json = (r) => JSON.parse(r.body);

function readIcs(body) {
    const r = spawnSync('/usr/bin/python3', [path.join(ROOT, 'tests/http/read_ics.py')], { input: body });
    assert.equal(r.status, 0, `read_ics.py failed: ${r.stderr}`);
    return JSON.parse(r.stdout.toString('utf8'));
}

describe('organiser screens', () => {
    let server, mailbox, ama, kofi, member, admin, visitor, kofiId, memberId;
    const ics = async (pathname) => {
        const r = await visitor.get(`${pathname}?lang=en`);
        assert.equal(r.status, 200, `${pathname}: ${r.status}`);
        return readIcs(Buffer.from(r.body)).events[0];
    };
    const errorOf = (body, field) => pageText((new RegExp(`id="${field}-error">([^<]*)<`).exec(body) || [, ''])[1]);

    before(async () => {
        ({ server, mailbox } = await startWithMail());
        ama = (await makeUser(server, { email: 'ama@example.org', name: 'Ama Organiser', role: 'organiser', password: PASSWORD })).client;
        ({ client: kofi, id: kofiId } = await makeUser(server, { email: 'kofi@example.org', name: 'Kofi Mensah', password: PASSWORD }));
        ({ client: member, id: memberId } = await makeUser(server, { email: 'member@example.org', name: 'Mere Member', password: PASSWORD }));
        admin = await signIn(server, 'admin@example.org', 'demo-admin-password-2024');
        visitor = new Client(server);
    });
    after(async () => {
        await server?.stop();
        mailbox?.stop();
    });

    test('who may open the organiser screens', async () => {
        const toSignin = await visitor.get('/organise');
        assert.equal(toSignin.status, 303);
        assert.equal(toSignin.location, '/signin?next=/organise');
        assert.equal((await visitor.get('/events/new')).status, 303);
        assert.equal((await member.get('/events/new')).status, 403, 'members without the organiser role');
        assert.equal((await member.get('/series/new')).status, 403);
        const mine = await member.get('/organise');
        assert.equal(mine.status, 200, 'every member has the page, listing what they organise');
        assert.doesNotMatch(mine.body, /href="\/events\/new"/, 'no "New event" for members');
        assert.match((await ama.get('/organise')).body, /href="\/events\/new"/);
        assert.equal((await ama.get('/events/new')).status, 200);
        const form = await ama.get('/events/new');
        for (const id of ['title_en', 'summary_fr', 'description_es', 'default_lang', 'series', 'kind', 'format', 'place',
            'languages-en', 'interpretation-fr', 'tz', 'time_precision', 'start_date', 'start_time', 'end_date', 'end_time', 'meeting_url'])
            assert.match(form.body, new RegExp(`<label for="${id}">`), `a label for ${id}`);
        assert.equal((await ama.get('/events/2024-powerful-transnational-partnerships/manage')).status, 403,
            'an organiser by role does not manage the events of others');
        assert.equal((await admin.get('/events/2024-powerful-transnational-partnerships/manage')).status, 200, 'admins manage all');
    });

    test('mistakes come back with their reasons and what was typed', async () => {
        const cases = [
            [{ title_en: '' }, 'title_en', /title in English, the main language/],
            [{ tz: 'Mars/Olympus' }, 'tz', /time zone/],
            [{ meeting_url: 'javascript:alert(1)' }, 'meeting_url', /https:\/\//],
            [{ format: 'in_person', place: '' }, 'place', /where the event takes place/],
            [{ end_date: '2030-05-13' }, 'end_date', /end must come after the start/],
            [{ start_date: '2030-02-30' }, 'start_date', /real date/],
            [{ start_time: '25:00' }, 'start_time', /time such as/],
            [{ start_time: '' }, 'start_time', /time as well/],
            [{ start_date: '2030-03-31', start_time: '02:30', end_date: '', end_time: '' }, 'start_time',
                /does not exist in Europe\/Brussels/],
            [{ summary_fr: 'Un résumé sans titre' }, 'title_fr', /title in French too, or leave French empty/],
            [{ languages: '' }, 'languages', /at least one language/],
            [{ series: 'no-such-series' }, 'series', /series from the list/],
            [{ kind: 'party' }, 'kind', /type of event/],
        ];
        for (const [over, field, message] of cases) {
            await ama.get('/events/new');
            const r = await ama.post('/events/new', eventFields({ summary_en: 'Kept summary', ...over }));
            assert.equal(r.status, 422, `${JSON.stringify(over)}: ${r.status}`);
            assert.match(errorOf(r.body, field), message, `${field} for ${JSON.stringify(over)}`);
            assert.match(r.body, /Kept summary<\/textarea>/, 'what was typed comes back');
        }
        await ama.get('/events/new');
        const r = await ama.post('/events/new', eventFields({ meeting_url: '"><script>x</script>' }));
        assert.equal(r.status, 422);
        assert.doesNotMatch(r.body, /<script>x/, 'typed text is escaped');
        assert.equal(json(await ama.get('/api/v1/organise')).events.length, 0, 'nothing was created');
    });

    test('the preview shows the Markdown rendered and saves nothing', async () => {
        await ama.get('/events/new');
        const r = await ama.post('/events/new', eventFields({
            title_en: 'Preview only', description_en: 'Some **bold** words <script>alert(1)</script>', action: 'preview',
        }));
        assert.equal(r.status, 200);
        assert.match(r.body, /<strong>bold<\/strong>/);
        assert.doesNotMatch(r.body, /<script>alert/);
        assert.match(r.body, /Some \*\*bold\*\* words &lt;script&gt;/, 'the source stays in its field');
        assert.equal((await ama.get('/events/preview-only/manage')).status, 404);
    });

    let slug;
    test('an organiser creates a draft that only organisers and admins see', async () => {
        slug = await createEvent(ama, {
            title_en: 'Diaspora Investment Exchange', summary_en: 'Investing at home from abroad',
            description_en: 'Three panels on **bonds**.', title_fr: "Échange sur l'investissement", languages: 'en',
            interpretation: 'fr', meeting_url: 'https://meet.example.org/dix',
        });
        assert.equal(slug, 'diaspora-investment-exchange');
        const again = await createEvent(ama, { title_en: 'Diaspora Investment Exchange' });
        assert.equal(again, 'diaspora-investment-exchange-2', 'slugs stay unique');
        for (const [who, c] of [['visitor', visitor], ['member', member]]) {
            assert.equal((await c.get(`/events/${slug}`)).status, 404, `${who}: the draft is not there`);
            assert.equal((await c.get(`/events/${slug}.ics`)).status, 404, `${who}: nor its calendar`);
        }
        assert.equal((await member.get(`/events/${slug}/manage`)).status, 404, 'a draft is 404 for members, not 403');
        const page = await ama.get(`/events/${slug}`);
        assert.equal(page.status, 200);
        assert.match(pageText(page.body), /Draft: only organisers see this page\./);
        assert.match(page.body, new RegExp(`href="/events/${slug}/manage"`));
        assert.equal((await admin.get(`/events/${slug}`)).status, 200);
        const list = json(await ama.get('/api/v1/organise'));
        const mine = list.events.find((e) => e.slug === slug);
        assert.equal(mine.status, 'draft');
        assert.equal(mine.status_label, 'Draft');
        assert.match(mine.date_label, /14 May 2030 at 14:00 CEST/);
        const d = await dashboard(ama, slug);
        assert.deepEqual(d.organisers.map((o) => o.name), ['Ama Organiser'], 'the creator is its first organiser');
        assert.deepEqual(d.actions.map((a) => a.to), ['published']);
        const html = await ama.get(`/events/${slug}/manage`);
        for (const link of ['registration/settings', 'registrations', 'message', 'record', 'stats', 'edit', 'sessions/new'])
            assert.match(html.body, new RegExp(`href="/events/${slug}/${link}"`), `the dashboard links ${link}`);
    });

    test('editing shows local times and saves them in UTC; a repeated local time takes the first', async () => {
        const form = await ama.get(`/events/${slug}/edit`);
        assert.equal(form.status, 200);
        assert.match(form.body, /id="start_date" name="start_date" type="date" value="2030-05-14"/);
        assert.match(form.body, /id="start_time" name="start_time" type="time" value="14:00"/);
        assert.match(form.body, /<option value="Europe\/Brussels" selected>/);
        assert.match(form.body, /value="https:\/\/meet.example.org\/dix"/);
        assert.match(form.body, /id="interpretation-fr" name="interpretation" value="fr" checked/);
        // 27 October 2030: Brussels goes from CEST back to CET at 03:00, so 02:30 happens twice.
        const r = await ama.post(`/events/${slug}/edit`, eventFields({
            title_en: 'Diaspora Investment Exchange', title_fr: "Échange sur l'investissement", summary_en: 'Investing at home from abroad',
            description_en: 'Three panels on **bonds**.', start_date: '2030-10-27', start_time: '02:30', end_date: '2030-10-27',
            end_time: '05:00', meeting_url: 'https://meet.example.org/dix',
        }));
        assert.equal(r.status, 303);
        assert.equal(r.location, `/events/${slug}/manage?done=saved`);
        const e = json(await ama.get(`/api/v1/events/${slug}`)).event;
        assert.equal(e.starts_at, '2030-10-27T00:30:00Z', 'CEST, the first 02:30');
        assert.match(e.description_html, /<strong>bonds<\/strong>/);
        const fr = json(await ama.get(`/api/v1/events/${slug}?lang=fr`)).event;
        assert.equal(fr.title, "Échange sur l'investissement");
        const es = json(await ama.get(`/api/v1/events/${slug}?lang=es`)).event;
        assert.equal(es.title, 'Diaspora Investment Exchange', 'Spanish falls back to the main language');
        assert.equal(es.fallback, true);
        await ama.get('/organise?lang=en'); // ?lang= is remembered in a cookie: back to English
    });

    test('publishing needs a start; the status changes are the sensible ones', async () => {
        const undated = await createEvent(ama, { title_en: 'Undated exchange', start_date: '', start_time: '', end_date: '', end_time: '' });
        assert.deepEqual(json(await ama.get(`/api/v1/events/${undated}/manage`)).publish_missing, ['A start date.']);
        await ama.get(`/events/${undated}/manage`);
        const refused = await ama.post(`/events/${undated}/status`, { to: 'published' });
        assert.equal(refused.status, 422);
        assert.match(pageText(refused.body), /cannot be published yet/);
        const wrong = await ama.post(`/events/${undated}/status`, { to: 'finished' });
        assert.equal(wrong.status, 422, 'a draft cannot finish');
        assert.match(pageText(wrong.body), /not possible/);

        const before = await (async () => { await setStatus(ama, slug, 'published'); return ics(`/events/${slug}.ics`); })();
        assert.equal((await visitor.get(`/events/${slug}`)).status, 200, 'published: everyone sees it');
        assert.doesNotMatch((await visitor.get(`/events/${slug}`)).body, /Manage this event/, 'no manage bar for visitors');
        assert.equal((await member.get(`/events/${slug}/manage`)).status, 403, 'seen but not managed: 403');
        assert.equal((await member.get(`/events/${slug}/edit`)).status, 403);
        await member.get('/organise');
        assert.equal((await member.post(`/events/${slug}/status`, { to: 'cancelled' })).status, 403);
        assert.deepEqual(json(await ama.get(`/api/v1/events/${slug}/manage`)).actions.map((a) => a.to), ['finished', 'draft', 'cancelled']);
        await setStatus(ama, slug, 'cancelled');
        const cancelled = await ics(`/events/${slug}.ics`);
        assert.equal(cancelled.status, 'CANCELLED');
        assert.equal(cancelled.sequence, before.sequence + 1, 'cancelling revises the calendar entry');
        await setStatus(ama, slug, 'published');
        assert.equal((await ics(`/events/${slug}.ics`)).sequence, before.sequence + 2);
        const audit = json(await admin.get('/api/v1/admin/audit?action=event_status'));
        assert.ok(JSON.stringify(audit).includes(`event ${slug}: cancelled to published`), 'the audit log has it');
    });

    let sessionA, sessionB;
    test('sessions with guiding questions per language; mismatched questions are refused', async () => {
        await ama.get(`/events/${slug}/sessions/new`);
        const mismatch = await ama.post(`/events/${slug}/sessions/new`, {
            title_en: 'Diaspora bonds', questions_en: 'Who buys them?\nWhat do they fund?', title_fr: 'Obligations',
            questions_fr: 'Qui les achète ?', start_date: '2030-10-27', start_time: '10:00',
        });
        assert.equal(mismatch.status, 422);
        assert.match(errorOf(mismatch.body, 'questions_fr'), /as many questions as English has \(2\)/);
        assert.match(mismatch.body, /Qui les achète \?<\/textarea>/);
        const preview = await ama.post(`/events/${slug}/sessions/new`, {
            title_en: 'Diaspora bonds', description_en: '*Why* bonds', questions_en: 'Who buys them?', action: 'preview',
        });
        assert.equal(preview.status, 200);
        assert.match(preview.body, /<em>Why<\/em> bonds/);
        assert.match(preview.body, /<li>Who buys them\?<\/li>/);
        sessionA = await addSession(ama, slug, {
            title_en: 'Diaspora bonds', title_fr: 'Obligations de la diaspora', description_en: 'On **bonds**.',
            questions_en: 'Who buys them?\n\nWhat do they fund?\n', questions_fr: 'Qui les achète ?\nQue financent-elles ?',
            start_date: '2030-10-27', start_time: '10:00', end_date: '2030-10-27', end_time: '11:00',
        });
        sessionB = await addSession(ama, slug, { title_en: 'Remittances', questions_en: 'How to lower their cost?' });
        const e = json(await visitor.get(`/api/v1/events/${slug}?lang=fr`)).event;
        assert.deepEqual(e.sessions.map((s) => s.title), ['Obligations de la diaspora', 'Remittances']);
        assert.deepEqual(e.sessions[0].guiding_questions.map((q) => q.body), ['Qui les achète ?', 'Que financent-elles ?']);
        assert.deepEqual(e.sessions[1].guiding_questions.map((q) => q.body), ['How to lower their cost?'], 'French falls back');
        assert.match(e.sessions[0].time_event_label, /27 octobre 2030 à 10:00 UTC\+1|27 octobre 2030 à 10:00 CET/);
    });

    test('rewording questions keeps their ids; adding one adds an id; a session edit revises its calendar entry', async () => {
        const ids = json(await visitor.get(`/api/v1/events/${slug}`)).event.sessions[0].guiding_questions.map((q) => q.id);
        const before = await ics(`/events/${slug}/sessions/${sessionA}.ics`);
        const form = await ama.get(`/events/${slug}/sessions/${sessionA}/edit`);
        assert.match(form.body, /Who buys them\?\nWhat do they fund\?<\/textarea>/, 'the questions one per line');
        assert.match(form.body, /value="10:00"/);
        const save = (over) => ama.post(`/events/${slug}/sessions/${sessionA}/edit`, {
            title_en: 'Diaspora bonds', title_fr: 'Obligations de la diaspora', description_en: 'On **bonds**.',
            questions_en: 'Who buys diaspora bonds?\nWhat do they fund?', questions_fr: '', start_date: '2030-10-27',
            start_time: '10:00', end_date: '2030-10-27', end_time: '11:00', ...over,
        });
        assert.equal((await save({})).status, 303);
        let qs = json(await visitor.get(`/api/v1/events/${slug}`)).event.sessions[0].guiding_questions;
        assert.deepEqual(qs.map((q) => q.id), ids, 'the same questions, reworded');
        assert.equal(qs[0].body, 'Who buys diaspora bonds?');
        assert.equal((await ics(`/events/${slug}/sessions/${sessionA}.ics`)).sequence, before.sequence,
            'questions are not in the calendar: no revision');
        assert.equal((await save({ start_time: '09:30', questions_en: 'Who buys diaspora bonds?\nWhat do they fund?\nWho guarantees them?' })).status, 303);
        qs = json(await visitor.get(`/api/v1/events/${slug}`)).event.sessions[0].guiding_questions;
        assert.deepEqual(qs.slice(0, 2).map((q) => q.id), ids);
        assert.equal(qs.length, 3);
        const after = await ics(`/events/${slug}/sessions/${sessionA}.ics`);
        assert.equal(after.sequence, before.sequence + 1, 'a new time revises the entry');
        assert.equal(after.dtstart, '2030-10-27T08:30:00Z');
    });

    test('the main language changes only once every session has its texts in it', async () => {
        await ama.get(`/events/${slug}/edit`);
        const r = await ama.post(`/events/${slug}/edit`, eventFields({
            default_lang: 'fr', title_en: 'Diaspora Investment Exchange', title_fr: "Échange sur l'investissement",
            start_date: '2030-10-27', start_time: '02:30', end_date: '2030-10-27', end_time: '05:00',
        }));
        assert.equal(r.status, 422, 'the second session has no French title, the questions no French text');
        assert.match(errorOf(r.body, 'default_lang'), /no text in French yet/);
    });

    test('what the event calendar shows bumps SEQUENCE once per save; other edits do not', async () => {
        const before = await ics(`/events/${slug}.ics`);
        const session = await ics(`/events/${slug}/sessions/${sessionA}.ics`);
        const fields = {
            title_en: 'Diaspora Investment Exchange', title_fr: "Échange sur l'investissement", summary_en: 'Investing at home from abroad',
            description_en: 'Three panels on **bonds**.', start_date: '2030-10-27', start_time: '02:30', end_date: '2030-10-27',
            end_time: '05:00', meeting_url: 'https://meet.example.org/dix',
        };
        await ama.get(`/events/${slug}/edit`);
        assert.equal((await ama.post(`/events/${slug}/edit`, eventFields({ ...fields, meeting_url: 'https://meet.example.org/new' }))).status, 303);
        assert.equal((await ics(`/events/${slug}.ics`)).sequence, before.sequence, 'the join link is not in the calendar');
        assert.equal((await ama.post(`/events/${slug}/edit`, eventFields({ ...fields, start_time: '09:00', end_time: '12:00' }))).status, 303);
        const moved = await ics(`/events/${slug}.ics`);
        assert.equal(moved.sequence, before.sequence + 1);
        assert.equal(moved.dtstart, '2030-10-27T08:00:00Z');
        assert.equal((await ama.post(`/events/${slug}/edit`, eventFields({ ...fields, title_en: 'Diaspora Investment Exchange 2030', start_time: '09:00', end_time: '12:00' }))).status, 303);
        const renamed = await ics(`/events/${slug}.ics`);
        assert.equal(renamed.sequence, before.sequence + 2);
        assert.equal(renamed.summary, 'Diaspora Investment Exchange 2030');
        const s = await ics(`/events/${slug}/sessions/${sessionA}.ics`);
        assert.equal(s.sequence, session.sequence + 2, 'its sessions show the event too');
        assert.match(s.summary, /Diaspora Investment Exchange 2030/);
        assert.equal(renamed.uid, before.uid, 'the UID never changes');
    });

    test('sessions move, and are deleted only when that is confirmed', async () => {
        await ama.get(`/events/${slug}/manage`);
        assert.equal((await ama.post(`/events/${slug}/sessions/${sessionB}/move`, { direction: 'sideways' })).status, 400);
        const moved = await ama.post(`/events/${slug}/sessions/${sessionB}/move`, { direction: 'up' });
        assert.equal(moved.status, 303);
        assert.deepEqual(json(await visitor.get(`/api/v1/events/${slug}`)).event.sessions.map((s) => s.id), [sessionB, sessionA]);
        assert.equal((await ama.post(`/events/${slug}/sessions/${sessionB}/move`, { direction: 'up' })).status, 303, 'first already: nothing moves');
        await ama.post(`/events/${slug}/sessions/${sessionB}/move`, { direction: 'down' });
        assert.deepEqual(json(await visitor.get(`/api/v1/events/${slug}`)).event.sessions.map((s) => s.id), [sessionA, sessionB]);
        assert.equal((await ama.get(`/events/${slug}/sessions/999999/edit`)).status, 404);
        assert.equal((await ama.get(`/events/2024-powerful-transnational-partnerships/sessions/1/edit`)).status, 403);
        const extra = await addSession(ama, slug, { title_en: 'To be deleted' });
        await ama.get(`/events/${slug}/sessions/${extra}/edit`);
        const unconfirmed = await ama.post(`/events/${slug}/sessions/${extra}/delete`, {});
        assert.equal(unconfirmed.status, 422);
        assert.match(errorOf(unconfirmed.body, 'confirm'), /tick the box/);
        assert.match(unconfirmed.body, /value="To be deleted"/, 'the session page comes back as saved');
        const deleted = await ama.post(`/events/${slug}/sessions/${extra}/delete`, { confirm: 'yes' });
        assert.equal(deleted.status, 303);
        assert.equal((await ama.get(`/events/${slug}/sessions/${extra}/edit`)).status, 404);
        // A session of another event is not found through this one.
        const other = await createEvent(ama, { title_en: 'Another event' });
        assert.equal((await ama.get(`/events/${other}/sessions/${sessionA}/edit`)).status, 404);
    });

    test('speakers and moderators: members by email, guests by name, with bios per language', async () => {
        await ama.get(`/events/${slug}/sessions/${sessionA}/edit`);
        const unknown = await ama.post(`/events/${slug}/sessions/${sessionA}/people`, {
            role: 'speaker', name: 'Ghost', email: 'nobody@example.org', affiliation: 'Nowhere',
        });
        assert.equal(unknown.status, 422);
        assert.match(errorOf(unknown.body, 'person-email'), /No member of the hub has this address/);
        assert.match(unknown.body, /value="Nowhere"/);
        assert.match(unknown.body, /value="Diaspora bonds"/, 'the session form is still there, as saved');
        assert.equal((await ama.post(`/events/${slug}/sessions/${sessionA}/people`, { role: 'host', name: 'X' })).status, 422);
        assert.equal((await ama.post(`/events/${slug}/sessions/${sessionA}/people`, { role: 'speaker', name: '' })).status, 422);
        await addPerson(ama, slug, sessionA, { name: '', email: 'KOFI@example.org', affiliation: 'Accra Diaspora Fund', bio_en: 'Kofi advises investors.', bio_fr: 'Kofi conseille les investisseurs.' });
        await addPerson(ama, slug, sessionA, { role: 'moderator', name: 'Maria Lopez', affiliation: 'IOM' });
        await addPerson(ama, slug, sessionA, { name: 'Second Speaker' });
        let s = json(await visitor.get(`/api/v1/events/${slug}?lang=fr`)).event.sessions[0];
        assert.deepEqual(s.speakers.map((p) => p.name), ['Kofi Mensah', 'Second Speaker'], 'a member keeps the name of their account');
        assert.equal(s.speakers[0].bio, 'Kofi conseille les investisseurs.');
        assert.equal(s.speakers[0].profile_url, '', 'no profile link: the profile is not public');
        assert.deepEqual(s.moderators.map((p) => [p.name, p.affiliation]), [['Maria Lopez', 'IOM']]);
        const es = json(await visitor.get(`/api/v1/events/${slug}?lang=es`)).event.sessions[0];
        assert.equal(es.speakers[0].bio, 'Kofi advises investors.');
        assert.equal(es.speakers[0].bio_lang, 'en', 'a fallback bio is marked with its language');
        const page = await visitor.get(`/events/${slug}?lang=en`); // the visitor chose Spanish above
        assert.match(pageText(page.body), /Moderators Maria Lopez IOM Speakers Kofi Mensah Accra Diaspora Fund Kofi advises investors\./);
        const people = json(await ama.get(`/api/v1/events/${slug}/sessions/${sessionA}/edit`)).people;
        assert.equal(people[0].email, 'kofi@example.org');
        await ama.get(`/events/${slug}/sessions/${sessionA}/edit`);
        for (let i = 0; i < 2; i++)
            assert.equal((await ama.post(`/events/${slug}/sessions/${sessionA}/people/${people[2].id}/move`, { direction: 'up' })).status, 303);
        s = json(await visitor.get(`/api/v1/events/${slug}?lang=en`)).event.sessions[0];
        assert.deepEqual(s.speakers.map((p) => p.name), ['Second Speaker', 'Kofi Mensah'], 'moved up twice: first');
        assert.equal((await ama.post(`/events/${slug}/sessions/${sessionA}/people/${people[1].id}/remove`, {})).status, 303);
        assert.equal((await ama.post(`/events/${slug}/sessions/${sessionB}/people/${people[0].id}/remove`, {})).status, 404,
            'a person of another session');
        s = json(await visitor.get(`/api/v1/events/${slug}`)).event.sessions[0];
        assert.deepEqual(s.moderators, []);
    });

    test('partners: added, reordered and removed; bad addresses refused; no logo asked for', async () => {
        const form = await ama.get(`/events/${slug}/manage`);
        assert.doesNotMatch(form.body, /name="logo_url"/, 'logos are never shown, so not asked for');
        const bad = await ama.post(`/events/${slug}/partners`, { name: 'IOM', url: 'javascript:alert(1)' });
        assert.equal(bad.status, 422);
        assert.ok(errorOf(bad.body, 'partner-url'), 'the address marked');
        assert.match(bad.body, /id="partner-name" name="name" type="text" value="IOM"/);
        assert.equal((await ama.post(`/events/${slug}/partners`, { name: '' })).status, 422);
        await addPartner(ama, slug, { name: 'IOM', url: 'https://www.iom.int' });
        await addPartner(ama, slug, { name: 'African Union', url: 'https://au.int', logo_url: 'https://au.int/logo.svg' });
        let d = await dashboard(ama, slug);
        assert.deepEqual(d.partners.map((p) => p.name), ['IOM', 'African Union']);
        assert.equal(d.partners[1].logo_url, '', 'a posted logo address is not stored');
        await ama.get(`/events/${slug}/manage`);
        await ama.post(`/events/${slug}/partners/${d.partners[1].id}/move`, { direction: 'up' });
        assert.deepEqual(json(await visitor.get(`/api/v1/events/${slug}`)).event.partners.map((p) => p.name), ['African Union', 'IOM']);
        assert.equal((await ama.post(`/events/${slug}/partners/${d.partners[0].id}/remove`, {})).status, 303);
        d = await dashboard(ama, slug);
        assert.deepEqual(d.partners.map((p) => p.name), ['African Union']);
    });

    test('a co-organiser added by email manages the event; the last organiser stays', async () => {
        assert.equal((await kofi.get(`/events/${slug}/manage`)).status, 403);
        await ama.get(`/events/${slug}/manage`);
        const unknown = await ama.post(`/events/${slug}/organisers`, { email: 'nobody@example.org' });
        assert.equal(unknown.status, 422);
        assert.match(errorOf(unknown.body, 'organiser-email'), /need an account first/);
        assert.match(unknown.body, /value="nobody@example.org"/);
        assert.equal((await ama.post(`/events/${slug}/organisers`, { email: 'Kofi@Example.org' })).status, 303);
        const told = await mailbox.waitFor('kofi@example.org', (m) => /^You now organise /.test(m.subject));
        assert.match(told.text, /Ama Organiser has made you an organiser of/);
        assert.match(told.text, new RegExp(`/events/${slug}/manage`));
        const again = await ama.post(`/events/${slug}/organisers`, { email: 'kofi@example.org' });
        assert.equal(again.status, 422);
        assert.equal((await kofi.get(`/events/${slug}/manage`)).status, 200, 'the co-organiser manages it');
        assert.ok(json(await kofi.get('/api/v1/organise')).events.some((e) => e.slug === slug), 'and finds it on /organise');
        const home = await kofi.get('/');
        assert.match(home.body, /href="\/organise"/, 'members who organise an event get the link');
        await kofi.get(`/events/${slug}/edit`);
        const r = await kofi.post(`/events/${slug}/edit`, eventFields({ title_en: 'Diaspora Investment Exchange 2030', start_date: '2030-10-27', start_time: '09:00', end_date: '2030-10-27', end_time: '12:00', summary_en: 'Edited by Kofi' }));
        assert.equal(r.status, 303);
        const amaId = (await dashboard(ama, slug)).organisers.find((o) => o.name === 'Ama Organiser').id;
        await kofi.get(`/events/${slug}/manage`);
        assert.equal((await kofi.post(`/events/${slug}/organisers/${amaId}/remove`, {})).status, 303);
        await kofi.get(`/events/${slug}/manage`);
        const last = await kofi.post(`/events/${slug}/organisers/${kofiId}/remove`, {});
        assert.equal(last.status, 422, 'never the last organiser');
        assert.match(pageText(last.body), /always keeps at least one organiser/);
        assert.equal((await ama.get(`/events/${slug}/manage`)).status, 403, 'Ama no longer manages it');
        assert.equal((await kofi.post(`/events/${slug}/organisers/${memberId}/remove`, {})).status, 404);
        const audit = JSON.stringify(json(await admin.get('/api/v1/admin/audit?action=organiser_add')));
        assert.ok(audit.includes(`event ${slug}`), 'adding an organiser is in the audit log');
    });

    test('series: created, edited, chosen for an event; bad or taken slugs refused', async () => {
        await ama.get('/series/new');
        const bad = await ama.post('/series/new', { slug: 'Bad Slug!', default_lang: 'fr', title_fr: '', title_en: 'X' });
        assert.equal(bad.status, 422);
        assert.match(errorOf(bad.body, 'slug'), /lower-case letters/);
        assert.match(errorOf(bad.body, 'title_fr'), /title in French, the main language/);
        const taken = await ama.post('/series/new', { slug: 'global-diaspora-virtual-exchanges', default_lang: 'en', title_en: 'X' });
        assert.match(errorOf(taken.body, 'slug'), /has this address already/);
        const made = await ama.post('/series/new', { slug: 'diaspora-investment', default_lang: 'en', title_en: 'Diaspora investment', summary_en: 'Yearly', title_fr: 'Investissement de la diaspora' });
        assert.equal(made.status, 303);
        assert.equal((await visitor.get('/series/diaspora-investment')).status, 200);
        const form = await ama.get('/series/diaspora-investment/edit');
        assert.match(form.body, /value="Investissement de la diaspora"/);
        const renamed = await ama.post('/series/diaspora-investment/edit', { slug: 'diaspora-investment-series', default_lang: 'en', title_en: 'Diaspora investment series' });
        assert.equal(renamed.status, 303);
        assert.equal((await visitor.get('/series/diaspora-investment')).status, 404);
        assert.equal(json(await visitor.get('/api/v1/series/diaspora-investment-series')).series.title, 'Diaspora investment series');
        assert.equal((await ama.get('/series/no-such/edit')).status, 404);
        const ev = await createEvent(ama, { title_en: 'Series edition', series: 'diaspora-investment-series' });
        await setStatus(ama, ev, 'published');
        assert.equal(json(await visitor.get(`/api/v1/events/${ev}`)).event.series.url, '/series/diaspora-investment-series');
    });

    test('series have owners: another organiser gets 403 on A\'s series until A adds them; admins manage all', async () => {
        const bea = (await makeUser(server, { email: 'bea@example.org', name: 'Bea Organiser', role: 'organiser', password: PASSWORD })).client;
        await ama.get('/series/new');
        assert.equal((await ama.post('/series/new', { slug: 'amas-series', default_lang: 'en', title_en: 'Ama\'s series' })).status, 303);
        assert.ok(json(await ama.get('/api/v1/organise')).series.some((s) => s.slug === 'amas-series'), 'its creator sees it');
        assert.ok(!json(await bea.get('/api/v1/organise')).series.some((s) => s.slug === 'amas-series'), 'others do not');
        assert.equal((await bea.get('/series/amas-series/edit')).status, 403);
        await bea.get('/series/new');
        const hijack = await bea.post('/series/amas-series/edit', { slug: 'beas-now', default_lang: 'en', title_en: 'Taken over' });
        assert.equal(hijack.status, 403);
        assert.equal((await visitor.get('/series/beas-now')).status, 404, 'the address did not change');
        assert.equal(json(await visitor.get('/api/v1/series/amas-series')).series.title, 'Ama\'s series');
        // The demo series is owned by the organisers of its events (the demo admin).
        assert.equal((await ama.get('/series/global-diaspora-virtual-exchanges/edit')).status, 403);
        assert.equal((await admin.get('/series/amas-series/edit')).status, 200, 'an admin manages every series');
        // Nor can Bea put her own event in Ama's series: it is not offered, and posting it is refused.
        assert.doesNotMatch((await bea.get('/events/new')).body, /value="amas-series"/);
        const beasEvents = json(await bea.get('/api/v1/organise')).events.length;
        const intruder = await bea.post('/events/new', eventFields({ title_en: 'Bea in Ama\'s series', series: 'amas-series' }));
        assert.equal(intruder.status, 422);
        assert.match(errorOf(intruder.body, 'series'), /choose a series from the list/);
        assert.match(intruder.body, /value="Bea in Ama&#39;s series"|value="Bea in Ama&apos;s series"|value="Bea in Ama's series"/, 'the form is kept');
        assert.equal(json(await bea.get('/api/v1/organise')).events.length, beasEvents, 'no event was made');
        // Ama adds Bea; a member or an unknown address is refused, the form kept.
        const edit = (fields) => ama.post('/series/amas-series/edit', { slug: 'amas-series', default_lang: 'en', title_en: 'Ama\'s series', ...fields });
        await ama.get('/series/amas-series/edit');
        const notOrganiser = await edit({ organiser_email: 'member@example.org' });
        assert.equal(notOrganiser.status, 422);
        assert.match(errorOf(notOrganiser.body, 'organiser_email'), /organiser role/);
        assert.match(notOrganiser.body, /value="member@example.org"/);
        assert.equal((await edit({ organiser_email: 'BEA@example.org' })).status, 303);
        const form = await bea.get('/series/amas-series/edit');
        assert.equal(form.status, 200);
        assert.match(pageText(form.body), /Ama Organiser.*Bea Organiser/s);
        assert.equal((await edit({ organiser_email: 'bea@example.org' })).status, 422, 'added once only');
        assert.equal((await bea.post('/series/amas-series/edit', { slug: 'amas-series', default_lang: 'en', title_en: 'Shared series' })).status, 303);
        assert.equal(json(await visitor.get('/api/v1/series/amas-series')).series.title, 'Shared series');
        // Once an organiser of the series, Bea may put her events in it.
        assert.match((await bea.get('/events/new')).body, /value="amas-series"/);
        assert.equal((await bea.post('/events/new', eventFields({ title_en: 'Bea joins the series', series: 'amas-series' }))).status, 303);
    });

    test('a published event appears on /events; cancelling it keeps it marked', async () => {
        const ev = await createEvent(ama, { title_en: 'Listed exchange' });
        await setStatus(ama, ev, 'published');
        assert.ok(json(await visitor.get('/api/v1/events')).upcoming.some((e) => e.slug === ev));
        const audit = JSON.stringify(json(await admin.get('/api/v1/admin/audit?action=event_create')));
        assert.ok(audit.includes(`event ${ev}`), 'creating an event is in the audit log');
    });
});
