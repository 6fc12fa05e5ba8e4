// The command line: version, help, usage errors, init twice, listen errors.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { rm } from 'node:fs/promises';
import { Server, runCli, makeDataDir, initData, freePort, getJson, BIN, cleanEnv, ROOT } from './server.mjs';
import { spawn } from 'node:child_process';

describe('version and help', () => {
    for (const args of [['version'], ['--version']])
        test(`dxhub ${args.join(' ')}`, async () => {
            const r = await runCli(args);
            assert.equal(r.code, 0);
            assert.match(r.stdout, /^dxhub \d+\.\d+\.\d+\S*\n$/);
            assert.equal(r.stderr, '');
        });

    for (const args of [['--help'], ['help'], ['-h'], ['serve', '--help'], ['init', '--help']])
        test(`dxhub ${args.join(' ')}: usage on stdout, exit 0`, async () => {
            const r = await runCli(args);
            assert.equal(r.code, 0, r.stderr);
            assert.match(r.stdout, /^Usage: dxhub\b/);
            assert.equal(r.stderr, '');
            if (args[0] === 'serve') for (const o of ['--listen', '--data', '--threads', '--body-limit']) assert.ok(r.stdout.includes(o), o);
            if (args[0] === 'init') assert.ok(r.stdout.includes('--demo'));
            if (args.length === 1) for (const c of ['serve', 'init', 'version']) assert.ok(r.stdout.includes(c), c);
        });
});

describe('usage errors: exit 2 and a plain message on stderr', () => {
    const cases = [
        [[], /Usage: dxhub/],
        [['frobnicate'], /unknown command "frobnicate"/],
        [['serve', '--bogus'], /--bogus/],
        [['init', '--bogus'], /--bogus/],
        [['serve', '--threads', 'abc'], /--threads.*abc/],
        [['serve', '--threads', '0'], /--threads/],
        [['serve', '--threads', '-3'], /--threads/],
        [['serve', '--threads', '99999999999999999999999'], /--threads/],
        [['serve', '--max-connections', 'lots'], /--max-connections/],
        [['serve', '--body-limit', '1MB'], /--body-limit/],
        [['serve', '--threads'], /--threads/],
        [['serve', 'extra'], /unexpected argument extra/],
    ];
    for (const [args, message] of cases)
        test(`dxhub ${args.join(' ') || '(no arguments)'}`, async () => {
            const dir = await makeDataDir();
            try {
                // --data (right after the command) points at a scratch folder in case
                // the parser lets the command run.
                const r = await runCli(args.length ? [args[0], '--data', dir, ...args.slice(1)] : args);
                assert.equal(r.code, 2, `exit ${r.code}; stderr: ${r.stderr}`);
                assert.match(r.stderr, message);
                assert.equal(r.stdout, '', 'nothing on stdout');
                const first = r.stderr.split('\n')[0];
                assert.doesNotMatch(first, /^\{/, 'a plain message, not a JSON log line');
            } finally {
                await rm(dir, { recursive: true, force: true });
            }
        });
});

/* What the JSON API shows of the demo: the events and, for each, its rows. */
async function demoSnapshot(server) {
    const events = (await getJson(server, '/api/v1/events')).json;
    const snapshot = { events };
    for (const e of [...events.upcoming, ...events.past]) snapshot[e.slug] = (await getJson(server, `/api/v1/events/${e.slug}`)).json;
    snapshot.series = (await getJson(server, '/api/v1/')).json.series;
    return snapshot;
}

describe('init', () => {
    test('init --demo twice: the second run exits 0 and changes nothing', async () => {
        const dir = await makeDataDir();
        try {
            const first = await initData(dir);
            assert.match(first.stdout, /schema version \d+/);
            // The same public address both times (without --base-url it carries each run's port).
            const args = ['--base-url', 'https://hub.example.org'];
            let s = await Server.start({ dataDir: dir, args });
            const before = await demoSnapshot(s);
            assert.deepEqual(await s.stop(), { code: 0, signal: null });
            assert.equal(before.events.past.length, 6, 'six demo editions');

            const second = await runCli(['init', '--demo', '--data', dir]);
            assert.equal(second.code, 0, second.stderr);

            s = await Server.start({ dataDir: dir, args });
            const after = await demoSnapshot(s);
            assert.deepEqual(await s.stop(), { code: 0, signal: null });
            assert.deepEqual(after, before);
        } finally {
            await rm(dir, { recursive: true, force: true });
        }
    });

    test('init without --demo: an empty hub that still serves its pages', async () => {
        const s = await Server.start({ demo: false });
        try {
            const { json } = await getJson(s, '/api/v1/events');
            assert.deepEqual(json.upcoming, []);
            assert.deepEqual(json.past, []);
            const home = await getJson(s, '/api/v1/');
            assert.equal(home.status, 200);
        } finally {
            assert.deepEqual(await s.stop(), { code: 0, signal: null });
        }
    });

    test('init in a folder that cannot be created: exit 1 with a message', async () => {
        const r = await runCli(['init', '--data', '/proc/no-such-dir/data']);
        assert.equal(r.code, 1);
        assert.match(r.stderr, /data folder|\/proc\/no-such-dir/);
    });
});

/* Starts `dxhub serve` expecting it to fail: resolves with its exit and
 * stderr, or with {serving: true} (after stopping it) when it listened. */
function serveExpectingFailure(args, dataDir) {
    return new Promise((resolve) => {
        const child = spawn(BIN, ['serve', '--data', dataDir, ...args], { env: cleanEnv(), cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '', serving = false;
        child.stderr.setEncoding('utf8').on('data', (d) => {
            stderr += d;
            if (!serving && /"msg":"serving"/.test(stderr)) {
                serving = true;
                child.kill('SIGTERM');
            }
        });
        child.on('close', (code, signal) => resolve({ code, signal, stderr, serving }));
    });
}

describe('listening', () => {
    test('a port already in use: exit 1 with a clear message', async () => {
        const holder = net.createServer();
        await new Promise((r) => holder.listen(0, '127.0.0.1', r));
        const { port } = holder.address();
        const dir = await makeDataDir();
        try {
            await initData(dir, { demo: false });
            const r = await serveExpectingFailure(['--listen', `127.0.0.1:${port}`], dir);
            assert.equal(r.serving, false, 'it must not serve');
            assert.equal(r.code, 1, r.stderr);
            assert.match(r.stderr, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}`));
            assert.match(r.stderr, /in use/i, 'says why');
        } finally {
            holder.close();
            await rm(dir, { recursive: true, force: true });
        }
    });

    test('a port already used by another dxhub: exit 1, not two servers sharing it', async () => {
        const first = await Server.start({ demo: false });
        const dir = await makeDataDir();
        try {
            await initData(dir, { demo: false });
            const r = await serveExpectingFailure(['--listen', `127.0.0.1:${first.port}`], dir);
            assert.equal(r.serving, false, 'the second server must not start listening on the same port');
            assert.equal(r.code, 1, r.stderr);
            assert.match(r.stderr, /cannot listen/);
        } finally {
            await first.stop();
            await rm(dir, { recursive: true, force: true });
        }
    });

    test('an unreadable listen address: exit 1 with a message', async () => {
        const dir = await makeDataDir();
        try {
            await initData(dir, { demo: false });
            for (const listen of ['nonsense', '127.0.0.1:99999', '300.1.1.1:8080']) {
                const r = await serveExpectingFailure(['--listen', listen], dir);
                assert.equal(r.serving, false, listen);
                assert.equal(r.code, 1, `${listen}: ${r.stderr}`);
                assert.match(r.stderr, new RegExp(listen.replace(/\./g, '\\.')), 'names the address');
            }
        } finally {
            await rm(dir, { recursive: true, force: true });
        }
    });

    test('DXHUB_LISTEN and DXHUB_DATA are read from the environment', async () => {
        const dir = await makeDataDir();
        const port = await freePort();
        try {
            await initData(dir, { demo: false });
            const child = spawn(BIN, ['serve'], {
                env: cleanEnv({ DXHUB_LISTEN: `127.0.0.1:${port}`, DXHUB_DATA: dir }),
                cwd: ROOT,
                stdio: ['ignore', 'ignore', 'pipe'],
            });
            let stderr = '';
            const serving = await new Promise((resolve) => {
                child.stderr.setEncoding('utf8').on('data', (d) => {
                    stderr += d;
                    if (/"msg":"serving"/.test(stderr)) resolve(true);
                });
                child.on('close', () => resolve(false));
            });
            assert.ok(serving, stderr);
            const r = await getJson(port, '/api/v1/events');
            assert.equal(r.status, 200);
            child.kill('SIGTERM');
            const code = await new Promise((resolve) => child.on('close', resolve));
            assert.equal(code, 0);
        } finally {
            await rm(dir, { recursive: true, force: true });
        }
    });
});
