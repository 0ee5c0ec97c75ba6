import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import pg from 'pg';
import { openStore } from '../../src/store/open-store.ts';
import { connectionUrl } from '../../src/store/postgres/connection-url.ts';
import { openPostgresTestStore, testDatabaseUrl } from '../support/databases.ts';
import { storeContract } from './store-contract.ts';
import { BY, incidentInput, TEST_ACTOR } from '../support/factories.ts';

describe('PostgreSQL store', () => {
  storeContract(openPostgresTestStore);

  it('keeps every table in its own schema and drops it on dispose', async () => {
    const db = await openPostgresTestStore();
    const client = new pg.Client({ connectionString: connectionUrl(testDatabaseUrl) });
    await client.connect();
    try {
      const tables = await client.query<{ table_name: string }>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
        [db.location],
      );
      assert.deepEqual(
        tables.rows.map((r) => r.table_name),
        [
          'alert_cursors',
          'alert_deliveries',
          'alert_events',
          'alert_subscriptions',
          'api_tokens',
          'assistance_cases',
          'assistance_dispatches',
          'assistance_pledges',
          'assistance_receipts',
          'assistance_requests',
          'audit_checkpoints',
          'audit_head',
          'audit_log',
          'cap_imports',
          'charter_decisions',
          'charter_evaluations',
          'charter_proposals',
          'consultations',
          'import_runs',
          'incident_cells',
          'incident_revisions',
          'incident_weeks',
          'incidents',
          'kysely_migration',
          'kysely_migration_lock',
          'membership_events',
          'rebellion_cases',
          'report_incidents',
          'reports',
          'sessions',
          'sign_in_failures',
          'surges',
          'users',
        ],
      );
      await db.dispose();
      const left = await client.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [
        db.location,
      ]);
      assert.equal(left.rowCount, 0);
    } finally {
      await db.dispose();
      await client.end();
    }
  });

  it('records when a token was last used', async () => {
    const db = await openPostgresTestStore();
    const client = new pg.Client({ connectionString: connectionUrl(testDatabaseUrl) });
    await client.connect();
    try {
      const user = await db.store.createUser(
        { name: 'u', role: 'analyst', party: null, createdAt: 'then' },
        BY,
      );
      await db.store.createToken({ userId: user.id, tokenHash: 'h', prefix: 'p', createdAt: 'then' }, BY);
      const before = new Date().toISOString();
      await db.store.findUserByTokenHash('h');
      const used = await client.query<{ last_used_at: string }>(
        `SELECT last_used_at FROM ${db.location}.api_tokens`,
      );
      assert.ok((used.rows[0]?.last_used_at ?? '') >= before);
    } finally {
      await client.end();
      await db.dispose();
    }
  });

  // The PostgreSQL side of sqlite-store.test.ts's full-text, foreign-key and folder tests; WAL has none.
  it('keeps the full-text search in step when a batch inserts, repeats and re-imports incidents', async () => {
    const db = await openPostgresTestStore();
    try {
      const meta = { changedBy: 'import', at: '2025-01-01T00:00:00Z', actor: TEST_ACTOR };
      const a = incidentInput({ notes: 'premier convoi' });
      const b = incidentInput({ notes: 'second marché' });
      await db.store.upsertIncidents([a, b, { ...b, contentHash: 'b2', notes: 'embuscade route' }], meta);
      await db.store.upsertIncidents(
        [{ ...a, contentHash: 'a2', notes: 'attaque poste' }, incidentInput({ notes: 'troisième convoi' })],
        meta,
      );
      const hits = (q: string) =>
        db.store.countIncidents({ visibility: { classifications: ['PUBLIC'], nationalOf: null }, q });
      assert.deepEqual(
        [await hits('convoi'), await hits('marche'), await hits('embuscade'), await hits('attaque')],
        [1, 0, 1, 1],
      );
    } finally {
      await db.dispose();
    }
  });

  it('refuses a token whose user does not exist', async () => {
    const db = await openPostgresTestStore();
    try {
      await assert.rejects(
        db.store.createToken({ userId: 42, tokenHash: 'h', prefix: 'p', createdAt: 'now' }, BY),
      );
    } finally {
      await db.dispose();
    }
  });

  it('migrates the schema its URL selects while another schema of the database holds migrated tables', async () => {
    // Another store's schema, migrated: Kysely's migrator, asked for no schema, took its tables for ours.
    const other = await openPostgresTestStore();
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: connectionUrl(testDatabaseUrl) });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA ${schema}`);
      const url = new URL(testDatabaseUrl);
      url.searchParams.set('options', `-c search_path=${schema}`);
      const store = await openStore({ databaseUrl: url.href });
      try {
        await store.migrate();
        await store.createUser({ name: 'u', role: 'analyst', party: null, createdAt: 'then' }, BY);
        assert.equal(await store.countUsers(), 1);
        await store.migrate();
      } finally {
        await store.close();
      }
      const tables = await client.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables
          WHERE table_schema = $1 AND table_name IN ('kysely_migration', 'kysely_migration_lock', 'users')
          ORDER BY table_name`,
        [schema],
      );
      assert.deepEqual(
        tables.rows.map((r) => r.table_name),
        ['kysely_migration', 'kysely_migration_lock', 'users'],
      );
      assert.equal(await other.store.countUsers(), 0, 'the other schema is untouched');
    } finally {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
      await other.dispose();
    }
  });
});
