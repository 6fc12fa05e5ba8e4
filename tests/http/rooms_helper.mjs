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
