// What the registration tests share: reading and writing the test server's database directly
// (with Python's sqlite3 module, as Debian ships it), to make the events these tests register
// for while the organiser screens are built elsewhere, and to look at what the hub stored.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const PYTHON = process.env.DXHUB_PYTHON || '/usr/bin/python3';

const SCRIPT = `
import json, sqlite3, sys
db, mode = sys.argv[1], sys.argv[2]
job = json.load(sys.stdin)
c = sqlite3.connect(db, timeout=60)
c.execute("PRAGMA foreign_keys = ON")
if mode == "run":
    for sql, params in job:
        c.execute(sql, params)
    c.commit()
    print("[]")
else:
    cur = c.execute(job[0], job[1])
    cols = [d[0] for d in cur.description]
    print(json.dumps([dict(zip(cols, row)) for row in cur.fetchall()]))
`;

function python(server, mode, job) {
    const r = spawnSync(PYTHON, ['-c', SCRIPT, path.join(server.dataDir, 'dxhub.db'), mode], {
        input: JSON.stringify(job),
        maxBuffer: 64 << 20,
    });
    if (r.status !== 0) throw new Error(`sqlite (${mode}) failed: ${r.stderr}`);
    return JSON.parse(r.stdout.toString('utf8'));
}

/** Runs statements [[sql, params], ...] in one transaction. */
export function run(server, statements) {
    python(server, 'run', statements);
}

/** The rows of one query, as objects. */
export function rows(server, sql, params = []) {
    return python(server, 'query', [sql, params]);
}

/**
 * Waits until the hub's mail renderer has rendered every registration email waiting (the
 * registration's transaction only queues a job; the renderer moves it into the outbox after the
 * commit), so that the outbox can be read. Throws after `seconds`.
 */
export async function mailRendered(server, seconds = 60) {
    for (let i = 0; i < seconds * 20; i++) {
        if (rows(server, 'SELECT count(*) AS n FROM reg_mail_jobs')[0].n === 0) return;
        await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`registration emails still waiting to be rendered after ${seconds} s`);
}

/** The id of a signed-in client's account. */
export async function accountId(client) {
    const r = await client.get('/api/v1/account');
    return JSON.parse(r.body).account.id;
}

/**
 * Makes a published event (or status) with registration settings, questions and organisers,
 * straight in the database; returns its id. Options: slug, title ({en, fr, es}), tz, starts (Unix
 * seconds; default in 10 days), hours (length), status, meetingUrl, capacity (null: no limit),
 * approval, opensAt, closesAt, enabled, organisers (user ids), sessions ([{title, starts}]),
 * questions ([{kind, required, label: {en, fr, es}, choices: {en, fr, es}}]), defaultLang.
 */
export function makeEvent(server, o) {
    const now = Math.floor(Date.now() / 1000);
    const starts = o.starts ?? now + 10 * 86400;
    const title = typeof o.title === 'string' ? { en: o.title } : o.title || { en: `Event ${o.slug}` };
    run(server, [[
        `INSERT INTO events (slug, status, tz, starts_at, ends_at, time_precision, default_lang, languages, meeting_url,
                             created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'minute', ?, 'en,fr,es', ?, ?, ?)`,
        [o.slug, o.status || 'published', o.tz || 'Europe/Brussels', starts, starts + (o.hours ?? 2) * 3600,
            o.defaultLang || 'en', o.meetingUrl || '', now, now],
    ]]);
    const id = rows(server, 'SELECT id FROM events WHERE slug = ?', [o.slug])[0].id;
    const statements = Object.entries(title).map(([lang, t]) =>
        ['INSERT INTO event_texts (event_id, lang, title, summary) VALUES (?, ?, ?, ?)', [id, lang, t, '']]);
    statements.push([
        `INSERT INTO registration_settings (event_id, enabled, capacity, opens_at, closes_at, approval)
         VALUES (?, ?, ?, ?, ?, ?)`,
        [id, o.enabled === false ? 0 : 1, o.capacity ?? null, o.opensAt ?? null, o.closesAt ?? null, o.approval ? 1 : 0],
    ]);
    for (const u of o.organisers || [])
        statements.push(['INSERT INTO event_organisers (event_id, user_id, added_at) VALUES (?, ?, ?)', [id, u, now]]);
    run(server, statements);
    (o.sessions || []).forEach((s, i) => {
        run(server, [['INSERT INTO sessions (event_id, position, starts_at, ends_at) VALUES (?, ?, ?, ?)',
            [id, i + 1, s.starts, s.starts + 3600]]]);
        const sid = rows(server, 'SELECT max(id) AS id FROM sessions')[0].id;
        run(server, Object.entries(typeof s.title === 'string' ? { en: s.title } : s.title).map(([lang, t]) =>
            ['INSERT INTO session_texts (session_id, lang, title) VALUES (?, ?, ?)', [sid, lang, t]]));
        if (s.speaker)
            run(server, [['INSERT INTO session_people (session_id, position, role, user_id, name) VALUES (?, 1, ?, ?, ?)',
                [sid, 'speaker', s.speaker, 'A speaker']]]);
    });
    (o.questions || []).forEach((q, i) => {
        run(server, [['INSERT INTO registration_questions (event_id, position, kind, required) VALUES (?, ?, ?, ?)',
            [id, i + 1, q.kind, q.required ? 1 : 0]]]);
        const qid = rows(server, 'SELECT max(id) AS id FROM registration_questions')[0].id;
        run(server, Object.entries(q.label).map(([lang, label]) =>
            ['INSERT INTO registration_question_texts (question_id, lang, label, choices) VALUES (?, ?, ?, ?)',
                [qid, lang, label, (q.choices?.[lang] || []).join('\n')]]));
    });
    return id;
}

/** The ids of an event's questions, in order. */
export function questionIds(server, eventId) {
    return rows(server, 'SELECT id FROM registration_questions WHERE event_id = ? ORDER BY position', [eventId])
        .map((r) => r.id);
}
