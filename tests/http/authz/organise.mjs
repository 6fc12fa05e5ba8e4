// Authorization matrix lines of the area "organise" (see ../authz.test.mjs): lines(f) returns
// { "METHOD pattern": [path, statuses for visitor/member/organiser/moderator/admin, form fields, opts] },
// fixtures(ctx) creates what the paths need and returns it (merged into f).
// ctx: { server, clients: {visitor, member, organiser, moderator, admin}, password, fixtures }.
//
// The organiser creates and publishes an event with a session, a partner and a speaker; the member
// and the moderator do not organise it (403; a draft would be 404 for them, tested in
// ../organise.test.mjs). Posts carry mistakes (422), a missing direction (400) or unknown ids
// (404), so that no role's requests change what the next role finds.
import { createEvent, setStatus, addSession, addPartner, addPerson, dashboard } from '../organise_helper.mjs';

export async function fixtures({ clients }) {
    const org = clients.organiser;
    const slug = await createEvent(org, { title_en: 'Matrix exchange' });
    await setStatus(org, slug, 'published');
    const session = await addSession(org, slug, { title_en: 'Matrix session', questions_en: 'Why?' });
    await addPartner(org, slug, { name: 'Matrix partner' });
    await addPerson(org, slug, session, { name: 'Matrix speaker' });
    await org.get('/series/new');
    const series = await org.post('/series/new', { slug: 'matrix-series', default_lang: 'en', title_en: 'Matrix series' });
    if (series.status !== 303) throw new Error(`creating the series: ${series.status}`);
    const d = await dashboard(org, slug);
    const people = JSON.parse((await org.get(`/api/v1/events/${slug}/sessions/${session}/edit`)).body).people;
    return {
        orgEvent: slug, orgSession: session, orgPartner: d.partners[0].id, orgPerson: people[0].id,
        orgOrganiser: d.organisers[0].id,
    };
}

const members = (s = 200) => [s === 200 ? 303 : 401, s, s, s, s];
const organisers = (s = 200, get = true) => [get ? 303 : 401, 403, s, s, s];
// Only the event's organiser and admins; other members are refused.
const managers = (s = 200, get = true) => [get ? 303 : 401, 403, s, 403, s];

export function lines(f) {
    const e = `/events/${f.orgEvent}`, s = `${e}/sessions/${f.orgSession}`;
    return {
        'GET /organise': ['/organise', members()],
        'GET /events/new': ['/events/new', organisers()],
        'POST /events/new': ['/events/new', organisers(422, false), { title_en: '' }],
        'GET /events/{slug}/manage': [`${e}/manage`, managers()],
        'GET /events/{slug}/edit': [`${e}/edit`, managers()],
        'POST /events/{slug}/edit': [`${e}/edit`, managers(422, false), { title_en: '' }],
        'POST /events/{slug}/status': [`${e}/status`, managers(422, false), { to: 'nonsense' }],
        'GET /events/{slug}/sessions/new': [`${e}/sessions/new`, managers()],
        'POST /events/{slug}/sessions/new': [`${e}/sessions/new`, managers(422, false), { title_en: '' }],
        'GET /events/{slug}/sessions/{id}/edit': [`${s}/edit`, managers()],
        'POST /events/{slug}/sessions/{id}/edit': [`${s}/edit`, managers(422, false), { title_en: '' }],
        'POST /events/{slug}/sessions/{id}/delete': [`${s}/delete`, managers(422, false), {}],
        'POST /events/{slug}/sessions/{id}/move': [`${s}/move`, managers(400, false), {}],
        'POST /events/{slug}/sessions/{id}/people': [`${s}/people`, managers(422, false), { name: '' }],
        'POST /events/{slug}/sessions/{id}/people/{person_id}/remove': [`${s}/people/999999/remove`, managers(404, false)],
        'POST /events/{slug}/sessions/{id}/people/{person_id}/move': [`${s}/people/${f.orgPerson}/move`, managers(400, false)],
        'POST /events/{slug}/partners': [`${e}/partners`, managers(422, false), { name: '' }],
        'POST /events/{slug}/partners/{id}/remove': [`${e}/partners/999999/remove`, managers(404, false)],
        'POST /events/{slug}/partners/{id}/move': [`${e}/partners/${f.orgPartner}/move`, managers(400, false)],
        'POST /events/{slug}/organisers': [`${e}/organisers`, managers(422, false), { email: 'nobody' }],
        // The organiser is the event's only one: never removed.
        'POST /events/{slug}/organisers/{user_id}/remove': [`${e}/organisers/${f.orgOrganiser}/remove`, managers(422, false)],
        'GET /series/new': ['/series/new', organisers()],
        'POST /series/new': ['/series/new', organisers(422, false), { slug: 'Not A Slug' }],
        // A series is edited by its organisers (the organiser made this one) and admins; the demo
        // series belongs to the organisers of its events (the demo admin): 403 for everyone else.
        'GET /series/{slug}/edit': ['/series/matrix-series/edit', managers()],
        'POST /series/{slug}/edit': ['/series/matrix-series/edit', managers(422, false), { slug: '' }],
    };
}
