import countries from 'i18n-iso-countries';
import { foldName } from '../../src/domain/place.ts';
import type { ReferenceCountry } from '../../src/reference/reference-country.ts';

/** The extra names of acled-country-names.json, by ISO3. */
export interface ExtraCountryNames {
  readonly names: Readonly<Record<string, readonly string[]>>;
  readonly french: Readonly<Record<string, readonly string[]>>;
}

/** Names in order, without repeats after folding and without those already taken. */
function distinct(names: readonly string[], taken: Set<string>): string[] {
  const out: string[] = [];
  for (const name of names) {
    const key = foldName(name);
    if (key === '' || taken.has(key)) continue;
    taken.add(key);
    out.push(name);
  }
  return out;
}

/**
 * Every country of i18n-iso-countries with its English and French names (the library's first name
 * for each, the others as aliases), plus ACLED's English spellings, sorted by ISO3.
 */
export function buildCountries(extra: ExtraCountryNames): ReferenceCountry[] {
  const en = countries.getNames('en', { select: 'all' });
  const fr = countries.getNames('fr', { select: 'all' });
  const known = new Set(Object.keys(en).map((iso2) => countries.alpha2ToAlpha3(iso2)));
  for (const iso3 of [...Object.keys(extra.names), ...Object.keys(extra.french)]) {
    if (!known.has(iso3)) throw new Error(`acled-country-names.json: unknown ISO3 ${iso3}`);
  }
  const out: ReferenceCountry[] = [];
  for (const [iso2, enNames] of Object.entries(en)) {
    const iso3 = countries.alpha2ToAlpha3(iso2);
    const numeric = countries.alpha2ToNumeric(iso2);
    const frNames = fr[iso2] ?? [];
    const nameEn = enNames[0];
    const nameFr = frNames[0];
    if (iso3 === undefined || numeric === undefined || nameEn === undefined || nameFr === undefined) {
      throw new Error(`i18n-iso-countries: incomplete entry for ${iso2}`);
    }
    const taken = new Set([foldName(nameEn), foldName(nameFr)]);
    out.push({
      iso2,
      iso3,
      numeric,
      name: { en: nameEn, fr: nameFr },
      aliases: {
        en: distinct([...enNames.slice(1), ...(extra.names[iso3] ?? [])], taken),
        fr: distinct([...frNames.slice(1), ...(extra.french[iso3] ?? [])], taken),
      },
    });
  }
  return out.sort((a, b) => (a.iso3 < b.iso3 ? -1 : a.iso3 > b.iso3 ? 1 : 0));
}
