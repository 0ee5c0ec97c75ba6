/**
 * An expected HTTP failure: a route throws one, the error mapper turns it into
 * `{ error, message }` with its status. Anything else thrown is a bug and becomes a plain 500.
 */
export class HttpError extends Error {
  readonly status: number;
  /** Stable machine-readable id, e.g. "not_found". */
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export const badRequest = (field: string, message: string): HttpError =>
  new HttpError(400, 'invalid_request', `${field}: ${message}`);
export const notFound = (what: string): HttpError => new HttpError(404, 'not_found', `${what} not found`);
