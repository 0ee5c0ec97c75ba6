/**
 * What every Charter command shares: its dependencies, its result type with the workflow's refusals,
 * the visibility the system reads with, and the treaties as they stand with their recorded
 * membership events (the shipped data file plus every accession and notice, in order).
 */
import type { ActorLookup } from '../domain/charter/incident-facts.ts';
import { applyMembershipEvent } from '../domain/charter/workflow/membership-event.ts';
import type { WorkflowErrorCode } from '../domain/charter/workflow/workflow-result.ts';
import type { Visibility } from '../domain/classification.ts';
import type { Treaty } from '../domain/treaty.ts';
import type { Store, StoredMembershipEvent } from '../store/store.ts';

/**
 * The workflow's refusals, plus 'unknown' (absent or not visible), 'conflict' (a concurrent change
 * won) and 'not-shared' (the parties who would decide cannot all read the incident: it is NATIONAL).
 */
export type CharterErrorCode = WorkflowErrorCode | 'unknown' | 'conflict' | 'not-shared';

export type CharterResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: { readonly code: CharterErrorCode; readonly message: string } };

export const charterFail = (code: CharterErrorCode, message: string): CharterResult<never> => ({
  ok: false,
  error: { code, message },
});

export const charterConflict = (what: string): CharterResult<never> =>
  charterFail('conflict', `${what} was changed meanwhile; read it again and retry`);

/** What the commands read besides the store: the treaties as shipped and the actor registry. */
export interface CharterDeps {
  readonly store: Store;
  /** The treaty data files; the commands apply the recorded membership events (currentTreaties). */
  readonly treaties: readonly Treaty[];
  readonly lookup: ActorLookup;
}

/** What the system itself reads with: every classification (the tick, automatic evaluation). */
export const SYSTEM_VISIBILITY: Visibility = {
  classifications: ['PUBLIC', 'AES_RESTRICTED', 'NATIONAL'],
  nationalOf: null,
};

/**
 * The treaties with these membership events applied. A treaty with events gets the version
 * "<file version>+m<number of events applied>", so that what was read before an event is told apart.
 * An event the treaty refuses is skipped: each was checked when it was recorded, so a refusal means
 * the data file changed since (a new version that already records the accession or the notice), and
 * the file wins rather than every Charter command failing.
 */
export function treatiesWith(
  treaties: readonly Treaty[],
  events: readonly StoredMembershipEvent[],
): Treaty[] {
  return treaties.map((base) => {
    let treaty = base;
    let applied = 0;
    for (const e of events) {
      if (e.treaty !== base.id) continue;
      const next = applyMembershipEvent(treaty, e.event);
      if (!next.ok) continue;
      treaty = next.value;
      applied += 1;
    }
    return applied === 0 ? base : { ...treaty, version: `${base.version}+m${applied}` };
  });
}

/** The treaties as they stand now, with every recorded membership event. */
export async function currentTreaties(deps: CharterDeps): Promise<Treaty[]> {
  return treatiesWith(deps.treaties, await deps.store.listMembershipEvents());
}

/**
 * Refuses a decision of the parties on an incident not every party can read (NATIONAL): its voters
 * and obliged parties would not see the decision or the case. The owning party or an analyst shares
 * it first (AES_RESTRICTED).
 */
export function sharedWithParties(incident: {
  readonly id: number;
  readonly classification: string;
  readonly ownerParty: string | null;
}): CharterResult<true> {
  if (incident.classification !== 'NATIONAL') return { ok: true, value: true };
  return charterFail(
    'not-shared',
    `incident ${incident.id} is NATIONAL (${incident.ownerParty ?? '?'}): classify it AES_RESTRICTED before the parties decide on it`,
  );
}
