/**
 * Turning dictionary phrases (data files) into regular-expression source, and folding matched text back
 * to a dictionary key. Shared by the date and number stages so that both read their data the same way:
 * case-insensitive (the caller compiles with the `i` flag), accent-insensitive, any apostrophe, any
 * space (including the no-break spaces of French typography), optional trailing abbreviation dots.
 */

/** Whitespace as it appears in news text: ordinary, no-break (U+00A0) and narrow no-break (U+202F). */
export const SPACE = '[\\s\\u00a0\\u202f]';

/** Letters standing for every accented form of themselves, so that "fevrier" and "février" are one key. */
const LETTER_VARIANTS: Readonly<Record<string, string>> = {
  a: 'aàâäáAÀÂÄÁ',
  e: 'eéèêëEÉÈÊË',
  i: 'iîïíIÎÏÍ',
  o: 'oôöóOÔÖÓ',
  u: 'uùûüúUÙÛÜÚ',
  c: 'cçCÇ',
  y: 'yÿYŸ',
};

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const APOSTROPHES = /[’ʼ‘`]/g;
const SEPARATORS = /[\s\u00a0\u202f\-‐‑–]+/g;

/** The dictionary key of a phrase: lower case, no accents, straight apostrophe, no dots, single spaces. */
export function foldPhrase(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(/\./g, '')
    .replace(SEPARATORS, ' ')
    .trim();
}

function escapeChar(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

/** Regular-expression source matching one phrase of a data file (see the module comment). */
export function phraseSource(phrase: string): string {
  let out = '';
  const chars = [...phrase.normalize('NFC')];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    const base = ch.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
    const variants = LETTER_VARIANTS[base];
    if (variants !== undefined) out += `[${variants}]`;
    else if (ch === "'" || ch === '’') out += "['’ʼ‘]";
    else if (ch === '-') out += `(?:[-‐‑]|${SPACE}+)?`;
    else if (ch === ' ') out += `${SPACE}+`;
    else if (ch === '.') out += '\\.?';
    else out += escapeChar(ch);
  }
  return out;
}

/** One alternation of phrases, longest first so that "quatre-vingts" wins over "quatre". */
export function alternationSource(phrases: Iterable<string>): string {
  const unique = [...new Set(phrases)].sort((a, b) => b.length - a.length);
  return `(?:${unique.map(phraseSource).join('|')})`;
}

/** A lookup table keyed by folded phrase. */
export function foldedMap<V>(entries: Readonly<Record<string, V>>): Map<string, V> {
  const map = new Map<string, V>();
  for (const [key, value] of Object.entries(entries)) map.set(foldPhrase(key), value);
  return map;
}
