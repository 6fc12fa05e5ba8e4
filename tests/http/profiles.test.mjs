// Member profiles as people use them: consent-first visibility for each audience (the owner,
// another member, a visitor) in HTML and JSON, country and language names from ICU in the
// viewer's language, the directory of those who chose to be listed, the account export, and
// account deletion.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWithMail, Client, signUpAndSignIn, signIn } from './accounts_helper.mjs';
import { pageText, runCli } from './server.mjs';
import { postPairs, saveProfile } from './profiles_helper.mjs';

const PASSWORD = 'violet harbour tractor 42';

const json = (r) => JSON.parse(r.body);

/* An administrator made on the command line, signed in. */
async function makeAdmin(server) {
    const r = await runCli(['user', 'add', '--email', 'root@example.org', '--name', 'Root Admin', '--role', 'admin', '--data', server.dataDir]);
    assert.equal(r.code, 0, r.stderr);
    const token = new URL(r.stdout.trim()).searchParams.get('token');
    const c = new Client(server);
    await c.get(`/password/new?token=${token}`);
    await c.post('/password/new', { token, password: PASSWORD });
    return signIn(server, 'root@example.org', PASSWORD);
}
const JSON_ACCEPT = { accept: 'application/json' };

describe('profiles', () => {
    let server, mailbox, alice, bob, visitor, aliceId;
    before(async () => {
        ({ server, mailbox } = await startWithMail());
        alice = await signUpAndSignIn(server, mailbox, { name: 'Alice Mensah', email: 'alice@example.org', password: PASSWORD });
        bob = await signUpAndSignIn(server, mailbox, { name: 'Bob Okafor', email: 'bob@example.org', password: PASSWORD });
        visitor = new Client(server);
    });
    after(async () => {
        await server?.stop();
        mailbox?.stop();
    });

    test('a new profile starts private, with the account name, and its form ties every label to its input', async () => {
        const r = await alice.get('/account/profile');
        assert.equal(r.status, 200);
        assert.match(r.body, /<input type="radio" id="visibility-private" name="visibility" value="private" checked/);
        assert.doesNotMatch(r.body, /id="in_directory"[^>]*checked/);
        assert.match(r.body, /id="display_name" name="display_name" type="text" value="Alice Mensah"/);
        for (const id of ['display_name', 'stakeholder_group', 'origin', 'residence', 'expertise', 'bio', 'in_directory', 'visibility-public', 'lang-wo'])
            assert.match(r.body, new RegExp(`<label for="${id}">`), `label for ${id}`);
        const id = Number(/href="\/people\/(\d+)"/.exec(r.body)[1]);
        const mine = await alice.get(`/people/${id}`);
        assert.equal(mine.status, 303, 'the owner without a profile is sent to the form');
        assert.equal(mine.location, '/account/profile');
        assert.equal((await bob.get(`/people/${id}`)).status, 404);
        assert.equal((await visitor.get(`/people/${id}`)).status, 404);
    });

    test('visibility decides who sees a profile: owner, other member and visitor, in HTML and JSON', async () => {
        const expect = {
            private: { owner: 200, member: 404, visitor: 404 },
            members: { owner: 200, member: 200, visitor: 404 },
            public: { owner: 200, member: 200, visitor: 200 },
        };
        const missing = await visitor.get('/people/999999');
        assert.equal(missing.status, 404);
        for (const [visibility, who] of Object.entries(expect)) {
            aliceId = await saveProfile(alice, { display_name: 'Alice M.', visibility, bio: 'Hello' });
            for (const [audience, client] of [['owner', alice], ['member', bob], ['visitor', visitor]]) {
                const html = await client.get(`/people/${aliceId}`);
                assert.equal(html.status, who[audience], `${visibility} profile, ${audience}, HTML`);
                const api = await client.get(`/api/v1/people/${aliceId}`);
                assert.equal(api.status, who[audience], `${visibility} profile, ${audience}, /api/v1`);
                const twin = await client.get(`/people/${aliceId}`, JSON_ACCEPT);
                assert.equal(twin.status, who[audience], `${visibility} profile, ${audience}, Accept: JSON`);
                if (who[audience] === 200) {
                    assert.equal(json(api).profile.display_name, 'Alice M.');
                    assert.match(html.body, /<h1>Alice M\.<\/h1>/);
                } else {
                    // Exactly what a profile that does not exist looks like: no hint that it does.
                    assert.doesNotMatch(html.body + api.body, /Alice/);
                    assert.deepEqual(json(api).error.title, json(await client.get('/api/v1/people/999999')).error.title);
                    assert.equal(pageText(html.body).replace(/[0-9a-f]{16}/g, ''),
                        pageText((await client.get('/people/999999')).body).replace(/[0-9a-f]{16}/g, ''));
                }
            }
            const own = json(await alice.get(`/api/v1/people/${aliceId}`));
            assert.equal(own.mine, true);
            assert.equal(own.profile.visibility, visibility);
        }
    });

    test('countries and languages are named by ICU in the viewer\'s language; tags are a set; Markdown is made safe', async () => {
        const id = await saveProfile(alice, {
            display_name: 'Alice Mensah',
            visibility: 'public',
            stakeholder_group: 'diaspora_member',
            origin: ['SN', 'GH'],
            residence: ['BE', 'FR'],
            languages: ['wo', 'fr', 'en'],
            expertise: ' Remittances ,  diaspora   BONDS,remittances, Éducation ,',
            bio: '**Bold** words <script>alert(1)</script> and [a link](javascript:alert(1)) and [ok](https://example.org)',
        });
        const names = async (lang) => {
            const r = json(await visitor.get(`/api/v1/people/${id}?lang=${lang}`));
            return {
                origin: r.profile.origin.map((c) => c.name),
                residence: r.profile.residence.map((c) => c.name),
                languages: r.profile.languages.map((c) => c.name),
                profile: r.profile,
            };
        };
        const en = await names('en'), fr = await names('fr'), es = await names('es');
        assert.deepEqual(en.origin, ['Ghana', 'Senegal']);
        assert.deepEqual(fr.origin, ['Ghana', 'Sénégal']);
        assert.deepEqual(fr.residence, ['Belgique', 'France']);
        assert.deepEqual(es.residence, ['Bélgica', 'Francia']);
        assert.deepEqual(en.languages, ['English', 'French', 'Wolof']);
        assert.deepEqual(fr.languages, ['Anglais', 'Français', 'Wolof']);
        assert.deepEqual(es.languages, ['Francés', 'Inglés', 'Wólof']);
        assert.deepEqual(en.profile.expertise, ['remittances', 'diaspora bonds', 'éducation']);
        assert.equal(en.profile.group_label, 'Diaspora member');
        const html = en.profile.bio_html;
        assert.match(html, /<strong>Bold<\/strong>/);
        assert.doesNotMatch(html, /<script|javascript:/i);
        assert.match(html, /href="https:\/\/example.org"/);

        const page = await visitor.get(`/people/${id}?lang=fr`);
        assert.equal(page.status, 200);
        assert.match(page.body, /<html lang="fr"/);
        assert.match(pageText(page.body), /Sénégal/);
        assert.match(page.body, /href="\/people\?tag=diaspora%20bonds"/, 'each tag links to the directory filtered by it');
        assert.doesNotMatch(page.body, /<script>alert/);
        // The form shows what was saved, in the language of the page.
        const form = await alice.get('/account/profile?lang=fr');
        assert.match(form.body, /<option value="SN" selected>Sénégal<\/option>/);
        assert.match(form.body, /value="remittances, diaspora bonds, éducation"/);
        assert.match(form.body, /id="lang-wo" name="languages" value="wo" checked/);
    });

    test('country pickers are sorted with the collation of the viewer\'s language, not by bytes', async () => {
        for (const [lang, first, second, last] of [
            ['fr', 'Égypte', 'Espagne', 'Zimbabwe'],
            ['es', 'Egipto', 'El Salvador', 'Zimbabue'],
            ['en', 'Åland Islands', 'Albania', 'Zimbabwe'],
        ]) {
            const r = await alice.get(`/account/profile?lang=${lang}`);
            const select = /<select id="origin"[\s\S]*?<\/select>/.exec(r.body)[0];
            const order = [...select.matchAll(/<option value="[A-Z]{2}"[^>]*>([^<]+)<\/option>/g)].map((m) => m[1]);
            assert.ok(order.length > 240, `${lang}: every country (${order.length})`);
            const at = (name) => {
                const i = order.indexOf(name);
                assert.ok(i >= 0, `${lang}: ${name} in the list`);
                return i;
            };
            assert.ok(at(first) < at(second), `${lang}: ${first} before ${second}`);
            assert.ok(at(second) < at(last), `${lang}: ${second} before ${last}`);
            assert.equal(order[order.length - 1], last, `${lang}: ${last} is last`);
        }
    });

    test('a wrong form comes back filled in, with each reason beside its field', async () => {
        await alice.get('/account/profile');
        const r = await postPairs(alice, '/account/profile', [
            ['display_name', '   '],
            ['visibility', 'friends'],
            ['origin', 'XX'],
            ['origin', 'SN'],
            ['stakeholder_group', 'astronauts'],
            ['expertise', 'a'.repeat(41) + ', policy'],
            ['bio', 'Keep this text'],
        ]);
        assert.equal(r.status, 422);
        for (const field of ['display_name', 'visibility', 'origin', 'stakeholder_group', 'expertise']) {
            assert.match(r.body, new RegExp(`class="field__error" id="${field}-error"`), `${field} error`);
            assert.match(r.body, new RegExp(`aria-describedby="[^"]*${field}-error`), `${field} error is described`);
        }
        assert.match(r.body, /Keep this text<\/textarea>/);
        assert.match(r.body, /<option value="SN" selected>/, 'the valid choice is kept');
        assert.match(r.body, /role="alert"/);
        // Nothing was saved.
        const saved = json(await alice.get('/account/profile', JSON_ACCEPT));
        assert.equal(saved.form.display_name, 'Alice Mensah');
    });

    test('a form sent without its token is refused and comes back as typed', async () => {
        await alice.get('/account/profile');
        const r = await postPairs(alice, '/account/profile', [['display_name', 'Typed Name'], ['visibility', 'public'], ['origin', 'KE']],
            { csrf: 'not-the-token' });
        assert.equal(r.status, 403);
        assert.match(r.body, /value="Typed Name"/);
        assert.match(r.body, /<option value="KE" selected>/);
        assert.match(r.body, /role="alert"/);
        const saved = json(await alice.get('/account/profile', JSON_ACCEPT));
        assert.equal(saved.form.display_name, 'Alice Mensah');
    });

    test('a visitor is sent to sign in before editing a profile', async () => {
        const r = await visitor.get('/account/profile');
        assert.equal(r.status, 303);
        assert.match(r.location, /^\/signin\?next=\/account\/profile/);
        const p = await postPairs(visitor, '/account/profile', [['display_name', 'X']]);
        assert.ok(p.status === 401 || p.status === 403, `a visitor's post is refused (${p.status})`);
    });

    describe('the directory', () => {
        const people = {};
        before(async () => {
            const make = async (key, name, profile) => {
                const c = await signUpAndSignIn(server, mailbox, { name, email: `${key}@example.org`, password: PASSWORD });
                people[key] = { client: c, id: await saveProfile(c, { display_name: name, ...profile }) };
            };
            await make('carol', 'Carol Public Listed', { visibility: 'public', in_directory: '1', stakeholder_group: 'ngo', residence: ['KE'] });
            await make('dave', 'Dave Members Listed', { visibility: 'members', in_directory: '1', stakeholder_group: 'academia', origin: ['KE'], expertise: 'migration data' });
            await make('erin', 'Erin Public Unlisted', { visibility: 'public', stakeholder_group: 'ngo', residence: ['KE'] });
            await make('frank', 'Frank Private Ticked', { visibility: 'private', in_directory: '1', stakeholder_group: 'ngo', residence: ['KE'] });
        });

        const listed = async (client, query = '') => {
            const r = await client.get(`/api/v1/people${query}`);
            assert.equal(r.status, 200, `/people${query}`);
            return json(r).people.map((p) => p.display_name);
        };

        test('lists only consenting profiles the viewer may see', async () => {
            const forVisitor = await listed(visitor);
            assert.ok(forVisitor.includes('Carol Public Listed'));
            for (const hidden of ['Dave Members Listed', 'Erin Public Unlisted', 'Frank Private Ticked'])
                assert.ok(!forVisitor.includes(hidden), `a visitor does not see ${hidden}`);
            const forMember = await listed(bob);
            assert.ok(forMember.includes('Carol Public Listed'));
            assert.ok(forMember.includes('Dave Members Listed'));
            assert.ok(!forMember.includes('Erin Public Unlisted'), 'not listed without consent');
            assert.ok(!forMember.includes('Frank Private Ticked'), 'a private profile is never listed');
            const forFrank = await listed(people.frank.client);
            assert.ok(!forFrank.includes('Frank Private Ticked'), 'not even for its owner');
            const html = await visitor.get('/people');
            assert.equal(html.status, 200);
            assert.match(html.body, /Carol Public Listed/);
            assert.doesNotMatch(html.body, /Dave Members Listed|Erin Public|Frank Private/);
        });

        test('filters by stakeholder group, country and expertise; newest first, continuing before an id', async () => {
            assert.deepEqual(await listed(bob, '?group=academia'), ['Dave Members Listed']);
            const kenya = await listed(bob, '?country=KE');
            assert.deepEqual(kenya, ['Dave Members Listed', 'Carol Public Listed'], 'newest first, origin or residence');
            assert.deepEqual(await listed(bob, '?tag=Migration%20%20Data'), ['Dave Members Listed'], 'tags are normalised');
            assert.deepEqual(await listed(bob, `?country=KE&before=${people.dave.id}`), ['Carol Public Listed']);
            const page = json(await bob.get('/api/v1/people?country=KE'));
            assert.equal(page.next_url, undefined, 'no next page when everything fits');
            const card = page.people.find((p) => p.display_name === 'Carol Public Listed');
            assert.deepEqual(card.residence.map((c) => c.name), ['Kenya']);
            assert.equal(card.group_label, 'NGO or civil society');
            for (const bad of ['?group=astronauts', '?country=XX', '?before=abc'])
                assert.equal((await bob.get(`/people${bad}`)).status, 400, bad);
        });
    });

    describe('account export', () => {
        test('holds the account, profile, memberships, sessions and audit entries, and never the password hash', async () => {
            const org = await alice.get('/orgs/new');
            assert.equal(org.status, 200);
            const made = await postPairs(alice, '/orgs/new', [['name', 'Export Test Network'], ['type', 'ngo'], ['countries', 'SN']]);
            assert.equal(made.status, 303);
            const r = await alice.get('/account/export');
            assert.equal(r.status, 200);
            assert.match(r.headers.get('content-type'), /^application\/json/);
            assert.equal(r.headers.get('content-disposition'), 'attachment; filename="dxhub-account.json"');
            assert.doesNotMatch(r.body, /password_hash|\$argon2/);
            const doc = json(r);
            assert.equal(doc.format, 'dxhub-account-export');
            assert.equal(doc.account.email, 'alice@example.org');
            assert.equal(doc.account.name, 'Alice Mensah');
            assert.equal(doc.account.role, 'member');
            assert.ok(doc.account.created_at && doc.account.verified_at);
            assert.equal(doc.profile.display_name, 'Alice Mensah');
            assert.deepEqual(doc.profile.origin_codes.sort(), ['GH', 'SN']);
            assert.deepEqual(doc.organisations.map((o) => [o.name, o.role]), [['Export Test Network', 'owner']]);
            assert.ok(doc.sessions.some((s) => s.current && s.user_agent !== undefined));
            assert.ok(doc.audit_log.some((e) => e.action === 'signin' && e.by_you));
            assert.ok(doc.emails.some((e) => e.kind === 'verify'));
            const other = json(await bob.get('/account/export'));
            assert.equal(other.account.email, 'bob@example.org', 'each person gets their own data');
            assert.equal(other.profile, null);
            assert.equal((await visitor.get('/account/export')).status, 303, 'visitors are sent to sign in');
        });
    });

    describe('account deletion', () => {
        test('explains what happens, then erases the personal data; the person cannot sign in again', async () => {
            const hana = await signUpAndSignIn(server, mailbox, { name: 'Hana Deleted', email: 'hana@example.org', password: PASSWORD });
            const id = await saveProfile(hana, { display_name: 'Hana Public', visibility: 'public', in_directory: '1', residence: ['KE'] });
            assert.equal((await visitor.get(`/people/${id}`)).status, 200);
            const form = await hana.get('/account/delete');
            assert.equal(form.status, 200);
            assert.match(form.body, /name="password" type="password"/);
            assert.match(form.body, /href="\/account\/export"/);
            assert.match(form.body, /<label for="confirm">/);

            let r = await hana.post('/account/delete', { password: 'wrong password here', confirm: '1' });
            assert.equal(r.status, 422);
            assert.match(r.body, /id="password-error"/);
            r = await hana.post('/account/delete', { password: PASSWORD });
            assert.equal(r.status, 422, 'the box must be ticked');
            assert.match(r.body, /id="confirm-error"/);
            assert.equal((await hana.get('/account')).status, 200, 'nothing happened yet');

            r = await hana.post('/account/delete', { password: PASSWORD, confirm: '1' });
            assert.equal(r.status, 200);
            assert.match(r.headers.getSetCookie().join('\n'), /sid=;/, 'the session cookie is cleared');
            assert.doesNotMatch(r.body, /Hana/);
            assert.equal((await visitor.get(`/people/${id}`)).status, 404, 'the profile is gone');
            assert.ok(!(await (async () => json(await bob.get('/api/v1/people')).people.map((p) => p.id))()).includes(id));
            await assert.rejects(signIn(server, 'hana@example.org', PASSWORD), 'the person cannot sign in again');

            // What remains, as an administrator sees it: the number, no personal data, the log entry.
            const admin = await makeAdmin(server);
            const user = json(await admin.get(`/admin/users/${id}`, JSON_ACCEPT)).user;
            assert.equal(user.email, `deleted-${id}@invalid`);
            assert.equal(user.deleted, true);
            assert.doesNotMatch(JSON.stringify(user), /Hana/);
            const entries = json(await admin.get(`/admin/audit?subject=${id}`, JSON_ACCEPT)).entries;
            const entry = entries.find((e) => e.action === 'account_delete');
            assert.ok(entry, 'the deletion is in the audit log');
            assert.equal(entry.actor.id, id, 'under the account number');
            assert.doesNotMatch(JSON.stringify(entries), /Hana|hana@example/);
        });

        test('the last owner of an organisation must name another owner first', async () => {
            const ivan = await signUpAndSignIn(server, mailbox, { name: 'Ivan Owner', email: 'ivan@example.org', password: PASSWORD });
            await ivan.get('/orgs/new');
            const made = await postPairs(ivan, '/orgs/new', [['name', 'Ivan Solo Association'], ['type', 'diaspora_organisation']]);
            assert.equal(made.status, 303);
            const form = await ivan.get('/account/delete');
            assert.match(form.body, /Ivan Solo Association/);
            const r = await ivan.post('/account/delete', { password: PASSWORD, confirm: '1' });
            assert.equal(r.status, 409);
            assert.match(r.body, /href="\/orgs\/ivan-solo-association"/);
            assert.equal((await ivan.get('/account')).status, 200, 'the account is still there');
        });
    });
});
