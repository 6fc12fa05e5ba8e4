// The iCalendar files: /events/{slug}.ics, /events/{slug}/sessions/{id}.ics and the series feed
// /series/{slug}.ics, on the demo data, each parsed by Debian's python3-icalendar
// (tests/http/read_ics.py). The demo's dated editions are the three of 2020, known to the day;
// minute-precision times, VTIMEZONE offsets around a DST change, SEQUENCE and CANCELLED are
// proved by tests/unit/test_calendar.c, since no organiser screen can create such events yet.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Server, get, getJson, pageText, ROOT } from './server.mjs';

const SERIES = 'global-diaspora-virtual-exchanges';
const E2024 = '2024-powerful-transnational-partnerships';
const EDITIONS = [
    ['2020-covid-19-response-en', '2020-04-22'],
    ['2020-covid-19-response-fr', '2020-05-20'],
    ['2020-covid-19-response-es', '2020-06-10'],
];
const TITLE_EN = {
    en: 'Diaspora response to COVID-19 (English edition)',
    fr: 'Réponse des diasporas à la COVID-19 (édition en anglais)',
    es: 'Respuesta de las diásporas a la COVID-19 (edición en inglés)',
};

/* The file read by python3-icalendar: {name, timezones, events: [{uid, sequence, status, dtstart,
 * all_day, tzid, summary, url}]}. */
function readIcs(body) {
    const r = spawnSync('/usr/bin/python3', [path.join(ROOT, 'tests/http/read_ics.py')], { input: body });
    assert.equal(r.status, 0, `read_ics.py failed: ${r.stderr}`);
    return JSON.parse(r.stdout.toString('utf8'));
}

/* GETs an .ics path, checks the calendar headers and returns the parsed file. */
async function getIcs(pathname, filename) {
    const r = await get(server, pathname);
    assert.equal(r.status, 200, `${pathname}: ${r.text.slice(0, 200)}`);
    assert.equal(r.headers['content-type'], 'text/calendar; charset=utf-8');
    assert.equal(r.headers['content-disposition'], `inline; filename="${filename}"`);
    assert.match(r.text, /^BEGIN:VCALENDAR\r\n/);
    return readIcs(r.body);
}

let server;
before(async () => {
    server = await Server.start();
});
after(async () => {
    if (server && !server.exit) await server.stop();
});

describe('event calendar file', () => {
    test('a day-precision edition is an all-day event with a stable UID, in each language', async () => {
        const [slug, day] = EDITIONS[0];
        let uid;
        for (const lang of ['en', 'fr', 'es']) {
            const cal = await getIcs(`/events/${slug}.ics?lang=${lang}`, `${slug}.ics`);
            assert.equal(cal.events.length, 1);
            const ev = cal.events[0];
            assert.match(ev.uid, /^event-\d+@127\.0\.0\.1$/);
            uid ??= ev.uid;
            assert.equal(ev.uid, uid, 'the same UID whatever the language or the request');
            assert.equal(ev.sequence, 0);
            assert.equal(ev.status, 'CONFIRMED');
            assert.equal(ev.all_day, true);
            assert.equal(ev.dtstart, day);
            assert.equal(ev.tzid, null);
            assert.equal(ev.summary, TITLE_EN[lang]);
            assert.equal(ev.url, `${server.base}/events/${slug}`);
            assert.deepEqual(cal.timezones, [], 'no VTIMEZONE for all-day events');
        }
    });

    test('served fresh each time, never from the page cache (headers kept)', async () => {
        const [slug] = EDITIONS[1];
        for (let i = 0; i < 3; i++) await getIcs(`/events/${slug}.ics`, `${slug}.ics`);
    });

    test('the event page itself is still routed', async () => {
        const r = await get(server, `/events/${EDITIONS[0][0]}`);
        assert.equal(r.status, 200);
        assert.match(r.headers['content-type'], /^text\/html/);
    });

    test('an edition known only to the year answers 404 with a page that says why', async () => {
        const r = await get(server, `/events/${E2024}.ics`);
        assert.equal(r.status, 404);
        assert.match(r.headers['content-type'], /^text\/html/);
        const text = pageText(r.text);
        assert.ok(text.includes('No calendar entry yet'), text);
        assert.ok(r.text.includes(`href="/events/${E2024}"`), 'a link back to the event');
    });

    test('an unknown event answers 404', async () => {
        assert.equal((await get(server, '/events/no-such-event.ics')).status, 404);
    });
});

describe('session calendar file', () => {
    test('a session of an undated edition is 404 with the page; other ids and events are 404', async () => {
        const r = await getJson(server, `/events/${E2024}`);
        const id = r.json.event.sessions[0].id;
        const undated = await get(server, `/events/${E2024}/sessions/${id}.ics`);
        assert.equal(undated.status, 404);
        assert.ok(pageText(undated.text).includes('No calendar entry yet'));
        for (const p of [`/events/${EDITIONS[0][0]}/sessions/${id}.ics`, `/events/${E2024}/sessions/abc.ics`,
            `/events/${E2024}/sessions/0.ics`, `/events/${E2024}/sessions/999999.ics`])
            assert.equal((await get(server, p)).status, 404, p);
    });
});

describe('series feed', () => {
    test('every dated edition, oldest first, with the same UIDs as the event files', async () => {
        const cal = await getIcs(`/series/${SERIES}.ics?lang=fr`, `${SERIES}.ics`);
        assert.equal(cal.name, 'Échanges virtuels mondiaux des diasporas');
        assert.deepEqual(cal.events.map((e) => e.dtstart), EDITIONS.map(([, day]) => day));
        assert.equal(cal.events[0].summary, TITLE_EN.fr);
        for (const [i, [slug]] of EDITIONS.entries()) {
            const one = await getIcs(`/events/${slug}.ics`, `${slug}.ics`);
            assert.equal(cal.events[i].uid, one.events[0].uid);
        }
    });

    test('an unknown series answers 404', async () => {
        assert.equal((await get(server, '/series/no-such-series.ics')).status, 404);
    });
});

describe('calendar links on the pages', () => {
    test('a dated event offers its .ics; the year-only 2024 edition offers none', async () => {
        const dated = await get(server, `/events/${EDITIONS[0][0]}?lang=en`);
        const href = /href="(\/events\/[^"]+\.ics)"[^>]*>Add to my calendar</.exec(dated.body.toString());
        assert.ok(href, 'the event page links its calendar file');
        assert.equal((await get(server, href[1])).status, 200);
        const undated = await get(server, '/events/2024-powerful-transnational-partnerships?lang=en');
        assert.doesNotMatch(undated.body.toString(), /\.ics"/);
    });

    test('the series page offers a webcal subscription and the file', async () => {
        const page = (await get(server, `/series/${SERIES}?lang=es`)).body.toString();
        assert.match(page, new RegExp(`href="webcal://[^"]+/series/${SERIES}\\.ics">Suscribirme en mi calendario<`));
        assert.match(page, new RegExp(`href="/series/${SERIES}\\.ics"`));
    });
});
