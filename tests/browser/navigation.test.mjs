// A visitor moving around the hub: the home page in each language through the header's
// language switcher, every link of the main navigation, and the language choice staying
// with them from page to page.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  LANGS,
  LANG_NAMES,
  PAGES,
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

const T = { timeout: 90_000 };

describe('navigation', () => {
  const env = hubAndBrowser();

  const switcherLink = (page, lang) =>
    page.getByRole('banner').getByRole('link', { name: LANG_NAMES[lang], exact: true });
  // The main navigation is the one that leads to the events list (the other is the switcher).
  const mainNav = (page) => page.getByRole('navigation').filter({ has: page.locator('a[href="/events"]') });

  it('shows the home page in English, French and Spanish through the language switcher', T, async () => {
    const context = await newContext(env.browser);
    const w = watch(context, env.hub.base);
    const page = await context.newPage();
    await open(page, `${env.hub.base}/`);
    assert.equal(await htmlLang(page), 'en', 'an English browser gets English first');

    for (const lang of ['fr', 'es', 'en']) {
      const res = await follow(page, switcherLink(page, lang));
      assert.equal(res.status(), 200);
      assert.equal(new URL(page.url()).pathname, '/', `${lang}: still on the home page`);
      assert.equal(await htmlLang(page), lang, `${lang}: <html lang>`);
      assert.equal(await switcherLink(page, lang).getAttribute('aria-current'), 'true', `${lang}: the switcher marks ${lang}`);
      await assertPageShape(page, `home (${lang})`);
      await assertEdition2024Visible(page, lang, `home (${lang})`);
      const title = EDITION_2024.texts[lang].title;
      assert.ok(await page.getByRole('link', { name: title, exact: true }).first().isVisible(), `${lang}: the 2024 edition "${title}" is shown`);
    }
    w.assertClean();
    await context.close();
  });

  it('follows every link of the main navigation in each language', T, async () => {
    const context = await newContext(env.browser);
    const w = watch(context, env.hub.base);
    const page = await context.newPage();
    await open(page, `${env.hub.base}/`);

    for (const lang of LANGS) {
      await follow(page, switcherLink(page, lang));
      assert.equal(await htmlLang(page), lang);
      const hrefs = await mainNav(page).getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.ok(hrefs.length >= 3, `${lang}: the main navigation has its links (got ${hrefs})`);
      for (const href of hrefs) {
        const link = mainNav(page).locator(`a[href="${href}"]`);
        const label = (await link.innerText()).trim();
        const res = await follow(page, link);
        const what = `${lang} ${href} ("${label}")`;
        assert.equal(res.status(), 200, `${what}: status`);
        assert.equal(new URL(page.url()).pathname, href, `${what}: lands on the linked page`);
        assert.equal(await htmlLang(page), lang, `${what}: keeps the language`);
        await assertPageShape(page, what);
        const current = mainNav(page).locator('a[aria-current="page"]');
        assert.equal(await current.count(), 1, `${what}: one navigation item is marked current`);
        assert.equal(await current.getAttribute('href'), href, `${what}: the current item is the page's own`);
      }
    }
    w.assertClean();
    await context.close();
  });

  it('keeps you on the same page when you switch language, and remembers the choice', T, async () => {
    const context = await newContext(env.browser);
    const w = watch(context, env.hub.base);
    const page = await context.newPage();
    await open(page, `${env.hub.base}/events`);
    const englishH1 = (await page.locator('h1').innerText()).trim();

    await follow(page, switcherLink(page, 'es'));
    assert.equal(new URL(page.url()).pathname, '/events', 'still on the events list');
    assert.equal(await htmlLang(page), 'es');
    assert.notEqual((await page.locator('h1').innerText()).trim(), englishH1, 'the heading is translated');
    const cookie = (await context.cookies()).find((c) => c.name === 'lang');
    assert.equal(cookie?.value, 'es', 'the choice is kept in a cookie');

    // Next pages, reached by plain links without ?lang=, stay in Spanish.
    await follow(page, page.getByRole('link', { name: EDITION_2024.texts.es.title, exact: true }).first());
    assert.equal(new URL(page.url()).pathname, `/events/${EDITION_2024.slug}`);
    assert.equal(new URL(page.url()).search, '', 'the event link carries no ?lang=');
    assert.equal(await htmlLang(page), 'es', 'the event page is in Spanish');
    await assertEdition2024Visible(page, 'es', 'event (es)');

    // Switching on the event page keeps the event page.
    await follow(page, switcherLink(page, 'fr'));
    assert.equal(new URL(page.url()).pathname, `/events/${EDITION_2024.slug}`, 'still on the event page');
    assert.equal(await htmlLang(page), 'fr');
    assert.equal(await page.locator('h1').innerText(), EDITION_2024.texts.fr.title);

    // A page opened later in the same browser, by address, is in French too.
    const later = await context.newPage();
    await open(later, `${env.hub.base}/about`);
    assert.equal(await htmlLang(later), 'fr', 'the cookie carries the choice to the next visit');

    // And a browser without the cookie is back to its own language.
    const other = await newContext(env.browser);
    const fresh = await other.newPage();
    await open(fresh, `${env.hub.base}/about`);
    assert.equal(await htmlLang(fresh), 'en');
    await other.close();

    w.assertClean();
    await context.close();
  });

  it('has no broken link: every link on every page leads to a page', T, async () => {
    const context = await newContext(env.browser);
    const w = watch(context, env.hub.base);
    const page = await context.newPage();
    const origin = new URL(env.hub.base).origin;
    const found = new Map(); // url -> the first page linking to it
    for (const [name, path] of Object.entries(PAGES)) {
      if (name === '404') continue;
      await open(page, `${env.hub.base}${path}`);
      const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.href));
      for (const href of hrefs) {
        const u = new URL(href);
        u.hash = '';
        if (u.origin === origin && !found.has(u.href)) found.set(u.href, path);
      }
    }
    const broken = [];
    for (const [url, from] of found) {
      const res = await page.request.get(url, { maxRedirects: 5, timeout: 10_000 });
      if (res.status() >= 400) broken.push(`${new URL(url).pathname}${new URL(url).search} (linked from ${from}): ${res.status()}`);
    }
    assert.deepEqual(broken, [], 'broken links');
    w.assertClean();
    await context.close();
  });
});
