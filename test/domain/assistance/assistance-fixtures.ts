/** Builders for the assistance ledger's domain tests: a ledger grown through the rules themselves. */
import assert from 'node:assert/strict';
import type { AssistanceLedger } from '../../../src/domain/assistance/assistance-ledger.ts';
import type { AssistanceResult } from '../../../src/domain/assistance/assistance-result.ts';
import {
  dispatch,
  openRequest,
  pledge,
  receive,
  type DispatchInput,
  type NewRequestInput,
  type PledgeInput,
  type ReceiptInput,
} from '../../../src/domain/assistance/assistance-rules.ts';
import type { WorkflowActor } from '../../../src/domain/charter/workflow/workflow-actor.ts';

export const NER_LIAISON: WorkflowActor = { id: 1, role: 'liaison', party: 'NER' };
export const MLI_LIAISON: WorkflowActor = { id: 2, role: 'liaison', party: 'MLI' };
export const BFA_DECIDER: WorkflowActor = { id: 3, role: 'decision-maker', party: 'BFA' };
export const ADMIN: WorkflowActor = { id: 4, role: 'admin', party: null };
export const ANALYST: WorkflowActor = { id: 5, role: 'analyst', party: null };

export function ok<T>(r: AssistanceResult<T>): T {
  if (!r.ok) assert.fail(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

export const requestInput = (over: Partial<NewRequestInput> = {}): NewRequestInput => ({
  party: 'NER',
  caseId: null,
  category: 'fuel',
  unit: 'litres',
  quantity: 10_000,
  place: 'Tillabéri',
  neededBy: '2024-06-10',
  priority: 'high',
  description: 'diesel for the garrison generators',
  classification: 'AES_RESTRICTED',
  ...over,
});

/** A ledger whose request NER asked for at `at`. */
export function ledgerOf(over: Partial<NewRequestInput> = {}, at = '2024-06-01T08:00:00Z'): AssistanceLedger {
  return {
    request: { id: 1, ...ok(openRequest(requestInput(over), NER_LIAISON, at)) },
    pledges: [],
    dispatches: [],
    receipts: [],
  };
}

export function withPledge(
  l: AssistanceLedger,
  input: Partial<PledgeInput> & { party: string },
  actor: WorkflowActor,
  at: string,
): AssistanceLedger {
  const p = ok(
    pledge(l, { unit: l.request.unit, quantity: 1, availableFrom: '2024-06-02', ...input }, actor, at),
  );
  return { ...l, pledges: [...l.pledges, { id: l.pledges.length + 1, ...p }] };
}

export function withDispatch(
  l: AssistanceLedger,
  input: DispatchInput,
  actor: WorkflowActor,
  at: string,
): AssistanceLedger {
  const d = ok(dispatch(l, input, actor, at));
  return { ...l, dispatches: [...l.dispatches, { id: l.dispatches.length + 1, ...d }] };
}

export function withReceipt(
  l: AssistanceLedger,
  input: ReceiptInput,
  actor: WorkflowActor,
  at: string,
): AssistanceLedger {
  const r = ok(receive(l, input, actor, at));
  return { ...l, receipts: [...l.receipts, { id: l.receipts.length + 1, ...r }] };
}
