import { readFileSync } from 'node:fs';
import { EXTRACT_DATA_DIR } from '../numbers/load-number-lexicons.ts';
import type { DateLexicon, DateLexicons } from './date-lexicon.ts';
import type { Lang } from './find-dates.ts';

/** Reads dates-fr.json and dates-en.json from a folder (data/extract by default). */
export function loadDateLexicons(dir: URL = EXTRACT_DATA_DIR): DateLexicons {
  // The files are data of this repository, checked by test/extract/dates-lexicon.test.ts.
  const read = (lang: Lang): DateLexicon =>
    JSON.parse(readFileSync(new URL(`dates-${lang}.json`, dir), 'utf8')) as DateLexicon;
  return { fr: read('fr'), en: read('en') };
}

let shipped: DateLexicons | undefined;

/** The shipped dictionaries, read once on first use. */
export function defaultDateLexicons(): DateLexicons {
  shipped ??= loadDateLexicons();
  return shipped;
}
