// The organiser screens as an organiser uses them, with plain forms: sign in, create an event
// (previewing its Markdown first), add two sessions with guiding questions in two languages and a
// speaker, publish, and find the event on /events. Screenshots of the event form and the session
// form at 390 and 1280 px (build/screenshots/organise-*.png), and the event form in French.
import assert from 'node:assert/strict';
import { describe, it, before, after } from 'node:test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Server } from '../http/server.mjs';
import { makeUser } from '../http/accounts_helper.mjs';
import { SCREENSHOTS, launchBrowser, newContext, watch, open, follow, assertPageShape } from './harness.mjs';

const PASSWORD = 'violet harbour tractor 42';
const TITLE = 'Diaspora Investment Exchange 2030';

async function shoot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${name} at ${width} px scrolls sideways by ${overflow} px`);
    await page.screenshot({ path: join(SCREENSHOTS, `organise-${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/* Clicks the button (by its accessible name) of the form and waits for the page it leads to. */
const press = (page, name) => follow(page, page.getByRole('button', { name, exact: true }));

describe('organiser screens', () => {
  let server, browser;
  before(async () => {
    server = await Server.start();
    await makeUser(server, { email: 'ama@example.org', name: 'Ama Organiser', role: 'organiser', password: PASSWORD });
    await makeUser(server, { email: 'kofi@example.org', name: 'Kofi Speaker', password: PASSWORD });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an organiser creates, previews, fills and publishes an event with two sessions', { timeout: 120_000 }, async () => {
    const context = await newContext(browser);
    const w = watch(context, server.base);
    const page = await context.newPage();

    await open(page, `${server.base}/signin?lang=en`);
    await page.getByLabel('Email').fill('ama@example.org');
    await page.getByLabel('Password').fill(PASSWORD);
    await press(page, 'Sign in');
    await follow(page, page.getByRole('link', { name: 'Organise', exact: true }).first());
    await assertPageShape(page, '/organise');
    await follow(page, page.getByRole('link', { name: 'New event' }));
    assert.equal(new URL(page.url()).pathname, '/events/new');

    // Forgetting the title keeps what was typed and says what is missing.
    await page.locator('#summary_en').fill('Investing at home, from abroad.');
    await page.locator('#start_date').fill('2030-03-31');
    await page.locator('#start_time').fill('02:30');
    await page.locator('#tz').selectOption('Europe/Brussels');
    w.allowStatus(`${server.base}/events/new`, 422);
    const refused = await press(page, 'Save');
    assert.equal(refused.status(), 422);
    assert.match(await page.locator('#title_en-error').innerText(), /title in English/);
    assert.match(await page.locator('#start_time-error').innerText(), /does not exist in Europe\/Brussels/);
    assert.equal(await page.locator('#summary_en').inputValue(), 'Investing at home, from abroad.');

    await page.locator('#title_en').fill(TITLE);
    await page.locator('#title_fr').fill('Échange sur l\'investissement de la diaspora 2030');
    await page.locator('#description_en').fill('Three panels on **diaspora bonds** and remittances.');
    await page.locator('#start_date').fill('2030-05-14');
    await page.locator('#start_time').fill('14:00');
    await page.locator('#end_date').fill('2030-05-14');
    await page.locator('#end_time').fill('17:00');
    await page.getByLabel('French', { exact: true }).first().check();
    await page.locator('#interpretation-es').check();
    await press(page, 'Preview');
    assert.equal(await page.locator('.organise-preview strong').first().innerText(), 'diaspora bonds');
    assert.equal(await page.locator('#title_en').inputValue(), TITLE, 'the preview keeps the form filled in');
    await shoot(page, 'event-form');

    await press(page, 'Save');
    assert.match(new URL(page.url()).pathname, /^\/events\/diaspora-investment-exchange-2030\/manage$/);
    assert.match(await page.getByRole('status').innerText(), /created as a draft/);
    const dashboard = page.url();

    // Two sessions with guiding questions in English and French.
    const sessions = [
      { en: 'Diaspora bonds', fr: 'Obligations de la diaspora', q: ['Who buys them?', 'What do they fund?'], qfr: ['Qui les achète ?', 'Que financent-elles ?'], at: '14:00', to: '15:20' },
      { en: 'Remittances that build', fr: 'Des transferts qui construisent', q: ['How to lower their cost?'], qfr: ['Comment en réduire le coût ?'], at: '15:40', to: '17:00' },
    ];
    for (const [i, s] of sessions.entries()) {
      await follow(page, page.getByRole('link', { name: 'Add a session' }));
      await page.locator('#title_en').fill(s.en);
      await page.locator('#title_fr').fill(s.fr);
      await page.locator('#questions_en').fill(s.q.join('\n'));
      await page.locator('#questions_fr').fill(s.qfr.join('\n'));
      await page.locator('#start_time').fill(s.at);
      await page.locator('#end_time').fill(s.to);
      if (i === 0) await shoot(page, 'session-form');
      await press(page, 'Save');
      assert.match(new URL(page.url()).pathname, /\/sessions\/\d+\/edit$/, 'a new session opens its page for its people');
      if (i === 0) {
        await page.locator('#person-name').fill('');
        await page.locator('#person-email').fill('kofi@example.org');
        await page.locator('#person-affiliation').fill('Accra Diaspora Fund');
        await page.locator('#person-bio-en').fill('Kofi advises diaspora investors.');
        await press(page, 'Add a person');
        const people = page.locator('#people .organise-list');
        assert.match(await people.innerText(), /Kofi Speaker/);
        assert.match(await people.innerText(), /Speaker/);
        await shoot(page, 'session-edit');
      }
      await open(page, dashboard);
    }
    assert.equal(await page.locator('#sessions .organise-list > li').count(), 2);

    // No join link, place or registration yet: a checklist first, then "Publish anyway".
    await press(page, 'Publish');
    assert.match(await page.locator('main').innerText(), /People have no way to take part/);
    await press(page, 'Publish anyway');
    assert.match(await page.locator('.status').first().innerText(), /Published/);
    await shoot(page, 'dashboard');

    await follow(page, page.getByRole('link', { name: 'Events', exact: true }).first());
    const card = page.getByRole('link', { name: TITLE });
    assert.ok(await card.isVisible(), 'the published event is listed on /events');
    await follow(page, card);
    for (const s of sessions) {
      assert.ok(await page.getByRole('heading', { name: s.en }).isVisible(), `session ${s.en}`);
      for (const q of s.q) assert.ok(await page.getByText(q, { exact: true }).isVisible(), `question ${q}`);
    }
    assert.ok(await page.getByText('Kofi Speaker').first().isVisible(), 'the speaker is on the event page');
    assert.ok(await page.getByRole('link', { name: 'Manage this event' }).isVisible(), 'the organiser gets the manage bar');
    w.assertClean();
    await context.close();
  });

  it('the event form reads in French, with dates in French', { timeout: 60_000 }, async () => {
    const context = await newContext(browser, { locale: 'fr-FR' });
    const w = watch(context, server.base);
    const page = await context.newPage();
    await open(page, `${server.base}/signin?lang=fr`);
    await page.locator('#email').fill('ama@example.org');
    await page.locator('#password').fill(PASSWORD);
    await follow(page, page.locator('form[action="/signin"] button[type=submit]'));
    await open(page, `${server.base}/organise?lang=fr`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
    assert.match(await page.locator('.organise-list').first().innerText(), /mai 2030/, 'dates in French');
    await open(page, `${server.base}/events/diaspora-investment-exchange-2030/edit?lang=fr`);
    await shoot(page, 'event-form-fr');
    await open(page, `${server.base}/events/diaspora-investment-exchange-2030/manage?lang=fr`);
    await shoot(page, 'dashboard-fr');
    w.assertClean();
    await context.close();
  });
});
