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
  extra: Readonly<Record<string, { before: unknown; after: unknown }>> = {},
  set: Updateable<IncidentsTable> = {},
  facts?: CharterFacts,
): IncidentUpdate | null {
  const before = rowToIncident(current);
  const changes: Record<string, { before: unknown; after: unknown }> = {
    ...diffCoding(incidentFields(before), after),
    ...extra,
  };
  if (facts !== undefined)
    for (const key of Object.keys(facts) as (keyof CharterFacts)[])
      if (facts[key] !== before.charterFacts[key])
        changes[key] = { before: before.charterFacts[key], after: facts[key] };
  if (Object.keys(changes).length === 0) return null;
  const revision = current.revision + 1;
  return {
    id: current.id,
    set: {
      ...fieldColumns(after),
      ...(facts === undefined ? {} : charterFactColumns(facts)),
      ...set,
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

/**
 * An analyst's change, a fusion, a split or a merge; null when it changes nothing and records no
 * sources or merge.
 */
export function editUpdate(current: IncidentRow, change: IncidentChange): IncidentUpdate | null {
  const before = incidentFields(rowToIncident(current));
  const after: IncidentFields = {
    ...before,
    ...change.coding,
    ...(change.status === undefined ? {} : { status: change.status }),
    ...(change.classification === undefined ? {} : { classification: change.classification }),
    ...(change.ownerParty === undefined ? {} : { ownerParty: change.ownerParty }),
  };
  const extra: Record<string, { before: unknown; after: unknown }> = {};
  if (change.sources !== undefined)
    extra['sources'] = { before: change.sources.before, after: change.sources.after };
  if (change.mergedInto !== undefined)
    extra['merged_into'] = { before: current.merged_into ?? null, after: change.mergedInto };
  if (change.absorbed !== undefined) extra['merged_from'] = { before: null, after: change.absorbed };
  const facts =
    change.charterFacts === undefined
      ? undefined
      : { ...rowToIncident(current).charterFacts, ...change.charterFacts };
  return changeTo(
    current,
    after,
    change,
    extra,
    change.mergedInto === undefined ? {} : { merged_into: change.mergedInto },
    facts,
  );
}
