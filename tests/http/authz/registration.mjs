// Authorization matrix lines of the area "registration" (see ../authz.test.mjs): lines(f) returns
// { "METHOD pattern": [path, statuses for visitor/member/organiser/moderator/admin, form fields, opts] },
// fixtures(ctx) creates what the paths need and returns it (merged into f).
// ctx: { server, clients: {visitor, member, organiser, moderator, admin}, password, fixtures }.
//
// The event is made straight in the database (../registration_helper.mjs), organised by the
// organiser (so the organiser and the admin manage it, the member and the moderator do not),
// with a required consent question so that an empty registration post is refused (422) and
// changes nothing.
import { accountId, makeEvent, questionIds } from '../registration_helper.mjs';

export async function fixtures({ server, clients }) {
    const organiser = await accountId(clients.organiser);
    const eventId = makeEvent(server, {
        slug: 'matrix-registration',
        capacity: 10,
        meetingUrl: 'https://meet.example.org/matrix',
        organisers: [organiser],
        questions: [{ kind: 'consent', required: true, label: { en: 'I agree to be listed.' } }],
    });
    return { regSlug: 'matrix-registration', regQuestion: questionIds(server, eventId)[0] };
}

export function lines(f) {
    const e = `/events/${f.regSlug}`;
    const manage = (s, get = true) => [get ? 303 : 401, 403, s, 403, s];
    const members = (s, get = true) => [get ? 303 : 401, s, s, s, s];
    return {
        'GET /events/{slug}/register': [`${e}/register`, members(200)],
        'POST /events/{slug}/register': [`${e}/register`, members(422, false)],
        'GET /events/{slug}/registration': [`${e}/registration`, members(200)],
        // Nobody is registered: back to the registration page.
        'POST /events/{slug}/registration/cancel': [`${e}/registration/cancel`, members(303, false)],
        // The join link: organisers of the event and admins; others are not registered.
        'GET /events/{slug}/join': [`${e}/join`, [303, 403, 303, 403, 303]],
        'GET /registrations/cancel': ['/registrations/cancel?token=nope', [404, 404, 404, 404, 404]],
        'POST /registrations/cancel': ['/registrations/cancel', [404, 404, 404, 404, 404], { token: 'nope' }],
        'GET /events/{slug}/registration/settings': [`${e}/registration/settings`, manage(200)],
        'POST /events/{slug}/registration/settings': [`${e}/registration/settings`, manage(422, false),
            { enabled: '1', capacity: 'many' }],
        'POST /events/{slug}/registration/questions': [`${e}/registration/questions`, manage(422, false)],
        'GET /events/{slug}/registration/questions/{id}': [`${e}/registration/questions/${f.regQuestion}`, manage(200)],
        'POST /events/{slug}/registration/questions/{id}': [`${e}/registration/questions/${f.regQuestion}`,
            manage(422, false), { kind: 'nonsense' }],
        // A question that does not exist: nothing is deleted.
        'POST /events/{slug}/registration/questions/{id}/delete': [`${e}/registration/questions/999999/delete`,
            manage(404, false)],
        'POST /events/{slug}/registration/questions/{id}/move': [`${e}/registration/questions/${f.regQuestion}/move`,
            manage(400, false), { direction: 'sideways' }],
        'GET /events/{slug}/registrations': [`${e}/registrations`, manage(200)],
        'POST /events/{slug}/registrations/{id}/status': [`${e}/registrations/999999/status`, manage(400, false),
            { decision: 'maybe' }],
        'GET /events/{slug}/message': [`${e}/message`, manage(200)],
        'POST /events/{slug}/message': [`${e}/message`, manage(422, false)],
        'GET /account/events': ['/account/events', members(200)],
        'POST /account/events/feed': ['/account/events/feed', members(200, false)],
        'GET /calendar/{token}.ics': ['/calendar/not-a-feed.ics', [404, 404, 404, 404, 404]],
    };
}
