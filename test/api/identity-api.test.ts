/**
 * Identity through the API, on a real SQLite file and the real PostgreSQL: password and token
 * sign-in into a cookie session, the CSRF rule, sign-out and expiry, lockout after failed sign-ins,
 * and API tokens with scopes, expiry and revocation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { setPassword } from '../../src/commands/set-password.ts';
import { testStoreKinds } from '../support/databases.ts';
import { openApi, type ApiHarness } from './api-harness.ts';
import { TEST_ACTOR } from '../support/factories.ts';

const START = new Date('2024-06-01T12:00:00.000Z');
const PASSWORD = 'sahel-liptako-2024!';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The session cookie's value and attributes from a response. */
function sessionCookieOf(res: LightMyRequestResponse): { value: string; attributes: string[] } {
  const header = res.headers['set-cookie'];
  const line = (Array.isArray(header) ? header : [header]).find((h) => h?.startsWith('liptako_session='));
  assert.ok(line !== undefined, 'no liptako_session cookie was set');
  const [pair, ...attributes] = line.split(';').map((p) => p.trim());
  return { value: (pair ?? '').slice('liptako_session='.length), attributes };
}

for (const kind of testStoreKinds) {
  describe(`identity through the API (${kind.dialect})`, () => {
    let api: ApiHarness;
    let clock = START;
    before(async () => {
      api = await openApi(await kind.open(), { now: () => clock });
      for (const name of ['analyst', 'liaisonBfa', 'observer'] as const) {
        const set = await setPassword(api.db.store, name, `${PASSWORD}-${name}`, START, TEST_ACTOR);
        assert.deepEqual(set, { ok: true });
      }
    });
    after(() => api.close());

    /** A sign-in from one client address (each test its own, so that address limits stay apart). */
    const signIn = (body: object, address = '192.0.2.1') =>
      api.app.inject({ method: 'POST', url: '/api/session', payload: body, remoteAddress: address });
    const withCookie = (value: string, extra: Record<string, string> = {}) => ({
      cookie: `other=1; liptako_session=${value}`,
      ...extra,
    });

    it('signs in with name and password: an HttpOnly SameSite=Strict cookie, the user and a CSRF token', async () => {
      clock = START;
      const res = await signIn({ username: 'analyst', password: `${PASSWORD}-analyst` }, '192.0.2.10');
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.deepEqual(body.user, { name: 'analyst', role: 'analyst', party: null });
      assert.match(body.csrf, /^[A-Za-z0-9_-]{43}$/);
      assert.equal(body.expires_at, new Date(START.getTime() + 8 * HOUR).toISOString());
      assert.equal(res.headers['cache-control'], 'no-store');
      const cookie = sessionCookieOf(res);
      assert.match(cookie.value, /^[A-Za-z0-9_-]{43}$/);
      assert.ok(cookie.attributes.includes('HttpOnly'));
      assert.ok(cookie.attributes.includes('SameSite=Strict'));
      assert.ok(cookie.attributes.includes('Path=/'));
      assert.ok(cookie.attributes.includes(`Max-Age=${7 * 24 * 3600}`));
      assert.ok(!cookie.attributes.includes('Secure'), 'plain HTTP: no Secure attribute');

      const me = await api.app.inject({ method: 'GET', url: '/api/me', headers: withCookie(cookie.value) });
      assert.equal(me.statusCode, 200);
      assert.deepEqual(me.json(), { name: 'analyst', role: 'analyst', party: null });
      const again = await api.app.inject({
        method: 'GET',
        url: '/api/session',
        headers: withCookie(cookie.value),
      });
      assert.equal(again.statusCode, 200);
      assert.equal(again.json().csrf, body.csrf);
      assert.deepEqual(again.json().user, body.user);
    });

    it('answers a wrong password and an unknown user with the same 401, and GET /api/session with 401 when signed out', async () => {
      clock = START;
      const wrong = await signIn({ username: 'observer', password: 'not-the-password' }, '192.0.2.20');
      const unknown = await signIn({ username: 'nobody-here', password: 'not-the-password' }, '192.0.2.20');
      const noPassword = await signIn({ username: 'admin', password: 'not-the-password' }, '192.0.2.20');
      for (const res of [wrong, unknown, noPassword]) {
        assert.equal(res.statusCode, 401);
        assert.deepEqual(res.json(), {
          error: 'invalid_credentials',
          message: 'wrong user name or password',
        });
        assert.equal(res.headers['set-cookie'], undefined);
      }
      assert.equal((await api.app.inject({ method: 'GET', url: '/api/session' })).statusCode, 401);
      const half = await signIn({ username: 'observer' }, '192.0.2.20');
      assert.equal(half.statusCode, 400);
      const huge = await signIn({ username: 'observer', password: 'x'.repeat(10_000) }, '192.0.2.20');
      assert.equal(huge.statusCode, 413);
      // A stale cookie and a bad header do not stand in the way of a new sign-in.
      const fresh = await api.app.inject({
        method: 'POST',
        url: '/api/session',
        remoteAddress: '192.0.2.21',
        headers: { cookie: `liptako_session=${'x'.repeat(43)}`, authorization: 'Bearer nonsense' },
        payload: { username: 'observer', password: `${PASSWORD}-observer` },
      });
      assert.equal(fresh.statusCode, 200, fresh.body);
    });

    it('locks a user name after 5 failures with 429 and Retry-After, even for the right password, until the lock ends', async () => {
      clock = START;
      for (let i = 1; i <= 5; i += 1) {
        const res = await signIn(
          { username: 'liaisonBfa', password: `guess-number-${i}` },
          `198.51.100.${i}`,
        );
        assert.equal(res.statusCode, 401, `attempt ${i}`);
      }
      const right = { username: 'liaisonBfa', password: `${PASSWORD}-liaisonBfa` };
      const locked = await signIn(right, '198.51.100.77');
      assert.equal(locked.statusCode, 429);
      assert.equal(locked.json().error, 'too_many_attempts');
      assert.equal(locked.headers['retry-after'], String(15 * 60));
      // The name is locked whatever its case, and a name that does not exist locks the same way.
      assert.equal((await signIn({ ...right, username: 'LIAISONBFA' }, '198.51.100.78')).statusCode, 429);
      for (let i = 1; i <= 5; i += 1)
        await signIn({ username: 'ghost', password: `x-${i}` }, `198.51.100.${i}`);
      assert.equal((await signIn({ username: 'ghost', password: 'x' }, '198.51.100.79')).statusCode, 429);

      clock = new Date(START.getTime() + 15 * MINUTE + 1000);
      const after15 = await signIn(right, '198.51.100.77');
      assert.equal(after15.statusCode, 200, after15.body);
    });

    it('doubles the lock with each further failure', async () => {
      clock = START;
      for (let i = 1; i <= 5; i += 1)
        await signIn({ username: 'doubling', password: `guess-${i}` }, `203.0.113.${i}`);
      clock = new Date(START.getTime() + 16 * MINUTE);
      assert.equal(
        (await signIn({ username: 'doubling', password: 'guess-6' }, '203.0.113.9')).statusCode,
        401,
      );
      const locked = await signIn({ username: 'doubling', password: 'guess-7' }, '203.0.113.9');
      assert.equal(locked.statusCode, 429);
      assert.equal(locked.headers['retry-after'], String(30 * 60));
    });

    it('locks a client address after 20 failures across any names', async () => {
      clock = START;
      for (let i = 1; i <= 20; i += 1) {
        const res = await signIn({ username: `user-${i}`, password: 'wrong-password' }, '192.0.2.200');
        assert.equal(res.statusCode, 401, `attempt ${i}`);
      }
      const res = await signIn({ username: 'observer', password: `${PASSWORD}-observer` }, '192.0.2.200');
      assert.equal(res.statusCode, 429);
      const elsewhere = await signIn(
        { username: 'observer', password: `${PASSWORD}-observer` },
        '192.0.2.201',
      );
      assert.equal(elsewhere.statusCode, 200);
    });

    it('refuses a cookie request that changes data without the CSRF token, and accepts it with the token', async () => {
      clock = START;
      const signed = await signIn({ username: 'observer', password: `${PASSWORD}-observer` }, '192.0.2.30');
      const cookie = sessionCookieOf(signed).value;
      const csrf = signed.json().csrf as string;
      const create = (headers: Record<string, string>) =>
        api.app.inject({ method: 'POST', url: '/api/me/tokens', headers, payload: { scope: 'read' } });

      const missing = await create(withCookie(cookie));
      assert.equal(missing.statusCode, 403);
      assert.equal(missing.json().error, 'csrf');
      const wrong = await create(
        withCookie(cookie, { 'x-csrf-token': csrf.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }),
      );
      assert.equal(wrong.statusCode, 403);
      assert.equal(wrong.json().error, 'csrf');
      const good = await create(withCookie(cookie, { 'x-csrf-token': csrf }));
      assert.equal(good.statusCode, 201, good.body);
      // Bearer requests carry no cookie an attacker could ride on: no CSRF token needed.
      const bearer = await create(api.as('observer'));
      assert.equal(bearer.statusCode, 201, bearer.body);
    });

    it('signs out: the session is gone, the cookie cleared, and the old cookie refused', async () => {
      clock = START;
      const signed = await signIn({ username: 'analyst', password: `${PASSWORD}-analyst` }, '192.0.2.40');
      const cookie = sessionCookieOf(signed).value;
      const csrf = signed.json().csrf as string;
      const noCsrf = await api.app.inject({
        method: 'DELETE',
        url: '/api/session',
        headers: withCookie(cookie),
      });
      assert.equal(noCsrf.statusCode, 403);
      const out = await api.app.inject({
        method: 'DELETE',
        url: '/api/session',
        headers: withCookie(cookie, { 'x-csrf-token': csrf }),
      });
      assert.equal(out.statusCode, 204);
      const cleared = sessionCookieOf(out);
      assert.equal(cleared.value, '');
      assert.ok(cleared.attributes.includes('Max-Age=0'));
      const me = await api.app.inject({ method: 'GET', url: '/api/me', headers: withCookie(cookie) });
      assert.equal(me.statusCode, 401);
      assert.match(me.json().message, /expired or was signed out/);
      assert.equal(
        (await api.app.inject({ method: 'GET', url: '/api/session', headers: withCookie(cookie) }))
          .statusCode,
        401,
      );
    });

    it('ends a session after 8 idle hours, keeps an active one going, and ends every session after 7 days', async () => {
      clock = START;
      const signed = await signIn({ username: 'analyst', password: `${PASSWORD}-analyst` }, '192.0.2.50');
      const cookie = sessionCookieOf(signed).value;
      const me = () => api.app.inject({ method: 'GET', url: '/api/me', headers: withCookie(cookie) });
      // Active every 7 hours: still signed in after 161 hours …
      for (let h = 7; h <= 161; h += 7) {
        clock = new Date(START.getTime() + h * HOUR);
        assert.equal((await me()).statusCode, 200, `after ${h} h`);
      }
      // … but not past the absolute 7 days (168 h), however recent the last request (161 h).
      clock = new Date(START.getTime() + 168 * HOUR + 1000);
      assert.equal((await me()).statusCode, 401);

      clock = START;
      const idle = sessionCookieOf(
        await signIn({ username: 'analyst', password: `${PASSWORD}-analyst` }, '192.0.2.51'),
      ).value;
      clock = new Date(START.getTime() + 8 * HOUR + 1000);
      const late = await api.app.inject({ method: 'GET', url: '/api/me', headers: withCookie(idle) });
      assert.equal(late.statusCode, 401);
    });

    it('ends the sessions of a user whose password changes', async () => {
      clock = START;
      const signed = await signIn({ username: 'observer', password: `${PASSWORD}-observer` }, '192.0.2.60');
      const cookie = sessionCookieOf(signed).value;
      assert.deepEqual(
        await setPassword(api.db.store, 'observer', `${PASSWORD}-observer`, START, TEST_ACTOR),
        {
          ok: true,
        },
      );
      const me = await api.app.inject({ method: 'GET', url: '/api/me', headers: withCookie(cookie) });
      assert.equal(me.statusCode, 401);
    });

    it('lets a read-scoped token read but refuses it on POST, and refuses a revoked or expired token', async () => {
      clock = START;
      const created = await api.app.inject({
        method: 'POST',
        url: '/api/me/tokens',
        headers: api.as('liaisonBfa'),
        payload: { scope: 'read', label: 'tableau de bord', expires_in_days: 30 },
      });
      assert.equal(created.statusCode, 201, created.body);
      const token = created.json();
      assert.match(token.token, /^lpk_/);
      assert.equal(token.prefix, token.token.slice(0, 12));
      assert.equal(token.expires_at, '2024-07-01T12:00:00.000Z');
      const bearer = { authorization: `Bearer ${token.token as string}` };

      assert.equal(
        (await api.app.inject({ method: 'GET', url: '/api/me', headers: bearer })).statusCode,
        200,
      );
      const post = await api.app.inject({
        method: 'POST',
        url: '/api/me/tokens',
        headers: bearer,
        payload: { scope: 'write' },
      });
      assert.equal(post.statusCode, 403);
      assert.equal(post.json().error, 'token_scope');

      const list = await api.app.inject({ method: 'GET', url: '/api/me/tokens', headers: bearer });
      assert.equal(list.statusCode, 200);
      const mine = (list.json().items as { id: number; label: string | null; scope: string }[]).find(
        (t) => t.id === token.id,
      );
      assert.deepEqual(
        { label: mine?.label, scope: mine?.scope },
        { label: 'tableau de bord', scope: 'read' },
      );
      assert.ok(!JSON.stringify(list.json()).includes(token.token), 'the secret is never listed');

      clock = new Date('2024-07-01T12:00:01.000Z');
      assert.equal(
        (await api.app.inject({ method: 'GET', url: '/api/me', headers: bearer })).statusCode,
        401,
      );
      clock = START;

      // Another user cannot revoke it; its owner can, and then it is refused.
      const foreign = await api.app.inject({
        method: 'DELETE',
        url: `/api/me/tokens/${token.id as number}`,
        headers: api.as('liaisonMli'),
      });
      assert.equal(foreign.statusCode, 404);
      const revoke = await api.app.inject({
        method: 'DELETE',
        url: `/api/me/tokens/${token.id as number}`,
        headers: api.as('liaisonBfa'),
      });
      assert.equal(revoke.statusCode, 204);
      const refused = await api.app.inject({ method: 'GET', url: '/api/me', headers: bearer });
      assert.equal(refused.statusCode, 401);
    });

    it('signs in with an API token into a session of the same scope, which ends when the token is revoked', async () => {
      clock = START;
      const created = await api.app.inject({
        method: 'POST',
        url: '/api/me/tokens',
        headers: api.as('analyst'),
        payload: { scope: 'read' },
      });
      const { token, id } = created.json() as { token: string; id: number };
      const signed = await signIn({ token }, '192.0.2.70');
      assert.equal(signed.statusCode, 200, signed.body);
      assert.equal(signed.json().scope, 'read');
      const cookie = sessionCookieOf(signed).value;
      const csrf = signed.json().csrf as string;
      const post = await api.app.inject({
        method: 'POST',
        url: '/api/me/tokens',
        headers: withCookie(cookie, { 'x-csrf-token': csrf }),
        payload: { scope: 'write' },
      });
      assert.equal(post.statusCode, 403);
      assert.equal(post.json().error, 'token_scope');
      await api.app.inject({ method: 'DELETE', url: `/api/me/tokens/${id}`, headers: api.as('analyst') });
      const me = await api.app.inject({ method: 'GET', url: '/api/me', headers: withCookie(cookie) });
      assert.equal(me.statusCode, 401);
      const bad = await signIn({ token: 'lpk_not-a-real-token-at-all' }, '192.0.2.70');
      assert.equal(bad.statusCode, 401);
      assert.equal(bad.json().error, 'invalid_credentials');
    });
  });
}

for (const kind of testStoreKinds)
  describe(`the session cookie over HTTPS (${kind.dialect})`, () => {
    it('is Secure when the proxy says the request came over HTTPS, and not when it came over HTTP', async () => {
      const api = await openApi(await kind.open(), { trustProxy: true });
      try {
        await setPassword(api.db.store, 'observer', PASSWORD, START, TEST_ACTOR);
        const signIn = (proto: string) =>
          api.app.inject({
            method: 'POST',
            url: '/api/session',
            headers: { 'x-forwarded-proto': proto },
            payload: { username: 'observer', password: PASSWORD },
          });
        assert.ok(sessionCookieOf(await signIn('https')).attributes.includes('Secure'));
        assert.ok(!sessionCookieOf(await signIn('http')).attributes.includes('Secure'));
      } finally {
        await api.close();
      }
    });
  });
