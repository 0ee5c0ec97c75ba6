import type { CountQualifier } from './count-qualifier.ts';
import type { NumberLexicon } from './number-lexicon.ts';
import { SPACE, alternationSource, foldPhrase, foldedMap } from './phrase-regex.ts';

/** A number lexicon turned into lookup tables and regular-expression sources, built once per lexicon. */
export interface CompiledNumberLexicon {
  readonly units: ReadonlyMap<string, number>;
  readonly multipliers: ReadonlyMap<string, number>;
  readonly largeMultipliers: ReadonlyMap<string, number>;
  readonly approximations: ReadonlyMap<string, number>;
  readonly connectors: ReadonlySet<string>;
  readonly articles: ReadonlySet<string>;
  readonly qualifiers: ReadonlyMap<string, CountQualifier>;
  /** The longest multi-word unit key, in words ("quatre vingts" = 2). */
  readonly longestUnit: number;
  /** A number written in words, approximations first: "une vingtaine", "cent trente-deux". */
  readonly wordsSource: string;
  /** A number written in digits, with French or English separators, and an optional "million". */
  readonly digitsSource: string;
}

const cache = new WeakMap<NumberLexicon, CompiledNumberLexicon>();

/** Digits with thousands groups of exactly three after a 1-3 digit head, else plain digits or a decimal. */
const DIGITS = `(?:\\d{1,3}(?:[ \\u00a0\\u202f.,]\\d{3})+(?!\\d)|\\d+(?:[.,]\\d+)?)`;

export function compileNumberLexicon(lexicon: NumberLexicon): CompiledNumberLexicon {
  const found = cache.get(lexicon);
  if (found !== undefined) return found;
  const units = foldedMap(lexicon.units);
  const word = alternationSource([...Object.keys(lexicon.units), ...Object.keys(lexicon.multipliers)]);
  const article = alternationSource(lexicon.articles);
  const connector = alternationSource(lexicon.connectors);
  const large = alternationSource(Object.keys(lexicon.largeMultipliers));
  const approximation = alternationSource(Object.keys(lexicon.approximations));
  const join = `(?:${SPACE}+|[-‐‑])`;
  const sequence = `${word}(?:${join}(?:${connector}${join})?${word})*`;
  const compiled: CompiledNumberLexicon = {
    units,
    multipliers: foldedMap(lexicon.multipliers),
    largeMultipliers: foldedMap(lexicon.largeMultipliers),
    approximations: foldedMap(lexicon.approximations),
    connectors: new Set(lexicon.connectors.map(foldPhrase)),
    articles: new Set(lexicon.articles.map(foldPhrase)),
    qualifiers: foldedMap(lexicon.qualifiers),
    longestUnit: Math.max(1, ...[...units.keys()].map((k) => k.split(' ').length)),
    wordsSource:
      `(?:(?:${article}|${word})${SPACE}+)?${approximation}` +
      `|(?:${article}${SPACE}+)?${sequence}(?:${SPACE}+${large})?`,
    digitsSource: `${DIGITS}(?:${SPACE}*${large})?`,
  };
  cache.set(lexicon, compiled);
  return compiled;
}
