// Changes of an event's status as an organiser makes them, in French and in Spanish, with plain
// forms: "Cancel the event" asks first (registrants to notify, ticked, and a message), then the
// dashboard says how many were told, and the administrator sees their emails in the outbox, each
// in its person's language; "Publish" on an event with no session and no way to take part shows a
// checklist with links to fix it and "Publish anyway"; "Mark as finished" closes registration (the
// page says so) while each session still shows its start and end on both clocks. Screenshots at
// 390 and 1280 px: build/screenshots/status-*-{fr,es}-*.png.
import assert from 'node:assert/strict';
import { describe, it, before, after } from 'node:test';
import { Server } from '../http/server.mjs';
import { makeUser } from '../http/accounts_helper.mjs';
import { makeEvent, run } from '../http/registration_helper.mjs';
import { launchBrowser, newContext, watch, open, follow, shootWidths } from './harness.mjs';

const PASSWORD = 'violet harbour tractor 42';
const now = () => Math.floor(Date.now() / 1000);
const L = {
  fr: {
    locale: 'fr-FR', signin: 'Se connecter', cancel: 'Annuler l’événement', confirmH1: 'Annuler cet événement ?',
    notify: /Prévenir ses inscrits/, message: 'Un message à joindre (facultatif)', yes: 'Oui, annuler l’événement',
    notified: /L’événement a été annulé ; 2 inscrits ont été prévenus\./, publish: 'Publier',
    checkH1: 'Publier alors qu’il manque quelque chose ?', noSession: /Il n’a encore aucune session\./,
    addSession: 'Ajouter une session', anyway: 'Publier quand même', published: /Publié/, finish: 'Marquer comme terminé',
    closed: 'Les inscriptions sont closes.', subject: /Annulé : Échange/,
  },
  es: {
    locale: 'es-ES', signin: 'Iniciar sesión', cancel: 'Cancelar el evento', confirmH1: '¿Cancelar este evento?',
    notify: /Avisar por correo a sus inscritos/, message: 'Un mensaje para incluir (opcional)', yes: 'Sí, cancelar el evento',
    notified: /Se ha cancelado el evento; se ha avisado a 2 inscritos\./, publish: 'Publicar',
    checkH1: '¿Publicar aunque falte algo?', noSession: /Todavía no tiene sesiones\./,
    addSession: 'Añadir una sesión', anyway: 'Publicar de todos modos', published: /Publicado/, finish: 'Marcar como finalizado',
    closed: 'Las inscripciones están cerradas.', subject: /Cancelado: Intercambio/,
  },
};

describe('changes of an event\'s status', () => {
  let server, browser, amaId, people;
  before(async () => {
    server = await Server.start();
    ({ id: amaId } = await makeUser(server, { email: 'ama@example.org', name: 'Ama Organiser', role: 'organiser', password: PASSWORD }));
    people = [];
    for (const [email, lang] of [['amelie@example.org', 'fr'], ['lucia@example.org', 'es']])
      people.push({ ...(await makeUser(server, { email, name: email.split('@')[0], password: PASSWORD })), lang });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /* A context in lang's browser, signed in as email (its account set to lang). */
  async function signedIn(email, lang, password = PASSWORD) {
    run(server, [['UPDATE users SET lang = ?, tz = ? WHERE email = ?', [lang, 'Asia/Tokyo', email]]]);
    const context = await newContext(browser, { locale: L[lang].locale, timezoneId: 'Asia/Tokyo' });
    const w = watch(context, server.base);
    const page = await context.newPage();
    await open(page, `${server.base}/signin`);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(password);
    await follow(page, page.getByRole('button', { name: L[lang].signin, exact: true }));
    return { context, w, page };
  }
  const press = (page, name) => follow(page, page.getByRole('button', { name, exact: true }));

  for (const lang of ['fr', 'es']) {
    it(`${lang}: cancelling asks first, notifies the registrants, and says how many`, { timeout: 120_000 }, async () => {
      const t = L[lang];
      const slug = `cancel-${lang}`;
      const id = makeEvent(server, { slug, organisers: [amaId],
        title: { en: 'Cancelled exchange', fr: 'Échange annulé', es: 'Intercambio cancelado' } });
      run(server, people.map((p) => [`INSERT INTO registrations (event_id, user_id, status, lang, cancel_token_hash, created_at, updated_at)
        VALUES (?, ?, 'confirmed', ?, ?, ?, ?)`, [id, p.id, p.lang, `h-${slug}-${p.id}`, now(), now()]]));
      const { context, w, page } = await signedIn('ama@example.org', lang);
      await open(page, `${server.base}/events/${slug}/manage`);
      await press(page, t.cancel);
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), t.confirmH1);
      const notify = page.getByLabel(t.notify);
      assert.ok(await notify.isChecked(), 'notifying is offered, ticked');
      await page.getByLabel(t.message).fill(lang === 'fr' ? 'Nous reviendrons à l’automne.' : 'Volveremos en otoño.');
      await shootWidths(page, `status-cancel-confirm-${lang}`);
      await press(page, t.yes);
      assert.match(await page.locator('main').innerText(), t.notified);
      await shootWidths(page, `status-cancelled-${lang}`);
      w.assertClean();
      await context.close();

      // The administrator's outbox holds one email per registrant, in that person's language.
      const admin = await signedIn('admin@example.org', lang, 'demo-admin-password-2024');
      await open(admin.page, `${server.base}/admin/outbox`);
      const outbox = await admin.page.locator('main').innerText();
      assert.match(outbox, /Annulé : Échange annulé/);
      assert.match(outbox, /Cancelado: Intercambio cancelado/);
      assert.match(outbox, lang === 'fr' ? /Nous reviendrons à l’automne\./ : /Volveremos en otoño\./);
      await admin.context.close();
    });

    it(`${lang}: publishing an event nobody could take part in shows a checklist first`, { timeout: 120_000 }, async () => {
      const t = L[lang];
      const slug = `bare-${lang}`;
      makeEvent(server, { slug, status: 'draft', enabled: false, organisers: [amaId], title: { en: 'Bare exchange' } });
      const { context, page } = await signedIn('ama@example.org', lang);
      await open(page, `${server.base}/events/${slug}/manage`);
      await press(page, t.publish);
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), t.checkH1);
      assert.match(await page.locator('main').innerText(), t.noSession);
      assert.equal(await page.getByRole('link', { name: t.addSession }).getAttribute('href'), `/events/${slug}/sessions/new`);
      await shootWidths(page, `status-publish-checklist-${lang}`);
      await press(page, t.anyway);
      assert.match(await page.locator('.page-head .status').innerText(), t.published);
      await context.close();
    });

    it(`${lang}: a finished event says registration is closed; sessions show start and end`, { timeout: 120_000 }, async () => {
      const t = L[lang];
      const slug = `finish-${lang}`;
      const starts = Date.UTC(2031, 2, 20, 20, 0) / 1000; // 15:00 in Bogotá
      makeEvent(server, { slug, tz: 'America/Bogota', starts, hours: 2, organisers: [amaId], title: { en: 'Finished exchange' },
        sessions: [{ title: 'Sending costs', starts }] });
      const { context, page } = await signedIn('ama@example.org', lang);
      await open(page, `${server.base}/events/${slug}/manage`);
      await press(page, t.finish);
      await open(page, `${server.base}/events/${slug}`);
      const main = await page.locator('main').innerText();
      assert.ok(main.includes(t.closed), `"${t.closed}" on the page`);
      // 15:00–16:00 in Bogotá, 05:00–06:00 the next day on the organiser's clock (Tokyo).
      const session = await page.locator('.session').first().innerText();
      assert.match(session, /15:00 UTC[−-]05:00 – 16:00 UTC[−-]05:00 \(America\/Bogota\)/);
      assert.match(session, /0?5:00 JST – 0?6:00 JST \(Asia\/Tokyo\)/); // Spanish writes 5:00
      await shootWidths(page, `status-finished-event-${lang}`);
      await context.close();
    });
  }
});
