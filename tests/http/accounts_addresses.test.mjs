// Hostile and unusual email addresses typed into the sign-up and organisation invitation forms:
// never a 500; each is either accepted end to end (account or invitation made AND its email in
// the outbox, to the address the mailer uses: IDN domains in punycode) or refused with 422 and
// the form shown again with what was typed. Nothing half done either way.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server } from './server.mjs';
import { Client, makeUser } from './accounts_helper.mjs';
import { postPairs } from './profiles_helper.mjs';
import { sql } from './records_helper.mjs';

const PASSWORD = 'violet harbour tractor 42';
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const count = (server, q) => Number(sql(server, q).trim());
const quote = (s) => `'${s.replace(/'/g, "''")}'`;

/* Checks the answer to a form with an address: accepted with `status`, `table` holding one row for the
 * normalised address and the outbox one `template` email to it; or, when sent is null, 422 with the
 * address shown again by its field's error. */
function assertOutcome(server, r, { typed, sent, status, table, template }) {
    if (sent) {
        assert.equal(r.status, status, r.body.slice(0, 300));
        assert.equal(count(server, `SELECT count(*) FROM ${table} WHERE email = ${quote(sent)}`), 1);
        assert.equal(count(server, `SELECT count(*) FROM outbox WHERE template = '${template}' AND recipient = ${quote(sent)}`), 1);
        return;
    }
    assert.equal(r.status, 422, r.body.slice(0, 300));
    assert.match(r.body, /id="email-error"/);
    assert.ok(r.body.includes(`value="${esc(typed)}"`), 'the typed address is shown again');
}

// [typed, normalised address the mail goes to, or null when the form must refuse it]
const ADDRESSES = [
    ['Plain.Person@Example.org', 'plain.person@example.org'],
    ['user+tag@sub.example.org', 'user+tag@sub.example.org'],
    [`${'a'.repeat(64)}@example.org`, `${'a'.repeat(64)}@example.org`],
    [`${'b'.repeat(65)}@example.org`, null],
    ['josé@example.org', null],
    ['maria@exämple.fr', 'maria@xn--exmple-cua.fr'],
    ['ana@Bücher.Example', 'ana@xn--bcher-kva.example'],
    ['yo@españa.es', 'yo@xn--espaa-rta.es'],
    ['"quoted"@example.org', null],
    ['"two words"@example.org', null],
    ['"a@b"@example.org', null],
    ['a"b@example.org', null],
    ['a@[127.0.0.1]', null],
    ['a@b_c.example', null],
    ['a@-bad.example', null],
    ['a@localhost', null],
    ['a..b@example.org', null],
    ['.a@example.org', null],
    ['a.@example.org', null],
    ['a@example.org.', null],
    ['a b@example.org', null],
    ['a\tb@example.org', null],
    ['<a@example.org>', null],
    ['a@example.org, b@example.org', null],
    ['a@b@example.org', null],
    ['x@' + 'l'.repeat(64) + '.example', null],
    [`${'c'.repeat(60)}@${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(63)}.org`, null],
    ['a@xn--zz.example', null],
    ['a@exa\u200dmple.org', null],
    ['\u202ea@example.org', null],
    ['ǅ@example.org', null],
];

describe('email addresses in forms', () => {
    let server, owner;
    const base = '/orgs/address-testers';
    before(async () => {
        server = await Server.start();
        ({ client: owner } = await makeUser(server, { email: 'owner@example.org', name: 'Owner', password: PASSWORD }));
        await owner.get('/orgs/new');
        const r = await postPairs(owner, '/orgs/new', [['name', 'Address testers'], ['type', 'ngo']]);
        assert.equal(r.status, 303, r.body.slice(0, 300));
    });
    after(async () => server?.stop());

    for (const [typed, sent] of ADDRESSES) {
        test(`sign-up with ${JSON.stringify(typed)}: ${sent ? 'accepted and mailed' : '422, form kept'}`, async () => {
            sql(server, 'DELETE FROM rate_limits'); /* the per-address sign-up limit is not what this tests */
            const c = new Client(server);
            await c.get('/signup');
            const r = await c.post('/signup', { name: 'Edge Case', email: typed, password: PASSWORD, lang: 'en', tz: 'UTC' });
            assertOutcome(server, r, { typed, sent, status: 200, table: 'users', template: 'verify' });
            if (!sent) assert.match(r.body, /value="Edge Case"/);
        });

        test(`organisation invitation to ${JSON.stringify(typed)}: ${sent ? 'invited and mailed' : '422, form kept'}`, async () => {
            sql(server, 'DELETE FROM rate_limits');
            await owner.get(base);
            const invites = count(server, 'SELECT count(*) FROM org_invites');
            const r = await postPairs(owner, `${base}/invite`, [['email', typed]]);
            assertOutcome(server, r, { typed, sent, status: 303, table: 'org_invites', template: 'org_invite' });
            if (!sent) assert.equal(count(server, 'SELECT count(*) FROM org_invites'), invites, 'no invitation half made');
        });
    }
});
