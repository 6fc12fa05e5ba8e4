// A live room when hundreds act at once, through the batching writer (src/db/db_batch.c): 300
// members (made with `dxhub user bulk`) ask a question each at the same moment, then each votes
// twice at once for the first question. Every question is stored once for its asker; each
// person's two votes get one 303 and one 409 "already voted" (whichever ran second, in the same
// batch or not, saw the first), in their own language (half read French); the count shown is the
// number of votes stored. No timing is
// asserted; the numbers are the assertion.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { Server, get, runCli } from './server.mjs';
import { sql } from './records_helper.mjs';
import { makeRoom } from './rooms_helper.mjs';

const PEOPLE = 300;
let server, people, roomId;
const agent = new http.Agent({ keepAlive: false, maxSockets: 2 * PEOPLE });

/* POST form fields as one member (cookie and CSRF token from `dxhub user bulk`), reading
 * French when the member's position in the list is odd. */
function post(person, pathname, fields = {}) {
    const body = new URLSearchParams({ csrf: person.csrf, ...fields }).toString();
    return new Promise((resolve, reject) => {
        const req = http.request(`${server.base}${pathname}`, {
            method: 'POST', agent,
            headers: { cookie: `${person.cookie}${person.fr ? '; lang=fr' : ''}`, 'content-type': 'application/x-www-form-urlencoded',
                'content-length': Buffer.byteLength(body) },
        }, (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
        });
        req.on('error', reject);
        req.end(body);
    });
}

async function counter(name) {
    const text = (await get(server, '/metrics')).text;
    return Number((text.match(new RegExp(`^${name} (\\d+)$`, 'm')) || [])[1]);
}

before(async () => {
    server = await Server.start({ args: ['--max-connections-per-ip', '0'] });
    const made = await runCli(['user', 'bulk', '--count', String(PEOPLE), '--prefix', 'voters', '--data', server.dataDir],
        { timeout: 120000 });
    assert.equal(made.code, 0, made.stderr);
    const ids = sql(server, "SELECT id FROM users WHERE email LIKE 'voters-%' ORDER BY id").trim().split('\n').map(Number);
    people = made.stdout.trim().split('\n').map((line, i) => {
        const [cookie, csrf] = line.split(' ');
        return { cookie, csrf, id: ids[i], fr: i % 2 === 1 };
    });
    ({ roomId } = makeRoom(server, { slug: 'room-burst' }));
    sql(server, `INSERT INTO rooms (session_id, premoderation) VALUES (${roomId}, 0);`);
});
after(async () => {
    agent.destroy();
    await server?.stop();
});

test(`${PEOPLE} members ask at once: one question each, all stored, all through the batching writer`, async () => {
    const jobs = await counter('dxhub_db_batch_jobs_total');
    const answers = await Promise.all(people.map((p) => post(p, `/rooms/${roomId}/questions`, { body: `Question of member ${p.id}` })));
    assert.deepEqual(answers.filter((a) => a.status !== 303).map((a) => a.status), []);
    assert.equal(await counter('dxhub_db_batch_jobs_total') - jobs, PEOPLE);
    const stored = sql(server, `SELECT user_id || ' ' || body FROM room_questions WHERE room_id = ${roomId} ORDER BY user_id`)
        .trim().split('\n').sort();
    assert.deepEqual(stored, people.map((p) => `${p.id} Question of member ${p.id}`).sort());
});

test(`each of ${PEOPLE} members votes twice at once: one vote counted, the other told "already voted"`, async () => {
    const qid = Number(sql(server, `SELECT min(id) FROM room_questions WHERE room_id = ${roomId}`).trim());
    const answers = await Promise.all(people.flatMap((p) => [0, 1].map(() => post(p, `/rooms/${roomId}/questions/${qid}/vote`))));
    for (let i = 0; i < PEOPLE; i++) {
        const pair = [answers[2 * i].status, answers[2 * i + 1].status].sort();
        assert.deepEqual(pair, [303, 409], `member ${people[i].id}`);
        const refused = answers[2 * i].status === 409 ? answers[2 * i] : answers[2 * i + 1];
        // In the member's own language, whoever's thread ran the batch.
        assert.match(refused.text, people[i].fr ? /Vous avez déjà voté/ : /You have already voted/);
    }
    assert.equal(sql(server, `SELECT votes || ' ' || (SELECT count(*) FROM room_question_votes WHERE question_id = ${qid})
        FROM room_questions WHERE id = ${qid}`).trim(), `${PEOPLE} ${PEOPLE}`);
});
