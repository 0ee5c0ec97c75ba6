/**
 * The review history of one article's proposal for one incident. The engine's proposal is version 1;
 * each re-evaluation after the incident's coding changed adds a version and marks the one before it
 * superseded (when, why). A reviewer confirms or rejects the current version with a reason. Nothing
 * is ever removed: the record is the audit trail of the qualification.
 */
import type { Proposal } from '../proposal.ts';
import { isBlank } from './is-blank.ts';
import { isReviewer, type WorkflowActor } from './workflow-actor.ts';
import { refuse, succeed, type WorkflowResult } from './workflow-result.ts';
import { isBefore } from './workflow-time.ts';

export const REVIEW_VERDICTS = ['confirm', 'reject'] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

export interface ProposalReview {
  readonly verdict: ReviewVerdict;
  readonly reason: string;
  /** User id of the reviewer. */
  readonly by: number;
  readonly at: string;
}

export interface ProposalVersion {
  /** 1, 2, …: the order of evaluations. */
  readonly version: number;
  readonly proposal: Proposal;
  /**
   * The version of the treaty's data the engine read; absent when not recorded. The same facts read
   * against the same treaty version give the same proposal, so an evaluation that finds both
   * unchanged adds nothing.
   */
  readonly treatyVersion?: string;
  readonly evaluatedAt: string;
  /** Why the engine ran: "incident verified", "coding changed: actor2, target". */
  readonly cause: string;
  readonly review: ProposalReview | null;
  /** Set when a later evaluation replaced this one. */
  readonly superseded: { readonly at: string; readonly byVersion: number; readonly cause: string } | null;
}

export const PROPOSAL_VERSION_STATES = ['open', 'confirmed', 'rejected', 'superseded'] as const;
export type ProposalVersionState = (typeof PROPOSAL_VERSION_STATES)[number];

export interface ProposalRecord {
  readonly incidentId: string;
  readonly treaty: string;
  readonly article: string;
  /** Oldest first; the last is the current one. */
  readonly versions: readonly ProposalVersion[];
}

/** A version's state: superseded wins over its review, which stays in the history. */
export function versionState(v: ProposalVersion): ProposalVersionState {
  if (v.superseded !== null) return 'superseded';
  if (v.review === null) return 'open';
  return v.review.verdict === 'confirm' ? 'confirmed' : 'rejected';
}

export function currentVersion(record: ProposalRecord): ProposalVersion {
  const last = record.versions.at(-1);
  if (last === undefined)
    throw new Error(`proposal record ${record.incidentId}/${record.article} has no version`);
  return last;
}

/** The record of a first evaluation (the incident was verified). */
export function openProposalRecord(input: {
  readonly incidentId: string;
  readonly proposal: Proposal;
  readonly at: string;
  readonly cause: string;
  readonly treatyVersion?: string;
}): ProposalRecord {
  return {
    incidentId: input.incidentId,
    treaty: input.proposal.treaty,
    article: input.proposal.article,
    versions: [
      {
        version: 1,
        proposal: input.proposal,
        ...(input.treatyVersion === undefined ? {} : { treatyVersion: input.treatyVersion }),
        evaluatedAt: input.at,
        cause: input.cause,
        review: null,
        superseded: null,
      },
    ],
  };
}

/**
 * A re-evaluation after the incident's coding changed: a new open version, the previous one marked
 * superseded. Its review (if any) stays in the history; a decision it opened stays open, and the
 * store should show it beside the new version for the parties to weigh.
 */
export function reviseProposal(
  record: ProposalRecord,
  input: {
    readonly proposal: Proposal;
    readonly at: string;
    readonly cause: string;
    readonly treatyVersion?: string;
  },
): WorkflowResult<ProposalRecord> {
  const { proposal, at, cause } = input;
  if (proposal.treaty !== record.treaty || proposal.article !== record.article)
    return refuse(
      'wrong-subject',
      `a proposal for ${proposal.treaty} art. ${proposal.article} cannot revise the record of ${record.treaty} art. ${record.article}`,
    );
  if (isBlank(cause)) return refuse('reason-required', 'a re-evaluation names why it ran');
  const current = currentVersion(record);
  if (isBefore(at, current.evaluatedAt))
    return refuse(
      'out-of-order',
      `re-evaluation at ${at} is before version ${current.version} (${current.evaluatedAt})`,
    );
  const next = current.version + 1;
  return succeed({
    ...record,
    versions: [
      ...record.versions.slice(0, -1),
      { ...current, superseded: { at, byVersion: next, cause } },
      {
        version: next,
        proposal,
        ...(input.treatyVersion === undefined ? {} : { treatyVersion: input.treatyVersion }),
        evaluatedAt: at,
        cause,
        review: null,
        superseded: null,
      },
    ],
  });
}

/**
 * A reviewer (analyst or admin) confirms or rejects the version they saw, with a reason. Reviewing a
 * version that was superseded meanwhile is refused, so nobody confirms facts they did not read.
 */
export function reviewProposal(
  record: ProposalRecord,
  input: {
    readonly version: number;
    readonly verdict: ReviewVerdict;
    readonly reason: string;
    readonly reviewer: WorkflowActor;
    readonly at: string;
  },
): WorkflowResult<ProposalRecord> {
  const { version, verdict, reason, reviewer, at } = input;
  if (!isReviewer(reviewer))
    return refuse('not-authorised', `a ${reviewer.role} cannot review proposals; analysts and admins do`);
  const current = currentVersion(record);
  if (version !== current.version)
    return refuse('superseded', `version ${version} is not the current one (version ${current.version})`);
  if (current.review !== null)
    return refuse(
      'already-reviewed',
      `version ${version} was already ${versionState(current)} by user ${current.review.by} at ${current.review.at}`,
    );
  if (isBlank(reason))
    return refuse(
      'reason-required',
      `a ${verdict === 'confirm' ? 'confirmation' : 'rejection'} needs a reason`,
    );
  if (isBefore(at, current.evaluatedAt))
    return refuse('out-of-order', `review at ${at} is before the evaluation (${current.evaluatedAt})`);
  return succeed({
    ...record,
    versions: [
      ...record.versions.slice(0, -1),
      { ...current, review: { verdict, reason, by: reviewer.id, at } },
    ],
  });
}
