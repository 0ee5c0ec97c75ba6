import { compileNumberLexicon, type CompiledNumberLexicon } from '../numbers/compiled-number-lexicon.ts';
import { defaultNumberLexicons, type NumberLexicons } from '../numbers/load-number-lexicons.ts';
import type { NumberLexicon } from '../numbers/number-lexicon.ts';
import { parseNumberWith } from '../numbers/parse-number.ts';
import { alternationSource, foldPhrase, foldedMap } from '../numbers/phrase-regex.ts';
import {
  addMonths,
  calendarDay,
  dayNumber,
  isValidDay,
  isoDay,
  parseReference,
  weekdayOf,
  type Reference,
} from './calendar-day.ts';
import type { DateLexicon, DateLexicons, DatePattern, DateUnit } from './date-lexicon.ts';
import { defaultDateLexicons } from './load-date-lexicons.ts';
import { compileTemplate, firstWord, templateFirstWords, type SlotName } from './phrase-template.ts';

export type Lang = 'fr' | 'en';

/** A date expression found in a text, resolved against the publication date where it can be. */
export interface DateMention {
  /** The span in the input. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /**
   * Resolved calendar day YYYY-MM-DD, or null when it can only be resolved against an event date (or
   * there is no publication date to resolve it against). For a coarser precision it is the first day of
   * the period named: the 1st of the month ("août 2021"), the 1st, 11th or 21st for the start, middle or
   * end of a month ("début mars", "mid-March", "fin mars"), the Monday of a week ("la semaine dernière"),
   * the Saturday of a weekend ("last weekend"), 1 January of a year ("depuis 2015"). "il y a trois
   * semaines" is the day three weeks before publication, with precision week.
   */
  readonly date: string | null;
  /** For mentions like "la veille", "le lendemain", "the day before", "two days later": days relative to the event date of the surrounding context. */
  readonly offsetFromEvent: number | null;
  readonly precision: 'day' | 'week' | 'month' | 'year';
  /** 'explicit' (12 septembre 2021), 'weekday' (samedi, ce dimanche 12), 'relative' (hier, il y a dix jours, last weekend, dans la nuit de dimanche à lundi), 'event-relative' (la veille). */
  readonly kind: 'explicit' | 'weekday' | 'relative' | 'event-relative';
  /*
   * Nights ("dans la nuit de dimanche à lundi", "overnight Sunday to Monday", "in the night of 24 to 25
   * October", "cette nuit") are coded on their second day: ACLED codes an overnight attack on the day it
   * ended, and the gold follows it. A span ("entre le 27 et le 31 mars") is coded on its first day.
   */
}

/** A date a day or so after publication is still read in the publication's year (time zones, late pages). */
const FUTURE_TOLERANCE_DAYS = 7;
const UNIT_DAYS: Readonly<Record<DateUnit, number>> = { day: 1, week: 7, month: 30, year: 365 };

/** One way a match can read: an ISO date, an all-digit date or a pattern of the lexicon. */
interface Entry {
  readonly pattern: DatePattern | 'iso' | 'numeric';
  readonly group: number;
  readonly slots: ReadonlyMap<SlotName, readonly number[]>;
}

/** The patterns that can start with one word, as one sticky expression tried at that word only. */
interface WordGroup {
  readonly scan: RegExp;
  readonly entries: readonly Entry[];
}

interface DateMatcher {
  /** By the folded first word of a match (DIGIT for a number in digits). */
  readonly byFirstWord: ReadonlyMap<string, WordGroup>;
  readonly months: ReadonlyMap<string, number>;
  readonly capitalisedMonths: ReadonlySet<string>;
  readonly weekdays: ReadonlyMap<string, number>;
  readonly units: ReadonlyMap<string, DateUnit>;
  readonly articles: ReadonlyMap<string, number>;
  readonly parts: ReadonlyMap<string, number>;
  readonly numbers: CompiledNumberLexicon;
  readonly lexicon: DateLexicon;
}

const matchers = new WeakMap<DateLexicon, DateMatcher>();

/** The first-word key of a number written in digits. */
const DIGIT = '0';
const DAY = '(?:3[01]|[12]\\d|0?[1-9])(?!\\d)(?:er|re|ème|eme|e|st|nd|rd|th)?';
const YEAR = '(?:19|20)\\d{2}(?!\\d)';
const ISO = `(?<![/.\\-])(${YEAR})-(\\d{2})-(\\d{2})(?![/.\\-]?\\d)`;
const NUMERIC = `(?<![/.\\-])(\\d{1,2})[/.](\\d{1,2})[/.](${YEAR})(?![/.\\-]?\\d)`;
const NO_SLOTS: ReadonlyMap<SlotName, readonly number[]> = new Map();

function firstWords(phrases: Iterable<string>): Set<string> {
  return new Set([...phrases].map(firstWord));
}

function matcherFor(lexicon: DateLexicon, numberLexicon: NumberLexicon): DateMatcher {
  const found = matchers.get(lexicon);
  if (found !== undefined) return found;
  const numbers = compileNumberLexicon(numberLexicon);
  const weekday = alternationSource(Object.keys(lexicon.weekdays));
  const slotSources: Record<SlotName, string> = {
    weekday,
    weekday2: weekday,
    day: DAY,
    day2: DAY,
    month: alternationSource(Object.keys(lexicon.months)),
    year: YEAR,
    n: `\\d{1,3}(?!\\d)|${alternationSource(Object.keys(lexicon.articles))}|${numbers.wordsSource}`,
    unit: alternationSource(Object.keys(lexicon.units)),
    part: alternationSource(Object.keys(lexicon.monthParts)),
  };
  const digit = new Set([DIGIT]);
  const weekdayFirsts = firstWords(Object.keys(lexicon.weekdays));
  const slotFirsts: Record<SlotName, ReadonlySet<string>> = {
    weekday: weekdayFirsts,
    weekday2: weekdayFirsts,
    day: digit,
    day2: digit,
    month: firstWords(Object.keys(lexicon.months)),
    year: digit,
    n: new Set([
      DIGIT,
      ...firstWords(Object.keys(lexicon.articles)),
      ...firstWords(Object.keys(numberLexicon.units)),
      ...firstWords(Object.keys(numberLexicon.multipliers)),
      ...firstWords(Object.keys(numberLexicon.approximations)),
      ...firstWords(numberLexicon.articles),
    ]),
    unit: firstWords(Object.keys(lexicon.units)),
    part: firstWords(Object.keys(lexicon.monthParts)),
  };
  // which patterns (by index; -2 ISO, -1 all-digit) may start with each word, in lexicon order
  const starts = new Map<string, number[]>([[DIGIT, [-2, -1]]]);
  lexicon.patterns.forEach((pattern, index) => {
    for (const word of templateFirstWords(pattern.template, slotFirsts)) {
      const list = starts.get(word) ?? [];
      list.push(index);
      starts.set(word, list);
    }
  });
  const groups = new Map<string, WordGroup>();
  const byFirstWord = new Map<string, WordGroup>();
  for (const [word, indices] of starts) {
    const key = indices.join(',');
    let wordGroup = groups.get(key);
    if (wordGroup === undefined) {
      let group = 1;
      const sources: string[] = [];
      const entries: Entry[] = [];
      for (const index of indices) {
        const pattern = lexicon.patterns[index];
        if (pattern === undefined) {
          sources.push(`(${index === -2 ? ISO : NUMERIC})`);
          entries.push({ pattern: index === -2 ? 'iso' : 'numeric', group, slots: NO_SLOTS });
          group += 4;
          continue;
        }
        const compiled = compileTemplate(pattern.template, slotSources, group);
        sources.push(compiled.source);
        entries.push({ pattern, group, slots: compiled.slots });
        group = compiled.nextGroup;
      }
      wordGroup = { scan: new RegExp(`(?:${sources.join('|')})(?![\\p{L}\\p{N}])`, 'iuy'), entries };
      groups.set(key, wordGroup);
    }
    byFirstWord.set(word, wordGroup);
  }
  const matcher: DateMatcher = {
    byFirstWord,
    months: foldedMap(lexicon.months),
    capitalisedMonths: new Set(lexicon.capitalisedMonths.map(foldPhrase)),
    weekdays: foldedMap(lexicon.weekdays),
    units: foldedMap(lexicon.units),
    articles: foldedMap(lexicon.articles),
    parts: foldedMap(lexicon.monthParts),
    numbers,
    lexicon,
  };
  matchers.set(lexicon, matcher);
  return matcher;
}

interface Resolution {
  readonly date: string | null;
  readonly offsetFromEvent: number | null;
  readonly precision: DateMention['precision'];
}

const UNRESOLVED_DAY: Resolution = { date: null, offsetFromEvent: null, precision: 'day' };

function resolved(n: number, precision: DateMention['precision']): Resolution {
  return { date: isoDay(n), offsetFromEvent: null, precision };
}

/** The day a weekday names: the most recent on or before the reference, or the next one after it. */
function weekdayFrom(ref: number, weekday: number, direction: DatePattern['direction']): number {
  if (direction === 'next') return ref + ((weekday - weekdayOf(ref) + 7) % 7 || 7);
  return ref - ((weekdayOf(ref) - weekday + 7) % 7);
}

/**
 * The year of a day and month written without one: the latest year that puts it on or before the
 * publication (give or take FUTURE_TOLERANCE_DAYS); a weekday that contradicts it moves it to the nearest
 * earlier year where the weekday fits. Without a publication date only a weekday can pin the year: the
 * latest year of `undatedYears` where that day falls on that weekday (the corpus is mostly recent), else
 * nothing.
 */
function inferYear(
  day: number,
  month: number,
  weekday: number | undefined,
  ref: Reference | null,
  lexicon: DateLexicon,
): number | null {
  if (ref === null) {
    if (weekday === undefined) return null;
    for (let y = lexicon.undatedYears.to; y >= lexicon.undatedYears.from; y--) {
      if (isValidDay(y, month, day) && weekdayOf(dayNumber(y, month, day)) === weekday) return y;
    }
    return null;
  }
  const refYear = calendarDay(ref.day).year;
  let first: number | null = null;
  for (let y = refYear + 1; y >= refYear - 3; y--) {
    if (!isValidDay(y, month, day)) continue;
    const n = dayNumber(y, month, day);
    if (n > ref.day + FUTURE_TOLERANCE_DAYS) continue;
    if (weekday === undefined || weekdayOf(n) === weekday) return y;
    first ??= y;
  }
  return first;
}

function shift(ref: number, amount: number, unit: DateUnit): number {
  if (unit === 'month') return addMonths(ref, amount);
  if (unit === 'year') return addMonths(ref, amount * 12);
  return ref + amount * UNIT_DAYS[unit];
}

function resolve(
  p: DatePattern,
  slot: (name: SlotName) => string | undefined,
  ref: Reference | null,
  m: DateMatcher,
): Resolution | null {
  const dayRef = ref !== null && ref.precision === 'day' ? ref.day : null;
  if (p.eventOffset !== undefined) return { date: null, offsetFromEvent: p.eventOffset, precision: 'day' };
  const nText = slot('n');
  const unitText = slot('unit');
  if (p.sign !== undefined && nText !== undefined && unitText !== undefined) {
    const unit = m.units.get(foldPhrase(unitText));
    const n = m.articles.get(foldPhrase(nText)) ?? parseNumberWith(nText, m.numbers);
    if (unit === undefined || n === null || !Number.isInteger(n)) return null;
    if (p.kind === 'event-relative') {
      return { date: null, offsetFromEvent: p.sign * n * UNIT_DAYS[unit], precision: unit };
    }
    return dayRef === null
      ? { ...UNRESOLVED_DAY, precision: unit }
      : resolved(shift(dayRef, p.sign * n, unit), unit);
  }
  if (p.days !== undefined) return dayRef === null ? UNRESOLVED_DAY : resolved(dayRef + p.days, 'day');
  if (p.period !== undefined) {
    const precision = p.period.endsWith('month') ? 'month' : p.period.endsWith('year') ? 'year' : 'week';
    if (ref === null || (precision === 'week' && dayRef === null)) {
      return { date: null, offsetFromEvent: null, precision };
    }
    const { year, month } = calendarDay(ref.day);
    const saturday = ref.day - ((weekdayOf(ref.day) + 1) % 7);
    switch (p.period) {
      case 'last-week':
        return resolved(ref.day - ((weekdayOf(ref.day) + 6) % 7) - 7, precision);
      case 'this-week':
        return resolved(ref.day - ((weekdayOf(ref.day) + 6) % 7), precision);
      case 'this-weekend':
        return resolved(saturday, precision);
      case 'last-weekend':
        // on a Saturday or Sunday "last weekend" is the one before; on a weekday, the one just past
        return resolved(
          weekdayOf(ref.day) === 6 || weekdayOf(ref.day) === 0 ? saturday - 7 : saturday,
          precision,
        );
      case 'last-month':
        return resolved(dayNumber(year, month - 1, 1), precision);
      case 'last-year':
        return resolved(dayNumber(year - 1, 1, 1), precision);
    }
  }
  const second = p.pick === 'second';
  const weekdayText = second
    ? (slot('weekday2') ?? (slot('day2') === undefined ? slot('weekday') : undefined))
    : slot('weekday');
  const dayText = second ? (slot('day2') ?? slot('day')) : slot('day');
  const monthText = slot('month');
  const yearText = slot('year');
  const weekday = weekdayText === undefined ? undefined : m.weekdays.get(foldPhrase(weekdayText));
  const day = dayText === undefined ? undefined : Number.parseInt(dayText, 10);
  const month = monthText === undefined ? undefined : m.months.get(foldPhrase(monthText));
  const year = yearText === undefined ? undefined : Number(yearText);
  if (monthText !== undefined) {
    // "may" and "march" are months only when capitalised
    const first = monthText.charAt(0);
    if (m.capitalisedMonths.has(foldPhrase(monthText)) && first === first.toLowerCase()) return null;
  }
  if (day !== undefined && month !== undefined) {
    const y = year ?? inferYear(day, month, weekday, ref, m.lexicon);
    if (y === null) return isValidDay(2000, month, day) ? UNRESOLVED_DAY : null;
    return isValidDay(y, month, day) ? resolved(dayNumber(y, month, day), 'day') : null;
  }
  if (day !== undefined && weekday !== undefined) {
    if (dayRef === null) return UNRESOLVED_DAY;
    // "ce dimanche 12": the latest Sunday the 12th on or before publication, within a year
    for (let k = 0; k <= 12; k++) {
      const { year: y, month: mo } = calendarDay(addMonths(dayRef, -k));
      if (!isValidDay(y, mo, day)) continue;
      const n = dayNumber(y, mo, day);
      if (n <= dayRef && weekdayOf(n) === weekday) return resolved(n, 'day');
    }
    return UNRESOLVED_DAY;
  }
  if (weekday !== undefined) {
    return dayRef === null ? UNRESOLVED_DAY : resolved(weekdayFrom(dayRef, weekday, p.direction), 'day');
  }
  if (month !== undefined) {
    const part = slot('part');
    const start = part === undefined ? 1 : (m.parts.get(foldPhrase(part)) ?? 1);
    if (year !== undefined) return resolved(dayNumber(year, month, start), 'month');
    if (ref === null) return { date: null, offsetFromEvent: null, precision: 'month' };
    const refYear = calendarDay(ref.day).year;
    const y = dayNumber(refYear, month, start) <= ref.day + FUTURE_TOLERANCE_DAYS ? refYear : refYear - 1;
    return resolved(dayNumber(y, month, start), 'month');
  }
  if (year !== undefined) return resolved(dayNumber(year, 1, 1), 'year');
  return null;
}

function numericDate(day: number, month: number, year: number): Resolution | null {
  return isValidDay(year, month, day) ? resolved(dayNumber(year, month, day), 'day') : null;
}

/**
 * Date expressions of a French or English text: full dates with or without a year, all-digit dates
 * (day first in French), weekdays, "hier"/"yesterday", nights, "il y a dix jours", "la semaine
 * dernière", "début mars", years after a preposition ("depuis 2015", at year precision), and phrases
 * relative to an event ("la veille", "two days later").
 *
 * `published` (YYYY-MM-DD; YYYY-MM or YYYY when only that is known) anchors the relative ones: a weekday
 * is the most recent such day on or before it. Without it relative mentions are returned unresolved.
 * Times (10h30), phone numbers and ids are not dates. Mentions do not overlap and come in text order.
 */
export function findDates(
  text: string,
  lang: Lang,
  published: string | null,
  lexicons: DateLexicons = defaultDateLexicons(),
  numberLexicons: NumberLexicons = defaultNumberLexicons(),
): DateMention[] {
  const m = matcherFor(lexicons[lang], numberLexicons[lang]);
  const ref = parseReference(published);
  const out: DateMention[] = [];
  const length = text.length;
  let i = 0;
  // Walk the words; only where a word can start a pattern is the (small) expression for it tried.
  while (i < length) {
    const c = text.charCodeAt(i);
    if (!isWordChar(c)) {
      i++;
      continue;
    }
    let j = i + 1;
    let ascii = c < 128;
    for (let d = text.charCodeAt(j); j < length && isWordChar(d); d = text.charCodeAt(++j)) {
      if (d >= 128) ascii = false;
    }
    const word =
      c >= 48 && c <= 57 ? DIGIT : ascii ? text.slice(i, j).toLowerCase() : foldPhrase(text.slice(i, j));
    const group = m.byFirstWord.get(word);
    if (group !== undefined) {
      group.scan.lastIndex = i;
      const found = group.scan.exec(text);
      const mention = found === null ? null : mentionOf(found, group, m, ref);
      if (mention !== null) {
        out.push(mention);
        i = mention.end;
        continue;
      }
    }
    i = j;
  }
  return out;
}

/** Letters and digits: ASCII, Latin-1 and Latin Extended directly, anything else by its Unicode class. */
function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  if (c < 0xc0) return false;
  if (c < 0x250) return c !== 0xd7 && c !== 0xf7;
  return LETTER.test(String.fromCharCode(c));
}

const LETTER = /[\p{L}\p{N}]/u;

function mentionOf(
  found: RegExpExecArray,
  group: WordGroup,
  m: DateMatcher,
  ref: Reference | null,
): DateMention | null {
  const entry = group.entries.find((e) => found[e.group] !== undefined);
  if (entry === undefined) return null;
  let resolution: Resolution | null;
  let kind: DateMention['kind'] = 'explicit';
  const g = entry.group;
  if (entry.pattern === 'iso') {
    resolution = numericDate(Number(found[g + 3]), Number(found[g + 2]), Number(found[g + 1]));
  } else if (entry.pattern === 'numeric') {
    const a = Number(found[g + 1]);
    const b = Number(found[g + 2]);
    const year = Number(found[g + 3]);
    const dayFirst = m.lexicon.numericOrder === 'dmy' ? b <= 12 || a > 12 : a > 12;
    resolution = dayFirst ? numericDate(a, b, year) : numericDate(b, a, year);
  } else {
    const slot = (name: SlotName): string | undefined => {
      for (const s of entry.slots.get(name) ?? []) if (found[s] !== undefined) return found[s];
      return undefined;
    };
    kind = entry.pattern.kind;
    resolution = resolve(entry.pattern, slot, ref, m);
  }
  if (resolution === null) return null;
  return {
    start: found.index,
    end: found.index + found[0].length,
    text: found[0],
    date: resolution.date,
    offsetFromEvent: resolution.offsetFromEvent,
    precision: resolution.precision,
    kind,
  };
}
