// The authorization matrix: every route of the route table (`dxhub routes`), requested by a
// visitor, a member, an organiser, a moderator and an admin, must answer the status written here.
// A route added without a line here fails the first test.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './server.mjs';
import { startWithMail, Client, makeUser, signIn } from './accounts_helper.mjs';
import * as organise from './authz/organise.mjs';
import * as registration from './authz/registration.mjs';
import * as records from './authz/records.mjs';
import * as liveRooms from './authz/live_rooms.mjs';
import * as liveStream from './authz/live_stream.mjs';

// Each area keeps its lines and fixtures in its own module under authz/.
const AREAS = [organise, registration, records, liveRooms, liveStream];

const ROLES = ['visitor', 'member', 'organiser', 'moderator', 'admin'];
const PASSWORD = 'violet harbour tractor 42';

// Expected statuses, in the order of ROLES. Shorthands for the common shapes:
const open = (s = 200) => [s, s, s, s, s];                  // anyone
const members = (s = 200) => [s === 200 ? 303 : 401, s, s, s, s]; // visitors sent to sign in (GET) or 401 (POST)
const admins = (s = 200, get = true) => [get ? 303 : 401, 403, 403, 403, s];

// key: "METHOD pattern" → [concrete path (with fixtures), expected statuses, form fields]
const MATRIX = (f) => Object.assign(CORE(f), ...AREAS.map((a) => a.lines(f)));
const CORE = (f) => ({
    'GET /': ['/', open()],
    'GET /events': ['/events', open()],
    'GET /events/{slug}.ics': ['/events/2020-covid-19-response-en.ics', open()],
    // The demo's sessions belong to an edition known only to the year: no calendar entry.
    'GET /events/{slug}/sessions/{id}.ics': ['/events/2024-powerful-transnational-partnerships/sessions/1.ics', open(404)],
    'GET /events/{slug}': ['/events/2024-powerful-transnational-partnerships', open()],
    'GET /series/{slug}.ics': ['/series/global-diaspora-virtual-exchanges.ics', open()],
    'GET /series/{slug}': ['/series/global-diaspora-virtual-exchanges', open()],
    'GET /signup': ['/signup', open()],
    'POST /signup': ['/signup', open(422)],
    'GET /verify': ['/verify', open(400)],
    'GET /signin': ['/signin', open()],
    'POST /signin': ['/signin', open(422)],
    'POST /signout': ['/signout', members(303), {}, { fresh: true }],
    'GET /password/reset': ['/password/reset', open()],
    'POST /password/reset': ['/password/reset', open(422)],
    'GET /password/new': ['/password/new', open(400)],
    'POST /password/new': ['/password/new', open(400)],
    'GET /account': ['/account', members()],
    'POST /account/password': ['/account/password', members(422)],
    'POST /account/signout-everywhere': ['/account/signout-everywhere', members(303)],
    'GET /account/profile': ['/account/profile', members()],
    'POST /account/profile': ['/account/profile', members(422), { visibility: 'nonsense' }],
    'GET /account/export': ['/account/export', members()],
    'GET /account/delete': ['/account/delete', members()],
    'POST /account/delete': ['/account/delete', members(422)],
    'GET /people': ['/people', open()],
    'GET /people/{id}': [`/people/${f.targetId}`, open(404)],
    'GET /orgs': ['/orgs', open()],
    'GET /orgs/new': ['/orgs/new', members()],
    'POST /orgs/new': ['/orgs/new', members(422)],
    'GET /orgs/join': ['/orgs/join', [303, 404, 404, 404, 404]],
    'POST /orgs/join': ['/orgs/join', [401, 404, 404, 404, 404]],
    'GET /orgs/{slug}': [`/orgs/${f.org}`, open()],
    // The member owns the organisation; an admin may manage any.
    'GET /orgs/{slug}/edit': [`/orgs/${f.org}/edit`, [303, 200, 403, 403, 200]],
    'POST /orgs/{slug}/edit': [`/orgs/${f.org}/edit`, [401, 422, 403, 403, 422]],
    'POST /orgs/{slug}/invite': [`/orgs/${f.org}/invite`, [401, 422, 403, 403, 422]],
    'POST /orgs/{slug}/members/{user_id}/remove': [`/orgs/${f.org}/members/${f.targetId}/remove`, [401, 404, 403, 403, 404]],
    'POST /orgs/{slug}/members/{user_id}/role': [`/orgs/${f.org}/members/${f.targetId}/role`, [401, 400, 403, 403, 400]],
    'GET /admin/users': ['/admin/users', admins()],
    'GET /admin/users/{id}': [`/admin/users/${f.targetId}`, admins()],
    'POST /admin/users/{id}/role': [`/admin/users/${f.targetId}/role`, admins(422, false)],
    'POST /admin/users/{id}/disable': [`/admin/users/${f.targetId}/disable`, admins(303, false)],
    'POST /admin/users/{id}/enable': [`/admin/users/${f.targetId}/enable`, admins(303, false)],
    // The target's address is verified already (made by an operator): nothing to resend.
    'POST /admin/users/{id}/verify-email': [`/admin/users/${f.targetId}/verify-email`, admins(422, false)],
    'GET /admin/audit': ['/admin/audit', admins()],
    'GET /admin/outbox': ['/admin/outbox', admins()],
    'GET /about': ['/about', open()],
    'GET /timezone': ['/timezone', open()],
    'POST /timezone': ['/timezone', open(422)],
    'GET /static/{file}': [f.css, open()],
    'GET /healthz': ['/healthz', open()],
    'GET /metrics': ['/metrics', open()],
});

describe('authorization matrix', () => {
    let server, mailbox, clients, fixtures, routes;
    before(async () => {
        ({ server, mailbox } = await startWithMail());
        routes = (await runCli(['routes'])).stdout.trim().split('\n').map((l) => JSON.parse(l));
        clients = { visitor: new Client(server) };
        for (const role of ['member', 'organiser', 'moderator'])
            clients[role] = (await makeUser(server, { email: `${role}@example.org`, name: `A ${role}`, role, password: PASSWORD })).client;
        clients.admin = await signIn(server, 'admin@example.org', 'demo-admin-password-2024');
        const target = await makeUser(server, { email: 'target@example.org', name: 'Target', password: PASSWORD });
        await clients.member.get('/orgs/new');
        const made = await clients.member.post('/orgs/new', { name: 'Matrix Diaspora Network', type: 'diaspora_organisation' });
        assert.equal(made.status, 303, `creating the organisation: ${made.status}`);
        const css = /href="(\/static\/app\.[0-9a-f]+\.css)"/.exec((await clients.visitor.get('/')).body)[1];
        fixtures = { targetId: target.id, org: made.location.split('/')[2].split('?')[0], css };
        for (const area of AREAS)
            Object.assign(fixtures, await area.fixtures({ server, clients, password: PASSWORD, fixtures }));
    });
    after(async () => {
        await server?.stop();
        mailbox?.stop();
    });

    test('every route of the table has a line in the matrix, and every line a route', () => {
        const matrix = MATRIX(fixtures);
        const keys = routes.map((r) => `${r.method} ${r.pattern}`);
        assert.deepEqual(keys.filter((k) => !(k in matrix)), [], 'routes without a matrix line');
        assert.deepEqual(Object.keys(matrix).filter((k) => !keys.includes(k)), [], 'matrix lines without a route');
    });

    test('every state-changing route refuses a missing or forged CSRF token with 403, even for an admin', async () => {
        const matrix = MATRIX(fixtures);
        const wrong = [];
        for (const r of routes.filter((r) => r.method !== 'GET')) {
            const [path] = matrix[`${r.method} ${r.pattern}`];
            for (const csrf of ['', 'forged-token-0000000000000000000000000000000']) {
                const res = await clients.admin.post(path, { csrf });
                if (res.status !== 403) wrong.push(`${r.method} ${path} with csrf "${csrf}": ${res.status}`);
            }
        }
        assert.deepEqual(wrong, []);
        assert.equal((await clients.admin.get('/account')).status, 200, 'the admin is still signed in');
    });

    for (const [i, role] of ROLES.entries()) {
        test(`as ${role === 'admin' ? 'an' : 'a'} ${role}, every route answers as the matrix says`, async () => {
            const wrong = [];
            for (const [key, [path, expected, fields = {}, opts = {}]] of Object.entries(MATRIX(fixtures))) {
                const method = key.split(' ')[0];
                let c = clients[role];
                if (opts.fresh && role !== 'visitor')
                    c = role === 'admin' ? await signIn(server, 'admin@example.org', 'demo-admin-password-2024')
                        : await signIn(server, `${role}@example.org`, PASSWORD);
                if (method === 'POST') await c.get('/signin'); // a page with a fresh CSRF token
                const r = method === 'GET' ? await c.get(path) : await c.post(path, fields);
                if (r.status !== expected[i]) wrong.push(`${key} (${path}): ${r.status}, expected ${expected[i]}`);
            }
            assert.deepEqual(wrong, []);
        });
    }
});
