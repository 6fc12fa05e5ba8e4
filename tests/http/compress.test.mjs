// Rendered pages are gzipped too, not only cached ones (src/http/compress.c): every HTML and JSON
// answer of 1 KB or more goes out gzipped to a client that accepts it, with Vary: Accept-Encoding,
// and decompresses to the very bytes sent to a client that does not. Small answers, live-room
// streams and byte ranges of uploads are sent as they are.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { Server } from './server.mjs';
import { makeUser } from './accounts_helper.mjs';
import { makeRoom } from './rooms_helper.mjs';
import { upload, PDF } from './records_helper.mjs';

const SLUG = 'gzip-exchange';
let server, member, organiser, roomId;

/* One request with node:http, which (unlike fetch) hands over the bytes as sent. With
 * `firstBytes`, resolves as soon as the head is in and closes the connection (for streams). */
function raw(pathname, headers = {}, { firstBytes = false } = {}) {
    return new Promise((resolve, reject) => {
        const req = http.get(`${server.base}${pathname}`, { headers }, (res) => {
            if (firstBytes) {
                resolve({ status: res.statusCode, headers: res.headers, body: Buffer.alloc(0) });
                req.destroy();
                return;
            }
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
        });
        req.on('error', (e) => (firstBytes ? null : reject(e)));
    });
}

const cookieOf = (client) => [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
/* The HTML without the request id, the one part that differs between two answers. */
const stable = (buf) => buf.toString('utf8').replace(/[0-9a-f]{16}/g, 'REQUEST-ID');

before(async () => {
    server = await Server.start();
    const o = await makeUser(server, { email: 'gz-org@example.org', name: 'Olu Organiser', password: 'violet harbour tractor 42' });
    organiser = o.client;
    member = (await makeUser(server, { email: 'gz-member@example.org', name: 'Gina Member', password: 'violet harbour tractor 42' })).client;
    ({ roomId } = makeRoom(server, { slug: SLUG, organiserId: o.id }));
});
after(async () => {
    await server?.stop();
});

test('a signed-in page of 1 KB or more comes back gzipped and decompresses to the same bytes', async () => {
    const cookie = cookieOf(member);
    const plain = await raw(`/events/${SLUG}`, { cookie });
    const gz = await raw(`/events/${SLUG}`, { cookie, 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(plain.status, 200);
    assert.equal(gz.status, 200);
    assert.ok(plain.body.length >= 1024, 'the page is large enough to compress');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.match(gz.headers.vary, /Accept-Encoding/);
    assert.match(plain.headers.vary, /Accept-Encoding/);
    assert.ok(gz.body.length < plain.body.length);
    assert.match(plain.body.toString(), /Gina Member/);
    assert.equal(stable(gunzipSync(gz.body)), stable(plain.body));
    // The JSON twin: byte for byte.
    const jplain = await raw(`/api/v1/events/${SLUG}`, { cookie });
    const jgz = await raw(`/api/v1/events/${SLUG}`, { cookie, 'accept-encoding': 'gzip' });
    assert.ok(jplain.body.length >= 1024);
    assert.equal(jgz.headers['content-encoding'], 'gzip');
    assert.match(jgz.headers['content-type'], /^application\/json/);
    assert.deepEqual(gunzipSync(jgz.body), jplain.body);
});

test('a client that refuses gzip (q=0) gets the page as it is', async () => {
    const r = await raw(`/events/${SLUG}`, { cookie: cookieOf(member), 'accept-encoding': 'gzip;q=0, identity' });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-encoding'], undefined);
    assert.match(r.body.toString(), /<html/);
});

test('a small answer is sent as it is', async () => {
    const r = await raw('/api/v1/no-such-page', { cookie: cookieOf(member), 'accept-encoding': 'gzip' });
    assert.equal(r.status, 404);
    assert.ok(r.body.length < 1024, `${r.body.length} bytes`);
    assert.equal(r.headers['content-encoding'], undefined);
    assert.ok(JSON.parse(r.body.toString()).error);
});

test('a live-room stream is not compressed', async () => {
    const r = await raw(`/rooms/${roomId}/stream`, { cookie: cookieOf(member), 'accept-encoding': 'gzip' }, { firstBytes: true });
    assert.equal(r.status, 200);
    assert.match(r.headers['content-type'], /^text\/event-stream/);
    assert.equal(r.headers['content-encoding'], undefined);
});

test('a byte range of an upload is not compressed', async () => {
    const big = Buffer.concat([PDF, Buffer.from(`%${'padding '.repeat(400)}\n`)]);
    await organiser.get(`/events/${SLUG}/record`);
    const up = await upload(organiser, `/events/${SLUG}/documents`, { kind: 'document', title: 'Notes' },
        { file: { name: 'notes.pdf', data: big } });
    assert.equal(up.status, 303, up.body?.slice(0, 300));
    const doc = JSON.parse((await organiser.get(`/api/v1/events/${SLUG}`)).body).event.record.documents[0];
    const r = await raw(doc.file.url, { cookie: cookieOf(member), 'accept-encoding': 'gzip', range: 'bytes=0-1499' });
    assert.equal(r.status, 206);
    assert.equal(r.headers['content-encoding'], undefined);
    assert.equal(r.body.length, 1500);
    assert.deepEqual(r.body, big.subarray(0, 1500));
});
