// What the records tests share (tests/http/records.test.mjs, the matrix lines in authz/records.mjs
// and the browser test): SQL run straight on a server's database (the organiser screens and
// registration are other areas: their rows are inserted here), an event with an organiser, and a
// multipart upload sent as a browser sends a file, with the client's cookies and form token.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

/* Runs SQL statements on the server's database; returns sqlite3's output (one line a row, '|' between columns). */
export function sql(server, statements) {
    return execFileSync('sqlite3', ['-cmd', '.timeout 5000', path.join(server.dataDir, 'dxhub.db'), statements]).toString();
}

/* SQL text literal. */
export const q = (s) => `'${String(s).replace(/'/g, "''")}'`;

/* Makes a published event (or status) with English and French texts, managed by organiserId
 * (0: nobody), in Europe/Brussels. Returns its id. */
export function makeEvent(server, { slug, status = 'published', organiserId = 0, title = 'Records test exchange', langs = ['en', 'fr'] }) {
    const texts = langs.map((l) => `((SELECT id FROM events WHERE slug = ${q(slug)}), ${q(l)}, ${q(`${title} (${l})`)})`).join(', ');
    sql(server, `INSERT INTO events (slug, status, default_lang, languages, tz, starts_at, ends_at, time_precision, created_at, updated_at)
        VALUES (${q(slug)}, ${q(status)}, 'en', ${q(langs.join(','))}, 'Europe/Brussels', 1711634400, 1711641600, 'minute', 0, 0);
        INSERT INTO event_texts (event_id, lang, title) VALUES ${texts};
        ${organiserId ? `INSERT INTO event_organisers (event_id, user_id, added_at) VALUES ((SELECT id FROM events WHERE slug = ${q(slug)}), ${organiserId}, 0);` : ''}`);
    return Number(sql(server, `SELECT id FROM events WHERE slug = ${q(slug)}`).trim());
}

/* Posts fields and files (name → {name, type, data}) as multipart/form-data with client's cookies and,
 * unless fields has one, its form token. Resolves {status, headers, body, location}. */
export async function upload(client, pathname, fields = {}, files = {}) {
    const form = new FormData();
    if (!('csrf' in fields) && client.csrf) form.append('csrf', client.csrf);
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    for (const [k, f] of Object.entries(files)) form.append(k, new Blob([f.data], { type: f.type || 'application/octet-stream' }), f.name);
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(`${client.server.base}${pathname}`, {
        method: 'POST', body: form, redirect: 'manual', headers: { cookie, 'accept-language': client.lang },
    });
    const body = await res.text();
    const token = /name="csrf" value="([^"]+)"/.exec(body);
    if (token) client.csrf = token[1];
    return { status: res.status, headers: res.headers, body, location: res.headers.get('location') };
}

// Small real files: a 1×1 PNG, a one-page PDF, the start of an MP4.
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
export const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2'), Buffer.alloc(64)]);

/* A width × height PNG of coloured bands (a stand-in for a graphic summary that shows in screenshots). */
export async function bandsPng(width, height) {
    const { deflateSync, crc32 } = await import('node:zlib');
    const chunk = (type, data) => {
        const len = Buffer.alloc(4);
        len.writeUInt32BE(data.length);
        const crc = Buffer.alloc(4);
        crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type), data])) >>> 0);
        return Buffer.concat([len, Buffer.from(type), data, crc]);
    };
    const colours = [[10, 88, 168], [231, 240, 250], [242, 169, 59], [46, 107, 74]];
    const raw = Buffer.alloc((width * 3 + 1) * height);
    for (let y = 0; y < height; y++)
        for (let x = 0; x < width; x++) {
            const c = colours[Math.floor((x + y) / 40) % colours.length];
            c.forEach((v, k) => (raw[y * (width * 3 + 1) + 1 + x * 3 + k] = v));
        }
    const header = Buffer.alloc(13);
    header.writeUInt32BE(width, 0);
    header.writeUInt32BE(height, 4);
    header.set([8, 2, 0, 0, 0], 8);
    return Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// A WebVTT captions file and the start of an MP3 (an ID3 tag and MPEG audio frames).
export const VTT = Buffer.from('WEBVTT\n\n00:00.000 --> 00:02.000\nWelcome to the exchange.\n\n00:02.000 --> 00:04.000\nBienvenue.\n');
export const MP3 = Buffer.concat([Buffer.from('ID3\x03\x00\x00\x00\x00\x00\x00', 'latin1'), ...Array(8).fill(Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(413)]))]);

/* Adds sessions (English titles) to event id, one hour apart; returns their ids. */
export function addSessions(server, id, titles) {
    return titles.map((title, i) => {
        sql(server, `INSERT INTO sessions (event_id, position, starts_at, ends_at) VALUES (${id}, ${i + 1}, ${1711634400 + i * 3600}, ${1711638000 + i * 3600});
            INSERT INTO session_texts (session_id, lang, title) VALUES (last_insert_rowid(), 'en', ${q(title)})`);
        return Number(sql(server, `SELECT id FROM sessions WHERE event_id = ${id} AND position = ${i + 1}`).trim());
    });
}


/* What a finished event leaves, as the live rooms and the record editor would write it: an outcome, a
 * session whose room has answered, pending, hidden and unanswered questions and closed, draft and open
 * polls (asked by askerId), and three proposals: in every language, with a text only in Spanish, and
 * titled in English only. */
export function insertAfterEvent(server, eventId, askerId) {
    const stmts = [
        `UPDATE event_texts SET outcome_html = '<p>Three proposals came out.</p>' WHERE event_id = ${eventId}`,
        `INSERT INTO sessions (event_id, position, starts_at, ends_at) VALUES (${eventId}, 1, 1711634400, 1711638000)`,
        `INSERT INTO session_texts (session_id, lang, title) VALUES (last_insert_rowid(), 'en', 'Remittances and investment')`,
    ];
    const room = `(SELECT id FROM sessions WHERE event_id = ${eventId} AND position = 1)`;
    for (const [body, lang, status, votes] of [
        ['How can consulates help diaspora investors?', 'en', 'answered', 7],
        ['¿Qué costes tienen las remesas?', 'es', 'answered', 3],
        ['Still waiting for approval', 'en', 'pending', 0],
        ['An offensive question', 'en', 'hidden', 0],
        ['Approved but not answered', 'en', 'visible', 5],
    ])
        stmts.push(`INSERT INTO room_questions (room_id, user_id, body, lang, status, votes, created_at, updated_at)
            VALUES (${room}, ${askerId}, ${q(body)}, ${q(lang)}, ${q(status)}, ${votes}, 0, 0)`);
    for (const [question, status, voters, options] of [
        ['Which instrument matters most?', 'closed', 4, [['Diaspora bonds', 3], ['Matching funds', 1]]],
        ['A draft nobody saw', 'draft', 0, [['Yes', 0], ['No', 0]]],
        ['A poll still open', 'open', 1, [['Maybe', 1]]],
    ]) {
        stmts.push(`INSERT INTO room_polls (room_id, question, status, show_results, voters, created_at) VALUES (${room}, ${q(question)}, ${q(status)}, 1, ${voters}, 0)`);
        options.forEach(([label, votes], i) => stmts.push(`INSERT INTO room_poll_options (poll_id, position, label, votes)
            VALUES ((SELECT id FROM room_polls WHERE question = ${q(question)}), ${i + 1}, ${q(label)}, ${votes})`));
    }
    // One proposal in every language; one whose text exists only in Spanish; one titled in English only.
    for (const [pos, texts] of [
        [1, [['en', 'An investment desk', 'In every consulate.'], ['fr', 'Un guichet', 'Dans chaque consulat.'], ['es', 'Una ventanilla', 'En cada consulado.']]],
        [2, [['en', 'Remittance costs', ''], ['es', 'Costes de las remesas', 'Bajar los costes al 3 %.']]],
        [3, [['en', 'A skills registry', 'Open and shared.']]],
    ]) {
        stmts.push(`INSERT INTO proposals (event_id, position) VALUES (${eventId}, ${pos})`);
        for (const [lang, title, body] of texts)
            stmts.push(`INSERT INTO proposal_texts (proposal_id, lang, title, body) VALUES ((SELECT id FROM proposals WHERE event_id = ${eventId} AND position = ${pos}), ${q(lang)}, ${q(title)}, ${q(body)})`);
    }
    sql(server, stmts.join(';\n') + ';');
}
