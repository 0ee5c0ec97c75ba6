/** The API's shapes, as the situation room reads them (see /openapi.json). */

export type Classification = 'PUBLIC' | 'AES_RESTRICTED' | 'NATIONAL';
export type IncidentStatus = 'machine-coded' | 'reported' | 'verified' | 'rejected';

export interface Incident {
  readonly id: number;
  readonly event_id_cnty: string | null;
  readonly event_date: string;
  readonly time_precision: number;
  readonly event_type: string;
  readonly sub_event_type: string;
  readonly actor1: string;
  readonly assoc_actor_1: string | null;
  readonly actor2: string | null;
  readonly assoc_actor_2: string | null;
  readonly civilian_targeting: boolean;
  readonly country: string;
  readonly admin1: string | null;
  readonly admin2: string | null;
  readonly admin3: string | null;
  readonly location: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly geo_precision: number | null;
  readonly source: string | null;
  readonly notes: string | null;
  readonly fatalities: number;
  readonly fatalities_low: number | null;
  readonly fatalities_high: number | null;
  readonly status: IncidentStatus;
  readonly classification: Classification;
  readonly owner_party: string | null;
  readonly origin: string;
  readonly revision: number;
  readonly created_at: string;
  readonly updated_at: string;
  readonly merged_into?: number | null;
  readonly charter_facts?: CharterFacts;
}

export interface CharterFacts {
  readonly target: string | null;
  readonly launched_from: string | null;
  readonly territory_seized: boolean | null;
  readonly actor1_type: string | null;
  readonly actor2_type: string | null;
  readonly actor1_state: string | null;
  readonly actor2_state: string | null;
}

export interface IncidentPage {
  readonly items: Incident[];
  readonly next_cursor: string | null;
  readonly total?: number;
}

export interface Revision {
  readonly revision: number;
  readonly changed_at: string;
  readonly changed_by: string;
  readonly reason: string;
  readonly changes: Record<string, { before: unknown; after: unknown }>;
}

export interface Evidence {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Source {
  readonly report_id: number;
  readonly kind: string;
  readonly source: string;
  readonly url: string | null;
  readonly title: string | null;
  readonly language: string | null;
  readonly published: string | null;
  readonly received_at: string;
  readonly confidence: number;
  readonly needs_review: boolean;
  readonly evidence: Evidence[];
  readonly event: Record<string, unknown>;
}

export interface IncidentDetail {
  readonly incident: Incident;
  readonly revisions: Revision[];
  readonly sources: Source[];
}

export interface Report {
  readonly id: number;
  readonly text: string;
  readonly title: string | null;
  readonly source: string;
}

export interface ClusterFeature {
  readonly type: 'Feature';
  readonly geometry: { readonly type: 'Point'; readonly coordinates: [number, number] };
  readonly properties: {
    readonly count: number;
    readonly fatalities: number;
    readonly dominant_event_type: string;
    readonly by_event_type: Record<string, number>;
    readonly bbox: [number, number, number, number];
    readonly incident_id: number | null;
  };
}

export interface ClusterCollection {
  readonly type: 'FeatureCollection';
  readonly features: ClusterFeature[];
  readonly properties: { readonly zoom: number; readonly cell_degrees: number; readonly total: number };
}

export interface TimelineWeek {
  readonly week: string;
  readonly count: number;
  readonly fatalities: number;
  readonly by_event_type: Record<string, number>;
  readonly fatalities_by_event_type: Record<string, number>;
}

export interface Timeline {
  readonly weeks: TimelineWeek[];
}

export interface Taxonomy {
  readonly event_types: { name: string; fr: string; sub_event_types: { name: string; fr: string }[] }[];
}

export interface AdminUnit {
  readonly code: string;
  readonly country: string;
  readonly level: number;
  readonly name: { en: string; fr: string };
  readonly latitude: number;
  readonly longitude: number;
}

export interface PlaceLabel {
  readonly name: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly population: number;
  readonly country: string;
}

export interface Labels {
  readonly admin1: AdminUnit[];
  readonly places: PlaceLabel[];
}
