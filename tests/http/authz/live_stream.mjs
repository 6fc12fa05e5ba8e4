// Authorization matrix lines of the area "live rooms: stream" (see ../authz.test.mjs): lines(f)
// returns { "METHOD pattern": [path, statuses for visitor/member/organiser/moderator/admin] }.
//
// The matrix reads whole bodies, and a room's stream never ends: its line names a room that does
// not exist (404 for everyone). Who may watch which room, and what each viewer receives, is
// tested on open streams in ../live_stream.test.mjs (a draft event's room is 404 there too).
const MISSING = 999999;

export async function fixtures() {
    return {};
}

export function lines() {
    return {
        'GET /rooms/{id}/stream': [`/rooms/${MISSING}/stream`, [404, 404, 404, 404, 404]],
    };
}
