// The rendered (uncached) pages run a handful of SQL statements, not dozens: the access log's
// "sql" field counts what each request ran (transactions included), and the rendered answer is
// the same whether the caller is a visitor or a member, HTML or its JSON twin.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, request, getJson, runCli } from './server.mjs';

let server, sid, eventPath;
before(async () => {
    server = await Server.start({ args: ['--page-cache', '0'] });
    const r = await runCli(['user', 'bulk', '--count', '1', '--prefix', 'sqlcount', '--data', server.dataDir]);
    assert.equal(r.code, 0, r.stderr);
    sid = r.stdout.trim().split(' ')[0];
    const home = await getJson(server, '/');
    eventPath = home.json.featured.url;
    assert.ok(home.json.featured.sessions.length > 0, 'the featured event has sessions');
});
after(async () => {
    if (server && !server.exit) await server.stop();
});

/* The "sql" count of the access-log line of a GET of pathname with those headers. */
async function statementsOnce(pathname, headers) {
    const before = server.logs().filter((x) => x.path === pathname).length;
    const r = await request(server, pathname, { headers });
    assert.equal(r.status, 200, `${pathname}: ${r.text.slice(0, 200)}`);
    await server.waitForLog(() => server.logs().filter((x) => x.path === pathname).length > before);
    const line = server.logs().filter((x) => x.path === pathname).at(-1);
    assert.equal(typeof line.sql, 'number', `the log line of ${pathname} counts its statements`);
    return line.sql;
}

/* The fewest of a few requests: a worker thread's first request also opens its database
 * connection (three PRAGMA statements), and which thread answers is not ours to choose. */
async function statements(pathname, headers = {}) {
    let fewest = Infinity;
    for (let i = 0; i < 6; i++) fewest = Math.min(fewest, await statementsOnce(pathname, headers));
    return fewest;
}

describe('SQL statements per rendered page', () => {
    test('the home page needs a handful, for a visitor and for a member', async () => {
        const visitor = await statements('/');
        const member = await statements('/', { cookie: sid });
        assert.ok(visitor <= 16, `home page as a visitor: ${visitor} statements`);
        /* A member adds the session look-up and the account menu's organiser check. */
        assert.ok(member <= visitor + 3, `home page as a member: ${member} statements`);
    });

    test('an event page with sessions reads each kind of thing once, not once per session', async () => {
        const visitor = await statements(eventPath, { cookie: 'lang=fr; tz=America/Sao_Paulo' });
        const member = await statements(eventPath, { cookie: `lang=fr; ${sid}` });
        assert.ok(visitor <= 16, `event page as a visitor: ${visitor} statements`);
        assert.ok(member <= 22, `event page as a member: ${member} statements`);
    });

    test('the JSON twin runs the same queries as the page', async () => {
        const html = await statements(eventPath);
        const json = await statements(eventPath, { accept: 'application/json' });
        assert.equal(json, html);
    });
});
