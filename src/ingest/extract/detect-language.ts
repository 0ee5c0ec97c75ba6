/** Language stage: French or English, from the commonest function words. */
import type { Lang } from './dates/find-dates.ts';

const FR = new Set([
  'le',
  'la',
  'les',
  'des',
  'du',
  'et',
  'dans',
  'une',
  'est',
  'ont',
  'été',
  'par',
  'pour',
  'sur',
  'au',
  'aux',
  'qui',
  'que',
  'selon',
  'il',
  'ce',
  'à',
]);
const EN = new Set([
  'the',
  'and',
  'of',
  'in',
  'was',
  'were',
  'on',
  'by',
  'for',
  'with',
  'that',
  'from',
  'at',
  'to',
  'is',
  'have',
  'has',
  'an',
  'killed',
  'which',
]);

/** "fr" or "en" by counting function words in the first few thousand characters; French on a tie. */
export function detectLanguage(text: string): Lang {
  let fr = 0;
  let en = 0;
  for (const m of text
    .slice(0, 4000)
    .toLowerCase()
    .matchAll(/\p{L}+/gu)) {
    if (FR.has(m[0])) fr++;
    else if (EN.has(m[0])) en++;
  }
  return en > fr ? 'en' : 'fr';
}
