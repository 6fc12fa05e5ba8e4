// What the live room tests share (tests/http/rooms.test.mjs, the matrix lines in
// authz/live_rooms.mjs, the browser test): an event (records_helper's) with one session whose
// room is tested, and a member named as that session's moderator.
import { sql, q, makeEvent } from './records_helper.mjs';

/* Makes an event (status, organiserId as makeEvent) with one session titled in English and
 * French, moderated by moderatorId (0: nobody). Returns {eventId, roomId}. */
export function makeRoom(server, { slug, status = 'published', organiserId = 0, moderatorId = 0, title = 'Room test exchange' }) {
    const eventId = makeEvent(server, { slug, status, organiserId, title });
    sql(server, `INSERT INTO sessions (event_id, position, starts_at, ends_at) VALUES (${eventId}, 1, 1711634400, 1711641600);
        INSERT INTO session_texts (session_id, lang, title) VALUES (last_insert_rowid(), 'en', 'Public sector synergies');`);
    const roomId = Number(sql(server, `SELECT id FROM sessions WHERE event_id = ${eventId}`).trim());
    sql(server, `INSERT INTO session_texts (session_id, lang, title) VALUES (${roomId}, 'fr', 'Synergies du secteur public');`);
    if (moderatorId)
        sql(server, `INSERT INTO session_people (session_id, position, role, user_id, name) VALUES (${roomId}, 1, 'moderator', ${moderatorId}, ${q('Room Moderator')});`);
    return { eventId, roomId };
}

/* Opens client's (null: a visitor's) event stream of room roomId after event `after` (0: from
 * the start); resolves once the server answered (the stream is then attached: whatever happens
 * next reaches it live) with {until(re): the text received once it matches re, close()}.
 * A stream that never matches fails after 10 s instead of hanging (not a timing assertion). */
export async function openStream(server, roomId, client, after = 0) {
    const cookie = client ? [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') : '';
    const ac = new AbortController();
    const res = await fetch(`${server.base}/rooms/${roomId}/stream?last_event_id=${after}`, { headers: { cookie }, signal: ac.signal });
    if (res.status !== 200 || !/^text\/event-stream/.test(res.headers.get('content-type')))
        throw new Error(`the stream answered ${res.status} ${res.headers.get('content-type')}`);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let text = '';
    return {
        async until(re) {
            const timer = setTimeout(() => ac.abort(), 10_000);
            try {
                while (!re.test(text)) {
                    const { value, done } = await reader.read();
                    if (done) break;
                    text += decoder.decode(value, { stream: true });
                }
            } catch (e) {
                throw new Error(`the stream never showed ${re}:\n${text}`, { cause: e });
            } finally {
                clearTimeout(timer);
            }
            if (!re.test(text)) throw new Error(`the stream ended before ${re}:\n${text}`);
            return text;
        },
        close() {
            ac.abort();
        },
    };
}

/* Reads client's event stream of room roomId from the start until its text matches until, then
 * closes it; resolves the text received. */
export async function streamUntil(server, roomId, client, until) {
    const s = await openStream(server, roomId, client);
    try {
        return await s.until(until);
    } finally {
        s.close();
    }
}

/* Signs email (password) in through the sign-in form in a new page of a browser context
 * (the live room's browser tests); resolves the page, left on where the form leads. */
export async function signInPage(context, base, email, password) {
    const page = await context.newPage();
    const res = await page.goto(`${base}/signin?lang=en`, { waitUntil: 'load', timeout: 15_000 });
    if (res?.status() !== 200) throw new Error(`the sign-in page answered ${res?.status()}`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState('load');
    return page;
}
