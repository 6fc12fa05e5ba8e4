// The event listing's filters as a person uses them: by keyboard alone on a 390 px phone screen,
// in English and in French, with the count of matching events and the way back to all of them.
// Screenshots of /events with filters at 390 and 1280 px go to build/screenshots/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SCREENSHOTS, SEED, hubAndBrowser, newContext, watch, open, assertPageShape } from './harness.mjs';

// The demo editions held in French or with French among their languages.
const FRENCH = SEED.events.filter((e) => e.languages.split(',').includes('fr'));

/* The titles of the event cards shown, in order. */
const cardTitles = (page) => page.locator('.card__title').allInnerTexts();

/* Presses Tab until the element matching selector has the focus (at most 40 times). */
async function tabTo(page, selector) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
  }
  assert.fail(`Tab never reached ${selector}`);
}

describe('event listing filters', () => {
  const env = hubAndBrowser();

  for (const lang of ['en', 'fr']) {
    it(`filter by language with the keyboard at 390 px, then clear (${lang})`, { timeout: 60_000 }, async () => {
      const context = await newContext(env.browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      const w = watch(context, env.hub.base);
      const page = await context.newPage();
      await open(page, `${env.hub.base}/events?lang=${lang}`);
      await assertPageShape(page, '/events');
      const all = await cardTitles(page);
      assert.equal(all.length, SEED.events.length, 'every demo edition before filtering');

      // Keyboard only: Tab to the language select, pick French with the arrow keys, Tab to the
      // button and press Enter.
      await tabTo(page, 'select#language');
      const label = await page.evaluate(() => document.activeElement.labels[0].innerText.trim());
      assert.ok(label.length > 0, 'the select has a visible label');
      for (let i = 0; i < 3 && (await page.locator('select#language').inputValue()) !== 'fr'; i++) await page.keyboard.press('ArrowDown');
      assert.equal(await page.locator('select#language').inputValue(), 'fr');
      await tabTo(page, 'form.listing-filters button[type="submit"]');
      await Promise.all([page.waitForURL(/language=fr/), page.keyboard.press('Enter')]);
      await page.waitForLoadState('load');

      const url = new URL(page.url());
      assert.equal(url.pathname, '/events');
      assert.equal(url.searchParams.get('language'), 'fr');
      assert.equal(await page.locator('select#language').inputValue(), 'fr', 'the choice is kept');
      const shown = await cardTitles(page);
      const want = FRENCH.map((e) => (e.texts[lang] ?? e.texts[e.default_lang]).title);
      assert.deepEqual([...shown].sort(), [...want].sort());
      const count = (await page.locator('#listing-count').innerText()).trim();
      assert.match(count, new RegExp(`^${FRENCH.length}\\b`), `the count says ${FRENCH.length}: "${count}"`);

      // No horizontal scrolling with the form and its error-free state at this width.
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scrollWidth <= 390, `scrollWidth ${scrollWidth}`);

      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, `listing-filtered-390-${lang}.png`), fullPage: true });

      // Back to every event, by keyboard: the "clear filters" link.
      await tabTo(page, 'form.listing-filters a[href="/events"]');
      await Promise.all([page.waitForURL(/\/events$/), page.keyboard.press('Enter')]);
      await page.waitForLoadState('load');
      assert.equal((await cardTitles(page)).length, SEED.events.length);
      assert.equal(await page.locator('select#language').inputValue(), '');
      w.assertClean();
      await context.close();
    });
  }

  it('at 1280 px: the filters on one row, an empty result says so; screenshots', { timeout: 60_000 }, async () => {
    const context = await newContext(env.browser);
    const w = watch(context, env.hub.base);
    const page = await context.newPage();
    await open(page, `${env.hub.base}/events?lang=en&kind=virtual_exchange&language=es`);
    const tops = await page.locator('form.listing-filters select').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
    assert.equal(new Set(tops).size, 1, `the three selects side by side (tops ${tops})`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'listing-filtered-1280-en.png'), fullPage: true });

    await open(page, `${env.hub.base}/events?lang=fr&kind=webinar`);
    assert.equal((await cardTitles(page)).length, 0);
    assert.equal(await page.locator('.empty a[href="/events"]').count(), 2, 'each empty list offers the way back');
    await page.screenshot({ path: join(SCREENSHOTS, 'listing-empty-1280-fr.png'), fullPage: true });

    const bad = `${env.hub.base}/events?lang=en&kind=party`;
    w.allowStatus(bad, 400);
    await open(page, bad, { status: 400 });
    assert.equal(await page.locator('#kind-error').isVisible(), true, 'the reason shows beside the field');
    assert.equal(await page.locator('select#kind').getAttribute('aria-invalid'), 'true');
    await page.screenshot({ path: join(SCREENSHOTS, 'listing-bad-filter-1280-en.png'), fullPage: false });
    w.assertClean();
    await context.close();
  });
});
