/**
 * An incident as a GeoJSON Feature (RFC 7946): [longitude, latitude] in WGS 84 with at most six
 * decimals (about 10 cm, RFC 7946 §11.2), `geometry: null` when the incident has no coordinates, no
 * `crs` member. The FeatureCollection is written around the features by the caller, one feature at a
 * time. Pure.
 */
import type { Incident } from '../../domain/incident.ts';

export interface IncidentFeature {
  readonly type: 'Feature';
  readonly id: number;
  readonly geometry: { readonly type: 'Point'; readonly coordinates: readonly [number, number] } | null;
  readonly properties: Readonly<Record<string, string | number | boolean | null>>;
}

/** Rounds to six decimals; -0 becomes 0. */
export function sixDecimals(value: number): number {
  return Math.round(value * 1e6) / 1e6 + 0;
}

export function incidentFeature(i: Incident): IncidentFeature {
  return {
    type: 'Feature',
    id: i.id,
    geometry:
      i.latitude === null || i.longitude === null
        ? null
        : { type: 'Point', coordinates: [sixDecimals(i.longitude), sixDecimals(i.latitude)] },
    properties: {
      id: i.id,
      event_id_cnty: i.eventIdCnty,
      event_date: i.eventDate,
      time_precision: i.timePrecision,
      event_type: i.eventType,
      sub_event_type: i.subEventType,
      actor1: i.actor1,
      assoc_actor_1: i.assocActor1,
      inter1: i.inter1,
      actor2: i.actor2,
      assoc_actor_2: i.assocActor2,
      inter2: i.inter2,
      interaction: i.interaction,
      civilian_targeting: i.civilianTargeting,
      country: i.country,
      admin1: i.admin1,
      admin2: i.admin2,
      admin3: i.admin3,
      location: i.location,
      geo_precision: i.geoPrecision,
      fatalities: i.fatalities.best,
      fatalities_low: i.fatalities.low,
      fatalities_high: i.fatalities.high,
      source: i.source,
      source_scale: i.sourceScale,
      notes: i.notes,
      tags: i.tags,
      status: i.status,
      classification: i.classification,
      owner_party: i.ownerParty,
      revision: i.revision,
      merged_into: i.mergedInto,
      updated_at: i.updatedAt,
    },
  };
}

export const FEATURE_COLLECTION_START = '{"type":"FeatureCollection","features":[\n';
export const FEATURE_COLLECTION_END = '\n]}\n';
