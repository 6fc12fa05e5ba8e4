// The event listing's filters (type, language, series) with counts and empty states, the facts
// of an event page and its JSON twin (format and place, languages and interpretation, end, status,
// series), schema.org JSON-LD in the page head (parsed, and safe against a title that tries to
// close the script element), and the demo admin as organiser of every demo event.
// Events beyond the demo are written into the database before the server starts (no organiser
// screen is involved): a hybrid webinar with interpretation in a second series, a cancelled
// in-person workshop, an event whose texts try to break out of the JSON-LD script, and a draft.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Server, makeDataDir, initData, get, getJson, pageText, decodeEntities, h1 } from './server.mjs';

const PYTHON = process.env.DXHUB_PYTHON || '/usr/bin/python3';
const E2024 = '2024-powerful-transnational-partnerships';
const DEMO_SLUGS = [
    '2020-covid-19-response-en',
    '2020-covid-19-response-fr',
    '2020-covid-19-response-es',
    '2021-trust-resources-sustainability',
    '2023-communication-in-project-management',
    E2024,
];
const EVIL = '</script><script>alert(1)</script>';

// 2031-03-20 15:00–17:00 in Bogotá (UTC−5), two sessions of an hour; 2031-05-10 10:00–17:30 in
// Paris (UTC+2); 2031-06-01 12:00–13:00 UTC.
const FIXTURE = `
INSERT INTO series (id, slug, default_lang, created_at) VALUES (2, 'diaspora-webinars', 'en', 0);
INSERT INTO series_texts VALUES (2, 'en', 'Diaspora webinars', ''), (2, 'fr', 'Webinaires des diasporas', '');
INSERT INTO events (id, slug, series_id, kind, format, place, status, default_lang, languages, interpretation, tz,
                    starts_at, ends_at, time_precision, created_at, updated_at)
VALUES (101, 'remittances-webinar', 2, 'webinar', 'hybrid', 'Casa de la Cultura, Bogotá', 'published', 'es', 'es',
        'en,fr', 'America/Bogota', 1931803200, 1931810400, 'minute', 0, 0),
       (102, 'cancelled-workshop', NULL, 'workshop', 'in_person', 'Maison des associations, Lyon', 'cancelled', 'fr',
        'fr', '', 'Europe/Paris', 1936166400, 1936193400, 'minute', 0, 0),
       (103, 'script-title', NULL, 'other', 'online', 'Not shown: online', 'published', 'en', 'en', '', 'UTC',
        1938081600, 1938085200, 'minute', 0, 0),
       (104, 'draft-conference', NULL, 'conference', 'online', '', 'draft', 'en', 'en', '', 'UTC',
        1938081600, NULL, 'minute', 0, 0);
INSERT INTO event_texts (event_id, lang, title, summary) VALUES
  (101, 'es', 'Remesas y desarrollo', 'Un seminario web sobre remesas.'),
  (101, 'en', 'Remittances and development', 'A webinar on remittances.'),
  (102, 'fr', 'Atelier associatif', 'Un atelier pour les associations.'),
  (103, 'en', '${EVIL}', 'Fish & chips <!-- "quoted" --> <b>bold</b> </SCRIPT >'),
  (104, 'en', 'A draft conference', '');
INSERT INTO sessions (id, event_id, position, starts_at, ends_at) VALUES
  (201, 101, 0, 1931803200, 1931806800), (202, 101, 1, 1931806800, 1931810400),
  (203, 103, 0, 1938081600, 1938085200);
INSERT INTO session_texts (session_id, lang, title) VALUES
  (201, 'es', 'Costos de envío'), (201, 'en', 'Sending costs'), (202, 'es', 'Inversión productiva'),
  (203, 'en', '</SCRIPT><!--');
`;

/* Runs SQL on the data folder's database with Debian's Python; returns the rows of the last statement. */
function sql(dir, text) {
    const out = execFileSync(PYTHON, ['-c', `import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
cur = db.cursor()
statements = [s for s in sys.stdin.read().split(';\\n') if s.strip()]
for s in statements[:-1]:
    cur.execute(s)
rows = cur.execute(statements[-1]).fetchall() if statements else []
db.commit()
print(json.dumps(rows))`, path.join(dir, 'dxhub.db')], { input: text });
    return JSON.parse(out.toString());
}

/* The hrefs of event cards, in page order. */
const cardSlugs = (html) => [...html.matchAll(/<h3 class="card__title"><a href="\/events\/([^"]+)"/g)].map((m) => m[1]);
/* The JSON-LD scripts of a page, parsed. */
function jsonLd(html) {
    const scripts = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    return scripts.map((s) => JSON.parse(s));
}
/* The text of the facts list: "label: value" per row. */
function facts(html) {
    const dl = /<dl class="facts">([\s\S]*?)<\/dl>/.exec(html);
    assert.ok(dl, 'a facts list');
    return [...dl[1].matchAll(/<dt>([\s\S]*?)<\/dt>\s*<dd>([\s\S]*?)<\/dd>/g)].map(
        (m) => `${pageText(m[1]).trim()}: ${pageText(m[2]).replace(/\s+/g, ' ').trim()}`,
    );
}

let server, dir;
before(async () => {
    dir = await makeDataDir();
    await initData(dir);
    sql(dir, FIXTURE + 'SELECT 1');
    server = await Server.start({ dataDir: dir, init: false });
});
after(async () => {
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
});

describe('listing filters', () => {
    test('no filter: every published, finished and cancelled event, never a draft, with the count', async () => {
        const r = await get(server, '/events');
        assert.equal(r.status, 200);
        const slugs = cardSlugs(r.text);
        assert.deepEqual(slugs, ['remittances-webinar', 'cancelled-workshop', 'script-title', ...[...DEMO_SLUGS].reverse()]);
        assert.match(pageText(r.text), /9 events/);
        assert.doesNotMatch(r.text, /Clear filters/, 'nothing to clear');
        // The form: a plain GET form with a label for each select.
        assert.match(r.text, /<form class="[^"]*listing-filters[^"]*" method="get" action="\/events" role="search"/);
        for (const id of ['kind', 'language', 'series']) assert.match(r.text, new RegExp(`<label for="${id}">`));
        const { json } = await getJson(server, '/events');
        assert.deepEqual(json.count, { upcoming: 3, past: 6, total: 9 });
        assert.equal(json.filtered, false);
    });

    test('by type: the webinar only; the choice stays selected', async () => {
        const r = await get(server, '/events?kind=webinar');
        assert.equal(r.status, 200);
        assert.deepEqual(cardSlugs(r.text), ['remittances-webinar']);
        assert.match(r.text, /<option value="webinar" selected>Webinar<\/option>/);
        assert.match(pageText(r.text), /1 event matches these filters/);
        assert.match(r.text, /<a href="\/events">Clear filters<\/a>/);
        // Past is empty: said so, with the way back.
        assert.match(pageText(r.text), /No past event matches these filters\./);
        const ve = await get(server, '/events?kind=virtual_exchange');
        assert.deepEqual(cardSlugs(ve.text), [...DEMO_SLUGS].reverse());
    });

    test('by language: spoken or interpreted into it', async () => {
        const fr = await get(server, '/events?language=fr');
        // The webinar is in Spanish with French interpretation; the 2020 French edition, the
        // multilingual editions and the French workshop are spoken in French.
        assert.deepEqual(cardSlugs(fr.text), ['remittances-webinar', 'cancelled-workshop', E2024,
            '2023-communication-in-project-management', '2021-trust-resources-sustainability', '2020-covid-19-response-fr']);
        assert.match(fr.text, /<option value="fr" selected>French<\/option>/);
        const es = (await getJson(server, '/events?language=es')).json;
        assert.deepEqual(es.upcoming.map((e) => e.slug), ['remittances-webinar']);
        assert.deepEqual(es.past.map((e) => e.slug), [E2024, '2023-communication-in-project-management',
            '2021-trust-resources-sustainability', '2020-covid-19-response-es']);
        assert.deepEqual(es.count, { upcoming: 1, past: 4, total: 5 });
    });

    test('by series, and filters combined', async () => {
        const s = await get(server, '/events?series=diaspora-webinars');
        assert.deepEqual(cardSlugs(s.text), ['remittances-webinar']);
        assert.match(s.text, /<option value="diaspora-webinars" selected>Diaspora webinars<\/option>/);
        const g = await get(server, '/events?series=global-diaspora-virtual-exchanges&language=en');
        assert.deepEqual(cardSlugs(g.text), [E2024, '2023-communication-in-project-management',
            '2021-trust-resources-sustainability', '2020-covid-19-response-en']);
        const both = await get(server, '/events?kind=workshop&language=fr');
        assert.deepEqual(cardSlugs(both.text), ['cancelled-workshop']);
        assert.match(both.text, /<option value="workshop" selected>/);
        assert.match(both.text, /<option value="fr" selected>/);
    });

    test('nothing matches: a count of 0, both empty states, and "clear filters"', async () => {
        const r = await get(server, '/events?kind=conference');
        assert.equal(r.status, 200);
        assert.deepEqual(cardSlugs(r.text), []);
        const text = pageText(r.text);
        assert.match(text, /0 events match these filters/);
        assert.match(text, /No upcoming event matches these filters\./);
        assert.match(text, /No past event matches these filters\./);
        assert.equal([...r.text.matchAll(/<a href="\/events">Clear filters<\/a>/g)].length, 3);
        const { json } = await getJson(server, '/api/v1/events?kind=conference');
        assert.deepEqual(json.count, { upcoming: 0, past: 0, total: 0 });
        assert.deepEqual([json.upcoming, json.past], [[], []]);
    });

    test('empty values mean "any"', async () => {
        const r = await get(server, '/events?kind=&language=&series=');
        assert.equal(r.status, 200);
        assert.equal(cardSlugs(r.text).length, 9);
        assert.doesNotMatch(r.text, /Clear filters/);
    });

    for (const [query, field, message] of [
        ['kind=party', 'kind', 'Choose a type from the list.'],
        ['language=de', 'language', 'Choose a language from the list.'],
        ['series=no-such-series', 'series', 'Choose a series from the list.'],
        ['kind=%3Cscript%3E', 'kind', 'Choose a type from the list.'],
    ])
        test(`an unknown value (${query}): 400, the reason beside the field, the other filters kept`, async () => {
            const r = await get(server, `/events?${query}&language=${field === 'language' ? 'de' : 'es'}`);
            assert.equal(r.status, 400);
            assert.match(r.headers['content-type'], /^text\/html/);
            assert.match(r.text, new RegExp(`<p class="field__error" id="${field}-error">${message.replace('.', '\\.')}</p>`));
            assert.match(r.text, new RegExp(`<select id="${field}" name="${field}"[^>]*aria-invalid="true"`));
            assert.doesNotMatch(r.text, /<script>/, 'the value is not echoed raw');
            assert.match(r.text, /<a href="\/events">Clear filters<\/a>/);
            if (field !== 'language') {
                assert.match(r.text, /<option value="es" selected>/, 'the valid filter stays chosen');
                assert.ok(cardSlugs(r.text).includes('remittances-webinar'), 'and applied');
            }
            const j = await getJson(server, `/events?${query}`);
            assert.equal(j.status, 400);
            assert.equal(j.json.filters.errors[field], message);
        });

    test('French: labels in French, and the filters still apply', async () => {
        const r = await get(server, '/events?lang=fr&language=fr&kind=webinar');
        assert.equal(r.status, 200);
        assert.deepEqual(cardSlugs(r.text), ['remittances-webinar']);
        assert.match(r.text, /<option value="webinar" selected>/);
        assert.match(r.text, /<option value="diaspora-webinars">Webinaires des diasporas<\/option>/);
    });

    test('the page cache keeps each query apart', async () => {
        for (let round = 0; round < 2; round++) {
            assert.deepEqual(cardSlugs((await get(server, '/events?kind=webinar')).text), ['remittances-webinar']);
            assert.deepEqual(cardSlugs((await get(server, '/events?kind=workshop')).text), ['cancelled-workshop']);
            assert.equal(cardSlugs((await get(server, '/events')).text).length, 9);
        }
    });

    test('a cancelled event is marked on its card', async () => {
        const r = await get(server, '/events?kind=workshop');
        assert.match(r.text, /<p class="tag tag--cancelled">Cancelled<\/p>/);
        const { json } = await getJson(server, '/events?kind=workshop');
        assert.equal(json.upcoming[0].cancelled, true);
        assert.equal(json.upcoming[0].status, 'cancelled');
    });

    test('the home page still lists no cancelled event', async () => {
        const { json } = await getJson(server, '/');
        assert.deepEqual(json.upcoming.map((e) => e.slug), ['remittances-webinar', 'script-title']);
    });
});

describe('event facts', () => {
    test('a hybrid webinar: format and place, languages and interpretation, end, status, series', async () => {
        const r = await get(server, '/events/remittances-webinar', { cookie: 'tz=Asia/Tokyo' });
        assert.equal(r.status, 200);
        const f = facts(r.text);
        assert.ok(f.includes('Ends: Thursday, 20 March 2031 at 17:00 UTC-05:00 (America/Bogota) Your time Friday, 21 March 2031 at 07:00 JST (Asia/Tokyo)'), f.join('\n'));
        assert.ok(f.includes('Status: Scheduled'), f.join('\n'));
        assert.ok(f.includes('Format: Hybrid: in person and online Casa de la Cultura, Bogotá'), f.join('\n'));
        assert.ok(f.includes('Languages: Spanish'), f.join('\n'));
        assert.ok(f.includes('Interpretation: English French'), f.join('\n'));
        assert.ok(f.includes('Series: Diaspora webinars'), f.join('\n'));
        assert.match(r.text, /<time datetime="2031-03-20T22:00:00Z">/);
        assert.match(r.text, /<a href="\/series\/diaspora-webinars">Diaspora webinars<\/a>/);
    });

    test('each session shows its start and end, on the event\'s clock and the viewer\'s', async () => {
        const r = await get(server, '/events/remittances-webinar', { cookie: 'tz=Asia/Tokyo' });
        const session = pageText(r.text.slice(r.text.indexOf('id="session-201"'), r.text.indexOf('id="session-202"')));
        assert.match(session, /Thursday, 20 March 2031 at 15:00 UTC-05:00 – 16:00 UTC-05:00 \(America\/Bogota\)/);
        assert.match(session, /Friday, 21 March 2031 at 05:00 JST – 06:00 JST \(Asia\/Tokyo\)/);
    });

    test('its JSON twin has the same facts', async () => {
        const { json } = await getJson(server, '/api/v1/events/remittances-webinar');
        const e = json.event;
        assert.equal(e.kind, 'webinar');
        assert.equal(e.format, 'hybrid');
        assert.equal(e.format_label, 'Hybrid: in person and online');
        assert.equal(e.place, 'Casa de la Cultura, Bogotá');
        assert.deepEqual(e.languages, [{ code: 'es', name: 'Spanish' }]);
        assert.equal(e.interpretation_offered, true);
        assert.deepEqual(e.interpretation, [{ code: 'en', name: 'English' }, { code: 'fr', name: 'French' }]);
        assert.equal(e.starts_at, '2031-03-20T20:00:00Z');
        assert.equal(e.ends_at, '2031-03-20T22:00:00Z');
        assert.equal(e.starts_local, '2031-03-20T15:00:00-05:00');
        assert.equal(e.ends_local, '2031-03-20T17:00:00-05:00');
        assert.equal(e.status, 'published');
        assert.equal(e.status_label, 'Scheduled');
        assert.equal(e.cancelled, false);
        assert.deepEqual(e.series, { title: 'Diaspora webinars', url: '/series/diaspora-webinars' });
        assert.deepEqual(e.sessions.map((s) => [s.starts_local, s.ends_local]), [
            ['2031-03-20T15:00:00-05:00', '2031-03-20T16:00:00-05:00'],
            ['2031-03-20T16:00:00-05:00', '2031-03-20T17:00:00-05:00'],
        ]);
    });

    test('a cancelled event says so at the top and in its facts, in French too', async () => {
        const r = await get(server, '/events/cancelled-workshop');
        assert.equal(r.status, 200);
        const top = r.text.indexOf('This event is cancelled.');
        assert.ok(top > 0 && top < r.text.indexOf('<dl class="facts">'), 'the notice comes before the facts');
        assert.match(r.text, /<p class="alert alert--error event-cancelled" role="note"><strong>This event is cancelled\.<\/strong><\/p>/);
        const f = facts(r.text);
        assert.ok(f.includes('Status: Cancelled'), f.join('\n'));
        assert.ok(f.includes('Format: In person Maison des associations, Lyon'), f.join('\n'));
        assert.ok(!f.some((l) => l.startsWith('Interpretation')), 'no interpretation row when none is offered');
        assert.ok(!f.some((l) => l.startsWith('Series')), 'no series row for an event outside any series');
        const fr = await get(server, '/events/cancelled-workshop?lang=fr');
        assert.match(fr.text, /class="alert alert--error event-cancelled"/);
    });

    test('an online event shows no place, even when one is stored', async () => {
        const r = await get(server, '/events/script-title');
        assert.ok(facts(r.text).includes('Format: Online'));
        assert.doesNotMatch(r.text, /Not shown: online/);
        assert.equal((await getJson(server, '/events/script-title')).json.event.place, null);
    });

    test('the 2024 demo edition: online, three languages, a year only (no end), finished, in its series', async () => {
        const r = await get(server, `/events/${E2024}`);
        const f = facts(r.text);
        for (const want of ['Status: Took place', 'Format: Online', 'Languages: English French Spanish',
            'Series: Global Diaspora Virtual Exchanges'])
            assert.ok(f.includes(want), `${want} in\n${f.join('\n')}`);
        assert.ok(!f.some((l) => l.startsWith('Ends')), 'no end for a year');
        const { json } = await getJson(server, `/events/${E2024}`);
        assert.equal(json.event.ends_at, null);
        assert.equal(json.event.starts_local, null);
    });

    test('a draft stays a 404 for visitors', async () => {
        assert.equal((await get(server, '/events/draft-conference')).status, 404);
    });
});

describe('schema.org JSON-LD', () => {
    test('the 2024 edition: one Event, its year as schema.org Date, online at its page, by the hub, in three languages', async () => {
        const r = await get(server, `/events/${E2024}`);
        const head = r.text.slice(0, r.text.indexOf('</head>'));
        const [ld, ...more] = jsonLd(head);
        assert.equal(more.length, 0, 'one JSON-LD script, in the head');
        assert.equal(ld['@context'], 'https://schema.org');
        assert.equal(ld['@type'], 'Event');
        assert.equal(ld.name, 'Powerful transnational partnerships');
        assert.match(ld.description, /^Three sessions on partnerships/);
        assert.equal(ld.url, `${server.base}/events/${E2024}`);
        assert.equal(ld.startDate, '2024', 'a year is a schema.org Date on its own, nothing invented');
        assert.equal(ld.endDate, undefined, 'a year has no known end');
        assert.equal(ld.eventStatus, 'https://schema.org/EventScheduled', 'a finished event was still scheduled');
        assert.equal(ld.eventAttendanceMode, 'https://schema.org/OnlineEventAttendanceMode');
        assert.deepEqual(ld.location, { '@type': 'VirtualLocation', url: ld.url });
        assert.deepEqual(ld.organizer, { '@type': 'Organization', name: 'Diaspora Exchange Hub', url: `${server.base}/` });
        assert.deepEqual(ld.inLanguage, ['en', 'fr', 'es']);
        assert.equal(ld.subEvent, undefined, 'its sessions have no time');
        const fr = jsonLd((await get(server, `/events/${E2024}?lang=fr`)).text)[0];
        assert.equal(fr.name, 'Des partenariats transnationaux solides');
    });

    test('a day-precision edition has its date', async () => {
        const [ld] = jsonLd((await get(server, '/events/2020-covid-19-response-en')).text);
        assert.equal(ld.startDate, '2020-04-22');
        assert.equal(ld.inLanguage, 'en');
    });

    test('a hybrid event: times with their offset, Place and VirtualLocation, timed sessions as subEvents', async () => {
        const [ld] = jsonLd((await get(server, '/events/remittances-webinar')).text);
        assert.equal(ld.startDate, '2031-03-20T15:00:00-05:00');
        assert.equal(ld.endDate, '2031-03-20T17:00:00-05:00');
        assert.equal(ld.eventAttendanceMode, 'https://schema.org/MixedEventAttendanceMode');
        assert.deepEqual(ld.location, [
            { '@type': 'Place', name: 'Casa de la Cultura, Bogotá', address: 'Casa de la Cultura, Bogotá' },
            { '@type': 'VirtualLocation', url: `${server.base}/events/remittances-webinar` },
        ]);
        assert.equal(ld.inLanguage, 'es');
        assert.deepEqual(ld.subEvent.map((s) => [s['@type'], s.name, s.startDate, s.endDate, s.url]), [
            ['Event', 'Sending costs', '2031-03-20T15:00:00-05:00', '2031-03-20T16:00:00-05:00',
                `${server.base}/events/remittances-webinar#session-201`],
            ['Event', 'Inversión productiva', '2031-03-20T16:00:00-05:00', '2031-03-20T17:00:00-05:00',
                `${server.base}/events/remittances-webinar#session-202`],
        ]);
    });

    test('a cancelled in-person event: EventCancelled, Offline, a Place', async () => {
        const [ld] = jsonLd((await get(server, '/events/cancelled-workshop')).text);
        assert.equal(ld.eventStatus, 'https://schema.org/EventCancelled');
        assert.equal(ld.eventAttendanceMode, 'https://schema.org/OfflineEventAttendanceMode');
        assert.deepEqual(ld.location, { '@type': 'Place', name: 'Maison des associations, Lyon', address: 'Maison des associations, Lyon' });
        assert.equal(ld.startDate, '2031-05-10T10:00:00+02:00');
    });

    test('a title made to close the script element stays inside it, and parses back to itself', async () => {
        const r = await get(server, '/events/script-title');
        assert.equal(r.status, 200);
        const head = r.text.slice(0, r.text.indexOf('</head>'));
        const open = head.indexOf('<script type="application/ld+json">');
        assert.ok(open > 0);
        const body = head.slice(open + '<script type="application/ld+json">'.length);
        const inside = body.slice(0, body.indexOf('</script>'));
        assert.doesNotMatch(inside, /[<>&]/, 'no <, > or & inside the script element');
        assert.doesNotMatch(head, /<script>alert/i, 'no injected script element in the head');
        assert.equal([...r.text.matchAll(/<script\b/gi)].length, [...r.text.matchAll(/<script\b[^>]*\bsrc=|<script type="application\/ld\+json">/gi)].length,
            'every script element is the hub\'s own');
        const [ld] = jsonLd(head);
        assert.equal(ld.name, EVIL);
        assert.equal(ld.description, 'Fish & chips <!-- "quoted" --> <b>bold</b> </SCRIPT >');
        assert.equal(ld.subEvent[0].name, '</SCRIPT><!--');
        assert.equal(ld.startDate, '2031-06-01T12:00:00Z');
        // The page shows the same title as text.
        assert.equal(decodeEntities(h1(r.text)), EVIL);
    });
});

describe('demo data', () => {
    test('the demo admin organises every demo event, and a second init adds nothing twice', async () => {
        const q = `SELECT e.slug FROM event_organisers o JOIN events e ON e.id = o.event_id
                   JOIN users u ON u.id = o.user_id WHERE u.email = 'admin@example.org' ORDER BY e.slug`;
        assert.deepEqual(sql(dir, q).map((r) => r[0]), [...DEMO_SLUGS].sort());
        const other = await makeDataDir();
        try {
            await initData(other);
            await initData(other);
            assert.deepEqual(sql(other, 'SELECT COUNT(*) FROM event_organisers').flat(), [6]);
            assert.deepEqual(sql(other, 'SELECT COUNT(*) FROM events').flat(), [6]);
            assert.deepEqual(sql(other, "SELECT DISTINCT kind, format FROM events"), [['virtual_exchange', 'online']]);
        } finally {
            await rm(other, { recursive: true, force: true });
        }
    });
});
