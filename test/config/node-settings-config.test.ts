/**
 * The settings a deployment of several nodes tunes: the alert outbox's safety-net poll and the size
 * of the PostgreSQL pool; defaults, accepted values, and every bad value named.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../src/config/config.ts';

describe('node settings', () => {
  it('polls the alert outbox each second and pools 10 connections unless told otherwise', () => {
    const result = parseConfig({}, {}, '/a');
    assert.ok(result.ok);
    assert.equal(result.config.alertPollMs, 1000);
    assert.equal(result.config.databasePool, 10);
    const set = parseConfig({}, { LIPTAKO_ALERT_POLL_MS: '60000', LIPTAKO_DATABASE_POOL: '4' }, '/a');
    assert.ok(set.ok);
    assert.equal(set.config.alertPollMs, 60_000);
    assert.equal(set.config.databasePool, 4);
  });

  it('names each bad value', () => {
    for (const [poll, pool] of [
      ['often', '0'],
      ['10', '2.5'],
      ['3600001', '1001'],
    ] as const) {
      const result = parseConfig({}, { LIPTAKO_ALERT_POLL_MS: poll, LIPTAKO_DATABASE_POOL: pool }, '/a');
      assert.ok(!result.ok);
      assert.match(result.problems.join('\n'), new RegExp(`LIPTAKO_ALERT_POLL_MS .*"${poll}"`));
      assert.match(
        result.problems.join('\n'),
        new RegExp(`LIPTAKO_DATABASE_POOL .*"${pool.replace('.', '\\.')}"`),
      );
    }
  });
});
