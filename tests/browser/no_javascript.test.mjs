// The hub with JavaScript turned off: every page, its navigation, its language switcher and
// its content must be there, since app.js is only an enhancement.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  LANG_NAMES,
  EDITION_2024,
  hubAndBrowser,
  newContext,
  watch,
  open,
  follow,
  htmlLang,
  assertPageShape,
  assertEdition2024Visible,
} from './harness.mjs';

describe('without JavaScript', () => {
  const env = hubAndBrowser();

  it('shows the navigation and the content, and every link works', { timeout: 90_000 }, async () => {
    const context = await newContext(env.browser, { javaScriptEnabled: false });
    const w = watch(context, env.hub.base);
    const page = await context.newPage();
    await open(page, `${env.hub.base}/`);
    assert.equal(await htmlLang(page), 'en');
    await assertPageShape(page, 'home without JS');
    await assertEdition2024Visible(page, 'en', 'home without JS');

    const nav = page.getByRole('navigation').filter({ has: page.locator('a[href="/events"]') });
    const hrefs = await nav.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.length >= 3, `the main navigation is there (got ${hrefs})`);
    for (const href of hrefs) {
      const res = await follow(page, nav.locator(`a[href="${href}"]`));
      assert.equal(res.status(), 200, `${href}: status`);
      assert.equal(new URL(page.url()).pathname, href);
      await assertPageShape(page, `${href} without JS`);
    }

    // The language switcher is plain links: it works too.
    await follow(page, page.getByRole('banner').getByRole('link', { name: LANG_NAMES.fr, exact: true }));
    assert.equal(await htmlLang(page), 'fr');

    // The events list leads to the 2024 edition, whose sessions are all there.
    await open(page, `${env.hub.base}/events`);
    await follow(page, page.getByRole('link', { name: EDITION_2024.texts.fr.title, exact: true }).first());
    assert.equal(new URL(page.url()).pathname, `/events/${EDITION_2024.slug}`);
    await assertPageShape(page, 'event without JS');
    await assertEdition2024Visible(page, 'fr', 'event without JS');
    for (const partner of EDITION_2024.partners ?? []) {
      assert.ok(await page.getByText(partner.name, { exact: true }).first().isVisible(), `partner ${partner.name} is shown`);
    }

    w.assertClean();
    await context.close();
  });
});
