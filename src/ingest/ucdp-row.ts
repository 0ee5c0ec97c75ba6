/**
 * Maps one row of a UCDP Georeferenced Event Dataset (GED) CSV to an incident, or to the reason it is
 * rejected.
 *
 * UCDP codes three types of organised violence; in ACLED's taxonomy, state-based (1) and non-state (2)
 * violence are Battles / Armed clash, one-sided violence (3) is Violence against civilians / Attack with
 * civilian targeting. Precisions are folded onto ACLED's three levels: date_prec 1 → 1 (day), 2–3 → 2
 * (week), 4–5 → 3 (month or longer); where_prec 1 → 1 (the place), 2–3 → 2 (near it, or a part of an
 * admin-2), 4+ → 3 (admin-2 or wider). low / best / high are UCDP's own estimates (blank best is 0).
 * `country_id` is a Gleditsch–Ward number, not ISO, so only `country` is used for the country.
 */
import { interactionCode, type InterCode } from '../domain/acled-taxonomy.ts';
import type { GeoPrecision, TimePrecision } from '../domain/incident.ts';
import { multilineText, text, wholeOf } from './cell-values.ts';
import type { CsvFields } from './csv/csv-item.ts';
import { parseEventDate } from './event-date.ts';
import { finishIncident, type IncidentDraft } from './finish-incident.ts';
import { GEOCODED_REMARKS, NO_REMARKS, type RowMapping } from './imported-incident.ts';
import { recordOf, type MappingContext } from './mapping-context.ts';
import { resolveCoordinates } from './resolve-coordinates.ts';

/** The column whose value identifies a row across files and re-imports. */
export const UCDP_ID_COLUMN = 'id';

/** The required columns a header lacks (normalised names), so that a wrong file is refused at once. */
export function missingUcdpColumns(names: readonly string[]): string[] {
  const has = new Set(names);
  const missing = ['id', 'type_of_violence', 'date_start', 'side_a', 'country', 'best'].filter(
    (c) => !has.has(c),
  );
  if (!(has.has('latitude') && has.has('longitude')) && !has.has('where_coordinates'))
    missing.push('latitude and longitude (or where_coordinates)');
  return missing;
}

/** Maps one UCDP GED row; pure apart from the lookups in `context`. */
export function mapUcdpRow(fields: CsvFields, context: MappingContext): RowMapping {
  const problems: string[] = [];

  const id = text(fields.id);
  const violence = text(fields.type_of_violence);
  const oneSided = violence === '3';
  if (violence === null) problems.push('type_of_violence: required');
  else if (violence !== '1' && violence !== '2' && !oneSided)
    problems.push(`type_of_violence: "${violence}" must be 1, 2 or 3`);

  const eventDate = dateOf(text(fields.date_start), context, problems);
  const timePrecision = foldedPrecision('date_prec', text(fields.date_prec), problems) ?? 1;

  const actor1 = text(fields.side_a);
  if (actor1 === null) problems.push('side_a: required');
  const actor2 = text(fields.side_b);
  const inter1 = actor1 === null ? null : context.resolveInter(actor1);
  const inter2: InterCode | null = actor2 === null ? null : oneSided ? 7 : context.resolveInter(actor2);

  const countryName = text(fields.country);
  const country = countryName === null ? null : context.countryIso3(countryName);
  if (countryName === null) problems.push('country: required');
  else if (country === null) problems.push(`country: unknown country "${countryName}"`);

  const location = townOf(text(fields.where_coordinates));
  const place = resolveCoordinates(
    {
      latitude: text(fields.latitude),
      longitude: text(fields.longitude),
      location,
      country,
      admin1: adminNameOf(text(fields.adm_1)),
      admin2: adminNameOf(text(fields.adm_2)),
    },
    context.geocode,
  );
  if (!place.ok) problems.push(...place.problems);
  let geoPrecision = foldedPrecision('where_prec', text(fields.where_prec), problems);
  const geocoded = place.ok && place.geocoded;
  if (geocoded) geoPrecision ??= 2;

  const best = estimateOf('best', text(fields.best), problems) ?? 0;
  const low = estimateOf('low', text(fields.low), problems);
  const high = estimateOf('high', text(fields.high), problems);

  if (problems.length > 0 || eventDate === null || actor1 === null || country === null || !place.ok)
    return { ok: false, reason: problems.join('; ') };

  const record = recordOf(context, 'ucdp');
  const draft: IncidentDraft = {
    eventIdCnty: null,
    eventDate,
    timePrecision,
    eventType: oneSided ? 'Violence against civilians' : 'Battles',
    subEventType: oneSided ? 'Attack' : 'Armed clash',
    actor1,
    assocActor1: null,
    inter1,
    actor2,
    assocActor2: null,
    inter2,
    interaction: interactionCode(inter1, inter2),
    civilianTargeting: oneSided,
    country,
    admin1: place.admin1,
    admin2: place.admin2,
    admin3: null,
    location,
    latitude: place.latitude,
    longitude: place.longitude,
    geoPrecision,
    fatalities: { low, best, high },
    source: text(fields.source_office) ?? text(fields.source_original),
    sourceScale: null,
    notes: notesOf(fields),
    tags: null,
    status: record.status,
    classification: record.classification,
    ownerParty: record.ownerParty,
    origin: record.origin,
    sourceKey: '',
    contentHash: '',
  };
  return finishIncident(draft, id === null ? null : `ucdp:${id}`, geocoded ? GEOCODED_REMARKS : NO_REMARKS);
}

function dateOf(text: string | null, context: MappingContext, problems: string[]): string | null {
  if (text === null) {
    problems.push('date_start: required');
    return null;
  }
  const parsed = parseEventDate(text, context.numericDateOrder);
  if (parsed.ok) return parsed.date;
  problems.push(`date_start: ${parsed.reason}`);
  return null;
}

/** UCDP's finer precision scales onto ACLED's 1–3: 1 → 1, 2–3 → 2, 4 and above → 3. */
function foldedPrecision(
  name: string,
  cell: string | null,
  problems: string[],
): (TimePrecision & GeoPrecision) | null {
  if (cell === null) return null;
  const n = wholeOf(cell);
  if (n === null || n < 1) {
    problems.push(`${name}: "${cell}" is not a precision code (1 or more)`);
    return null;
  }
  return n === 1 ? 1 : n <= 3 ? 2 : 3;
}

function estimateOf(name: string, cell: string | null, problems: string[]): number | null {
  if (cell === null) return null;
  const n = wholeOf(cell);
  if (n === null) problems.push(`${name}: "${cell}" is not a whole number of 0 or more`);
  return n;
}

const ADMIN_SUFFIX =
  /\s+(?:region|r[ée]gion|province|department|d[ée]partement|district|cercle|commune|prefecture|pr[ée]fecture)$/i;

/** "Mopti region" → "Mopti", "Soum province" → "Soum"; a name that is only the suffix is kept. */
function adminNameOf(name: string | null): string | null {
  if (name === null) return null;
  const stripped = name.replace(ADMIN_SUFFIX, '').trim();
  return stripped === '' ? name : stripped;
}

const TOWN_SUFFIX = /\s+(?:town|village|city)$/i;

/** UCDP names a place "Djibo town"; ACLED and the gazetteer call it "Djibo". */
function townOf(name: string | null): string | null {
  if (name === null) return null;
  const stripped = name.replace(TOWN_SUFFIX, '').trim();
  return stripped === '' ? name : stripped;
}

function notesOf(fields: CsvFields): string | null {
  const headline = multilineText(fields.source_headline);
  const where = text(fields.where_description);
  if (where === null) return headline;
  return headline === null ? `Where: ${where}` : `${headline}\nWhere: ${where}`;
}
