/** A page cursor that this store did not hand out (or that a client altered). Maps to HTTP 400. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor() {
    super('The page cursor is not valid: start again without a cursor.');
  }
}
