/**
 * The ledger's rules: who may ask, pledge, send and confirm, and what each may not exceed. Each
 * returns the record to store (without its id) or a refusal; the store writes it only if the ledger
 * it was checked against is still the current one (the request's version), so two concurrent pledges
 * cannot together exceed a request.
 */
import type { Classification } from '../classification.ts';
import { actsFor, type WorkflowActor } from '../charter/workflow/workflow-actor.ts';
import { isBefore } from '../charter/workflow/workflow-time.ts';
import {
  ASSISTANCE_PRIORITIES,
  CATEGORY_UNITS,
  isAssistanceCategory,
  isCurrencyCode,
  isValidAmount,
  MONEY_UNIT,
  type AssistancePriority,
} from './assistance-category.ts';
import {
  countedIn,
  standing,
  standingCounted,
  sum,
  type AssistanceLedger,
  type AssistanceRequest,
  type Dispatch,
  type Pledge,
  type Receipt,
} from './assistance-ledger.ts';
import { accept, refuse, type AssistanceResult } from './assistance-result.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (s: string): boolean => DAY.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
const blank = (s: string | null | undefined): boolean => s === null || s === undefined || s.trim() === '';

/** Acts for the party: its liaison officer or decision-maker; an admin acts for any party. */
function mayActFor(actor: WorkflowActor, party: string): boolean {
  return actor.role === 'admin' || actsFor(actor, party);
}

const RANK: Readonly<Record<Classification, number>> = { PUBLIC: 0, AES_RESTRICTED: 1, NATIONAL: 2 };

export interface NewRequestInput {
  readonly party: string;
  readonly caseId: string | null;
  readonly category: string;
  readonly unit: string;
  readonly quantity: number;
  readonly place: string;
  readonly neededBy: string;
  readonly priority: AssistancePriority;
  readonly description: string;
  readonly classification: Classification;
  /** The case's incident classification, when the request answers a case: the floor of its own. */
  readonly caseClassification?: {
    readonly classification: Classification;
    readonly ownerParty: string | null;
  };
}

export type NewRequest = Omit<AssistanceRequest, 'id'>;

/** A request by the party's officer (or an admin): a unit of its category, a positive quantity. */
export function openRequest(
  input: NewRequestInput,
  actor: WorkflowActor,
  at: string,
): AssistanceResult<NewRequest> {
  if (!mayActFor(actor, input.party))
    return refuse(
      'not-authorised',
      `user ${actor.id} (${actor.role}) cannot ask for assistance for ${input.party}`,
    );
  if (!isAssistanceCategory(input.category))
    return refuse('invalid-input', `unknown category ${input.category}`);
  const units = CATEGORY_UNITS[input.category];
  if (!units.includes(input.unit))
    return refuse('wrong-unit', `${input.category} is counted in ${units.join(', ')}, not ${input.unit}`);
  if (!isValidAmount(input.unit, input.category, input.quantity))
    return refuse(
      'invalid-quantity',
      input.unit === MONEY_UNIT
        ? `the amount must be a positive whole number of francs (XOF), not ${input.quantity}`
        : `the quantity must be positive, not ${input.quantity}`,
    );
  if (blank(input.place)) return refuse('invalid-input', 'say where the assistance is needed (place)');
  if (!isDay(input.neededBy))
    return refuse('invalid-input', `needed by must be a day (YYYY-MM-DD), not ${input.neededBy}`);
  if (!ASSISTANCE_PRIORITIES.includes(input.priority))
    return refuse('invalid-input', `unknown priority ${String(input.priority)}`);
  let classification = input.classification;
  const floor = input.caseClassification;
  if (floor !== undefined && RANK[floor.classification] > RANK[classification])
    classification = floor.classification;
  if (floor?.classification === 'NATIONAL' && floor.ownerParty !== input.party)
    return refuse(
      'invalid-input',
      `the case's incident is NATIONAL (${floor.ownerParty ?? '?'}): only that party may ask for assistance on it`,
    );
  return accept({
    party: input.party,
    caseId: input.caseId,
    category: input.category,
    unit: input.unit,
    quantity: input.quantity,
    place: input.place.trim(),
    neededBy: input.neededBy,
    priority: input.priority,
    description: input.description.trim(),
    classification,
    ownerParty: classification === 'NATIONAL' ? input.party : null,
    createdAt: at,
    createdBy: actor.id,
    state: 'open',
    cancelled: null,
  });
}

/** What the request still needs pledged, in its unit. */
export function outstanding(ledger: AssistanceLedger): number {
  const unit = ledger.request.unit;
  return Math.max(
    0,
    sum([ledger.request.quantity, -sum(ledger.pledges.map((p) => standingCounted(p, unit)))]),
  );
}

function fulfilled(ledger: AssistanceLedger): boolean {
  return sum(ledger.receipts.map((r) => r.counted)) >= ledger.request.quantity;
}

function closedRefusal(ledger: AssistanceLedger): AssistanceResult<never> | null {
  const r = ledger.request;
  if (r.state === 'cancelled')
    return refuse('request-closed', `request ${r.id} was cancelled on ${r.cancelled?.at ?? '?'}`);
  if (fulfilled(ledger))
    return refuse('request-closed', `request ${r.id} is fulfilled: everything asked for was received`);
  return null;
}

export interface PledgeInput {
  readonly party: string;
  readonly unit: string;
  readonly quantity: number;
  /** For funds in another currency than the request's: request units (XOF) per unit given. */
  readonly rate?: number | null;
  readonly rateDate?: string | null;
  readonly availableFrom: string;
  readonly note?: string | null;
}

/**
 * A pledge by another party's officer (or an admin on its behalf), in the request's unit or, for
 * funds, in the currency given with its stated rate; never over what the request still needs.
 */
export function pledge(
  ledger: AssistanceLedger,
  input: PledgeInput,
  actor: WorkflowActor,
  at: string,
): AssistanceResult<Omit<Pledge, 'id'>> {
  const r = ledger.request;
  if (!mayActFor(actor, input.party))
    return refuse('not-authorised', `user ${actor.id} (${actor.role}) cannot pledge for ${input.party}`);
  if (input.party === r.party)
    return refuse(
      'own-request',
      `${input.party} asked for this assistance: it cannot pledge to its own request`,
    );
  const closed = closedRefusal(ledger);
  if (closed !== null) return closed;
  if (!isDay(input.availableFrom))
    return refuse('invalid-input', `available from must be a day (YYYY-MM-DD), not ${input.availableFrom}`);
  let rate = 1;
  let rateDate: string | null = null;
  if (input.unit !== r.unit) {
    if (r.category !== 'funds' || !isCurrencyCode(input.unit))
      return refuse(
        'wrong-unit',
        `request ${r.id} is counted in ${r.unit}; pledge ${r.unit}, not ${input.unit}`,
      );
    if (input.rate === undefined || input.rate === null || blank(input.rateDate))
      return refuse(
        'rate-required',
        `a pledge in ${input.unit} counts against a request in ${r.unit} only with the rate (${r.unit} per ${input.unit}) and the day it was read (rate_date); the amount is kept as given`,
      );
    if (!Number.isFinite(input.rate) || input.rate <= 0)
      return refuse('invalid-quantity', `the rate must be positive, not ${input.rate}`);
    if (!isDay(input.rateDate ?? ''))
      return refuse('invalid-input', `rate date must be a day (YYYY-MM-DD), not ${input.rateDate}`);
    rate = input.rate;
    rateDate = input.rateDate ?? null;
  }
  if (!isValidAmount(input.unit, r.category, input.quantity))
    return refuse(
      'invalid-quantity',
      input.unit === MONEY_UNIT
        ? `the amount must be a positive whole number of francs (XOF), not ${input.quantity}`
        : `the quantity must be positive, not ${input.quantity}`,
    );
  const counted = countedIn(r.unit, input.quantity, rate);
  const left = outstanding(ledger);
  if (counted > left)
    return refuse(
      'over-request',
      `a pledge of ${counted} ${r.unit} exceeds what request ${r.id} still needs: ${left} ${r.unit} (asked ${r.quantity}, pledged ${sum(ledger.pledges.map((p) => standingCounted(p, r.unit)))})`,
    );
  if (counted <= 0) return refuse('invalid-quantity', `the pledge counts for nothing in ${r.unit}`);
  return accept({
    requestId: r.id,
    party: input.party,
    unit: input.unit,
    quantity: input.quantity,
    rate,
    rateDate,
    counted,
    availableFrom: input.availableFrom,
    note: blank(input.note) ? null : (input.note ?? null),
    pledgedAt: at,
    pledgedBy: actor.id,
    withdrawn: null,
  });
}

/** What a pledge has not yet sent (and not withdrawn), in its unit. */
export function undispatched(ledger: AssistanceLedger, p: Pledge): number {
  return Math.max(
    0,
    sum([standing(p), -sum(ledger.dispatches.filter((d) => d.pledgeId === p.id).map((d) => d.quantity))]),
  );
}

export interface DispatchInput {
  readonly pledgeId: number;
  readonly quantity: number;
  readonly expectedBy?: string | null;
  readonly reference?: string | null;
}

/** Sending (part of) a pledge, by the pledging party: never more than the pledge has not yet sent. */
export function dispatch(
  ledger: AssistanceLedger,
  input: DispatchInput,
  actor: WorkflowActor,
  at: string,
): AssistanceResult<Omit<Dispatch, 'id'>> {
  const r = ledger.request;
  const p = ledger.pledges.find((x) => x.id === input.pledgeId);
  if (p === undefined) return refuse('not-found', `request ${r.id} has no pledge ${input.pledgeId}`);
  if (!mayActFor(actor, p.party))
    return refuse('not-authorised', `user ${actor.id} (${actor.role}) cannot send ${p.party}'s pledge`);
  if (r.state === 'cancelled')
    return refuse('request-closed', `request ${r.id} was cancelled on ${r.cancelled?.at ?? '?'}`);
  if (!Number.isFinite(input.quantity) || input.quantity <= 0)
    return refuse('invalid-quantity', `the quantity sent must be positive, not ${input.quantity}`);
  if (!isValidAmount(p.unit, r.category, input.quantity))
    return refuse(
      'invalid-quantity',
      `the amount must be a whole number of francs (XOF), not ${input.quantity}`,
    );
  const left = undispatched(ledger, p);
  if (input.quantity > left)
    return refuse(
      'over-pledge',
      `sending ${input.quantity} ${p.unit} exceeds what pledge ${p.id} has not yet sent: ${left} ${p.unit} (pledged ${standing(p)})`,
    );
  if (isBefore(at, p.pledgedAt)) return refuse('out-of-order', `${at} is before the pledge (${p.pledgedAt})`);
  if (input.expectedBy !== undefined && input.expectedBy !== null && !isDay(input.expectedBy))
    return refuse('invalid-input', `expected by must be a day (YYYY-MM-DD), not ${input.expectedBy}`);
  return accept({
    pledgeId: p.id,
    quantity: input.quantity,
    counted: countedIn(r.unit, input.quantity, p.rate),
    sentAt: at,
    sentBy: actor.id,
    expectedBy: input.expectedBy ?? null,
    reference: blank(input.reference) ? null : (input.reference ?? null),
  });
}

/** What a dispatch carried and was not yet confirmed received, in the pledge's unit. */
export function unreceived(ledger: AssistanceLedger, d: Dispatch): number {
  return Math.max(
    0,
    sum([d.quantity, -sum(ledger.receipts.filter((x) => x.dispatchId === d.id).map((x) => x.quantity))]),
  );
}

export interface ReceiptInput {
  readonly dispatchId: number;
  readonly quantity: number;
  readonly note?: string | null;
}

/** The requesting party confirms what arrived of a dispatch that was sent: never more than it carried. */
export function receive(
  ledger: AssistanceLedger,
  input: ReceiptInput,
  actor: WorkflowActor,
  at: string,
): AssistanceResult<Omit<Receipt, 'id'>> {
  const r = ledger.request;
  if (!mayActFor(actor, r.party))
    return refuse(
      'not-authorised',
      `user ${actor.id} (${actor.role}) cannot confirm receipts for ${r.party}`,
    );
  const d = ledger.dispatches.find((x) => x.id === input.dispatchId);
  if (d === undefined)
    return refuse(
      'dispatch-not-sent',
      `no dispatch ${input.dispatchId} was sent on request ${r.id}: there is nothing to receive`,
    );
  const p = ledger.pledges.find((x) => x.id === d.pledgeId);
  if (p === undefined)
    throw new Error(`dispatch ${d.id} names pledge ${d.pledgeId}, absent from request ${r.id}`);
  if (isBefore(at, d.sentAt))
    return refuse(
      'dispatch-not-sent',
      `dispatch ${d.id} leaves only at ${d.sentAt}: it cannot have arrived at ${at}`,
    );
  if (
    !Number.isFinite(input.quantity) ||
    input.quantity <= 0 ||
    !isValidAmount(p.unit, r.category, input.quantity)
  )
    return refuse('invalid-quantity', `the quantity received must be positive, not ${input.quantity}`);
  const left = unreceived(ledger, d);
  if (input.quantity > left)
    return refuse(
      'over-dispatch',
      `receiving ${input.quantity} ${p.unit} exceeds what dispatch ${d.id} carried and is not yet received: ${left} ${p.unit} (sent ${d.quantity})`,
    );
  return accept({
    dispatchId: d.id,
    quantity: input.quantity,
    counted: countedIn(r.unit, input.quantity, p.rate),
    receivedAt: at,
    receivedBy: actor.id,
    note: blank(input.note) ? null : (input.note ?? null),
  });
}

/**
 * The pledging party (or an admin) takes back what it has not sent of a pledge, with a reason: the
 * request needs that much again, so others may pledge it. What was sent stays pledged.
 */
export function withdrawPledge(
  ledger: AssistanceLedger,
  input: { readonly pledgeId: number; readonly reason: string },
  actor: WorkflowActor,
  at: string,
): AssistanceResult<Pledge> {
  const r = ledger.request;
  const p = ledger.pledges.find((x) => x.id === input.pledgeId);
  if (p === undefined) return refuse('not-found', `request ${r.id} has no pledge ${input.pledgeId}`);
  if (!mayActFor(actor, p.party))
    return refuse('not-authorised', `user ${actor.id} (${actor.role}) cannot withdraw ${p.party}'s pledge`);
  if (p.withdrawn !== null)
    return refuse('request-closed', `pledge ${p.id} was withdrawn on ${p.withdrawn.at}`);
  const left = undispatched(ledger, p);
  if (left <= 0)
    return refuse('invalid-input', `pledge ${p.id} was sent in full: nothing is left to withdraw`);
  if (blank(input.reason)) return refuse('invalid-input', 'withdrawing a pledge needs a reason');
  if (isBefore(at, p.pledgedAt)) return refuse('out-of-order', `${at} is before the pledge (${p.pledgedAt})`);
  return accept({ ...p, withdrawn: { quantity: left, at, by: actor.id, reason: input.reason.trim() } });
}

/** The requesting party (or an admin) withdraws a request not yet fulfilled, with a reason. */
export function cancelRequest(
  ledger: AssistanceLedger,
  reason: string,
  actor: WorkflowActor,
  at: string,
): AssistanceResult<AssistanceRequest> {
  const r = ledger.request;
  if (!mayActFor(actor, r.party))
    return refuse('not-authorised', `user ${actor.id} (${actor.role}) cannot cancel ${r.party}'s request`);
  const closed = closedRefusal(ledger);
  if (closed !== null) return closed;
  if (blank(reason)) return refuse('invalid-input', 'cancelling a request needs a reason');
  if (isBefore(at, r.createdAt))
    return refuse('out-of-order', `${at} is before the request (${r.createdAt})`);
  return accept({ ...r, state: 'cancelled', cancelled: { at, by: actor.id, reason: reason.trim() } });
}
