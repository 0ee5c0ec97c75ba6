/**
 * A decision of the parties under the treaty's rule (Liptako-Gourma final provisions: unanimity;
 * an abstention is not assent). The voters are the parties that are members on the decision's
 * reference date — for an activation, the incident's date, so the attacked party votes too and a party
 * under notice of denunciation still votes. Each party's representative (its decision-maker) records
 * assent, objection or abstention; a later ballot of the same party replaces its earlier one while the
 * decision is open, and every ballot stays in the history. The decision closes by itself once the rule
 * settles it, or at its deadline if it has one.
 */
import { membershipOn, partiesOn, type Treaty } from '../../treaty.ts';
import { currentVersion, versionState, type ProposalRecord } from './proposal-record.ts';
import { tallyDecision, type Ballot, type DecisionTally, type VoteChoice } from './decision-tally.ts';
import { isReviewer, representsInDecisions, type WorkflowActor } from './workflow-actor.ts';
import { refuse, succeed, type WorkflowResult } from './workflow-result.ts';
import { isBefore } from './workflow-time.ts';

/** What is decided. */
export type DecisionSubject =
  /** Activation of a clause the engine proposed (Art. 6, or Art. 7 which leads to Art. 6's duty). */
  | {
      readonly kind: 'activation';
      readonly article: string;
      readonly incidentId: string;
      readonly proposalVersion: number;
      /** ISO3 of the party attacked: it is owed assistance and owes none in the case. */
      readonly victim: string;
    }
  /**
   * Art. 5: moving a rebellion case to the use of force. The justification says why force is needed,
   * and is required when no peaceful means were recorded on the case.
   */
  | { readonly kind: 'use-of-force'; readonly rebellionCaseId: string; readonly justification: string | null }
  /** Admission of a state (final provisions: by unanimity), effective on a day. */
  | { readonly kind: 'accession'; readonly state: string; readonly effectiveFrom: string }
  /** Adding obligations to an open assistance case, e.g. for a state that acceded after activation. */
  | {
      readonly kind: 'assistance-extension';
      readonly assistanceCaseId: string;
      readonly parties: readonly string[];
    };

export const DECISION_STATES = ['open', 'adopted', 'rejected'] as const;
export type DecisionState = (typeof DECISION_STATES)[number];

export interface Decision {
  readonly id: string;
  readonly treaty: string;
  readonly subject: DecisionSubject;
  /** The day (YYYY-MM-DD) whose membership gives the voters. */
  readonly referenceDate: string;
  /** The treaty's rule when the decision opened: a later change of rule does not reopen it. */
  readonly rule: Treaty['decisionRule'];
  /** ISO3 of the voting parties, in the treaty's order. */
  readonly voters: readonly string[];
  /** Every ballot, replaced ones included, oldest first. */
  readonly ballots: readonly Ballot[];
  readonly openedAt: string;
  readonly openedBy: number;
  /** Instant after which no ballot is taken and the decision can be closed; null for none. */
  readonly deadline: string | null;
  readonly state: DecisionState;
  readonly closedAt: string | null;
  /** The rule's explanation at closing. */
  readonly closedBecause: string | null;
}

export interface OpenDecisionInput {
  readonly id: string;
  readonly treaty: Treaty;
  readonly subject: DecisionSubject;
  readonly referenceDate: string;
  readonly opener: WorkflowActor;
  readonly at: string;
  readonly deadline?: string | null;
}

/** Opens a decision whose voters are the members on the reference date. Analysts, admins and decision-makers may open one. */
export function openDecision(input: OpenDecisionInput): WorkflowResult<Decision> {
  const { id, treaty, subject, referenceDate, opener, at } = input;
  const deadline = input.deadline ?? null;
  if (!isReviewer(opener) && opener.role !== 'decision-maker')
    return refuse('not-authorised', `a ${opener.role} cannot open a decision`);
  const voters = partiesOn(treaty, referenceDate).map((p) => p.iso3);
  if (voters.length === 0)
    return refuse('not-member', `no party of ${treaty.id} is a member on ${referenceDate}`);
  if (deadline !== null && isBefore(deadline, at))
    return refuse('invalid-input', `deadline ${deadline} is before the opening (${at})`);
  return succeed({
    id,
    treaty: treaty.id,
    subject,
    referenceDate,
    rule: treaty.decisionRule,
    voters,
    ballots: [],
    openedAt: at,
    openedBy: opener.id,
    deadline,
    state: 'open',
    closedAt: null,
    closedBecause: null,
  });
}

/**
 * Confirming an Art. 6 or Art. 7 proposal opens the decision on activation. The record's current
 * version must be confirmed and point to the article; the victim must be a member on the incident's
 * date (a party under notice still is). The reference date is the incident's date.
 */
export function openActivationDecision(
  record: ProposalRecord,
  input: {
    readonly id: string;
    readonly treaty: Treaty;
    readonly incidentDate: string;
    readonly victim: string;
    readonly opener: WorkflowActor;
    readonly at: string;
    readonly deadline?: string | null;
  },
): WorkflowResult<Decision> {
  const { treaty, incidentDate, victim } = input;
  if (record.treaty !== treaty.id)
    return refuse('wrong-subject', `the proposal is for ${record.treaty}, not ${treaty.id}`);
  const clause = treaty.clauses.find((c) => c.id === record.article);
  if (
    clause === undefined ||
    clause.activation !== 'decision' ||
    (clause.rule !== 'collective-defence' && clause.rule !== 'extended-aggression')
  )
    return refuse(
      'wrong-subject',
      `art. ${record.article} of ${treaty.id} is not activated by a decision on aggression`,
    );
  const current = currentVersion(record);
  if (versionState(current) !== 'confirmed')
    return refuse('not-confirmed', `version ${current.version} is ${versionState(current)}, not confirmed`);
  if (current.proposal.status === 'not_engaged')
    return refuse('not-proposed', `the confirmed proposal finds art. ${record.article} not engaged`);
  const party = treaty.parties.find((p) => p.iso3 === victim);
  if (party === undefined || !membershipOn(treaty, party, incidentDate).member)
    return refuse('not-member', `${victim} is not a member of ${treaty.id} on ${incidentDate}`);
  return openDecision({
    id: input.id,
    treaty,
    subject: {
      kind: 'activation',
      article: record.article,
      incidentId: record.incidentId,
      proposalVersion: current.version,
      victim,
    },
    referenceDate: incidentDate,
    opener: input.opener,
    at: input.at,
    deadline: input.deadline ?? null,
  });
}

export function decisionTally(decision: Decision): DecisionTally {
  return tallyDecision(decision.rule, decision.voters, decision.ballots);
}

/**
 * A party's representative records its vote. Refused when the decision is closed or past its
 * deadline, when the voter is not that party's decision-maker, or when the party is not a voter. A
 * ballot that settles the rule closes the decision.
 */
export function castVote(
  decision: Decision,
  input: {
    readonly party: string;
    readonly choice: VoteChoice;
    readonly voter: WorkflowActor;
    readonly at: string;
  },
): WorkflowResult<Decision> {
  const { party, choice, voter, at } = input;
  if (decision.state !== 'open')
    return refuse(
      'decision-closed',
      `decision ${decision.id} is ${decision.state}; its votes can no longer change`,
    );
  if (decision.deadline !== null && isBefore(decision.deadline, at))
    return refuse('deadline-passed', `decision ${decision.id} took ballots until ${decision.deadline}`);
  if (!representsInDecisions(voter, party))
    return refuse(
      'not-representative',
      `user ${voter.id} (${voter.role}${voter.party === null ? '' : ` of ${voter.party}`}) is not the representative of ${party}`,
    );
  if (!decision.voters.includes(party))
    return refuse('not-a-voter', `${party} is not a member on ${decision.referenceDate} and does not vote`);
  const last = decision.ballots.at(-1)?.at ?? decision.openedAt;
  if (isBefore(at, last)) return refuse('out-of-order', `ballot at ${at} is before the last event (${last})`);
  const ballots = [...decision.ballots, { party, choice, by: voter.id, at }];
  const tally = tallyDecision(decision.rule, decision.voters, ballots);
  if (tally.outcome === 'open') return succeed({ ...decision, ballots });
  return succeed({
    ...decision,
    ballots,
    state: tally.outcome,
    closedAt: at,
    closedBecause: tally.explanation,
  });
}

/** Closes an open decision whose deadline has passed: what was not adopted by then is rejected. */
export function closeAtDeadline(decision: Decision, now: string): WorkflowResult<Decision> {
  if (decision.state !== 'open')
    return refuse('decision-closed', `decision ${decision.id} is already ${decision.state}`);
  if (decision.deadline === null || !isBefore(decision.deadline, now))
    return refuse('deadline-not-reached', `decision ${decision.id} has no deadline before ${now}`);
  const tally = decisionTally(decision);
  return succeed({
    ...decision,
    state: 'rejected',
    closedAt: now,
    closedBecause: `deadline ${decision.deadline} passed without adoption: ${tally.explanation}`,
  });
}

/** The outcome as the board shows it: the state, the tally and the rule's explanation. */
export function decisionOutcome(decision: Decision): {
  readonly outcome: DecisionState;
  readonly tally: DecisionTally;
  readonly explanation: string;
} {
  const tally = decisionTally(decision);
  return { outcome: decision.state, tally, explanation: decision.closedBecause ?? tally.explanation };
}
