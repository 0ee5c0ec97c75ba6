import type { Party } from '../../src/domain/party.ts';
import type { ReferenceCountry } from '../../src/reference/reference-country.ts';

/** The Liptako-Gourma Charter was signed on 16 September 2023 and entered into force on signature. */
export const CHARTER_IN_FORCE = '2023-09-16';

/** The states parties to the Charter: Mali, Burkina Faso, Niger. */
export const PARTY_ISO3 = ['MLI', 'BFA', 'NER'] as const;

/** The three parties, named as countries.json names them, members from the Charter's entry into force. */
export function buildParties(countries: readonly ReferenceCountry[]): Party[] {
  return PARTY_ISO3.map((iso3) => {
    const c = countries.find((x) => x.iso3 === iso3);
    if (c === undefined) throw new Error(`No country ${iso3}`);
    return { iso3, iso2: c.iso2, name: c.name, memberships: [{ from: CHARTER_IN_FORCE, to: null }] };
  });
}
