/**
 * The arithmetic of a decision under a treaty's rule, from the latest ballot of each voting party.
 *
 * Unanimity: adopted when every voter assents; rejected as soon as one objects; an abstention is not
 * assent, so it blocks adoption but leaves the decision open (the party may still replace it while the
 * decision is open, or the deadline closes it as rejected).
 *
 * Qualified majority (numerator/denominator): at least ceil(members × numerator / denominator) of the
 * voting parties — all members on the reference date, not the votes cast — must assent. Adopted as
 * soon as that many assent; rejected as soon as the objections leave too few parties to reach it.
 * Abstentions never count as assent and never close the decision by themselves. A simple majority is
 * written 1/2 and reads "at least half"; a treaty needing strictly more than half writes e.g. 51/100
 * (or the DecisionRule gains a kind).
 */
import type { DecisionRule } from '../../treaty.ts';

export const VOTE_CHOICES = ['assent', 'objection', 'abstention'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

export interface Ballot {
  /** ISO3 of the party voting. */
  readonly party: string;
  readonly choice: VoteChoice;
  /** User id of the party's representative. */
  readonly by: number;
  readonly at: string;
}

export const DECISION_OUTCOMES = ['adopted', 'rejected', 'open'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export interface DecisionTally {
  readonly voters: number;
  readonly assent: number;
  readonly objection: number;
  readonly abstention: number;
  /** Voting parties with no ballot yet. */
  readonly notVoted: readonly string[];
  /** Each voter's current choice (its latest ballot), null when it has not voted. */
  readonly votes: Readonly<Record<string, VoteChoice | null>>;
  /** Assents needed for adoption. */
  readonly required: number;
  readonly outcome: DecisionOutcome;
  /** The rule and the count in words, for the board and the audit log. */
  readonly explanation: string;
}

/** Assents needed among `members` voters: every one for unanimity, else the rounded-up share. */
export function requiredAssents(rule: DecisionRule, members: number): number {
  if (rule.kind === 'unanimity') return members;
  const { numerator, denominator } = rule;
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || denominator <= 0 || numerator <= 0)
    throw new Error(`bad decision rule ${numerator}/${denominator}`);
  if (numerator > denominator)
    throw new Error(`decision rule ${numerator}/${denominator} exceeds all members`);
  // Integer ceiling: no floating point in a vote count.
  return Math.floor((members * numerator + denominator - 1) / denominator);
}

/** The current choice of each voter: a later ballot of the same party replaces the earlier one. */
export function currentVotes(
  voters: readonly string[],
  ballots: readonly Ballot[],
): Record<string, VoteChoice | null> {
  const votes: Record<string, VoteChoice | null> = Object.fromEntries(voters.map((v) => [v, null]));
  for (const b of ballots) if (b.party in votes) votes[b.party] = b.choice;
  return votes;
}

export function tallyDecision(
  rule: DecisionRule,
  voters: readonly string[],
  ballots: readonly Ballot[],
): DecisionTally {
  const votes = currentVotes(voters, ballots);
  const with_ = (c: VoteChoice): string[] => voters.filter((v) => votes[v] === c);
  const assenting = with_('assent');
  const objecting = with_('objection');
  const abstaining = with_('abstention');
  const notVoted = voters.filter((v) => votes[v] === null);
  const n = voters.length;
  const required = requiredAssents(rule, n);
  const count = `${assenting.length} of ${n} assent, ${objecting.length} object, ${abstaining.length} abstain, ${notVoted.length} not voted`;
  const list = (xs: readonly string[]): string => xs.join(', ');

  let outcome: DecisionOutcome;
  let why: string;
  if (rule.kind === 'unanimity') {
    if (objecting.length > 0) {
      outcome = 'rejected';
      why = `unanimity: ${list(objecting)} objected, so the parties cannot all assent`;
    } else if (assenting.length === n) {
      outcome = 'adopted';
      why = `unanimity: all ${n} parties assented`;
    } else {
      outcome = 'open';
      why =
        abstaining.length > 0
          ? `unanimity: ${list(abstaining)} abstained, and an abstention is not assent; adoption needs their assent`
          : `unanimity: waiting for ${list(notVoted)}`;
    }
  } else {
    const share = `${rule.numerator}/${rule.denominator} of the ${n} members (${required} assents; an abstention is not assent)`;
    if (assenting.length >= required) {
      outcome = 'adopted';
      why = `${share}: ${assenting.length} assented`;
    } else if (n - objecting.length < required) {
      outcome = 'rejected';
      why = `${share}: ${objecting.length} objected, so at most ${n - objecting.length} can assent`;
    } else {
      outcome = 'open';
      why = `${share}: ${required - assenting.length} more needed`;
    }
  }
  return {
    voters: n,
    assent: assenting.length,
    objection: objecting.length,
    abstention: abstaining.length,
    notVoted,
    votes,
    required,
    outcome,
    explanation: `${why} (${count})`,
  };
}
