/**
 * Small literal tables standing in for the reference data in tests: countries, actors' inter codes and
 * a gazetteer of a few places (invented entries, real place names).
 */
import type { InterCode } from '../../src/domain/acled-taxonomy.ts';
import type { GeocodeQuery, GeocodeResult, MappingContext } from '../../src/ingest/mapping-context.ts';

const COUNTRIES: Readonly<Record<string, string>> = {
  Mali: 'MLI',
  'Burkina Faso': 'BFA',
  Niger: 'NER',
  '466': 'MLI',
  '854': 'BFA',
  '562': 'NER',
};

const ACTORS: Readonly<Record<string, InterCode>> = {
  'Military Forces of Mali (2021-)': 1,
  'Military Forces of Burkina Faso (2022-)': 1,
  'Military Forces of Niger (2023-)': 1,
  'Government of Mali': 1,
  'Government of Burkina Faso': 1,
  'JNIM: Jamaah Nusrat al-Islam wal Muslimin': 2,
  JNIM: 2,
  'Islamic State (Sahel)': 2,
  'IS Sahel': 2,
  'Dozo Communal Militia (Mali)': 4,
  'Rioters (Niger)': 5,
  'Protesters (Niger)': 6,
  'Civilians (Mali)': 7,
  'Civilians (Burkina Faso)': 7,
  'Civilians (Niger)': 7,
};

const GAZETTEER: Readonly<Record<string, GeocodeResult>> = {
  'MLI:Boni': { latitude: 15.0719, longitude: -2.2139, admin1: 'Mopti', admin2: 'Douentza' },
  'BFA:Arbinda': { latitude: 14.2306, longitude: -0.8681, admin1: 'Sahel', admin2: 'Soum' },
  'NER:Ayorou': { latitude: 14.7308, longitude: 0.9186, admin1: 'Tillaberi', admin2: 'Tillaberi' },
};

/** The test tables as a mapping context; `overrides` replace single entries (status, resolvers, …). */
export function testContext(overrides: Partial<MappingContext> = {}): MappingContext {
  return {
    countryIso3: (name) => COUNTRIES[name] ?? null,
    resolveInter: (actor) => ACTORS[actor] ?? null,
    geocode: (query: GeocodeQuery) => GAZETTEER[`${query.country}:${query.location}`] ?? null,
    ...overrides,
  };
}
