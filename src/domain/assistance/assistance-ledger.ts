/**
 * The mutual-assistance ledger of one request: a party under attack asks (the request), the others
 * pledge against it, send what they pledged (dispatches) and the requesting party confirms what
 * arrived (receipts). Quantities of pledges, dispatches and receipts are recorded as given, in the
 * pledge's unit; `counted` is the same quantity in the request's unit (the pledge's `rate` times it),
 * which is what the roll-ups add up. Only funds pledged in another currency than the request's have a
 * rate other than 1, and only the rate the pledger stated: nothing is converted silently.
 */
import type { Classification } from '../classification.ts';
import type { AssistanceCategory, AssistancePriority } from './assistance-category.ts';

export const REQUEST_STATES = ['open', 'cancelled'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export interface AssistanceRequest {
  readonly id: number;
  /** ISO3 of the party asking. */
  readonly party: string;
  /** The duty-of-assistance case it answers, or null for a standalone request. */
  readonly caseId: string | null;
  readonly category: AssistanceCategory;
  readonly unit: string;
  readonly quantity: number;
  readonly place: string;
  /** YYYY-MM-DD: late after this day (UTC). */
  readonly neededBy: string;
  readonly priority: AssistancePriority;
  readonly description: string;
  readonly classification: Classification;
  /** The party owning a NATIONAL request (the requesting party); null otherwise. */
  readonly ownerParty: string | null;
  readonly createdAt: string;
  readonly createdBy: number;
  readonly state: RequestState;
  readonly cancelled: { readonly at: string; readonly by: number; readonly reason: string } | null;
}

export interface Pledge {
  readonly id: number;
  readonly requestId: number;
  /** ISO3 of the party pledging. */
  readonly party: string;
  /** As given: the request's unit, or for funds any currency. */
  readonly unit: string;
  readonly quantity: number;
  /** Request units per pledge unit: 1, or the exchange rate the pledger stated (XOF per unit). */
  readonly rate: number;
  /** The day the rate was read on; null when rate is 1 for the same unit. */
  readonly rateDate: string | null;
  /** `quantity` in the request's unit. */
  readonly counted: number;
  /** YYYY-MM-DD: the day it can leave. */
  readonly availableFrom: string;
  readonly note: string | null;
  readonly pledgedAt: string;
  readonly pledgedBy: number;
  /** What the pledging party took back of what it had not sent (in the pledge's unit), and why. */
  readonly withdrawn: {
    readonly quantity: number;
    readonly at: string;
    readonly by: number;
    readonly reason: string;
  } | null;
}

export interface Dispatch {
  readonly id: number;
  readonly pledgeId: number;
  /** In the pledge's unit. */
  readonly quantity: number;
  readonly counted: number;
  readonly sentAt: string;
  readonly sentBy: number;
  /** YYYY-MM-DD it should arrive by; late after it when not all received. */
  readonly expectedBy: string | null;
  /** Convoy, flight, transfer reference. */
  readonly reference: string | null;
}

export interface Receipt {
  readonly id: number;
  readonly dispatchId: number;
  /** In the pledge's unit. */
  readonly quantity: number;
  readonly counted: number;
  readonly receivedAt: string;
  readonly receivedBy: number;
  readonly note: string | null;
}

export interface AssistanceLedger {
  readonly request: AssistanceRequest;
  /** Oldest first, as every list below. */
  readonly pledges: readonly Pledge[];
  readonly dispatches: readonly Dispatch[];
  readonly receipts: readonly Receipt[];
}

/** What a pledge still stands for, in its unit: what was pledged less what was withdrawn. */
export function standing(p: Pledge): number {
  return p.withdrawn === null ? p.quantity : sum([p.quantity, -p.withdrawn.quantity]);
}

/** The same in the request's unit: what the pledge counts for against the request. */
export function standingCounted(p: Pledge, requestUnit: string): number {
  return p.withdrawn === null ? p.counted : countedIn(requestUnit, standing(p), p.rate);
}

/** A quantity in the pledge's unit counted in the request's unit: whole francs for XOF. */
export function countedIn(requestUnit: string, quantity: number, rate: number): number {
  const counted = quantity * rate;
  return requestUnit === 'XOF' ? Math.round(counted) : Math.round(counted * 1e6) / 1e6;
}

export const sum = (values: readonly number[]): number =>
  Math.round(values.reduce((a, b) => a + b, 0) * 1e6) / 1e6;
