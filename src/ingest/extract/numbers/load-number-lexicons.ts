import { readFileSync } from 'node:fs';
import type { Lang } from '../dates/find-dates.ts';
import type { NumberLexicon } from './number-lexicon.ts';

/** The folder of the shipped extraction dictionaries (data/extract at the repository root). */
export const EXTRACT_DATA_DIR = new URL('../../../../data/extract/', import.meta.url);

export type NumberLexicons = Readonly<Record<Lang, NumberLexicon>>;

/** Reads numbers-fr.json and numbers-en.json from a folder (the shipped one by default). */
export function loadNumberLexicons(dir: URL = EXTRACT_DATA_DIR): NumberLexicons {
  // The files are data of this repository, checked by test/extract/numbers-lexicon.test.ts.
  const read = (lang: Lang): NumberLexicon =>
    JSON.parse(readFileSync(new URL(`numbers-${lang}.json`, dir), 'utf8')) as NumberLexicon;
  return { fr: read('fr'), en: read('en') };
}

let shipped: NumberLexicons | undefined;

/** The shipped dictionaries, read once on first use. */
export function defaultNumberLexicons(): NumberLexicons {
  shipped ??= loadNumberLexicons();
  return shipped;
}
