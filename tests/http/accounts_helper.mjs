// What the account tests share: a real SMTP server (Debian's python3-aiosmtpd, writing a
// maildir) to read the links dxhub sends, and a browser-like client that keeps its cookies and
// sends each form's CSRF token back, as a person's browser would.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { Server, freePort, ROOT } from './server.mjs';

// Debian's Python, where python3-aiosmtpd is installed (not a pyenv or venv one earlier in PATH).
const PYTHON = process.env.DXHUB_PYTHON || '/usr/bin/python3';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class Mailbox {
    static async start() {
        const dir = mkdtempSync(path.join(tmpdir(), 'dxhub-mail-'));
        const port = await freePort();
        const proc = spawn(PYTHON, ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`,
            '-c', 'aiosmtpd.handlers.Mailbox', path.join(dir, 'maildir')], { stdio: ['ignore', 'ignore', 'pipe'] });
        const box = new Mailbox(dir, port, proc);
        for (let i = 0; i < 100; i++) {
            if (await box.#listening()) return box;
            await sleep(50);
        }
        box.stop();
        throw new Error('aiosmtpd did not start');
    }

    constructor(dir, port, proc) {
        this.dir = dir;
        this.port = port;
        this.proc = proc;
        this.url = `smtp://127.0.0.1:${port}`;
    }

    #listening() {
        return new Promise((resolve) => {
            const s = net.connect(this.port, '127.0.0.1', () => { s.end(); resolve(true); });
            s.on('error', () => resolve(false));
        });
    }

    messages() {
        const out = execFileSync(PYTHON, [path.join(ROOT, 'tests/http/read_maildir.py'), path.join(this.dir, 'maildir')]);
        return JSON.parse(out.toString());
    }

    /** Waits (at most `seconds`) for a message to `to` matching `test`, and returns it. */
    async waitFor(to, test = () => true, seconds = 20) {
        for (let i = 0; i < seconds * 10; i++) {
            const found = this.messages().filter((m) => m.to.includes(to) && test(m));
            if (found.length) return found[found.length - 1];
            await sleep(100);
        }
        throw new Error(`no message to ${to} within ${seconds} s`);
    }

    stop() {
        this.proc.kill('SIGTERM');
        rmSync(this.dir, { recursive: true, force: true });
    }
}

/** A server whose mail goes to a fresh mailbox. */
export async function startWithMail(options = {}) {
    const mailbox = await Mailbox.start();
    const server = await Server.start({ ...options, args: ['--smtp-url', mailbox.url, ...(options.args || [])] });
    return { server, mailbox };
}

/** A browser-like client: cookies kept, and the last page's CSRF token sent back with forms. */
export class Client {
    constructor(server, { lang = 'en' } = {}) {
        this.server = server;
        this.cookies = new Map();
        this.csrf = null;
        this.lang = lang;
    }

    #cookieHeader() {
        return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }

    #remember(res) {
        for (const line of res.headers.getSetCookie()) {
            const [pair] = line.split(';');
            const eq = pair.indexOf('=');
            const name = pair.slice(0, eq).trim(), value = pair.slice(eq + 1).trim();
            if (value === '' || /max-age=0\b/i.test(line)) this.cookies.delete(name);
            else this.cookies.set(name, value);
        }
    }

    async #send(method, pathname, { body = null, headers = {} } = {}) {
        const res = await fetch(`${this.server.base}${pathname}`, {
            method,
            body,
            redirect: 'manual',
            headers: { 'accept-language': this.lang, cookie: this.#cookieHeader(), ...headers },
        });
        this.#remember(res);
        const text = await res.text();
        const token = /name="csrf" value="([^"]+)"/.exec(text);
        if (token) this.csrf = token[1];
        return { status: res.status, headers: res.headers, body: text, location: res.headers.get('location') };
    }

    get(pathname, headers = {}) {
        return this.#send('GET', pathname, { headers });
    }

    /** Posts fields as a form; the CSRF token of the last page is added unless fields has one. */
    post(pathname, fields = {}, headers = {}) {
        const form = new URLSearchParams({ ...(this.csrf && !('csrf' in fields) ? { csrf: this.csrf } : {}), ...fields });
        for (const [k, v] of Object.entries(form)) if (v === undefined) form.delete(k);
        return this.#send('POST', pathname, {
            body: form.toString(),
            headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        });
    }
}

export const linkIn = (text, pathname) => {
    const m = new RegExp(`https?://[^\\s"<>]+${pathname.replace('/', '\\/')}\\?token=[A-Za-z0-9_-]+`).exec(text);
    if (!m) throw new Error(`no ${pathname} link in: ${text}`);
    return new URL(m[0]);
};

/** Signs a new person up through the forms, confirms the address from the email, returns the client. */
export async function signUp(server, mailbox, { name, email, password, lang = 'en', tz = 'UTC' }) {
    const c = new Client(server, { lang });
    await c.get('/signup');
    const r = await c.post('/signup', { name, email, password, lang, tz });
    if (r.status !== 200) throw new Error(`sign-up answered ${r.status}: ${r.body.slice(0, 500)}`);
    const mail = await mailbox.waitFor(email, (m) => /\/verify\?token=/.test(m.text || ''));
    const link = linkIn(mail.text, '/verify');
    const v = await c.get(link.pathname + link.search);
    /* Opened in the browser that signed up, the link signs the person in (303 to /account). */
    if (v.status !== 303) throw new Error(`verification answered ${v.status}`);
    return c;
}

/** Signs in through the form and returns the signed-in client (throws when refused). */
export async function signIn(server, email, password, { lang = 'en' } = {}) {
    const c = new Client(server, { lang });
    await c.get('/signin');
    const r = await c.post('/signin', { email, password });
    if (r.status !== 303) throw new Error(`sign-in answered ${r.status}`);
    return c;
}

export async function signUpAndSignIn(server, mailbox, person) {
    await signUp(server, mailbox, person);
    return signIn(server, person.email, person.password, { lang: person.lang || 'en' });
}

/**
 * Makes an account with `dxhub user add` (as an operator would), sets its password through the
 * emailed-style link it prints, and returns the signed-in client and the account's id.
 */
export async function makeUser(server, { email, name, role = 'member', password }) {
    const { runCli } = await import('./server.mjs');
    const r = await runCli(['user', 'add', '--data', server.dataDir, '--base-url', server.base,
        '--email', email, '--name', name, '--role', role]);
    if (r.code !== 0) throw new Error(`user add: ${r.code} ${r.stderr}`);
    const link = linkIn(r.stdout, '/password/new');
    const c = new Client(server);
    await c.get(link.pathname + link.search);
    const set = await c.post('/password/new', { token: link.searchParams.get('token'), password });
    if (set.status !== 303) throw new Error(`setting the password answered ${set.status}`);
    const account = await c.get('/api/v1/account');
    return { client: c, id: JSON.parse(account.body).account?.id ?? null };
}
