/** Schemas of the incident routes: the validator and the OpenAPI document both come from these. */
import { Type } from 'typebox';
import { Nullable } from '../../nullable.ts';
import { EVENT_TYPES, SUB_EVENT_TYPES } from '../../../domain/acled-taxonomy.ts';
import { DESIGNATIONS } from '../../../domain/actor.ts';
import { TARGETS } from '../../../domain/charter/incident-input.ts';
import { CLASSIFICATIONS } from '../../../domain/classification.ts';
import { INCIDENT_ORIGINS, INCIDENT_STATUSES } from '../../../domain/incident.ts';

const DATE = '^\\d{4}-\\d{2}-\\d{2}$';
const ALL_SUB_TYPES = Object.values(SUB_EVENT_TYPES).flat();

/** Filters shared by the list, the aggregate and the exports. */
export const filterProperties = {
  bbox: Type.Optional(
    Type.String({
      pattern: '^\\s*-?\\d+(\\.\\d+)?\\s*(,\\s*-?\\d+(\\.\\d+)?\\s*){3}$',
      description: 'minLon,minLat,maxLon,maxLat in WGS 84 degrees',
      examples: ['-5.5,10,4.3,25'],
    }),
  ),
  from: Type.Optional(Type.String({ pattern: DATE, description: 'first day, YYYY-MM-DD (inclusive)' })),
  to: Type.Optional(Type.String({ pattern: DATE, description: 'last day, YYYY-MM-DD (inclusive)' })),
  country: Type.Optional(
    Type.String({ pattern: '^[A-Z]{3}(,[A-Z]{3})*$', description: 'ISO3 codes, comma-separated' }),
  ),
  event_type: Type.Optional(
    Type.String({ description: `comma-separated ACLED event types: ${EVENT_TYPES.join('; ')}` }),
  ),
  sub_event_type: Type.Optional(
    Type.String({
      maxLength: 2000,
      description: 'comma-separated ACLED sub-event types (e.g. "Armed clash,Attack")',
    }),
  ),
  admin1: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 2000,
      description:
        'comma-separated admin-1 names (regions), matched with accents, case and punctuation ignored ("Ségou" = "SEGOU")',
    }),
  ),
  actor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'part of an actor name' })),
  status: Type.Optional(
    Type.String({ description: `comma-separated statuses: ${INCIDENT_STATUSES.join(', ')}` }),
  ),
  q: Type.Optional(
    Type.String({ minLength: 1, maxLength: 500, description: 'full-text search in notes, place and actors' }),
  ),
};

export const ListQuery = Type.Object(
  {
    ...filterProperties,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    cursor: Type.Optional(
      Type.String({ maxLength: 200, description: 'next_cursor of the previous page, with the same sort' }),
    ),
    sort: Type.Optional(
      Type.Union([Type.Literal('date_desc'), Type.Literal('created_asc')], {
        default: 'date_desc',
        description: 'date_desc: newest event first; created_asc: oldest record first (the triage queue)',
      }),
    ),
    count: Type.Optional(
      Type.Boolean({
        description: 'true: the response also holds `total`, the number of matching incidents',
      }),
    ),
  },
  { additionalProperties: false },
);

export const TimelineQuery = Type.Object({ ...filterProperties }, { additionalProperties: false });

/** Weeks a timeline may span. */
export const MAX_TIMELINE_WEEKS = 600;

export const TimelineSchema = Type.Object({
  weeks: Type.Array(
    Type.Object({
      week: Type.String({ format: 'date', description: 'the Monday that starts the ISO week' }),
      count: Type.Integer(),
      fatalities: Type.Integer(),
      by_event_type: Type.Record(Type.String(), Type.Integer()),
      fatalities_by_event_type: Type.Record(Type.String(), Type.Integer()),
    }),
    { description: `every week from the first to the last, zeros included; at most ${MAX_TIMELINE_WEEKS}` },
  ),
  from: Nullable(
    Type.String({ description: "first day covered: the query's from, else the first week's Monday" }),
  ),
  to: Nullable(Type.String({ description: "last day covered: the query's to, else the last week's Sunday" })),
});

export const MergeBody = Type.Object(
  {
    other_id: Type.Integer({
      minimum: 1,
      description: 'the duplicate: its sources move here, it is rejected',
    }),
    reason: Type.String({ minLength: 3, maxLength: 2000, description: 'why they are one event' }),
  },
  { additionalProperties: false },
);

export const MAX_BULK_IDS = 500;

export const BulkBody = Type.Object(
  {
    ids: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: MAX_BULK_IDS }),
    action: Type.Union([Type.Literal('verify'), Type.Literal('reject')]),
    reason: Type.Optional(
      Type.String({
        maxLength: 2000,
        description:
          'kept in each revision; required (3 characters or more) to reject; verify defaults to "verified in triage"',
      }),
    ),
  },
  { additionalProperties: false },
);

export const BulkResultSchema = Type.Object({
  results: Type.Array(
    Type.Object({
      id: Type.Integer(),
      outcome: Type.Union([
        Type.Literal('updated'),
        Type.Literal('not_found'),
        Type.Literal('unchanged'),
        Type.Literal('conflict'),
      ]),
      message: Type.Optional(Type.String()),
    }),
  ),
});

export const AggregateQuery = Type.Object(
  { ...filterProperties, zoom: Type.Integer({ minimum: 0, maximum: 22 }) },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

const ISO3 = '^[A-Z]{3}$';

/** The facts an analyst adds for the Charter rules; null is unknown (it lowers the proposals' confidence). */
export const CharterFactsSchema = Type.Object(
  {
    target: Nullable(Type.Enum(TARGETS, { description: 'what the attack hit' })),
    launched_from: Nullable(
      Type.String({ pattern: ISO3, description: 'ISO3 of the country the attack was launched from' }),
    ),
    territory_seized: Nullable(Type.Boolean()),
    actor1_type: Nullable(Type.Enum(DESIGNATIONS, { description: "actor1's designation" })),
    actor2_type: Nullable(Type.Enum(DESIGNATIONS, { description: "actor2's designation" })),
    actor1_state: Nullable(
      Type.String({ pattern: ISO3, description: 'ISO3 of the state actor1 is forces of' }),
    ),
    actor2_state: Nullable(
      Type.String({ pattern: ISO3, description: 'ISO3 of the state actor2 is forces of' }),
    ),
  },
  { additionalProperties: false },
);

/** A change of some Charter facts: the facts left out keep their value, null clears one. */
export const CharterFactsPatch = Type.Partial(CharterFactsSchema, { additionalProperties: false });

export const IncidentSchema = Type.Object({
  id: Type.Integer(),
  event_id_cnty: Nullable(Type.String()),
  event_date: Type.String({ format: 'date' }),
  time_precision: Type.Integer({ minimum: 1, maximum: 3 }),
  event_type: Type.Enum(EVENT_TYPES),
  sub_event_type: Type.String({ enum: ALL_SUB_TYPES }),
  actor1: Type.String(),
  assoc_actor_1: Nullable(Type.String()),
  inter1: Nullable(Type.Integer()),
  actor2: Nullable(Type.String()),
  assoc_actor_2: Nullable(Type.String()),
  inter2: Nullable(Type.Integer()),
  interaction: Nullable(Type.Integer()),
  civilian_targeting: Type.Boolean(),
  country: Type.String(),
  admin1: Nullable(Type.String()),
  admin2: Nullable(Type.String()),
  admin3: Nullable(Type.String()),
  location: Nullable(Type.String()),
  latitude: Nullable(Type.Number()),
  longitude: Nullable(Type.Number()),
  geo_precision: Nullable(Type.Integer()),
  fatalities: Type.Integer(),
  fatalities_low: Nullable(Type.Integer()),
  fatalities_high: Nullable(Type.Integer()),
  source: Nullable(Type.String()),
  source_scale: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  tags: Nullable(Type.String()),
  status: Type.Enum(INCIDENT_STATUSES),
  classification: Type.Enum(CLASSIFICATIONS),
  owner_party: Nullable(Type.String()),
  origin: Type.Enum(INCIDENT_ORIGINS),
  revision: Type.Integer(),
  merged_into: Nullable(Type.Integer({ description: 'the incident this one was merged into' })),
  charter_facts: CharterFactsSchema,
  created_at: Type.String(),
  updated_at: Type.String(),
});

export const IncidentPageSchema = Type.Object({
  items: Type.Array(IncidentSchema),
  next_cursor: Nullable(Type.String()),
  total: Type.Optional(Type.Integer({ description: 'with count=true: every matching incident' })),
});

export const RevisionSchema = Type.Object({
  revision: Type.Integer(),
  changed_at: Type.String(),
  changed_by: Type.String(),
  reason: Type.String(),
  changes: Type.Record(Type.String(), Type.Object({ before: Type.Unknown(), after: Type.Unknown() })),
});

/** A report an incident was read from, with the evidence spans and the event as that report codes it. */
export const SourceSchema = Type.Object({
  report_id: Type.Integer(),
  kind: Type.String(),
  source: Type.String(),
  url: Nullable(Type.String()),
  title: Nullable(Type.String()),
  language: Nullable(Type.String()),
  published: Nullable(Type.String()),
  received_at: Type.String(),
  event_index: Type.Integer({ description: "position of the event among the report's extracted events" }),
  confidence: Type.Number(),
  needs_review: Type.Boolean({
    description: 'linked to a verified or curated incident whose fields fusion did not change',
  }),
  linked_at: Type.String(),
  evidence: Type.Array(
    Type.Object({
      start: Type.Integer(),
      end: Type.Integer(),
      text: Type.String(),
    }),
  ),
  event: Type.Object({
    event_date: Type.String(),
    date_stated: Type.Boolean(),
    country: Type.String(),
    admin1: Nullable(Type.String()),
    location: Nullable(Type.String()),
    latitude: Nullable(Type.Number()),
    longitude: Nullable(Type.Number()),
    event_type: Type.String(),
    sub_event_type: Type.String(),
    actor1: Nullable(Type.String()),
    actor2: Nullable(Type.String()),
    fatalities: Nullable(Type.Integer()),
  }),
});

export const IncidentDetailSchema = Type.Object({
  incident: IncidentSchema,
  revisions: Type.Array(RevisionSchema),
  sources: Type.Array(SourceSchema),
});

export const SplitBody = Type.Object(
  {
    report_id: Type.Integer({ minimum: 1, description: 'the source report to detach' }),
    reason: Type.String({ minLength: 3, maxLength: 2000, description: 'why the fusion was wrong' }),
  },
  { additionalProperties: false },
);

export const SplitResultSchema = Type.Object({
  incident: IncidentSchema,
  detached: IncidentSchema,
});

export const ClusterCollectionSchema = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      geometry: Type.Object({
        type: Type.Literal('Point'),
        coordinates: Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }),
      }),
      properties: Type.Object({
        count: Type.Integer(),
        fatalities: Type.Integer(),
        dominant_event_type: Type.String(),
        by_event_type: Type.Record(Type.String(), Type.Integer()),
        bbox: Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }),
        incident_id: Nullable(Type.Integer()),
      }),
    }),
  ),
  properties: Type.Object({ zoom: Type.Integer(), cell_degrees: Type.Number(), total: Type.Integer() }),
});

export const IncidentPatchBody = Type.Object(
  {
    reason: Type.String({
      minLength: 3,
      maxLength: 2000,
      description: 'why the coding changes (kept in the history)',
    }),
    status: Type.Optional(Type.Enum(INCIDENT_STATUSES)),
    classification: Type.Optional(Type.Enum(CLASSIFICATIONS)),
    owner_party: Type.Optional(Nullable(Type.String({ pattern: '^[A-Z]{3}$' }))),
    event_date: Type.Optional(Type.String({ pattern: DATE })),
    event_type: Type.Optional(Type.Enum(EVENT_TYPES)),
    sub_event_type: Type.Optional(Type.String({ enum: ALL_SUB_TYPES })),
    actor1: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    actor2: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
    admin1: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    admin2: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    location: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
    latitude: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    longitude: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    fatalities: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
    notes: Type.Optional(Nullable(Type.String({ maxLength: 20000 }))),
    charter_facts: Type.Optional(CharterFactsPatch),
  },
  { additionalProperties: false },
);

export const ErrorSchema = Type.Object({ error: Type.String(), message: Type.String() });
