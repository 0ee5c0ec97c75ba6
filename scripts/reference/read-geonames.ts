/** Reads the GeoNames files of the shared geo folder (formats in its PROVENANCE.md). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One row of a GeoNames per-country dump: 19 tab-separated columns. */
export interface GeonamesRow {
  readonly geonameId: number;
  readonly name: string;
  readonly asciiName: string;
  readonly alternateNames: readonly string[];
  /** Kept as written, so that the output repeats the source's digits. */
  readonly latitude: number;
  readonly longitude: number;
  readonly featureClass: string;
  readonly featureCode: string;
  /** ISO2, as GeoNames writes it. */
  readonly countryCode: string;
  readonly admin1: string;
  readonly admin2: string;
  readonly population: number;
}

/** One row of admin1CodesASCII.txt or admin2Codes.txt. */
export interface GeonamesAdminCode {
  /** "ML.03", "BF.12.40". */
  readonly code: string;
  readonly name: string;
  readonly asciiName: string;
  readonly geonameId: number;
}

export const GEONAMES_FILES = {
  gazetteer: 'geonames-MLI-BFA-NER.tsv',
  admin1: 'geonames-admin1CodesASCII-MLI-BFA-NER.tsv',
  admin2: 'geonames-admin2Codes-MLI-BFA-NER.tsv',
} as const;

function lines(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.replace(/\r$/, '').split('\t'));
}

function field(row: readonly string[], i: number, path: string): string {
  const value = row[i];
  if (value === undefined) throw new Error(`${path}: row ${row[0] ?? '?'} has no column ${i + 1}`);
  return value;
}

export function readGeonamesRows(geoDir: string): GeonamesRow[] {
  const path = join(geoDir, GEONAMES_FILES.gazetteer);
  return lines(path).map((r) => {
    if (r.length !== 19) throw new Error(`${path}: row ${r[0] ?? '?'} has ${r.length} columns, not 19`);
    const f = (i: number): string => field(r, i, path);
    const alternates = f(3);
    return {
      geonameId: Number(f(0)),
      name: f(1),
      asciiName: f(2),
      alternateNames: alternates === '' ? [] : alternates.split(','),
      latitude: Number(f(4)),
      longitude: Number(f(5)),
      featureClass: f(6),
      featureCode: f(7),
      countryCode: f(8),
      admin1: f(10),
      admin2: f(11),
      population: f(14) === '' ? 0 : Number(f(14)),
    };
  });
}

export function readGeonamesAdminCodes(geoDir: string, level: 1 | 2): GeonamesAdminCode[] {
  const path = join(geoDir, level === 1 ? GEONAMES_FILES.admin1 : GEONAMES_FILES.admin2);
  return lines(path).map((r) => {
    const f = (i: number): string => field(r, i, path);
    return { code: f(0), name: f(1), asciiName: f(2), geonameId: Number(f(3)) };
  });
}
