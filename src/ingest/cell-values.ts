/**
 * Reading cells: text trimmed to null when blank, and numbers parsed strictly (`Number()` would take
 * "", "0x1F" and "Infinity").
 */
import type { CsvFields } from './csv/csv-item.ts';

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const WHOLE = /^\+?\d+(?:\.0*)?$/;

/**
 * A cell's text trimmed, or null when the column is absent (undefined) or the cell blank. Mappers read
 * cells as `text(fields.event_date)`: a named read per column stays fast, where `fields[name]` with a
 * varying name is a slow generic lookup on every row.
 */
export function text(cell: string | undefined): string | null {
  if (cell === undefined || cell === '') return null;
  const trimmed = cell.trim();
  return trimmed === '' ? null : trimmed;
}

/** Like `text`, with line breaks made LF so that CRLF and LF files hash the same. */
export function multilineText(cell: string | undefined): string | null {
  const t = text(cell);
  return t === null || !t.includes('\r') ? t : t.replace(/\r\n?/g, '\n');
}

/** `text` of a column named at run time. */
export function textOf(fields: CsvFields, name: string): string | null {
  return text(fields[name]);
}

/** A decimal number written plainly ("12.5", "-0.1667", "1e3"), or null. */
export function decimalOf(text: string): number | null {
  return DECIMAL.test(text) ? Number(text) : null;
}

/** A whole number of 0 or more ("3", "3.0"), or null. */
export function wholeOf(text: string): number | null {
  if (!WHOLE.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}
