// What tests share to set events up through the organiser screens, as an organiser would: create an
// event (a draft), publish it, add sessions with guiding questions, speakers and partners. Each
// helper takes a signed-in Client (accounts_helper.mjs) and throws when the hub refuses.
import assert from 'node:assert/strict';

/** The fields of a valid event form; override any of them. */
export function eventFields(over = {}) {
    return {
        default_lang: 'en', title_en: 'Test exchange', summary_en: '', description_en: '',
        title_fr: '', summary_fr: '', description_fr: '', title_es: '', summary_es: '', description_es: '',
        series: '', kind: 'virtual_exchange', format: 'online', place: '', languages: 'en', tz: 'Europe/Brussels',
        time_precision: 'minute', start_date: '2030-05-14', start_time: '14:00', end_date: '2030-05-14',
        end_time: '16:00', meeting_url: '', action: 'save', ...over,
    };
}

/** Creates a draft event and returns its slug. */
export async function createEvent(client, over = {}) {
    await client.get('/events/new');
    const r = await client.post('/events/new', eventFields(over));
    assert.equal(r.status, 303, `creating the event: ${r.status} ${r.body.slice(0, 300)}`);
    return r.location.split('/')[2];
}

/** Changes the event's status (published, cancelled, finished, draft), going past the steps an
 * organiser clicks through: a cancellation confirmed (registrants not emailed unless
 * extra.notify is '1'), and "Publish anyway" on the checklist. */
export async function setStatus(client, slug, to, extra = {}) {
    await client.get(`/events/${slug}/manage`);
    const r = await client.post(`/events/${slug}/status`, { to, confirm: '1', anyway: '1', ...extra });
    assert.equal(r.status, 303, `status ${to}: ${r.status} ${r.body.slice(0, 300)}`);
}

/** Adds a session (fields of the session form) and returns its id. */
export async function addSession(client, slug, over = {}) {
    await client.get(`/events/${slug}/sessions/new`);
    const r = await client.post(`/events/${slug}/sessions/new`, {
        title_en: 'A session', description_en: '', questions_en: '', title_fr: '', description_fr: '', questions_fr: '',
        title_es: '', description_es: '', questions_es: '', start_date: '', start_time: '', end_date: '', end_time: '',
        action: 'save', ...over,
    });
    assert.equal(r.status, 303, `adding the session: ${r.status} ${r.body.slice(0, 300)}`);
    return Number(/\/sessions\/(\d+)\/edit/.exec(r.location)[1]);
}

/** Adds a speaker or moderator to a session. */
export async function addPerson(client, slug, sessionId, over = {}) {
    await client.get(`/events/${slug}/sessions/${sessionId}/edit`);
    const r = await client.post(`/events/${slug}/sessions/${sessionId}/people`, {
        role: 'speaker', name: 'A speaker', affiliation: '', email: '', bio_en: '', bio_fr: '', bio_es: '', ...over,
    });
    assert.equal(r.status, 303, `adding the person: ${r.status} ${r.body.slice(0, 300)}`);
}

/** Adds a partner to the event. */
export async function addPartner(client, slug, over = {}) {
    await client.get(`/events/${slug}/manage`);
    const r = await client.post(`/events/${slug}/partners`, { name: 'A partner', url: '', ...over });
    assert.equal(r.status, 303, `adding the partner: ${r.status} ${r.body.slice(0, 300)}`);
}

/** The dashboard's JSON twin. */
export async function dashboard(client, slug) {
    const r = await client.get(`/api/v1/events/${slug}/manage`);
    assert.equal(r.status, 200, `dashboard: ${r.status}`);
    return JSON.parse(r.body);
}
