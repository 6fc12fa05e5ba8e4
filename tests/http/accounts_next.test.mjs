// Where a new member was going survives sign-up: "Create an account" from a sign-in page keeps
// next, the emailed link opened in the browser that signed up signs the person in and brings
// them back there; opened anywhere else it only confirms the address (its sign-in link keeps
// next). A foreign next is dropped.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWithMail, Client, linkIn } from './accounts_helper.mjs';

const PASSWORD = 'violet harbour tractor 42';

describe('sign-up keeps where the person was going', () => {
    let server, mailbox;
    before(async () => ({ server, mailbox } = await startWithMail()));
    after(async () => {
        await server?.stop();
        mailbox?.stop();
    });

    test('"Create an account" keeps next through sign-up; the link signs in only the browser that signed up, and brings it back', async () => {
        const next = '/events/some-event/register?session=2';
        const signUpFrom = async (email, typedNext = next) => {
            const c = new Client(server);
            const signin = await c.get(`/signin?next=${encodeURIComponent(typedNext)}`);
            const href = /href="(\/signup[^"]*)"/.exec(signin.body)[1].replace(/&amp;/g, '&');
            const form = await c.get(href);
            assert.equal(form.status, 200);
            const r = await c.post('/signup', { name: 'Next Person', email, password: PASSWORD, lang: 'en', tz: 'UTC',
                next: /name="next" value="([^"]*)"/.exec(form.body)[1].replace(/&amp;/g, '&') });
            assert.equal(r.status, 200);
            const mail = await mailbox.waitFor(email, (m) => /verify\?token=/.test(m.text || ''));
            return { c, href, link: linkIn(mail.text, '/verify') };
        };
        const same = await signUpFrom('next-same@example.org');
        const nextOf = (href) => new URL(href, server.base).searchParams.get('next');
        assert.equal(nextOf(same.href), next, '"Create an account" carries next');
        const v = await same.c.get(same.link.pathname + same.link.search);
        assert.equal(v.status, 303);
        assert.equal(v.location, next, 'back where the person was going');
        assert.equal((await same.c.get('/account')).status, 200, 'signed in');

        const other = await signUpFrom('next-other@example.org');
        const elsewhere = new Client(server);
        const w = await elsewhere.get(other.link.pathname + other.link.search);
        assert.equal(w.status, 200, 'another browser only confirms the address');
        const signinHref = /href="(\/signin\?next=[^"]*)"/.exec(w.body)?.[1].replace(/&amp;/g, '&');
        assert.equal(signinHref && nextOf(signinHref), next, 'its sign-in link keeps next');
        assert.equal((await elsewhere.get('/account')).status, 303, 'and is not signed in');
        assert.equal((await other.c.get(other.link.pathname + other.link.search)).status, 400, 'the link is used up');

        const hostile = await signUpFrom('next-hostile@example.org', '//evil.example/x');
        assert.equal(hostile.href, '/signup', 'a foreign next is dropped');
        const h = await hostile.c.get(hostile.link.pathname + hostile.link.search);
        assert.equal(h.location, '/account');
    });
});
