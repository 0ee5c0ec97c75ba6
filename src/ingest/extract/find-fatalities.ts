/**
 * Fatality stage: the deaths an incident's text reports, as ACLED counts them: every side's dead added
 * up (soldiers and assailants), one side's several tolls read as alternatives (the highest, usually the
 * headline or the latest), "no casualties" or no word of death as 0, death without a number as null.
 */
import { foldName } from '../../domain/place.ts';
import type { ExtractDictionaries, VictimSide } from './extract-dictionaries.ts';
import type { CountMention } from './numbers/find-counts.ts';

type Side = VictimSide | 'generic';

export interface DeathToll {
  readonly value: number;
  readonly side: Side;
  readonly start: number;
  readonly end: number;
  /** "two more", "another three": adds to the same side instead of replacing its toll. */
  readonly additional: boolean;
}

const ADDITIONAL_AFTER = /^\s*(?:more|other|others|additional|further|autres|supplémentaires|de plus)\b/iu;
const ADDITIONAL_BEFORE = /\b(?:another|also|a further|encore|également|aussi)\s+(?:\p{L}+\s+){0,2}$/iu;
const SIDE_AFTER = /^\s*(?:du\s+)?c[ôo]t[ée]s?\s+/iu;

/** The death tolls among a text's counts. */
export function findDeathTolls(
  text: string,
  counts: readonly CountMention[],
  dict: ExtractDictionaries,
): DeathToll[] {
  const out: DeathToll[] = [];
  for (const c of counts) {
    if (c.value <= 0 || c.value > 100_000) continue;
    const afterText = clause(text.slice(c.end, c.end + 90)).trimStart();
    const beforeText = text.slice(Math.max(0, c.start - 60), c.start);
    if (dict.stopAfter.test(afterText) && !dict.deathAfter.test(afterText.slice(0, 12))) continue;
    const death =
      dict.deathAfter.test(afterText) ||
      dict.killBefore.test(beforeText) ||
      (SIDE_AFTER.test(afterText) && dict.deathWords.test(text.slice(Math.max(0, c.start - 120), c.start)));
    if (!death) continue;
    out.push({
      value: c.value,
      side: sideOf(beforeText.slice(-30), afterText.slice(0, 40), dict),
      start: c.start,
      end: c.end,
      additional: ADDITIONAL_AFTER.test(afterText) || ADDITIONAL_BEFORE.test(beforeText),
    });
  }
  return out;
}

function clause(s: string): string {
  const cut = s.search(/[.;!?\n]|,\s*(?:and|et|while|tandis)\b/u);
  return cut < 0 ? s : s.slice(0, cut);
}

function sideOf(before: string, after: string, dict: ExtractDictionaries): Side {
  const words = foldName(after).split(' ').slice(0, 6);
  for (let n = 3; n >= 1; n--)
    for (let i = 0; i + n <= words.length; i++) {
      const side = dict.victims.get(words.slice(i, i + n).join(' '));
      if (side !== undefined) return side;
    }
  const prev = foldName(before).split(' ').slice(-4);
  for (let n = 3; n >= 1; n--)
    for (let i = 0; i + n <= prev.length; i++) {
      const side = dict.victims.get(prev.slice(i, i + n).join(' '));
      if (side !== undefined) return side;
    }
  return 'generic';
}

/** Deaths by side: each side's tolls read as alternatives (the highest), "more" tolls added. */
export function deathsBySide(tolls: readonly DeathToll[]): Map<Side, number> {
  const bySide = new Map<Side, number>();
  for (const t of tolls) {
    const prev = bySide.get(t.side) ?? 0;
    bySide.set(t.side, t.additional ? prev + t.value : Math.max(prev, t.value));
  }
  return bySide;
}

/** ACLED's fatalities of an incident from its tolls and text. */
export function totalFatalities(
  tolls: readonly DeathToll[],
  text: string,
  dict: ExtractDictionaries,
): number | null {
  if (tolls.length === 0) {
    if (dict.noCasualties.test(text)) return 0;
    if (dict.oneVictim.test(text) || dict.singularDeath.test(text)) return 1;
    return dict.deathWords.test(text) ? null : 0;
  }
  const bySide = deathsBySide(tolls);
  let specific = 0;
  for (const [side, v] of bySide) if (side !== 'generic') specific += v;
  const generic = bySide.get('generic') ?? 0;
  return Math.max(specific, generic);
}
