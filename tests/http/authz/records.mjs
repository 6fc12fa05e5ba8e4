// Authorization matrix lines of the area "records" (see ../authz.test.mjs): lines(f) returns
// { "METHOD pattern": [path, statuses for visitor/member/organiser/moderator/admin, form fields, opts] },
// fixtures(ctx) creates what the paths need and returns it (merged into f).
// ctx: { server, clients: {visitor, member, organiser, moderator, admin}, password, fixtures }.
//
// The event is managed by the "organiser" account (an organiser of this event) and by admins;
// the moderator and the member manage nothing here. Posts carry mistakes (422/400) or name
// nothing (404), so that every role's run finds the same state.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql, q, makeEvent, PNG } from '../records_helper.mjs';

const SLUG = 'matrix-records-exchange';
const MISSING = 999999;

export async function fixtures({ server, clients }) {
    const me = JSON.parse((await clients.organiser.get('/api/v1/account')).body).account.id;
    const event = makeEvent(server, { slug: SLUG, organiserId: me });
    const sha = createHash('sha256').update(PNG).digest('hex');
    mkdirSync(path.join(server.dataDir, 'files', sha.slice(0, 2)), { recursive: true });
    writeFileSync(path.join(server.dataDir, 'files', sha.slice(0, 2), sha), PNG);
    sql(server, `INSERT INTO proposals (event_id, position) VALUES (${event}, 1);
        INSERT INTO proposal_texts (proposal_id, lang, title) VALUES (last_insert_rowid(), 'en', 'A proposal');
        INSERT INTO files (sha256, name, content_type, size, created_at) VALUES (${q(sha)}, 'graphic.png', 'image/png', ${PNG.length}, 0);
        INSERT INTO event_documents (event_id, position, kind, title, file_id, created_at) VALUES (${event}, 1, 'graphic', 'Graphic', last_insert_rowid(), 0);`);
    const [proposal, document, file] = sql(server, `SELECT (SELECT id FROM proposals WHERE event_id = ${event}),
        (SELECT id FROM event_documents WHERE event_id = ${event}), (SELECT file_id FROM event_documents WHERE event_id = ${event})`).trim().split('|');
    return { recordsProposal: proposal, recordsDocument: document, recordsFile: file };
}

export function lines(f) {
    const e = `/events/${SLUG}`;
    const manage = (s) => [s === 200 ? 303 : 401, 403, s, 403, s];
    return {
        'GET /events/{slug}/record': [`${e}/record`, manage(200)],
        'POST /events/{slug}/record': [`${e}/record`, manage(422), { recording_url: 'ftp://example.org/x', action: 'save' }],
        'POST /events/{slug}/proposals': [`${e}/proposals`, manage(422), { title_en: '' }],
        'POST /events/{slug}/proposals/{id}': [`${e}/proposals/${f.recordsProposal}`, manage(422), { title_en: '' }],
        'POST /events/{slug}/proposals/{id}/delete': [`${e}/proposals/${MISSING}/delete`, manage(404)],
        'POST /events/{slug}/proposals/{id}/move': [`${e}/proposals/${f.recordsProposal}/move`, manage(400), { direction: 'sideways' }],
        'POST /events/{slug}/documents': [`${e}/documents`, manage(422), { title: '' }],
        'POST /events/{slug}/documents/{id}/delete': [`${e}/documents/${MISSING}/delete`, manage(404)],
        'POST /events/{slug}/documents/{id}/move': [`${e}/documents/${f.recordsDocument}/move`, manage(400), { direction: 'sideways' }],
        // Private statistics do not exist for those who cannot manage the event.
        'GET /events/{slug}/stats': [`${e}/stats`, [404, 404, 200, 404, 200]],
        'POST /events/{slug}/stats/visibility': [`${e}/stats/visibility`, manage(400), { public: 'maybe' }],
        'GET /events/{slug}/registrations.csv': [`${e}/registrations.csv`, manage(200)],
        'GET /events/{slug}/registrations.xlsx': [`${e}/registrations.xlsx`, manage(200)],
        'GET /files/{id}/{name}': [`/files/${f.recordsFile}/graphic.png`, [200, 200, 200, 200, 200]],
    };
}
