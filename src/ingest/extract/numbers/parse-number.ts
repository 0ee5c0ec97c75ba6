import type { Lang } from '../dates/find-dates.ts';
import { compileNumberLexicon, type CompiledNumberLexicon } from './compiled-number-lexicon.ts';
import { defaultNumberLexicons, type NumberLexicons } from './load-number-lexicons.ts';
import { foldPhrase } from './phrase-regex.ts';

const THOUSANDS = /^\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+$/;
const DECIMAL = /^\d+(?:[.,]\d+)?$/;
const DIGITS_THEN_WORD = /^(\d[\d \u00a0\u202f.,]*?)[\s\u00a0\u202f]*(\p{L}+)?$/u;
const NOT_DIGIT = /\D/g;

function parseDigits(text: string): number | null {
  if (THOUSANDS.test(text)) return Number(text.replace(NOT_DIGIT, ''));
  if (DECIMAL.test(text)) return Number(text.replace(',', '.'));
  return null;
}

/**
 * Whether a unit word may follow what came before it in the same hundred: "vingt-deux", "dix-sept",
 * "soixante-quinze", "quatre-vingt-dix-neuf", "cent trente" yes; "deux trois", "trente vingt" no.
 */
function canFollow(last: number, value: number): boolean {
  if (last >= 100) return value < 100;
  if (last >= 20 && last % 10 === 0) return value < 10 || ((last === 60 || last === 80) && value < 20);
  if (last === 10) return value < 10;
  return false;
}

/** Reads number words (already folded and split); null when they are not one well-formed number. */
export function parseNumberWords(words: readonly string[], lexicon: CompiledNumberLexicon): number | null {
  let total = 0;
  let current = 0;
  let last = Number.POSITIVE_INFINITY;
  let lastBig = Number.POSITIVE_INFINITY;
  let numeral = false;
  let i = 0;
  if (words.length > 1 && lexicon.articles.has(words[0] ?? '') && !lexicon.units.has(words[0] ?? '')) i = 1;
  while (i < words.length) {
    const word = words[i] ?? '';
    if (lexicon.connectors.has(word)) {
      if (!numeral || i === words.length - 1) return null;
      i++;
      continue;
    }
    let unit: number | undefined;
    let width = 1;
    for (let n = Math.min(lexicon.longestUnit, words.length - i); n >= 1 && unit === undefined; n--) {
      unit = lexicon.units.get(n === 1 ? word : words.slice(i, i + n).join(' '));
      width = n;
    }
    if (unit !== undefined) {
      if (numeral && !canFollow(last, unit)) return null;
      current += unit;
      last = unit;
      numeral = true;
      i += width;
      continue;
    }
    const multiplier = lexicon.multipliers.get(word);
    const large = lexicon.largeMultipliers.get(word);
    const approximation = lexicon.approximations.get(word);
    if (multiplier !== undefined && multiplier < 1000) {
      if (current >= multiplier) return null;
      current = (current === 0 ? 1 : current) * multiplier;
      last = multiplier;
    } else if (multiplier !== undefined || large !== undefined) {
      const value = multiplier ?? large ?? 0;
      if (value >= lastBig || (numeral && current === 0 && total > 0)) return null;
      total += (current === 0 ? 1 : current) * value;
      current = 0;
      last = value;
      lastBig = value;
    } else if (approximation !== undefined && i === words.length - 1 && total === 0 && current <= 1) {
      current = approximation;
    } else {
      return null;
    }
    numeral = true;
    i++;
  }
  return numeral ? total + current : null;
}

/** parseNumber against one compiled lexicon (the form the other stages call in their loops). */
export function parseNumberWith(text: string, lexicon: CompiledNumberLexicon): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const digits = DIGITS_THEN_WORD.exec(trimmed);
  if (digits !== null) {
    const value = parseDigits(digits[1] ?? '');
    if (value === null) return null;
    if (digits[2] === undefined) return value;
    const large = lexicon.largeMultipliers.get(foldPhrase(digits[2]));
    return large === undefined ? null : Math.round(value * large);
  }
  return parseNumberWords(foldPhrase(trimmed).split(' '), lexicon);
}

/**
 * The value of a number written in digits or words: "cent trente-deux" → 132, "quatre-vingt-dix-neuf" →
 * 99, "1 400" / "1.400" / "1,400" → 1400, "une centaine" → 100, "a dozen" → 12, "two hundred and five" →
 * 205, "1,5 million" → 1500000. Null when the text is not one number.
 */
export function parseNumber(
  text: string,
  lang: Lang,
  lexicons: NumberLexicons = defaultNumberLexicons(),
): number | null {
  return parseNumberWith(text, compileNumberLexicon(lexicons[lang]));
}
