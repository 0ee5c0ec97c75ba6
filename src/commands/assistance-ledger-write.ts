/**
 * Pledging, sending and confirming receipt: in one transaction on the request's lane (writers of one
 * request queue), the ledger is read, the domain checks the write against it, the store writes it if
 * the ledger is still at that version (else the command starts again, up to five times), and in the
 * same transaction the party's duty-of-assistance
 * obligation follows (first pledge → pledged, first dispatch → delivering, every pledge of the party on
 * the case's requests received in full → fulfilled). Of two concurrent pledges that would together
 * exceed the request, the second is checked against the first and refused.
 */
import type { AuditActor } from '../domain/audit/audit-entry.ts';
import type { AssistanceLedger } from '../domain/assistance/assistance-ledger.ts';
import { rollUp } from '../domain/assistance/assistance-rollup.ts';
import type { AssistanceResult } from '../domain/assistance/assistance-result.ts';
import {
  dispatch,
  pledge,
  receive,
  withdrawPledge as withdraw,
  type DispatchInput,
  type PledgeInput,
  type ReceiptInput,
} from '../domain/assistance/assistance-rules.ts';
import {
  obligationFollowsLedger,
  type LedgerTarget,
} from '../domain/assistance/obligation-follows-ledger.ts';
import type { WorkflowActor } from '../domain/charter/workflow/workflow-actor.ts';
import type { Visibility } from '../domain/classification.ts';
import type { AssistanceLedgerWrite, Store, Stored } from '../store/store.ts';
import { assistanceFail, type AssistanceCommandResult } from './assistance-result.ts';
import { SYSTEM_VISIBILITY } from './charter-deps.ts';

const ATTEMPTS = 5;

type PlannedWrite = AssistanceLedgerWrite extends infer W
  ? W extends AssistanceLedgerWrite
    ? Omit<W, 'requestId' | 'expectedVersion'>
    : never
  : never;

interface Plan {
  readonly write: PlannedWrite;
  /** The obligation to move forward, when the request answers a case. */
  readonly obligation: {
    readonly party: string;
    readonly target: LedgerTarget | 'fulfilled-if-complete';
    readonly note: string;
  } | null;
}

/** Thrown inside the transaction to roll the ledger write back when the case moved meanwhile. */
class CaseMoved extends Error {}

interface WriteContext {
  readonly requestId: number;
  readonly actor: WorkflowActor;
  readonly by: AuditActor;
  readonly visibility: Visibility;
  readonly at: string;
}

/** Every pledge of `party` on the case's requests received in full (cancelled requests aside). */
function allReceived(ledgers: readonly AssistanceLedger[], party: string, now: string): boolean {
  let any = false;
  for (const l of ledgers) {
    if (l.request.state === 'cancelled') continue;
    for (const p of rollUp(l, now).pledges) {
      if (p.party !== party) continue;
      any = true;
      if (p.receiptStatus !== 'complete') return false;
    }
  }
  return any;
}

export async function writeLedgerWithRetry(
  store: Store,
  ctx: WriteContext,
  plan: (ledger: AssistanceLedger) => AssistanceResult<Plan>,
): Promise<AssistanceCommandResult<Stored<AssistanceLedger> & { readonly written: number }>> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    let outcome: AssistanceCommandResult<{ id: number }> | null;
    try {
      // Writers of one request take its lane: each reads the ledger as the one before left it, so
      // concurrent pledges queue instead of losing to each other. The version check stays, for a
      // writer that would not take the lane.
      outcome = await store.atomically(async (s) => {
        const stored = await s.getAssistanceLedger(ctx.requestId, ctx.visibility);
        if (stored === null) return assistanceFail('unknown', `request ${ctx.requestId} not found`);
        const planned = plan(stored.value);
        if (!planned.ok) return planned;
        const { write, obligation } = planned.value;
        const caseId = stored.value.request.caseId;
        // `write` is one member of the union without these two keys: adding them gives that member back.
        const done = await s.writeAssistanceLedger(
          { ...write, requestId: ctx.requestId, expectedVersion: stored.version } as AssistanceLedgerWrite,
          { actor: ctx.by, at: ctx.at },
        );
        if (done === null) return null;
        if (obligation !== null && caseId !== null) await moveObligation(s, ctx, caseId, obligation);
        return { ok: true, value: { id: done.id } };
      }, `assistance-request:${ctx.requestId}`);
    } catch (error) {
      if (error instanceof CaseMoved) continue;
      throw error;
    }
    if (outcome === null) continue;
    if (!outcome.ok) return outcome;
    const now = await store.getAssistanceLedger(ctx.requestId, SYSTEM_VISIBILITY);
    if (now === null) throw new Error(`request ${ctx.requestId} vanished after a write`);
    return { ok: true, value: { ...now, written: outcome.value.id } };
  }
  return assistanceFail(
    'conflict',
    `request ${ctx.requestId} kept changing while this was recorded; read it again and retry`,
  );
}

/** Moves the party's obligation on the case forward, in the ledger write's transaction. */
async function moveObligation(
  s: Store,
  ctx: WriteContext,
  caseId: string,
  obligation: NonNullable<Plan['obligation']>,
): Promise<void> {
  const c = await s.getAssistanceCase(caseId, SYSTEM_VISIBILITY);
  if (c === null) return;
  let target: LedgerTarget | null = obligation.target === 'fulfilled-if-complete' ? null : obligation.target;
  if (obligation.target === 'fulfilled-if-complete') {
    const onCase = await s.listAssistanceLedgers({ visibility: SYSTEM_VISIBILITY, caseId });
    if (
      allReceived(
        onCase.map((x) => x.value),
        obligation.party,
        ctx.at,
      )
    )
      target = 'fulfilled';
  }
  if (target === null) return;
  const moved = obligationFollowsLedger(c.value, {
    party: obligation.party,
    target,
    at: ctx.at,
    by: ctx.actor.id,
    note: obligation.note,
  });
  if (moved === c.value) return;
  const ok = await s.writeCharter([{ kind: 'case', assistanceCase: moved, expectedVersion: c.version }], {
    actor: ctx.by,
    at: ctx.at,
  });
  if (!ok) throw new CaseMoved();
}

export function pledgeAssistance(
  store: Store,
  input: WriteContext & { readonly pledge: PledgeInput },
): Promise<AssistanceCommandResult<Stored<AssistanceLedger> & { readonly written: number }>> {
  return writeLedgerWithRetry(store, input, (ledger) => {
    const p = pledge(ledger, input.pledge, input.actor, input.at);
    if (!p.ok) return p;
    return {
      ok: true,
      value: {
        write: { kind: 'pledge', pledge: p.value },
        obligation: {
          party: p.value.party,
          target: 'pledged',
          note: `pledged ${p.value.quantity} ${p.value.unit} on assistance request ${ledger.request.id}`,
        },
      },
    };
  });
}

export function dispatchAssistance(
  store: Store,
  input: WriteContext & { readonly dispatch: DispatchInput },
): Promise<AssistanceCommandResult<Stored<AssistanceLedger> & { readonly written: number }>> {
  return writeLedgerWithRetry(store, input, (ledger) => {
    const d = dispatch(ledger, input.dispatch, input.actor, input.at);
    if (!d.ok) return d;
    const p = ledger.pledges.find((x) => x.id === d.value.pledgeId);
    return {
      ok: true,
      value: {
        write: { kind: 'dispatch', dispatch: d.value },
        obligation:
          p === undefined
            ? null
            : {
                party: p.party,
                target: 'delivering',
                note: `sent ${d.value.quantity} ${p.unit} of pledge ${p.id} on assistance request ${ledger.request.id}`,
              },
      },
    };
  });
}

export function receiveAssistance(
  store: Store,
  input: WriteContext & { readonly receipt: ReceiptInput },
): Promise<AssistanceCommandResult<Stored<AssistanceLedger> & { readonly written: number }>> {
  return writeLedgerWithRetry(store, input, (ledger) => {
    const r = receive(ledger, input.receipt, input.actor, input.at);
    if (!r.ok) return r;
    const d = ledger.dispatches.find((x) => x.id === r.value.dispatchId);
    const p = ledger.pledges.find((x) => x.id === d?.pledgeId);
    return {
      ok: true,
      value: {
        write: { kind: 'receipt', receipt: r.value },
        obligation:
          p === undefined
            ? null
            : {
                party: p.party,
                target: 'fulfilled-if-complete',
                note: `every pledge of ${p.party} on the case's requests received in full`,
              },
      },
    };
  });
}

/** The pledging party takes back what it has not sent of a pledge; the request needs it again. */
export function withdrawPledge(
  store: Store,
  input: WriteContext & { readonly pledgeId: number; readonly reason: string },
): Promise<AssistanceCommandResult<Stored<AssistanceLedger> & { readonly written: number }>> {
  return writeLedgerWithRetry(store, input, (ledger) => {
    const p = withdraw(ledger, { pledgeId: input.pledgeId, reason: input.reason }, input.actor, input.at);
    if (!p.ok) return p;
    return { ok: true, value: { write: { kind: 'withdraw', pledge: p.value }, obligation: null } };
  });
}
