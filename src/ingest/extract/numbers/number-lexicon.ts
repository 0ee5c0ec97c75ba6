import type { CountQualifier } from './count-qualifier.ts';

/**
 * The number vocabulary of one language, as stored in data/extract/numbers-<lang>.json. Adding a word,
 * a qualifier or a unit is a data change: the stage compiles its patterns from these lists.
 */
export interface NumberLexicon {
  /** Words that add their value: "trois", "vingt", "quatre vingts" (multi-word keys allowed). */
  readonly units: Readonly<Record<string, number>>;
  /** Words that multiply what precedes them: "cent", "mille", "hundred". */
  readonly multipliers: Readonly<Record<string, number>>;
  /** "million", "milliard": multiply everything before them, digits included ("1,5 million"). */
  readonly largeMultipliers: Readonly<Record<string, number>>;
  /** Words allowed between number words: "vingt et un", "two hundred and five". */
  readonly connectors: readonly string[];
  /** Indefinite articles: a number only before a multiplier or an approximation ("une centaine", "a hundred"). */
  readonly articles: readonly string[];
  /** Nouns after which a bare article counts as one ("un soldat", "une personne"). */
  readonly articleCountNouns: readonly string[];
  /** Collective nouns of an approximate quantity: "une vingtaine" is about 20. */
  readonly approximations: Readonly<Record<string, number>>;
  /** Plurals that give no count ("des dizaines", "hundreds"): recognised so that they are not misread. */
  readonly vague: readonly string[];
  /** Phrases before a number and what they say about it ("au moins" → at-least). */
  readonly qualifiers: Readonly<Record<string, CountQualifier>>;
  /** Words opening a range, each with the words that may join its two ends ("entre" … "et"). */
  readonly rangeOpeners: Readonly<Record<string, readonly string[]>>;
  /** Words joining the two ends of a range without an opener ("10 à 15", "two or three"). */
  readonly rangeConnectors: readonly string[];
  /** "de"/"from" before the first number of a revision ("le bilan est passé de 5 à 20"). */
  readonly revisionFrom: readonly string[];
  /** Verbs announcing a revised toll: "passé de 5 à 20" is two tolls, not a range. */
  readonly revisionCues: readonly string[];
  /** Units and measures after which a number is not a count of people or things (km, heures, %). */
  readonly notCountsBefore: readonly string[];
  /** Words before a year ("en 2019", "since 2015"). */
  readonly yearContext: readonly string[];
}
