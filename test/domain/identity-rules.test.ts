import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { passwordProblems } from '../../src/domain/password-policy.ts';
import { absoluteExpiry, sessionExpiry } from '../../src/domain/session-policy.ts';
import { lockDuration, retryAfterSeconds, throttleKey } from '../../src/domain/sign-in-throttle.ts';
import { isSafeMethod, scopeAllows } from '../../src/domain/token-scope.ts';

const MINUTE = 60_000;

describe('password rules', () => {
  it('accepts 12 characters or more that are not the user name', () => {
    assert.deepEqual(passwordProblems('douze-signes', 'awa'), []);
    assert.deepEqual(passwordProblems('ééééééééééé€', 'awa'), [], 'characters, not bytes');
  });

  it('refuses a short password, the user name in any case, and an absurdly long one', () => {
    assert.match(passwordProblems('onze-signes', 'awa').join(), /at least 12 characters \(got 11\)/);
    assert.match(passwordProblems('Ouagadougou-1', 'ouagadougou-1').join(), /user name/);
    assert.match(passwordProblems('x'.repeat(1025), 'awa').join(), /at most 1024/);
  });
});

describe('sign-in lockout', () => {
  it('locks a user name at 5 failures for 15 minutes, doubling with each further failure up to a day', () => {
    assert.equal(lockDuration('user', 4), 0);
    assert.equal(lockDuration('user', 5), 15 * MINUTE);
    assert.equal(lockDuration('user', 6), 30 * MINUTE);
    assert.equal(lockDuration('user', 7), 60 * MINUTE);
    assert.equal(lockDuration('user', 12), 24 * 60 * MINUTE);
    assert.equal(lockDuration('user', 5000), 24 * 60 * MINUTE);
  });

  it('locks an address only at 20 failures', () => {
    assert.equal(lockDuration('address', 19), 0);
    assert.equal(lockDuration('address', 20), 15 * MINUTE);
  });

  it('waits for the latest lock in force, in whole seconds, and not for past ones', () => {
    const now = new Date('2024-06-01T12:00:00.000Z');
    assert.equal(retryAfterSeconds([null, '2024-06-01T11:00:00.000Z'], now), 0);
    assert.equal(retryAfterSeconds(['2024-06-01T12:00:00.500Z', '2024-06-01T12:15:00.000Z'], now), 900);
    assert.equal(retryAfterSeconds(['2024-06-01T12:00:00.001Z'], now), 1);
  });

  it('folds the case of user names, not of addresses', () => {
    assert.equal(throttleKey('user', ' Awa '), 'user:awa');
    assert.equal(throttleKey('address', '2001:DB8::1'), 'address:2001:DB8::1');
  });
});

describe('session expiry', () => {
  const created = new Date('2024-06-01T12:00:00.000Z');
  it('ends 8 hours after the last request, never later than 7 days after sign-in', () => {
    const absolute = absoluteExpiry(created, null);
    assert.equal(absolute, '2024-06-08T12:00:00.000Z');
    assert.equal(sessionExpiry(created, absolute), '2024-06-01T20:00:00.000Z');
    assert.equal(sessionExpiry(new Date('2024-06-08T06:00:00.000Z'), absolute), absolute);
  });

  it('never outlives the token it was made from', () => {
    assert.equal(absoluteExpiry(created, '2024-06-02T00:00:00.000Z'), '2024-06-02T00:00:00.000Z');
    assert.equal(absoluteExpiry(created, '2025-01-01T00:00:00.000Z'), '2024-06-08T12:00:00.000Z');
  });
});

describe('token scopes', () => {
  it('lets read tokens use safe methods only, and write tokens everything', () => {
    for (const m of ['GET', 'HEAD', 'OPTIONS']) assert.ok(scopeAllows('read', m) && isSafeMethod(m));
    for (const m of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      assert.equal(scopeAllows('read', m), false);
      assert.ok(scopeAllows('write', m));
    }
  });
});
