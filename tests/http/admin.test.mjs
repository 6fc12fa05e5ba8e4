// The admin pages as admins, members and visitors use them: who may open them, search and
// filters, role changes, disabling (the person's session stops at once) and enabling, sending
// the verification email again, and each action in the audit log under the right filter.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './server.mjs';
import { startWithMail, Client, signIn, linkIn } from './accounts_helper.mjs';

const PASSWORD = 'copper lantern meadow 77';

/* An account made with `dxhub user add`, its password chosen through the printed link. */
async function addUser(server, { email, name, role }) {
    const r = await runCli(['user', 'add', '--email', email, '--name', name, '--role', role, '--data', server.dataDir]);
    if (r.code !== 0) throw new Error(`dxhub user add exited ${r.code}: ${r.stderr}`);
    const token = new URL(r.stdout.trim()).searchParams.get('token');
    const c = new Client(server);
    await c.get(`/password/new?token=${token}`);
    const set = await c.post('/password/new', { token, password: PASSWORD });
    if (![200, 303].includes(set.status)) throw new Error(`setting the password answered ${set.status}`);
}

const json = async (client, path) => {
    const r = await client.get(path, { accept: 'application/json' });
    assert.equal(r.status, 200, `${path}: ${r.body.slice(0, 300)}`);
    return JSON.parse(r.body);
};

/* Runs f(items) over batches of n at a time. */
async function inBatches(items, n, f) {
    for (let i = 0; i < items.length; i += n) await Promise.all(items.slice(i, i + n).map(f));
}

describe('admin', () => {
    let server, mailbox, admin, adminId, memberId;
    const idOf = async (email) => (await json(admin, `/admin/users?q=${encodeURIComponent(email)}`)).users.find((u) => u.email === email).id;
    /* The newest audit entries the filter selects. */
    const audit = async (query) => (await json(admin, `/admin/audit?${new URLSearchParams(query)}`)).entries;

    before(async () => {
        ({ server, mailbox } = await startWithMail({ demo: false }));
        await addUser(server, { email: 'root@example.org', name: 'Rosa Root', role: 'admin' });
        await addUser(server, { email: 'member@example.org', name: 'Alpha Member', role: 'member' });
        admin = await signIn(server, 'root@example.org', PASSWORD);
        adminId = await idOf('root@example.org');
        memberId = await idOf('member@example.org');
    });
    after(async () => {
        await server?.stop();
        mailbox?.stop();
    });

    const gets = () => ['/admin/users', '/admin/users?q=a&role=admin', `/admin/users/${memberId}`, '/admin/audit', '/admin/audit?action=signin'];
    const posts = () => [
        [`/admin/users/${memberId}/role`, { role: 'admin' }],
        [`/admin/users/${memberId}/disable`, { reason: 'x' }],
        [`/admin/users/${memberId}/enable`, {}],
        [`/admin/users/${memberId}/verify-email`, {}],
        [`/admin/users/${adminId}/role`, { role: 'member' }],
    ];

    test('a visitor is sent to sign in (401 for a form post or JSON) on every admin route', async () => {
        const visitor = new Client(server);
        await visitor.get('/');
        for (const path of gets()) {
            const r = await visitor.get(path);
            assert.equal(r.status, 303, path);
            assert.match(r.location, /^\/signin\?next=\/admin\//, path);
            assert.equal((await visitor.get(path, { accept: 'application/json' })).status, 401, `${path} as JSON`);
        }
        for (const [path, fields] of posts()) assert.equal((await visitor.post(path, fields)).status, 401, path);
        assert.equal((await json(admin, `/admin/users/${memberId}`)).user.role, 'member', 'nothing changed');
    });

    test('a member gets 403 on every admin route, even with a valid form token', async () => {
        const member = await signIn(server, 'member@example.org', PASSWORD);
        for (const path of gets()) assert.equal((await member.get(path)).status, 403, path);
        await member.get('/account');
        assert.ok(member.csrf, 'the member has a form token');
        for (const [path, fields] of posts()) assert.equal((await member.post(path, fields)).status, 403, path);
        assert.equal((await json(admin, `/admin/users/${memberId}`)).user.role, 'member', 'nothing changed');
        assert.equal((await member.get('/account')).status, 200, 'the member is still signed in');
    });

    test('the account list: a table with name, email, role, status and date; search and filters', async () => {
        await addUser(server, { email: 'beta@example.net', name: 'Beta Organiser', role: 'organiser' });
        await addUser(server, { email: 'pct@example.org', name: '100% Volunteer', role: 'member' });
        await addUser(server, { email: 'club@example.org', name: 'Club 1000', role: 'member' });
        await addUser(server, { email: 'xu@example.org', name: 'X_y Person', role: 'member' });
        await addUser(server, { email: 'xz@example.org', name: 'Xzy Person', role: 'member' });

        const page = await admin.get('/admin/users');
        assert.equal(page.status, 200);
        assert.match(page.body, /<caption[^>]*>[^<]+<\/caption>/);
        assert.match(page.body, /<th scope="col">/);
        assert.match(page.body, new RegExp(`<a href="/admin/users/${memberId}">Alpha Member</a>`));
        assert.match(page.body, /member@example\.org/);
        assert.match(page.body, /<time datetime="\d{4}-\d\d-\d\dT[\d:]+Z">\d{1,2} \w+ \d{4}<\/time>/, 'created date in the viewer\'s language');

        const names = async (query) => (await json(admin, `/admin/users?${new URLSearchParams(query)}`)).users.map((u) => u.name).sort();
        assert.deepEqual(await names({ q: 'ALPHA' }), ['Alpha Member'], 'case-insensitive');
        assert.deepEqual(await names({ q: 'example.net' }), ['Beta Organiser'], 'by email');
        assert.deepEqual(await names({ q: '100%' }), ['100% Volunteer'], '% is literal');
        assert.deepEqual(await names({ q: 'x_y' }), ['X_y Person'], '_ is literal');
        assert.deepEqual(await names({ q: 'nobody at all' }), []);
        assert.deepEqual(await names({ role: 'organiser' }), ['Beta Organiser']);
        assert.deepEqual(await names({ role: 'admin' }), ['Rosa Root']);
        assert.deepEqual(await names({ q: 'person', role: 'member' }), ['X_y Person', 'Xzy Person']);
        assert.ok((await names({ status: 'active' })).includes('Alpha Member'));
        assert.deepEqual(await names({ status: 'deleted' }), []);

        const none = await admin.get('/admin/users?q=nobody+at+all');
        assert.equal(none.status, 200);
        assert.match(none.body, /class="empty"/);
        const wrong = await admin.get('/admin/users?role=boss&q=keep+me');
        assert.equal(wrong.status, 422, 'a role that does not exist');
        assert.match(wrong.body, /class="field__error"/);
        assert.match(wrong.body, /value="keep me"/, 'the search comes back as typed');
        assert.equal((await admin.get('/admin/users?status=sleeping')).status, 422);
        assert.equal((await admin.get('/admin/users?after=abc')).status, 400);
    });

    test('keyset pages of 50 accounts: every account once, in id order', async () => {
        const emails = Array.from({ length: 55 }, (_, i) => `bulk${String(i).padStart(2, '0')}@example.org`);
        await inBatches(emails, 8, (email) =>
            runCli(['user', 'add', '--email', email, '--name', `Bulk ${email}`, '--role', 'member', '--data', server.dataDir]).then((r) =>
                assert.equal(r.code, 0, r.stderr),
            ),
        );
        const first = await admin.get('/admin/users?q=bulk');
        assert.match(first.body, /rel="next" href="\/admin\/users\?q=bulk&amp;after=\d+"/);
        let url = '/admin/users?q=bulk', seen = [];
        for (let pages = 0; url && pages < 5; pages++) {
            const page = await json(admin, url);
            assert.equal(page.users.length, pages === 0 ? 50 : 5);
            seen.push(...page.users.map((u) => u.id));
            url = page.next_url;
        }
        assert.equal(seen.length, 55);
        assert.deepEqual(seen, [...seen].sort((a, b) => a - b), 'in id order');
        assert.equal(new Set(seen).size, 55, 'no account twice');
        const last = await admin.get(`/admin/users?q=bulk&after=${seen[49]}`);
        assert.doesNotMatch(last.body, /rel="next"/, 'the last page has no next link');
        assert.match(last.body, /href="\/admin\/users\?q=bulk"/, 'but a link to the first');
    });

    test('changing a role: 303 back with a confirmation, and a role_change entry "member → organiser"', async () => {
        await admin.get(`/admin/users/${memberId}`);
        const r = await admin.post(`/admin/users/${memberId}/role`, { role: 'organiser' });
        assert.equal(r.status, 303);
        assert.equal(r.location, `/admin/users/${memberId}?done=role`);
        const page = await admin.get(r.location);
        assert.match(page.body, /class="alert alert--ok"/);
        assert.equal((await json(admin, `/admin/users/${memberId}`)).user.role, 'organiser');

        const [entry] = await audit({ action: 'role_change', subject: memberId });
        assert.equal(entry.detail, 'member → organiser');
        assert.equal(entry.actor.id, adminId);
        assert.equal(entry.actor.label, 'Rosa Root');
        assert.equal(entry.subject.url, `/admin/users/${memberId}`);
        const html = await admin.get(`/admin/audit?action=role_change&subject=${memberId}`);
        assert.match(html.body, /member → organiser/);
        assert.match(html.body, new RegExp(`<a href="/admin/users/${adminId}">Rosa Root</a>`));
        for (const [lang, label, detail] of [['fr', 'Rôle modifié', 'membre → organisateur'], ['es', 'Rol cambiado', 'miembro → organizador']]) {
            const page = await admin.get(`/admin/audit?action=role_change&subject=${memberId}&lang=${lang}`);
            assert.match(page.body, new RegExp(`<th scope="row">${label}</th>[\\s\\S]*?<td>${detail}</td>`), `the entry in ${lang}`);
        }
        await admin.get('/admin/audit?lang=en');

        const same = await admin.post(`/admin/users/${memberId}/role`, { role: 'organiser' });
        assert.equal(same.location, `/admin/users/${memberId}?done=unchanged`, 'the same role changes nothing');
        assert.equal((await audit({ action: 'role_change', subject: memberId })).length, 1, 'and records nothing');
        const bad = await admin.post(`/admin/users/${memberId}/role`, { role: 'emperor' });
        assert.equal(bad.status, 422);
        assert.equal((await admin.post('/admin/users/999999/role', { role: 'member' })).status, 404);
    });

    test('disabling ends the person\'s session at once; enabling lets them back; both in the audit log', async () => {
        const member = await signIn(server, 'member@example.org', PASSWORD);
        assert.equal((await member.get('/account')).status, 200);

        await admin.get(`/admin/users/${memberId}`);
        const off = await admin.post(`/admin/users/${memberId}/disable`, { reason: 'posting spam' });
        assert.equal(off.status, 303);
        assert.equal(off.location, `/admin/users/${memberId}?done=disable`);
        const gone = await member.get('/account');
        assert.equal(gone.status, 303, 'the session no longer works');
        assert.match(gone.location, /^\/signin/);
        await assert.rejects(signIn(server, 'member@example.org', PASSWORD), 'a disabled account cannot sign in');
        const view = await json(admin, `/admin/users/${memberId}`);
        assert.equal(view.user.status, 'disabled');
        assert.ok(view.user.disabled.iso);
        assert.deepEqual((await json(admin, '/admin/users?status=disabled')).users.map((u) => u.id), [memberId]);
        const [disabled] = await audit({ action: 'account_disable', subject: memberId });
        assert.equal(disabled.detail, 'posting spam');
        assert.equal(disabled.actor.id, adminId);

        const on = await admin.post(`/admin/users/${memberId}/enable`, { reason: 'appeal accepted' });
        assert.equal(on.status, 303);
        assert.equal(on.location, `/admin/users/${memberId}?done=enable`);
        assert.equal((await json(admin, `/admin/users/${memberId}`)).user.status, 'active');
        const back = await signIn(server, 'member@example.org', PASSWORD);
        assert.equal((await back.get('/account')).status, 200);
        const [enabled] = await audit({ action: 'account_enable', subject: memberId });
        assert.equal(enabled.detail, 'appeal accepted');

        const recent = await json(admin, `/admin/users/${memberId}`);
        const actions = recent.audit.map((e) => e.action);
        assert.ok(actions.indexOf('account_enable') < actions.indexOf('account_disable'), 'the account page lists its entries, newest first');
    });

    test('an admin cannot demote or disable themselves', async () => {
        const own = await admin.get(`/admin/users/${adminId}`);
        assert.equal(own.status, 200);
        assert.doesNotMatch(own.body, new RegExp(`action="/admin/users/${adminId}/(role|disable)"`), 'no such forms on one\'s own page');
        const demote = await admin.post(`/admin/users/${adminId}/role`, { role: 'member' });
        assert.equal(demote.status, 422);
        assert.match(demote.body, /You cannot remove your own admin role/);
        const disable = await admin.post(`/admin/users/${adminId}/disable`, {});
        assert.equal(disable.status, 422);
        assert.match(disable.body, /You cannot disable your own account/);
        const me = await json(admin, `/admin/users/${adminId}`);
        assert.deepEqual([me.user.role, me.user.status], ['admin', 'active']);
        assert.deepEqual(await audit({ action: 'role_change', subject: adminId }), []);
    });

    test('a post with a wrong form token: 403 and the account page again, nothing changed', async () => {
        const r = await admin.post(`/admin/users/${memberId}/role`, { role: 'moderator', csrf: 'not-the-token' });
        assert.equal(r.status, 403);
        assert.match(r.body, /<h1>Alpha Member<\/h1>/);
        assert.match(r.body, /class="alert alert--error"/);
        assert.match(r.body, /<option value="moderator" selected>/, 'the choice comes back');
        assert.equal((await json(admin, `/admin/users/${memberId}`)).user.role, 'organiser');
    });

    test('sending the verification email again, only while the address is unverified', async () => {
        const person = new Client(server);
        await person.get('/signup');
        const signup = await person.post('/signup', { name: 'Una Verified', email: 'una@example.org', password: PASSWORD, lang: 'en', tz: 'UTC' });
        assert.equal(signup.status, 200);
        const firstMail = await mailbox.waitFor('una@example.org', (m) => /\/verify\?token=/.test(m.text || ''));
        const id = await idOf('una@example.org');
        assert.ok((await json(admin, '/admin/users?status=unverified')).users.some((u) => u.id === id));

        const page = await admin.get(`/admin/users/${id}`);
        assert.match(page.body, new RegExp(`action="/admin/users/${id}/verify-email"`));
        const r = await admin.post(`/admin/users/${id}/verify-email`, {});
        assert.equal(r.status, 303);
        assert.equal(r.location, `/admin/users/${id}?done=verify`);
        const mail = await mailbox.waitFor('una@example.org', (m) => /\/verify\?token=/.test(m.text || '') && m.text !== firstMail.text);
        const link = linkIn(mail.text, '/verify');
        assert.equal((await person.get(link.pathname + link.search)).status, 200, 'the new link verifies the address');
        assert.equal((await json(admin, `/admin/users/${id}`)).user.status, 'active');
        const [entry] = await audit({ action: 'verification_resent', subject: id });
        assert.equal(entry.actor.id, adminId);

        const again = await admin.post(`/admin/users/${id}/verify-email`, {});
        assert.equal(again.status, 422, 'a verified address needs no email');
    });

    test('the audit log: newest first, filters by action, account and dates, keyset pages', async () => {
        assert.ok((await audit({ action: 'signin', actor: adminId })).length > 0, 'sign-ins are there');
        const wrong = new Client(server);
        await wrong.get('/signin');
        assert.notEqual((await wrong.post('/signin', { email: 'member@example.org', password: 'not the password' })).status, 303);
        const [failed] = await audit({ action: 'signin_failed', subject: memberId });
        assert.equal(failed.actor, null, 'a failed sign-in has no actor');
        assert.equal(failed.subject.label, 'Alpha Member');

        const all = await audit({});
        assert.ok(all.length > 5);
        const ids = all.map((e) => e.id);
        assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');

        const byAdmin = await audit({ actor: adminId });
        assert.ok(byAdmin.length > 0 && byAdmin.every((e) => e.actor?.id === adminId));
        const signins = await audit({ action: 'signin' });
        assert.ok(signins.length > 0 && signins.every((e) => e.action === 'signin'));
        assert.ok(signins.every((e) => e.action_label === 'Signed in'), 'actions have labels');

        const day = (offset) => new Date(Date.now() + offset * 86400e3).toISOString().slice(0, 10);
        assert.deepEqual((await audit({ from: day(0), to: day(0) })).map((e) => e.id), ids, 'today, in the admin\'s zone (UTC)');
        assert.deepEqual(await audit({ from: day(1) }), []);
        assert.deepEqual(await audit({ to: day(-1) }), []);

        const before = all[2].id;
        const older = await audit({ before });
        assert.ok(older.length > 0 && older.every((e) => e.id < before));

        const html = await admin.get('/admin/audit?action=account_disable');
        assert.equal(html.status, 200);
        assert.match(html.body, /<caption[^>]*>[^<]+<\/caption>/);
        assert.match(html.body, /<option value="account_disable" selected>/);
        assert.match(html.body, /posting spam/);

        for (const [query, field] of [
            [{ from: '31/12/2024' }, 'from'],
            [{ to: '2024-02-30' }, 'to'],
            [{ actor: 'root' }, 'actor'],
            [{ action: 'DROP TABLE' }, 'action'],
            [{ from: day(0), to: day(-3) }, 'to'],
        ]) {
            const r = await admin.get(`/admin/audit?${new URLSearchParams(query)}`);
            assert.equal(r.status, 422, JSON.stringify(query));
            assert.match(r.body, new RegExp(`id="${field}-error"`), JSON.stringify(query));
        }
        assert.equal((await admin.get('/admin/audit?before=x')).status, 400);
    });

    test('unknown accounts are 404', async () => {
        for (const path of ['/admin/users/999999', '/admin/users/abc', '/admin/users/0', '/admin/users/-1'])
            assert.equal((await admin.get(path)).status, 404, path);
    });
});
