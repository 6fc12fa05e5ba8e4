// Registration through the browser: an organiser sets the capacity and adds a question on the
// registration settings screen; a member reading Spanish registers (answering it) and gets the
// seat; a second one finds the event full and joins the waitlist (position shown); the first
// cancels from their registration page and the second is promoted; the second downloads the
// event's .ics, which python3-icalendar reads at the right instant. The event is made straight
// in the database (tests/http/registration_helper.mjs). Screenshots at 390 px and 1280 px go to
// build/screenshots/registration-*.png, and no page may scroll sideways on a phone.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, it, before, after } from 'node:test';
import { ROOT, SCREENSHOTS, launchBrowser, newContext, watch, open, assertPageShape, shootWidths } from './harness.mjs';
import { Server, runCli } from '../http/server.mjs';
import { Mailbox } from '../http/accounts_helper.mjs';
import { makeEvent, rows, run } from '../http/registration_helper.mjs';

const SLUG = 'intercambio-registro';
const STARTS = Date.UTC(2031, 3, 22, 12, 0) / 1000; // 14:00 in Brussels (CEST)

describe('registering for an event in the browser', () => {
  let server, mailbox, browser, people;
  before(async () => {
    mailbox = await Mailbox.start();
    server = await Server.start({ args: ['--smtp-url', mailbox.url] });
    const made = await runCli(['user', 'bulk', '--count', '3', '--prefix', 'browser', '--data', server.dataDir]);
    assert.equal(made.code, 0, made.stderr);
    const ids = rows(server, "SELECT id FROM users WHERE email LIKE 'browser-%' ORDER BY id").map((r) => r.id);
    people = made.stdout.trim().split('\n').map((line, i) => ({ sid: line.split(' ')[0].slice(4), id: ids[i] }));
    run(server, [["UPDATE users SET name = 'Olu Organiser' WHERE id = ?", [ids[0]]],
        ["UPDATE users SET name = 'Ana Souza', lang = 'es', tz = 'America/Bogota' WHERE id = ?", [ids[1]]],
        ["UPDATE users SET name = 'Kofi Mensah', tz = 'Africa/Accra' WHERE id = ?", [ids[2]]]]);
    makeEvent(server, {
        slug: SLUG, starts: STARTS, capacity: null, organisers: [ids[0]],
        title: { en: 'Diaspora investment exchange', es: 'Intercambio sobre inversión de la diáspora' },
    });
    browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    mailbox?.stop();
  });

  /* A browser signed in as person (their session cookie from `dxhub user bulk`). */
  async function as(person, options = {}) {
    const context = await newContext(browser, options);
    await context.addCookies([{ name: 'sid', value: person.sid, url: server.base }]);
    const w = watch(context, server.base);
    return { context, w, page: await context.newPage() };
  }

  const shoot = (page, name) => shootWidths(page, `registration-${name}`);

  it('organiser sets one seat and a question; members register, wait, are promoted and download the .ics', { timeout: 180_000 }, async () => {
    // The organiser: capacity 1 and a single-choice question in English and Spanish.
    const org = await as(people[0]);
    await open(org.page, `${server.base}/events/${SLUG}/registration/settings`);
    await assertPageShape(org.page, 'settings');
    await org.page.getByLabel('Capacity (seats)').fill('1');
    await org.page.getByRole('button', { name: 'Save the settings' }).click();
    await org.page.getByText('The settings have been saved.').waitFor();
    await org.page.getByLabel('Kind of question').selectOption('single_choice');
    await org.page.getByLabel('An answer is required').check();
    const english = org.page.getByRole('group', { name: /English/ }), spanish = org.page.getByRole('group', { name: /Spanish/ });
    await english.getByLabel('Question').fill('Which group are you part of?');
    await english.getByLabel('Choices, one per line').fill('Diaspora organisation\nGovernment\nPrivate sector');
    await spanish.getByLabel('Question').fill('¿De qué grupo forma parte?');
    await spanish.getByLabel('Choices, one per line').fill('Organización de la diáspora\nGobierno\nSector privado');
    await org.page.getByRole('button', { name: 'Save the question' }).click();
    await org.page.getByText('The questions have been saved.').waitFor();
    await shoot(org.page, 'settings');
    org.w.assertClean();

    // Ana reads Spanish: the event page's box, then the form in Spanish; a missing answer first.
    const ana = await as(people[1], { locale: 'es-ES' });
    await open(ana.page, `${server.base}/events/${SLUG}?lang=es`);
    assert.equal(await ana.page.locator('html').getAttribute('lang'), 'es');
    await shoot(ana.page, 'event-es');
    await ana.page.locator('.reg-box').getByRole('link').first().click();
    await ana.page.getByRole('heading', { level: 1 }).waitFor();
    assert.match(await ana.page.locator('.page-head').innerText(), /Intercambio sobre inversión de la diáspora/);
    assert.match(await ana.page.locator('.page-head').innerText(), /abril de 2031/);
    ana.w.allowStatus(`${server.base}/events/${SLUG}/register`, 422);
    await ana.page.locator('form.form button[type="submit"]').click();
    await ana.page.locator('.field__error').first().waitFor();
    await shoot(ana.page, 'form-error-es');
    await ana.page.getByLabel('Organización de la diáspora').check();
    await shoot(ana.page, 'form-es');
    await ana.page.locator('form.form button[type="submit"]').click();
    await ana.page.locator('.status--confirmed').waitFor();
    await shoot(ana.page, 'confirmed-es');
    ana.w.assertClean();

    // Kofi finds it full: the waitlist, with his position.
    const kofi = await as(people[2]);
    await open(kofi.page, `${server.base}/events/${SLUG}`);
    assert.match(await kofi.page.locator('.reg-box').innerText(), /All seats are taken/);
    await kofi.page.locator('.reg-box').getByRole('link', { name: 'Join the waitlist' }).click();
    await kofi.page.getByLabel('Private sector').check();
    await kofi.page.getByRole('button', { name: 'Register' }).click();
    await kofi.page.getByText('You are number 1 on the waitlist.').waitFor();
    await shoot(kofi.page, 'waitlisted');

    // Ana cancels from her registration page; Kofi gets the seat.
    await open(ana.page, `${server.base}/events/${SLUG}/registration`);
    await ana.page.locator('.button--danger').click();
    await ana.page.locator('.status--cancelled').waitFor();
    await open(kofi.page, `${server.base}/events/${SLUG}/registration`);
    assert.match(await kofi.page.locator('.reg-facts').innerText(), /Confirmed/);
    await mailbox.waitFor('browser-3@example.invalid', (m) => /A seat is yours/.test(m.subject));
    await shoot(kofi.page, 'promoted');

    // Kofi downloads the event's .ics: the event at 14:00 in Brussels, 12:00 UTC.
    const href = await kofi.page.getByRole('link', { name: 'Add to my calendar' }).getAttribute('href');
    const ics = await kofi.page.request.get(`${server.base}${href}`);
    assert.equal(ics.status(), 200);
    const parsed = spawnSync('/usr/bin/python3', [join(ROOT, 'tests/http/read_ics.py')], { input: await ics.body() });
    assert.equal(parsed.status, 0, parsed.stderr.toString());
    const cal = JSON.parse(parsed.stdout.toString());
    assert.equal(cal.events[0].dtstart, '2031-04-22T12:00:00Z');
    assert.equal(cal.events[0].tzid, 'Europe/Brussels');
    kofi.w.assertClean();

    // The organiser's list, and Kofi's events.
    await open(org.page, `${server.base}/events/${SLUG}/registrations`);
    assert.match(await org.page.locator('table').innerText(), /Kofi Mensah/);
    await shoot(org.page, 'list');
    await open(kofi.page, `${server.base}/account/events`);
    await shoot(kofi.page, 'my-events');
    for (const c of [org, ana, kofi]) await c.context.close();
  });
});
