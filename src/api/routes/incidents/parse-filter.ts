/** Turns validated query strings into the store's IncidentFilter, checking what a pattern cannot. */
import {
  isEventType,
  SUB_EVENT_TYPES,
  type EventType,
  type SubEventType,
} from '../../../domain/acled-taxonomy.ts';
import type { Visibility } from '../../../domain/classification.ts';
import { INCIDENT_STATUSES, isIsoDate, type IncidentStatus } from '../../../domain/incident.ts';
import type { BoundingBox } from '../../../domain/place.ts';
import type { IncidentFilter } from '../../../store/store.ts';
import { badRequest } from '../../http-error.ts';

const ALL_SUB_TYPES: ReadonlySet<string> = new Set(Object.values(SUB_EVENT_TYPES).flat());

export interface FilterQuery {
  bbox?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  country?: string | undefined;
  event_type?: string | undefined;
  sub_event_type?: string | undefined;
  admin1?: string | undefined;
  actor?: string | undefined;
  status?: string | undefined;
  q?: string | undefined;
}

export function parseBbox(text: string): BoundingBox {
  const [minLon, minLat, maxLon, maxLat] = text.split(',').map((s) => Number(s.trim()));
  if (minLon === undefined || minLat === undefined || maxLon === undefined || maxLat === undefined)
    throw badRequest('bbox', 'must be minLon,minLat,maxLon,maxLat');
  if (minLon < -180 || maxLon > 180 || minLon > maxLon)
    throw badRequest('bbox', 'longitudes must lie in -180..180 with minLon ≤ maxLon');
  if (minLat < -90 || maxLat > 90 || minLat > maxLat)
    throw badRequest('bbox', 'latitudes must lie in -90..90 with minLat ≤ maxLat');
  return { minLon, minLat, maxLon, maxLat };
}

function list(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function parseFilter(query: FilterQuery, visibility: Visibility): IncidentFilter {
  for (const field of ['from', 'to'] as const) {
    const v = query[field];
    if (v !== undefined && !isIsoDate(v)) throw badRequest(field, `"${v}" is not a calendar date`);
  }
  if (query.from !== undefined && query.to !== undefined && query.from > query.to)
    throw badRequest('from', 'must not be after "to"');
  const eventTypes = list(query.event_type);
  const badType = eventTypes?.find((t) => !isEventType(t));
  if (badType !== undefined) throw badRequest('event_type', `"${badType}" is not an ACLED event type`);
  const subTypes = list(query.sub_event_type);
  const badSubType = subTypes?.find((t) => !ALL_SUB_TYPES.has(t));
  if (badSubType !== undefined)
    throw badRequest('sub_event_type', `"${badSubType}" is not an ACLED sub-event type`);
  const statuses = list(query.status);
  const badStatus = statuses?.find((s) => !(INCIDENT_STATUSES as readonly string[]).includes(s));
  if (badStatus !== undefined)
    throw badRequest('status', `"${badStatus}" is not one of ${INCIDENT_STATUSES.join(', ')}`);
  const filter: {
    -readonly [K in keyof IncidentFilter]: IncidentFilter[K];
  } = { visibility };
  if (query.bbox !== undefined) filter.bbox = parseBbox(query.bbox);
  if (query.from !== undefined) filter.from = query.from;
  if (query.to !== undefined) filter.to = query.to;
  const countries = list(query.country);
  if (countries !== undefined) filter.country = countries;
  // Each list was checked element by element above.
  if (eventTypes !== undefined) filter.eventType = eventTypes as EventType[];
  if (statuses !== undefined) filter.status = statuses as IncidentStatus[];
  if (subTypes !== undefined) filter.subEventType = subTypes as SubEventType[];
  const admin1 = list(query.admin1);
  if (admin1 !== undefined) filter.admin1 = admin1;
  if (query.actor !== undefined) filter.actor = query.actor;
  if (query.q !== undefined && query.q.trim() !== '') filter.q = query.q;
  return filter;
}
