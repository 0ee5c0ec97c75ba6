/**
 * Decisions the parties take outside an activation: the use of force in an Art. 5 rebellion case, the
 * accession of a state (final provisions), and extending a duty-of-assistance case to more parties.
 * Each is voted on like an activation (castVote, by the treaty's rule); its voters are the members on
 * the day it opens. What an adopted one does is then recorded: the step to force on the case (which
 * names the decision), the accession as a membership event; an extension applies itself on adoption.
 */
import type { AuditActor } from '../domain/audit/audit-entry.ts';
import { randomUUID } from 'node:crypto';
import { openDecision, type Decision, type DecisionSubject } from '../domain/charter/workflow/decision.ts';
import type { WorkflowActor } from '../domain/charter/workflow/workflow-actor.ts';
import { dayOf } from '../domain/charter/workflow/workflow-time.ts';
import type { Visibility } from '../domain/classification.ts';
import {
  charterConflict,
  charterFail,
  currentTreaties,
  sharedWithParties,
  SYSTEM_VISIBILITY,
  type CharterDeps,
  type CharterResult,
} from './charter-deps.ts';

export type DecisionRequest =
  | {
      readonly kind: 'use-of-force';
      readonly rebellionCaseId: string;
      /** Why force is needed; required by the case when no peaceful step is on record. */
      readonly justification: string | null;
    }
  | { readonly kind: 'accession'; readonly state: string; readonly effectiveFrom: string }
  | {
      readonly kind: 'assistance-extension';
      readonly assistanceCaseId: string;
      readonly parties: readonly string[];
    };

/**
 * Opens a decision (analysts, admins and decision-makers). A decision on a case takes the visibility
 * of the case's incident, which every party must be able to read (not NATIONAL); an accession is
 * visible to every signed-in user.
 */
export async function openCharterDecision(
  deps: CharterDeps,
  input: {
    readonly request: DecisionRequest;
    /** Default: the treaty of the case named, or the first treaty (the Liptako-Gourma Charter). */
    readonly treaty?: string;
    readonly deadline: string | null;
    readonly actor: WorkflowActor;
    /** The same user, as the audit log names them. */
    readonly by: AuditActor;
    readonly visibility: Visibility;
    readonly at: string;
  },
): Promise<CharterResult<Decision>> {
  const { store } = deps;
  const { request } = input;
  let subject: DecisionSubject;
  let treatyId = input.treaty;
  let incidentId: number | null = null;
  if (request.kind === 'use-of-force') {
    const c = await store.getRebellionCase(request.rebellionCaseId, input.visibility);
    if (c === null) return charterFail('unknown', `rebellion case ${request.rebellionCaseId} not found`);
    if (c.value.closed !== null)
      return charterFail('case-closed', `rebellion case ${c.value.id} was closed at ${c.value.closed.at}`);
    treatyId ??= c.value.treaty;
    if (treatyId !== c.value.treaty)
      return charterFail('wrong-subject', `rebellion case ${c.value.id} is under ${c.value.treaty}`);
    incidentId = Number(c.value.incidentIds[0]);
    subject = {
      kind: 'use-of-force',
      rebellionCaseId: c.value.id,
      justification: request.justification,
    };
  } else if (request.kind === 'assistance-extension') {
    const c = await store.getAssistanceCase(request.assistanceCaseId, input.visibility);
    if (c === null) return charterFail('unknown', `case ${request.assistanceCaseId} not found`);
    treatyId ??= c.value.treaty;
    if (treatyId !== c.value.treaty)
      return charterFail('wrong-subject', `case ${c.value.id} is under ${c.value.treaty}`);
    incidentId = Number(c.value.incidentId);
    subject = { kind: 'assistance-extension', assistanceCaseId: c.value.id, parties: [...request.parties] };
  } else subject = { kind: 'accession', state: request.state, effectiveFrom: request.effectiveFrom };

  if (incidentId !== null) {
    const incident = await store.getIncident(incidentId, SYSTEM_VISIBILITY);
    if (incident === null) return charterFail('unknown', `incident ${incidentId} not found`);
    const shared = sharedWithParties(incident);
    if (!shared.ok) return shared;
  }
  const treaties = await currentTreaties(deps);
  const treaty = treatyId === undefined ? treaties[0] : treaties.find((t) => t.id === treatyId);
  if (treaty === undefined) return charterFail('unknown', `treaty ${treatyId ?? ''} not found`);
  const opened = openDecision({
    id: `${request.kind}-${randomUUID()}`,
    treaty,
    subject,
    referenceDate: dayOf(input.at),
    opener: input.actor,
    at: input.at,
    deadline: input.deadline,
  });
  if (!opened.ok) return opened;
  const ok = await store.writeCharter(
    [{ kind: 'decision', decision: opened.value, expectedVersion: null, incidentId }],
    { actor: input.by, at: input.at },
  );
  if (!ok) return charterConflict(`decision ${opened.value.id}`);
  return opened;
}
