// Full-page screenshots of every screen, in each language, on a phone (390 px) and a laptop
// (1280 px), saved as build/screenshots/PAGE-LANG-WIDTH.png for people to look at.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, before } from 'node:test';
import { LANGS, PAGES, SCREENSHOTS, hubAndBrowser, newContext, watch, open, htmlLang, assertPageShape } from './harness.mjs';

const WIDTHS = [390, 1280];

describe('screenshots', () => {
  const env = hubAndBrowser();
  before(() => mkdirSync(SCREENSHOTS, { recursive: true }));

  for (const width of WIDTHS) {
    it(`every page in every language at ${width} px`, { timeout: 90_000 }, async () => {
      const context = await newContext(env.browser, {
        viewport: { width, height: width < 600 ? 844 : 800 },
        isMobile: width < 600,
        hasTouch: width < 600,
        deviceScaleFactor: 1,
      });
      const w = watch(context, env.hub.base);
      const page = await context.newPage();
      for (const lang of LANGS) {
        for (const [name, path] of Object.entries(PAGES)) {
          const url = `${env.hub.base}${path}?lang=${lang}`;
          if (name === '404') w.allow404(url);
          await open(page, url, { status: name === '404' ? 404 : 200 });
          assert.equal(await htmlLang(page), lang, `${name} (${lang}): <html lang>`);
          await assertPageShape(page, `${name} (${lang}, ${width} px)`);
          await page.evaluate(() => document.fonts.ready);
          await page.screenshot({ path: join(SCREENSHOTS, `${name}-${lang}-${width}.png`), fullPage: true, animations: 'disabled' });
        }
      }
      w.assertClean();
      await context.close();
    });
  }
});
