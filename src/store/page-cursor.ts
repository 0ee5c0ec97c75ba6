/**
 * Keyset page cursors: the sort key of a page's last row, as opaque base64url JSON. The store checks
 * a cursor's shape before it reaches SQL.
 */
import { InvalidCursorError } from './invalid-cursor-error.ts';

/** A row's sort key: a date or timestamp (text) and an id. */
export type CursorKey = readonly [string, number];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key in a cursor; throws InvalidCursorError for anything the store did not encode. */
export function decodeCursor(cursor: string): CursorKey {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    typeof value[0] !== 'string' ||
    typeof value[1] !== 'number' ||
    !Number.isSafeInteger(value[1])
  )
    throw new InvalidCursorError();
  return [value[0], value[1]];
}
