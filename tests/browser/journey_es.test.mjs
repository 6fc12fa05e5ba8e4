// The whole journey of issue 5, in Spanish, as people do it in a browser with plain forms. An
// organiser (an English browser; she switches to Español with the header's language switcher)
// signs in, creates an event written in Spanish with two sessions and their guiding questions,
// turns registration on with a single seat and publishes it. Member A (a Spanish browser) registers
// and gets the seat; member B (who also switches with the switcher) finds it full, joins the
// waitlist and sees position 1; A cancels from her registration page; B reloads and is confirmed,
// and the promotion email reaches him in Spanish. B downloads the event's .ics from his
// registration page: python3-icalendar reads it, and the event and each session start at the
// instants the organiser typed in the event's zone. Every page checked is in Spanish (html lang,
// Spanish labels, and none of the catalogue's English sentences on screen), and none scrolls
// sideways on a phone. Screenshots at 390 and 1280 px: build/screenshots/journey-es-*.png.
import assert from 'node:assert/strict';
import { describe, it, before, after } from 'node:test';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Server } from '../http/server.mjs';
import { Mailbox, makeUser, signUp } from '../http/accounts_helper.mjs';
import { ROOT, SCREENSHOTS, launchBrowser, newContext, watch, open, assertPageShape } from './harness.mjs';

const PASSWORD = 'violet harbour tractor 42';
const ZONE = 'Europe/Madrid';
const EVENT = {
    title: 'Intercambio virtual de la diáspora 2031',
    summary: 'Tres horas para conectar a la diáspora con las instituciones de origen.',
    description: 'Dos paneles sobre **inversión** y **transferencia de conocimientos**.',
    date: '2031-06-12', start: '17:00', end: '20:00',
};
const SESSIONS = [
    {
        title: 'Sinergias con el sector público', start: '17:00', end: '18:20',
        questions: ['¿Cómo pueden los gobiernos escuchar a su diáspora?', '¿Qué instituciones facilitan el retorno?'],
    },
    {
        title: 'Alianzas con el sector privado', start: '18:40', end: '20:00',
        questions: ['¿Qué frena la inversión de la diáspora?', '¿Cómo reducir el coste de las remesas?'],
    },
];
const MEMBER_A = { name: 'Lucía Fernández', email: 'lucia@example.org', password: PASSWORD, lang: 'es', tz: 'America/Argentina/Buenos_Aires' };
const MEMBER_B = { name: 'Mateo Rojas', email: 'mateo@example.org', password: PASSWORD, lang: 'es', tz: 'America/Bogota' };

/* The catalogue's English sentences that read differently in Spanish: none may be on a Spanish page.
 * Only whole phrases (several words, no placeholders) are taken, so that names, zone names and the
 * like do not count. */
function englishSentences() {
    const entries = [];
    let cur = null, field = null;
    const unquote = (s) => JSON.parse(s);
    for (const line of readFileSync(join(ROOT, 'po', 'es.po'), 'utf8').split('\n')) {
        let m;
        if ((m = /^msgid (".*")$/.exec(line))) {
            cur = { id: unquote(m[1]), str: '', plural: false };
            entries.push(cur);
            field = 'id';
        } else if (/^msgid_plural /.test(line) && cur) {
            cur.plural = true;
            field = null;
        } else if ((m = /^msgstr (".*")$/.exec(line)) && cur) {
            cur.str = unquote(m[1]);
            field = 'str';
        } else if ((m = /^(".*")$/.exec(line)) && cur && field) {
            cur[field] += unquote(m[1]);
        } else {
            field = null;
        }
    }
    return entries
        .filter((e) => !e.plural && e.str && e.str !== e.id && !/[%{}\n]/.test(e.id))
        .map((e) => e.id.trim())
        .filter((s) => s.split(/\s+/).length >= 3);
}
const ENGLISH = englishSentences();

/* The page is Spanish: <html lang="es"> and no English sentence of the catalogue in its text. */
async function assertSpanish(page, what) {
    assert.equal(await page.locator('html').getAttribute('lang'), 'es', `${what}: <html lang>`);
    const text = await page.locator('body').innerText();
    const left = ENGLISH.filter((s) => text.includes(s));
    assert.deepEqual(left, [], `${what}: English text on a Spanish page`);
}

/* The bordered boxes of these pages, whose text must stay inside them. */
const BOXES = '.facts, .facts dd, .reg-box, .session, .card, .organise-fieldset, .organise-preview, .alert';

/* Full-page screenshots at 390 and 1280 px; no width may scroll sideways. */
async function shoot(page, name) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: width < 600 ? 844 : 900 });
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(wide <= width, `${name} at ${width} px: the page is ${wide} px wide`);
        const spilling = await page.evaluate((boxes) => [...document.querySelectorAll(boxes)]
            .filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.className), BOXES);
        assert.deepEqual(spilling, [], `${name} at ${width} px: text runs past the border of these boxes`);
        await page.screenshot({ path: join(SCREENSHOTS, `journey-es-${name}-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
}

/* Clicks what starts a navigation (a link, a form's button) and waits until the document it leads
 * to (after any redirect) has loaded. */
async function go(page, target) {
    const committed = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 15_000 });
    await target.click();
    await committed;
    await page.waitForLoadState('load');
}

/* The instant (ISO, UTC) that a wall-clock date and time has in zone, found with Intl: the offset
 * at a first guess, corrected once (enough away from the hour a clock changes). */
function zoned(date, time, zone) {
    const wall = Date.parse(`${date}T${time}:00Z`);
    const offsetAt = (instant) => {
        const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
            timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
            hour: '2-digit', minute: '2-digit', second: '2-digit',
        }).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
        return Date.parse(`${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}Z`) - instant;
    };
    let instant = wall - offsetAt(wall);
    instant = wall - offsetAt(instant);
    return new Date(instant).toISOString().replace('.000Z', 'Z');
}

/* Reads an .ics file with Debian's python3-icalendar (tests/http/read_ics.py). */
function readIcs(bytes) {
    const r = spawnSync('/usr/bin/python3', [join(ROOT, 'tests/http/read_ics.py')], { input: bytes });
    assert.equal(r.status, 0, `read_ics.py: ${r.stderr}`);
    return JSON.parse(r.stdout.toString('utf8'));
}

describe('the whole journey, in Spanish', () => {
    let server, mailbox, browser;
    before(async () => {
        mailbox = await Mailbox.start();
        server = await Server.start({ args: ['--smtp-url', mailbox.url] });
        await makeUser(server, { email: 'amara@example.org', name: 'Amara Organizadora', role: 'organiser', password: PASSWORD });
        await signUp(server, mailbox, MEMBER_A);
        await signUp(server, mailbox, MEMBER_B);
        browser = await launchBrowser();
    });
    after(async () => {
        await browser?.close();
        await server?.stop();
        mailbox?.stop();
    });

    /* A browser (English unless options say otherwise) that signs in through the form at /signin;
     * switch: first change the language to Español with the header's switcher. */
    async function signedIn(email, { switchToSpanish = false, ...options } = {}) {
        const context = await newContext(browser, options);
        const w = watch(context, server.base);
        const page = await context.newPage();
        await open(page, `${server.base}/signin`);
        if (switchToSpanish) {
            assert.equal(await page.locator('html').getAttribute('lang'), 'en');
            await go(page, page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Español' }));
        }
        await assertSpanish(page, '/signin');
        assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Iniciar sesión');
        await page.getByLabel('Correo electrónico').fill(email);
        await page.getByLabel('Contraseña').fill(PASSWORD);
        await go(page, page.locator('main').getByRole('button', { name: 'Iniciar sesión' }));
        assert.ok(await page.locator('.account-menu').isVisible(), 'signed in: the account menu is in the header');
        return { context, w, page };
    }

    it('an organiser publishes an event with a seat; A takes it, B waits, A cancels, B is promoted and gets the .ics', { timeout: 240_000 }, async () => {
        // 1. The organiser, in Spanish from the switcher on: a new event written in Spanish.
        const org = await signedIn('amara@example.org', { switchToSpanish: true });
        let page = org.page;
        await go(page, page.getByRole('link', { name: 'Organizar', exact: true }));
        await assertPageShape(page, '/organise');
        await assertSpanish(page, '/organise');
        await go(page, page.getByRole('link', { name: 'Nuevo evento' }));
        assert.equal(new URL(page.url()).pathname, '/events/new');
        assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Nuevo evento');
        await page.getByLabel('Idioma principal').selectOption('es');
        const spanish = page.getByRole('group', { name: /^Español/ });
        await spanish.getByLabel('Título').fill(EVENT.title);
        await spanish.getByLabel('Resumen').fill(EVENT.summary);
        await spanish.getByLabel('Descripción').fill(EVENT.description);
        await page.getByLabel('Tipo de evento').selectOption('virtual_exchange');
        await page.getByLabel('Formato').selectOption('online');
        await page.locator('#languages-es').check();
        await page.locator('#interpretation-en').check();
        await page.getByLabel('Zona horaria del evento').selectOption(ZONE);
        for (const [legend, time] of [['Inicio', EVENT.start], ['Fin', EVENT.end]]) {
            const group = page.getByRole('group', { name: legend, exact: true });
            await group.getByLabel('Fecha').fill(EVENT.date);
            await group.getByLabel('Hora').fill(time);
        }
        await page.getByLabel(/Enlace de conexión/).fill('https://meet.example.org/diaspora-2031');
        await go(page, page.getByRole('button', { name: 'Vista previa' }));
        assert.equal(await page.locator('.organise-preview strong').first().innerText(), 'inversión');
        assert.equal(await spanish.getByLabel('Título').inputValue(), EVENT.title, 'the preview keeps the form filled in');
        await assertSpanish(page, 'event form');
        await shoot(page, 'event-form');
        await go(page, page.getByRole('button', { name: 'Guardar', exact: true }));
        assert.match(new URL(page.url()).pathname, /^\/events\/[a-z0-9-]+\/manage$/, 'the new event opens its dashboard');
        const manage = page.url();
        const slug = new URL(manage).pathname.split('/')[2];
        assert.match(await page.locator('.organise-note').innerText(), /borrador/, 'a draft, said in Spanish');

        // Two sessions, each with its guiding questions (one a line).
        for (const s of SESSIONS) {
            await go(page, page.getByRole('link', { name: 'Añadir una sesión' }));
            assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Nueva sesión');
            const texts = page.getByRole('group', { name: /^Español/ });
            await texts.getByLabel('Título').fill(s.title);
            await texts.getByLabel('Preguntas orientadoras').fill(s.questions.join('\n'));
            for (const [legend, time] of [['Inicio', s.start], ['Fin', s.end]]) {
                const group = page.getByRole('group', { name: legend, exact: true });
                await group.getByLabel('Fecha').fill(EVENT.date);
                await group.getByLabel('Hora').fill(time);
            }
            await assertSpanish(page, 'session form');
            await go(page, page.getByRole('button', { name: 'Guardar', exact: true }));
            assert.match(new URL(page.url()).pathname, /\/sessions\/\d+\/edit$/);
            await open(page, manage);
        }
        const listed = page.locator('#sessions .organise-list > li');
        assert.equal(await listed.count(), 2);
        assert.match(await listed.first().innerText(), /2 preguntas orientadoras/);
        assert.match(await listed.first().innerText(), /12 de junio de 2031, 17:00/, 'the session on the event clock, in Spanish');

        // Registration on, one seat.
        await go(page, page.getByRole('link', { name: 'Configuración de las inscripciones' }));
        await assertSpanish(page, 'registration settings');
        await page.getByLabel('Este evento admite inscripciones').check();
        await page.getByLabel('Aforo (plazas)').fill('1');
        await go(page, page.getByRole('button', { name: 'Guardar la configuración' }));
        assert.match(await page.locator('main').innerText(), /Se ha guardado la configuración\./);
        assert.equal(await page.getByLabel('Aforo (plazas)').inputValue(), '1');
        assert.ok(await page.getByLabel('Este evento admite inscripciones').isChecked());

        // Publish from the dashboard.
        await open(page, manage);
        await go(page, page.getByRole('button', { name: 'Publicar', exact: true }));
        assert.match(await page.locator('.page-head .status').innerText(), /Publicado/);
        await assertSpanish(page, 'dashboard');
        org.w.assertClean();

        // 2. Member A, whose browser asks for Spanish, finds the event on /events and registers.
        const a = await signedIn(MEMBER_A.email, { locale: 'es-ES' });
        page = a.page;
        await go(page, page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Eventos', exact: true }));
        await go(page, page.getByRole('link', { name: EVENT.title }));
        assert.equal(new URL(page.url()).pathname, `/events/${slug}`);
        await assertSpanish(page, 'event page');
        for (const s of SESSIONS) {
            assert.ok(await page.getByRole('heading', { name: s.title }).isVisible(), `session ${s.title}`);
            for (const q of s.questions) assert.ok(await page.getByText(q, { exact: true }).isVisible(), `question ${q}`);
        }
        assert.match(await page.locator('main').innerText(), /12 de junio de 2031/);
        const box = page.locator('.reg-box');
        assert.match(await box.getByRole('heading').innerText(), /Inscripción/);
        await shoot(page, 'event-page');
        await go(page, box.getByRole('link', { name: 'Inscribirse', exact: true }));
        await assertSpanish(page, 'register form');
        await go(page, page.locator('main form').getByRole('button', { name: 'Inscribirse' }));
        await assertSpanish(page, 'registration (A)');
        assert.equal(await page.locator('.reg-facts .status').innerText(), 'Confirmada');
        await mailbox.waitFor(MEMBER_A.email, (m) => /^Inscripción confirmada:/.test(m.subject));
        a.w.assertClean();

        // Member B switches to Spanish himself: the event is full, he joins the waitlist at 1.
        const b = await signedIn(MEMBER_B.email, { switchToSpanish: true });
        page = b.page;
        await open(page, `${server.base}/events/${slug}`);
        await assertSpanish(page, 'event page (full)');
        assert.match(await page.locator('.reg-box').innerText(), /Todas las plazas están ocupadas/);
        await shoot(page, 'event-page-full');
        await go(page, page.locator('.reg-box').getByRole('link', { name: 'Inscribirse en la lista de espera' }));
        await go(page, page.locator('main form').getByRole('button', { name: 'Inscribirse' }));
        await assertSpanish(page, 'registration (B, waitlisted)');
        const myRegistration = page.url();
        assert.equal(new URL(myRegistration).pathname, `/events/${slug}/registration`);
        assert.equal(await page.locator('.reg-facts .status').innerText(), 'En lista de espera');
        assert.equal(await page.locator('.reg-position').innerText(), 'Ocupa el puesto 1 en la lista de espera.');
        // Both clocks: the event's (Madrid) and B's own (Bogotá, seven hours earlier in June).
        const head = await page.locator('.page-head').innerText();
        assert.match(head, /12 de junio de 2031, 17:00/);
        assert.match(head, /Su hora local: .*10:00/);
        assert.equal(await page.getByRole('link', { name: 'Unirse al evento' }).count(), 0, 'no join link while waiting');
        await mailbox.waitFor(MEMBER_B.email, (m) => /^En lista de espera:/.test(m.subject));
        await shoot(page, 'waitlisted');

        // A cancels from her registration page, reached from the event page's box.
        page = a.page;
        await open(page, `${server.base}/events/${slug}`);
        await go(page, page.locator('.reg-box').getByRole('link', { name: 'Ver su inscripción' }));
        await go(page, page.getByRole('button', { name: 'Cancelar mi inscripción' }));
        await assertSpanish(page, 'registration (A, cancelled)');
        assert.equal(await page.locator('.reg-facts .status').innerText(), 'Cancelada');
        a.w.assertClean();

        // B reloads his page: the seat is his, and the promotion email came in Spanish.
        page = b.page;
        await page.reload({ waitUntil: 'load' });
        await assertSpanish(page, 'registration (B, promoted)');
        assert.equal(await page.locator('.reg-facts .status').innerText(), 'Confirmada');
        assert.equal(await page.locator('.reg-position').count(), 0, 'no waitlist position once confirmed');
        const join = await page.getByRole('link', { name: 'Unirse al evento' }).getAttribute('href');
        // The seat is his, but the link opens only 30 minutes before the session (in 2031): until
        // then it says when, in Spanish, instead of leading to the meeting.
        const joined = await page.context().request.get(new URL(join, server.base).href, { maxRedirects: 0 });
        assert.equal(joined.status(), 200);
        assert.equal(joined.headers().location, undefined, 'not sent to the meeting days before');
        const early = await joined.text();
        assert.match(early, /El enlace para unirse todavía no está abierto/);
        assert.match(early, /El enlace se abre el [^<]*12 de junio de 2031/);
        const mail = await mailbox.waitFor(MEMBER_B.email, (m) => /^Plaza asignada:/.test(m.subject));
        assert.ok(mail.subject.includes(EVENT.title), mail.subject);
        assert.match(mail.text, /Su inscripción/);
        await shoot(page, 'confirmed');

        // 3. B downloads the .ics from his registration page.
        const [download] = await Promise.all([
            page.waitForEvent('download', { timeout: 15_000 }),
            page.getByRole('link', { name: 'Añadir a mi calendario' }).click(),
        ]);
        assert.match(download.suggestedFilename(), /\.ics$/);
        const cal = readIcs(readFileSync(await download.path()));
        assert.equal(cal.events.length, 1);
        assert.equal(cal.events[0].summary, EVENT.title);
        assert.equal(cal.events[0].tzid, ZONE);
        assert.deepEqual(cal.timezones, [ZONE]);
        assert.equal(cal.events[0].dtstart, zoned(EVENT.date, EVENT.start, ZONE));
        assert.equal(cal.events[0].dtstart, '2031-06-12T15:00:00Z', '17:00 in Madrid (CEST) is 15:00 UTC');
        // Each session's own calendar file starts when the organiser said.
        const ids = await page.context().request.get(`${server.base}/api/v1/events/${slug}`).then(async (r) => {
            assert.equal(r.status(), 200);
            return (await r.json()).event.sessions.map((s) => s.id);
        });
        assert.equal(ids.length, 2);
        for (const [i, id] of ids.entries()) {
            const r = await page.context().request.get(`${server.base}/events/${slug}/sessions/${id}.ics`);
            assert.equal(r.status(), 200);
            const ev = readIcs(await r.body()).events[0];
            assert.equal(ev.summary, `${SESSIONS[i].title} · ${EVENT.title}`);
            assert.equal(ev.tzid, ZONE);
            assert.equal(ev.dtstart, zoned(EVENT.date, SESSIONS[i].start, ZONE), `session ${i + 1} starts at ${SESSIONS[i].start} in ${ZONE}`);
        }
        b.w.assertClean();
        for (const c of [org, a, b]) await c.context.close();
    });
});
