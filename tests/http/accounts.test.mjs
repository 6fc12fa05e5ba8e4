// Accounts as people and attackers use them: sign-up with the emailed link, sign-in, sign-out,
// forgotten passwords, sessions, CSRF, throttling, and never telling who is registered.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWithMail, Client, signUp, signIn, linkIn } from './accounts_helper.mjs';

const PASSWORD = 'violet harbour tractor 42';

describe('accounts', () => {
    let server, mailbox;
    before(async () => ({ server, mailbox } = await startWithMail()));
    after(async () => {
        await server?.stop();
        mailbox?.stop();
    });

    test('sign up in French: the confirmation email is in French and its link confirms the address', async () => {
        const c = new Client(server, { lang: 'fr' });
        const form = await c.get('/signup');
        assert.equal(form.status, 200);
        assert.match(form.body, /<html lang="fr"/);
        const r = await c.post('/signup', { name: 'Amina Diallo', email: 'Amina@Example.org', password: PASSWORD, lang: 'fr', tz: 'Europe/Paris' });
        assert.equal(r.status, 200);
        const mail = await mailbox.waitFor('amina@example.org', (m) => /verify\?token=/.test(m.text || ''));
        assert.equal(mail.content_type, 'multipart/alternative');
        assert.ok(mail.html.includes('/verify?token='), 'the HTML part has the link too');
        assert.match(mail.text, /Amina Diallo/);
        assert.doesNotMatch(mail.subject, /confirm your/i, 'the subject is in French');
        const link = linkIn(mail.text, '/verify');
        const v = await c.get(link.pathname + link.search);
        assert.equal(v.status, 303, 'in the browser that signed up, the link signs the person in');
        assert.equal(v.location, '/account');
        const again = await c.get(link.pathname + link.search);
        assert.equal(again.status, 400, 'a verification link works once');
        const s = await signIn(server, 'amina@example.org', PASSWORD, { lang: 'fr' });
        const account = await s.get('/account');
        assert.equal(account.status, 200);
        assert.match(account.body, /Amina Diallo/);
        assert.match(account.body, /Europe\/Paris/);
    });

    test('a weak password is refused with the reason, and the form comes back filled in', async () => {
        const c = new Client(server, { lang: 'es' });
        await c.get('/signup');
        const r = await c.post('/signup', { name: 'Luis Pérez', email: 'luis@example.org', password: 'password123', lang: 'es', tz: 'America/Santiago' });
        assert.equal(r.status, 422);
        assert.match(r.body, /value="Luis Pérez"/);
        assert.match(r.body, /value="luis@example.org"/);
        assert.doesNotMatch(r.body, /password123/, 'the password is never sent back');
        assert.match(r.body, /class="field__error"/);
        assert.match(r.body, /<option selected>America\/Santiago<\/option>/);
    });

    test('errors are tied to their fields: aria-invalid and aria-describedby on sign-up, sign-in and reset', async () => {
        const c = new Client(server, { lang: 'fr' });
        await c.get('/signup');
        let r = await c.post('/signup', { name: '', email: 'not an address', password: 'short', lang: 'xx', tz: 'Mars/Base' });
        assert.equal(r.status, 422);
        for (const id of ['name', 'email', 'password', 'lang', 'tz']) {
            const tag = new RegExp(`<(?:input|select) id="${id}"[^>]*>`).exec(r.body)[0];
            assert.match(tag, /aria-invalid="true"/, `${id} is marked invalid`);
            assert.match(tag, new RegExp(`aria-describedby="[^"]*\\b${id}-error\\b`), `${id} points at its error`);
            assert.match(r.body, new RegExp(`id="${id}-error"`));
        }
        await c.get('/signin');
        r = await c.post('/signin', { email: 'nobody@example.org', password: 'wrong password here' });
        assert.equal(r.status, 422);
        assert.match(r.body, /id="form-error"/);
        for (const id of ['email', 'password'])
            assert.match(new RegExp(`<input id="${id}"[^>]*>`).exec(r.body)[0], /aria-invalid="true" aria-describedby="form-error"/);
        await c.get('/password/reset');
        r = await c.post('/password/reset', { email: 'nope' });
        assert.equal(r.status, 422);
        assert.match(/<input id="email"[^>]*>/.exec(r.body)[0], /aria-invalid="true" aria-describedby="email-error"/);
        const fresh = await new Client(server).get('/signup');
        assert.doesNotMatch(fresh.body, /aria-invalid/, 'nothing is marked before the first try');
    });

    test('the sign-up answer does not tell whether an address is registered', async () => {
        await signUp(server, mailbox, { name: 'Known Person', email: 'known@example.org', password: PASSWORD });
        const answer = async (email) => {
            const c = new Client(server);
            await c.get('/signup');
            const r = await c.post('/signup', { name: 'Someone', email, password: PASSWORD, lang: 'en', tz: 'UTC' });
            const cookies = r.headers.getSetCookie().map((line) => line.split('=')[0]).sort();
            return [r.status, r.body.replace(/name="csrf" value="[^"]+"/g, ''), cookies];
        };
        assert.deepEqual(await answer('known@example.org'), await answer('nobody-here@example.org'));
    });

    test('password reset: same answer for known and unknown addresses; the link works once', async () => {
        await signUp(server, mailbox, { name: 'Reset Me', email: 'reset@example.org', password: PASSWORD });
        const ask = async (email) => {
            const c = new Client(server);
            await c.get('/password/reset');
            const r = await c.post('/password/reset', { email });
            return [r.status, r.body];
        };
        const known = await ask('reset@example.org');
        assert.deepEqual(known, await ask('unknown@example.org'));
        const mail = await mailbox.waitFor('reset@example.org', (m) => /password\/new\?token=/.test(m.text || ''));
        const link = linkIn(mail.text, '/password/new');
        const c = new Client(server);
        const form = await c.get(link.pathname + link.search);
        assert.equal(form.status, 200);
        const weak = await c.post('/password/new', { token: link.searchParams.get('token'), password: 'short' });
        assert.equal(weak.status, 422, 'a weak new password is refused');
        const done = await c.post('/password/new', { token: link.searchParams.get('token'), password: 'new harbour lantern 77' });
        assert.equal(done.status, 303);
        const reused = await new Client(server).get(link.pathname + link.search);
        assert.equal(reused.status, 400, 'a used reset link stops working');
        await assert.rejects(signIn(server, 'reset@example.org', PASSWORD), 'the old password no longer works');
        await signIn(server, 'reset@example.org', 'new harbour lantern 77');
    });

    test('a form without its CSRF token is refused with 403 and comes back filled in', async () => {
        const c = new Client(server);
        await c.get('/signin');
        const r = await c.post('/signin', { csrf: '', email: 'someone@example.org', password: PASSWORD });
        assert.equal(r.status, 403);
        assert.match(r.body, /value="someone@example.org"/);
        const wrong = await c.post('/signup', { csrf: 'x'.repeat(43), name: 'Forged', email: 'f@example.org', password: PASSWORD, lang: 'en', tz: 'UTC' });
        assert.equal(wrong.status, 403);
        assert.match(wrong.body, /value="Forged"/);
        assert.equal(mailbox.messages().filter((m) => m.to.includes('f@example.org')).length, 0);
    });

    test('signing in gives a new session token (no fixation) and signing out ends it', async () => {
        await signUp(server, mailbox, { name: 'Fixed', email: 'fixed@example.org', password: PASSWORD });
        const c = new Client(server);
        c.cookies.set('sid', 'attacker-chosen-session-token-000000000000');
        await c.get('/signin');
        const r = await c.post('/signin', { email: 'fixed@example.org', password: PASSWORD });
        assert.equal(r.status, 303);
        const sid = c.cookies.get('sid');
        assert.ok(sid && sid !== 'attacker-chosen-session-token-000000000000');
        assert.match(r.headers.getSetCookie().join('\n'), /sid=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
        assert.equal((await c.get('/account')).status, 200);
        const out = await c.post('/signout', {});
        assert.equal(out.status, 303);
        const stolen = new Client(server);
        stolen.cookies.set('sid', sid);
        const after = await stolen.get('/account');
        assert.equal(after.status, 303, 'the old token no longer opens the account');
        assert.match(after.location, /^\/signin\?next=\/account/);
    });

    test('"sign out everywhere else" ends the other sessions and keeps this one', async () => {
        await signUp(server, mailbox, { name: 'Two Devices', email: 'two@example.org', password: PASSWORD });
        const phone = await signIn(server, 'two@example.org', PASSWORD);
        const laptop = await signIn(server, 'two@example.org', PASSWORD);
        const page = await laptop.get('/account');
        assert.equal((page.body.match(/<li>/g) || []).length >= 2, true, 'both sessions are listed');
        const r = await laptop.post('/account/signout-everywhere', {});
        assert.equal(r.status, 303);
        assert.equal((await laptop.get('/account')).status, 200);
        assert.equal((await phone.get('/account')).status, 303);
    });

    test('failed sign-ins slow down: after five, the account waits, with a clear message', async () => {
        await signUp(server, mailbox, { name: 'Slow', email: 'slow@example.org', password: PASSWORD });
        const c = new Client(server);
        await c.get('/signin');
        for (let i = 0; i < 5; i++) {
            const r = await c.post('/signin', { email: 'slow@example.org', password: 'wrong password ' + i });
            assert.equal(r.status, 422);
            assert.match(r.body, /value="slow@example.org"/);
        }
        const blocked = await c.post('/signin', { email: 'slow@example.org', password: PASSWORD });
        assert.equal(blocked.status, 429, 'even the right password waits');
        assert.ok(Number(blocked.headers.get('retry-after')) > 0);
        assert.match(blocked.body, /try again in \d+ (second|minute)/);
    });

    test('members-only pages send visitors to sign in and come back after', async () => {
        await signUp(server, mailbox, { name: 'Returning', email: 'back@example.org', password: PASSWORD });
        const c = new Client(server);
        const r = await c.get('/account');
        assert.equal(r.status, 303);
        const form = await c.get(r.location);
        assert.match(form.body, /name="next" value="\/account"/);
        const s = await c.post('/signin', { email: 'back@example.org', password: PASSWORD, next: '/account' });
        assert.equal(s.location, '/account');
        const evil = await new Client(server).get('/signin?next=//evil.example/');
        assert.match(evil.body, /name="next" value=""/, 'only local paths are followed');
        const api = await new Client(server).get('/api/v1/account');
        assert.equal(api.status, 401);
    });

    test('changing the password needs the current one', async () => {
        await signUp(server, mailbox, { name: 'Changer', email: 'change@example.org', password: PASSWORD });
        const c = await signIn(server, 'change@example.org', PASSWORD);
        await c.get('/account');
        const wrong = await c.post('/account/password', { current_password: 'not it at all', new_password: 'copper meadow signal 9' });
        assert.equal(wrong.status, 422);
        const ok = await c.post('/account/password', { current_password: PASSWORD, new_password: 'copper meadow signal 9' });
        assert.equal(ok.status, 303);
        await signIn(server, 'change@example.org', 'copper meadow signal 9');
    });
});
