// Statistics and exports count what registrants gave on the registration form: a question that stands
// for a profile field (a country question for the country of residence, a choice among the stakeholder
// groups) counts where the profile would. The CSV and XLSX exports are read back by tools nobody here
// wrote (python3's csv module and openpyxl): a UTF-8 byte order mark, no two columns of the same name,
// the registration times as date cells.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Server } from './server.mjs';
import { makeUser } from './accounts_helper.mjs';
import { sql, q, makeEvent } from './records_helper.mjs';

const PASSWORD = 'violet harbour tractor 42';
const SLUG = 'form-fields-exchange';
let server, organiser, eventId;

// Three registrants with empty profiles, who answered the form's questions.
const PEOPLE = [
    ['Amina', 'amina@example.org', '2024-03-01T10:00:00Z', 'SN', '2'],
    ['Bruno', 'bruno@example.org', '2024-03-02T10:00:00Z', 'SN', '2'],
    ['Carla', 'carla@example.org', '2024-03-03T23:30:00Z', 'CO', '6'],
];
const QUESTIONS = [
    ['country', 'Country of residence', ''],
    ['single_choice', 'Stakeholder group', 'Diaspora organisation\nDiaspora member\nNational government\nLocal government\nInternational organisation\nNGO or civil society'],
    ['country', 'Country of origin', ''],
    ['short_text', 'Name', ''],
];

before(async () => {
    server = await Server.start();
    const o = await makeUser(server, { email: 'ff-org@example.org', name: 'Olu Organiser', password: PASSWORD });
    organiser = o.client;
    eventId = makeEvent(server, { slug: SLUG, organiserId: o.id });
    const stmts = [];
    QUESTIONS.forEach(([kind, label, choices], i) => {
        stmts.push(`INSERT INTO registration_questions (event_id, position, kind, required) VALUES (${eventId}, ${i + 1}, ${q(kind)}, 1)`);
        stmts.push(`INSERT INTO registration_question_texts (question_id, lang, label, choices) VALUES (last_insert_rowid(), 'en', ${q(label)}, ${q(choices)})`);
    });
    const question = (pos) => `(SELECT id FROM registration_questions WHERE event_id = ${eventId} AND position = ${pos})`;
    PEOPLE.forEach(([name, email, at, country, group], i) => {
        const t = Date.parse(at) / 1000;
        stmts.push(`INSERT INTO users (email, name, created_at) VALUES (${q(email)}, ${q(name)}, 0)`);
        stmts.push(`INSERT INTO registrations (event_id, user_id, status, lang, cancel_token_hash, created_at, updated_at)
            VALUES (${eventId}, (SELECT id FROM users WHERE email = ${q(email)}), 'confirmed', 'en', 'ff-token-${i}', ${t}, ${t})`);
        const reg = `(SELECT r.id FROM registrations r JOIN users u ON u.id = r.user_id WHERE u.email = ${q(email)})`;
        for (const [pos, value] of [[1, country], [2, group], [3, 'MA'], [4, `Org of ${name}`]])
            stmts.push(`INSERT INTO registration_answers (registration_id, question_id, value) VALUES (${reg}, ${question(pos)}, ${q(value)})`);
    });
    stmts.push(`INSERT INTO attendance (event_id, user_id, joined_at) VALUES (${eventId}, (SELECT id FROM users WHERE email = 'amina@example.org'), ${Date.parse('2024-03-28T14:05:00Z') / 1000})`);
    sql(server, stmts.join(';\n') + ';');
});
after(async () => {
    await server?.stop();
});

const download = async (ext) => {
    const r = await fetch(`${server.base}/events/${SLUG}/registrations.${ext}?lang=en`, { headers: { cookie: [...organiser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    assert.equal(r.status, 200);
    return Buffer.from(await r.arrayBuffer());
};
const python = (script, input) => {
    const py = spawnSync('/usr/bin/python3', ['-c', script], { input });
    assert.equal(py.status, 0, py.stderr.toString());
    return JSON.parse(py.stdout.toString());
};

test('the statistics count the form answers that stand for profile fields', async () => {
    const { stats } = JSON.parse((await organiser.get(`/api/v1/events/${SLUG}/stats?lang=en`)).body);
    const rows = (s) => s.rows.map((x) => [x.label, x.value]);
    assert.deepEqual(rows(stats.by_country), [['Senegal', 2], ['Colombia', 1]], 'no "Not given": the form said where they live');
    assert.deepEqual(rows(stats.by_group), [['Diaspora member', 2], ['NGO or civil society', 1]]);
    const fr = JSON.parse((await organiser.get(`/api/v1/events/${SLUG}/stats?lang=fr`)).body).stats;
    assert.deepEqual(rows(fr.by_country), [['Sénégal', 2], ['Colombie', 1]]);
});

test('a single point in time is a bar with its total, not a flat line, dated in the reader\'s language', async () => {
    for (const [lang, day] of [['en', '28 Mar 2024'], ['es', '28 mar 2024']]) {
        const html = (await organiser.get(`/events/${SLUG}/stats?lang=${lang}`)).body;
        const svg = /<svg[^>]*aria-labelledby="chart-attendance-title"[\s\S]*?<\/svg>/.exec(html)[0];
        assert.doesNotMatch(svg, /chart__line/);
        assert.match(svg, /<rect class="chart__bar"/);
        assert.match(svg, /text-anchor="middle">1<\/text>/, 'the total above the bar');
        assert.match(svg, new RegExp(`>${day}</text>`), `the day in ${lang}`);
    }
    await organiser.get(`/events/${SLUG}/stats?lang=en`);
});

test('the CSV starts with a byte order mark, its headers are unique and carry the form answers', async () => {
    const body = await download('csv');
    assert.deepEqual([...body.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark');
    const { rows } = python(`
import csv, io, json, sys
text = sys.stdin.buffer.read().decode('utf-8-sig')
print(json.dumps({'rows': list(csv.reader(io.StringIO(text, newline='')))}))
`, body);
    const header = rows[0];
    assert.equal(new Set(header).size, header.length, `unique headers: ${header.join(' | ')}`);
    assert.deepEqual(header, ['Name', 'Email address', 'Status', 'Waitlist position', 'Registered at (UTC)', 'Registered at (Europe/Brussels)',
        'Language', 'Country of residence', 'Stakeholder group', 'Country of origin', 'Name (2)']);
    const amina = rows.find((r) => r[1] === 'amina@example.org');
    assert.equal(amina[7], 'Senegal');
    assert.equal(amina[8], 'Diaspora member');
    assert.equal(amina[9], 'Morocco');
    assert.equal(amina[10], 'Org of Amina');
});

test('the XLSX has unique headers, the form answers and date cells for the times', async () => {
    const book = python(`
import io, json, sys, openpyxl
ws = openpyxl.load_workbook(io.BytesIO(sys.stdin.buffer.read())).active
rows = [[c.value.isoformat() if hasattr(c.value, 'isoformat') else c.value for c in r] for r in ws.iter_rows()]
dates = [[c.is_date for c in r] for r in ws.iter_rows(min_row=2)]
print(json.dumps({'rows': rows, 'dates': dates}))
`, await download('xlsx'));
    const header = book.rows[0];
    assert.equal(new Set(header).size, header.length, `unique headers: ${header.join(' | ')}`);
    assert.equal(header[7], 'Country of residence');
    assert.equal(header[10], 'Name (2)');
    const i = book.rows.findIndex((r) => r[1] === 'carla@example.org');
    const carla = book.rows[i];
    assert.equal(carla[7], 'Colombia');
    assert.equal(carla[8], 'NGO or civil society');
    assert.equal(book.dates[i - 1][4], true, 'UTC time is a date cell');
    assert.equal(book.dates[i - 1][5], true, 'local time is a date cell');
    assert.equal(carla[4], '2024-03-03T23:30:00');
    assert.equal(carla[5], '2024-03-04T00:30:00', 'on the Brussels clock');
});
