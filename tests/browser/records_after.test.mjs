// After the event, through the browser: an organiser attaches a session's video with its WebVTT
// captions; readers in French and Spanish find the record first on the event page (outcome,
// recording in a player with its captions track, proposals, a proposal text only in another language
// marked as such, the live rooms' answered questions and poll results); the statistics show a single
// day of attendance as a bar with its date; an admin reads the audit log in French and Spanish.
// Screenshots (fr, es at 390 and 1280 px) go to build/screenshots/records-after-*.png.
import assert from 'node:assert/strict';
import { describe, it, before, after } from 'node:test';
import { launchBrowser, newContext, watch, open, assertPageShape, shootWidths } from './harness.mjs';
import { Server } from '../http/server.mjs';
import { makeUser } from '../http/accounts_helper.mjs';
import { sql, makeEvent, insertAfterEvent, MP4, VTT } from '../http/records_helper.mjs';

const PASSWORD = 'violet harbour tractor 42';
const SLUG = 'after-browser-exchange';

describe('after the event', () => {
  let server, browser, organiserEmail = 'olu-after@example.org';
  before(async () => {
    server = await Server.start();
    const { id } = await makeUser(server, { email: organiserEmail, name: 'Olu Organiser', password: PASSWORD });
    const asker = await makeUser(server, { email: 'asker-after@example.org', name: 'Aziz Asker', password: PASSWORD });
    const eventId = makeEvent(server, { slug: SLUG, organiserId: id, title: 'Diaspora investment exchange', langs: ['en', 'fr', 'es'] });
    insertAfterEvent(server, eventId, asker.id);
    // One registrant who joined: a single point on the attendance chart.
    sql(server, `INSERT INTO registrations (event_id, user_id, status, lang, cancel_token_hash, created_at, updated_at)
        VALUES (${eventId}, ${asker.id}, 'confirmed', 'es', 'after-b', 1709280000, 0);
      INSERT INTO attendance (event_id, user_id, joined_at) VALUES (${eventId}, ${asker.id}, 1711634700);
      UPDATE events SET stats_public = 1 WHERE id = ${eventId};`);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const signIn = async (page, email, password) => {
    await open(page, `${server.base}/signin?lang=en`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState('load');
  };

  it('an organiser attaches a session\'s video with captions', { timeout: 120_000 }, async () => {
    const context = await newContext(browser);
    const w = watch(context, server.base);
    const page = await context.newPage();
    await signIn(page, organiserEmail, PASSWORD);
    await open(page, `${server.base}/events/${SLUG}/record`);
    await page.getByRole('radio', { name: 'Recording' }).check();
    await page.locator('#doc-title').fill('Panel on remittances, full video');
    await page.getByLabel('Session', { exact: true }).selectOption({ label: 'Remittances and investment' });
    await page.locator('#doc-file').setInputFiles({ name: 'panel.mp4', mimeType: 'video/mp4', buffer: MP4 });
    await page.getByLabel('Captions (optional)').setInputFiles({ name: 'panel.vtt', mimeType: 'text/vtt', buffer: VTT });
    await page.getByRole('button', { name: 'Attach' }).click();
    await page.getByText('Saved.').waitFor();
    assert.match(await page.locator('#documents .record-item').first().innerText(), /Remittances and investment/);
    w.assertClean();
    await context.close();
  });

  for (const [lang, words] of [
    ['fr', { summary: 'Synthèse des résultats', rooms: 'Depuis les salles en direct', only: 'Uniquement en espagnol', captions: 'Sous-titres' }],
    ['es', { summary: 'Resumen de resultados', rooms: 'Desde las salas en directo', only: 'Solo en inglés', captions: 'Subtítulos' }],
  ]) {
    it(`a reader in ${lang} finds the record first, the player with its captions, and the rooms' results`, { timeout: 120_000 }, async () => {
      const context = await newContext(browser, { locale: lang });
      const w = watch(context, server.base);
      const page = await context.newPage();
      await open(page, `${server.base}/events/${SLUG}?lang=${lang}`);
      await assertPageShape(page, `event ${lang}`);
      const headings = await page.locator('.event__main h2').allInnerTexts();
      assert.ok(headings.indexOf(words.rooms) > 0, `the rooms in ${headings.join(' | ')}`);
      assert.ok(headings.findIndex((h) => /Synth|Resumen/.test(h)) < headings.length - 2, 'the record before the programme');
      assert.ok(headings.indexOf(words.rooms) < headings.length - 2);
      const video = page.locator('video');
      assert.equal(await video.count(), 1);
      const track = video.locator('track[kind="captions"]');
      assert.equal(await track.getAttribute('label'), words.captions);
      const captions = await page.evaluate(async () => (await fetch(document.querySelector('video track').src)).text());
      assert.match(captions, /^WEBVTT/);
      assert.ok(await page.getByText('How can consulates help diaspora investors?').isVisible());
      assert.ok(await page.getByText('Which instrument matters most?').isVisible());
      assert.equal(await page.getByText('Still waiting for approval').count(), 0);
      const note = page.getByText(words.only, { exact: true }).first();
      assert.ok(await note.isVisible(), words.only);
      assert.ok(await page.locator('.proposals [lang]').first().isVisible(), 'the fallback text carries its lang');
      await shootWidths(page, `records-after-event-${lang}`);
      w.assertClean();
      await context.close();
    });
  }

  it('the statistics show one day of attendance as a bar, dated, in French and Spanish', { timeout: 60_000 }, async () => {
    const context = await newContext(browser);
    const w = watch(context, server.base);
    const page = await context.newPage();
    for (const [lang, day] of [['fr', '28 mars 2024'], ['es', '28 mar 2024']]) {
      await open(page, `${server.base}/events/${SLUG}/stats?lang=${lang}`);
      const chart = page.locator('svg#chart-attendance, svg[aria-labelledby="chart-attendance-title"]');
      assert.equal(await chart.locator('rect.chart__bar').count(), 1);
      assert.equal(await chart.locator('.chart__line').count(), 0);
      assert.ok(await chart.getByText(day, { exact: true }).count() > 0, day);
      await shootWidths(page, `records-after-stats-${lang}`);
    }
    w.assertClean();
    await context.close();
  });

  it('an admin reads the audit log in French and Spanish', { timeout: 60_000 }, async () => {
    const context = await newContext(browser);
    const w = watch(context, server.base);
    const page = await context.newPage();
    await signIn(page, 'admin@example.org', 'demo-admin-password-2024');
    for (const [lang, label, detail] of [
      ['fr', 'Document ajouté', `événement ${SLUG} : enregistrement « Panel on remittances, full video »`],
      ['es', 'Documento añadido', `evento ${SLUG}: grabación «Panel on remittances, full video»`],
    ]) {
      await open(page, `${server.base}/admin/audit?action=document_add&lang=${lang}`);
      await assertPageShape(page, `audit ${lang}`);
      assert.ok(await page.getByRole('rowheader', { name: label }).first().isVisible(), label);
      assert.ok(await page.getByRole('cell', { name: detail }).isVisible(), detail);
      await shootWidths(page, `records-after-audit-${lang}`);
    }
    w.assertClean();
    await context.close();
  });
});
