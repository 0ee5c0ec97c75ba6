/**
 * One input line of `liptako extract` → a document or a clear per-line error. Lines are bytes: valid
 * UTF-8 is read as such, anything else as Latin-1 (French press exports); binary and oversized texts
 * are refused.
 */
import type { Lang } from './dates/find-dates.ts';

export const MAX_TEXT_BYTES = 1_000_000;

export interface ExtractDocument {
  readonly id: string;
  readonly text: string;
  readonly lang: Lang | null;
  readonly published: string | null;
}

export type ParsedLine = { ok: true; doc: ExtractDocument } | { ok: false; id: string | null; error: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/** UTF-8 when the bytes are valid UTF-8, else Latin-1 (Windows-1252). */
export function decodeLine(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return latin1.decode(bytes);
  }
}

/** Control characters other than tab, line feed and carriage return: the mark of binary content. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
const BINARY = /[\u0000-\u0008\u000e-\u001f]/u;

export function parseDocumentLine(bytes: Uint8Array): ParsedLine {
  if (bytes.length > MAX_TEXT_BYTES + 10_000)
    return {
      ok: false,
      id: null,
      error: `line too long (${bytes.length} bytes; the text may be at most ${MAX_TEXT_BYTES} bytes)`,
    };
  const line = decodeLine(bytes).replace(/^\uFEFF/, '');
  if (line.trim() === '') return { ok: false, id: null, error: 'empty line' };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return {
      ok: false,
      id: null,
      error: `invalid JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, id: null, error: 'expected a JSON object {"id", "text"}' };
  const record = value as Record<string, unknown>; // a plain object, checked just above
  const id =
    typeof record.id === 'string' ? record.id : typeof record.id === 'number' ? String(record.id) : null;
  if (id === null) return { ok: false, id: null, error: 'missing "id" (a string)' };
  const text = record.text;
  if (typeof text !== 'string') return { ok: false, id, error: 'missing "text" (a string)' };
  if (text.trim() === '') return { ok: false, id, error: 'empty text' };
  if (Buffer.byteLength(text, 'utf8') > MAX_TEXT_BYTES)
    return { ok: false, id, error: `text too long (more than ${MAX_TEXT_BYTES} bytes)` };
  if (BINARY.test(text) || text.includes('\uFFFD\uFFFD'))
    return { ok: false, id, error: 'text looks binary (control characters)' };
  const lang = record.lang === 'fr' || record.lang === 'en' ? record.lang : null;
  const published =
    typeof record.published === 'string' && /^\d{4}-\d{2}-\d{2}/.test(record.published)
      ? record.published.slice(0, 10)
      : null;
  return { ok: true, doc: { id, text, lang, published } };
}
