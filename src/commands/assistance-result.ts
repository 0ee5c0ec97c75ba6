/**
 * What the assistance commands return: the domain's refusals, plus 'unknown' (a request or case that
 * is absent or not visible) and 'conflict' (the ledger kept moving under five attempts in a row).
 */
import type { AssistanceErrorCode } from '../domain/assistance/assistance-result.ts';

export type AssistanceCommandCode = AssistanceErrorCode | 'unknown' | 'conflict';

export type AssistanceCommandResult<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly error: { readonly code: AssistanceCommandCode; readonly message: string };
    };

export const assistanceFail = (
  code: AssistanceCommandCode,
  message: string,
): AssistanceCommandResult<never> => ({
  ok: false,
  error: { code, message },
});
