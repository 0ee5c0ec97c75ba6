/**
 * What every workflow operation returns: the new state, or a refusal with a stable code the API maps
 * to an HTTP error in one place. Refusals are expected (a vote by the wrong person, a transition that
 * skips a step); bugs (an unparseable timestamp) throw.
 */

export const WORKFLOW_ERROR_CODES = [
  /** The actor's role or party may not do this. */
  'not-authorised',
  /** A vote or statement by someone who is not the representative of the party named. */
  'not-representative',
  /** The party named is not among the decision's voters. */
  'not-a-voter',
  /** The party named is not a member of the treaty on the day that counts. */
  'not-member',
  'already-member',
  'already-under-notice',
  /** A state that left by denunciation cannot rejoin: membershipOn would still read its old notice. */
  'rejoin-unsupported',
  /** A reason, an outcome, a statement or the peaceful means tried was left blank. */
  'reason-required',
  /** The proposal version reviewed is no longer the current one. */
  'superseded',
  'already-reviewed',
  /** The proposal, decision or case is of another kind, treaty, incident or article than required. */
  'wrong-subject',
  /** The confirmed proposal does not point to the article (status not_engaged). */
  'not-proposed',
  'not-confirmed',
  'not-adopted',
  'decision-closed',
  'deadline-passed',
  'deadline-not-reached',
  'case-closed',
  /** The obligation's state machine does not allow this move. */
  'invalid-transition',
  /** A party the case has no obligation for, or a party the consultation does not concern. */
  'not-found',
  'not-concerned',
  'peaceful-step-required',
  /** Dated before the last recorded event of the same record. */
  'out-of-order',
  'invalid-input',
] as const;
export type WorkflowErrorCode = (typeof WORKFLOW_ERROR_CODES)[number];

export interface WorkflowError {
  readonly code: WorkflowErrorCode;
  readonly message: string;
}

export interface Refusal {
  readonly ok: false;
  readonly error: WorkflowError;
}

export type WorkflowResult<T> = { readonly ok: true; readonly value: T } | Refusal;

export function succeed<T>(value: T): WorkflowResult<T> {
  return { ok: true, value };
}

export function refuse(code: WorkflowErrorCode, message: string): Refusal {
  return { ok: false, error: { code, message } };
}
