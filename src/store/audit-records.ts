/**
 * The audit log's SQL, shared by both dialects (tables of migration 0004). Appending runs inside the
 * transaction of the change it records: the row lock on `audit_head` orders concurrent writers, so
 * that sequence numbers are unique, without gaps, and committed in order (a rolled-back writer
 * releases the lock without taking any).
 */
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { serializeEntry, type AuditActor, type AuditChange } from '../domain/audit/audit-entry.ts';
import { toHex, utf8 } from '../domain/audit/bytes.ts';
import { leafHash, type Sha256 } from '../domain/audit/merkle-tree.ts';
import type { AuditLogRow, Schema } from './schema.ts';
import type { AuditCheckpointInput, AuditPageQuery, StoredAuditEntry, StoredCheckpoint } from './store.ts';

export const sha256: Sha256 = (data) => new Uint8Array(createHash('sha256').update(data).digest());

/** Rows per INSERT: 8 columns × 500 stays under every parameter limit. */
const AUDIT_CHUNK = 500;

/** The statement that draws `count` sequence numbers: the new size, under the head row's lock. */
export function drawSequence(db: Kysely<Schema>, count: number) {
  return db
    .updateTable('audit_head')
    .set((eb) => ({ size: eb('size', '+', count) }))
    .where('id', '=', 1)
    .returning('size');
}

/** The rows of changes numbered from `first`, all by one actor at one time. */
export function auditRows(
  first: number,
  by: { readonly actor: AuditActor; readonly at: string },
  changes: readonly AuditChange[],
): AuditLogRow[] {
  return changes.map((change, i) => {
    const entry = serializeEntry({ ...change, seq: first + i, time: by.at, actor: by.actor });
    return {
      seq: first + i,
      entry,
      leaf_hash: toHex(leafHash(sha256, utf8(entry))),
      action: change.action,
      subject_type: change.subject.type,
      subject_id: change.subject.id,
      actor_name: by.actor.name,
      time: by.at,
    };
  });
}

export function insertAuditRows(db: Kysely<Schema>, rows: readonly AuditLogRow[]) {
  return db.insertInto('audit_log').values([...rows]);
}

/** Appends the changes to the log inside `trx`, the transaction that made them. */
export async function appendAudit(
  trx: Transaction<Schema>,
  by: { readonly actor: AuditActor; readonly at: string },
  changes: readonly AuditChange[],
): Promise<void> {
  if (changes.length === 0) return;
  const head = await drawSequence(trx, changes.length).executeTakeFirstOrThrow();
  const rows = auditRows(Number(head.size) - changes.length, by, changes);
  for (let i = 0; i < rows.length; i += AUDIT_CHUNK)
    await insertAuditRows(trx, rows.slice(i, i + AUDIT_CHUNK)).execute();
}

const toStored = (r: Pick<AuditLogRow, 'seq' | 'entry' | 'leaf_hash'>): StoredAuditEntry => ({
  seq: Number(r.seq),
  entry: r.entry,
  leafHash: r.leaf_hash,
});

/** Newest first, optionally of one subject; `before` is the seq the previous page ended at. */
export async function listAuditEntries(
  db: Kysely<Schema>,
  query: AuditPageQuery,
): Promise<{ items: StoredAuditEntry[]; nextBefore: number | null }> {
  let select = db
    .selectFrom('audit_log')
    .select(['seq', 'entry', 'leaf_hash'])
    .orderBy('seq', 'desc')
    .limit(query.limit + 1);
  if (query.subjectType !== undefined) select = select.where('subject_type', '=', query.subjectType);
  if (query.subjectId !== undefined) select = select.where('subject_id', '=', query.subjectId);
  if (query.before !== undefined) select = select.where('seq', '<', query.before);
  const rows = (await select.execute()).map(toStored);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return { items, nextBefore: rows.length > query.limit && last !== undefined ? last.seq : null };
}

/** Rows in seq order from `from` on, as stored (verify checks them; nothing here trusts them). */
export async function readAuditLog(
  db: Kysely<Schema>,
  from: number,
  limit: number,
): Promise<StoredAuditEntry[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['seq', 'entry', 'leaf_hash'])
    .where('seq', '>=', from)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(toStored);
}

export async function addAuditCheckpoint(db: Kysely<Schema>, c: AuditCheckpointInput): Promise<void> {
  await db
    .insertInto('audit_checkpoints')
    .values({ size: c.size, root_hash: c.rootHash, signed_at: c.signedAt, key_id: c.keyId, note: c.note })
    .execute();
}

/** Oldest first. */
export async function listAuditCheckpoints(db: Kysely<Schema>): Promise<StoredCheckpoint[]> {
  const rows = await db.selectFrom('audit_checkpoints').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    size: Number(r.size),
    rootHash: r.root_hash,
    signedAt: r.signed_at,
    keyId: r.key_id,
    note: r.note,
  }));
}
