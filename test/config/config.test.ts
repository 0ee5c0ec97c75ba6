import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../src/config/config.ts';

describe('configuration', () => {
  it('defaults to the SQLite file under ./data on 127.0.0.1:8080', () => {
    const result = parseConfig({}, {}, '/srv/liptako');
    assert.ok(result.ok);
    assert.deepEqual(result.config.database, { kind: 'sqlite', path: '/srv/liptako/data/liptako.sqlite' });
    assert.equal(result.config.port, 8080);
    assert.equal(result.config.host, '127.0.0.1');
    assert.equal(result.config.publicRead, false);
  });

  it('lets options win over the environment', () => {
    const result = parseConfig(
      { db: 'x.sqlite', port: '9000' },
      { LIPTAKO_DB: 'y.sqlite', PORT: '7000' },
      '/a',
    );
    assert.ok(result.ok);
    assert.deepEqual(result.config.database, { kind: 'sqlite', path: '/a/x.sqlite' });
    assert.equal(result.config.port, 9000);
  });

  it('makes session cookies Secure on HTTPS requests and trusts no proxy unless told', () => {
    const defaults = parseConfig({}, {}, '/a');
    assert.ok(defaults.ok);
    assert.equal(defaults.config.secureCookies, 'auto');
    assert.equal(defaults.config.trustProxy, false);
    const set = parseConfig({}, { LIPTAKO_SECURE_COOKIES: 'always', LIPTAKO_TRUST_PROXY: 'true' }, '/a');
    assert.ok(set.ok);
    assert.equal(set.config.secureCookies, 'always');
    assert.equal(set.config.trustProxy, true);
    const bad = parseConfig({}, { LIPTAKO_SECURE_COOKIES: 'yes', LIPTAKO_TRUST_PROXY: 'maybe' }, '/a');
    assert.ok(!bad.ok);
    assert.match(bad.problems.join('\n'), /LIPTAKO_SECURE_COOKIES must be one of auto, always, never/);
    assert.match(bad.problems.join('\n'), /LIPTAKO_TRUST_PROXY must be true or false/);
  });

  it('selects PostgreSQL from DATABASE_URL', () => {
    const result = parseConfig({}, { DATABASE_URL: 'postgres://127.0.0.1:5432/test' }, '/a');
    assert.ok(result.ok);
    assert.equal(result.config.database.kind, 'postgres');
  });

  it("takes the PostgreSQL schema from the URL's search_path option, and only a single plain name", () => {
    const schemaOf = (url: string) => {
      const result = parseConfig({ databaseUrl: url }, {}, '/a');
      assert.ok(result.ok, url);
      assert.equal(result.config.database.kind, 'postgres');
      return result.config.database.kind === 'postgres' ? result.config.database.schema : 'not postgres';
    };
    assert.equal(schemaOf('postgres://h/db?options=-c%20search_path%3Dliptako'), 'liptako');
    assert.equal(schemaOf('postgres://h/db?options=-c+search_path%3Dtenant_2'), 'tenant_2');
    assert.equal(
      schemaOf('postgres://h/db?sslmode=disable&options=-c%20statement_timeout%3D5s%20--search_path%3Dt1'),
      't1',
    );
    assert.equal(schemaOf('postgres://h/db'), undefined);
    assert.equal(schemaOf('postgres://h/db?options=-c%20search_path%3Dt1%2Cpublic'), undefined);
    assert.equal(schemaOf('postgres://h/db?options=-c%20search_path%3D%22Mixed%22'), undefined);
    assert.equal(schemaOf('postgres://h/db?options=-c%20statement_timeout%3D5s'), undefined);
  });

  it('runs the Charter tick every 60 s by default, takes 0 to turn it off and refuses a bad value', () => {
    const byDefault = parseConfig({}, {}, '/a');
    assert.ok(byDefault.ok);
    assert.equal(byDefault.config.charterTickSeconds, 60);
    const off = parseConfig({}, { LIPTAKO_CHARTER_TICK_SECONDS: '0' }, '/a');
    assert.ok(off.ok);
    assert.equal(off.config.charterTickSeconds, 0);
    const bad = parseConfig({}, { LIPTAKO_CHARTER_TICK_SECONDS: 'often' }, '/a');
    assert.ok(!bad.ok);
    assert.match(bad.problems.join('\n'), /LIPTAKO_CHARTER_TICK_SECONDS/);
  });

  it('takes the surge rule from LIPTAKO_SURGE_* over the defaults and refuses a rule that cannot apply', () => {
    const byDefault = parseConfig({}, {}, '/a');
    assert.ok(byDefault.ok);
    assert.deepEqual(
      [byDefault.config.surgeRule.minFatalities, byDefault.config.surgeRule.windowDays],
      [10, 30],
    );
    const set = parseConfig(
      {},
      {
        LIPTAKO_SURGE_MIN_FATALITIES: '25',
        LIPTAKO_SURGE_MIN_INCREASE: '0.5',
        LIPTAKO_SURGE_COOL_DOWN_DAYS: '14',
      },
      '/a',
    );
    assert.ok(set.ok);
    assert.equal(set.config.surgeRule.minFatalities, 25);
    assert.equal(set.config.surgeRule.minRelativeIncrease, 0.5);
    assert.equal(set.config.surgeRule.coolDownDays, 14);
    const bad = parseConfig(
      {},
      { LIPTAKO_SURGE_MIN_FATALITIES: 'many', LIPTAKO_SURGE_HIGH_RATIO: '0.5' },
      '/a',
    );
    assert.ok(!bad.ok);
    assert.match(bad.problems.join('\n'), /LIPTAKO_SURGE_MIN_FATALITIES must be a number/);
    assert.match(bad.problems.join('\n'), /highRatio must be from 1 to 100/);
  });

  it('allows webhooks to any host by default, to the listed hosts with LIPTAKO_WEBHOOK_ALLOW, and refuses a bad entry', () => {
    const byDefault = parseConfig({}, {}, '/a');
    assert.ok(byDefault.ok);
    assert.equal(byDefault.config.webhookAllow, null);
    const listed = parseConfig({}, { LIPTAKO_WEBHOOK_ALLOW: 'Hooks.Example.org, *.partner.ne' }, '/a');
    assert.ok(listed.ok);
    assert.deepEqual(listed.config.webhookAllow, ['hooks.example.org', '*.partner.ne']);
    const bad = parseConfig({}, { LIPTAKO_WEBHOOK_ALLOW: 'https://x.org/path' }, '/a');
    assert.ok(!bad.ok);
    assert.match(
      bad.problems.join('\n'),
      /LIPTAKO_WEBHOOK_ALLOW: "https:\/\/x.org\/path" is not a host name/,
    );
  });

  it('lists every problem at once', () => {
    const result = parseConfig(
      { db: 'a.sqlite', databaseUrl: 'postgres://h/db', port: 'eighty' },
      { LIPTAKO_PUBLIC_READ: 'perhaps', LIPTAKO_LOG_LEVEL: 'loud', LIPTAKO_BODY_LIMIT: '10' },
      '/a',
    );
    assert.ok(!result.ok);
    assert.equal(result.problems.length, 5);
    assert.match(result.problems.join('\n'), /choose one database/);
    assert.match(result.problems.join('\n'), /port/);
  });
});
