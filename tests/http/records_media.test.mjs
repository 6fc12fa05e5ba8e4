// Recordings that play in the page: an uploaded video gets a <video> player and an uploaded audio file an
// <audio> one, each with its WebVTT captions as a <track kind="captions"> when one is attached (typed by
// libmagic and our text check, served as text/vtt); each recording may belong to a session, which the
// organiser picks. Uploaded media are served with byte ranges (206/416, Accept-Ranges) so players can seek.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server } from './server.mjs';
import { Client, makeUser } from './accounts_helper.mjs';
import { sql, makeEvent, upload, addSessions, MP4, PNG, VTT, MP3 } from './records_helper.mjs';

const SLUG = 'media-exchange';
let server, organiser, visitor, eventId, otherSession;

let sessions;
before(async () => {
    server = await Server.start();
    const o = await makeUser(server, { email: 'media-org@example.org', name: 'Olu Organiser', password: 'violet harbour tractor 42' });
    organiser = o.client;
    eventId = makeEvent(server, { slug: SLUG, organiserId: o.id });
    sessions = addSessions(server, eventId, ['Opening panel', 'Remittances and investment']);
    const other = makeEvent(server, { slug: 'media-other', organiserId: o.id });
    [otherSession] = addSessions(server, other, ['Elsewhere']);
    visitor = new Client(server);
});
after(async () => {
    await server?.stop();
});

const attach = async (fields, files) => {
    await organiser.get(`/events/${SLUG}/record`);
    return upload(organiser, `/events/${SLUG}/documents`, fields, files);
};

test('the editor offers the sessions and a captions file', async () => {
    const page = (await organiser.get(`/events/${SLUG}/record?lang=en`)).body;
    assert.match(page, /<label for="doc-session">Session<\/label>/);
    assert.match(page, new RegExp(`<option value="${sessions[1]}">Remittances and investment</option>`));
    assert.match(page, /<label for="doc-captions">Captions \(optional\)<\/label>/);
    assert.match(page, /<input id="doc-captions" name="captions" type="file" accept="\.vtt,text\/vtt"/);
});

test('a session\'s video with captions plays in the page, the captions as a track', async () => {
    const r = await attach({ kind: 'recording', title: 'Panel video', session: String(sessions[1]) },
        { file: { name: 'panel.mp4', data: MP4 }, captions: { name: 'panel.vtt', data: VTT } });
    assert.equal(r.status, 303, r.body.slice(0, 300));
    const rec = JSON.parse((await visitor.get(`/api/v1/events/${SLUG}?lang=en`)).body).event.record.recordings[0];
    assert.equal(rec.session_id, sessions[1]);
    assert.equal(rec.session_title, 'Remittances and investment');
    assert.match(rec.captions_url, /^\/files\/\d+\/panel\.vtt$/);
    const html = (await visitor.get(`/events/${SLUG}?lang=en`)).body;
    assert.match(html, new RegExp(`<video controls preload="metadata" src="${rec.file.url}">\\s*<track kind="captions" src="${rec.captions_url}" label="Captions" default>`));
    assert.match(html, /<figcaption>Panel video <span class="meta">· Remittances and investment<\/span>/);
    const vtt = await fetch(`${server.base}${rec.captions_url}`);
    assert.equal(vtt.status, 200);
    assert.equal(vtt.headers.get('content-type'), 'text/vtt; charset=utf-8');
    assert.equal(await vtt.text(), VTT.toString());

    // Seeking: the video answers byte ranges.
    const whole = await fetch(`${server.base}${rec.file.url}`);
    assert.equal(whole.headers.get('accept-ranges'), 'bytes');
    const part = await fetch(`${server.base}${rec.file.url}`, { headers: { range: 'bytes=4-11' } });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), `bytes 4-11/${MP4.length}`);
    assert.equal(Buffer.from(await part.arrayBuffer()).toString('latin1'), 'ftypisom');
    const tail = await fetch(`${server.base}${rec.file.url}`, { headers: { range: 'bytes=-4' } });
    assert.equal(tail.status, 206);
    assert.equal(tail.headers.get('content-range'), `bytes ${MP4.length - 4}-${MP4.length - 1}/${MP4.length}`);
    const beyond = await fetch(`${server.base}${rec.file.url}`, { headers: { range: `bytes=${MP4.length}-` } });
    assert.equal(beyond.status, 416);
    assert.equal(beyond.headers.get('content-range'), `bytes */${MP4.length}`);
});

test('an audio recording gets an <audio> player', async () => {
    const r = await attach({ kind: 'recording', title: 'Podcast of the exchange', session: String(sessions[0]) }, { file: { name: 'talk.mp3', data: MP3 } });
    assert.equal(r.status, 303, r.body.slice(0, 300));
    const rec = JSON.parse((await visitor.get(`/api/v1/events/${SLUG}?lang=en`)).body).event.record.recordings[1];
    assert.equal(rec.file.content_type, 'audio/mpeg');
    assert.equal(rec.file.audio, true);
    const html = (await visitor.get(`/events/${SLUG}?lang=en`)).body;
    assert.match(html, new RegExp(`<figure class="record-audio">\\s*<figcaption>Podcast of the exchange <span class="meta">· Opening panel</span>[\\s\\S]*?<audio controls preload="metadata" src="${rec.file.url}">`));
});

test('captions and sessions are checked', async () => {
    let r = await attach({ kind: 'recording', title: 'Wrong captions' }, { file: { name: 'v.mp4', data: MP4 }, captions: { name: 'c.vtt', data: PNG } });
    assert.equal(r.status, 422);
    assert.match(r.body, /id="doc-captions-error">Captions must be a WebVTT file/);
    r = await attach({ kind: 'document', title: 'Slides', url: 'https://example.org/slides' }, { captions: { name: 'c.vtt', data: VTT } });
    assert.equal(r.status, 422);
    assert.match(r.body, /id="doc-captions-error">Captions go with a recording uploaded here/);
    r = await attach({ kind: 'recording', title: 'Other event\'s session', url: 'https://video.example.org/1', session: String(otherSession) }, {});
    assert.equal(r.status, 422);
    assert.match(r.body, /id="doc-session-error">Choose a session from the list\./);
    assert.match(r.body, /value="Other event&#39;s session"|value="Other event&#x27;s session"|value="Other event's session"/, 'the form comes back filled in');
    assert.equal(sql(server, `SELECT COUNT(*) FROM event_documents WHERE event_id = ${eventId}`).trim(), '2');
});
