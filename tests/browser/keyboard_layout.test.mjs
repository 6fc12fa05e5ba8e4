// Using the hub with a keyboard, and on a phone-sized screen.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LANGS, PAGES, hubAndBrowser, newContext, watch, open } from './harness.mjs';

describe('keyboard and layout', () => {
  const env = hubAndBrowser();

  it('the first Tab reaches the skip link, and Enter on it moves focus to the main content', { timeout: 60_000 }, async () => {
    const context = await newContext(env.browser);
    const w = watch(context, env.hub.base);
    const page = await context.newPage();
    for (const [name, path] of Object.entries(PAGES)) {
      const url = `${env.hub.base}${path}`;
      if (name === '404') w.allow404(url);
      await open(page, url, { status: name === '404' ? 404 : 200 });
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const a = document.activeElement;
        const r = a.getBoundingClientRect();
        return { tag: a.tagName, href: a.getAttribute('href'), text: a.textContent.trim(), top: r.top, bottom: r.bottom, width: r.width };
      });
      assert.equal(focused.tag, 'A', `${name}: the first Tab focuses a link`);
      assert.equal(focused.href, '#main', `${name}: the first Tab focuses the skip link (got "${focused.text}")`);
      assert.ok(focused.width > 0 && focused.bottom > 0 && focused.top < 800, `${name}: the focused skip link is on screen (${JSON.stringify(focused)})`);

      await page.keyboard.press('Enter');
      const after = await page.evaluate(() => ({ tag: document.activeElement.tagName, id: document.activeElement.id }));
      assert.deepEqual(after, { tag: 'MAIN', id: 'main' }, `${name}: focus moved to <main>`);
      // The next Tab goes on inside the page content, not back into the header.
      await page.keyboard.press('Tab');
      const inMain = await page.evaluate(() => !!document.activeElement.closest('main'));
      assert.ok(inMain, `${name}: the Tab after the skip link stays in <main>`);
    }
    w.assertClean();
    await context.close();
  });

  it('needs no horizontal scrolling at 390 px wide, in every language', { timeout: 60_000 }, async () => {
    const context = await newContext(env.browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
    const w = watch(context, env.hub.base);
    const page = await context.newPage();
    const wide = [];
    for (const lang of LANGS) {
      for (const [name, path] of Object.entries(PAGES)) {
        const url = `${env.hub.base}${path}?lang=${lang}`;
        if (name === '404') w.allow404(url);
        await open(page, url, { status: name === '404' ? 404 : 200 });
        const m = await page.evaluate(() => {
          const vw = document.documentElement.clientWidth;
          const culprits = [];
          for (const el of document.body.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (r.width && r.right > vw + 0.5 && culprits.length < 3)
              culprits.push(`${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''} (right ${Math.round(r.right)})`);
          }
          return { scrollWidth: document.documentElement.scrollWidth, culprits };
        });
        if (m.scrollWidth > 390) wide.push(`${name} (${lang}): scrollWidth ${m.scrollWidth}; ${m.culprits.join(', ')}`);
      }
    }
    assert.deepEqual(wide, [], 'pages wider than 390 px');
    w.assertClean();
    await context.close();
  });
});
