/**
 * What the assistance ledger's rules return: the new record, or a refusal with a stable code the API
 * maps to an HTTP status in one place, and a message that says what to change.
 */

export const ASSISTANCE_ERROR_CODES = [
  /** The actor's role or party may not do this. */
  'not-authorised',
  /** A zero, negative, non-finite or fractional (XOF) quantity, or a rate that is not positive. */
  'invalid-quantity',
  /** A unit the category is not counted in, or not the request's unit. */
  'wrong-unit',
  /** A pledge in another currency than the request's, given without its rate. */
  'rate-required',
  /** The pledge is over what the request still needs. */
  'over-request',
  /** The dispatch is over what the pledge has not yet sent. */
  'over-pledge',
  /** The receipt names a dispatch that was never sent on this request. */
  'dispatch-not-sent',
  /** The receipt is over what the dispatch carried (less what was received already). */
  'over-dispatch',
  /** A party pledging to its own request. */
  'own-request',
  /** The request is cancelled, or already fulfilled. */
  'request-closed',
  /** A pledge the request does not have. */
  'not-found',
  /** A reason, a place, a date is missing or malformed. */
  'invalid-input',
  /** Dated before the record it follows. */
  'out-of-order',
] as const;
export type AssistanceErrorCode = (typeof ASSISTANCE_ERROR_CODES)[number];

export type AssistanceResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: { readonly code: AssistanceErrorCode; readonly message: string } };

export function accept<T>(value: T): AssistanceResult<T> {
  return { ok: true, value };
}

export function refuse(code: AssistanceErrorCode, message: string): AssistanceResult<never> {
  return { ok: false, error: { code, message } };
}
