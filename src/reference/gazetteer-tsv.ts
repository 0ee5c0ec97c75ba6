import type { Place } from '../domain/place.ts';

/** The columns of gazetteer.tsv, in order. */
export const GAZETTEER_COLUMNS = [
  'geonameId',
  'name',
  'asciiName',
  'nameFr',
  'alternateNames',
  'latitude',
  'longitude',
  'featureClass',
  'featureCode',
  'country',
  'admin1',
  'admin2',
  'population',
] as const;

/** Separates alternate names inside their column; GeoNames names contain no "|". */
const NAME_SEPARATOR = '|';

/** A gazetteer place as stored: the Place and its ASCII name. */
export interface GazetteerRecord extends Place {
  /** GeoNames' ASCII form of the name. */
  readonly asciiName: string;
}

/**
 * Writes the gazetteer as TSV: a comment line, a header line, then one place per line. Columns equal to
 * the name (asciiName, nameFr) and zero populations are left empty to keep the file small.
 */
export function formatGazetteerTsv(records: readonly GazetteerRecord[], comment: string): string {
  const lines = [`# ${comment}`, GAZETTEER_COLUMNS.join('\t')];
  for (const r of records) {
    const fields = [
      String(r.geonameId),
      r.name,
      r.asciiName === r.name ? '' : r.asciiName,
      r.nameFr === r.name ? '' : r.nameFr,
      r.alternateNames.join(NAME_SEPARATOR),
      String(r.latitude),
      String(r.longitude),
      r.featureClass,
      r.featureCode,
      r.country,
      r.admin1 ?? '',
      r.admin2 ?? '',
      r.population === 0 ? '' : String(r.population),
    ];
    for (const f of fields) {
      if (/[\t\n\r]/.test(f))
        throw new Error(`Gazetteer field with a tab or newline in ${r.geonameId}: ${f}`);
    }
    lines.push(fields.join('\t'));
  }
  return lines.join('\n') + '\n';
}

/** Reads gazetteer.tsv as written by formatGazetteerTsv. */
export function parseGazetteerTsv(text: string): GazetteerRecord[] {
  const records: GazetteerRecord[] = [];
  let start = 0;
  let header = true;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (line === '' || line.startsWith('#')) continue;
    if (header) {
      if (line !== GAZETTEER_COLUMNS.join('\t')) throw new Error('gazetteer.tsv: unexpected header line');
      header = false;
      continue;
    }
    const f = line.split('\t');
    if (f.length !== GAZETTEER_COLUMNS.length)
      throw new Error(`gazetteer.tsv: bad line ${line.slice(0, 60)}`);
    // The length check above makes every index below defined.
    const [id, name, ascii, fr, alternates, lat, lon, fclass, fcode, country, admin1, admin2, population] =
      f as [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ];
    records.push({
      geonameId: Number(id),
      name,
      asciiName: ascii === '' ? name : ascii,
      nameFr: fr === '' ? name : fr,
      alternateNames: alternates === '' ? [] : alternates.split(NAME_SEPARATOR),
      latitude: Number(lat),
      longitude: Number(lon),
      featureClass: fclass,
      featureCode: fcode,
      country,
      admin1: admin1 === '' ? null : admin1,
      admin2: admin2 === '' ? null : admin2,
      population: population === '' ? 0 : Number(population),
    });
  }
  return records;
}
