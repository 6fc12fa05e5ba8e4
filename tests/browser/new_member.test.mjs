// The path of a new member, in Spanish and French, from a browser in Bogotá: a visitor opens an
// event's "sign in to register" link, creates an account from the sign-in page (the zone field
// shows Bogotá, the browser's), corrects a wrong email address (the field says it is invalid),
// opens the emailed link in the same browser and lands signed in on the registration form, with
// the event's time on Bogotá's clock. A visitor uses "use my time zone" on the event page (and,
// without JavaScript, the link to the zone picker). On a phone the header is a small bar whose
// menu opens with the keyboard, with or without JavaScript. Screenshots in French and Spanish at
// 390 and 1280 px: build/screenshots/new-member-*.png.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { describe, it, before, after } from 'node:test';
import { SCREENSHOTS, launchBrowser, newContext, watch, open, shootWidths } from './harness.mjs';
import { Server } from '../http/server.mjs';
import { Mailbox, linkIn } from '../http/accounts_helper.mjs';
import { makeEvent } from '../http/registration_helper.mjs';

const SLUG = 'intercambio-bogota';
const STARTS = Date.UTC(2031, 3, 22, 12, 0) / 1000; // 14:00 in Brussels, 07:00 in Bogotá
const PASSWORD = 'cafetal montaña lluvia 2031';
const BOGOTA = { timezoneId: 'America/Bogota' };
const TEXT = {
    es: { name: 'Nombre', email: 'Correo electrónico', password: 'Contraseña', tz: 'Zona horaria', signup: 'Crear mi cuenta',
        use: 'Usar mi zona horaria', choose: 'Elegir su zona horaria', menu: 'Menú' },
    fr: { name: 'Nom', email: 'Adresse e-mail', password: 'Mot de passe', tz: 'Fuseau horaire', signup: 'Créer mon compte',
        use: 'Utiliser mon fuseau horaire', choose: 'Choisir votre fuseau horaire', menu: 'Menu' },
};

describe('a new member from Bogotá', () => {
    let server, mailbox, browser;
    before(async () => {
        mailbox = await Mailbox.start();
        server = await Server.start({ args: ['--smtp-url', mailbox.url] });
        makeEvent(server, { slug: SLUG, starts: STARTS, title: { en: 'Remittances exchange', es: 'Intercambio sobre remesas', fr: 'Échange sur les transferts' } });
        browser = await launchBrowser();
        mkdirSync(SCREENSHOTS, { recursive: true });
    });
    after(async () => {
        await browser?.close();
        await server?.stop();
        mailbox?.stop();
    });

    for (const lang of ['es', 'fr']) {
        it(`${lang}: register link → sign in → create an account → emailed link → signed in on the registration form, on Bogotá time`, { timeout: 120_000 }, async () => {
            const t = TEXT[lang];
            const email = `nuevo-${lang}@example.org`;
            const context = await newContext(browser, { locale: lang === 'es' ? 'es-CO' : 'fr-FR', ...BOGOTA });
            const w = watch(context, server.base);
            const page = await context.newPage();
            await open(page, `${server.base}/events/${SLUG}?lang=${lang}`);
            await page.locator(`main a[href^="/signin?next="]`).click();
            await page.waitForURL(/\/signin\?next=/);
            await page.locator('main a[href^="/signup"]').click();
            await page.waitForURL(/\/signup\?next=/);
            assert.equal(await page.getByLabel(t.tz).inputValue(), 'America/Bogota', 'the zone field shows the browser\'s zone');

            // A wrong address first: refused, marked invalid, described by its error, the form kept.
            w.allowStatus(`${server.base}/signup`, 422);
            await page.getByLabel(t.name, { exact: true }).fill('Camila Rojas');
            await page.getByLabel(t.email).fill('camila@@example.org');
            await page.getByLabel(t.password).fill(PASSWORD);
            await page.getByRole('button', { name: t.signup }).click();
            await page.locator('.field__error').first().waitFor();
            const field = page.getByLabel(t.email);
            assert.equal(await field.getAttribute('aria-invalid'), 'true');
            assert.match(await field.getAttribute('aria-describedby'), /email-error/);
            assert.equal(await page.getByLabel(t.name, { exact: true }).getAttribute('aria-invalid'), null, 'a right field is not marked');
            assert.equal(await page.getByLabel(t.tz).inputValue(), 'America/Bogota', 'the zone is kept');
            await shootWidths(page, `new-member-signup-error-${lang}`);

            await field.fill(email);
            await page.getByLabel(t.password).fill(PASSWORD);
            await page.getByRole('button', { name: t.signup }).click();
            await page.waitForURL(`${server.base}/signup`);
            const mail = await mailbox.waitFor(email, (m) => /verify\?token=/.test(m.text || ''));
            const link = linkIn(mail.text, '/verify');
            await open(page, `${server.base}${link.pathname}${link.search}`);
            assert.equal(new URL(page.url()).pathname, `/events/${SLUG}/register`, 'back on the registration form');
            assert.equal(await page.locator('main form[action$="/register"]').count(), 1, 'the registration form is there');
            const head = await page.locator('main').innerText();
            assert.match(head, /7:00|07:00|7 h|07 h/, 'the start on Bogotá\'s clock');
            assert.match(head, /Bogot/);
            await shootWidths(page, `new-member-registration-${lang}`);

            await open(page, `${server.base}/account`);
            assert.match(await page.locator('main').innerText(), /America\/Bogota/, 'the profile keeps the zone');
            // Signed in on a phone: the account links and "sign out" are in the menu, not extra rows.
            await page.setViewportSize({ width: 390, height: 844 });
            const header = await page.locator('.site-header').boundingBox();
            assert.ok(header.height <= 0.2 * 844, `signed in, the header is ${Math.round(header.height)} px of 844`);
            const signout = page.getByRole('banner').locator('form[action="/signout"] button');
            assert.equal(await signout.isVisible(), false);
            await page.locator('summary').click();
            assert.ok(await signout.isVisible(), 'sign out is in the menu');
            await shootWidths(page, `new-member-menu-signed-in-${lang}`);
            w.assertClean();
            await context.close();
        });
    }

    for (const lang of ['es', 'fr']) {
        it(`${lang}: a visitor uses the browser's zone from the event page in one click`, { timeout: 60_000 }, async () => {
            const t = TEXT[lang];
            const context = await newContext(browser, { locale: lang, ...BOGOTA });
            const w = watch(context, server.base);
            const page = await context.newPage();
            await open(page, `${server.base}/events/${SLUG}?lang=${lang}`);
            assert.ok(await page.getByRole('link', { name: t.choose }).isVisible(), 'the picker link says what it does');
            const use = page.getByRole('button', { name: new RegExp(`${t.use}.*America/Bogota`) });
            assert.ok(await use.isVisible());
            await shootWidths(page, `new-member-event-use-zone-${lang}`);
            await use.click();
            // Back on the same page, now read in Bogotá: the picker link names the zone.
            await page.getByRole('link', { name: 'America/Bogota' }).waitFor();
            assert.equal(new URL(page.url()).pathname, `/events/${SLUG}`);
            assert.equal(await page.getByRole('button', { name: new RegExp(t.use) }).count(), 0, 'nothing more to offer');
            assert.match(await page.locator('main').innerText(), /7:00|07:00|7 h|07 h/);
            w.assertClean();
            await context.close();

            const plain = await newContext(browser, { locale: lang, javaScriptEnabled: false, ...BOGOTA });
            const p = await plain.newPage();
            await open(p, `${server.base}/events/${SLUG}?lang=${lang}`);
            assert.equal(await p.getByRole('button', { name: new RegExp(t.use) }).count(), 0, 'without JavaScript, no button');
            await p.getByRole('link', { name: t.choose }).click();
            await p.waitForURL(/\/timezone\?next=/);
            await plain.close();
        });
    }

    for (const lang of ['es', 'fr']) {
        it(`${lang}: on a phone the header is a small bar; its menu opens with the keyboard, with or without JavaScript`, { timeout: 60_000 }, async () => {
            const t = TEXT[lang];
            for (const javaScriptEnabled of [true, false]) {
                const context = await newContext(browser, { locale: lang, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, javaScriptEnabled });
                const page = await context.newPage();
                await open(page, `${server.base}/events?lang=${lang}`);
                const header = await page.locator('.site-header').boundingBox();
                assert.ok(header.height <= 0.2 * 844, `the header is ${Math.round(header.height)} px of 844`);
                const nav = page.getByRole('navigation', { name: /./ }).filter({ has: page.locator('a[href="/about"]') });
                assert.equal(await nav.isVisible(), false, 'the navigation is folded');
                await page.keyboard.press('Tab');
                assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), '#main', 'the skip link is first');
                const summary = page.locator('summary');
                for (let i = 0; i < 10 && !(await summary.evaluate((s) => s === document.activeElement)); i++)
                    await page.keyboard.press('Tab');
                assert.equal(await summary.innerText(), t.menu);
                await page.keyboard.press('Enter');
                assert.ok(await nav.isVisible(), 'Enter opens the menu');
                await page.keyboard.press('Tab');
                assert.equal(await page.evaluate(() => document.activeElement.closest('nav')?.querySelector('a[href="/about"]') !== null), true,
                    'the next Tab goes into the menu');
                if (javaScriptEnabled) await shootWidths(page, `new-member-menu-open-${lang}`);
                await page.setViewportSize({ width: 1280, height: 800 });
                assert.ok(await page.locator('a[href="/about"]').isVisible(), 'wide screens show the navigation');
                assert.equal(await summary.isVisible(), false, 'and no menu button');
                await context.close();
            }
        });
    }
});
