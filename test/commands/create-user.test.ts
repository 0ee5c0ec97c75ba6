import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser } from '../../src/commands/create-user.ts';
import { hashToken } from '../../src/commands/token-hash.ts';
import { testStoreKinds, type TestStore } from '../support/databases.ts';
import { TEST_ACTOR } from '../support/factories.ts';

for (const kind of testStoreKinds) {
  describe(`creating users (${kind.dialect})`, () => {
    let db: TestStore;
    before(async () => {
      db = await kind.open();
    });
    after(() => db.dispose());
    const now = new Date('2024-06-01T00:00:00Z');

    it('creates a liaison officer of one party with a token that signs in and is stored only as a hash', async () => {
      const result = await createUser(
        db.store,
        { name: 'awa.traore', role: 'liaison', party: 'mli' },
        now,
        TEST_ACTOR,
      );
      assert.ok(result.ok);
      assert.match(result.token, /^lpk_[A-Za-z0-9_-]{43}$/);
      assert.equal(result.user.party, 'MLI');
      const found = await db.store.findUserByTokenHash(hashToken(result.token));
      assert.equal(found?.name, 'awa.traore');
      assert.equal(await db.store.findUserByTokenHash(result.token), null);
    });

    it('refuses a liaison officer without a party, an analyst with one, an unknown role and a taken name', async () => {
      const cases: [Parameters<typeof createUser>[1], RegExp][] = [
        [{ name: 'moussa', role: 'liaison', party: null }, /party/],
        [{ name: 'moussa', role: 'analyst', party: 'BFA' }, /party/],
        [{ name: 'moussa', role: 'general', party: null }, /role/],
        [{ name: 'moussa', role: 'liaison', party: 'SEN' }, /party/],
        [{ name: 'has space', role: 'observer', party: null }, /name/],
        [{ name: 'awa.traore', role: 'observer', party: null }, /exists already/],
      ];
      for (const [input, message] of cases) {
        const result = await createUser(db.store, input, now, TEST_ACTOR);
        assert.ok(!result.ok, JSON.stringify(input));
        assert.match(result.problems.join('; '), message);
      }
    });

    it('stops a revoked token from signing in', async () => {
      const result = await createUser(
        db.store,
        { name: 'revoked', role: 'observer', party: null },
        now,
        TEST_ACTOR,
      );
      assert.ok(result.ok);
      assert.equal(
        await db.store.revokeTokens(result.user.id, { actor: TEST_ACTOR, at: now.toISOString() }),
        1,
      );
      assert.equal(await db.store.findUserByTokenHash(hashToken(result.token)), null);
    });
  });
}
