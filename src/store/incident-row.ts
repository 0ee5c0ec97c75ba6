/**
 * Incidents between the domain and the `incidents` table: the one place that maps columns to fields.
 */
import type { EventType, InterCode, SubEventType } from '../domain/acled-taxonomy.ts';
import type { Designation } from '../domain/actor.ts';
import type { CharterFacts } from '../domain/charter/charter-facts.ts';
import type { Target } from '../domain/charter/incident-input.ts';
import type { Classification } from '../domain/classification.ts';
import type {
  GeoPrecision,
  Incident,
  IncidentCoding,
  IncidentOrigin,
  IncidentRecord,
  IncidentStatus,
  TimePrecision,
} from '../domain/incident.ts';
import { foldName } from '../domain/place.ts';
import type { IncidentRow, IncidentsTable, NewIncidentRow } from './schema.ts';
import type { IncidentInput } from './store.ts';

/** The fields an import or an analyst can change, as diffCoding compares them. */
export type IncidentFields = IncidentCoding & IncidentRecord;

/** Every key of IncidentFields once; the `satisfies` makes the compiler check the list is complete. */
const FIELD_KEYS = Object.keys({
  eventIdCnty: true,
  eventDate: true,
  timePrecision: true,
  eventType: true,
  subEventType: true,
  actor1: true,
  assocActor1: true,
  inter1: true,
  actor2: true,
  assocActor2: true,
  inter2: true,
  interaction: true,
  civilianTargeting: true,
  country: true,
  admin1: true,
  admin2: true,
  admin3: true,
  location: true,
  latitude: true,
  longitude: true,
  geoPrecision: true,
  fatalities: true,
  source: true,
  sourceScale: true,
  notes: true,
  tags: true,
  status: true,
  classification: true,
  ownerParty: true,
  origin: true,
} satisfies Record<keyof IncidentFields, true>) as (keyof IncidentFields)[]; // the keys of a literal of that exact type

/**
 * Every column of `incidents` in the shared schema, for reads that name their columns rather than
 * `selectAll()`: on PostgreSQL the table also holds the dialect-only `search` tsvector (a third of a
 * row's bytes as text), which no row mapper reads and which a full export parsed for every row.
 */
export const INCIDENT_COLUMNS = Object.keys({
  id: true,
  source_key: true,
  content_hash: true,
  event_id_cnty: true,
  event_date: true,
  time_precision: true,
  event_type: true,
  sub_event_type: true,
  actor1: true,
  assoc_actor_1: true,
  inter1: true,
  actor2: true,
  assoc_actor_2: true,
  inter2: true,
  interaction: true,
  civilian_targeting: true,
  country: true,
  admin1: true,
  admin2: true,
  admin3: true,
  location: true,
  latitude: true,
  longitude: true,
  geo_precision: true,
  fatalities: true,
  fatalities_low: true,
  fatalities_high: true,
  source: true,
  source_scale: true,
  notes: true,
  tags: true,
  status: true,
  classification: true,
  owner_party: true,
  origin: true,
  revision: true,
  created_at: true,
  updated_at: true,
  merged_into: true,
  admin1_key: true,
  target: true,
  launched_from: true,
  territory_seized: true,
  actor1_type: true,
  actor2_type: true,
  actor1_state: true,
  actor2_state: true,
} satisfies Record<keyof IncidentsTable, true>) as (keyof IncidentsTable)[]; // the keys of a literal of that exact type

/** Just the coded and recorded fields of an incident or an input, in a fixed order. */
export function incidentFields(from: IncidentFields): IncidentFields {
  const picked: Partial<Record<keyof IncidentFields, unknown>> = {};
  for (const key of FIELD_KEYS) picked[key] = from[key];
  return picked as IncidentFields; // every key of IncidentFields was copied from a value of that type
}

/** The columns written from the fields: everything but the key, hash, revision and timestamps. */
export function fieldColumns(
  f: IncidentFields,
): Omit<NewIncidentRow, 'id' | 'source_key' | 'content_hash' | 'revision' | 'created_at' | 'updated_at'> {
  return {
    event_id_cnty: f.eventIdCnty,
    event_date: f.eventDate,
    time_precision: f.timePrecision,
    event_type: f.eventType,
    sub_event_type: f.subEventType,
    actor1: f.actor1,
    assoc_actor_1: f.assocActor1,
    inter1: f.inter1,
    actor2: f.actor2,
    assoc_actor_2: f.assocActor2,
    inter2: f.inter2,
    interaction: f.interaction,
    civilian_targeting: f.civilianTargeting ? 1 : 0,
    country: f.country,
    admin1: f.admin1,
    admin2: f.admin2,
    admin3: f.admin3,
    location: f.location,
    latitude: f.latitude,
    longitude: f.longitude,
    geo_precision: f.geoPrecision,
    fatalities: f.fatalities.best,
    fatalities_low: f.fatalities.low,
    fatalities_high: f.fatalities.high,
    source: f.source,
    source_scale: f.sourceScale,
    notes: f.notes,
    tags: f.tags,
    status: f.status,
    classification: f.classification,
    owner_party: f.ownerParty,
    origin: f.origin,
    admin1_key: f.admin1 === null ? null : foldName(f.admin1),
  };
}

/** A new incident's row, at revision 1. */
export function newIncidentRow(input: IncidentInput, at: string): NewIncidentRow {
  return {
    source_key: input.sourceKey,
    content_hash: input.contentHash,
    ...fieldColumns(input),
    revision: 1,
    created_at: at,
    updated_at: at,
  };
}

/** The Charter facts' columns (migration 0006). */
export function charterFactColumns(
  f: CharterFacts,
): Pick<
  NewIncidentRow,
  | 'target'
  | 'launched_from'
  | 'territory_seized'
  | 'actor1_type'
  | 'actor2_type'
  | 'actor1_state'
  | 'actor2_state'
> {
  return {
    target: f.target,
    launched_from: f.launchedFrom,
    territory_seized: f.territorySeized === null ? null : f.territorySeized ? 1 : 0,
    actor1_type: f.actor1Type,
    actor2_type: f.actor2Type,
    actor1_state: f.actor1State,
    actor2_state: f.actor2State,
  };
}

/*
 * The casts below narrow text and integer columns to the domain's unions: the store writes these
 * columns only from values of those types (IncidentInput, IncidentChange), so what it reads back is one.
 * A row read before migration 0006 ran would lack the fact columns; the store migrates before reading.
 */
export function rowToIncident(row: IncidentRow): Incident {
  return {
    id: row.id,
    sourceKey: row.source_key,
    eventIdCnty: row.event_id_cnty,
    eventDate: row.event_date,
    timePrecision: row.time_precision as TimePrecision,
    eventType: row.event_type as EventType,
    subEventType: row.sub_event_type as SubEventType,
    actor1: row.actor1,
    assocActor1: row.assoc_actor_1,
    inter1: row.inter1 as InterCode | null,
    actor2: row.actor2,
    assocActor2: row.assoc_actor_2,
    inter2: row.inter2 as InterCode | null,
    interaction: row.interaction,
    civilianTargeting: row.civilian_targeting !== 0,
    country: row.country,
    admin1: row.admin1,
    admin2: row.admin2,
    admin3: row.admin3,
    location: row.location,
    latitude: row.latitude,
    longitude: row.longitude,
    geoPrecision: row.geo_precision as GeoPrecision | null,
    fatalities: { low: row.fatalities_low, best: row.fatalities, high: row.fatalities_high },
    source: row.source,
    sourceScale: row.source_scale,
    notes: row.notes,
    tags: row.tags,
    status: row.status as IncidentStatus,
    classification: row.classification as Classification,
    ownerParty: row.owner_party,
    origin: row.origin as IncidentOrigin,
    revision: row.revision,
    mergedInto: row.merged_into ?? null,
    charterFacts: {
      target: row.target as Target | null,
      launchedFrom: row.launched_from,
      territorySeized: row.territory_seized === null ? null : row.territory_seized !== 0,
      actor1Type: row.actor1_type as Designation | null,
      actor2Type: row.actor2_type as Designation | null,
      actor1State: row.actor1_state,
      actor2State: row.actor2_state,
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
