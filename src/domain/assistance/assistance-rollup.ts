/**
 * Status roll-ups computed from quantities, as Sahana Eden does for a request item: committed (pledged),
 * in transit (sent) and fulfilled (received), each none / partial / complete against the quantity
 * asked — complete when it reaches it, partial when above zero. The same per pledge (sent and received
 * against the pledge) and per dispatch (received against what it carried). Invariants (property-tested):
 * 0 ≤ fulfilled ≤ dispatched ≤ committed ≤ requested, and inTransit = dispatched − fulfilled.
 */
import { dayOf } from '../charter/workflow/workflow-time.ts';
import {
  standing,
  standingCounted,
  sum,
  type AssistanceLedger,
  type Dispatch,
  type Pledge,
} from './assistance-ledger.ts';

export const FILL_STATUSES = ['none', 'partial', 'complete'] as const;
export type FillStatus = (typeof FILL_STATUSES)[number];

/** Sahana's rule: complete at or above the target, partial above zero, none else. */
export function fillStatus(quantity: number, target: number): FillStatus {
  if (quantity <= 0) return 'none';
  return quantity >= target ? 'complete' : 'partial';
}

/** Where a request stands, for the board's columns: the furthest step it reached. */
export const REQUEST_STAGES = ['open', 'committed', 'in-transit', 'fulfilled', 'cancelled'] as const;
export type RequestStage = (typeof REQUEST_STAGES)[number];

export interface PledgeRollUp {
  readonly pledgeId: number;
  readonly party: string;
  /** In the pledge's unit: what it still stands for (pledged less withdrawn), sent, received. */
  readonly standing: number;
  readonly dispatched: number;
  readonly received: number;
  readonly dispatchStatus: FillStatus;
  readonly receiptStatus: FillStatus;
  /** Its available-from day has passed and not all of it was sent. */
  readonly late: boolean;
}

export interface DispatchRollUp {
  readonly dispatchId: number;
  readonly received: number;
  readonly receiptStatus: FillStatus;
  /** Its expected-by day has passed and not all of it was received. */
  readonly late: boolean;
}

export interface RequestRollUp {
  /** All in the request's unit. */
  readonly requested: number;
  readonly committed: number;
  readonly dispatched: number;
  /** Sent and not yet received. */
  readonly inTransit: number;
  readonly fulfilled: number;
  /** Still to be pledged. */
  readonly outstanding: number;
  readonly committedStatus: FillStatus;
  readonly transitStatus: FillStatus;
  readonly fulfilledStatus: FillStatus;
  readonly stage: RequestStage;
  /** Needed-by day passed, not fulfilled, not cancelled. */
  readonly overdue: boolean;
  readonly pledges: readonly PledgeRollUp[];
  readonly dispatches: readonly DispatchRollUp[];
  /** Pledges and dispatches that are late (see PledgeRollUp.late, DispatchRollUp.late). */
  readonly latePledges: number;
  readonly lateDispatches: number;
}

function pledgeRollUp(ledger: AssistanceLedger, p: Pledge, today: string): PledgeRollUp {
  const sent = ledger.dispatches.filter((d) => d.pledgeId === p.id);
  const ids = new Set(sent.map((d) => d.id));
  const dispatched = sum(sent.map((d) => d.quantity));
  const received = sum(ledger.receipts.filter((r) => ids.has(r.dispatchId)).map((r) => r.quantity));
  const open = ledger.request.state !== 'cancelled';
  const stands = standing(p);
  return {
    pledgeId: p.id,
    party: p.party,
    standing: stands,
    dispatched,
    received,
    dispatchStatus: fillStatus(dispatched, stands),
    receiptStatus: fillStatus(received, stands),
    late: open && today > p.availableFrom && dispatched < stands,
  };
}

function dispatchRollUp(ledger: AssistanceLedger, d: Dispatch, today: string): DispatchRollUp {
  const received = sum(ledger.receipts.filter((r) => r.dispatchId === d.id).map((r) => r.quantity));
  return {
    dispatchId: d.id,
    received,
    receiptStatus: fillStatus(received, d.quantity),
    late: d.expectedBy !== null && today > d.expectedBy && received < d.quantity,
  };
}

export function rollUp(ledger: AssistanceLedger, now: string): RequestRollUp {
  const r = ledger.request;
  const today = dayOf(now);
  const committed = sum(ledger.pledges.map((p) => standingCounted(p, r.unit)));
  const dispatched = sum(ledger.dispatches.map((d) => d.counted));
  const fulfilled = sum(ledger.receipts.map((x) => x.counted));
  const cancelled = r.state === 'cancelled';
  const fulfilledStatus = fillStatus(fulfilled, r.quantity);
  const stage: RequestStage = cancelled
    ? 'cancelled'
    : fulfilledStatus === 'complete'
      ? 'fulfilled'
      : dispatched > 0
        ? 'in-transit'
        : committed > 0
          ? 'committed'
          : 'open';
  const pledges = ledger.pledges.map((p) => pledgeRollUp(ledger, p, today));
  const dispatches = ledger.dispatches.map((d) => dispatchRollUp(ledger, d, today));
  return {
    requested: r.quantity,
    committed,
    dispatched,
    inTransit: Math.max(0, sum([dispatched, -fulfilled])),
    fulfilled,
    outstanding: Math.max(0, sum([r.quantity, -committed])),
    committedStatus: fillStatus(committed, r.quantity),
    transitStatus: fillStatus(dispatched, r.quantity),
    fulfilledStatus,
    stage,
    overdue: !cancelled && fulfilledStatus !== 'complete' && today > r.neededBy,
    pledges,
    dispatches,
    latePledges: pledges.filter((p) => p.late).length,
    lateDispatches: dispatches.filter((d) => d.late).length,
  };
}
