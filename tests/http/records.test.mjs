// An event's record and statistics as organisers and readers use them: the record editor
// (outcome summary with preview, recording link, proposals added, edited, moved and deleted with
// stable anchors), files uploaded as multipart/form-data and served back (type from the bytes,
// never the name; refusals; size limit; ranges), the record on the event page and its JSON twin,
// statistics (numbers checked against the rows inserted, published or not), and the CSV and XLSX
// exports parsed back. Registrations and attendance belong to other areas: rows are inserted.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Server, raw, pageText, decodeEntities } from './server.mjs';
import { Client, makeUser, signIn } from './accounts_helper.mjs';
import { sql, q, makeEvent, upload, PNG, PDF, MP4 } from './records_helper.mjs';

const PASSWORD = 'violet harbour tractor 42';
const SLUG = 'records-exchange';
const DRAFT = 'records-draft';
const json = (r) => JSON.parse(r.body);

let server, organiser, member, admin, visitor, organiserId, eventId;

before(async () => {
    server = await Server.start();
    const o = await makeUser(server, { email: 'org@example.org', name: 'Olu Organiser', password: PASSWORD });
    organiser = o.client;
    organiserId = o.id;
    member = (await makeUser(server, { email: 'mem@example.org', name: 'Mia Member', password: PASSWORD })).client;
    admin = await signIn(server, 'admin@example.org', 'demo-admin-password-2024');
    visitor = new Client(server);
    eventId = makeEvent(server, { slug: SLUG, organiserId });
    makeEvent(server, { slug: DRAFT, status: 'draft', organiserId, title: 'Draft exchange' });
});
after(async () => {
    await server?.stop();
});

describe('record editor', () => {
    test('organisers and admins open it; others are refused, drafts hidden', async () => {
        const page = await organiser.get(`/events/${SLUG}/record`);
        assert.equal(page.status, 200);
        for (const id of ['outcome_en', 'outcome_fr', 'recording_url', 'doc-title', 'doc-file', 'doc-url'])
            assert.match(page.body, new RegExp(`<label for="${id}">`), `label for ${id}`);
        assert.doesNotMatch(page.body, /name="outcome_es"/, 'no Spanish texts: no Spanish summary');
        assert.match(page.body, /enctype="multipart\/form-data"/);
        assert.equal((await admin.get(`/events/${SLUG}/record`)).status, 200);
        assert.equal((await member.get(`/events/${SLUG}/record`)).status, 403);
        assert.equal((await member.get(`/events/${DRAFT}/record`)).status, 404);
        const v = await visitor.get(`/events/${SLUG}/record`);
        assert.equal(v.status, 303);
        assert.match(v.location, /^\/signin\?next=/);
        assert.equal((await organiser.get(`/events/nope/record`)).status, 404);
    });

    test('the preview renders the Markdown without saving; saving keeps it and the link', async () => {
        await organiser.get(`/events/${SLUG}/record`);
        const md = '**Three** proposals came out.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))';
        const prev = await organiser.post(`/events/${SLUG}/record`, { outcome_en: md, outcome_fr: 'Trois *propositions*.', recording_url: '', action: 'preview' });
        assert.equal(prev.status, 200);
        assert.match(prev.body, /<strong>Three<\/strong> proposals came out\./);
        assert.match(prev.body, /<em>propositions<\/em>/);
        assert.doesNotMatch(prev.body, /<script>alert/);
        assert.doesNotMatch(prev.body, /href="javascript:/);
        assert.match(decodeEntities(prev.body), /\*\*Three\*\* proposals/, 'the text stays in the field');
        let ev = json(await visitor.get(`/api/v1/events/${SLUG}?lang=en`));
        assert.equal(ev.event.record.outcome_html, '', 'nothing saved by a preview');

        const bad = await organiser.post(`/events/${SLUG}/record`, { outcome_en: md, recording_url: 'javascript:alert(1)', action: 'save' });
        assert.equal(bad.status, 422);
        assert.match(pageText(bad.body), /Give the full address of the recording/);
        assert.match(decodeEntities(bad.body), /value="javascript:alert\(1\)"/, 'the link comes back as typed');

        const ok = await organiser.post(`/events/${SLUG}/record`, { outcome_en: md, outcome_fr: 'Trois *propositions*.', recording_url: 'https://video.example.org/watch?v=1', action: 'save' });
        assert.equal(ok.status, 303);
        assert.equal(ok.location, `/events/${SLUG}/record?done=1#outcome`);
        ev = json(await visitor.get(`/api/v1/events/${SLUG}?lang=en`));
        assert.match(ev.event.record.outcome_html, /<strong>Three<\/strong>/);
        assert.equal(ev.event.recording_url, 'https://video.example.org/watch?v=1');
        const fr = json(await visitor.get(`/api/v1/events/${SLUG}?lang=fr`));
        assert.match(fr.event.record.outcome_html, /<em>propositions<\/em>/);
        const html = (await visitor.get(`/events/${SLUG}?lang=en`)).body;
        assert.match(html, /<h2 id="record-summary-h">Outcome summary<\/h2>/);
        assert.match(html, /<strong>Three<\/strong> proposals came out\./);
        const audit = sql(server, `SELECT action, detail FROM audit_log WHERE action = 'record_outcome'`);
        assert.match(audit, new RegExp(`record_outcome\\|event ${SLUG}`));
    });

    test('proposals: added with checks, edited, moved and deleted, each with a stable anchor', async () => {
        await organiser.get(`/events/${SLUG}/record`);
        const none = await organiser.post(`/events/${SLUG}/proposals`, { title_en: '', body_en: 'A text', title_fr: '', body_fr: 'Sans titre' });
        assert.equal(none.status, 422);
        assert.match(pageText(none.body), /Give the proposal a title in the event's own language/);
        assert.match(pageText(none.body), /Give a title in this language too/);
        assert.match(none.body, /<details class="record-details record-new" open>/, 'the form stays open');
        assert.match(decodeEntities(none.body), />Sans titre<\/textarea>/);

        const a = await organiser.post(`/events/${SLUG}/proposals`, { title_en: 'A diaspora investment desk', body_en: 'In every consulate.', title_fr: 'Un guichet', body_fr: '' });
        assert.equal(a.status, 303);
        const idA = Number(/#proposal-(\d+)$/.exec(a.location)[1]);
        const b = await organiser.post(`/events/${SLUG}/proposals`, { title_en: 'Skills registry, "open" & shared', body_en: '' });
        assert.equal(b.status, 303);
        const idB = Number(/#proposal-(\d+)$/.exec(b.location)[1]);

        let ev = json(await visitor.get(`/api/v1/events/${SLUG}?lang=en`)).event;
        assert.deepEqual(ev.proposals.map((p) => p.id), [idA, idB]);
        assert.equal(ev.proposals[0].anchor, `proposal-${idA}`);
        assert.equal(ev.proposals[0].url, `/events/${SLUG}#proposal-${idA}`);
        const fr = json(await visitor.get(`/api/v1/events/${SLUG}?lang=fr`)).event;
        assert.equal(fr.proposals[0].title, 'Un guichet');
        assert.equal(fr.proposals[1].title, 'Skills registry, "open" & shared', 'no French title: the English one');

        await organiser.get(`/events/${SLUG}/record`);
        const edit = await organiser.post(`/events/${SLUG}/proposals/${idA}`, { title_en: 'A diaspora investment desk in each region', body_en: 'Run with local chambers.' });
        assert.equal(edit.status, 303);
        assert.equal(edit.location, `/events/${SLUG}/record?done=1#proposal-${idA}`);
        const badEdit = await organiser.post(`/events/${SLUG}/proposals/${idA}`, { title_en: '' });
        assert.equal(badEdit.status, 422);
        assert.match(badEdit.body, new RegExp(`<li class="record-item" id="proposal-${idA}">[\\s\\S]*?<details class="record-details" open>`));

        assert.equal((await organiser.post(`/events/${SLUG}/proposals/${idA}/move`, { direction: 'sideways' })).status, 400);
        assert.equal((await organiser.post(`/events/${SLUG}/proposals/${idA}/move`, { direction: 'down' })).status, 303);
        ev = json(await visitor.get(`/api/v1/events/${SLUG}?lang=en`)).event;
        assert.deepEqual(ev.proposals.map((p) => p.id), [idB, idA], 'moved, ids kept');
        assert.equal(ev.proposals[1].title, 'A diaspora investment desk in each region');
        assert.equal(ev.proposals[1].body, 'Run with local chambers.');
        const html = (await visitor.get(`/events/${SLUG}?lang=en`)).body;
        assert.match(html, new RegExp(`<li id="proposal-${idB}">[\\s\\S]*<li id="proposal-${idA}">`));

        // Another event's proposal is not this event's to change.
        const other = makeEvent(server, { slug: 'records-other', organiserId });
        sql(server, `INSERT INTO proposals (event_id, position) VALUES (${other}, 1)`);
        const foreign = sql(server, `SELECT id FROM proposals WHERE event_id = ${other}`).trim();
        assert.equal((await organiser.post(`/events/${SLUG}/proposals/${foreign}/delete`, {})).status, 404);
        assert.equal((await organiser.post(`/events/${SLUG}/proposals/${foreign}`, { title_en: 'x' })).status, 404);
        assert.equal((await member.post(`/events/${SLUG}/proposals/${idA}/delete`, {})).status, 403);

        const del = await organiser.post(`/events/${SLUG}/proposals/${idB}/delete`, {});
        assert.equal(del.status, 303);
        ev = json(await visitor.get(`/api/v1/events/${SLUG}?lang=en`)).event;
        assert.deepEqual(ev.proposals.map((p) => p.id), [idA]);
        assert.match(sql(server, `SELECT group_concat(action) FROM (SELECT action FROM audit_log WHERE action LIKE 'proposal_%' ORDER BY rowid)`), /proposal_add,proposal_add,proposal_edit,proposal_move,proposal_delete/);
    });
});

describe('files', () => {
    const fileUrl = (ev, kind) => ev.record[kind].at(-1).file.url;

    test('a real PNG is accepted as the graphic summary and served with its headers', async () => {
        await organiser.get(`/events/${SLUG}/record`);
        const r = await upload(organiser, `/events/${SLUG}/documents`, { kind: 'graphic', title: 'Graphic summary of the day', lang: '' }, { file: { name: 'summary.png', type: 'image/png', data: PNG } });
        assert.equal(r.status, 303, r.body.slice(0, 300));
        assert.equal(r.location, `/events/${SLUG}/record?done=1#documents`);
        const ev = json(await visitor.get(`/api/v1/events/${SLUG}?lang=en`)).event;
        const g = ev.record.graphics[0];
        assert.equal(g.title, 'Graphic summary of the day');
        assert.equal(g.file.content_type, 'image/png');
        assert.equal(g.file.size, PNG.length);
        assert.match(g.file.url, /^\/files\/\d+\/summary\.png$/);
        const html = (await visitor.get(`/events/${SLUG}?lang=en`)).body;
        assert.match(html, new RegExp(`<img src="${g.file.url}" alt="Graphic summary of the day"`));

        const f = await fetch(`${server.base}${g.file.url}`);
        const body = Buffer.from(await f.arrayBuffer());
        assert.equal(f.status, 200);
        assert.equal(f.headers.get('content-type'), 'image/png');
        assert.equal(f.headers.get('content-length'), String(PNG.length));
        assert.equal(f.headers.get('x-content-type-options'), 'nosniff');
        assert.equal(f.headers.get('content-disposition'), 'inline; filename="summary.png"');
        assert.ok(body.equals(PNG), 'the same bytes');
        const etag = f.headers.get('etag');
        assert.match(etag, /^"[0-9a-f]{64}"$/);
        assert.equal((await fetch(`${server.base}${g.file.url}`, { headers: { 'if-none-match': etag } })).status, 304);
        const part = await fetch(`${server.base}${g.file.url}`, { headers: { range: 'bytes=1-3' } });
        assert.equal(part.status, 206);
        assert.equal(part.headers.get('content-range'), `bytes 1-3/${PNG.length}`);
        assert.equal(Buffer.from(await part.arrayBuffer()).toString('latin1'), 'PNG');
        assert.equal((await fetch(`${server.base}${g.file.url}`, { headers: { range: 'bytes=9999-' } })).status, 416);
        assert.equal((await fetch(`${server.base}${g.file.url.replace('summary.png', 'other.png')}`)).status, 404);
        assert.equal((await fetch(`${server.base}/files/999999/x.png`)).status, 404);
    });

    test('a PDF is a document opened inline; text downloads; a video gets a player', async () => {
        await organiser.get(`/events/${SLUG}/record`);
        assert.equal((await upload(organiser, `/events/${SLUG}/documents`, { kind: 'document', title: 'Report', lang: 'fr' }, { file: { name: 'rapport final.PDF', data: PDF } })).status, 303);
        assert.equal((await upload(organiser, `/events/${SLUG}/documents`, { kind: 'document', title: 'Notes' }, { file: { name: 'notes.txt', data: Buffer.from('Notes: café, ñandú\n') } })).status, 303);
        assert.equal((await upload(organiser, `/events/${SLUG}/documents`, { kind: 'recording', title: 'Full recording' }, { file: { name: 'day1.mp4', type: 'video/mp4', data: MP4 } })).status, 303);
        const ev = json(await visitor.get(`/api/v1/events/${SLUG}?lang=en`)).event;
        const [pdf, txt] = ev.record.documents;
        assert.equal(pdf.file.name, 'rapport-final.pdf');
        assert.equal(pdf.lang, 'fr');
        const p = await fetch(`${server.base}${pdf.file.url}`);
        assert.equal(p.headers.get('content-type'), 'application/pdf');
        assert.equal(p.headers.get('content-disposition'), 'inline; filename="rapport-final.pdf"');
        const t = await fetch(`${server.base}${txt.file.url}`);
        assert.equal(t.headers.get('content-type'), 'text/plain; charset=utf-8');
        assert.equal(t.headers.get('content-disposition'), 'attachment; filename="notes.txt"');
        const html = (await visitor.get(`/events/${SLUG}?lang=en`)).body;
        assert.match(html, new RegExp(`<video controls preload="metadata" src="${fileUrl(ev, 'recordings')}">`));
        assert.match(pageText(html), /Report PDF document, \d+ bytes French/);
    });

    test('the type comes from the bytes: a PNG named .pdf is a PNG; HTML and SVG with script are refused', async () => {
        await organiser.get(`/events/${SLUG}/record`);
        const renamed = await upload(organiser, `/events/${SLUG}/documents`, { kind: 'document', title: 'Not a PDF' }, { file: { name: 'report.pdf', type: 'application/pdf', data: PNG } });
        assert.equal(renamed.status, 303);
        const ev = json(await visitor.get(`/api/v1/events/${SLUG}?lang=en`)).event;
        const doc = ev.record.documents.at(-1);
        assert.equal(doc.file.name, 'report.png');
        assert.equal(doc.file.content_type, 'image/png');
        assert.equal((await fetch(`${server.base}${doc.file.url}`)).headers.get('content-type'), 'image/png');

        const refusals = [
            ['page.html', 'text/html', '<!DOCTYPE html><html><script>alert(1)</script></html>'],
            ['logo.png', 'image/png', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
            ['data.bin', 'application/octet-stream', Buffer.from([0, 1, 2, 3, 0, 0, 7])],
            ['archive.zip', 'application/zip', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(60)])],
        ];
        for (const [name, type, data] of refusals) {
            await organiser.get(`/events/${SLUG}/record`);
            const r = await upload(organiser, `/events/${SLUG}/documents`, { kind: 'document', title: `Try ${name}` }, { file: { name, type, data: Buffer.from(data) } });
            assert.equal(r.status, 422, name);
            assert.match(pageText(r.body), /This kind of file is not accepted/, name);
            assert.match(decodeEntities(r.body), new RegExp(`value="Try ${name.replace('.', '\\.')}"`), `${name}: the title comes back`);
        }
        const n = sql(server, `SELECT COUNT(*) FROM event_documents WHERE title LIKE 'Try %'`).trim();
        assert.equal(n, '0');
    });

    test('mismatched kinds, both or neither source, and a missing title are refused', async () => {
        const cases = [
            [{ kind: 'graphic', title: 'A PDF graphic' }, { file: { name: 'a.pdf', data: PDF } }, /A graphic summary must be an image/],
            [{ kind: 'recording', title: 'A PNG video' }, { file: { name: 'a.png', data: PNG } }, /A recording must be a video \(MP4, WebM\) or audio file/],
            [{ kind: 'document', title: 'Both', url: 'https://example.org/a' }, { file: { name: 'a.png', data: PNG } }, /either a link or a file, not both/],
            [{ kind: 'document', title: 'Neither' }, {}, /Give a link, or choose a file/],
            [{ kind: 'document', title: '' , url: 'https://example.org/a' }, {}, /Give it a title/],
            [{ kind: 'poster', title: 'Kind', url: 'https://example.org/a' }, {}, /Choose what it is/],
            [{ kind: 'document', title: 'Bad link', url: 'ftp://example.org/a' }, {}, /Give the full address/],
            [{ kind: 'document', title: 'Lang', url: 'https://example.org/a', lang: 'de' }, {}, /Choose a language from the list/],
        ];
        for (const [fields, files, message] of cases) {
            await organiser.get(`/events/${SLUG}/record`);
            const r = await upload(organiser, `/events/${SLUG}/documents`, fields, files);
            assert.equal(r.status, 422, JSON.stringify(fields));
            assert.match(pageText(r.body), message);
        }
    });

    test('a link is attached; documents move and are deleted', async () => {
        await organiser.get(`/events/${SLUG}/record`);
        const r = await upload(organiser, `/events/${SLUG}/documents`, { kind: 'document', title: 'Slides online', url: 'https://slides.example.org/deck' });
        assert.equal(r.status, 303);
        let docs = json(await visitor.get(`/api/v1/events/${SLUG}?lang=en`)).event.record.documents;
        const link = docs.at(-1);
        assert.equal(link.href, 'https://slides.example.org/deck');
        assert.equal(link.file, null);
        await organiser.get(`/events/${SLUG}/record`);
        assert.equal((await organiser.post(`/events/${SLUG}/documents/${link.id}/move`, { direction: 'up' })).status, 303);
        docs = json(await visitor.get(`/api/v1/events/${SLUG}?lang=en`)).event.record.documents;
        assert.equal(docs.at(-2).id, link.id);
        assert.equal((await organiser.post(`/events/${SLUG}/documents/${link.id}/move`, { direction: 'left' })).status, 400);
        assert.equal((await member.post(`/events/${SLUG}/documents/${link.id}/delete`, {})).status, 403);
        assert.equal((await organiser.post(`/events/${SLUG}/documents/${link.id}/delete`, {})).status, 303);
        assert.equal((await organiser.post(`/events/${SLUG}/documents/${link.id}/delete`, {})).status, 404);
        docs = json(await visitor.get(`/api/v1/events/${SLUG}?lang=en`)).event.record.documents;
        assert.ok(!docs.some((d) => d.id === link.id));
    });

    test('an upload needs the form token, a manager, and fits the size limit', async () => {
        await organiser.get(`/events/${SLUG}/record`);
        const forged = await upload(organiser, `/events/${SLUG}/documents`, { csrf: 'forged', kind: 'graphic', title: 'Forged' }, { file: { name: 'a.png', data: PNG } });
        assert.equal(forged.status, 403);
        assert.match(decodeEntities(forged.body), /value="Forged"/, 'the form comes back filled in');
        await member.get(`/events/${SLUG}`);
        await member.get('/account');
        const other = await upload(member, `/events/${SLUG}/documents`, { kind: 'graphic', title: 'Mine' }, { file: { name: 'a.png', data: PNG } });
        assert.equal(other.status, 403);
        assert.equal((await upload(visitor, `/events/${SLUG}/documents`, { kind: 'graphic', title: 'Anon' }, { file: { name: 'a.png', data: PNG } })).status, 401);
        // Declared larger than 64 MiB: answered before the body is read.
        const cookie = [...organiser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
        const big = await raw(server, `POST /events/${SLUG}/documents HTTP/1.1\r\nHost: x\r\nCookie: ${cookie}\r\n` +
            `Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: ${64 * 1024 * 1024 + 1}\r\n\r\n--XyZ\r\n`);
        assert.equal(big.status, 413);
        // An ordinary form post keeps the small limit.
        const form = await raw(server, `POST /events/${SLUG}/record HTTP/1.1\r\nHost: x\r\nCookie: ${cookie}\r\n` +
            `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${2 * 1024 * 1024}\r\n\r\n`);
        assert.equal(form.status, 413);
        // Without a session, an upload route keeps the small limit too: nobody unknown makes the
        // server spool a large body.
        const anon = await raw(server, `POST /events/${SLUG}/documents HTTP/1.1\r\nHost: x\r\n` +
            `Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: ${2 * 1024 * 1024}\r\n\r\n`);
        assert.equal(anon.status, 413);
        assert.equal(sql(server, `SELECT COUNT(*) FROM event_documents WHERE title IN ('Forged', 'Mine', 'Anon')`).trim(), '0');
    });

    test('a draft event\'s files are for its organisers only', async () => {
        await organiser.get(`/events/${DRAFT}/record`);
        assert.equal((await upload(organiser, `/events/${DRAFT}/documents`, { kind: 'graphic', title: 'Draft graphic' }, { file: { name: 'd.gif', data: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1') } })).status, 303);
        const url = json(await organiser.get(`/api/v1/events/${DRAFT}`)).event.record.graphics[0].file.url;
        assert.equal((await organiser.get(url)).status, 200);
        assert.equal((await visitor.get(url)).status, 404);
        assert.equal((await member.get(url)).status, 404);
        assert.equal((await admin.get(url)).status, 200);
    });

    test('a large file is streamed to disk whole, and stored once by its SHA-256', async () => {
        const { createHash } = await import('node:crypto');
        const big = Buffer.concat([PNG.subarray(0, 16), Buffer.alloc(12 * 1024 * 1024, 7)]);
        const sha = createHash('sha256').update(big).digest('hex');
        for (const title of ['Big one', 'Big again']) {
            await organiser.get(`/events/${SLUG}/record`);
            const r = await upload(organiser, `/events/${SLUG}/documents`, { kind: 'document', title }, { file: { name: 'big.png', data: big } });
            assert.equal(r.status, 303, title);
        }
        const doc = json(await visitor.get(`/api/v1/events/${SLUG}?lang=en`)).event.record.documents.at(-1);
        assert.equal(doc.file.size, big.length);
        const got = Buffer.from(await (await fetch(`${server.base}${doc.file.url}`)).arrayBuffer());
        assert.equal(createHash('sha256').update(got).digest('hex'), sha);
        assert.equal(sql(server, `SELECT COUNT(DISTINCT sha256), COUNT(*) FROM files WHERE sha256 = ${q(sha)}`).trim(), '1|2');
        const { readdirSync } = await import('node:fs');
        assert.deepEqual(readdirSync(`${server.dataDir}/files/${sha.slice(0, 2)}`), [sha], 'one copy on disk');
        for (const id of sql(server, `SELECT d.id FROM event_documents d JOIN files f ON f.id = d.file_id WHERE f.sha256 = ${q(sha)}`).trim().split('\n'))
            assert.equal((await organiser.post(`/events/${SLUG}/documents/${id}/delete`, {})).status, 303);
    });

    test('temporary files do not stay behind', async () => {
        const { readdirSync } = await import('node:fs');
        assert.deepEqual(readdirSync(`${server.dataDir}/files/tmp`), []);
    });
});

// Six people registered for the event (rows as registration would write them), three of whom
// followed the join link. Brussels is on CET (UTC+1) in early March 2024.
const PEOPLE = [
    // name, email, status, waitlist_seq, lang, created_at (UTC), group, residence countries
    ['Ada, Lovelace', 'ada@example.org', 'confirmed', null, 'fr', '2024-03-01T10:00:00Z', 'diaspora_member', ['SN']],
    ['Bob "The Builder"', 'bob@example.org', 'confirmed', null, 'en', '2024-03-01T23:30:00Z', 'ngo', ['SN', 'FR']],
    ['Line\nBreak', 'line@example.org', 'waitlisted', 1, 'es', '2024-03-02T09:00:00Z', null, []],
    ['=HYPERLINK("http://evil.example")', 'formula@example.org', 'waitlisted', 2, 'en', '2024-03-05T12:00:00Z', 'ngo', ['FR']],
    ['+Plus', 'plus@example.org', 'cancelled', null, 'en', '2024-03-05T13:00:00Z', 'academia', ['MA']],
    ['@At', 'at@example.org', 'pending', null, 'fr', '2024-03-06T08:00:00Z', null, []],
];
const epoch = (iso) => Date.parse(iso) / 1000;

function insertRegistrations() {
    const stmts = [];
    PEOPLE.forEach(([name, email, status, seq, lang, at, group, countries], i) => {
        const user = `(SELECT id FROM users WHERE email = ${q(email)})`;
        stmts.push(`INSERT INTO users (email, name, created_at) VALUES (${q(email)}, ${q(name)}, 0)`);
        if (group) stmts.push(`INSERT INTO profiles (user_id, display_name, stakeholder_group, updated_at) VALUES (${user}, ${q(name)}, ${q(group)}, 0)`);
        for (const c of countries) stmts.push(`INSERT INTO profile_countries (user_id, kind, country) VALUES (${user}, 'residence', ${q(c)})`);
        stmts.push(`INSERT INTO registrations (event_id, user_id, status, waitlist_seq, lang, cancel_token_hash, created_at, updated_at)
            VALUES (${eventId}, ${user}, ${q(status)}, ${seq ?? 'NULL'}, ${q(lang)}, 'token-${i}', ${epoch(at)}, ${epoch(at)})`);
    });
    for (const [email, at] of [['ada@example.org', '2024-03-28T14:05:00Z'], ['bob@example.org', '2024-03-28T14:10:00Z'], ['formula@example.org', '2024-03-28T15:20:00Z']])
        stmts.push(`INSERT INTO attendance (event_id, user_id, joined_at) VALUES (${eventId}, (SELECT id FROM users WHERE email = ${q(email)}), ${epoch(at)})`);
    const questions = [
        ['single_choice', 'How did you hear of it?', 'Newsletter\nColleague\nSocial media'],
        ['multiple_choice', 'Topics', 'Trade\nSkills\nInvestment'],
        ['short_text', 'Organisation', ''],
    ];
    questions.forEach(([kind, label, choices], i) => {
        stmts.push(`INSERT INTO registration_questions (event_id, position, kind, required) VALUES (${eventId}, ${i + 1}, ${q(kind)}, 0)`);
        stmts.push(`INSERT INTO registration_question_texts (question_id, lang, label, choices) VALUES (last_insert_rowid(), 'en', ${q(label)}, ${q(choices)})`);
    });
    const reg = (email) => `(SELECT r.id FROM registrations r JOIN users u ON u.id = r.user_id WHERE u.email = ${q(email)})`;
    const question = (pos) => `(SELECT id FROM registration_questions WHERE event_id = ${eventId} AND position = ${pos})`;
    for (const [email, pos, value] of [['ada@example.org', 1, '2'], ['ada@example.org', 2, '1,3'], ['ada@example.org', 3, 'Org, with "quotes"\nand a new line'], ['formula@example.org', 3, '-1+2'], ['bob@example.org', 3, '\uFF1D1+1']])
        stmts.push(`INSERT INTO registration_answers (registration_id, question_id, value) VALUES (${reg(email)}, ${question(pos)}, ${q(value)})`);
    sql(server, stmts.join(';\n') + ';');
}

/* RFC 4180 records of text: fields may be quoted, with "" for a quote and line breaks inside. */
function parseCsv(text) {
    const rows = [];
    let row = [], field = '', i = 0, quoted = false;
    while (i < text.length) {
        const c = text[i];
        if (quoted) {
            if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
            if (c === '"') { quoted = false; i++; continue; }
            field += c; i++; continue;
        }
        if (c === '"' && field === '') { quoted = true; i++; continue; }
        if (c === ',') { row.push(field); field = ''; i++; continue; }
        if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 2; continue; }
        assert.notEqual(c, '\n', `a bare LF outside quotes at ${i}`);
        field += c; i++;
    }
    assert.equal(field, '', 'the last record ends with CRLF');
    return rows;
}

describe('statistics and exports', () => {
    before(() => insertRegistrations());

    test('organisers see the numbers of the rows; nobody else while they are private', async () => {
        const r = await organiser.get(`/api/v1/events/${SLUG}/stats?lang=en`);
        assert.equal(r.status, 200);
        const { stats, published } = json(r);
        assert.equal(published, false);
        const rows = (s) => s.rows.map((x) => [x.label, x.value]);
        assert.deepEqual(stats.registrations_time.rows.map((x) => [x.label, x.new, x.total]),
            [['1 Mar 2024', 1, 1], ['2 Mar 2024', 2, 3], ['5 Mar 2024', 2, 5], ['6 Mar 2024', 1, 6]],
            'per day in Brussels: 23:30 UTC on 1 March is 2 March there');
        assert.equal(stats.attendance_time.hourly, true);
        assert.deepEqual(stats.attendance_time.rows.map((x) => [x.label, x.new, x.total]),
            [['28 Mar 2024, 15:00 CET', 2, 2], ['28 Mar 2024, 16:00 CET', 1, 3]]);
        assert.deepEqual(rows(stats.by_country), [['France', 2], ['Senegal', 2], ['Not given', 2]], 'most first, then by name, unknown last');
        assert.deepEqual(rows(stats.by_group), [['NGO or civil society', 2], ['Diaspora member', 1], ['Not given', 2]]);
        assert.deepEqual(rows(stats.by_language), [['English', 2], ['French', 2], ['Spanish', 1]]);
        assert.deepEqual(rows(stats.by_status), [['Confirmed', 2], ['Awaiting approval', 1], ['On the waitlist', 2], ['Cancelled', 1]]);
        assert.equal(stats.by_status.total, 6);
        for (const c of [visitor, member]) assert.equal((await c.get(`/events/${SLUG}/stats`)).status, 404);
        assert.equal((await admin.get(`/events/${SLUG}/stats`)).status, 200);
        assert.equal((await organiser.get(`/events/${DRAFT}/stats`)).status, 200);
        assert.equal((await visitor.get(`/events/${DRAFT}/stats`)).status, 404);
    });

    test('each statistic is an SVG chart named by its title with a table of the same numbers', async () => {
        const html = (await organiser.get(`/events/${SLUG}/stats?lang=en`)).body;
        const svgs = [...html.matchAll(/<svg class="chart" viewBox="0 0 480 \d+" role="img" aria-labelledby="([a-z-]+)-title"[^>]*><title id="\1-title">([^<]+)<\/title>/g)];
        assert.deepEqual(svgs.map((m) => m[2]), ['Registrations over time', 'Attendance over time', 'By country of residence',
            'By stakeholder group', 'By language of registration', 'By status']);
        assert.doesNotMatch(html, /<script(?! src=)/, 'no inline script');
        assert.match(html, /<th scope="row">Senegal<\/th><td>2<\/td>/);
        assert.match(html, /<th scope="row">6 Mar 2024<\/th><td>1<\/td><td>6<\/td>/);
        const attendance = /<svg[^>]*aria-labelledby="chart-attendance-title"[\s\S]*?<\/svg>/.exec(html)[0];
        assert.match(attendance, />15:00 CET<\/text>[\s\S]*>16:00 CET<\/text>/, 'hours under the time axis');
        assert.match(attendance, />28 Mar 2024<\/text>/, 'and the day they belong to');
        assert.match(html, /<button class="button" type="submit">Publish the statistics<\/button>/);
        const fr = (await organiser.get(`/events/${SLUG}/stats?lang=fr`)).body;
        assert.match(fr, /<th scope="row">Sénégal<\/th><td>2<\/td>/, 'country names in the reader\'s language');
        assert.match(fr, /<th scope="row">1 mars 2024<\/th>/, 'dates in the reader\'s language');
        assert.match(fr, /<text class="chart__tick"[^>]*>28 mars 2024<\/text>/, 'the chart\'s day in the reader\'s language');
    });

    test('published statistics are for everyone, counts only', async () => {
        await organiser.get(`/events/${SLUG}/stats`);
        assert.equal((await organiser.post(`/events/${SLUG}/stats/visibility`, { public: 'maybe' })).status, 400);
        assert.equal((await member.post(`/events/${SLUG}/stats/visibility`, { public: '1' })).status, 403);
        const r = await organiser.post(`/events/${SLUG}/stats/visibility`, { public: '1' });
        assert.equal(r.status, 303);
        assert.equal(r.location, `/events/${SLUG}/stats`);
        const page = await visitor.get(`/events/${SLUG}/stats?lang=en`);
        assert.equal(page.status, 200);
        assert.doesNotMatch(page.body, /Publish the statistics|Make the statistics private|registrations\.csv/, 'no organiser controls');
        const api = await visitor.get(`/api/v1/events/${SLUG}/stats?lang=en`);
        for (const [, email] of PEOPLE) assert.ok(!api.body.includes(email) && !page.body.includes(email), `${email} not shown`);
        for (const name of ['Lovelace', 'Builder', 'HYPERLINK', 'Mia Member', 'Olu Organiser'])
            assert.ok(!api.body.includes(name) && !page.body.includes(name), `${name} not shown`);
        const event = (await visitor.get(`/events/${SLUG}?lang=en`)).body;
        assert.match(event, new RegExp(`<a class="button button--quiet" href="/events/${SLUG}/stats">See the statistics</a>`));
        assert.equal((await organiser.post(`/events/${SLUG}/stats/visibility`, { public: '0' })).status, 303);
        assert.equal((await visitor.get(`/events/${SLUG}/stats`)).status, 404);
        assert.match(sql(server, `SELECT group_concat(detail, '|') FROM audit_log WHERE action = 'stats_visibility'`), /statistics published\|.*statistics private/);
        const fr = (await admin.get('/admin/audit?action=stats_visibility&lang=fr')).body;
        assert.match(fr, new RegExp(`<td>événement ${SLUG} : statistiques rendues privées</td>`), 'the audit log reads in French');
        assert.match(fr, new RegExp(`<td>événement ${SLUG} : statistiques publiées</td>`));
        const es = (await admin.get('/admin/audit?action=stats_visibility&lang=es')).body;
        assert.match(es, new RegExp(`<td>evento ${SLUG}: estadísticas publicadas</td>`), 'the audit log reads in Spanish');
        await admin.get('/admin/audit?lang=en');
    });

    test('the CSV export is RFC 4180 with every answer, and defuses formulas', async () => {
        assert.equal((await member.get(`/events/${SLUG}/registrations.csv`)).status, 403);
        assert.equal((await visitor.get(`/events/${SLUG}/registrations.csv`)).status, 303);
        const r = await fetch(`${server.base}/events/${SLUG}/registrations.csv?lang=en`, { headers: { cookie: [...organiser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
        assert.equal(r.status, 200);
        assert.equal(r.headers.get('content-type'), 'text/csv; charset=utf-8; header=present');
        assert.equal(r.headers.get('content-disposition'), `attachment; filename="${SLUG}-registrations.csv"`);
        const rows = parseCsv(await r.text());
        assert.deepEqual(rows[0], ['Name', 'Email address', 'Status', 'Waitlist position', 'Registered at (UTC)', 'Registered at (Europe/Brussels)',
            'Language', 'Country of residence', 'Stakeholder group', 'How did you hear of it?', 'Topics', 'Organisation']);
        assert.equal(rows.length, 7);
        const by = Object.fromEntries(rows.slice(1).map((x) => [x[1], x]));
        assert.deepEqual(by['ada@example.org'], ['Ada, Lovelace', 'ada@example.org', 'Confirmed', '', '2024-03-01T10:00:00Z', '2024-03-01T11:00:00+01:00',
            'French', 'Senegal', 'Diaspora member', 'Colleague', 'Trade, Investment', 'Org, with "quotes"\nand a new line']);
        assert.equal(by['bob@example.org'][0], 'Bob "The Builder"');
        assert.equal(by['bob@example.org'][7], 'France; Senegal');
        assert.equal(by['line@example.org'][0], 'Line\nBreak');
        assert.equal(by['line@example.org'][3], '1');
        assert.equal(by['formula@example.org'][0], '\'=HYPERLINK("http://evil.example")');
        assert.equal(by['formula@example.org'][3], '2');
        assert.equal(by['formula@example.org'][11], '\'-1+2');
        assert.equal(by['bob@example.org'][11], '\'\uFF1D1+1', 'the fullwidth equals sign is defused too');
        assert.equal(by['plus@example.org'][0], '\'+Plus');
        assert.equal(by['at@example.org'][0], '\'@At');
        assert.match(sql(server, `SELECT detail FROM audit_log WHERE action = 'registrations_export'`), /CSV/);
    });

    test('the XLSX export opens as a workbook with the same cells', async () => {
        const r = await fetch(`${server.base}/events/${SLUG}/registrations.xlsx?lang=en`, { headers: { cookie: [...organiser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
        assert.equal(r.status, 200);
        assert.equal(r.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        assert.equal(r.headers.get('content-disposition'), `attachment; filename="${SLUG}-registrations.xlsx"`);
        const body = Buffer.from(await r.arrayBuffer());
        const py = spawnSync('/usr/bin/python3', ['-c', `
import io, json, re, sys, zipfile
from xml.etree import ElementTree as ET
z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))
ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
strings = [''.join(t.text or '' for t in si.iter('{%s}t' % ns['m'])) for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', ns)]
sheet = ET.fromstring(z.read('xl/worksheets/sheet1.xml'))
rows = []
for row in sheet.find('m:sheetData', ns).findall('m:row', ns):
    cells = {}
    for c in row.findall('m:c', ns):
        col = re.match('[A-Z]+', c.get('r')).group(0)
        cells[col] = strings[int(c.find('m:v', ns).text)] if c.get('t') == 's' else c.find('m:v', ns).text
    rows.append(cells)
print(json.dumps({'names': z.namelist(), 'rows': rows, 'has_formula': any(c.find('m:f', ns) is not None for c in sheet.iter('{%s}c' % ns['m']))}))
`], { input: body });
        assert.equal(py.status, 0, py.stderr.toString());
        const book = JSON.parse(py.stdout.toString());
        assert.ok(book.names.includes('xl/workbook.xml'));
        assert.equal(book.has_formula, false, 'no cell is a formula');
        assert.equal(book.rows.length, 7);
        assert.equal(book.rows[0].A, 'Name');
        assert.equal(book.rows[0].L, 'Organisation');
        const ada = book.rows.find((x) => x.B === 'ada@example.org');
        assert.equal(ada.A, 'Ada, Lovelace');
        assert.equal(ada.J, 'Colleague');
        assert.equal(ada.L, 'Org, with "quotes"\nand a new line');
        assert.equal(book.rows.find((x) => x.B === 'formula@example.org').A, '\'=HYPERLINK("http://evil.example")');
        assert.equal(book.rows.find((x) => x.B === 'at@example.org').A, '\'@At');
        assert.equal(book.rows.find((x) => x.B === 'bob@example.org').L, '\'\uFF1D1+1', 'the fullwidth equals sign is defused too');
    });
});
