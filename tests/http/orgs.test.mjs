// Organisations as people use them: creating one (its creator owns it), what visitors and
// members see, owner-only actions refused to others, the invitation by email and its single-use
// link, roles, leaving, and the rule that an organisation keeps at least one owner.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWithMail, Client, signUpAndSignIn, linkIn } from './accounts_helper.mjs';
import { pageText } from './server.mjs';
import { postPairs, saveProfile } from './profiles_helper.mjs';

const PASSWORD = 'violet harbour tractor 42';
const NAME = "Fédération des Sénégalais de l'Extérieur";
const SLUG = 'federation-des-senegalais-de-l-exterieur';
const json = (r) => JSON.parse(r.body);

describe('organisations', () => {
    let server, mailbox, alice, bob, carol, visitor;
    before(async () => {
        ({ server, mailbox } = await startWithMail());
        alice = await signUpAndSignIn(server, mailbox, { name: 'Alice Owner', email: 'alice@example.org', password: PASSWORD });
        bob = await signUpAndSignIn(server, mailbox, { name: 'Bob Invited', email: 'bob@example.org', password: PASSWORD, lang: 'fr' });
        carol = await signUpAndSignIn(server, mailbox, { name: 'Carol Outsider', email: 'carol@example.org', password: PASSWORD });
        visitor = new Client(server);
        await saveProfile(alice, { display_name: 'Alice Public', visibility: 'public' });
    });
    after(async () => {
        await server?.stop();
        mailbox?.stop();
    });

    test('a member creates an organisation and owns it; everyone can read it', async () => {
        const form = await alice.get('/orgs/new');
        assert.equal(form.status, 200);
        for (const id of ['name', 'type', 'countries', 'website', 'description'])
            assert.match(form.body, new RegExp(`<label for="${id}">`), `label for ${id}`);
        const r = await postPairs(alice, '/orgs/new', [
            ['name', NAME], ['type', 'diaspora_organisation'], ['countries', 'SN'], ['countries', 'FR'],
            ['website', 'https://fse.example.org'], ['description', 'We **connect** people. <script>alert(1)</script>'],
        ]);
        assert.equal(r.status, 303);
        assert.equal(r.location, `/orgs/${SLUG}?done=created`);
        const page = await visitor.get(`/orgs/${SLUG}?lang=fr`);
        assert.equal(page.status, 200);
        assert.match(page.body, new RegExp(`<h1>${NAME.replace("'", '&#39;')}</h1>`));
        assert.match(pageText(page.body), /Sénégal/);
        assert.match(page.body, /<strong>connect<\/strong>/);
        assert.doesNotMatch(page.body, /<script>alert/);
        assert.match(page.body, /href="https:\/\/fse.example.org" rel="nofollow noopener ugc"/);
        assert.doesNotMatch(page.body, /action="\/orgs\/[^"]*\/invite"/, 'visitors get no owner tools');
        const api = json(await visitor.get(`/api/v1/orgs/${SLUG}`));
        assert.equal(api.org.name, NAME);
        assert.deepEqual(api.org.country_codes.sort(), ['FR', 'SN']);
        assert.equal(api.is_owner, false);
        assert.deepEqual(api.members.map((m) => m.name), ['Alice Public'], 'a public profile is shown to visitors');
        const list = json(await visitor.get('/api/v1/orgs?lang=en'));
        assert.ok(list.orgs.some((o) => o.slug === SLUG && o.type_label === 'Diaspora organisation'));
        const mine = json(await alice.get(`/api/v1/orgs/${SLUG}`));
        assert.equal(mine.is_owner, true);
        // The same name again gets its own address.
        await alice.get('/orgs/new');
        const twin = await postPairs(alice, '/orgs/new', [['name', NAME], ['type', 'ngo']]);
        assert.equal(twin.location, `/orgs/${SLUG}-2?done=created`);
    });

    test('wrong details come back with their reasons; unsafe websites are refused', async () => {
        await alice.get('/orgs/new');
        const r = await postPairs(alice, '/orgs/new', [['name', ''], ['type', 'club'], ['countries', 'ZZ'], ['website', 'javascript:alert(1)'], ['description', 'kept text']]);
        assert.equal(r.status, 422);
        for (const field of ['name', 'type', 'countries', 'website'])
            assert.match(r.body, new RegExp(`id="${field}-error"`), `${field} error`);
        assert.match(r.body, /kept text<\/textarea>/);
        assert.match(r.body, /value="javascript:alert\(1\)"/, 'what was typed is shown again, escaped in an attribute');
    });

    test('owner-only actions are refused to members (403) and visitors (sign in first)', async () => {
        const base = `/orgs/${SLUG}`;
        const aliceId = json(await alice.get(`/api/v1${base}`)).members.find((m) => m.me).id;
        assert.equal((await carol.get(`${base}/edit`)).status, 403);
        await carol.get(base);
        for (const [path, fields] of [
            [`${base}/edit`, [['name', 'Taken over'], ['type', 'ngo']]],
            [`${base}/invite`, [['email', 'someone@example.org']]],
            [`${base}/members/${aliceId}/role`, [['role', 'member']]],
            [`${base}/members/${aliceId}/remove`, []],
            [`${base}/members/999999/remove`, []],
        ]) {
            const r = await postPairs(carol, path, fields);
            assert.equal(r.status, 403, `a member: ${path}`);
            const v = await postPairs(visitor, path, fields, { csrf: null });
            assert.equal(v.status, 401, `a visitor: ${path}`);
        }
        const edit = await visitor.get(`${base}/edit`);
        assert.equal(edit.status, 303);
        assert.equal(edit.location, `/signin?next=${base}/edit`);
        const newForm = await visitor.get('/orgs/new');
        assert.equal(newForm.status, 303);
        assert.equal(json(await visitor.get(`/api/v1/orgs/${SLUG}`)).org.name, NAME, 'nothing changed');
        assert.equal((await alice.get(`${base}/edit`)).status, 200, 'the owner may edit');
        assert.equal((await carol.get('/orgs/no-such-org/edit')).status, 404);
    });

    test('an owner invites by email; the link lets the invited person join once', async () => {
        const base = `/orgs/${SLUG}`;
        await alice.get(base);
        let r = await postPairs(alice, `${base}/invite`, [['email', 'not an address']]);
        assert.equal(r.status, 422);
        assert.match(r.body, /id="email-error"/);
        assert.match(r.body, /value="not an address"/);
        r = await postPairs(alice, `${base}/invite`, [['email', 'bob@example.org']], { csrf: 'stale' });
        assert.equal(r.status, 403, 'a refused token');
        assert.match(r.body, /value="bob@example.org"/, 'the refused form keeps what was typed');
        await alice.get(base);
        r = await postPairs(alice, `${base}/invite`, [['email', 'Bob@Example.org']]);
        assert.equal(r.status, 303);
        assert.equal(r.location, `${base}?done=invited`);

        const mail = await mailbox.waitFor('bob@example.org', (m) => /\/orgs\/join\?token=/.test(m.text || ''));
        assert.match(mail.text, /Alice Owner/);
        assert.match(mail.text, /Fédération des Sénégalais/);
        const link = linkIn(mail.text, '/orgs/join');
        const token = link.searchParams.get('token');
        assert.ok(token.length >= 40);

        const signedOut = await visitor.get(link.pathname + link.search);
        assert.equal(signedOut.status, 303, 'a visitor signs in first');
        assert.match(signedOut.location, /^\/signin\?next=/);
        assert.equal((await postPairs(visitor, '/orgs/join', [['token', token]], { csrf: null })).status, 401);
        const page = await bob.get(link.pathname + link.search);
        assert.equal(page.status, 200);
        assert.match(pageText(page.body), /Alice Owner/);
        assert.match(page.body, /name="token" value="[^"]+"/);
        const join = await bob.post('/orgs/join', { token });
        assert.equal(join.status, 303);
        assert.equal(join.location, `${base}?done=joined`);
        const again = await bob.post('/orgs/join', { token });
        assert.equal(again.status, 404, 'the link works once');
        assert.equal((await bob.get(link.pathname + link.search)).status, 404);
        assert.equal((await carol.get('/orgs/join?token=made-up')).status, 404);

        const asBob = json(await bob.get(`/api/v1${base}`));
        assert.equal(asBob.is_member, true);
        assert.ok(asBob.members.some((m) => m.me && m.role === 'member'));
        // Bob has no visible profile: the owner sees him, a visitor only a count.
        const asOwner = json(await alice.get(`/api/v1${base}`));
        assert.deepEqual(asOwner.members.map((m) => [m.name, m.role]), [['Alice Public', 'owner'], ['Bob Invited', 'member']]);
        const asVisitor = await visitor.get(base);
        assert.doesNotMatch(asVisitor.body, /Bob/);
        assert.match(pageText(asVisitor.body), /1 member who does not show a profile/);
        // Bob's export lists the membership.
        const exported = json(await bob.get('/account/export'));
        assert.deepEqual(exported.organisations.map((o) => [o.slug, o.role]), [[SLUG, 'member']]);
        // Inviting a member again is pointless and said so.
        await alice.get(base);
        r = await postPairs(alice, `${base}/invite`, [['email', 'bob@example.org']]);
        assert.equal(r.status, 422);
    });

    test('signing in from an invitation link leads back to it, token included', async () => {
        const r = await visitor.get('/orgs/join?token=abc_DEF-123');
        assert.equal(r.status, 303);
        assert.equal(new URL(r.location, server.base).searchParams.get('next'), '/orgs/join?token=abc_DEF-123');
    });

    test('roles change and people leave, but an organisation always keeps an owner', async () => {
        const base = `/orgs/${SLUG}`;
        const owner = json(await alice.get(`/api/v1${base}`));
        const aliceId = owner.members.find((m) => m.me).id;
        const bobId = owner.members.find((m) => !m.me).id;
        await alice.get(base);
        let r = await postPairs(alice, `${base}/members/${aliceId}/remove`, []);
        assert.equal(r.status, 409, 'the last owner cannot leave');
        assert.match(r.body, /role="alert"/);
        await alice.get(base);
        r = await postPairs(alice, `${base}/members/${aliceId}/role`, [['role', 'member']]);
        assert.equal(r.status, 409, 'nor stop being an owner');
        await bob.get(base);
        r = await postPairs(bob, `${base}/members/${bobId}/role`, [['role', 'owner']]);
        assert.equal(r.status, 403, 'a member cannot promote themselves');

        await alice.get(base);
        r = await postPairs(alice, `${base}/members/${bobId}/role`, [['role', 'owner']]);
        assert.equal(r.status, 303);
        assert.equal(json(await bob.get(`/api/v1${base}`)).is_owner, true);
        await alice.get(base);
        r = await postPairs(alice, `${base}/members/${aliceId}/remove`, []);
        assert.equal(r.status, 303, 'with another owner, the first may leave');
        assert.equal(r.location, `${base}?done=left`);
        assert.equal((await alice.get(`${base}/edit`)).status, 403, 'and is no longer an owner');

        // The new owner edits; the address stays.
        await bob.get(`${base}/edit`);
        r = await postPairs(bob, `${base}/edit`, [['name', 'FSE Network'], ['type', 'ngo'], ['countries', 'SN'], ['website', ''], ['description', '']]);
        assert.equal(r.status, 303);
        assert.equal(r.location, `${base}?done=saved`);
        const after = json(await visitor.get(`/api/v1${base}`));
        assert.equal(after.org.name, 'FSE Network');
        assert.equal(after.org.type, 'ngo');
        assert.deepEqual(after.org.country_codes, ['SN']);
        await bob.get(base);
        r = await postPairs(bob, `${base}/members/${bobId}/remove`, []);
        assert.equal(r.status, 409, 'the only owner left stays');
    });
});
