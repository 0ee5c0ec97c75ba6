/** Partners' CAP alerts as imported: the `cap_imports` table (migration 0011). */
import type { Kysely } from 'kysely';
import type { Schema } from './schema.ts';
import type { CapImportRecord } from './store.ts';

export async function findCapImports(
  db: Kysely<Schema>,
  keys: readonly { readonly sender: string; readonly identifier: string }[],
): Promise<CapImportRecord[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom('cap_imports')
    .selectAll()
    .where((eb) =>
      eb.or(keys.map((k) => eb.and([eb('sender', '=', k.sender), eb('identifier', '=', k.identifier)]))),
    )
    .execute();
  return rows.map((r) => ({
    sender: r.sender,
    identifier: r.identifier,
    sent: r.sent,
    msgType: r.msg_type,
    outcome: r.outcome,
    reportId: r.report_id === null ? null : Number(r.report_id),
    appliesTo: r.applies_to,
    importedAt: r.imported_at,
    importedBy: r.imported_by,
  }));
}

/** Inserts the record; false, and nothing written, when that sender's identifier is there already. */
export async function insertCapImport(db: Kysely<Schema>, record: CapImportRecord): Promise<boolean> {
  const result = await db
    .insertInto('cap_imports')
    .values({
      sender: record.sender,
      identifier: record.identifier,
      sent: record.sent,
      msg_type: record.msgType,
      outcome: record.outcome,
      report_id: record.reportId,
      applies_to: record.appliesTo,
      imported_at: record.importedAt,
      imported_by: record.importedBy,
    })
    .onConflict((oc) => oc.columns(['sender', 'identifier']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}
