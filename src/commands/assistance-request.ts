/**
 * Asking for assistance and withdrawing the request. A request answering a duty-of-assistance case is
 * the attacked party's (the case's victim) and takes at least its incident's classification.
 */
import type { AuditActor } from '../domain/audit/audit-entry.ts';
import type { AssistanceLedger } from '../domain/assistance/assistance-ledger.ts';
import { cancelRequest, openRequest, type NewRequestInput } from '../domain/assistance/assistance-rules.ts';
import type { WorkflowActor } from '../domain/charter/workflow/workflow-actor.ts';
import type { Visibility } from '../domain/classification.ts';
import type { Store, Stored } from '../store/store.ts';
import { writeLedgerWithRetry } from './assistance-ledger-write.ts';
import { assistanceFail, type AssistanceCommandResult } from './assistance-result.ts';
import { SYSTEM_VISIBILITY } from './charter-deps.ts';

export async function createAssistanceRequest(
  store: Store,
  input: {
    readonly request: Omit<NewRequestInput, 'caseClassification'>;
    readonly actor: WorkflowActor;
    readonly by: AuditActor;
    readonly visibility: Visibility;
    readonly at: string;
  },
): Promise<AssistanceCommandResult<Stored<AssistanceLedger>>> {
  const { request, actor, at } = input;
  let caseClassification: NewRequestInput['caseClassification'];
  if (request.caseId !== null) {
    const c = await store.getAssistanceCase(request.caseId, input.visibility);
    if (c === null) return assistanceFail('unknown', `case ${request.caseId} not found`);
    if (c.value.victim !== request.party)
      return assistanceFail(
        'invalid-input',
        `case ${request.caseId} owes assistance to ${c.value.victim}: ${request.party} cannot ask for it on this case`,
      );
    const incident = await store.getIncident(Number(c.value.incidentId), SYSTEM_VISIBILITY);
    if (incident !== null)
      caseClassification = { classification: incident.classification, ownerParty: incident.ownerParty };
  }
  const opened = openRequest(
    { ...request, ...(caseClassification === undefined ? {} : { caseClassification }) },
    actor,
    at,
  );
  if (!opened.ok) return opened;
  return { ok: true, value: await store.createAssistanceRequest(opened.value, { actor: input.by, at }) };
}

export function cancelAssistanceRequest(
  store: Store,
  input: {
    readonly requestId: number;
    readonly reason: string;
    readonly actor: WorkflowActor;
    readonly by: AuditActor;
    readonly visibility: Visibility;
    readonly at: string;
  },
): Promise<AssistanceCommandResult<Stored<AssistanceLedger>>> {
  return writeLedgerWithRetry(store, input, (ledger) => {
    const cancelled = cancelRequest(ledger, input.reason, input.actor, input.at);
    if (!cancelled.ok) return cancelled;
    return { ok: true, value: { write: { kind: 'cancel', request: cancelled.value }, obligation: null } };
  });
}
