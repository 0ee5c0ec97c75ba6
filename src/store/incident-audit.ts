/**
 * What the audit log records of incident writes. An edit, a fusion or a split: one entry per incident
 * with the fields before and after. A batch of an import: one entry per written incident while they
 * are few, else one entry for the whole batch with its counts and a digest of each row's key and
 * content hash (the content hash covers every coded field), so that a million-row import costs a
 * thousand entries, not a million.
 */
import { createHash } from 'node:crypto';
import type { AuditChange } from '../domain/audit/audit-entry.ts';
import type { IncidentUpdate } from './incident-change.ts';
import { incidentFields } from './incident-row.ts';
import type { IncidentInput, UpsertOutcome } from './store.ts';

/** A batch that writes more incidents than this is recorded as one entry. */
export const AUDIT_ROWS_PER_BATCH = 16;

export type WrittenIncident =
  | { readonly kind: 'create'; readonly id: number; readonly input: IncidentInput }
  | { readonly kind: 'update'; readonly update: IncidentUpdate };

export function incidentCreated(id: number, input: IncidentInput): AuditChange {
  return {
    action: 'incident.create',
    subject: { type: 'incident', id: String(id) },
    before: null,
    after: { sourceKey: input.sourceKey, ...incidentFields(input) },
  };
}

/** The changed fields, before and after, with the revision numbers and the revision's reason. */
export function incidentUpdated(update: IncidentUpdate): AuditChange {
  const { revision } = update;
  // The revision row's changes were written by JSON.stringify of this shape (incident-change.ts).
  const changes = JSON.parse(revision.changes) as Record<string, { before: unknown; after: unknown }>;
  const before: Record<string, unknown> = { revision: revision.revision - 1 };
  const after: Record<string, unknown> = { revision: revision.revision, reason: revision.reason };
  for (const [field, change] of Object.entries(changes)) {
    before[field] = change.before;
    after[field] = change.after;
  }
  return { action: 'incident.update', subject: { type: 'incident', id: String(update.id) }, before, after };
}

/** The entries of one upsertIncidents batch. */
export function batchChanges(
  batch: readonly IncidentInput[],
  outcomes: readonly UpsertOutcome[],
  written: readonly WrittenIncident[],
  changedBy: string,
): AuditChange[] {
  if (written.length === 0) return [];
  if (written.length <= AUDIT_ROWS_PER_BATCH)
    return written.map((w) =>
      w.kind === 'create' ? incidentCreated(w.id, w.input) : incidentUpdated(w.update),
    );
  const digest = createHash('sha256');
  for (const input of batch) digest.update(`${input.sourceKey}\t${input.contentHash}\n`);
  const hex = digest.digest('hex');
  return [
    {
      action: 'incident.import',
      subject: { type: 'import-batch', id: hex },
      before: null,
      after: {
        changedBy,
        rows: batch.length,
        inserted: outcomes.filter((o) => o === 'inserted').length,
        updated: outcomes.filter((o) => o === 'updated').length,
        unchanged: outcomes.filter((o) => o === 'unchanged').length,
        firstSourceKey: batch[0]?.sourceKey ?? null,
        lastSourceKey: batch.at(-1)?.sourceKey ?? null,
        digest: `sha256:${hex}`,
      },
    },
  ];
}
