// The fair, atomic waitlist under load: 2,000 members (made with `dxhub user bulk`) register at
// the same moment for a 300-seat event. Exactly 300 get a seat, 1,700 wait in positions
// 1..1700 without gaps or repeats, and no request fails. Then five seat holders cancel at once:
// the first five of the waitlist are promoted, in order, and the rest move up by five.
// No timing is asserted; the numbers are the assertion.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { spawnSync } from 'node:child_process';
import { Server, get, request, runCli } from './server.mjs';
import { makeEvent, mailRendered, rows } from './registration_helper.mjs';

const PEOPLE = 2000;
const SEATS = 300;
const SLUG = 'burst';

let server, people, eventId;

/* As many sockets at once as the open-file limit leaves room for (all 2,000 on most machines). */
function concurrency() {
    const r = spawnSync('sh', ['-c', 'ulimit -n']);
    const limit = parseInt(r.stdout.toString(), 10);
    return Number.isFinite(limit) ? Math.max(50, Math.min(PEOPLE, limit - 200)) : PEOPLE;
}

const agent = new http.Agent({ keepAlive: false, maxSockets: concurrency() });

/* POST pathname as one member (cookie and CSRF token from `dxhub user bulk`). */
function post(person, pathname) {
    const body = `csrf=${encodeURIComponent(person.csrf)}`;
    return new Promise((resolve, reject) => {
        const req = http.request(`${server.base}${pathname}`, {
            method: 'POST', agent,
            headers: { cookie: person.cookie, 'content-type': 'application/x-www-form-urlencoded',
                'content-length': Buffer.byteLength(body) },
        }, (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode, location: res.headers.location }));
        });
        req.on('error', reject);
        req.end(body);
    });
}

function waitlist() {
    return rows(server, `SELECT user_id, waitlist_seq FROM registrations WHERE event_id = ? AND status = 'waitlisted'
        ORDER BY waitlist_seq`, [eventId]);
}

before(async () => {
    // The 2,000 people all come from 127.0.0.1 here: no per-address cap.
    server = await Server.start({ args: ['--max-connections', '5000', '--max-connections-per-ip', '0'] });
    const made = await runCli(['user', 'bulk', '--count', String(PEOPLE), '--prefix', 'burst', '--data', server.dataDir],
        { timeout: 120000 });
    assert.equal(made.code, 0, made.stderr);
    const ids = rows(server, "SELECT id FROM users WHERE email LIKE 'burst-%' ORDER BY id").map((r) => r.id);
    people = made.stdout.trim().split('\n').map((line, i) => {
        const [cookie, csrf] = line.split(' ');
        return { cookie, csrf, id: ids[i] };
    });
    assert.equal(people.length, PEOPLE);
    eventId = makeEvent(server, { slug: SLUG, capacity: SEATS });
});
after(async () => {
    agent.destroy();
    await server?.stop();
});

/* The counters of /metrics named in names, as numbers. */
async function metrics(names) {
    const text = (await get(server, '/metrics')).text;
    return Object.fromEntries(names.map((n) => [n, Number((text.match(new RegExp(`^${n} (\\d+)$`, 'm')) || [])[1])]));
}

/* Runs fn over items, at most `width` at a time. */
async function inParallel(items, width, fn) {
    const out = [];
    for (let i = 0; i < items.length; i += width) out.push(...await Promise.all(items.slice(i, i + width).map(fn)));
    return out;
}

test(`${PEOPLE} simultaneous registrations for ${SEATS} seats: ${SEATS} confirmed, the rest waitlisted 1..${PEOPLE - SEATS}`, async () => {
    const counters = ['dxhub_db_batches_total', 'dxhub_db_batch_jobs_total'];
    const before = await metrics(counters);
    const answers = await Promise.all(people.map((p) => post(p, `/events/${SLUG}/register`)));
    // Every registration went through the batching writer, a job each (the mail renderer's rounds
    // are jobs too), in no more transactions than jobs (how many fewer depends on how they met;
    // not asserted).
    const after = await metrics(counters);
    const jobs = after.dxhub_db_batch_jobs_total - before.dxhub_db_batch_jobs_total;
    assert.ok(jobs >= PEOPLE, `${jobs} jobs`);
    assert.ok(after.dxhub_db_batches_total - before.dxhub_db_batches_total <= jobs);
    const wrong = answers.filter((a) => a.status !== 303 || !/\/registration\?done=registered$/.test(a.location));
    assert.deepEqual(wrong.slice(0, 5), [], `${wrong.length} requests did not register`);

    const counts = Object.fromEntries(rows(server, 'SELECT status, count(*) AS n FROM registrations WHERE event_id = ? GROUP BY status', [eventId])
        .map((r) => [r.status, r.n]));
    assert.deepEqual(counts, { confirmed: SEATS, waitlisted: PEOPLE - SEATS });
    assert.equal(rows(server, 'SELECT count(DISTINCT user_id) AS n FROM registrations WHERE event_id = ?', [eventId])[0].n, PEOPLE);
    const seqs = waitlist().map((r) => r.waitlist_seq);
    assert.equal(new Set(seqs).size, PEOPLE - SEATS, 'no two share a place');
    // Positions are ranks in arrival order: 1..1700, as each person's page shows.
    const sample = [0, 1, 849, PEOPLE - SEATS - 1];
    const positions = rows(server, `SELECT (SELECT count(*) FROM registrations w WHERE w.event_id = r.event_id
        AND w.status = 'waitlisted' AND w.waitlist_seq <= r.waitlist_seq) AS position FROM registrations r
        WHERE r.event_id = ? AND r.status = 'waitlisted' ORDER BY r.waitlist_seq`, [eventId]).map((r) => r.position);
    assert.deepEqual(positions, Array.from({ length: PEOPLE - SEATS }, (_, i) => i + 1));
    // A confirmation or a waitlist email for everyone, queued with their registration (and
    // rendered into the outbox by the mail renderer after the commit).
    await mailRendered(server);
    const mails = rows(server, "SELECT template, count(*) AS n FROM outbox WHERE template LIKE 'reg_%' GROUP BY template");
    assert.deepEqual(Object.fromEntries(mails.map((m) => [m.template, m.n])), { reg_confirmed: SEATS, reg_waitlisted: PEOPLE - SEATS });
    assert.ok(sample.every((i) => positions[i] === i + 1));
});

test('each person of the burst is told their own stored state: the page the answer leads to, and the email', async () => {
    const stored = new Map(rows(server, `SELECT r.user_id, r.status, CASE WHEN r.status = 'waitlisted' THEN
        (SELECT count(*) FROM registrations w WHERE w.event_id = r.event_id AND w.status = 'waitlisted'
        AND w.waitlist_seq <= r.waitlist_seq) ELSE 0 END AS position, u.email FROM registrations r
        JOIN users u ON u.id = r.user_id WHERE r.event_id = ?`, [eventId]).map((r) => [r.user_id, r]));
    await mailRendered(server);
    const mails = new Map(rows(server, "SELECT recipient, template, body_text FROM outbox WHERE template IN ('reg_confirmed', 'reg_waitlisted')")
        .map((m) => [m.recipient, m]));
    const wrong = [];
    await inParallel(people, 50, async (p) => {
        const want = stored.get(p.id);
        const page = await request(server, `/api/v1/events/${SLUG}/registration?done=registered`,
            { headers: { cookie: p.cookie, accept: 'application/json' } });
        const mine = JSON.parse(page.text).registration;
        const shown = Number(((mine.position_label || '').match(/\d+/) || [0])[0]);
        const mail = mails.get(want.email);
        const mailed = mail && (mail.template === 'reg_confirmed' ? 0 : Number((mail.body_text.match(/waitlist: (\d+)/) || [])[1]));
        if (mine.status !== want.status || shown !== want.position || mail?.template !== `reg_${want.status}` || mailed !== want.position)
            wrong.push({ id: p.id, want, page: [mine.status, shown], mail: [mail?.template, mailed] });
    });
    assert.deepEqual(wrong.slice(0, 3), [], `${wrong.length} people told something else than what is stored`);
});

test('five cancellations at once promote the first five of the waitlist, in order', async () => {
    const before = waitlist();
    const firstFive = before.slice(0, 5).map((r) => r.user_id);
    const holders = rows(server, "SELECT user_id FROM registrations WHERE event_id = ? AND status = 'confirmed' LIMIT 5", [eventId])
        .map((r) => r.user_id);
    const byId = new Map(people.map((p) => [p.id, p]));
    const answers = await Promise.all(holders.map((id) => post(byId.get(id), `/events/${SLUG}/registration/cancel`)));
    assert.deepEqual(answers.map((a) => a.status), [303, 303, 303, 303, 303]);
    for (const id of firstFive)
        assert.equal(rows(server, 'SELECT status FROM registrations WHERE event_id = ? AND user_id = ?', [eventId, id])[0].status, 'confirmed');
    const after = waitlist();
    assert.equal(after.length, PEOPLE - SEATS - 5);
    assert.deepEqual(after.map((r) => r.user_id), before.slice(5).map((r) => r.user_id), 'the others keep their order');
    assert.equal(rows(server, "SELECT count(*) AS n FROM registrations WHERE event_id = ? AND status = 'confirmed'", [eventId])[0].n, SEATS);
    await mailRendered(server);
    assert.equal(rows(server, "SELECT count(*) AS n FROM outbox WHERE template = 'reg_promoted'")[0].n, 5);
});
