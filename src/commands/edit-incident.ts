/**
 * An analyst changes an incident (coding, status, classification, Charter facts) with a reason; when
 * the incident is verified afterwards — it was just verified, or a verified incident was re-coded —
 * the Charter engine reads it again and the proposals follow (see evaluateIncident). The edit and the
 * evaluation are two transactions: should the evaluation fail, the edit stands and the Charter tick
 * finds the incident (its revision is not the one last evaluated) and evaluates it.
 */
import { validateCharterFacts, type CharterFacts } from '../domain/charter/charter-facts.ts';
import type { Visibility } from '../domain/classification.ts';
import { diffCoding, validateCoding, type FieldProblem, type Incident } from '../domain/incident.ts';
import type { IncidentChange, StoredProposal } from '../store/store.ts';
import { announceIncident, changeKind } from './publish-alert.ts';
import {
  evaluateIncident,
  SYSTEM_VISIBILITY,
  type CharterDeps,
  type CharterResult,
} from './charter-workflow.ts';

export type EditIncidentResult =
  | {
      readonly ok: true;
      readonly incident: Incident;
      /** The evaluation that followed, or null when the incident is not verified or nothing changed. */
      readonly charter: CharterResult<StoredProposal[]> | null;
    }
  | { readonly ok: false; readonly error: 'not_found' }
  /** The incident was merged into another: its sources live there, and so should any change. */
  | { readonly ok: false; readonly error: 'merged'; readonly into: number }
  | { readonly ok: false; readonly error: 'invalid_coding'; readonly problems: readonly FieldProblem[] };

/** The names of what an edit changed, for the evaluation's cause: "actor1, target". */
function changedFields(before: Incident, after: Incident): string[] {
  const { charterFacts: factsBefore, revision: _r, updatedAt: _u, ...restBefore } = before;
  const { charterFacts: factsAfter, revision: _r2, updatedAt: _u2, ...restAfter } = after;
  const names = Object.keys(diffCoding(restBefore, restAfter));
  for (const key of Object.keys(factsAfter) as (keyof CharterFacts)[])
    if (factsBefore[key] !== factsAfter[key]) names.push(key);
  return names;
}

export async function editIncident(
  deps: CharterDeps,
  input: {
    readonly id: number;
    /** What the editor may see: an incident they cannot see is not found. */
    readonly visibility: Visibility;
    readonly change: IncidentChange;
  },
): Promise<EditIncidentResult> {
  const { store } = deps;
  const current = await store.getIncident(input.id, input.visibility);
  if (current === null) return { ok: false, error: 'not_found' };
  if (current.mergedInto !== null) return { ok: false, error: 'merged', into: current.mergedInto };
  const { change } = input;
  const problems = validateCoding({ ...current, ...change.coding });
  const owner = change.ownerParty === undefined ? current.ownerParty : change.ownerParty;
  if ((change.classification ?? current.classification) === 'NATIONAL' && owner === null)
    problems.push({ field: 'owner_party', message: 'a NATIONAL record must name its owning party' });
  if (change.charterFacts !== undefined)
    problems.push(...validateCharterFacts({ ...current.charterFacts, ...change.charterFacts }));
  if (problems.length > 0) return { ok: false, error: 'invalid_coding', problems };

  // The change and its alert commit together.
  const updated = await store.atomically(async (tx) => {
    const done = await tx.updateIncident(current.id, change);
    if (done !== null && done.revision !== current.revision)
      await announceIncident(
        tx,
        changeKind(current, done),
        done,
        { actor: change.actor, at: change.at },
        change.reason,
      );
    return done;
  });
  if (updated === null) return { ok: false, error: 'not_found' };
  if (updated.status !== 'verified' || updated.revision === current.revision)
    return { ok: true, incident: updated, charter: null };
  const cause =
    current.status !== 'verified'
      ? `incident verified by ${change.changedBy}`
      : `coding changed by ${change.changedBy}: ${changedFields(current, updated).join(', ')}`;
  const charter = await evaluateIncident(deps, {
    incidentId: updated.id,
    visibility: SYSTEM_VISIBILITY,
    at: change.at,
    cause,
    by: change.actor,
  });
  return { ok: true, incident: updated, charter };
}
