/**
 * How a stored incident changes, whether a re-import or an analyst changes it: the fields that differ
 * (diffCoding), the columns to write and the revision entry. Both stores apply it as it is.
 */
import { diffCoding } from '../domain/incident.ts';
import type { CharterFacts } from '../domain/charter/charter-facts.ts';
import {
  charterFactColumns,
  fieldColumns,
  incidentFields,
  rowToIncident,
  type IncidentFields,
} from './incident-row.ts';
import { newRevisionRow } from './incident-revision-row.ts';
import type { IncidentRevisionRow, IncidentRow, IncidentsTable } from './schema.ts';
import type { Updateable } from 'kysely';
import type { IncidentChange, IncidentInput } from './store.ts';

export interface IncidentUpdate {
  readonly id: number;
  readonly set: Updateable<IncidentsTable>;
  readonly revision: IncidentRevisionRow;
}

/** The update that turns `current` into `after`, or null when no field differs. */
function changeTo(
  current: IncidentRow,
  after: IncidentFields,
  by: { readonly changedBy: string; readonly reason: string; readonly at: string },
  sources?: IncidentChange['sources'],
  facts?: CharterFacts,
): IncidentUpdate | null {
  const before = rowToIncident(current);
  const changes: Record<string, { before: unknown; after: unknown }> = diffCoding(
    incidentFields(before),
    after,
  );
  if (facts !== undefined)
    for (const key of Object.keys(facts) as (keyof CharterFacts)[])
      if (facts[key] !== before.charterFacts[key])
        changes[key] = { before: before.charterFacts[key], after: facts[key] };
  if (sources !== undefined) changes['sources'] = { before: sources.before, after: sources.after };
  if (Object.keys(changes).length === 0) return null;
  const revision = current.revision + 1;
  return {
    id: current.id,
    set: {
      ...fieldColumns(after),
      ...(facts === undefined ? {} : charterFactColumns(facts)),
      revision,
      updated_at: by.at,
    },
    revision: newRevisionRow(current.id, revision, changes, by),
  };
}

/**
 * A re-imported incident whose content hash moved. Null when its fields are all the same (only the
 * hash differs, say after a change of hashing): the caller then records the new hash alone.
 */
export function importUpdate(
  current: IncidentRow,
  input: IncidentInput,
  meta: { readonly changedBy: string; readonly at: string },
): IncidentUpdate | null {
  const update = changeTo(current, incidentFields(input), { ...meta, reason: 'import' });
  return update && { ...update, set: { ...update.set, content_hash: input.contentHash } };
}

/** An analyst's change, a fusion or a split; null when it changes nothing and records no sources. */
export function editUpdate(current: IncidentRow, change: IncidentChange): IncidentUpdate | null {
  const before = incidentFields(rowToIncident(current));
  const after: IncidentFields = {
    ...before,
    ...change.coding,
    ...(change.status === undefined ? {} : { status: change.status }),
    ...(change.classification === undefined ? {} : { classification: change.classification }),
    ...(change.ownerParty === undefined ? {} : { ownerParty: change.ownerParty }),
  };
  const facts =
    change.charterFacts === undefined
      ? undefined
      : { ...rowToIncident(current).charterFacts, ...change.charterFacts };
  return changeTo(current, after, change, change.sources, facts);
}
