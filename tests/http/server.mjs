// Helpers for the HTTP tests: start the real binary on a fresh data folder,
// talk to it with node:http (nothing decoded or added behind our back) or
// over raw TCP, and stop it with SIGTERM.
//
// Every server listens on 127.0.0.1 only. DXHUB_BIN overrides the binary
// (default build/dxhub from the project root).
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = process.env.DXHUB_BIN || path.join(ROOT, 'build/dxhub');

/* A safety net so a broken server fails a test instead of hanging the suite;
 * never an assertion on how fast anything is. */
const SAFETY_MS = 20000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/* The environment without DXHUB_* variables, so the caller's shell cannot
 * change what a test sees. */
export function cleanEnv(extra = {}) {
    const env = {};
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('DXHUB_')) env[k] = v;
    return { ...env, ...extra };
}

/* Runs the binary to completion: {code, signal, stdout, stderr}. Never rejects
 * on a non-zero exit; that is for the test to judge. */
export function runCli(args, { env = cleanEnv(), cwd = ROOT, timeout = SAFETY_MS } = {}) {
    return new Promise((resolve, reject) => {
        if (!existsSync(BIN)) return reject(new Error(`${BIN} not found: run make build`));
        const child = spawn(BIN, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '', stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
        child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
        const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
        child.on('error', reject);
        child.on('close', (code, signal) => {
            clearTimeout(timer);
            resolve({ code, signal, stdout, stderr });
        });
    });
}

/* A port nobody listens on right now (bind port 0, read it, close). */
export function freePort() {
    return new Promise((resolve, reject) => {
        const s = net.createServer();
        s.on('error', reject);
        s.listen(0, '127.0.0.1', () => {
            const { port } = s.address();
            s.close(() => resolve(port));
        });
    });
}

export function makeDataDir() {
    return mkdtemp(path.join(os.tmpdir(), 'dxhub-test-'));
}

/* `dxhub init [--demo] --data dir`; throws with its output when it fails. */
export async function initData(dir, { demo = true } = {}) {
    const r = await runCli(['init', ...(demo ? ['--demo'] : []), '--data', dir]);
    if (r.code !== 0) throw new Error(`dxhub init failed (exit ${r.code}):\n${r.stderr}${r.stdout}`);
    return r;
}

export class Server extends EventEmitter {
    /* Starts `dxhub serve` on a free port of 127.0.0.1 and waits for /healthz.
     * Options: demo (init with --demo, default true), dataDir (reuse a folder;
     * it is then neither initialised nor removed unless init is true), args
     * (more serve options). */
    static async start({ demo = true, dataDir = null, init = null, args = [] } = {}) {
        const owned = !dataDir;
        const dir = dataDir || (await makeDataDir());
        if (init ?? owned) {
            try {
                await initData(dir, { demo });
            } catch (e) {
                if (owned) await rm(dir, { recursive: true, force: true });
                throw e;
            }
        }
        let lastError;
        for (let attempt = 0; attempt < 3; attempt++) {
            const port = await freePort();
            const s = new Server(dir, owned, port, args);
            try {
                await s.#waitReady();
                return s;
            } catch (e) {
                lastError = e;
                await s.stop().catch(() => {});
                /* Someone took the port between our probe and the bind: try another. */
                if (!/cannot listen/.test(s.stderr)) break;
            }
        }
        if (owned) await rm(dir, { recursive: true, force: true });
        throw lastError;
    }

    constructor(dataDir, owned, port, args) {
        super();
        this.dataDir = dataDir;
        this.owned = owned;
        this.port = port;
        this.base = `http://127.0.0.1:${port}`;
        this.stderr = '';
        this.stdout = '';
        this.lines = [];
        this.exit = null;
        this.proc = spawn(BIN, ['serve', '--data', dataDir, '--listen', `127.0.0.1:${port}`, ...args], {
            env: cleanEnv(),
            cwd: ROOT,
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        let partial = '';
        this.proc.stdout.setEncoding('utf8').on('data', (d) => (this.stdout += d));
        this.proc.stderr.setEncoding('utf8').on('data', (d) => {
            this.stderr += d;
            partial += d;
            let nl;
            while ((nl = partial.indexOf('\n')) >= 0) {
                const line = partial.slice(0, nl);
                partial = partial.slice(nl + 1);
                this.lines.push(line);
                this.emit('line', line);
            }
        });
        this.exited = new Promise((resolve) => {
            this.proc.on('close', (code, signal) => {
                if (partial) {
                    this.lines.push(partial);
                    this.emit('line', partial);
                }
                this.exit = { code, signal };
                this.emit('exit', this.exit);
                resolve(this.exit);
            });
            this.proc.on('error', (e) => {
                this.stderr += String(e);
                this.exit = { code: null, signal: null, error: e };
                resolve(this.exit);
            });
        });
    }

    async #waitReady() {
        const deadline = Date.now() + SAFETY_MS;
        while (Date.now() < deadline) {
            if (this.exit) throw new Error(`dxhub serve exited (${JSON.stringify(this.exit)}):\n${this.stderr}`);
            try {
                const r = await request(this, '/healthz');
                if (r.status === 200) return;
            } catch {
                /* not listening yet */
            }
            await sleep(50);
        }
        throw new Error(`dxhub serve did not answer /healthz:\n${this.stderr}`);
    }

    /* The stderr lines parsed as JSON (lines that are not JSON are kept as {raw}). */
    logs() {
        return this.lines.filter((l) => l.trim()).map((l) => {
            try {
                return JSON.parse(l);
            } catch {
                return { raw: l };
            }
        });
    }

    /* Resolves with the first parsed log line (past or future) for which pred is true. */
    waitForLog(pred, timeout = SAFETY_MS) {
        return new Promise((resolve, reject) => {
            const test = (line) => {
                try {
                    const o = JSON.parse(line);
                    return pred(o) ? o : null;
                } catch {
                    return null;
                }
            };
            for (const l of this.lines) {
                const hit = test(l);
                if (hit) return resolve(hit);
            }
            const onLine = (l) => {
                const hit = test(l);
                if (hit) done(null, hit);
            };
            const onExit = () => done(new Error(`server exited before the log line came:\n${this.stderr}`));
            const timer = setTimeout(() => done(new Error(`log line never came:\n${this.stderr}`)), timeout);
            const done = (err, v) => {
                clearTimeout(timer);
                this.off('line', onLine);
                this.off('exit', onExit);
                err ? reject(err) : resolve(v);
            };
            this.on('line', onLine);
            this.on('exit', onExit);
        });
    }

    /* Sends SIGTERM (unless it already exited) and resolves with {code, signal}. */
    async stop() {
        if (!this.exit) {
            this.proc.kill('SIGTERM');
            const timer = setTimeout(() => this.proc.kill('SIGKILL'), SAFETY_MS);
            await this.exited;
            clearTimeout(timer);
        }
        if (this.owned) await rm(this.dataDir, { recursive: true, force: true });
        return this.exit;
    }
}

/* One HTTP request with node:http on its own connection (Connection: close).
 * Nothing is decompressed. Resolves {status, headers, body: Buffer, text}. */
export function request(server, pathname, { method = 'GET', headers = {}, body = null } = {}) {
    const port = typeof server === 'number' ? server : server.port;
    return new Promise((resolve, reject) => {
        const req = http.request(
            { host: '127.0.0.1', port, path: pathname, method, headers, agent: false },
            (res) => {
                const chunks = [];
                res.on('data', (c) => chunks.push(c));
                res.on('end', () => {
                    const buf = Buffer.concat(chunks);
                    resolve({ status: res.statusCode, headers: res.headers, raw: res.rawHeaders, body: buf, text: buf.toString('utf8') });
                });
                res.on('error', reject);
            },
        );
        req.setTimeout(SAFETY_MS, () => req.destroy(new Error(`no answer to ${method} ${pathname}`)));
        req.on('error', reject);
        req.end(body ?? undefined);
    });
}

export const get = (server, pathname, headers = {}) => request(server, pathname, { headers });

/* GET with Accept: application/json; parses the body (and checks the type). */
export async function getJson(server, pathname, headers = {}) {
    const r = await request(server, pathname, { headers: { accept: 'application/json', ...headers } });
    assert.match(r.headers['content-type'] || '', /^application\/json\b/, `${pathname}: Content-Type`);
    r.json = JSON.parse(r.text);
    return r;
}

/* Parses one HTTP/1.x response out of buf, or returns null when it is not
 * complete yet. head: the request was HEAD (no body whatever the headers
 * say). closed: the peer closed, so a body without length ends here. */
export function parseResponse(buf, { head = false, closed = false } = {}) {
    const end = buf.indexOf('\r\n\r\n');
    if (end < 0) return null;
    const lines = buf.subarray(0, end).toString('latin1').split('\r\n');
    const m = /^HTTP\/(\d\.\d) (\d{3})(?: (.*))?$/.exec(lines[0]);
    if (!m) return { status: 0, statusLine: lines[0], headers: {}, body: Buffer.alloc(0), rest: Buffer.alloc(0) };
    const headers = {};
    for (const l of lines.slice(1)) {
        const i = l.indexOf(':');
        if (i < 0) continue;
        const k = l.slice(0, i).trim().toLowerCase(), v = l.slice(i + 1).trim();
        headers[k] = k in headers ? `${headers[k]}, ${v}` : v;
    }
    const status = Number(m[2]);
    let rest = buf.subarray(end + 4);
    const base = { version: m[1], status, statusLine: lines[0], headers };
    if (head || status < 200 || status === 204 || status === 304) return { ...base, body: Buffer.alloc(0), rest };
    if (/chunked/i.test(headers['transfer-encoding'] || '')) {
        const parts = [];
        let p = 0;
        for (;;) {
            const nl = rest.indexOf('\r\n', p);
            if (nl < 0) return null;
            const size = parseInt(rest.subarray(p, nl).toString('latin1'), 16);
            if (Number.isNaN(size)) return { ...base, body: Buffer.concat(parts), rest: rest.subarray(p) };
            if (size === 0) {
                const trailerEnd = rest.indexOf('\r\n\r\n', nl - 2 >= 0 ? nl - 2 : 0);
                if (trailerEnd < 0) return null;
                return { ...base, body: Buffer.concat(parts), rest: rest.subarray(trailerEnd + 4) };
            }
            if (rest.length < nl + 2 + size + 2) return null;
            parts.push(rest.subarray(nl + 2, nl + 2 + size));
            p = nl + 2 + size + 2;
        }
    }
    if (headers['content-length'] !== undefined) {
        const n = Number(headers['content-length']);
        if (rest.length < n) return closed ? { ...base, body: rest, rest: Buffer.alloc(0), truncated: true } : null;
        return { ...base, body: rest.subarray(0, n), rest: rest.subarray(n) };
    }
    return closed ? { ...base, body: rest, rest: Buffer.alloc(0) } : null;
}

/* A raw TCP connection to the server, for what node:http will not send. */
export class RawConnection {
    constructor(port) {
        this.data = Buffer.alloc(0);
        this.closed = false;
        this.error = null;
        this.waiters = new Set();
        this.socket = net.connect({ host: '127.0.0.1', port });
        this.connected = new Promise((resolve, reject) => {
            this.socket.once('connect', resolve);
            this.socket.once('error', reject);
        });
        this.socket.on('data', (d) => {
            this.data = Buffer.concat([this.data, d]);
            this.#notify();
        });
        this.socket.on('error', (e) => {
            this.error = e;
            this.#notify();
        });
        this.socket.on('close', () => {
            this.closed = true;
            this.#notify();
        });
    }

    #notify() {
        for (const w of [...this.waiters]) w();
    }

    /* Writes, resolving when the bytes are handed to the kernel. Write errors
     * (the server closed on us) are recorded, not thrown. */
    write(bytes) {
        return new Promise((resolve) => {
            if (this.closed || this.socket.destroyed) return resolve(false);
            this.socket.write(bytes, (err) => {
                if (err) this.error = err;
                resolve(!err);
            });
        });
    }

    /* Resolves with check()'s first truthy result, re-checked whenever bytes
     * arrive or the connection closes; null once closed without one. */
    until(check, timeout = SAFETY_MS) {
        return new Promise((resolve) => {
            const attempt = () => {
                const v = check(this);
                if (v || this.closed) {
                    finish(v || null);
                    return true;
                }
                return false;
            };
            const timer = setTimeout(() => finish(null, true), timeout);
            const finish = (v, timedOut = false) => {
                clearTimeout(timer);
                this.waiters.delete(attempt);
                if (timedOut) this.timedOut = true;
                resolve(v);
            };
            if (!attempt()) this.waiters.add(attempt);
        });
    }

    /* The final (non-1xx) response, once complete; null if the server closed
     * without one. */
    async response({ head = false } = {}) {
        const pick = (c) => {
            let buf = c.data;
            for (;;) {
                const r = parseResponse(buf, { head, closed: c.closed });
                if (!r) return null;
                if (r.status >= 100 && r.status < 200) {
                    buf = r.rest;
                    continue;
                }
                return r;
            }
        };
        return this.until(pick);
    }

    close() {
        this.socket.destroy();
    }
}

/* Sends bytes (a string, Buffer, or array of them) on a new connection and
 * returns the response, or {status: 0, ...} when the server closed without
 * one. The connection is closed afterwards. */
export async function raw(server, bytes, { head = false } = {}) {
    const c = new RawConnection(typeof server === 'number' ? server : server.port);
    await c.connected;
    for (const b of Array.isArray(bytes) ? bytes : [bytes]) await c.write(b);
    const r = await c.response({ head });
    const result = r || { status: 0, headers: {}, body: Buffer.alloc(0), closedWithoutResponse: true };
    result.all = c.data;
    c.close();
    return result;
}

/* Asserts the server still answers /healthz with 200 "ok". */
export async function assertAlive(server, after = '') {
    assert.equal(server.exit, null, `server exited ${after}: ${JSON.stringify(server.exit)}\n${server.stderr.slice(-2000)}`);
    const r = await request(server, '/healthz');
    assert.equal(r.status, 200, `/healthz ${after}`);
    assert.equal(r.text.trim(), 'ok');
}

/* The page's HTML reduced to text: tags dropped, entities decoded, spaces
 * collapsed, so tests check what a reader sees whatever the markup. */
export function pageText(html) {
    return decodeEntities(html.replace(/<script[\s\S]*?<\/script>/gi, ' ').replace(/<[^>]*>/g, ' '))
        .replace(/\s+/g, ' ')
        .trim();
}

export function decodeEntities(s) {
    const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
    return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e) => {
        if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
        return named[e.toLowerCase()] ?? all;
    });
}

/* The innermost <li> elements of html, as text: a date and the title next to
 * it belong to one list item. */
export function listItems(html) {
    return [...html.matchAll(/<li\b[^>]*>((?:(?!<li\b)[\s\S])*?)<\/li>/gi)].map((m) => pageText(m[1]));
}

/* The text of the first <h1>. */
export function h1(html) {
    const m = /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(html);
    return m ? pageText(m[1]) : null;
}

/* The lang attribute of the root element. */
export function htmlLang(html) {
    const m = /<html\b[^>]*\blang="([^"]*)"/i.exec(html);
    return m ? m[1] : null;
}
