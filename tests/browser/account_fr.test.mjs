// A French-speaking person joins the hub as anyone would: signs up, opens the confirmation email
// that a real SMTP server received, signs in, fills in the profile, creates an organisation and
// signs out. Screenshots of each screen at 390 px and 1280 px go to build/screenshots/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, before, after } from 'node:test';
import { SCREENSHOTS, startHub, launchBrowser, newContext, watch, open, htmlLang } from './harness.mjs';
import { Mailbox, linkIn } from '../http/accounts_helper.mjs';

const PERSON = { name: 'Awa Ndiaye', email: 'awa.ndiaye@example.org', password: 'baobab marché lumière 2024' };

describe('joining the hub, in French', () => {
  let mailbox, hub, browser;
  before(async () => {
    mailbox = await Mailbox.start();
    hub = await startHub({ args: ['--smtp-url', mailbox.url] });
    browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await hub?.stop();
    mailbox?.stop();
  });

  const shoot = async (page, name) => {
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: width < 600 ? 844 : 800 });
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-fr-${width}.png`), fullPage: true });
    }
  };

  it('signs up, confirms the address from the email, fills the profile, creates an organisation, signs out', { timeout: 120_000 }, async () => {
    const context = await newContext(browser, { locale: 'fr-FR' });
    const w = watch(context, hub.base);
    const page = await context.newPage();

    w.allowStatus(`${hub.base}/signup`, 422); // the weak password below is refused on purpose
    await open(page, `${hub.base}/signup?lang=fr`);
    assert.equal(await htmlLang(page), 'fr');
    await page.getByLabel('Nom', { exact: true }).fill(PERSON.name);
    await page.getByLabel('Adresse e-mail').fill(PERSON.email);
    await page.getByLabel('Mot de passe').fill('password12');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    // A weak password: refused, explained in French, and what was typed is still there.
    await page.locator('.field__error').first().waitFor();
    assert.equal(await page.getByLabel('Nom', { exact: true }).inputValue(), PERSON.name);
    await shoot(page, 'signup-error');
    await page.getByLabel('Mot de passe').fill(PERSON.password);
    await page.getByLabel('Fuseau horaire').selectOption('Africa/Dakar');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.match(await page.locator('h1').innerText(), /e-mail|courriel/i);

    const mail = await mailbox.waitFor(PERSON.email, (m) => /verify\?token=/.test(m.text || ''));
    assert.match(mail.text, /Awa Ndiaye/);
    const link = linkIn(mail.text, '/verify');
    await open(page, `${hub.base}${link.pathname}${link.search}`);
    // Opened in the browser that signed up, the link signs her in and opens her account.
    assert.match(page.url(), /\/account$/);
    assert.match(await page.locator('main').innerText(), /Awa Ndiaye/);
    await shoot(page, 'verified');

    // Another day: she signs out, then back in.
    await page.getByRole('banner').getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(`${hub.base}/`);
    await page.getByRole('link', { name: 'Se connecter' }).first().click();
    await page.getByLabel('Adresse e-mail').fill(PERSON.email);
    await page.getByLabel('Mot de passe').fill(PERSON.password);
    await shoot(page, 'signin');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/account/);
    assert.match(await page.locator('main').innerText(), /Awa Ndiaye/);
    await shoot(page, 'account');

    await open(page, `${hub.base}/account/profile`);
    await page.locator('form [name="expertise"]').fill('santé communautaire, transferts de fonds');
    await page.locator('form [name="bio"]').fill('Coordinatrice d’une association de la diaspora sénégalaise à Lyon.');
    await page.locator('form [name="visibility"][value="members"]').check();
    await shoot(page, 'profile-edit');
    await page.locator('form.form button[type="submit"]').last().click();
    await page.locator('.alert--ok, .alert--error').first().waitFor();
    assert.equal(await page.locator('.alert--error').count(), 0, 'the profile was saved');

    await open(page, `${hub.base}/orgs/new`);
    await page.locator('form [name="name"]').fill('Diaspora sénégalaise de Lyon');
    await page.locator('form [name="type"]').selectOption('diaspora_organisation');
    await page.locator('form [name="description"]').fill('Entraide et projets de développement au Sénégal.');
    await shoot(page, 'org-new');
    await page.locator('form.form button[type="submit"]').last().click();
    await page.waitForURL(/\/orgs\/(?!new)[a-z0-9-]+(\?|$)/);
    assert.match(await page.locator('h1').innerText(), /Diaspora sénégalaise de Lyon/);
    await shoot(page, 'org');

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(`${hub.base}/`);
    assert.equal(await page.getByRole('link', { name: 'Se connecter' }).count(), 1);
    w.assertClean();
    await context.close();
  });
});
