// Shared by the browser tests: starts a real dxhub on a fresh demo data folder, launches
// Debian's headless Chromium through playwright-core, and watches each page for what a
// person must never see (a request leaving 127.0.0.1, a console error, a CSP violation).
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = process.env.DXHUB_BIN || join(ROOT, 'build', 'dxhub');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'build', 'screenshots');
export const LANGS = ['en', 'fr', 'es'];
export const LANG_NAMES = { en: 'English', fr: 'Français', es: 'Español' };

// The demo content, read from the same file the binary embeds, so the tests follow it.
export const SEED = JSON.parse(readFileSync(join(ROOT, 'demo', 'seed.json'), 'utf8'));
export const EDITION_2024 = SEED.events.find((e) => e.slug.startsWith('2024-'));
export const SERIES = SEED.series[0];

// The pages a visitor reaches, by name (the name is used in screenshot file names).
export const PAGES = {
  home: '/',
  events: '/events',
  event: `/events/${EDITION_2024.slug}`,
  series: `/series/${SERIES.slug}`,
  about: '/about',
  404: '/no-such-page',
};

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/* Starts `dxhub serve` on 127.0.0.1 with a new data folder holding the demo content.
 * Resolves to { base, stop, log } once /healthz answers 200; stop() sends SIGTERM, waits
 * for the exit (SIGKILL after 5 s) and removes the folder. */
/**
 * Registers before/after hooks in the current describe() that start a hub and a browser, and
 * stop them at the end. Returns an object whose `hub` and `browser` are set once before() ran.
 */
export function hubAndBrowser() {
  const env = { hub: null, browser: null };
  before(async () => {
    env.hub = await startHub();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.hub?.stop();
  });
  return env;
}

export async function startHub({ args = [] } = {}) {
  const data = mkdtempSync(join(tmpdir(), 'dxhub-browser-'));
  execFileSync(BIN, ['init', '--demo', '--data', data], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 30_000 });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(BIN, ['serve', '--data', data, '--listen', `127.0.0.1:${port}`, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk) => {
    log = (log + chunk).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let alive = true;
  exited.then(() => (alive = false));

  const stop = async () => {
    if (alive) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(data, { recursive: true, force: true });
  };

  const deadline = Date.now() + 15_000;
  for (;;) {
    if (!alive) {
      await stop();
      throw new Error(`dxhub serve exited before answering /healthz:\n${log}`);
    }
    try {
      const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`dxhub did not answer /healthz within 15 s:\n${log}`);
    }
    await sleep(100);
  }
  return { base, stop, log: () => log };
}

/* Debian's Chromium, headless, with nothing that would reach out to the network. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

/* A new context as a person in an English-speaking browser would have it. */
export function newContext(browser, options = {}) {
  return browser.newContext({
    locale: 'en-US',
    timezoneId: 'Europe/Brussels',
    viewport: { width: 1280, height: 800 },
    ...options,
  });
}

/* Records, for every page of the context, each request URL, console error, uncaught
 * exception and CSP violation. allow404(url) permits the console's "Failed to load resource:
 * ... 404" for a page we open on purpose to see the 404 page. */
export function watch(context, base) {
  const w = { requests: [], errors: [], csp: [], expectedStatus: new Set() };
  const host = new URL(base).hostname;
  const attach = (page) => {
    page.on('request', (req) => w.requests.push(req.url()));
    page.on('console', (msg) => {
      const text = msg.text();
      if (/content security policy/i.test(text)) w.csp.push(`${page.url()}: ${text}`);
      if (msg.type() !== 'error') return;
      const where = msg.location()?.url || page.url();
      const status = /status of (\d{3})/.exec(text)?.[1];
      if (status && w.expectedStatus.has(`${status} ${where}`)) return;
      w.errors.push(`${where}: ${text}`);
    });
    page.on('pageerror', (err) => w.errors.push(`${page.url()}: uncaught ${err.message}`));
  };
  context.pages().forEach(attach);
  context.on('page', attach);

  /* A page answered with an error status on purpose (a 404 page, a refused form) is no console error. */
  w.allowStatus = (url, status) => w.expectedStatus.add(`${status} ${url}`);
  w.allow404 = (url) => w.allowStatus(url, 404);
  /* Asserts that nothing went wrong so far. */
  w.assertClean = () => {
    const outside = w.requests.filter((u) => {
      if (u.startsWith('data:') || u.startsWith('about:')) return false;
      try {
        return new URL(u).hostname !== host;
      } catch {
        return true;
      }
    });
    assert.deepEqual(outside, [], 'requests left 127.0.0.1');
    assert.deepEqual(w.csp, [], 'Content Security Policy violations');
    assert.deepEqual(w.errors, [], 'console errors');
  };
  return w;
}

/* Opens url by address and returns the main document's response. */
export async function open(page, url, { status = 200 } = {}) {
  const res = await page.goto(url, { waitUntil: 'load', timeout: 15_000 });
  assert.ok(res, `no response for ${url}`);
  assert.equal(res.status(), status, `status of ${url}`);
  return res;
}

/* Clicks link and waits for the navigation it starts; returns the document's response. */
export async function follow(page, link) {
  const response = page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().frame() === page.mainFrame(), {
    timeout: 15_000,
  });
  await link.click();
  const res = await response;
  await page.waitForLoadState('load');
  return res;
}

/* The <html lang> of the page. */
export const htmlLang = (page) => page.locator('html').getAttribute('lang');

/* Asserts the page is a whole page: one <main> landmark and a visible <h1>. */
export async function assertPageShape(page, what) {
  assert.equal(await page.getByRole('main').count(), 1, `${what}: one <main> landmark`);
  const h1 = page.locator('h1');
  assert.equal(await h1.count(), 1, `${what}: one <h1>`);
  assert.ok(await h1.isVisible(), `${what}: the <h1> is visible`);
  assert.ok((await h1.innerText()).trim().length > 0, `${what}: the <h1> has text`);
}

/* Asserts that the 2024 edition's sessions and guiding questions, in lang, are visible. */
export async function assertEdition2024Visible(page, lang, what) {
  for (const session of EDITION_2024.sessions) {
    const title = session.texts[lang] ?? session.texts[EDITION_2024.default_lang];
    const heading = page.getByRole('heading', { name: title, exact: true });
    assert.ok(await heading.first().isVisible(), `${what}: session "${title}" is visible`);
    for (const q of session.questions) {
      const text = q[lang] ?? q[EDITION_2024.default_lang];
      const item = page.getByText(text, { exact: true });
      assert.ok((await item.count()) > 0 && (await item.first().isVisible()), `${what}: guiding question "${text}" is visible`);
    }
  }
}

// Screenshots of page at a phone's width (390 px) and a laptop's (1280 px), saved as
// build/screenshots/NAME-WIDTH.png, after checking that the page does not scroll sideways at
// either; leaves the page at 1280 px.
export async function shootWidths(page, name) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: width < 600 ? 844 : 800 });
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(scrollWidth <= width, `${name} at ${width} px: the page is ${scrollWidth} px wide`);
        await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
}
