/**
 * The incident as the engine receives it: the extractor's event fields (snake_case, as ACLED names
 * them) plus optional facts an analyst adds. Every field may be missing; a missing fact lowers the
 * confidence of the rules that need it, while a malformed one is refused with the field named.
 */
import {
  EVENT_TYPES,
  eventTypeOfSubEvent,
  isSubEventTypeOf,
  type EventType,
  type SubEventType,
} from '../acled-taxonomy.ts';
import { DESIGNATIONS, type Designation } from '../actor.ts';
import { isIsoDate, type FieldProblem } from '../incident.ts';
import { isValidCoordinate } from '../place.ts';

/** What an attack hit, when known. */
export const TARGETS = ['forces', 'installation', 'civilians', 'ship', 'aircraft', 'infrastructure'] as const;
export type Target = (typeof TARGETS)[number];

export interface IncidentInput {
  readonly event_date: string | null;
  readonly country_iso3: string | null;
  readonly admin1: string | null;
  readonly location: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly event_type: EventType | null;
  readonly sub_event_type: SubEventType | null;
  readonly actor1: string | null;
  readonly actor2: string | null;
  readonly fatalities: number | null;
  readonly target: Target | null;
  /** ISO3 of the country an attack was launched from. */
  readonly launched_from: string | null;
  readonly territory_seized: boolean | null;
  readonly actor1_type: Designation | null;
  readonly actor2_type: Designation | null;
  /** ISO3 of the state whose forces an actor is, when the registry cannot tell. */
  readonly actor1_state: string | null;
  readonly actor2_state: string | null;
}

export type IncidentInputOutcome =
  | { readonly ok: true; readonly input: IncidentInput }
  | { readonly ok: false; readonly problems: readonly FieldProblem[] };

const ISO3 = /^[A-Z]{3}$/;

/**
 * Reads an incident from parsed JSON. Absent, null and empty-string fields are unknown facts; fields
 * of the wrong type or outside their vocabulary are problems, each naming its field. Other fields
 * (notes, source, ids) are ignored.
 */
export function readIncidentInput(value: unknown): IncidentInputOutcome {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, problems: [{ field: '(incident)', message: 'expected a JSON object' }] };
  const record = value as Record<string, unknown>; // an object that is not an array, checked above
  const problems: FieldProblem[] = [];
  const bad = (field: string, message: string): null => {
    problems.push({ field, message });
    return null;
  };
  const present = (field: string): unknown => {
    const v = record[field];
    return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v;
  };
  const text = (field: string): string | null => {
    const v = present(field);
    if (v === undefined) return null;
    return typeof v === 'string' ? v.trim() : bad(field, `expected a string, got ${JSON.stringify(v)}`);
  };
  const iso3 = (field: string): string | null => {
    const v = text(field);
    if (v === null) return null;
    const code = v.toUpperCase();
    return ISO3.test(code)
      ? code
      : bad(field, `"${v}" is not an ISO 3166-1 alpha-3 code (e.g. MLI, BFA, NER)`);
  };
  const oneOf = <T extends string>(field: string, allowed: readonly T[]): T | null => {
    const v = text(field);
    if (v === null) return null;
    return (allowed as readonly string[]).includes(v)
      ? (v as T) // checked against the list just above
      : bad(field, `"${v}" is not one of: ${allowed.join(', ')}`);
  };
  const number = (field: string): number | null => {
    const v = present(field);
    if (v === undefined) return null;
    return typeof v === 'number' && Number.isFinite(v)
      ? v
      : bad(field, `expected a number, got ${JSON.stringify(v)}`);
  };

  const eventDate = text('event_date');
  if (eventDate !== null && !isIsoDate(eventDate))
    bad('event_date', `"${eventDate}" is not a date (YYYY-MM-DD)`);

  let eventType = oneOf<EventType>('event_type', EVENT_TYPES);
  let subEventType: SubEventType | null = null;
  const sub = text('sub_event_type');
  if (sub !== null) {
    const typeOfSub = eventTypeOfSubEvent(sub);
    if (typeOfSub === undefined) bad('sub_event_type', `"${sub}" is not an ACLED sub-event type`);
    else if (eventType !== null && !isSubEventTypeOf(eventType, sub))
      bad('sub_event_type', `"${sub}" is not a sub-event type of "${eventType}"`);
    else {
      eventType ??= typeOfSub;
      subEventType = sub as SubEventType; // a sub-event type of SUB_EVENT_TYPES, found just above
    }
  }

  const latitude = number('latitude');
  const longitude = number('longitude');
  if (latitude !== null && longitude !== null && !isValidCoordinate(latitude, longitude))
    bad('latitude', `(${latitude}, ${longitude}) is not a coordinate on Earth`);

  const fatalities = number('fatalities');
  if (fatalities !== null && (!Number.isInteger(fatalities) || fatalities < 0))
    bad('fatalities', `must be a whole number of 0 or more, got ${fatalities}`);

  const seized = present('territory_seized');
  if (seized !== undefined && typeof seized !== 'boolean')
    bad('territory_seized', `expected true or false, got ${JSON.stringify(seized)}`);

  const input: IncidentInput = {
    event_date: eventDate,
    country_iso3: iso3('country_iso3'),
    admin1: text('admin1'),
    location: text('location'),
    latitude,
    longitude,
    event_type: eventType,
    sub_event_type: subEventType,
    actor1: text('actor1'),
    actor2: text('actor2'),
    fatalities,
    target: oneOf<Target>('target', TARGETS),
    launched_from: iso3('launched_from'),
    territory_seized: typeof seized === 'boolean' ? seized : null,
    actor1_type: oneOf<Designation>('actor1_type', DESIGNATIONS),
    actor2_type: oneOf<Designation>('actor2_type', DESIGNATIONS),
    actor1_state: iso3('actor1_state'),
    actor2_state: iso3('actor2_state'),
  };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, input };
}
