// The live room with two people at once, each in their own browser context: a participant asks a
// question in French; the moderator approves and pins it; the participant's page shows it pinned
// without a reload; the presenter view shows it; a poll is opened and answered and the result bars
// update live on the participant's page. Then the room, the moderator's view and the presenter
// view are shot at 390 px and 1280 px in French and Spanish (build/screenshots/room-*.png); the
// pages must fit a phone without sideways scrolling.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, before, after } from 'node:test';
import { SCREENSHOTS, launchBrowser, newContext, watch, open, assertPageShape, shootWidths } from './harness.mjs';
import { Server } from '../http/server.mjs';
import { makeUser } from '../http/accounts_helper.mjs';
import { makeRoom, signInPage } from '../http/rooms_helper.mjs';

const PASSWORD = 'violet harbour tractor 42';
const QUESTION = 'Comment les collectivités locales peuvent-elles travailler avec les diasporas ?';

const signInAs = (context, base, email) => signInPage(context, base, email, PASSWORD);

describe('the live room, two people at once', () => {
  let server, browser, room;
  before(async () => {
    server = await Server.start();
    const mod = await makeUser(server, { email: 'mo@example.org', name: 'Mo Moderator', password: PASSWORD });
    await makeUser(server, { email: 'awa@example.org', name: 'Awa Participant', password: PASSWORD });
    ({ roomId: room } = makeRoom(server, { slug: 'room-browser-exchange', moderatorId: mod.id, title: 'Diaspora exchange' }));
    browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const shoot = (page, name) => shootWidths(page, `room-${name}`);

  it('a question asked in French is approved, pinned and shown live; a poll\'s bars update live', { timeout: 120_000 }, async () => {
    const pc = await newContext(browser, { locale: 'fr-FR' });
    const mc = await newContext(browser);
    const pw = watch(pc, server.base), mw = watch(mc, server.base);
    const p = await signInAs(pc, server.base, 'awa@example.org');
    const m = await signInAs(mc, server.base, 'mo@example.org');
    const url = `${server.base}/rooms/${room}`;

    await open(p, `${url}?lang=fr`);
    await assertPageShape(p, 'room');
    await open(m, url);
    await p.locator('#ask-body').fill(QUESTION);
    assert.equal(await p.locator('#ask-language').inputValue(), 'fr', 'the question\'s language defaults to the page\'s');
    await p.locator('form.room-ask button[type="submit"]').click();
    // Sent without leaving the page; it comes back as the asker's pending question.
    await p.locator('#question-list .room-q--pending', { hasText: QUESTION }).waitFor();
    assert.equal(await p.locator('#ask-body').inputValue(), '', 'the form is emptied');

    // The moderator sees it arrive in the queue without reloading, approves and pins it.
    const item = m.locator('li.room-q', { hasText: QUESTION });
    await item.waitFor();
    assert.equal(await item.getAttribute('data-status'), 'pending');
    await item.getByRole('button', { name: 'Approve' }).click();
    await m.waitForFunction((t) => [...document.querySelectorAll('#question-list li')].some((li) => li.dataset.status === 'visible' && li.textContent.includes(t)), QUESTION);
    await item.getByRole('button', { name: 'Pin: now answering' }).click();

    // The participant's page, never reloaded, shows it pinned.
    await p.locator('#pinned:not(.room-hidden) [data-f="body"]', { hasText: QUESTION }).waitFor();
    assert.equal(await p.locator('#pinned [data-f="body"]').getAttribute('lang'), 'fr');
    // The live region is filled a moment after the change (emptied first, so that it is read again).
    await p.waitForFunction((t) => document.getElementById('room-announce').textContent.includes(t), QUESTION.slice(0, 40));

    // The presenter view shows it in large type.
    const present = await mc.newPage();
    await open(present, `${url}/present`);
    assert.equal(await present.locator('.present__question').innerText(), QUESTION);
    const size = await present.locator('.present__question').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    assert.ok(size >= 28, `the pinned question is large (${size} px)`);

    // A poll, opened by the moderator, reaches the participant live; the bars follow the votes.
    await m.locator('summary', { hasText: 'New poll' }).click();
    await m.locator('#poll-question').fill('Quel secteur en premier ?');
    await m.locator('#poll-options').fill('Public\nPrivé\nDiaspora');
    await m.getByRole('button', { name: 'Create the poll' }).click();
    const poll = p.locator('#poll-list .room-poll', { hasText: 'Quel secteur en premier ?' });
    await poll.waitFor();
    await poll.getByLabel('Diaspora').check();
    await poll.locator('button[type="submit"]').click();
    await poll.locator('form').waitFor({ state: 'detached' });
    const mpoll = m.locator('#poll-list .room-poll', { hasText: 'Quel secteur en premier ?' });
    await mpoll.locator('[data-option] [data-f="votes"]').nth(2).filter({ hasText: '1' }).waitFor();
    await mpoll.getByRole('button', { name: 'Show the results' }).click();
    const bar = poll.locator('[data-option]').nth(2);
    await bar.locator('[data-f="percent"]', { hasText: '100' }).waitFor();
    assert.equal(await bar.locator('progress').evaluate((e) => e.value), 100);
    assert.ok(await poll.locator('[data-f="results"]').isVisible(), 'the results are shown to participants');

    pw.assertClean();
    mw.assertClean();
    await pc.close();
    await mc.close();
  });

  it('the room, the moderator\'s view and the presenter view in French and Spanish fit at 390 and 1280 px', { timeout: 120_000 }, async () => {
    for (const lang of ['fr', 'es']) {
      const pc = await newContext(browser, { locale: lang });
      const p = await signInAs(pc, server.base, 'awa@example.org');
      await open(p, `${server.base}/rooms/${room}?lang=${lang}`);
      assert.equal(await p.locator('html').getAttribute('lang'), lang);
      await p.locator('#chat-message').fill(lang === 'fr' ? 'Bonjour depuis Dakar' : 'Saludos desde Bogotá');
      await p.locator('form.room-chat__form button').click();
      await p.locator('#chat-list li', { hasText: lang === 'fr' ? 'Dakar' : 'Bogotá' }).waitFor();
      await shoot(p, `participant-${lang}`);
      await p.close();
      const mc = await newContext(browser, { locale: lang });
      const m = await signInAs(mc, server.base, 'mo@example.org');
      await open(m, `${server.base}/rooms/${room}?lang=${lang}`);
      await shoot(m, `moderator-${lang}`);
      await open(m, `${server.base}/rooms/${room}/present?lang=${lang}`);
      await shoot(m, `present-${lang}`);
      await pc.close();
      await mc.close();
    }
  });
});
