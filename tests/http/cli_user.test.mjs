// `dxhub user add`: an account made on the command line, the one-time link that lets its owner
// choose a password, and the command's answers to mistakes (exit 2) and to a taken address (exit 1).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { Server, runCli, makeDataDir, initData, cleanEnv } from './server.mjs';
import { Client, signIn } from './accounts_helper.mjs';

const PASSWORD = 'copper lantern meadow 77';
const LINK = /^(http:\/\/[^/\s]+)\/password\/new\?token=([A-Za-z0-9_-]{43})\n$/;

describe('dxhub user --help', () => {
    for (const args of [['user', '--help'], ['user', 'add', '--help'], ['user', 'help']])
        test(`dxhub ${args.join(' ')}: usage on stdout, exit 0`, async () => {
            const r = await runCli(args);
            assert.equal(r.code, 0, r.stderr);
            assert.match(r.stdout, /^Usage: dxhub user add\b/);
            for (const o of ['--email', '--name', '--role', '--lang', '--data', '--base-url']) assert.ok(r.stdout.includes(o), o);
            assert.equal(r.stderr, '');
        });

    test('dxhub --help lists the user command', async () => {
        const r = await runCli(['--help']);
        assert.match(r.stdout, /^ {2}user\b/m);
    });
});

describe('dxhub user add', () => {
    let dir;
    before(async () => {
        dir = await makeDataDir();
        await initData(dir, { demo: false });
    });
    after(() => rm(dir, { recursive: true, force: true }));

    const add = (email, { role = 'member', name = 'Someone', env, extra = [] } = {}) =>
        runCli(['user', 'add', '--email', email, '--name', name, '--role', role, '--data', dir, ...extra], env ? { env } : {});

    test('creates the account and prints the link; the link lets its owner choose a password and sign in', async () => {
        const r = await add('Nadia.Admin@Example.org', { role: 'admin', name: 'Nadia Admin', extra: ['--lang', 'fr', '--base-url', 'http://hub.example:9999/'] });
        assert.equal(r.code, 0, r.stderr);
        const m = LINK.exec(r.stdout);
        assert.ok(m, `one link on stdout: ${JSON.stringify(r.stdout)}`);
        assert.equal(m[1], 'http://hub.example:9999', 'the base URL, without its trailing slash');
        assert.doesNotMatch(r.stderr, /^\{/m, 'no JSON log lines');

        const server = await Server.start({ dataDir: dir });
        try {
            const c = new Client(server);
            const form = await c.get(`/password/new?token=${m[2]}`);
            assert.equal(form.status, 200, 'the link opens the form');
            assert.match(form.body, /type="password"/);
            const set = await c.post('/password/new', { token: m[2], password: PASSWORD });
            assert.ok([200, 303].includes(set.status), `setting the password answered ${set.status}`);
            const again = await new Client(server).get(`/password/new?token=${m[2]}`);
            assert.notEqual(again.status, 200, 'the link works once');

            const admin = await signIn(server, 'nadia.admin@example.org', PASSWORD);
            const users = await admin.get('/admin/users?q=nadia', { accept: 'application/json' });
            assert.equal(users.status, 200, 'the account is an admin');
            const [u] = JSON.parse(users.body).users;
            assert.deepEqual([u.email, u.name, u.role, u.status], ['nadia.admin@example.org', 'Nadia Admin', 'admin', 'active']);
            const audit = JSON.parse((await admin.get(`/admin/audit?action=user_add_cli&subject=${u.id}`, { accept: 'application/json' })).body);
            assert.equal(audit.entries.length, 1);
            assert.equal(audit.entries[0].detail, 'admin');
            assert.equal(audit.entries[0].actor, null, 'made by no account: the command line');
        } finally {
            await server.stop();
        }
    });

    test('the link starts with DXHUB_BASE_URL, else http://localhost:8080', async () => {
        const fromEnv = await add('env@example.org', { env: cleanEnv({ DXHUB_BASE_URL: 'https://hub.example.net' }) });
        assert.equal(fromEnv.code, 0, fromEnv.stderr);
        assert.match(fromEnv.stdout, /^https:\/\/hub\.example\.net\/password\/new\?token=[A-Za-z0-9_-]{43}\n$/);
        const plain = await add('plain@example.org');
        assert.equal(LINK.exec(plain.stdout)?.[1], 'http://localhost:8080');
    });

    test('an address that has an account already: exit 1, a plain message, nothing created', async () => {
        assert.equal((await add('taken@example.org')).code, 0);
        const r = await add('TAKEN@example.org', { role: 'admin' });
        assert.equal(r.code, 1);
        assert.equal(r.stdout, '');
        assert.match(r.stderr, /^dxhub: taken@example\.org already has an account\n$/);
    });

    const mistakes = [
        ['a role that does not exist', ['--email', 'x1@example.org', '--name', 'X', '--role', 'boss'], /--role/],
        ['an email that is no address', ['--email', 'not-an-address', '--name', 'X', '--role', 'member'], /--email/],
        ['an empty name', ['--email', 'x2@example.org', '--name', '', '--role', 'member'], /--name/],
        ['a name with a line break', ['--email', 'x3@example.org', '--name', 'A\nB', '--role', 'member'], /--name/],
        ['an unknown language', ['--email', 'x4@example.org', '--name', 'X', '--role', 'member', '--lang', 'de'], /--lang/],
        ['no --role', ['--email', 'x5@example.org', '--name', 'X'], /--email, --name and --role/],
        ['an unknown option', ['--email', 'x6@example.org', '--name', 'X', '--role', 'member', '--bogus'], /--bogus/],
        ['an extra argument', ['--email', 'x7@example.org', '--name', 'X', '--role', 'member', 'extra'], /unexpected argument extra/],
        ['an option without its value', ['--name', 'X', '--role', 'member', '--email'], /--email/],
    ];
    for (const [what, args, message] of mistakes)
        test(`${what}: exit 2 with a plain message and the usage`, async () => {
            const r = await runCli(['user', 'add', '--data', dir, ...args]);
            assert.equal(r.code, 2, `exit ${r.code}: ${r.stderr}`);
            assert.equal(r.stdout, '');
            assert.match(r.stderr.split('\n')[0], message);
            assert.match(r.stderr, /Usage: dxhub user add/);
        });

    test('no subcommand, or an unknown one: exit 2', async () => {
        const none = await runCli(['user']);
        assert.equal(none.code, 2);
        assert.match(none.stderr, /Usage: dxhub user add/);
        const other = await runCli(['user', 'remove', '--data', dir]);
        assert.equal(other.code, 2);
        assert.match(other.stderr, /unknown user command "remove"/);
    });

    test('a data folder that does not exist: exit 1, nothing created there', async () => {
        const missing = `${dir}-missing`;
        const r = await runCli(['user', 'add', '--email', 'a@example.org', '--name', 'A', '--role', 'member', '--data', missing]);
        assert.equal(r.code, 1);
        assert.match(r.stderr, /dxhub init/);
        await assert.rejects(rm(missing), /ENOENT/);
    });
});
