// A moderator works through the queue of questions awaiting approval (its count, one-click
// Approve, Pin, Answered and Hide on each card, by keyboard, focus moving to the next card), with
// JavaScript and without it (plain forms that post and come back to the next card); a participant
// asks with JavaScript and the focus stays on the form while the result is announced; the
// presenter view shows the open poll with live results and the pinned question once. Shots of the
// moderator's queue and of the presenter view in French and Spanish at 390 and 1280 px
// (build/screenshots/room-queue-*.png, room-present-poll-*.png).
import assert from 'node:assert/strict';
import { describe, it, before, after } from 'node:test';
import { launchBrowser, newContext, watch, open, shootWidths } from './harness.mjs';
import { Server } from '../http/server.mjs';
import { makeUser } from '../http/accounts_helper.mjs';
import { makeRoom, signInPage } from '../http/rooms_helper.mjs';

const PASSWORD = 'violet harbour tractor 42';

const signInAs = (context, base, email) => signInPage(context, base, email, PASSWORD);

/* What has the focus: the id of the closest element with one, and its own text. */
/* Waits until the live region has said what (every text it held is recorded by an observer added
 * to each page); the focus is settled by then. */
const announced = (page, what) => page.waitForFunction((t) => (window.announcements || []).some((a) => a.includes(t)), what);
const recordAnnouncements = (context) => context.addInitScript(() => {
  window.announcements = [];
  document.addEventListener('DOMContentLoaded', () => {
    const region = document.getElementById('room-announce');
    if (region) new MutationObserver(() => window.announcements.push(region.textContent)).observe(region, { childList: true, characterData: true, subtree: true });
  });
});

const focused = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return { tag: a.tagName, card: a.closest('[id]')?.id ?? '', text: a.textContent.trim(), inForm: !!a.closest('form.room-ask') };
});

describe('the moderators\' queue, asking and the presenter view', () => {
  let server, browser, room, awa, roomUrl;
  /* Awa asks a question through HTTP (the queue is what is tested here); returns nothing. */
  const ask = async (body) => {
    await awa.get(`/rooms/${room}`);
    assert.equal((await awa.post(`/rooms/${room}/questions`, { body })).status, 303);
  };
  before(async () => {
    server = await Server.start();
    const mod = await makeUser(server, { email: 'mo@example.org', name: 'Mo Moderator', password: PASSWORD });
    awa = (await makeUser(server, { email: 'awa@example.org', name: 'Awa Participant', password: PASSWORD })).client;
    ({ roomId: room } = makeRoom(server, { slug: 'room-queue-exchange', moderatorId: mod.id, title: 'Diaspora exchange' }));
    roomUrl = `${server.base}/rooms/${room}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('asking with JavaScript keeps the focus on the form and announces the result', { timeout: 60_000 }, async () => {
    const pc = await newContext(browser);
    await recordAnnouncements(pc);
    const w = watch(pc, server.base);
    const p = await signInAs(pc, server.base, 'awa@example.org');
    await open(p, roomUrl);
    await p.locator('#ask-body').fill('What about remittance costs?');
    await p.locator('form.room-ask button[type="submit"]').focus();
    await p.keyboard.press('Enter');
    await p.locator('#question-list .room-q--pending', { hasText: 'remittance costs' }).waitFor();
    await announced(p, 'Your question was sent');
    const f = await focused(p);
    assert.ok(f.inForm, `the focus stays on the ask form, not on ${f.tag}`);
    w.assertClean();
    await pc.close();
  });

  it('with JavaScript: the queue counts, each action is one key press, the focus moves to the next card', { timeout: 90_000 }, async () => {
    await ask('Second question for the queue');
    await ask('Third question for the queue');
    const mc = await newContext(browser);
    await recordAnnouncements(mc);
    const w = watch(mc, server.base);
    const m = await signInAs(mc, server.base, 'mo@example.org');
    await open(m, roomUrl);
    const queue = m.locator('#queue');
    assert.equal(await queue.locator('[data-f="queue_count"]').innerText(), '3');
    assert.equal(await m.locator('#question-list li').count(), 0, 'pending questions are in the queue, not among the others');
    const cards = queue.locator('li.room-q');
    assert.match(await cards.first().innerText(), /remittance costs/, 'oldest first');
    assert.equal(await m.locator('#queue details:not(.room-q__more)').count(), 0, 'no disclosure to open first');

    // Approve the first by keyboard: the focus goes to the next card's first action.
    const first = cards.first();
    await first.getByRole('button', { name: 'Approve' }).focus();
    await m.keyboard.press('Enter');
    await m.locator('#question-list li', { hasText: 'remittance costs' }).waitFor();
    await announced(m, 'Question approved.');
    assert.equal(await queue.locator('[data-f="queue_count"]').innerText(), '2');
    let f = await focused(m);
    assert.match(f.text, /^Approve/, 'the focus is on the next card\'s first button');
    assert.match(await m.locator(`#${f.card}`).innerText(), /Second question/);

    // Pin the next one (which approves it too), then hide the last one with its reason.
    await m.keyboard.press('Tab'); // Pin
    assert.match((await focused(m)).text, /^Pin/);
    await m.keyboard.press('Enter');
    await m.locator('#pinned:not(.room-hidden)', { hasText: 'Second question' }).waitFor();
    await announced(m, 'Question pinned');
    f = await focused(m);
    assert.match(await m.locator(`#${f.card}`).innerText(), /Third question/);
    const last = m.locator('#queue li.room-q', { hasText: 'Third question' });
    await last.getByLabel('Reason').selectOption('off_topic');
    await last.getByRole('button', { name: 'Hide' }).click();
    await announced(m, 'Question hidden.');
    assert.equal(await queue.locator('[data-f="queue_count"]').innerText(), '0');
    assert.ok(await m.locator('#queue-empty').isVisible(), 'the empty queue says so');
    assert.equal((await focused(m)).card, 'queue', 'with no card left the focus is on the queue');

    // On a card of the list: Answered keeps the focus on that card.
    const pinned = m.locator('#question-list li.room-q', { hasText: 'Second question' });
    await pinned.getByRole('button', { name: 'Mark as answered' }).click();
    await announced(m, 'Question marked as answered.');
    f = await focused(m);
    assert.match(await m.locator(`#${f.card}`).innerText(), /Second question/);
    assert.notEqual(f.tag, 'BODY');
    w.assertClean();
    await mc.close();
  });

  it('without JavaScript: plain forms post and come back to the next card of the queue', { timeout: 60_000 }, async () => {
    await ask('Fourth question, no script');
    await ask('Fifth question, no script');
    const mc = await newContext(browser, { javaScriptEnabled: false });
    const m = await signInAs(mc, server.base, 'mo@example.org');
    await open(m, roomUrl);
    assert.equal(await m.locator('#queue [data-f="queue_count"]').innerText(), '2');
    const fourth = m.locator('#queue li.room-q', { hasText: 'Fourth question' });
    const fifthId = await m.locator('#queue li.room-q', { hasText: 'Fifth question' }).getAttribute('id');
    await fourth.getByRole('button', { name: 'Approve' }).click();
    await m.waitForURL(new RegExp(`/rooms/${room}#${fifthId}$`));
    assert.equal(await m.locator('#queue [data-f="queue_count"]').innerText(), '1');
    assert.ok(await m.locator('#question-list li', { hasText: 'Fourth question' }).isVisible());
    await m.locator('#queue li.room-q', { hasText: 'Fifth question' }).getByRole('button', { name: 'Mark as answered' }).click();
    await m.waitForURL(new RegExp(`/rooms/${room}#queue$`));
    assert.equal(await m.locator('#queue [data-f="queue_count"]').innerText(), '0');
    assert.equal(await m.locator('#question-list li[data-status="answered"]', { hasText: 'Fifth question' }).count(), 1);
    await mc.close();
  });

  it('the presenter view shows the open poll with live results and the pinned question once', { timeout: 60_000 }, async () => {
    const mc = await newContext(browser);
    const w = watch(mc, server.base);
    const m = await signInAs(mc, server.base, 'mo@example.org');
    await open(m, roomUrl);
    await m.locator('#question-list li.room-q', { hasText: 'remittance costs' }).getByRole('button', { name: 'Pin: now answering' }).click();
    await m.locator('#pinned:not(.room-hidden)', { hasText: 'remittance costs' }).waitFor();
    const present = await mc.newPage();
    await open(present, `${roomUrl}/present`);
    assert.equal(await present.locator('.present__question').innerText(), 'What about remittance costs?');
    assert.equal(await present.locator('#question-list li:visible', { hasText: 'remittance costs' }).count(), 0);
    // Pinning another question live: it is shown large, and not a second time in the list.
    await m.locator('#question-list li.room-q', { hasText: 'Fourth question' }).getByRole('button', { name: 'Pin: now answering' }).click();
    await present.locator('.present__question', { hasText: 'Fourth question' }).waitFor();
    await m.locator('#question-list li.room-q', { hasText: 'remittance costs' }).getByRole('button', { name: 'Upvote' }).click();
    await present.locator('#question-list li', { hasText: 'remittance costs' }).locator('[data-f="votes"]', { hasText: '1' }).waitFor();
    assert.equal(await present.locator('#question-list li:visible', { hasText: 'Fourth question' }).count(), 0, 'the pinned question is not listed again');
    const shown = await present.evaluate(() => [...document.querySelectorAll('#pinned [data-f="body"], #question-list li')]
      .filter((e) => e.checkVisibility() && e.textContent.includes('Fourth question')).map((e) => e.outerHTML));
    assert.equal(shown.length, 1, `shown once: ${shown.join('\n')}`);

    // A poll opened with its results shown: the presenter view follows the votes live.
    await m.locator('summary', { hasText: 'New poll' }).click();
    await m.locator('#poll-question').fill('Which sector first?');
    await m.locator('#poll-options').fill('Public\nPrivate\nDiaspora');
    await m.getByRole('button', { name: 'Create the poll' }).click();
    const poll = present.locator('#poll-list .room-poll', { hasText: 'Which sector first?' });
    await poll.waitFor();
    assert.ok(!(await poll.locator('[data-f="results"]').isVisible()), 'no results before they are shown to everyone');
    const pollId = await poll.getAttribute('data-id');
    await m.locator(`#poll-${pollId}`).getByRole('button', { name: 'Show the results' }).click();
    const optionId = (await m.locator(`#poll-${pollId} [data-option]`).nth(2).getAttribute('data-option'));
    await awa.get(`/rooms/${room}`);
    assert.equal((await awa.post(`/rooms/${room}/polls/${pollId}/vote`, { option: optionId })).status, 303);
    await poll.locator('[data-option]').nth(2).locator('[data-f="percent"]', { hasText: '100' }).waitFor();
    assert.ok(await poll.locator('[data-f="results"]').isVisible());
    w.assertClean();
    await mc.close();
  });

  it('the queue and the presenter view in French and Spanish fit at 390 and 1280 px', { timeout: 90_000 }, async () => {
    await ask('Comment réduire le coût des transferts ?');
    await ask('¿Cómo participan los jóvenes de la diáspora?');
    for (const lang of ['fr', 'es']) {
      const mc = await newContext(browser, { locale: lang });
      const m = await signInAs(mc, server.base, 'mo@example.org');
      await open(m, `${roomUrl}?lang=${lang}`);
      assert.equal(await m.locator('html').getAttribute('lang'), lang);
      assert.equal(await m.locator('#queue [data-f="queue_count"]').innerText(), '2');
      await shootWidths(m, `room-queue-${lang}`);
      await open(m, `${roomUrl}/present?lang=${lang}`);
      await m.locator('#present-poll .room-poll').waitFor();
      await shootWidths(m, `room-present-poll-${lang}`);
      await mc.close();
    }
  });
});
