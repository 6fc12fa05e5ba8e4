// An event page as a visitor reads it, with JavaScript on (app.js adds the viewer's own time).
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
    const w = watch(context, env.hub.base);
    const page = await context.newPage();
    const problems = [];
    for (const e of undated) {
      await open(page, `${env.hub.base}/events/${e.slug}?lang=en`);
      await assertPageShape(page, e.slug);
      const title = e.texts.en?.title ?? e.texts[e.default_lang].title;
      assert.equal((await page.locator('h1').innerText()).trim(), title, `${e.slug}: its title`);

      const localTime = page.locator('[data-local-time]');
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
});
