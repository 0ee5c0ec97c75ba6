/** Schemas of the alert routes: the stream, the recent alerts, subscriptions and their deliveries. */
import { Type, type Static } from 'typebox';
import { ALERT_KINDS } from '../../../domain/alerts/alert-event.ts';
import { MAX_AREA_VERTICES } from '../../../domain/alerts/alert-area.ts';
import { MAX_FILTER_VALUES } from '../../../domain/alerts/alert-subscription.ts';
import { EVENT_TYPES, SUB_EVENT_TYPES } from '../../../domain/acled-taxonomy.ts';
import { CLASSIFICATIONS } from '../../../domain/classification.ts';
import { Nullable } from '../../nullable.ts';

const ALL_SUB_TYPES = Object.values(SUB_EVENT_TYPES).flat();
const list = <T extends Parameters<typeof Type.Array>[0]>(item: T, description: string) =>
  Type.Optional(Type.Array(item, { maxItems: MAX_FILTER_VALUES, description }));

const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 });
const Ring = Type.Array(Position, { minItems: 4, maxItems: MAX_AREA_VERTICES });
export const AreaSchema = Type.Union(
  [
    Type.Object(
      { type: Type.Literal('Polygon'), coordinates: Type.Array(Ring, { minItems: 1, maxItems: 100 }) },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        type: Type.Literal('MultiPolygon'),
        coordinates: Type.Array(Type.Array(Ring, { minItems: 1, maxItems: 100 }), {
          minItems: 1,
          maxItems: 100,
        }),
      },
      { additionalProperties: false },
    ),
  ],
  {
    description: `GeoJSON Polygon or MultiPolygon in longitude, latitude; closed rings, at most ${MAX_AREA_VERTICES} positions`,
  },
);

const AdminUnit = Type.Object(
  {
    country: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO3' }),
    admin1: Type.Optional(
      Nullable(Type.String({ minLength: 1, maxLength: 200, description: 'region; null: the whole country' })),
    ),
  },
  { additionalProperties: false },
);

const filterFields = {
  kinds: list(Type.Union(ALERT_KINDS.map((k) => Type.Literal(k))), 'kinds of alert; none: all'),
  area: Type.Optional(Nullable(AreaSchema)),
  admin_units: list(AdminUnit, 'countries or regions (admin-1 names as in /api/reference/admin-units)'),
  event_types: list(Type.Union(EVENT_TYPES.map((t) => Type.Literal(t))), 'ACLED event types'),
  sub_event_types: list(Type.Union(ALL_SUB_TYPES.map((t) => Type.Literal(t))), 'ACLED sub-event types'),
  actors: list(
    Type.String({ minLength: 1, maxLength: 200 }),
    'actor names (period suffix, accents and case ignored)',
  ),
  min_fatalities: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000 }))),
  articles: list(
    Type.String({ pattern: '^([a-z0-9-]+:)?[0-9a-z.-]{1,20}$', maxLength: 80 }),
    'Charter articles engaged: "6", or "liptako-gourma-charter:6"',
  ),
};

export const WebhookBody = Type.Object(
  {
    url: Type.String({ minLength: 8, maxLength: 2000, description: 'http(s) URL the alerts are POSTed to' }),
    active: Type.Optional(Type.Boolean({ description: 'deliver (default true)' })),
    rotate_secret: Type.Optional(Type.Boolean({ description: 'issue a new signing secret (shown once)' })),
  },
  { additionalProperties: false },
);

export const SubscriptionBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    ...filterFields,
    webhook: Type.Optional(Nullable(WebhookBody)),
  },
  { additionalProperties: false },
);
export type SubscriptionBodyType = Static<typeof SubscriptionBody>;

const FilterOut = {
  kinds: Type.Array(Type.String()),
  area: Nullable(Type.Unknown()),
  admin_units: Type.Array(Type.Object({ country: Type.String(), admin1: Nullable(Type.String()) })),
  event_types: Type.Array(Type.String()),
  sub_event_types: Type.Array(Type.String()),
  actors: Type.Array(Type.String()),
  min_fatalities: Nullable(Type.Integer()),
  articles: Type.Array(Type.String()),
};

export const SubscriptionSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  ...FilterOut,
  webhook: Nullable(Type.Object({ url: Type.String(), active: Type.Boolean() })),
  created_at: Type.String(),
  updated_at: Type.String(),
});

export const SubscriptionWithSecretSchema = Type.Object({
  ...SubscriptionSchema.properties,
  webhook_secret: Type.Optional(
    Type.String({ description: 'the HMAC-SHA256 signing secret: in this answer only, never again' }),
  ),
});

export const AlertSchema = Type.Object({
  seq: Type.Integer(),
  kind: Type.String(),
  incident_id: Nullable(Type.Integer()),
  classification: Type.String({ enum: [...CLASSIFICATIONS] }),
  owner_party: Nullable(Type.String()),
  created_at: Type.String(),
  payload: Type.Record(Type.String(), Type.Unknown()),
});

export const AlertListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'alerts below this seq (next page)' })),
    subscription: Type.Optional(
      Type.Integer({ minimum: 1, description: 'only alerts one of your subscriptions matches' }),
    ),
  },
  { additionalProperties: false },
);

export const StreamQuery = Type.Object(
  {
    lastEventId: Type.Optional(Type.Integer({ minimum: 0, description: 'as the Last-Event-ID header' })),
    subscription: Type.Optional(
      Type.String({
        pattern: '^([1-9][0-9]{0,11}|mine)$',
        description:
          'one of your subscriptions by id, or "mine": any of them; none: every alert you may read',
      }),
    ),
    kind: Type.Optional(Type.String({ maxLength: 500, description: 'comma-separated kinds of alert' })),
    event_type: Type.Optional(
      Type.String({ maxLength: 500, description: 'comma-separated ACLED event types' }),
    ),
    country: Type.Optional(
      Type.String({ pattern: '^[A-Z]{3}(,[A-Z]{3})*$', description: 'ISO3 codes, comma-separated' }),
    ),
    min_fatalities: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const DeliverySchema = Type.Object({
  id: Type.Integer(),
  event_seq: Type.Integer(),
  url: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
  attempts: Type.Integer(),
  next_attempt_at: Nullable(Type.String()),
  last_status: Nullable(Type.Integer()),
  last_error: Nullable(Type.String()),
  created_at: Type.String(),
  finished_at: Nullable(Type.String()),
});
