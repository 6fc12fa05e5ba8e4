// An event page as a visitor reads it, with JavaScript on, in a time zone chosen at /timezone.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SEED, hubAndBrowser, newContext, watch, open, assertPageShape } from './harness.mjs';

describe('event page', () => {
  const env = hubAndBrowser();

  // Demo events known only by their day or year (no time of day).
  const undated = SEED.events.filter((e) => e.precision === 'year' || e.precision === 'day');

  it('an event known only by its day or year shows that, and no invented time of day', { timeout: 60_000 }, async () => {
    // A viewer on the other side of the world from the events' zone, where a wrong
    // midnight-in-Brussels conversion shows the day before.
    const context = await newContext(env.browser, { timezoneId: 'America/Los_Angeles' });
    await context.addCookies([{ name: 'tz', value: 'America/Los_Angeles', url: env.hub.base }]);
    const w = watch(context, env.hub.base);
    const page = await context.newPage();
    const problems = [];
    for (const e of undated) {
      await open(page, `${env.hub.base}/events/${e.slug}?lang=en`);
      await assertPageShape(page, e.slug);
      const title = e.texts.en?.title ?? e.texts[e.default_lang].title;
      assert.equal((await page.locator('h1').innerText()).trim(), title, `${e.slug}: its title`);

      const localTime = page.locator('.time-yours');
      for (let i = 0; i < (await localTime.count()); i++) {
        if (await localTime.nth(i).isVisible())
          problems.push(`${e.slug} (${e.precision} ${e.date}): shows a "your time" of "${(await localTime.nth(i).innerText()).trim()}"`);
      }
      const datetimes = await page.getByRole('main').locator('time[datetime]').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
      for (const dt of datetimes)
        if (!dt.startsWith(e.date)) problems.push(`${e.slug} (${e.precision} ${e.date}): <time datetime="${dt}">`);
    }
    assert.deepEqual(problems, [], 'undated events');
    w.assertClean();
    await context.close();
  });

  it('the time-zone picker pre-selects the browser\'s zone when none is chosen yet', { timeout: 60_000 }, async () => {
    const context = await newContext(env.browser, { timezoneId: 'Asia/Kathmandu' });
    const w = watch(context, env.hub.base);
    const page = await context.newPage();
    await open(page, `${env.hub.base}/timezone?lang=en`);
    assert.equal(await page.locator('select#tz').inputValue(), 'Asia/Kathmandu');
    await context.addCookies([{ name: 'tz', value: 'America/Lima', url: env.hub.base }]);
    await open(page, `${env.hub.base}/timezone?lang=en`);
    assert.equal(await page.locator('select#tz').inputValue(), 'America/Lima', 'a chosen zone is kept');
    w.assertClean();
    await context.close();
  });
});
