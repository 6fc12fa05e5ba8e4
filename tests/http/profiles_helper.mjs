// What the profile and organisation tests share: posting forms with repeated fields (a
// <select multiple>, checkboxes), which the accounts helper's post() cannot express, and saving
// a profile through its form.
import assert from 'node:assert/strict';
import { pageText } from './server.mjs';

/* Posts repeated fields (a <select multiple>, checkboxes) with the client's cookies and the CSRF
 * token of its last page: the helper's post() takes an object, one value per name. */
export async function postPairs(c, pathname, pairs, { csrf = c.csrf, headers = {} } = {}) {
    const body = new URLSearchParams(csrf === null ? pairs : [['csrf', csrf], ...pairs]);
    const res = await fetch(`${c.server.base}${pathname}`, {
        method: 'POST',
        body: body.toString(),
        redirect: 'manual',
        headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'accept-language': c.lang,
            cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
            ...headers,
        },
    });
    const text = await res.text();
    const token = /name="csrf" value="([^"]+)"/.exec(text);
    if (token) c.csrf = token[1];
    return { status: res.status, headers: res.headers, body: text, location: res.headers.get('location') };
}

/* The profile fields as pairs; arrays become repeated fields. */
function profilePairs(p) {
    const pairs = [];
    for (const [k, v] of Object.entries(p)) for (const x of Array.isArray(v) ? v : [v]) pairs.push([k, x]);
    return pairs;
}

/* Saves c's profile through the form; returns the account number from the form's link. */
export async function saveProfile(c, profile) {
    const form = await c.get('/account/profile');
    assert.equal(form.status, 200);
    const r = await postPairs(c, '/account/profile', profilePairs(profile));
    assert.equal(r.status, 303, `profile not saved: ${r.status} ${pageText(r.body).slice(0, 400)}`);
    assert.equal(r.location, '/account/profile?saved=1');
    const again = await c.get('/account/profile');
    return Number(/href="\/people\/(\d+)"/.exec(again.body)[1]);
}
