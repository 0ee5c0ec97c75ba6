import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashPassword, verifyPassword } from '../../src/commands/password-hashing.ts';
import { parsePhc } from '../../src/domain/phc-string.ts';

describe('password hashing (argon2id)', () => {
  it('verifies the reference implementation’s test vector', async () => {
    const reference =
      '$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc';
    assert.equal(await verifyPassword('password', reference), true);
    assert.equal(await verifyPassword('Password', reference), false);
  });

  it('hashes with OWASP’s parameters and a fresh salt, and verifies only the right password', async () => {
    const a = await hashPassword('mot de passe du Liptako');
    const b = await hashPassword('mot de passe du Liptako');
    assert.match(a, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    assert.notEqual(a, b, 'each hash has its own salt');
    assert.equal(await verifyPassword('mot de passe du Liptako', a), true);
    assert.equal(await verifyPassword('mot de passe du liptako', a), false);
    assert.equal(await verifyPassword('', a), false);
  });

  it('treats composed and decomposed accents as the same password', async () => {
    const hash = await hashPassword('Tillabéri-2024-nuit');
    assert.equal(await verifyPassword('Tillabe\u0301ri-2024-nuit', hash), true);
  });

  it('answers false, without throwing, for a malformed or tampered stored string', async () => {
    const good = await hashPassword('correct horse battery');
    const parsed = parsePhc(good);
    assert.ok(parsed.ok);
    for (const bad of [
      '',
      'plain text password',
      good.replace('argon2id', 'argon2d'),
      good.replace('m=19456', 'm=99999999999'),
      good.slice(0, -10),
      `${good}$`,
    ])
      assert.equal(await verifyPassword('correct horse battery', bad), false, bad);
    // A flipped bit of the stored hash: a wrong answer, compared in constant time.
    const flipped = good.slice(0, -2) + (good.at(-2) === 'A' ? 'B' : 'A') + good.slice(-1);
    assert.equal(await verifyPassword('correct horse battery', flipped), false);
  });
});
