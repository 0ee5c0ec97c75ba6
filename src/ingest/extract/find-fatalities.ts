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

/**
 * The death tolls among a text's counts. A count is a toll when a death word follows it or a killing
 * word precedes it; "killed a chief and two others" adds the one; in "seven people, including three
 * workers, were killed" the seven is the toll and the three a part of it; a count joined by a comma or
 * "and" to a following toll is one too, and they add up ("two gendarmes, one VDP and two militants
 * were killed").
 */
export function findDeathTolls(
  text: string,
  counts: readonly CountMention[],
  dict: ExtractDictionaries,
): DeathToll[] {
  const out: DeathToll[] = [];
  const parts = new Set<CountMention>();
  const tollOf = new Map<CountMention, DeathToll>();
  const usable = (c: CountMention): boolean => c.value > 0 && c.value <= 100_000 && c.likelyYear !== true;
  for (const c of counts) {
    if (parts.has(c) || !usable(c)) continue;
    const afterRaw = text.slice(c.end, c.end + 120);
    const afterText = clause(afterRaw.slice(0, 90)).trimStart();
    const beforeText = text.slice(Math.max(0, c.start - 100), c.start);
    const strongKill = dict.killVerbBefore.test(beforeText);
    const oneMore = dict.oneAndMore.test(text.slice(Math.max(0, c.start - 80), c.start));
    const including = dict.including.test(afterRaw) && dict.deathWords.test(clause(afterRaw));
    if (
      !strongKill &&
      !oneMore &&
      !including &&
      !(dict.ellipsis.test(afterRaw) && out.length > 0) &&
      dict.stopAfter.test(afterText) &&
      !dict.deathAfter.test(afterText.slice(0, 12))
    )
      continue;
    // "32 were killed in X and 73 in Y": a count before a place, after a toll of the same sentence.
    const ellipsis = dict.ellipsis.test(afterRaw) && out.some((t) => t.end <= c.start);
    const death =
      ellipsis ||
      strongKill ||
      oneMore ||
      including ||
      dict.deathAfter.test(afterText) ||
      dict.killBefore.test(beforeText) ||
      (SIDE_AFTER.test(afterText) && dict.deathWords.test(text.slice(Math.max(0, c.start - 120), c.start)));
    if (!death) continue;
    if (including) {
      // The counts of the "including …" clause are parts of this toll.
      const end = c.end + clause(afterRaw).length;
      for (const d of counts) if (d.start > c.end && d.start < end) parts.add(d);
    }
    const toll: DeathToll = {
      value: c.value + (oneMore ? 1 : 0),
      side: ellipsis
        ? (out.at(-1)?.side ?? 'generic')
        : sideOf(beforeText.slice(-30), afterText.slice(0, 40), dict),
      start: c.start,
      end: c.end,
      // "32 in X and 73 in Y": tolls of two places add up.
      additional: ellipsis || ADDITIONAL_AFTER.test(afterText) || ADDITIONAL_BEFORE.test(beforeText),
    };
    out.push(toll);
    tollOf.set(c, toll);
  }
  // "two gendarmes, one VDP and two militants were killed": counts joined to a toll are tolls, added.
  for (let i = counts.length - 2; i >= 0; i--) {
    const c = counts[i];
    const next = counts[i + 1];
    if (c === undefined || next === undefined || !usable(c) || parts.has(c)) continue;
    const following = tollOf.get(next);
    if (following === undefined || tollOf.has(c)) continue;
    if (!dict.enumeration.test(text.slice(c.end, next.start))) continue;
    const afterText = text.slice(c.end, next.start);
    const toll: DeathToll = {
      value: c.value,
      side: sideOf(text.slice(Math.max(0, c.start - 30), c.start), afterText.slice(0, 40), dict),
      start: c.start,
      end: c.end,
      additional: true,
    };
    tollOf.set(c, toll);
    out.push(toll);
    if (following.side === toll.side && !following.additional)
      tollOf.set(next, { ...following, additional: true });
  }
  // "… risen to 28 officers and four civilians": a count joined to a toll before it is one too.
  for (let i = 1; i < counts.length; i++) {
    const c = counts[i];
    const previous = counts[i - 1];
    if (c === undefined || previous === undefined || !usable(c) || parts.has(c) || tollOf.has(c)) continue;
    const before = tollOf.get(previous);
    if (before === undefined || !dict.enumeration.test(text.slice(previous.end, c.start))) continue;
    const afterText = clause(text.slice(c.end, c.end + 90)).trimStart();
    if (dict.stopAfter.test(afterText)) continue;
    tollOf.set(previous, { ...before, additional: true });
    tollOf.set(c, {
      value: c.value,
      side: sideOf('', afterText.slice(0, 40), dict),
      start: c.start,
      end: c.end,
      additional: true,
    });
  }
  // Keep text order; an enumeration's members add up.
  const members = new Set([...tollOf.values()]);
  return [...members].sort((a, b) => a.start - b.start);
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
  // "Two more", "seven others" add to the toll told just before ("15 dead … seven others were killed").
  let last: { side: Side; value: number } | null = null;
  for (const t of tolls) {
    const prev = bySide.get(t.side) ?? 0;
    if (!t.additional) {
      bySide.set(t.side, Math.max(prev, t.value));
      last = { side: t.side, value: t.value };
      continue;
    }
    const base: { side: Side; value: number } | null =
      last !== null && (last.side === t.side || last.side === 'generic') ? last : null;
    const side: Side = base?.side ?? t.side;
    const value: number = (base?.value ?? prev) + t.value;
    bySide.set(side, Math.max(bySide.get(side) ?? 0, value));
    last = { side, value };
  }
  return bySide;
}

/** ACLED's fatalities of an incident from its tolls and text. */
export function totalFatalities(
  tolls: readonly DeathToll[],
  text: string,
  dict: ExtractDictionaries,
): number | null {
  // ACLED says it outright: "unknown fatalities coded as 10", "fatalities are split across 5 events".
  const coded = text.includes('coded as') ? dict.codedToll.exec(text) : null;
  const split = /split|divided|distributed|spread/.test(text) ? dict.splitAcross.exec(text) : null;
  const parts = split === null ? 1 : (SMALL_NUMBERS[(split[1] ?? '').toLowerCase()] ?? Number(split[1]));
  const total = coded !== null ? Number(coded[1]) : totalOf(tolls, text, dict);
  if (total === null || !Number.isFinite(parts) || parts < 2) return total;
  return Math.floor(total / parts);
}

const SMALL_NUMBERS: Readonly<Record<string, number>> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
};

function totalOf(tolls: readonly DeathToll[], text: string, dict: ExtractDictionaries): number | null {
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
