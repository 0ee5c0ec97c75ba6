/**
 * The duty-of-assistance case an adopted Art. 6 (or Art. 7) decision opens: "un devoir d'assistance
 * et de secours de toutes les Parties". One obligation per other party that is a member on the
 * incident's date — a party under notice of denunciation still owes, and is still owed — each moving
 * pending → acknowledged → pledged → delivering → fulfilled, or declined with a reason.
 *
 * Membership is read on the incident's date, so a state that accedes after activation owes nothing
 * in this case unless a further decision (subject "assistance-extension") says so:
 * `extendAssistanceCase` adds its obligation then, dated from that decision.
 */
import { membershipOn, type Treaty } from '../../treaty.ts';
import type { Decision } from './decision.ts';
import { isBlank } from './is-blank.ts';
import type { OverdueFlag } from './overdue-flags.ts';
import { actsFor, type WorkflowActor } from './workflow-actor.ts';
import { refuse, succeed, type WorkflowResult } from './workflow-result.ts';
import { isBefore } from './workflow-time.ts';

export const OBLIGATION_STATES = [
  'pending',
  'acknowledged',
  'pledged',
  'delivering',
  'fulfilled',
  'declined',
] as const;
export type ObligationState = (typeof OBLIGATION_STATES)[number];

/** The legal moves: one step forward, or declining while not yet fulfilled. */
export const OBLIGATION_TRANSITIONS: Readonly<Record<ObligationState, readonly ObligationState[]>> = {
  pending: ['acknowledged', 'declined'],
  acknowledged: ['pledged', 'declined'],
  pledged: ['delivering', 'declined'],
  delivering: ['fulfilled', 'declined'],
  fulfilled: [],
  declined: [],
};

/** The states a deadline can be set for: reached within so many hours of activation. */
export type DeadlineState = Exclude<ObligationState, 'pending' | 'declined'>;
export type AssistanceDeadlines = Readonly<Partial<Record<DeadlineState, number>>>;

/** Acknowledge within 24 h of activation, pledge within 72 h; configurable per case. */
export const DEFAULT_ASSISTANCE_DEADLINES: AssistanceDeadlines = { acknowledged: 24, pledged: 72 };

export interface ObligationStep {
  readonly from: ObligationState | null;
  readonly to: ObligationState;
  readonly at: string;
  /** User id; null for the opening of the case. */
  readonly by: number | null;
  /** What was pledged or delivered, or why it was declined. */
  readonly note: string | null;
}

export interface AssistanceObligation {
  /** ISO3 of the party that owes. */
  readonly party: string;
  readonly state: ObligationState;
  readonly enteredAt: string;
  /** Instant its clocks start from: the activation, or the decision that added it. */
  readonly owedFrom: string;
  /** The decision that created it (the activation, or an extension). */
  readonly decisionId: string;
  /** Set when the party was under notice of denunciation on the incident's date. */
  readonly underNoticeUntil: string | null;
  readonly history: readonly ObligationStep[];
}

export interface AssistanceCase {
  readonly id: string;
  readonly treaty: string;
  readonly decisionId: string;
  readonly article: string;
  readonly incidentId: string;
  readonly incidentDate: string;
  /** ISO3 of the party attacked, owed assistance. */
  readonly victim: string;
  readonly activatedAt: string;
  readonly deadlines: AssistanceDeadlines;
  readonly obligations: readonly AssistanceObligation[];
  /** Overdue obligations as scheduled checks first saw them (overdue-flags.ts); absent before any. */
  readonly overdueFlags?: readonly OverdueFlag[];
}

function newObligation(
  treaty: Treaty,
  party: string,
  day: string,
  decisionId: string,
  at: string,
): AssistanceObligation {
  const p = treaty.parties.find((x) => x.iso3 === party);
  const notice = p === undefined ? null : membershipOn(treaty, p, day).notice;
  return {
    party,
    state: 'pending',
    enteredAt: at,
    owedFrom: at,
    decisionId,
    underNoticeUntil: notice?.lastDay ?? null,
    history: [{ from: null, to: 'pending', at, by: null, note: null }],
  };
}

/** Opens the case from an adopted activation decision of the same treaty. */
export function openAssistanceCase(input: {
  readonly id: string;
  readonly decision: Decision;
  readonly treaty: Treaty;
  readonly at: string;
  readonly deadlines?: AssistanceDeadlines;
}): WorkflowResult<AssistanceCase> {
  const { id, decision, treaty, at } = input;
  const deadlines = input.deadlines ?? DEFAULT_ASSISTANCE_DEADLINES;
  if (decision.subject.kind !== 'activation')
    return refuse(
      'wrong-subject',
      `decision ${decision.id} is on ${decision.subject.kind}, not an activation`,
    );
  if (decision.treaty !== treaty.id)
    return refuse('wrong-subject', `decision ${decision.id} is under ${decision.treaty}, not ${treaty.id}`);
  if (decision.state !== 'adopted')
    return refuse('not-adopted', `decision ${decision.id} is ${decision.state}`);
  if (decision.closedAt !== null && isBefore(at, decision.closedAt))
    return refuse('out-of-order', `activation at ${at} is before the decision closed (${decision.closedAt})`);
  for (const [state, hours] of Object.entries(deadlines))
    if (typeof hours !== 'number' || !(hours > 0))
      return refuse('invalid-input', `the deadline for ${state} must be a positive number of hours`);
  const { victim, article, incidentId } = decision.subject;
  const day = decision.referenceDate;
  const owing = treaty.parties
    .filter((p) => p.iso3 !== victim && membershipOn(treaty, p, day).member)
    .map((p) => newObligation(treaty, p.iso3, day, decision.id, at));
  return succeed({
    id,
    treaty: treaty.id,
    decisionId: decision.id,
    article,
    incidentId,
    incidentDate: day,
    victim,
    activatedAt: at,
    deadlines,
    obligations: owing,
  });
}

/**
 * Moves one party's obligation along its state machine. The obliged party's liaison officer or
 * decision-maker records it, or an admin on their behalf; declining needs a reason.
 */
export function advanceObligation(
  c: AssistanceCase,
  input: {
    readonly party: string;
    readonly to: ObligationState;
    readonly actor: WorkflowActor;
    readonly at: string;
    readonly note?: string | null;
  },
): WorkflowResult<AssistanceCase> {
  const { party, to, actor, at } = input;
  const note = input.note ?? null;
  const obligation = c.obligations.find((o) => o.party === party);
  if (obligation === undefined) return refuse('not-found', `case ${c.id} has no obligation for ${party}`);
  if (!actsFor(actor, party) && actor.role !== 'admin')
    return refuse('not-authorised', `user ${actor.id} (${actor.role}) cannot act for ${party}`);
  if (!OBLIGATION_TRANSITIONS[obligation.state].includes(to))
    return refuse(
      'invalid-transition',
      `${party}'s obligation is ${obligation.state}; it can move to ${OBLIGATION_TRANSITIONS[obligation.state].join(' or ') || 'nothing (final)'}, not ${to}`,
    );
  if (to === 'declined' && isBlank(note))
    return refuse('reason-required', 'declining the duty of assistance needs a reason');
  if (isBefore(at, obligation.enteredAt))
    return refuse('out-of-order', `${at} is before ${party}'s last change (${obligation.enteredAt})`);
  const moved: AssistanceObligation = {
    ...obligation,
    state: to,
    enteredAt: at,
    history: [...obligation.history, { from: obligation.state, to, at, by: actor.id, note }],
  };
  return succeed({ ...c, obligations: c.obligations.map((o) => (o.party === party ? moved : o)) });
}

/**
 * Adds obligations by a further adopted decision (subject "assistance-extension" naming this case),
 * for parties that are members on that decision's reference date — e.g. a state that acceded after
 * activation. Their clocks run from `at`.
 */
export function extendAssistanceCase(
  c: AssistanceCase,
  input: { readonly decision: Decision; readonly treaty: Treaty; readonly at: string },
): WorkflowResult<AssistanceCase> {
  const { decision, treaty, at } = input;
  const s = decision.subject;
  if (s.kind !== 'assistance-extension' || s.assistanceCaseId !== c.id || decision.treaty !== c.treaty)
    return refuse('wrong-subject', `decision ${decision.id} does not extend case ${c.id}`);
  if (decision.state !== 'adopted')
    return refuse('not-adopted', `decision ${decision.id} is ${decision.state}`);
  if (isBefore(at, c.activatedAt))
    return refuse('out-of-order', `${at} is before the activation (${c.activatedAt})`);
  const added: AssistanceObligation[] = [];
  for (const party of s.parties) {
    if (party === c.victim) return refuse('invalid-input', `${party} is the party attacked, owed assistance`);
    if (c.obligations.some((o) => o.party === party) || added.some((o) => o.party === party))
      return refuse('invalid-input', `${party} already has an obligation in case ${c.id}`);
    const p = treaty.parties.find((x) => x.iso3 === party);
    if (p === undefined || !membershipOn(treaty, p, decision.referenceDate).member)
      return refuse('not-member', `${party} is not a member on ${decision.referenceDate}`);
    added.push(newObligation(treaty, party, decision.referenceDate, decision.id, at));
  }
  return succeed({ ...c, obligations: [...c.obligations, ...added] });
}
