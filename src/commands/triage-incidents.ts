/**
 * Bulk triage: an analyst verifies or rejects many incidents at once (the situation room's queue).
 * Each incident is its own transaction, so one that cannot be changed loses none of the others; each
 * gets its outcome back.
 */
import type { AuditActor } from '../domain/audit/audit-entry.ts';
import type { Visibility } from '../domain/classification.ts';
import type { IncidentStatus } from '../domain/incident.ts';
import { announceIncident, changeKind } from './publish-alert.ts';
import type { Store } from '../store/store.ts';
import { evaluateIncident, SYSTEM_VISIBILITY, type CharterDeps } from './charter-workflow.ts';

export type TriageAction = 'verify' | 'reject';

/** What verifying in bulk records when the analyst gives no reason. */
export const DEFAULT_VERIFY_REASON = 'verified in triage';

export interface TriageRequest {
  readonly ids: readonly number[];
  readonly action: TriageAction;
  /** Kept in each revision. */
  readonly reason: string;
  /** Name of the analyst. */
  readonly by: string;
  /** The analyst, as the audit log names them. */
  readonly actor: AuditActor;
  readonly visibility: Visibility;
}

export interface TriageResult {
  readonly id: number;
  /**
   * updated: the status changed; unchanged: it had that status already; not_found: no such incident
   * visible to the analyst; conflict: its state forbids the change (merged into another incident).
   */
  readonly outcome: 'updated' | 'not_found' | 'unchanged' | 'conflict';
  readonly message?: string;
}

const TARGET: Record<TriageAction, IncidentStatus> = { verify: 'verified', reject: 'rejected' };

/**
 * With `charter`, each incident verified here is evaluated against the treaties at once, as PATCH does;
 * an evaluation that fails leaves the verification standing (the Charter tick catches it up).
 */
export async function triageIncidents(
  store: Store,
  request: TriageRequest,
  now: Date,
  charter?: CharterDeps,
): Promise<TriageResult[]> {
  const status = TARGET[request.action];
  const results: TriageResult[] = [];
  for (const id of request.ids) {
    const incident = await store.getIncident(id, request.visibility);
    if (incident === null) {
      results.push({ id, outcome: 'not_found', message: `incident ${id} not found` });
      continue;
    }
    if (incident.mergedInto !== null) {
      results.push({
        id,
        outcome: 'conflict',
        message: `incident ${id} was merged into ${incident.mergedInto}: triage that one`,
      });
      continue;
    }
    if (incident.status === status) {
      results.push({ id, outcome: 'unchanged', message: `incident ${id} is ${status} already` });
      continue;
    }
    const at = now.toISOString();
    // Each incident's change and its alert commit together.
    const updated = await store.atomically(async (tx) => {
      const done = await tx.updateIncident(id, {
        status,
        changedBy: request.by,
        reason: request.reason,
        at,
        actor: request.actor,
      });
      if (done !== null && done.revision !== incident.revision)
        await announceIncident(
          tx,
          changeKind(incident, done),
          done,
          { actor: request.actor, at },
          request.reason,
        );
      return done;
    });
    if (updated === null) results.push({ id, outcome: 'not_found', message: `incident ${id} not found` });
    // Another write may have set the status between the read and this update.
    else if (updated.revision === incident.revision)
      results.push({ id, outcome: 'unchanged', message: `incident ${id} is ${status} already` });
    else {
      results.push({ id, outcome: 'updated' });
      if (charter !== undefined && status === 'verified')
        await evaluateIncident(charter, {
          incidentId: id,
          visibility: SYSTEM_VISIBILITY,
          at: now.toISOString(),
          cause: `incident verified in triage by ${request.by}`,
          by: request.actor,
        }).catch(() => undefined);
    }
  }
  return results;
}
