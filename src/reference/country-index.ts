import { foldName } from '../domain/place.ts';
import type { ReferenceCountry } from './reference-country.ts';

/**
 * Finds countries by ISO2, ISO3 or numeric code, or by an English, French or ACLED name, ignoring
 * case and accents ("Côte d'Ivoire", "cote-d'ivoire" and "Ivory Coast" are all CIV).
 */
export class CountryIndex {
  readonly #byIso3 = new Map<string, ReferenceCountry>();
  readonly #iso3ByKey = new Map<string, string>();
  readonly #all: readonly ReferenceCountry[];

  constructor(countries: readonly ReferenceCountry[]) {
    this.#all = countries;
    for (const c of countries) this.#byIso3.set(c.iso3, c);
    // Codes first, then names: a name never overrides a code.
    for (const c of countries) {
      for (const code of [c.iso3, c.iso2, c.numeric]) this.#iso3ByKey.set(code.toLowerCase(), c.iso3);
    }
    for (const c of countries) {
      for (const name of [c.name.en, c.name.fr, ...c.aliases.en, ...c.aliases.fr]) {
        const key = foldName(name);
        if (key !== '' && !this.#iso3ByKey.has(key)) this.#iso3ByKey.set(key, c.iso3);
      }
    }
  }

  /** ISO3 of a country given by code or name, or null when unknown. */
  iso3Of(nameOrCode: string): string | null {
    const trimmed = nameOrCode.trim();
    if (trimmed === '') return null;
    const code = this.#iso3ByKey.get(trimmed.toLowerCase());
    if (code !== undefined) return code;
    return this.#iso3ByKey.get(foldName(trimmed)) ?? null;
  }

  byIso3(iso3: string): ReferenceCountry | null {
    return this.#byIso3.get(iso3.toUpperCase()) ?? null;
  }

  /** The country given by code or name, or null when unknown. */
  find(nameOrCode: string): ReferenceCountry | null {
    const iso3 = this.iso3Of(nameOrCode);
    return iso3 === null ? null : this.byIso3(iso3);
  }

  all(): readonly ReferenceCountry[] {
    return this.#all;
  }
}
