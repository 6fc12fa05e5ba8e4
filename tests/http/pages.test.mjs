// The public pages with the demo content, in English, French and Spanish,
// and their JSON twins.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, get, getJson, request, pageText, listItems, h1, htmlLang } from './server.mjs';

const SERIES = 'global-diaspora-virtual-exchanges';
const E2024 = '2024-powerful-transnational-partnerships';

/* What the demo holds, per language (from demo/seed.json). */
const DEMO = {
    en: {
        editions2020: [
            ['Diaspora response to COVID-19 (English edition)', '22 April 2020'],
            ['Diaspora response to COVID-19 (French edition)', '20 May 2020'],
            ['Diaspora response to COVID-19 (Spanish edition)', '10 June 2020'],
        ],
        title2024: 'Powerful transnational partnerships',
        sessions: ['Public sector synergies', 'Private sector alliances', 'Diaspora-to-diaspora collaboration'],
        questions: [
            'How can that selection be as inclusive and representative as possible?',
            'Which private sector practices already enable, engage and empower diasporas?',
            'What has made such partnerships hard to build and to keep going?',
        ],
        series: 'Global Diaspora Virtual Exchanges',
    },
    fr: {
        editions2020: [
            ['Réponse des diasporas à la COVID-19 (édition en anglais)', '22 avril 2020'],
            ['Réponse des diasporas à la COVID-19 (édition en français)', '20 mai 2020'],
            ['Réponse des diasporas à la COVID-19 (édition en espagnol)', '10 juin 2020'],
        ],
        title2024: 'Des partenariats transnationaux solides',
        sessions: ['Synergies avec le secteur public', 'Alliances avec le secteur privé', 'Collaboration entre diasporas'],
        questions: [
            'Comment rendre cette sélection aussi inclusive et représentative que possible ?',
            'Quelles pratiques du secteur privé favorisent déjà l’engagement et l’autonomie des diasporas ?',
            'Qu’est-ce qui a rendu ces partenariats difficiles à construire et à faire durer ?',
        ],
        series: 'Échanges virtuels mondiaux des diasporas',
    },
    es: {
        editions2020: [
            ['Respuesta de las diásporas a la COVID-19 (edición en inglés)', '22 de abril de 2020'],
            ['Respuesta de las diásporas a la COVID-19 (edición en francés)', '20 de mayo de 2020'],
            ['Respuesta de las diásporas a la COVID-19 (edición en español)', '10 de junio de 2020'],
        ],
        title2024: 'Alianzas transnacionales sólidas',
        sessions: ['Sinergias con el sector público', 'Alianzas con el sector privado', 'Colaboración entre diásporas'],
        questions: ['¿Cómo lograr que esa selección sea lo más inclusiva y representativa posible?'],
        series: 'Intercambios Virtuales Globales de las Diásporas',
    },
};
const PARTNERS = [
    'Global Diaspora Confederation',
    'MYCP Migration Children and Youth Platform',
    'Global Research Forum on Diaspora and Transnationalism (GRFDT)',
];
const ALL_SLUGS = [
    '2020-covid-19-response-en',
    '2020-covid-19-response-fr',
    '2020-covid-19-response-es',
    '2021-trust-resources-sustainability',
    '2023-communication-in-project-management',
    E2024,
];

let server;
before(async () => {
    server = await Server.start();
});
after(async () => {
    if (server && !server.exit) await server.stop();
});

function assertHtml(r, lang) {
    assert.equal(r.status, 200);
    assert.match(r.headers['content-type'], /^text\/html; charset=utf-8$/i);
    assert.equal(htmlLang(r.text), lang, 'the <html lang> attribute');
    assert.match(r.text, /^<!DOCTYPE html>/i);
}

/* Checks the home page shows the demo content of lang. */
function assertHomeContent(html, lang) {
    const d = DEMO[lang];
    const text = pageText(html);
    const items = listItems(html);
    for (const [title, date] of d.editions2020)
        assert.ok(
            items.some((li) => li.includes(title) && li.includes(date)),
            `an edition "${title}" dated ${date} on the home page (${lang})`,
        );
    assert.ok(text.includes(d.title2024), `the 2024 edition "${d.title2024}" (${lang})`);
    for (const s of d.sessions) assert.ok(text.includes(s), `session "${s}" (${lang})`);
    for (const q of d.questions) assert.ok(text.includes(q), `guiding question "${q}" (${lang})`);
    for (const p of PARTNERS) assert.ok(text.includes(p), `partner "${p}" (${lang})`);
    assert.ok(text.includes(d.series), `series "${d.series}" (${lang})`);
}

describe('home page', () => {
    test('English by default, with the demo editions, sessions, questions and partners', async () => {
        const r = await get(server, '/');
        assertHtml(r, 'en');
        assert.equal(r.headers['set-cookie'], undefined, 'no cookie when no language was asked for');
        assert.match(r.text, /<html\b[^>]*\bdir="ltr"/);
        assertHomeContent(r.text, 'en');
    });

    test('?lang=fr: French page and content, and a lang cookie (HttpOnly, SameSite=Lax)', async () => {
        const r = await get(server, '/?lang=fr');
        assertHtml(r, 'fr');
        assertHomeContent(r.text, 'fr');
        const text = pageText(r.text);
        for (const s of DEMO.en.sessions) assert.ok(!text.includes(s), `no English session title "${s}" on the French page`);
        const cookies = [].concat(r.headers['set-cookie'] || []);
        const lang = cookies.find((c) => /^lang=/.test(c));
        assert.ok(lang, `a lang cookie in ${JSON.stringify(cookies)}`);
        const attrs = lang.split(';').map((a) => a.trim().toLowerCase());
        assert.equal(attrs[0], 'lang=fr');
        assert.ok(attrs.includes('httponly'), 'HttpOnly');
        assert.ok(attrs.includes('samesite=lax'), 'SameSite=Lax');
        assert.ok(attrs.includes('path=/'), 'Path=/');
    });

    test('?lang=es: Spanish', async () => {
        const r = await get(server, '/?lang=es');
        assertHtml(r, 'es');
        assertHomeContent(r.text, 'es');
    });

    test('the lang cookie chooses the language (and is not set again)', async () => {
        const r = await get(server, '/', { cookie: 'lang=es' });
        assertHtml(r, 'es');
        assertHomeContent(r.text, 'es');
        assert.equal(r.headers['set-cookie'], undefined);
        const fr = await get(server, '/', { cookie: 'theme=dark; lang=fr' });
        assertHtml(fr, 'fr');
    });

    for (const [header, lang] of [
        ['fr', 'fr'],
        ['fr-CA', 'fr'],
        ['en;q=0.3, fr;q=0.8, es;q=0.5', 'fr'],
        ['de-DE, es;q=0.9, en;q=0.1', 'es'],
        ['es;q=0.2, en;q=0.9', 'en'],
        ['fr;q=0, es;q=0.1', 'es'],
        ['de, ja;q=0.9', 'en'],
        ['*', 'en'],
    ])
        test(`Accept-Language "${header}" gives ${lang}`, async () => {
            const r = await get(server, '/', { 'accept-language': header });
            assertHtml(r, lang);
        });

    test('?lang beats the cookie, the cookie beats Accept-Language', async () => {
        assertHtml(await get(server, '/?lang=fr', { cookie: 'lang=es', 'accept-language': 'es' }), 'fr');
        assertHtml(await get(server, '/', { cookie: 'lang=es', 'accept-language': 'fr' }), 'es');
    });

    test('an unknown ?lang is ignored: no cookie, the next choice applies', async () => {
        const r = await get(server, '/?lang=xx', { 'accept-language': 'es' });
        assertHtml(r, 'es');
        assert.equal(r.headers['set-cookie'], undefined);
    });

    test('a ?lang value cannot inject a header or a second cookie', async () => {
        const r = await get(server, '/?lang=fr%0D%0ASet-Cookie:%20evil=1');
        assert.ok(r.status === 200 || r.status === 400, `status ${r.status}`);
        const cookies = [].concat(r.headers['set-cookie'] || []).join('\n');
        assert.doesNotMatch(cookies, /evil/);
        assert.equal(r.headers.evil, undefined);
    });

    test('the page links to itself in each language', async () => {
        const r = await get(server, '/');
        const links = [...r.text.matchAll(/<link\b[^>]*>/g)].map((m) => m[0]).filter((l) => /\brel="alternate"/.test(l));
        for (const l of ['en', 'fr', 'es'])
            assert.ok(
                links.some((link) => link.includes(`hreflang="${l}"`) && link.includes(`href="/?lang=${l}"`)),
                `<link rel="alternate" hreflang="${l}" href="/?lang=${l}"> in ${JSON.stringify(links)}`,
            );
    });

    test('the same URL asked in turn in each language and as JSON: each answer is right (no cache mix-ups)', async () => {
        for (let round = 0; round < 2; round++) {
            for (const path of ['/', '/events', `/events/${E2024}`]) {
                assertHtml(await get(server, path), 'en');
                assertHtml(await get(server, path, { cookie: 'lang=fr' }), 'fr');
                assertHtml(await get(server, path, { 'accept-language': 'es' }), 'es');
                const j = await getJson(server, path, { cookie: 'lang=es' });
                assert.equal(j.status, 200);
                const asked = await get(server, `${path}?lang=fr`);
                assertHtml(asked, 'fr');
                assert.match([].concat(asked.headers['set-cookie'] || []).join('\n'), /^lang=fr;/m, `${path}?lang=fr sets the cookie every time`);
                const plain = await get(server, path, { cookie: 'lang=en' });
                assertHtml(plain, 'en');
                assert.equal(plain.headers['set-cookie'], undefined, 'no cookie without ?lang');
            }
            const es = (await getJson(server, '/events', { cookie: 'lang=es' })).json;
            assert.ok(es.past.some((e) => e.title === DEMO.es.title2024), 'Spanish JSON');
            const en = (await getJson(server, '/events')).json;
            assert.ok(en.past.some((e) => e.title === DEMO.en.title2024), 'English JSON');
        }
    });

    test('negotiated pages say what they vary on (Accept, Accept-Language, Cookie)', async () => {
        // The same URL answers HTML or JSON, in one of three languages: a shared
        // cache must not hand a French page or JSON to the next visitor.
        const r = await get(server, '/');
        const vary = (r.headers.vary || '').toLowerCase();
        for (const h of ['accept', 'accept-language', 'cookie'])
            assert.ok(vary.split(/\s*,\s*/).includes(h), `Vary "${r.headers.vary}" should include ${h}`);
    });
});

describe('events pages', () => {
    test('/events lists every past edition, latest first', async () => {
        const r = await get(server, '/events');
        assertHtml(r, 'en');
        const positions = ALL_SLUGS.map((s) => r.text.indexOf(`href="/events/${s}"`));
        for (const [i, p] of positions.entries()) assert.ok(p >= 0, `a link to /events/${ALL_SLUGS[i]}`);
        assert.deepEqual([...positions].sort((a, b) => b - a), positions, 'latest edition first');
        const text = pageText(r.text);
        for (const [title, date] of DEMO.en.editions2020) {
            assert.ok(text.includes(title), title);
            assert.ok(text.includes(date), date);
        }
    });

    test('/events/{slug}: the 2024 edition with sessions, guiding questions, partners and its description', async () => {
        const r = await get(server, `/events/${E2024}`);
        assertHtml(r, 'en');
        assert.equal(h1(r.text), DEMO.en.title2024);
        const text = pageText(r.text);
        for (const s of DEMO.en.sessions) assert.ok(text.includes(s), s);
        for (const q of DEMO.en.questions) assert.ok(text.includes(q), q);
        for (const p of PARTNERS) assert.ok(text.includes(p), p);
        // The description is Markdown rendered by the server: its HTML is shown, not escaped.
        assert.match(r.text, /<strong>Objectives<\/strong>/);
        assert.match(r.text, /<li>Keep strengthening the self-organisation of diasporas/);
        assert.doesNotMatch(r.text, /&lt;strong&gt;/);
        assert.match(r.text, new RegExp(`href="/series/${SERIES}"`));
    });

    test('/events/{slug} in French', async () => {
        const r = await get(server, `/events/${E2024}?lang=fr`);
        assertHtml(r, 'fr');
        assert.equal(h1(r.text), DEMO.fr.title2024);
        const text = pageText(r.text);
        for (const s of DEMO.fr.sessions) assert.ok(text.includes(s), s);
        for (const q of DEMO.fr.questions) assert.ok(text.includes(q), q);
        assert.match(r.text, /<strong>Objectifs<\/strong>/);
    });

    test('a 2020 edition shows its date, recording and participants', async () => {
        const r = await get(server, '/events/2020-covid-19-response-en');
        assertHtml(r, 'en');
        assert.equal(h1(r.text), 'Diaspora response to COVID-19 (English edition)');
        const text = pageText(r.text);
        assert.ok(text.includes('22 April 2020'));
        assert.ok(text.includes('170'), 'the number of participants');
    });

    test('/series/{slug} lists its editions', async () => {
        const r = await get(server, `/series/${SERIES}`);
        assertHtml(r, 'en');
        assert.equal(h1(r.text), DEMO.en.series);
        for (const s of ALL_SLUGS) assert.match(r.text, new RegExp(`href="/events/${s}"`));
        const fr = await get(server, `/series/${SERIES}?lang=fr`);
        assertHtml(fr, 'fr');
        assert.equal(h1(fr.text), DEMO.fr.series);
        assert.ok(pageText(fr.text).includes(DEMO.fr.title2024));
    });

    test('/about', async () => {
        const r = await get(server, '/about');
        assertHtml(r, 'en');
        assert.equal(h1(r.text), 'About this hub');
        assert.ok(pageText(r.text).includes('Since 2020, the Global Diaspora Virtual Exchanges'));
        const fr = await get(server, '/about?lang=fr');
        assertHtml(fr, 'fr');
        assert.notEqual(h1(fr.text), 'About this hub', 'the French About page has a French title');
    });

    for (const path of ['/events/no-such-edition', '/series/no-such-series'])
        test(`${path}: a 404 page in the asked language, and its JSON twin`, async () => {
            const en = await get(server, path);
            assert.equal(en.status, 404);
            assert.match(en.headers['content-type'], /^text\/html/);
            assert.equal(htmlLang(en.text), 'en');
            assert.equal(h1(en.text), 'Page not found');
            const fr = await get(server, `${path}?lang=fr`);
            assert.equal(fr.status, 404);
            assert.match(fr.headers['content-type'], /^text\/html/);
            assert.equal(htmlLang(fr.text), 'fr');
            assert.ok(h1(fr.text) && h1(fr.text) !== 'Page not found', `a French title, not "${h1(fr.text)}"`);
            for (const j of [await getJson(server, path), await getJson(server, `/api/v1${path}`, { accept: '*/*' })]) {
                assert.equal(j.status, 404);
                assert.equal(j.json.error.status, 404);
                assert.equal(typeof j.json.error.title, 'string');
                assert.equal(typeof j.json.error.message, 'string');
            }
        });
});

describe('JSON twins', () => {
    for (const path of ['/', '/events', `/events/${E2024}`, `/series/${SERIES}`, '/about'])
        test(`${path}: Accept: application/json and /api/v1${path === '/' ? '/' : path} give the same object`, async () => {
            const a = await getJson(server, path);
            const b = await getJson(server, `/api/v1${path === '/' ? '/' : path}`, { accept: '*/*' });
            assert.equal(a.status, 200);
            assert.equal(b.status, 200);
            assert.deepEqual(a.json, b.json);
            assert.equal(typeof a.json.title, 'string');
        });

    test('/api/v1 (no slash) is the home page too', async () => {
        const a = await getJson(server, '/api/v1');
        const b = await getJson(server, '/');
        assert.equal(a.status, 200);
        assert.deepEqual(a.json, b.json);
    });

    test('a browser Accept header (text/html first) gets HTML', async () => {
        const r = await get(server, '/', { accept: 'text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8' });
        assertHtml(r, 'en');
    });

    test('home JSON: the featured 2024 edition with sessions, guiding questions and partners', async () => {
        const { json } = await getJson(server, '/api/v1/');
        const f = json.featured;
        assert.equal(f.slug, E2024);
        assert.equal(f.title, DEMO.en.title2024);
        assert.deepEqual(f.sessions.map((s) => s.title), DEMO.en.sessions);
        for (const s of f.sessions) {
            assert.ok(Array.isArray(s.guiding_questions) && s.guiding_questions.length >= 3, s.title);
            for (const q of s.guiding_questions) assert.equal(typeof q.body, 'string');
        }
        assert.ok(f.sessions[0].guiding_questions.some((q) => q.body === DEMO.en.questions[0]));
        assert.deepEqual(f.partners.map((p) => p.name), PARTNERS);
        assert.ok(Array.isArray(json.series) && json.series.some((s) => s.slug === SERIES));
    });

    test('events JSON: past editions with titles and ISO start times', async () => {
        const { json } = await getJson(server, '/api/v1/events');
        assert.deepEqual(json.upcoming, []);
        assert.deepEqual(json.past.map((e) => e.slug), [...ALL_SLUGS].reverse());
        const en2020 = json.past.find((e) => e.slug === '2020-covid-19-response-en');
        assert.equal(en2020.title, DEMO.en.editions2020[0][0]);
        assert.equal(en2020.url, '/events/2020-covid-19-response-en');
        // Known to the day: the local date, not an invented instant.
        assert.equal(en2020.starts_at, '2020-04-22');
        assert.equal(json.past.find((e) => e.slug === E2024).starts_at, '2024');
        assert.ok(en2020.date_label.includes('22 April 2020'));
        assert.equal(en2020.participants, 170);
    });

    test('JSON in French: ?lang=fr and the cookie', async () => {
        const a = await getJson(server, '/api/v1/events?lang=fr');
        const b = await getJson(server, '/events', { cookie: 'lang=fr' });
        assert.deepEqual(a.json, b.json);
        const titles = a.json.past.map((e) => e.title);
        assert.ok(titles.includes(DEMO.fr.title2024));
        assert.ok(titles.includes(DEMO.fr.editions2020[1][0]));
        const ev = await getJson(server, `/api/v1/events/${E2024}?lang=fr`);
        assert.deepEqual(ev.json.event.sessions.map((s) => s.title), DEMO.fr.sessions);
    });

    test('event JSON: description_html, sessions, partners, series', async () => {
        const { json } = await getJson(server, `/api/v1/events/${E2024}`);
        assert.equal(json.event.slug, E2024);
        assert.match(json.event.description_html, /<strong>Objectives<\/strong>/);
        assert.equal(json.event.sessions.length, 3);
        assert.deepEqual(json.event.partners.map((p) => p.name), PARTNERS);
        assert.equal(json.event.series.url, `/series/${SERIES}`);
    });

    test('series JSON: its editions', async () => {
        const { json } = await getJson(server, `/api/v1/series/${SERIES}`);
        assert.equal(json.series.title, DEMO.en.series);
        assert.deepEqual(json.series.editions.map((e) => e.slug).sort(), [...ALL_SLUGS].sort());
    });
});

test('the server exits 0 on SIGTERM', async () => {
    const r = await server.stop();
    assert.deepEqual(r, { code: 0, signal: null }, server.stderr.slice(-2000));
});
