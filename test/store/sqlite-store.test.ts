import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store/open-store.ts';
import { openSqliteTestStore } from '../support/databases.ts';
import { incidentInput, TEST_ACTOR, BY } from '../support/factories.ts';
import { storeContract } from './store-contract.ts';

describe('SQLite store (file)', () => {
  storeContract(openSqliteTestStore);

  it('creates the folder of its file and opens it in WAL mode with foreign keys on', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'liptako-sqlite-'));
    try {
      const file = path.join(dir, 'nested', 'deeper', 'liptako.sqlite');
      const store = await openStore({ sqlitePath: file });
      await store.migrate();
      await store.createUser(
        { name: 'a', role: 'admin', party: null, createdAt: '2025-01-01T00:00:00Z' },
        BY,
      );
      assert.ok((await stat(file)).isFile());
      await store.close();
      const raw = new Database(file, { readonly: true });
      try {
        assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
        const ftsTables = raw.prepare("SELECT name FROM sqlite_master WHERE name LIKE '%_fts'").pluck().all();
        assert.deepEqual(ftsTables.sort(), ['incidents_fts', 'reports_fts']);
      } finally {
        raw.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps the full-text index whole when a batch inserts, repeats and re-imports incidents', async () => {
    const db = await openSqliteTestStore();
    try {
      const meta = { changedBy: 'import', at: '2025-01-01T00:00:00Z', actor: TEST_ACTOR };
      const a = incidentInput({ notes: 'premier convoi' });
      const b = incidentInput({ notes: 'second marché' });
      // b repeated in its own batch with new notes: the update must find it indexed already.
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
      await db.store.close();
      const raw = new Database(db.location);
      try {
        // Throws SQLITE_CORRUPT_VTAB when the index and the table disagree.
        raw.exec("INSERT INTO incidents_fts (incidents_fts, rank) VALUES ('integrity-check', 1)");
      } finally {
        raw.close();
      }
    } finally {
      await db.dispose();
    }
  });

  it('refuses a token whose user does not exist, as foreign keys are enforced', async () => {
    const db = await openSqliteTestStore();
    try {
      await assert.rejects(
        db.store.createToken({ userId: 42, tokenHash: 'h', prefix: 'p', createdAt: 'now' }, BY),
      );
    } finally {
      await db.dispose();
    }
  });

  it('records when a token was last used', async () => {
    const db = await openSqliteTestStore();
    try {
      const user = await db.store.createUser(
        { name: 'u', role: 'analyst', party: null, createdAt: 'then' },
        BY,
      );
      await db.store.createToken({ userId: user.id, tokenHash: 'h', prefix: 'p', createdAt: 'then' }, BY);
      const before = new Date().toISOString();
      await db.store.findUserByTokenHash('h');
      const raw = new Database(db.location, { readonly: true });
      try {
        const used = raw.prepare('SELECT last_used_at FROM api_tokens').pluck().get();
        assert.equal(typeof used, 'string');
        assert.ok(String(used) >= before);
      } finally {
        raw.close();
      }
    } finally {
      await db.dispose();
    }
  });
});
