/**
 * HTTP shapes (TypeBox, also the OpenAPI document) of early warning's surges, and how a stored surge
 * is presented: its figures, the window and baseline they compare, and the reference admin-1 unit it
 * was matched to (its GeoNames code, French and English names and centroid, for the map).
 */
import { Type, type Static } from 'typebox';
import { CLASSIFICATIONS } from '../../../domain/classification.ts';
import { SURGE_LEVELS } from '../../../domain/early-warning/surge-measure.ts';
import { surgeRatio } from '../../../domain/early-warning/surge.ts';
import type { AdminUnitIndex } from '../../../reference/admin-unit-index.ts';
import type { StoredSurge } from '../../../store/surge-records.ts';
import { Nullable } from '../../nullable.ts';

const DAY = { pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' };
const Window = Type.Object({ start: Type.String(DAY), end: Type.String(DAY) });

export const SurgeListQuery = Type.Object(
  {
    state: Type.Optional(
      Type.Union([Type.Literal('open'), Type.Literal('all')], {
        description: 'open (the default): the surges open now; all: open and closed',
      }),
    ),
    on: Type.Optional(
      Type.String({ ...DAY, description: 'the surges open on that day (raised by then, not yet closed)' }),
    ),
    country: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO3' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 500 })),
  },
  { additionalProperties: false },
);

/** The rule detection runs with (domain/early-warning/surge-rule.ts), from the deployment's configuration. */
export const SurgeRuleSchema = Type.Object({
  window_days: Type.Integer(),
  baseline_days: Type.Integer(),
  min_fatalities: Type.Integer({ description: 'the floor: no surge below this many deaths in the window' }),
  min_relative_increase: Type.Number(),
  high_ratio: Type.Number(),
  cool_down_days: Type.Integer(),
});

export const SurgeParams = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

const HistoryEntry = Type.Object({
  on: Type.String(DAY),
  fatalities_30d: Type.Integer(),
  events_30d: Type.Integer(),
  baseline: Type.Integer(),
  level: Nullable(Type.String({ description: 'null: the condition did not hold that day' })),
});

export const SurgeSchema = Type.Object({
  id: Type.Integer(),
  country: Type.String({ description: 'ISO3' }),
  admin1: Type.String({ description: 'the admin-1 name as the incidents spell it (the most frequent)' }),
  admin1_key: Type.String({ description: 'the name folded (accents, case): the unit surges are kept by' }),
  unit: Type.Union(
    [
      Type.Null(),
      Type.Object({
        code: Type.String({ description: 'GeoNames admin code' }),
        name: Type.Object({ fr: Type.String(), en: Type.String() }),
        latitude: Nullable(Type.Number()),
        longitude: Nullable(Type.Number()),
      }),
    ],
    { description: 'the reference admin-1 unit of that name in that country; null when none matches' },
  ),
  state: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  level: Type.String({ description: `${SURGE_LEVELS.join(', ')}: of the last day the condition held` }),
  opened_on: Type.String(DAY),
  changed_on: Type.String({ ...DAY, description: 'the last day a detection changed it' }),
  lapsed_since: Nullable(Type.String({ ...DAY, description: 'open but below the condition since this day' })),
  closed_on: Nullable(Type.String(DAY)),
  window: Window,
  fatalities_30d: Type.Integer(),
  events_30d: Type.Integer(),
  baseline: Type.Integer({ description: 'the highest 30-day total of the 365 days before the window' }),
  baseline_window: Nullable(Window),
  ratio: Nullable(Type.Number({ description: 'fatalities_30d / baseline; null when the baseline is 0' })),
  peak_fatalities_30d: Type.Integer(),
  peak_on: Type.String(DAY),
  classification: Type.String({ description: CLASSIFICATIONS.join(', ') }),
  owner_party: Nullable(Type.String()),
  history: Type.Optional(
    Type.Array(HistoryEntry, { description: 'detail only: one entry per day it changed' }),
  ),
});
export type SurgeBody = Static<typeof SurgeSchema>;

export function presentSurge(
  stored: StoredSurge,
  adminUnits: AdminUnitIndex,
  options: { readonly history: boolean },
): SurgeBody {
  const s = stored.surge;
  const unit = adminUnits.region(s.country, s.admin1);
  return {
    id: stored.id,
    country: s.country,
    admin1: s.admin1,
    admin1_key: s.admin1Key,
    unit:
      unit === null
        ? null
        : {
            code: unit.code,
            name: { fr: unit.name.fr, en: unit.name.en },
            latitude: unit.latitude,
            longitude: unit.longitude,
          },
    state: s.state,
    level: s.level,
    opened_on: s.openedOn,
    changed_on: s.changedOn,
    lapsed_since: s.lapsedSince,
    closed_on: s.closedOn,
    window: s.window,
    fatalities_30d: s.fatalities30d,
    events_30d: s.events30d,
    baseline: s.baseline,
    baseline_window: s.baselineWindow,
    ratio: surgeRatio(s),
    peak_fatalities_30d: s.peakFatalities30d,
    peak_on: s.peakOn,
    classification: s.classification,
    owner_party: s.ownerParty,
    ...(options.history
      ? {
          history: s.history.map((h) => ({
            on: h.on,
            fatalities_30d: h.fatalities30d,
            events_30d: h.events30d,
            baseline: h.baseline,
            level: h.level,
          })),
        }
      : {}),
  };
}
