/**
 * `verifyAuditLog` against an attacker with the database's credentials: each way of rewriting history
 * is detected and names the first entry it makes untrustworthy, on SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadAuditKey, signWith, type AuditKey } from '../../src/commands/audit-key.ts';
import {
  checkExportConsistency,
  checkProof,
  exportAudit,
  proveEntry,
  signCheckpoint,
  verifyAuditLog,
} from '../../src/commands/audit-log.ts';
import { createUser } from '../../src/commands/create-user.ts';
import { systemActor } from '../../src/domain/audit/audit-entry.ts';
import { toHex, utf8 } from '../../src/domain/audit/bytes.ts';
import {
  checkpointBody,
  formatVerifierKey,
  signatureLine,
  signedNote,
} from '../../src/domain/audit/checkpoint.ts';
import { leafHash } from '../../src/domain/audit/merkle-tree.ts';
import { sha256 } from '../../src/store/audit-records.ts';
import type { Dialect } from '../../src/store/store.ts';
import { testStoreKinds, type TestStore } from '../support/databases.ts';
import { incidentInput, reportInput } from '../support/factories.ts';
import { rawRows, tamper } from '../support/tamper.ts';

const ANALYST = { name: 'amina', userId: 2, role: 'analyst' as const, party: null };
const AT = '2025-03-01T10:00:00.000Z';
const LATER = '2025-03-02T10:00:00.000Z';

let keyDir: string;
let key: AuditKey;
let otherKey: AuditKey;
before(async () => {
  keyDir = await mkdtemp(path.join(tmpdir(), 'liptako-audit-key-'));
  key = loadAuditKey(path.join(keyDir, 'audit-key.pem'), { create: true });
  otherKey = loadAuditKey(path.join(keyDir, 'other-key.pem'), { create: true });
});
after(() => rm(keyDir, { recursive: true, force: true }));

/**
 * Entries 0–7 signed by a checkpoint of size 8, then entries 8 and 9:
 * 0 user.create, 1 api-token.create, 2 user.create, 3 api-token.create, 4 incident.create,
 * 5 incident.create, 6 incident.update (status reported → verified), 7 report.create,
 * 8 incident.update (fatalities), 9 report.create.
 */
async function history(db: TestStore): Promise<number> {
  const { store } = db;
  const cli = systemActor('cli:users@test');
  await createUser(store, { name: 'admin', role: 'admin', party: null }, new Date(AT), cli);
  await createUser(store, { name: 'amina', role: 'analyst', party: null }, new Date(AT), cli);
  await store.upsertIncidents([incidentInput({ status: 'reported' }), incidentInput()], {
    changedBy: 'import:acled',
    at: AT,
    actor: systemActor('import:acled'),
  });
  const { items } = await store.listIncidents({
    visibility: { classifications: ['PUBLIC'], nationalOf: null },
    limit: 10,
  });
  const id = Math.min(...items.map((i) => i.id));
  await store.updateIncident(id, {
    status: 'verified',
    changedBy: 'amina',
    reason: 'confirmed',
    at: AT,
    actor: ANALYST,
  });
  await store.insertReport(reportInput(), { submittedBy: 'amina', receivedAt: AT, actor: ANALYST });
  const signed = await signCheckpoint(store, key, new Date(AT));
  assert.ok(signed.ok);
  assert.equal(signed.size, 8);
  await store.updateIncident(id, {
    coding: { fatalities: { low: null, best: 9, high: null } },
    changedBy: 'amina',
    reason: 'new toll',
    at: LATER,
    actor: ANALYST,
  });
  await store.insertReport(reportInput({ title: 'Second' }), {
    submittedBy: 'amina',
    receivedAt: LATER,
    actor: ANALYST,
  });
  return id;
}

/** A leaf hash that matches an entry's new text, as a careful attacker would write it. */
const leafOf = (entry: string): string => toHex(leafHash(sha256, utf8(entry)));
const quote = (text: string): string => `'${text.replaceAll("'", "''")}'`;

async function entryText(db: TestStore, dialect: Dialect, seq: number): Promise<string> {
  const [row] = await rawRows(db, dialect, `SELECT entry FROM audit_log WHERE seq = ${seq}`);
  return String(row?.['entry']);
}

for (const kind of testStoreKinds) {
  describe(`audit log verification on ${kind.dialect}`, () => {
    const dialect = kind.dialect;
    let db: TestStore;
    before(async () => {
      db = await kind.open();
    });
    after(() => db.dispose());

    /** A fresh store with the history, for tests that damage it. */
    async function damaged(statements: (db: TestStore) => Promise<readonly string[]>): Promise<TestStore> {
      const fresh = await kind.open();
      await history(fresh);
      await tamper(fresh, dialect, await statements(fresh));
      return fresh;
    }

    it('verifies an untouched log: every entry, the root and every checkpoint', async () => {
      await history(db);
      const result = await verifyAuditLog(db.store, key.verifier);
      assert.deepEqual(result.problems, []);
      assert.equal(result.ok, true);
      assert.equal(result.size, 10);
      assert.equal(result.checkpoints, 1);
      assert.equal(result.firstBadSeq, null);
    });

    it('records who changed what, when, before and after, at gap-free seqs', async () => {
      const { items } = await db.store.listAuditEntries({ limit: 100 });
      assert.deepEqual(
        items.map((e) => e.seq),
        [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
      );
      const update = JSON.parse(items.find((e) => e.seq === 6)?.entry ?? '{}');
      assert.equal(update.action, 'incident.update');
      assert.deepEqual(update.actor, { name: 'amina', user_id: 2, role: 'analyst', party: null });
      assert.deepEqual(update.before, { revision: 1, status: 'reported' });
      assert.deepEqual(update.after, { revision: 2, status: 'verified', reason: 'confirmed' });
      assert.equal(update.time, AT);
      const created = JSON.parse(items.find((e) => e.seq === 4)?.entry ?? '{}');
      assert.equal(created.action, 'incident.create');
      assert.equal(created.before, null);
      assert.equal(created.after.status, 'reported');
      assert.equal(created.actor.role, 'system');
    });

    it('names the entry whose before or after was altered', async () => {
      const fresh = await damaged(async () => [
        `UPDATE audit_log SET entry = replace(entry, '"verified"', '"rejected"') WHERE seq = 6`,
      ]);
      try {
        const result = await verifyAuditLog(fresh.store, key.verifier);
        assert.equal(result.ok, false);
        assert.equal(result.firstBadSeq, 6);
        assert.match(result.problems[0]?.message ?? '', /entry 6 does not hash/);
      } finally {
        await fresh.dispose();
      }
    });

    it('detects an entry altered with its leaf hash recomputed, through the signed root', async () => {
      const fresh = await damaged(async (d) => {
        const altered = (await entryText(d, dialect, 6)).replace('"verified"', '"rejected"');
        return [
          `UPDATE audit_log SET entry = ${quote(altered)}, leaf_hash = '${leafOf(altered)}' WHERE seq = 6`,
        ];
      });
      try {
        const result = await verifyAuditLog(fresh.store, key.verifier);
        assert.equal(result.ok, false);
        // No earlier checkpoint narrows it: every entry it signs is in doubt, from 0.
        assert.equal(result.firstBadSeq, 0);
        assert.match(result.problems[0]?.message ?? '', /entries 0…7 do not hash to the root signed/);
        assert.equal(
          (await signCheckpoint(fresh.store, key, new Date(LATER))).ok,
          false,
          'no checkpoint over it',
        );
      } finally {
        await fresh.dispose();
      }
    });

    it('names a deleted entry', async () => {
      const fresh = await damaged(async () => ['DELETE FROM audit_log WHERE seq = 3']);
      try {
        const result = await verifyAuditLog(fresh.store, key.verifier);
        assert.equal(result.ok, false);
        assert.equal(result.firstBadSeq, 3);
        assert.match(result.problems.map((p) => p.message).join('\n'), /entry 3 is missing/);
      } finally {
        await fresh.dispose();
      }
    });

    it('names the first of two reordered entries', async () => {
      const fresh = await damaged(async (d) => {
        const [two, five] = [await entryText(d, dialect, 2), await entryText(d, dialect, 5)];
        return [
          `UPDATE audit_log SET entry = ${quote(five)}, leaf_hash = '${leafOf(five)}' WHERE seq = 2`,
          `UPDATE audit_log SET entry = ${quote(two)}, leaf_hash = '${leafOf(two)}' WHERE seq = 5`,
        ];
      });
      try {
        const result = await verifyAuditLog(fresh.store, key.verifier);
        assert.equal(result.ok, false);
        assert.equal(result.firstBadSeq, 2);
        const messages = result.problems.map((p) => p.message).join('\n');
        assert.match(messages, /entry 2 holds the entry of seq 5: moved/);
        assert.match(messages, /entry 5 holds the entry of seq 2: moved/);
        // The leaf hashes moved with the entries: the signed root no longer vouches for 0…7 either.
        assert.match(messages, /entries 0…7 do not hash to the root signed/);
      } finally {
        await fresh.dispose();
      }
    });

    it('names the first removed entry when the tail signed by a checkpoint is truncated, head and all', async () => {
      const fresh = await damaged(async () => [
        'DELETE FROM audit_log WHERE seq >= 6',
        'UPDATE audit_head SET size = 6',
      ]);
      try {
        const result = await verifyAuditLog(fresh.store, key.verifier);
        assert.equal(result.ok, false);
        assert.equal(result.firstBadSeq, 6);
        assert.match(result.problems.map((p) => p.message).join('\n'), /signs 8 entries but the log holds 6/);
      } finally {
        await fresh.dispose();
      }
    });

    it('names the first removed entry of an unsigned tail from the head row', async () => {
      const fresh = await damaged(async () => ['DELETE FROM audit_log WHERE seq = 9']);
      try {
        const result = await verifyAuditLog(fresh.store, key.verifier);
        assert.equal(result.ok, false);
        assert.equal(result.firstBadSeq, 9);
      } finally {
        await fresh.dispose();
      }
    });

    it('rejects a checkpoint whose signed note was altered, or that another key signed', async () => {
      const fresh = await damaged(async (d) => {
        const [row] = await rawRows(d, dialect, 'SELECT note FROM audit_checkpoints');
        const note = String(row?.['note']);
        const lines = note.split('\n');
        lines[1] = '7';
        return [`UPDATE audit_checkpoints SET note = ${quote(lines.join('\n'))}, size = 7`];
      });
      try {
        const result = await verifyAuditLog(fresh.store, key.verifier);
        assert.equal(result.ok, false);
        assert.match(result.problems.map((p) => p.message).join('\n'), /bad signature: forged or altered/);
      } finally {
        await fresh.dispose();
      }
      const other = await kind.open();
      try {
        await history(other);
        const verification = await verifyAuditLog(other.store, key.verifier);
        const body = checkpointBody({
          origin: key.verifier.name,
          size: verification.size,
          rootHash: Uint8Array.from(Buffer.from(verification.rootHash, 'hex')),
          time: LATER,
        });
        // Signed by another key under this deployment's name.
        await other.store.addAuditCheckpoint({
          size: verification.size,
          rootHash: verification.rootHash,
          signedAt: LATER,
          keyId: 'forged',
          note: signedNote(body, [
            signatureLine(key.verifier.name, key.verifier.keyHash, signWith(otherKey, utf8(body))),
          ]),
        });
        const result = await verifyAuditLog(other.store, key.verifier);
        assert.equal(result.ok, false);
        assert.match(result.problems.map((p) => p.message).join('\n'), /bad signature/);
      } finally {
        await other.dispose();
      }
    });

    it('rejects a checkpoint properly signed over a root the entries do not have', async () => {
      const fresh = await kind.open();
      try {
        await history(fresh);
        const wrongRoot = sha256(utf8('not the log'));
        const body = checkpointBody({
          origin: key.verifier.name,
          size: 10,
          rootHash: wrongRoot,
          time: LATER,
        });
        await fresh.store.addAuditCheckpoint({
          size: 10,
          rootHash: toHex(wrongRoot),
          signedAt: LATER,
          keyId: formatVerifierKey(key.verifier),
          note: signedNote(body, [
            signatureLine(key.verifier.name, key.verifier.keyHash, signWith(key, utf8(body))),
          ]),
        });
        const result = await verifyAuditLog(fresh.store, key.verifier);
        assert.equal(result.ok, false);
        assert.equal(result.firstBadSeq, 8, 'the checkpoint of size 8 vouches for 0…7');
        assert.match(result.problems[0]?.message ?? '', /entries 8…9 do not hash to the root signed/);
      } finally {
        await fresh.dispose();
      }
    });

    it('refuses UPDATE and DELETE of the log through SQL while its guard is in place', async () => {
      const fresh = await kind.open();
      try {
        await history(fresh);
        await assert.rejects(
          () => runGuarded(fresh, dialect, `UPDATE audit_log SET entry = 'x' WHERE seq = 1`),
          /append-only/,
        );
        await assert.rejects(
          () => runGuarded(fresh, dialect, 'DELETE FROM audit_log WHERE seq = 1'),
          /append-only/,
        );
        await assert.rejects(
          () => runGuarded(fresh, dialect, 'DELETE FROM audit_checkpoints'),
          /append-only/,
        );
        const rows = await rawRows(fresh, dialect, 'SELECT count(*) AS n FROM audit_log');
        assert.equal(Number(rows[0]?.['n']), 10);
      } finally {
        await fresh.dispose();
      }
    });

    it('exports every checkpoint with a consistency proof from the one before, which the export alone checks', async () => {
      const signed = await signCheckpoint(db.store, key, new Date(LATER));
      assert.ok(signed.ok);
      const exported = (await exportAudit(db.store, key.verifier)) as {
        verifier_key: string;
        checkpoints: {
          size: number;
          root_hash: string;
          note: string;
          consistency_from_previous: string[] | null;
        }[];
      };
      assert.equal(exported.verifier_key, formatVerifierKey(key.verifier));
      assert.deepEqual(
        exported.checkpoints.map((c) => c.size),
        [8, 10],
      );
      assert.equal(exported.checkpoints[1]?.note, signed.note);
      assert.ok(checkExportConsistency(exported.checkpoints));
      const [first, second] = exported.checkpoints;
      assert.ok(first && second);
      const forked = { ...second, root_hash: toHex(sha256(utf8('a rewritten history'))) };
      assert.equal(checkExportConsistency([first, forked]), false);
    });

    it('proves an entry in the latest checkpoint that covers it, and the proof checks with the verifier key alone', async () => {
      const missing = await proveEntry(db.store, 10);
      assert.equal(!missing.ok && missing.error, 'not_found');
      const result = await proveEntry(db.store, 6);
      assert.ok(result.ok);
      assert.equal(result.proof.tree_size, 10, 'the latest checkpoint');
      assert.deepEqual(checkProof(result.proof, formatVerifierKey(key.verifier)), { ok: true });
      assert.equal(checkProof(result.proof, formatVerifierKey(otherKey.verifier)).ok, false);
    });
  });
}

/** Runs one statement on the store's database with its triggers in place. */
async function runGuarded(db: TestStore, dialect: Dialect, statement: string): Promise<void> {
  if (dialect === 'sqlite') {
    const { default: Database } = await import('better-sqlite3');
    const database = new Database(db.location);
    try {
      database.exec(statement);
    } finally {
      database.close();
    }
    return;
  }
  const pg = await import('pg');
  const { connectionUrl } = await import('../../src/store/postgres/connection-url.ts');
  const { testDatabaseUrl } = await import('../support/databases.ts');
  const client = new pg.default.Client({
    connectionString: connectionUrl(testDatabaseUrl),
    options: `-c search_path=${db.location}`,
  });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
