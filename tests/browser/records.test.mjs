// An organiser keeps the record of an event through the browser: writes the outcome summary
// (previewed, then saved), adds two proposals, uploads the graphic summary; a visitor then reads
// them on the event page. The statistics page (server-made SVG charts beside their tables) is shot
// at 390 px and 1280 px, in English and French, and must fit a phone without sideways scrolling.
// Screenshots go to build/screenshots/records-*.png.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, before, after } from 'node:test';
import { SCREENSHOTS, launchBrowser, newContext, watch, open, assertPageShape, shootWidths } from './harness.mjs';
import { Server } from '../http/server.mjs';
import { makeUser } from '../http/accounts_helper.mjs';
import { sql, q, makeEvent, bandsPng } from '../http/records_helper.mjs';

const PASSWORD = 'violet harbour tractor 42';
const SLUG = 'records-browser-exchange';

describe('the record of an event', () => {
  let server, browser, organiserEmail = 'olu@example.org';
  before(async () => {
    server = await Server.start();
    const { id } = await makeUser(server, { email: organiserEmail, name: 'Olu Organiser', password: PASSWORD });
    const eventId = makeEvent(server, { slug: SLUG, organiserId: id, title: 'Diaspora skills exchange' });
    // Registrations and attendance, as the registration area would write them.
    const rows = [];
    const countries = ['SN', 'SN', 'FR', 'MA', 'CD', 'CO', 'MX', 'SN', 'FR', 'PH'];
    const groups = ['diaspora_member', 'ngo', 'academia', 'private_sector', 'national_government'];
    countries.forEach((c, i) => {
      const email = `p${i}@example.org`, user = `(SELECT id FROM users WHERE email = ${q(email)})`;
      rows.push(`INSERT INTO users (email, name, created_at) VALUES (${q(email)}, 'Person ${i}', 0)`);
      rows.push(`INSERT INTO profiles (user_id, display_name, stakeholder_group, updated_at) VALUES (${user}, 'P', ${q(groups[i % groups.length])}, 0)`);
      rows.push(`INSERT INTO profile_countries (user_id, kind, country) VALUES (${user}, 'residence', ${q(c)})`);
      rows.push(`INSERT INTO registrations (event_id, user_id, status, lang, cancel_token_hash, created_at, updated_at)
        VALUES (${eventId}, ${user}, ${q(i < 8 ? 'confirmed' : 'waitlisted')}, ${q(['en', 'fr', 'es'][i % 3])}, 'b${i}', ${1709280000 + i * 86400 * 2}, 0)`);
      if (i < 6) rows.push(`INSERT INTO attendance (event_id, user_id, joined_at) VALUES (${eventId}, ${user}, ${1711634400 + i * 900})`);
    });
    sql(server, rows.join(';\n') + ';');
    browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const shoot = (page, name) => shootWidths(page, `records-${name}`);

  it('an organiser writes the outcome, adds two proposals and the graphic summary; readers see them', { timeout: 120_000 }, async () => {
    const context = await newContext(browser);
    const w = watch(context, server.base);
    const page = await context.newPage();
    await open(page, `${server.base}/signin?lang=en`);
    await page.getByLabel('Email address').fill(organiserEmail);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState('load');

    await open(page, `${server.base}/events/${SLUG}/record`);
    await assertPageShape(page, 'record editor');
    await page.getByLabel('Outcome summary · English').fill('Participants agreed on **two proposals** to map diaspora skills.');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('.record-preview strong', { hasText: 'two proposals' }).waitFor();
    await page.getByRole('button', { name: 'Save the summary' }).click();
    await page.getByText('Saved.').waitFor();

    const proposals = [['A shared registry of diaspora skills', 'Kept by the consulates, open to employers.'],
      ['Mentoring pairs across borders', 'Young professionals paired with experienced diaspora members.']];
    for (const [title, body] of proposals) {
      await page.locator('summary', { hasText: 'Add a proposal' }).click();
      const form = page.locator('.record-new form');
      await form.getByLabel('Title').first().fill(title);
      await form.getByLabel('Text').first().fill(body);
      await form.getByRole('button', { name: 'Add a proposal' }).click();
      await page.getByText('Saved.').waitFor();
    }
    assert.equal(await page.locator('#proposals .record-item').count(), 2);

    await page.getByRole('radio', { name: 'Graphic summary' }).check();
    await page.locator('#doc-title').fill('Drawing of the exchange: skills, mentoring, trust');
    await page.locator('#doc-file').setInputFiles({ name: 'summary.png', mimeType: 'image/png', buffer: await bandsPng(640, 360) });
    await page.getByRole('button', { name: 'Attach' }).click();
    await page.getByText('Saved.').waitFor();
    assert.match(await page.locator('#documents .record-item').first().innerText(), /PNG image/);
    await shoot(page, 'editor');
    w.assertClean();

    const reader = await newContext(browser);
    const rw = watch(reader, server.base);
    const view = await reader.newPage();
    await open(view, `${server.base}/events/${SLUG}?lang=en`);
    await view.getByRole('heading', { name: 'Outcome summary' }).waitFor();
    assert.equal(await view.locator('.record strong').innerText(), 'two proposals');
    for (const [title] of proposals) assert.ok(await view.getByText(title, { exact: true }).isVisible(), title);
    const img = view.getByRole('img', { name: 'Drawing of the exchange: skills, mentoring, trust' });
    assert.ok(await img.isVisible());
    assert.equal(await img.evaluate((i) => i.naturalWidth), 640, 'the image loads');
    assert.equal(await view.getByRole('link', { name: 'See the statistics' }).count(), 0, 'statistics not published');
    await shoot(view, 'event');
    rw.assertClean();
    await reader.close();

    // Published statistics, read in French.
    await open(page, `${server.base}/events/${SLUG}/stats?lang=en`);
    await assertPageShape(page, 'statistics');
    await page.getByRole('button', { name: 'Publish the statistics' }).click();
    await page.getByRole('button', { name: 'Make the statistics private again' }).waitFor();
    const charts = page.locator('svg.chart[role="img"]');
    assert.equal(await charts.count(), 6);
    assert.ok(await page.getByRole('img', { name: 'By country of residence' }).isVisible());
    assert.ok(await page.getByRole('table', { name: 'By country of residence' }).isVisible());
    await shoot(page, 'stats');
    await open(page, `${server.base}/events/${SLUG}/stats?lang=fr`);
    assert.ok(await page.getByRole('cell', { name: 'Sénégal' }).or(page.getByRole('rowheader', { name: 'Sénégal' })).first().isVisible());
    await shoot(page, 'stats-fr');
    w.assertClean();
    await context.close();
  });
});
