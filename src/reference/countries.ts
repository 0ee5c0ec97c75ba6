import { loadReference } from './load-reference.ts';

/**
 * ISO3 of a country given by ISO2, ISO3 or numeric code, or by its English, French or ACLED name
 * ("Ivory Coast", "Côte d'Ivoire", "CI", "CIV" → "CIV"); null when unknown.
 */
export function countryIso3(nameOrCode: string): string | null {
  return loadReference().countries.iso3Of(nameOrCode);
}
