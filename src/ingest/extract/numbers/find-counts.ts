import type { DateLexicons } from '../dates/date-lexicon.ts';
import type { Lang } from '../dates/find-dates.ts';
import { defaultDateLexicons } from '../dates/load-date-lexicons.ts';
import { compileNumberLexicon, type CompiledNumberLexicon } from './compiled-number-lexicon.ts';
import type { CountQualifier } from './count-qualifier.ts';
import { defaultNumberLexicons, type NumberLexicons } from './load-number-lexicons.ts';
import type { NumberLexicon } from './number-lexicon.ts';
import { parseNumberWith } from './parse-number.ts';
import { SPACE, alternationSource, foldPhrase } from './phrase-regex.ts';

export type { CountQualifier } from './count-qualifier.ts';
export { parseNumber } from './parse-number.ts';

/** A number in a text, in digits or words, with what the text says about it. */
export interface CountMention {
  /** The span in the input, qualifier included ("au moins 12"). */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** The best reading: the number itself, the lower end of a range (ACLED codes the lowest figure). */
  readonly value: number;
  readonly qualifier: CountQualifier;
  /**
   * Bounds: a range gives both; at-least and more-than give low = value; up-to gives high = value;
   * exact and about give null for both.
   */
  readonly low: number | null;
  readonly high: number | null;
  /**
   * Set on a four-digit number from 1900 to 2035 that reads as a year ("depuis 2015", "en 2019",
   * "September 2021", a year closing a sentence). Such a mention is still returned, so that a caller can
   * show it, but it is not a count of anything.
   */
  readonly likelyYear?: boolean;
}

interface CountMatcher {
  readonly lexicon: CompiledNumberLexicon;
  /** One pass over the text: groups 1 junk, 2 qualifier, 3 range opener, 4 number, 5 joiner, 6 number. */
  readonly scan: RegExp;
  /** Sticky: a unit or a date word right after a number (then it is not a count). */
  readonly notCountAfter: RegExp;
  /** Sticky: a noun after which an article counts as one. */
  readonly countNounAfter: RegExp;
  /** Folded months and weekdays: a number just after one is a day or a year. */
  readonly dateWords: ReadonlySet<string>;
  /** Folded words before a year ("en", "since"). */
  readonly yearWords: ReadonlySet<string>;
  readonly revisionBefore: RegExp;
  readonly rangeOpeners: ReadonlyMap<string, ReadonlySet<string>>;
  readonly rangeConnectors: ReadonlySet<string>;
}

const matchers = new WeakMap<NumberLexicon, CountMatcher>();

/**
 * Things made of digits that are not counts, consumed whole so that their parts are not read as numbers:
 * dates (12/09/2021, 2017-10-25), phone numbers (+226 70 12 34 56), clock times (10:30).
 */
const JUNK =
  '\\d+(?:[/.\\-]\\d+){2,}' +
  '|\\+?\\d{2,4}(?:[ \\u00a0.]\\d{2}(?!\\d)){3,}' +
  '|\\d{1,2}:\\d{2}(?::\\d{2})?';

function words(list: Iterable<string>): string {
  return alternationSource(list);
}

function matcherFor(
  numbers: NumberLexicon,
  months: readonly string[],
  weekdays: readonly string[],
): CountMatcher {
  const found = matchers.get(numbers);
  if (found !== undefined) return found;
  const lexicon = compileNumberLexicon(numbers);
  const number = `(?:${lexicon.digitsSource}|${lexicon.wordsSource})`;
  const afterElision = `(?:${SPACE}+|(?<=['’ʼ]))`;
  const joiners = new Set<string>(numbers.rangeConnectors);
  for (const list of Object.values(numbers.rangeOpeners)) for (const w of list) joiners.add(w);
  const joiner = [...joiners]
    .map((j) => (/\p{L}/u.test(j) ? `${SPACE}+${words([j])}${SPACE}+` : `${SPACE}*${words([j])}${SPACE}*`))
    .join('|');
  const scan = new RegExp(
    `(?<![\\p{L}\\p{N}_=/#@.,:+'’\\-])(?:(${JUNK})|` +
      `(?:(${words(Object.keys(numbers.qualifiers))})${afterElision})?` +
      `(?:(${words(Object.keys(numbers.rangeOpeners))})${SPACE}+)?` +
      `(${number})(?:(${joiner})(${number}))?)(?![\\p{L}\\p{N}_])`,
    'giud',
  );
  const matcher: CountMatcher = {
    lexicon,
    scan,
    notCountAfter: new RegExp(
      `${SPACE}*(?:${words([...numbers.notCountsBefore, ...months])})(?![\\p{L}\\p{N}])`,
      'iuy',
    ),
    countNounAfter: new RegExp(`${SPACE}+${words(numbers.articleCountNouns)}`, 'iuy'),
    dateWords: new Set([...months, ...weekdays].map(foldPhrase)),
    yearWords: new Set(numbers.yearContext.map(foldPhrase)),
    revisionBefore: new RegExp(
      `(?<![\\p{L}])${words(numbers.revisionCues)}${SPACE}+${words(numbers.revisionFrom)}${SPACE}*$`,
      'iu',
    ),
    rangeOpeners: new Map(
      Object.entries(numbers.rangeOpeners).map(([k, v]) => [foldPhrase(k), new Set(v.map(foldPhrase))]),
    ),
    rangeConnectors: new Set(numbers.rangeConnectors.map(foldPhrase)),
  };
  matchers.set(numbers, matcher);
  return matcher;
}

const BEFORE_WINDOW = 40;
const YEAR = /^(?:19\d\d|20[0-2]\d|203[0-5])$/;
const CLOSES_SENTENCE = /^[\s\u00a0\u202f]*(?:[.,;:)»"”]|$)/;
const WORD_OR_NUMBER = /[\p{L}\d]+/gu;

const WORD_BEFORE = /([\p{L}'’.]+)([\s\u00a0\u202f]*,?)[\s\u00a0\u202f]*$/u;

/** The folded word just before a position, and whether a comma stands between. */
function previousWord(text: string, at: number): { readonly word: string; readonly comma: boolean } {
  const found = WORD_BEFORE.exec(text.slice(Math.max(0, at - BEFORE_WINDOW), at));
  if (found === null) return { word: '', comma: false };
  return { word: foldPhrase(found[1] ?? ''), comma: (found[2] ?? '').includes(',') };
}

interface Reading {
  readonly value: number;
  /** Where the read part ends, relative to the start of the number. */
  readonly length: number;
}

/** The longest leading part of a matched number that reads as one number ("deux" of "deux et trois"). */
function readPrefix(text: string, lexicon: CompiledNumberLexicon): Reading | null {
  const whole = parseNumberWith(text, lexicon);
  if (whole !== null) return { value: whole, length: text.length };
  const ends: number[] = [];
  for (const m of text.matchAll(WORD_OR_NUMBER)) ends.push(m.index + m[0].length);
  for (let k = ends.length - 2; k >= 0; k--) {
    const length = ends[k] ?? 0;
    const value = parseNumberWith(text.slice(0, length), lexicon);
    if (value !== null) return { value, length };
  }
  return null;
}

/**
 * Numbers in a text with their qualifiers: "au moins 12" (at-least), "plus d'une vingtaine" (more-than
 * 20), "près de cinquante" (about), "une dizaine" (about 10), "at least 400", "some 30" (about),
 * "between 10 and 15" / "10 à 15" (range, value 10).
 *
 * Not counts, so not returned: ordinals (2e, 3rd, premier), times (10h30, 10:30), dates (12/09/2021, the
 * 12 of "12 septembre", the 8 of "April 8"), phone numbers, ids glued to letters or signs (G5, Covid-19,
 * ?p=97837), numbers before a unit (72 heures, 52 km, 10 jours, 30 %) and vague plurals ("des dizaines",
 * "hundreds": no reliable value, and ACLED's rule of coding them as a figure belongs to the caller). A
 * bare article is one only before a noun of people ("un soldat"), never in "un communiqué".
 * "le bilan est passé de 5 à 20" gives two exact mentions (a revision), not a range.
 */
export function findCounts(
  text: string,
  lang: Lang,
  numbers: NumberLexicons = defaultNumberLexicons(),
  dates: DateLexicons = defaultDateLexicons(),
): CountMention[] {
  const dateLexicon = dates[lang];
  const m0 = matcherFor(numbers[lang], Object.keys(dateLexicon.months), Object.keys(dateLexicon.weekdays));
  const { scan, lexicon } = m0;
  const out: CountMention[] = [];
  scan.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = scan.exec(text)) !== null) {
    const indices = m.indices;
    const first = m[4];
    const firstAt = indices?.[4];
    if (m[1] !== undefined || first === undefined || firstAt === undefined || indices === undefined) continue;
    const reading = readPrefix(first, lexicon);
    if (reading === null) continue;
    const firstEnd = firstAt[0] + reading.length;
    let end = firstEnd;
    let low: number | null = null;
    let high: number | null = null;
    let qualifier: CountQualifier | undefined;
    const opener = m[3] === undefined ? undefined : foldPhrase(m[3]);
    const joiner = m[5] === undefined ? undefined : foldPhrase(m[5]);
    const second = m[6];
    if (reading.length === first.length && joiner !== undefined && second !== undefined) {
      const allowed = opener === undefined ? m0.rangeConnectors : m0.rangeOpeners.get(opener);
      const upper = parseNumberWith(second, lexicon);
      if (allowed?.has(joiner) === true && upper !== null && upper > reading.value) {
        const revision =
          opener === undefined &&
          m0.revisionBefore.test(text.slice(Math.max(0, firstAt[0] - BEFORE_WINDOW), firstAt[0]));
        if (!revision) {
          qualifier = 'range';
          low = reading.value;
          high = upper;
          end = m.index + m[0].length;
        }
      }
    }
    if (end !== m.index + m[0].length) scan.lastIndex = end; // read what follows again
    const leadStart = m[2] !== undefined ? m.index : (indices[3]?.[0] ?? firstAt[0]);
    const spanStart = qualifier === 'range' || m[2] !== undefined ? leadStart : firstAt[0];
    if (qualifier === undefined) {
      const said = m[2] === undefined ? undefined : lexicon.qualifiers.get(foldPhrase(m[2]));
      const approximate = lexicon.approximations.has(foldPhrase(first).split(' ').pop() ?? '');
      qualifier = said ?? (approximate ? 'about' : 'exact');
      if (qualifier === 'at-least' || qualifier === 'more-than') low = reading.value;
      if (qualifier === 'up-to') high = reading.value;
    }
    if (!Number.isInteger(reading.value)) continue;
    m0.notCountAfter.lastIndex = end;
    if (m0.notCountAfter.test(text)) continue;
    const numberText = text.slice(firstAt[0], firstEnd);
    if (reading.value === 1 && lexicon.articles.has(foldPhrase(numberText))) {
      m0.countNounAfter.lastIndex = end;
      if (!m0.countNounAfter.test(text)) continue; // "un communiqué": an article, not a count
    }
    const before = qualifier === 'exact' ? previousWord(text, spanStart) : { word: '', comma: false };
    let likelyYear = false;
    if (qualifier === 'exact' && YEAR.test(numberText)) {
      likelyYear =
        m0.yearWords.has(before.word) ||
        m0.dateWords.has(before.word) ||
        CLOSES_SENTENCE.test(text.slice(end, end + 3)) ||
        // "November 29, 2020": a day after a month, then the year.
        m0.dateWords.has(monthBeforeDay(text, spanStart));
    } else if (qualifier === 'exact' && !before.comma && m0.dateWords.has(before.word)) {
      continue; // the day of "April 8" or "dimanche 12"
    }
    const mention: CountMention = {
      start: spanStart,
      end,
      text: text.slice(spanStart, end),
      value: reading.value,
      qualifier,
      low,
      high,
    };
    out.push(likelyYear ? { ...mention, likelyYear } : mention);
  }
  return out;
}

/** The folded word before "29, " right before a position ("November" of "November 29, 2020"), or ''. */
function monthBeforeDay(text: string, at: number): string {
  const m = /([\p{L}]+)[\s\u00a0]+\d{1,2}(?:st|nd|rd|th|er)?[\s\u00a0]*,[\s\u00a0]*$/u.exec(
    text.slice(Math.max(0, at - 30), at),
  );
  return m === null ? '' : foldPhrase(m[1] ?? '');
}
