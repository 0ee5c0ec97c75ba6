import type { GazetteerRecord } from '../../src/reference/gazetteer-tsv.ts';
import { frenchNameOf, keptAlternateNames } from './place-names.ts';
import type { GeonamesAdminCode, GeonamesRow } from './read-geonames.ts';

/** A correction of one GeoNames row, from gazetteer-corrections.json. */
export interface GazetteerCorrection {
  readonly geonameId: number;
  readonly name: string;
  readonly set: { readonly latitude?: number; readonly longitude?: number };
  readonly reason: string;
}

/** What the build changed or could not place, for SOURCES.md. */
export interface GazetteerReport {
  readonly rows: number;
  /** Rows whose French name differs from their name. */
  readonly frenchNames: number;
  readonly corrected: readonly number[];
  /** Rows whose admin-1 code was taken from their known admin-2 unit (NE "Tillaberi Department" had 08). */
  readonly admin1FromAdmin2: readonly number[];
  /** Admin-1 codes carried by rows but absent from the admin-1 list, with their row counts. */
  readonly unknownAdmin1: Readonly<Record<string, number>>;
  readonly unknownAdmin2: Readonly<Record<string, number>>;
}

/**
 * The gazetteer of every GeoNames feature, sorted by geonameId, with Latin-script alternate names only,
 * a French name where one is recognised, and admin codes written in full ("ML.04", "ML.04.7670549").
 * Admin codes GeoNames leaves unknown ("00", empty) become null; codes absent from the lists (BF's
 * provisional "x24", ML's "77") are kept as written and left out of the admin units.
 */
export function buildGazetteer(
  rows: readonly GeonamesRow[],
  admin1: readonly GeonamesAdminCode[],
  admin2: readonly GeonamesAdminCode[],
  corrections: readonly GazetteerCorrection[],
  iso3Of: (iso2: string) => string,
  countryNameFr: (iso3: string) => string,
): { records: GazetteerRecord[]; report: GazetteerReport } {
  const admin1Codes = new Set(admin1.map((c) => c.code));
  // GeoNames' admin-2 codes are unique within each country here (geonameids in ML and NE, 15–78 in BF).
  const admin2ByLocal = new Map<string, string>();
  for (const c of admin2) {
    const [cc, , local] = c.code.split('.');
    const key = `${cc}.${local}`;
    if (admin2ByLocal.has(key)) throw new Error(`Admin-2 code ${key} is not unique in its country`);
    admin2ByLocal.set(key, c.code);
  }
  const correctionById = new Map(corrections.map((c) => [c.geonameId, c]));
  const corrected: number[] = [];
  const admin1FromAdmin2: number[] = [];
  const unknownAdmin1: Record<string, number> = {};
  const unknownAdmin2: Record<string, number> = {};

  const records = rows.map((row): GazetteerRecord => {
    const cc = row.countryCode;
    let a1 = row.admin1 === '' || row.admin1 === '00' ? null : `${cc}.${row.admin1}`;
    let a2: string | null = null;
    if (row.admin2 !== '') {
      const known = admin2ByLocal.get(`${cc}.${row.admin2}`);
      if (known !== undefined) {
        a2 = known;
        const parent = known.split('.').slice(0, 2).join('.');
        if (parent !== a1) {
          admin1FromAdmin2.push(row.geonameId);
          a1 = parent;
        }
      } else {
        a2 = `${a1 ?? `${cc}.00`}.${row.admin2}`;
        unknownAdmin2[a2] = (unknownAdmin2[a2] ?? 0) + 1;
      }
    }
    if (a1 !== null && !admin1Codes.has(a1)) unknownAdmin1[a1] = (unknownAdmin1[a1] ?? 0) + 1;
    // A country's French name is known for sure; its alternates mix in other languages' spellings.
    const nameFr = row.featureCode.startsWith('PCL')
      ? countryNameFr(iso3Of(cc))
      : frenchNameOf(row.name, row.alternateNames, row.featureClass);
    const correction = correctionById.get(row.geonameId);
    if (correction !== undefined) {
      if (correction.name !== row.name) {
        throw new Error(`Correction for ${row.geonameId} names ${correction.name}, the row is ${row.name}`);
      }
      corrected.push(row.geonameId);
    }
    return {
      geonameId: row.geonameId,
      name: row.name,
      asciiName: row.asciiName,
      nameFr,
      alternateNames: keptAlternateNames(row.name, row.asciiName, nameFr, row.alternateNames),
      latitude: correction?.set.latitude ?? row.latitude,
      longitude: correction?.set.longitude ?? row.longitude,
      featureClass: row.featureClass,
      featureCode: row.featureCode,
      country: iso3Of(cc),
      admin1: a1,
      admin2: a2,
      population: row.population,
    };
  });
  const missing = corrections.filter((c) => !corrected.includes(c.geonameId));
  if (missing.length > 0)
    throw new Error(`Corrections for absent rows: ${missing.map((c) => c.geonameId).join(', ')}`);
  records.sort((a, b) => a.geonameId - b.geonameId);
  const sortedCounts = (o: Record<string, number>): Record<string, number> =>
    Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    records,
    report: {
      rows: records.length,
      frenchNames: records.filter((r) => r.nameFr !== r.name).length,
      corrected,
      admin1FromAdmin2,
      unknownAdmin1: sortedCounts(unknownAdmin1),
      unknownAdmin2: sortedCounts(unknownAdmin2),
    },
  };
}
