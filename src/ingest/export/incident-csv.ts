/**
 * Incidents as CSV lines: the HXL export (a row of human headers, then a row of HXL hashtags, then one
 * row per incident) and the ACLED-column export, whose columns are named and ordered as ACLED's
 * 31-column export so that the project's own importer (src/ingest/acled-row.ts) reads it back. Both
 * carry each row's classification. Pure.
 */
import { INTER_CODES } from '../../domain/acled-taxonomy.ts';
import type { Incident } from '../../domain/incident.ts';
import { csvLine, type CsvValue } from './csv-cell.ts';

interface Column {
  readonly header: string;
  /** HXL hashtag and attributes (https://hxlstandard.org/standard/dictionary/). */
  readonly hxl: string;
  readonly value: (incident: Incident) => CsvValue;
}

/** The HXL export's columns: the eleven first, then the platform's own. */
export const HXL_COLUMNS: readonly Column[] = [
  { header: 'event_date', hxl: '#date+occurred', value: (i) => i.eventDate },
  { header: 'event_type', hxl: '#event+type', value: (i) => i.eventType },
  { header: 'sub_event_type', hxl: '#event+type+sub', value: (i) => i.subEventType },
  { header: 'actor1', hxl: '#group+name+first', value: (i) => i.actor1 },
  { header: 'actor2', hxl: '#group+name+second', value: (i) => i.actor2 },
  { header: 'admin1', hxl: '#adm1+name', value: (i) => i.admin1 },
  { header: 'location', hxl: '#loc+name', value: (i) => i.location },
  { header: 'latitude', hxl: '#geo+lat', value: (i) => i.latitude },
  { header: 'longitude', hxl: '#geo+lon', value: (i) => i.longitude },
  { header: 'fatalities', hxl: '#affected+killed', value: (i) => i.fatalities.best },
  { header: 'notes', hxl: '#description', value: (i) => i.notes },
  { header: 'id', hxl: '#event+id', value: (i) => i.id },
  { header: 'event_id_cnty', hxl: '#event+code', value: (i) => i.eventIdCnty },
  { header: 'country', hxl: '#country+code+iso3', value: (i) => i.country },
  { header: 'admin2', hxl: '#adm2+name', value: (i) => i.admin2 },
  { header: 'fatalities_low', hxl: '#affected+killed+min', value: (i) => i.fatalities.low },
  { header: 'fatalities_high', hxl: '#affected+killed+max', value: (i) => i.fatalities.high },
  { header: 'status', hxl: '#status', value: (i) => i.status },
  { header: 'classification', hxl: '#meta+classification', value: (i) => i.classification },
  { header: 'owner_party', hxl: '#meta+owner+iso3', value: (i) => i.ownerParty },
  { header: 'source', hxl: '#meta+source', value: (i) => i.source },
  { header: 'updated_at', hxl: '#date+updated', value: (i) => i.updatedAt },
];

/** The two header lines of the HXL export: human names, then hashtags. */
export function hxlHeader(): string {
  return csvLine(HXL_COLUMNS.map((c) => c.header)) + csvLine(HXL_COLUMNS.map((c) => c.hxl));
}

export function hxlLine(incident: Incident): string {
  return csvLine(HXL_COLUMNS.map((c) => c.value(incident)));
}

const interLabel = (code: Incident['inter1']): string | null => (code === null ? null : INTER_CODES[code].en);

/**
 * ACLED's 31 columns in ACLED's order, then the platform's classification and owner party (the
 * importer ignores columns it does not know). `country` holds the ISO3 code (the importer reads names
 * and codes), `iso` ACLED's numeric code is left empty, `inter1`/`inter2` are ACLED's text labels,
 * `disorder_type`, `region` and `timestamp` (not stored) are empty.
 */
export const ACLED_COLUMNS: readonly Omit<Column, 'hxl'>[] = [
  { header: 'event_id_cnty', value: (i) => i.eventIdCnty },
  { header: 'event_date', value: (i) => i.eventDate },
  { header: 'year', value: (i) => Number(i.eventDate.slice(0, 4)) },
  { header: 'time_precision', value: (i) => i.timePrecision },
  { header: 'disorder_type', value: () => null },
  { header: 'event_type', value: (i) => i.eventType },
  { header: 'sub_event_type', value: (i) => i.subEventType },
  { header: 'actor1', value: (i) => i.actor1 },
  { header: 'assoc_actor_1', value: (i) => i.assocActor1 },
  { header: 'inter1', value: (i) => interLabel(i.inter1) },
  { header: 'actor2', value: (i) => i.actor2 },
  { header: 'assoc_actor_2', value: (i) => i.assocActor2 },
  { header: 'inter2', value: (i) => interLabel(i.inter2) },
  { header: 'interaction', value: (i) => i.interaction },
  { header: 'civilian_targeting', value: (i) => (i.civilianTargeting ? 'Civilian targeting' : null) },
  { header: 'iso', value: () => null },
  { header: 'region', value: () => null },
  { header: 'country', value: (i) => i.country },
  { header: 'admin1', value: (i) => i.admin1 },
  { header: 'admin2', value: (i) => i.admin2 },
  { header: 'admin3', value: (i) => i.admin3 },
  { header: 'location', value: (i) => i.location },
  { header: 'latitude', value: (i) => i.latitude },
  { header: 'longitude', value: (i) => i.longitude },
  { header: 'geo_precision', value: (i) => i.geoPrecision },
  { header: 'source', value: (i) => i.source },
  { header: 'source_scale', value: (i) => i.sourceScale },
  { header: 'notes', value: (i) => i.notes },
  { header: 'fatalities', value: (i) => i.fatalities.best },
  { header: 'tags', value: (i) => i.tags },
  { header: 'timestamp', value: () => null },
  { header: 'classification', value: (i) => i.classification },
  { header: 'owner_party', value: (i) => i.ownerParty },
];

export function acledHeader(): string {
  return csvLine(ACLED_COLUMNS.map((c) => c.header));
}

export function acledLine(incident: Incident): string {
  return csvLine(ACLED_COLUMNS.map((c) => c.value(incident)));
}
