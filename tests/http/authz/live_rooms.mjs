// Authorization matrix lines of the area "live rooms" (see ../authz.test.mjs): lines(f) returns
// { "METHOD pattern": [path, statuses for visitor/member/organiser/moderator/admin, form fields, opts] },
// fixtures(ctx) creates what the paths need and returns it (merged into f).
//
// The room's event is managed by the "organiser" account; the "moderator" account is named the
// session's moderator (so it moderates this room, but manages nothing of the event); the member
// only takes part. Posts carry mistakes (422/400) or name nothing (404), so that every role's run
// finds the same state.
import { makeRoom } from '../rooms_helper.mjs';

const MISSING = 999999;

export async function fixtures({ clients }) {
    const id = async (c) => JSON.parse((await c.get('/api/v1/account')).body).account.id;
    const { roomId } = makeRoom(clients.organiser.server, {
        slug: 'matrix-live-room', organiserId: await id(clients.organiser), moderatorId: await id(clients.moderator),
    });
    return { liveRoom: roomId };
}

export function lines(f) {
    const r = `/rooms/${f.liveRoom}`;
    const moderators = (s) => [401, 403, s, s, s];
    const members = (s) => [401, s, s, s, s];
    return {
        'GET /rooms/{id}': [r, [200, 200, 200, 200, 200]],
        'GET /rooms/{id}/present': [`${r}/present`, [200, 200, 200, 200, 200]],
        'POST /rooms/{id}/questions': [`${r}/questions`, members(422), { body: '' }],
        'POST /rooms/{id}/questions/{qid}/vote': [`${r}/questions/${MISSING}/vote`, members(404)],
        'POST /rooms/{id}/questions/{qid}/unvote': [`${r}/questions/${MISSING}/unvote`, members(404)],
        'POST /rooms/{id}/questions/{qid}/moderate': [`${r}/questions/${MISSING}/moderate`, moderators(404), { action: 'approve' }],
        'POST /rooms/{id}/polls': [`${r}/polls`, moderators(422), { question: '', options: '' }],
        'POST /rooms/{id}/polls/{pid}/state': [`${r}/polls/${MISSING}/state`, moderators(404), { action: 'open' }],
        'POST /rooms/{id}/polls/{pid}/vote': [`${r}/polls/${MISSING}/vote`, members(404)],
        'POST /rooms/{id}/chat': [`${r}/chat`, members(422), { message: '' }],
        'POST /rooms/{id}/chat/{mid}/hide': [`${r}/chat/${MISSING}/hide`, moderators(404)],
        'POST /rooms/{id}/settings': [`${r}/settings`, moderators(400), { action: 'explode' }],
        // Only the event's managers copy into its outcome: the session's moderator is refused.
        'POST /rooms/{id}/outcome': [`${r}/outcome`, [401, 403, 303, 403, 303]],
    };
}
