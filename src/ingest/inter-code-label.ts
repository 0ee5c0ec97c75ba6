/**
 * Reads ACLED's actor types ("inter" codes): numeric in older exports (1–8, 0 for no actor), text in
 * newer ones ("State forces", "Rebel group", …), and the interaction column ("13", or in newer exports
 * "State forces-Civilians", "Rebel group only").
 */
import { INTER_CODES, interactionCode, isInterCode, type InterCode } from '../domain/acled-taxonomy.ts';
import { foldName } from '../domain/place.ts';

/** A code; null for "no actor" (0); undefined when the text is not an actor type. */
export type InterReading = InterCode | null | undefined;

/** The labels exactly as ACLED writes them, for the common case without folding. */
const EXACT: ReadonlyMap<string, InterCode> = new Map([
  ['State forces', 1],
  ['Rebel group', 2],
  ['Political militia', 3],
  ['Identity militia', 4],
  ['Rioters', 5],
  ['Protesters', 6],
  ['Civilians', 7],
  ['External/Other forces', 8],
]);

const LABELS: ReadonlyMap<string, InterCode> = (() => {
  const labels = new Map<string, InterCode>();
  for (const [code, label] of Object.entries(INTER_CODES)) {
    const inter = Number(code);
    if (!isInterCode(inter)) continue;
    for (const name of [label.en, label.fr]) {
      const folded = foldName(name);
      labels.set(folded, inter);
      // "Rebel groups" and "Rebel group", "Civilians" and "Civilian".
      labels.set(folded.replace(/s\b/g, ''), inter);
    }
  }
  labels.set(foldName('External/Other force'), 8);
  labels.set(foldName('Other forces'), 8);
  return labels;
})();

/** Reads one inter cell (already known not to be blank). */
export function parseInterCode(text: string): InterReading {
  const exact = EXACT.get(text);
  if (exact !== undefined) return exact;
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n === 0) return null;
    return isInterCode(n) ? n : undefined;
  }
  const folded = foldName(text);
  return LABELS.get(folded) ?? LABELS.get(folded.replace(/s\b/g, ''));
}

/**
 * Reads an interaction cell: a number such as 13 (tens and units each 0–8, tens not 0), or a text pair
 * of actor types. Null when the text is neither.
 */
export function parseInteraction(text: string): number | null {
  if (/^\d{2}$/.test(text)) {
    const n = Number(text);
    const tens = Math.floor(n / 10);
    const units = n % 10;
    return tens >= 1 && tens <= 8 && units <= 8 ? n : null;
  }
  const only = /^(.+?)\s+only$/i.exec(text);
  if (only !== null) {
    const alone = parseInterCode(only[1] ?? '');
    return alone === null || alone === undefined ? null : interactionCode(alone, null);
  }
  const parts = text.split('-');
  if (parts.length !== 2) return null;
  const a = parseInterCode((parts[0] ?? '').trim());
  const b = parseInterCode((parts[1] ?? '').trim());
  if (a === null || a === undefined || b === null || b === undefined) return null;
  return interactionCode(a, b);
}
