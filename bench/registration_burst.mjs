// `make bench`, registration burst: N members (default 2,000, made with `dxhub user bulk`) register
// at the same moment for a 300-seat event on a running hub, each with its own connection.
// Prints the latency of the registrations (p50, p99, max), how many failed, what the hub
// stored (confirmed, waitlisted), and the write transactions the burst took (from /metrics: the
// batching writer's transactions and jobs, which are the registrations and the mail renderer's
// rounds, and all commits). Prints numbers, never fails on them.
//
// Usage: node bench/registration_burst.mjs BASE_URL DATA_DIR [DXHUB_BIN]
// Settings (environment): BENCH_REGISTRATIONS (2000), BENCH_SEATS (300).
import http from 'node:http';
import { spawnSync } from 'node:child_process';
import { makeEvent, rows } from '../tests/http/registration_helper.mjs';

const [base, dataDir, bin = 'build/dxhub'] = process.argv.slice(2);
const N = Number(process.env.BENCH_REGISTRATIONS || 2000);
const SEATS = Number(process.env.BENCH_SEATS || 300);
if (!base || !dataDir) {
    console.error('usage: node bench/registration_burst.mjs BASE_URL DATA_DIR [DXHUB_BIN]');
    process.exit(2);
}

const prefix = `bench${Date.now().toString(36)}`;
const made = spawnSync(bin, ['user', 'bulk', '--count', String(N), '--prefix', prefix, '--data', dataDir], { maxBuffer: 64 << 20 });
if (made.status !== 0) {
    console.error(`bench: dxhub user bulk failed: ${made.stderr}`);
    process.exit(1);
}
const people = made.stdout.toString().trim().split('\n').map((l) => l.split(' '));
const server = { dataDir };
const slug = `${prefix}-burst`;
const eventId = makeEvent(server, { slug, capacity: SEATS, title: 'Registration burst' });

const limit = parseInt(spawnSync('sh', ['-c', 'ulimit -n']).stdout.toString(), 10);
const agent = new http.Agent({ keepAlive: false, maxSockets: Number.isFinite(limit) ? Math.max(50, Math.min(N, limit - 200)) : N });

function register([cookie, csrf]) {
    const body = `csrf=${encodeURIComponent(csrf)}`;
    const started = process.hrtime.bigint();
    return new Promise((resolve) => {
        const req = http.request(`${base}/events/${slug}/register`, {
            method: 'POST', agent,
            headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
        }, (res) => {
            res.resume();
            res.on('end', () => resolve({ ok: res.statusCode === 303, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
        });
        req.on('error', () => resolve({ ok: false, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
        req.end(body);
    });
}

/* The hub's counters of write transactions (/metrics); {} when it has none. */
function counters() {
    return new Promise((resolve) => {
        http.get(`${base}/metrics`, (res) => {
            let text = '';
            res.on('data', (c) => { text += c; });
            res.on('end', () => resolve(Object.fromEntries([...text.matchAll(/^(dxhub_db_[a-z_]+_total) (\d+)$/gm)]
                .map((m) => [m[1], Number(m[2])]))));
        }).on('error', () => resolve({}));
    });
}

const before = await counters();
const t0 = process.hrtime.bigint();
const results = await Promise.all(people.map(register));
const wall = Number(process.hrtime.bigint() - t0) / 1e6;
agent.destroy();
const after = await counters();
const ms = results.map((r) => r.ms).sort((a, b) => a - b);
const pct = (p) => ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)];
const errors = results.filter((r) => !r.ok).length;
const stored = Object.fromEntries(rows(server, 'SELECT status, count(*) AS n FROM registrations WHERE event_id = ? GROUP BY status', [eventId])
    .map((r) => [r.status, r.n]));
console.log(`registration burst: ${N} concurrent registrations for ${SEATS} seats, on ${agent.maxSockets} sockets`);
console.log(`  p50 ${pct(50).toFixed(1)} ms   p99 ${pct(99).toFixed(1)} ms   max ${ms[ms.length - 1].toFixed(1)} ms   ` +
    `all done in ${(wall / 1000).toFixed(2)} s (${(N / (wall / 1000)).toFixed(0)} registrations/s)`);
console.log(`  errors: ${errors}   stored: ${stored.confirmed || 0} confirmed, ${stored.waitlisted || 0} waitlisted` +
    `${stored.confirmed === SEATS && stored.waitlisted === N - SEATS ? ' (as expected)' : ' (NOT as expected)'}`);
const delta = (name) => (name in after && name in before ? after[name] - before[name] : NaN);
console.log(`  transactions: ${delta('dxhub_db_batches_total')} batches for ${delta('dxhub_db_batch_jobs_total')} jobs ` +
    `(${N} registrations and the mail renderer's rounds), ${delta('dxhub_db_commits_total')} commits in all during the burst`);
