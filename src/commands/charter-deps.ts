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

/** The workflow's refusals, plus 'unknown' (absent or not visible) and 'conflict' (a concurrent change won). */
export type CharterErrorCode = WorkflowErrorCode | 'unknown' | 'conflict';

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
 * "<file version>+m<number of its events>", so that what was read before an event is told apart.
 */
export function treatiesWith(
  treaties: readonly Treaty[],
  events: readonly StoredMembershipEvent[],
): Treaty[] {
  return treaties.map((base) => {
    const own = events.filter((e) => e.treaty === base.id);
    let treaty = base;
    for (const e of own) {
      const applied = applyMembershipEvent(treaty, e.event);
      // Each event was checked against the treaty as it stood when it was recorded.
      if (!applied.ok)
        throw new Error(`membership event ${e.seq} of ${base.id} does not apply: ${applied.error.message}`);
      treaty = applied.value;
    }
    return own.length === 0 ? base : { ...treaty, version: `${base.version}+m${own.length}` };
  });
}

/** The treaties as they stand now, with every recorded membership event. */
export async function currentTreaties(deps: CharterDeps): Promise<Treaty[]> {
  return treatiesWith(deps.treaties, await deps.store.listMembershipEvents());
}
