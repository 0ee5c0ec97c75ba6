/**
 * A refusal of the Charter workflow on its way to HTTP: a route throws one with the command's error,
 * the error mapper gives it its status from `charterStatus`. The id is the workflow's code with
 * underscores ("not-representative" → "not_representative").
 */
import type { CharterErrorCode } from '../commands/charter-workflow.ts';

export class CharterRefusal extends Error {
  readonly code: CharterErrorCode;

  constructor(error: { readonly code: CharterErrorCode; readonly message: string }) {
    super(error.message);
    this.code = error.code;
  }
}

/**
 * 404 for what the viewer cannot see (or a party the case does not name), 403 for who may not act,
 * 409 for a move the record's state does not allow or a concurrent change, 422 for what the request
 * must say differently.
 */
const STATUS: Readonly<Record<CharterErrorCode, number>> = {
  unknown: 404,
  'not-found': 404,
  'not-authorised': 403,
  'not-representative': 403,
  'not-a-voter': 403,
  'not-concerned': 403,
  conflict: 409,
  'not-shared': 409,
  superseded: 409,
  'already-reviewed': 409,
  'not-confirmed': 409,
  'not-adopted': 409,
  'decision-closed': 409,
  'deadline-passed': 409,
  'deadline-not-reached': 409,
  'case-closed': 409,
  'invalid-transition': 409,
  'out-of-order': 409,
  'peaceful-step-required': 409,
  'already-member': 409,
  'already-under-notice': 409,
  'rejoin-unsupported': 409,
  'not-member': 422,
  'reason-required': 422,
  'wrong-subject': 422,
  'not-proposed': 422,
  'invalid-input': 422,
};

export function charterStatus(code: CharterErrorCode): number {
  return STATUS[code];
}
