/**
 * Maps one row of an ACLED CSV export to an incident, or to the reason it is rejected.
 *
 * Takes ACLED's full 31-column export and subsets of it (columns are found by name). Required:
 * event_date, sub_event_type (event_type is derived from it when blank), actor1, country or iso, and
 * coordinates or a location the gazetteer knows. Every problem of a row is reported, not only the first.
 *
 * Defaults, as ACLED exports them: blank fatalities is 0 (ACLED writes 0, and a blank cell in a
 * hand-edited file means none recorded); blank time_precision is 1; blank geo_precision stays null,
 * except for rows geocoded here, which get 2 ("a nearby place"); blank inter codes are asked of
 * `resolveInter` by actor name; a blank interaction is computed from the inter codes. The `year`,
 * `disorder_type`, `region` and `timestamp` columns are not stored; `year` must agree with the date.
 */
import { eventTypeOfSubEvent, interactionCode, type InterCode } from '../domain/acled-taxonomy.ts';
import type { GeoPrecision, IncidentCoding, TimePrecision } from '../domain/incident.ts';
import { multilineText, text, wholeOf } from './cell-values.ts';
import type { CsvFields } from './csv/csv-item.ts';
import { parseEventDate } from './event-date.ts';
import { eventTypeOf, subEventTypeOf } from './event-type-label.ts';
import { finishIncident } from './finish-incident.ts';
import { GEOCODED_REMARKS, NO_REMARKS, type RowMapping } from './imported-incident.ts';
import { parseInterCode, parseInteraction } from './inter-code-label.ts';
import { recordOf, type MappingContext } from './mapping-context.ts';
import { resolveCoordinates } from './resolve-coordinates.ts';

/** The column whose value identifies a row across files and re-imports. */
export const ACLED_ID_COLUMN = 'event_id_cnty';

/** The required columns a header lacks (normalised names), so that a wrong file is refused at once. */
export function missingAcledColumns(names: readonly string[]): string[] {
  const has = new Set(names);
  const missing = ['event_date', 'sub_event_type', 'actor1'].filter((c) => !has.has(c));
  if (!has.has('country') && !has.has('iso')) missing.push('country (or iso)');
  if (!(has.has('latitude') && has.has('longitude')) && !has.has('location'))
    missing.push('latitude and longitude (or location)');
  return missing;
}

/** Maps one ACLED row; pure apart from the lookups in `context`. */
export function mapAcledRow(fields: CsvFields, context: MappingContext): RowMapping {
  const problems: string[] = [];

  const eventIdCnty = text(fields.event_id_cnty);
  const eventDate = eventDateOf(text(fields.event_date), text(fields.year), context, problems);
  const timePrecision = precisionOf('time_precision', text(fields.time_precision), problems) ?? 1;
  const types = typesOf(text(fields.event_type), text(fields.sub_event_type), problems);

  const actor1 = text(fields.actor1);
  if (actor1 === null) problems.push('actor1: required');
  const actor2 = text(fields.actor2);
  const inter1 = interOf('inter1', text(fields.inter1), actor1, context, problems);
  const inter2 = actor2 === null ? null : interOf('inter2', text(fields.inter2), actor2, context, problems);
  const interaction = interactionOf(text(fields.interaction), inter1, inter2, problems);
  const civilianTargeting = civilianTargetingOf(text(fields.civilian_targeting), problems);

  const country = countryOf(text(fields.country), text(fields.iso), context, problems);
  const location = text(fields.location);
  const place = resolveCoordinates(
    {
      latitude: text(fields.latitude),
      longitude: text(fields.longitude),
      location,
      country,
      admin1: text(fields.admin1),
      admin2: text(fields.admin2),
    },
    context.geocode,
  );
  if (!place.ok) problems.push(...place.problems);
  let geoPrecision: GeoPrecision | null = precisionOf('geo_precision', text(fields.geo_precision), problems);
  const geocoded = place.ok && place.geocoded;
  if (geocoded) geoPrecision ??= 2;
  const fatalities = fatalitiesOf(text(fields.fatalities), problems);

  if (
    problems.length > 0 ||
    eventDate === null ||
    types === null ||
    actor1 === null ||
    country === null ||
    !place.ok
  )
    return { ok: false, reason: problems.join('; ') };

  const record = recordOf(context, 'acled');
  return finishIncident(
    {
      eventIdCnty,
      eventDate,
      timePrecision,
      eventType: types.eventType,
      subEventType: types.subEventType,
      actor1,
      assocActor1: text(fields.assoc_actor_1),
      inter1,
      actor2,
      assocActor2: text(fields.assoc_actor_2),
      inter2,
      interaction,
      civilianTargeting,
      country,
      admin1: place.admin1,
      admin2: place.admin2,
      admin3: text(fields.admin3),
      location,
      latitude: place.latitude,
      longitude: place.longitude,
      geoPrecision,
      fatalities: { low: null, best: fatalities, high: null },
      source: multilineText(fields.source),
      sourceScale: text(fields.source_scale),
      notes: multilineText(fields.notes),
      tags: multilineText(fields.tags),
      status: record.status,
      classification: record.classification,
      ownerParty: record.ownerParty,
      origin: record.origin,
      sourceKey: '',
      contentHash: '',
    },
    eventIdCnty === null ? null : `acled:${eventIdCnty}`,
    geocoded ? GEOCODED_REMARKS : NO_REMARKS,
  );
}

function eventDateOf(
  cell: string | null,
  year: string | null,
  context: MappingContext,
  problems: string[],
): string | null {
  if (cell === null) {
    problems.push('event_date: required');
    return null;
  }
  const parsed = parseEventDate(cell, context.numericDateOrder);
  if (!parsed.ok) {
    problems.push(`event_date: ${parsed.reason}`);
    return null;
  }
  if (year !== null && year !== parsed.date.slice(0, 4)) {
    problems.push(`year: ${year} does not match event_date ${parsed.date}`);
    return null;
  }
  return parsed.date;
}

/** ACLED's precision codes 1–3 (time and geo alike); null when blank. */
function precisionOf(name: string, cell: string | null, problems: string[]): TimePrecision | null {
  if (cell === null) return null;
  if (cell === '1') return 1;
  if (cell === '2') return 2;
  if (cell === '3') return 3;
  problems.push(`${name}: "${cell}" must be 1, 2 or 3`);
  return null;
}

function typesOf(
  eventCell: string | null,
  subCell: string | null,
  problems: string[],
): Pick<IncidentCoding, 'eventType' | 'subEventType'> | null {
  if (subCell === null) {
    problems.push('sub_event_type: required');
    return null;
  }
  const subEventType = subEventTypeOf(subCell);
  if (subEventType === undefined) problems.push(`sub_event_type: unknown sub-event type "${subCell}"`);
  let eventType = eventCell === null ? undefined : eventTypeOf(eventCell);
  if (eventCell !== null && eventType === undefined)
    problems.push(`event_type: unknown event type "${eventCell}"`);
  if (subEventType === undefined) return null;
  if (eventCell === null) eventType = eventTypeOfSubEvent(subEventType);
  // A sub-type of another event type is reported by the domain's validation, in its words.
  return eventType === undefined ? null : { eventType, subEventType };
}

function interOf(
  name: 'inter1' | 'inter2',
  cell: string | null,
  actor: string | null,
  context: MappingContext,
  problems: string[],
): InterCode | null {
  if (cell === null) return actor === null ? null : context.resolveInter(actor);
  const inter = parseInterCode(cell);
  if (inter === undefined) {
    problems.push(`${name}: "${cell}" is not an ACLED actor type`);
    return null;
  }
  return inter;
}

function interactionOf(
  cell: string | null,
  inter1: InterCode | null,
  inter2: InterCode | null,
  problems: string[],
): number | null {
  if (cell === null) return interactionCode(inter1, inter2);
  const interaction = parseInteraction(cell);
  if (interaction === null) problems.push(`interaction: "${cell}" is not an ACLED interaction`);
  return interaction;
}

const TARGETING: ReadonlyMap<string, boolean> = new Map([
  ['civilian targeting', true],
  ['1', true],
  ['true', true],
  ['yes', true],
  ['0', false],
  ['false', false],
  ['no', false],
]);

function civilianTargetingOf(cell: string | null, problems: string[]): boolean {
  if (cell === null) return false;
  const value = TARGETING.get(cell.toLowerCase());
  if (value === undefined)
    problems.push(`civilian_targeting: "${cell}" is neither "Civilian targeting" nor blank`);
  return value ?? false;
}

function countryOf(
  name: string | null,
  iso: string | null,
  context: MappingContext,
  problems: string[],
): string | null {
  if (name === null && iso === null) {
    problems.push('country: required');
    return null;
  }
  const byName = name === null ? null : context.countryIso3(name);
  const byIso = iso === null ? null : context.countryIso3(iso);
  if (name !== null && byName === null) problems.push(`country: unknown country "${name}"`);
  if (iso !== null && byIso === null) problems.push(`iso: unknown country code "${iso}"`);
  if (byName !== null && byIso !== null && byName !== byIso) {
    problems.push(`iso: ${iso} (${byIso}) disagrees with country "${name}" (${byName})`);
    return null;
  }
  if ((name !== null && byName === null) || (iso !== null && byIso === null)) return null;
  return byName ?? byIso;
}

function fatalitiesOf(cell: string | null, problems: string[]): number {
  if (cell === null) return 0;
  const n = wholeOf(cell);
  if (n === null) problems.push(`fatalities: "${cell}" is not a whole number of 0 or more`);
  return n ?? 0;
}
