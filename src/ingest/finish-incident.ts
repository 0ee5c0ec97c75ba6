/**
 * The last step of every row mapper: the domain's validation, then the keys that make re-imports
 * idempotent.
 */
import { validateCoding, validateRecord } from '../domain/incident.ts';
import { contentHashOf } from './content-hash.ts';
import type { ImportedIncident, RowMapping } from './imported-incident.ts';

/**
 * An incident being built by a mapper, its keys still blank. Mappers build it as one object literal
 * with every field, so that all incidents share one shape and no copy is made here.
 */
export type IncidentDraft = { -readonly [K in keyof ImportedIncident]: ImportedIncident[K] };

/**
 * Validates the draft and fills in its keys.
 *
 * @param sourceKey "acled:<id>" or "ucdp:<id>"; null to key the row on its content ("sha256:<hash>").
 */
export function finishIncident(
  draft: IncidentDraft,
  sourceKey: string | null,
  remarks: readonly string[],
): RowMapping {
  const problems = validateCoding(draft);
  const recordProblems = validateRecord(draft);
  if (problems.length > 0 || recordProblems.length > 0) {
    return {
      ok: false,
      reason: [...problems, ...recordProblems].map((p) => `${p.field}: ${p.message}`).join('; '),
    };
  }
  const contentHash = contentHashOf(draft);
  draft.contentHash = contentHash;
  draft.sourceKey = sourceKey ?? `sha256:${contentHash}`;
  return { ok: true, incident: draft, remarks };
}
