/**
 * The Store's identity records on every implementation (a real SQLite file and the real PostgreSQL):
 * password hashes, tokens with scope and expiry, sessions, and the failed sign-in counters.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { User } from '../../src/domain/user.ts';
import { testStoreKinds, type TestStore } from '../support/databases.ts';
import { TEST_ACTOR, BY } from '../support/factories.ts';

const AT = '2024-06-01T12:00:00.000Z';
const LATER = '2024-06-01T13:00:00.000Z';

for (const kind of testStoreKinds) {
  describe(`identity records (${kind.dialect})`, () => {
    let db: TestStore;
    let awa: User;
    let sekou: User;
    before(async () => {
      db = await kind.open();
      awa = await db.store.createUser({ name: 'awa', role: 'liaison', party: 'MLI', createdAt: AT }, BY);
      sekou = await db.store.createUser({ name: 'sekou', role: 'analyst', party: null, createdAt: AT }, BY);
    });
    after(() => db.dispose());

    it('keeps a password hash that only the credentials read, and has none for a new user', async () => {
      assert.deepEqual(await db.store.findUserCredentials('awa'), { user: awa, passwordHash: null });
      assert.equal(
        await db.store.setPasswordHash(awa.id, '$argon2id$fake', { actor: TEST_ACTOR, at: AT }),
        true,
      );
      assert.deepEqual(await db.store.findUserCredentials('awa'), {
        user: awa,
        passwordHash: '$argon2id$fake',
      });
      assert.deepEqual(await db.store.findUserByName('awa'), awa, 'the user object carries no hash');
      assert.equal(await db.store.findUserCredentials('Awa'), null);
      assert.equal(
        await db.store.setPasswordHash(99999, '$argon2id$fake', { actor: TEST_ACTOR, at: AT }),
        false,
      );
    });

    it('stores tokens with scope, label and expiry, finds live ones only, and lists them by owner', async () => {
      const write = await db.store.createToken(
        {
          userId: sekou.id,
          tokenHash: '1'.repeat(64),
          prefix: 'lpk_one1',
          createdAt: AT,
        },
        BY,
      );
      assert.equal(write.scope, 'write', 'write is the default scope');
      const read = await db.store.createToken(
        {
          userId: sekou.id,
          tokenHash: '2'.repeat(64),
          prefix: 'lpk_two2',
          createdAt: AT,
          scope: 'read',
          label: 'carte',
          expiresAt: LATER,
        },
        BY,
      );
      assert.deepEqual(read, {
        id: read.id,
        userId: sekou.id,
        prefix: 'lpk_two2',
        label: 'carte',
        scope: 'read',
        createdAt: AT,
        expiresAt: LATER,
        lastUsedAt: null,
        revokedAt: null,
      });
      const found = await db.store.findToken('2'.repeat(64), AT);
      assert.deepEqual(found?.user, sekou);
      assert.equal(found?.token.scope, 'read');
      assert.equal(await db.store.findToken('2'.repeat(64), LATER), null, 'expired at its expiry');
      assert.deepEqual(
        (await db.store.listTokens(sekou.id)).map((t) => [t.prefix, t.lastUsedAt]),
        [
          ['lpk_one1', null],
          ['lpk_two2', AT],
        ],
      );
      // The last use is written at most once a minute, not on every request.
      const soon = new Date(Date.parse(AT) + 59_000).toISOString();
      const minuteOn = new Date(Date.parse(AT) + 60_000).toISOString();
      assert.equal((await db.store.findToken('2'.repeat(64), soon))?.token.lastUsedAt, AT);
      assert.deepEqual(
        (await db.store.listTokens(sekou.id)).map((t) => t.lastUsedAt),
        [null, AT],
      );
      assert.equal((await db.store.findToken('2'.repeat(64), minuteOn))?.token.lastUsedAt, minuteOn);
      assert.deepEqual(
        (await db.store.listTokens(sekou.id)).map((t) => t.lastUsedAt),
        [null, minuteOn],
      );
      assert.deepEqual(
        (await db.store.findTokensByPrefix('lpk_t')).map((t) => t.id),
        [read.id],
      );
      assert.deepEqual(await db.store.findTokensByPrefix('lpk_%'), [], 'a prefix is no pattern');
      assert.equal(
        await db.store.revokeToken(read.id, { actor: TEST_ACTOR, at: LATER }, awa.id),
        false,
        'not awa’s token',
      );
      assert.equal(await db.store.revokeToken(read.id, { actor: TEST_ACTOR, at: LATER }, sekou.id), true);
      assert.equal(
        await db.store.revokeToken(read.id, { actor: TEST_ACTOR, at: LATER }),
        false,
        'already revoked',
      );
      assert.equal(await db.store.findToken('2'.repeat(64), AT), null);
      assert.notEqual(await db.store.findToken('1'.repeat(64), AT), null);
    });

    it('finds a session until it expires or is deleted, and ends it with its token or a new password', async () => {
      const token = await db.store.createToken(
        {
          userId: awa.id,
          tokenHash: '3'.repeat(64),
          prefix: 'lpk_thr3',
          createdAt: AT,
        },
        BY,
      );
      const session = {
        userId: awa.id,
        scope: 'write',
        createdAt: AT,
        expiresAt: LATER,
        absoluteExpiresAt: '2024-06-08T12:00:00.000Z',
        userAgent: 'Firefox',
      } as const;
      const byPassword = await db.store.createSession({ ...session, idHash: 'a'.repeat(64), tokenId: null });
      assert.equal(byPassword.lastSeenAt, AT);
      await db.store.createSession({ ...session, idHash: 'b'.repeat(64), tokenId: token.id });
      const found = await db.store.findSession('a'.repeat(64), AT);
      assert.deepEqual(found, { session: byPassword, user: awa });
      assert.equal(await db.store.findSession('a'.repeat(64), LATER), null, 'expired');
      await db.store.touchSession(byPassword.id, '2024-06-01T12:30:00.000Z', '2024-06-01T20:30:00.000Z');
      assert.equal(
        (await db.store.findSession('a'.repeat(64), LATER))?.session.lastSeenAt,
        '2024-06-01T12:30:00.000Z',
      );

      assert.equal(await db.store.revokeToken(token.id, { actor: TEST_ACTOR, at: AT }), true);
      assert.equal(await db.store.findSession('b'.repeat(64), AT), null, 'ended with its token');
      assert.notEqual(await db.store.findSession('a'.repeat(64), AT), null);
      await db.store.setPasswordHash(awa.id, '$argon2id$other', { actor: TEST_ACTOR, at: AT });
      assert.equal(await db.store.findSession('a'.repeat(64), AT), null, 'ended by the new password');

      await db.store.createSession({ ...session, idHash: 'c'.repeat(64), tokenId: null });
      assert.equal(await db.store.deleteSession('c'.repeat(64)), true);
      assert.equal(await db.store.deleteSession('c'.repeat(64)), false);
      await db.store.createSession({ ...session, idHash: 'd'.repeat(64), tokenId: null });
      assert.equal(await db.store.deleteExpiredSessions(AT), 0);
      assert.equal(await db.store.deleteExpiredSessions(LATER), 1);
    });

    it('counts failed sign-ins atomically, forgets old ones, and only ever lengthens a lock', async () => {
      const forget = '2024-05-31T12:00:00.000Z';
      assert.deepEqual(await db.store.signInFailures(['user:x']), []);
      const counts = await Promise.all(
        Array.from({ length: 6 }, () => db.store.recordSignInFailure('user:x', AT, forget)),
      );
      assert.deepEqual(
        counts.sort((a, b) => a - b),
        [1, 2, 3, 4, 5, 6],
        'concurrent failures each count once',
      );
      await db.store.lockSignIn('user:x', LATER);
      await db.store.lockSignIn('user:x', '2024-06-01T12:15:00.000Z');
      assert.deepEqual(await db.store.signInFailures(['user:x', 'address:1']), [
        { key: 'user:x', failures: 6, lastFailureAt: AT, lockedUntil: LATER },
      ]);
      // A day after the last failure the count starts again.
      assert.equal(
        await db.store.recordSignInFailure('user:x', '2024-06-03T00:00:00.000Z', '2024-06-02T00:00:00.000Z'),
        1,
      );
      await db.store.clearSignInFailures('user:x');
      assert.deepEqual(await db.store.signInFailures(['user:x']), []);
    });
  });
}
