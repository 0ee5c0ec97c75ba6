/**
 * What a row mapper needs from outside: reference lookups injected by the caller (so the mappers stay
 * pure and testable with literal tables) and the record fields the caller decides.
 */
import type { InterCode } from '../domain/acled-taxonomy.ts';
import type { Classification } from '../domain/classification.ts';
import type { IncidentOrigin, IncidentRecord, IncidentStatus } from '../domain/incident.ts';

export interface GeocodeQuery {
  readonly location: string;
  /** ISO3. */
  readonly country: string;
  readonly admin1: string | null;
  readonly admin2: string | null;
}

export interface GeocodeResult {
  readonly latitude: number;
  readonly longitude: number;
  /** Filled into the incident when the row has none. */
  readonly admin1?: string | null;
  readonly admin2?: string | null;
}

/** How to read an all-numeric date such as 05/03/2024 when both readings are real days. */
export type NumericDateOrder = 'day-first' | 'month-first';

export interface MappingContext {
  /** ISO3 of a country name ("Mali"), or of an ISO 3166 numeric code ("466"); null when unknown. */
  readonly countryIso3: (nameOrCode: string) => string | null;
  /** The ACLED inter code of a named actor, for rows without inter1 / inter2; null when unknown. */
  readonly resolveInter: (actorName: string) => InterCode | null;
  /** Coordinates of a named place, for rows without them; null when the gazetteer does not know it. */
  readonly geocode: (query: GeocodeQuery) => GeocodeResult | null;
  /** Default 'verified': ACLED and UCDP are curated data. */
  readonly status?: IncidentStatus;
  /** Default 'PUBLIC'. */
  readonly classification?: Classification;
  /** Default null; required with classification 'NATIONAL'. */
  readonly ownerParty?: string | null;
  /** Unset: a date like 05/03/2024 that reads as two real days is rejected as ambiguous. */
  readonly numericDateOrder?: NumericDateOrder;
}

/** The record fields of every incident mapped under this context. */
export function recordOf(context: MappingContext, origin: IncidentOrigin): IncidentRecord {
  return {
    status: context.status ?? 'verified',
    classification: context.classification ?? 'PUBLIC',
    ownerParty: context.ownerParty ?? null,
    origin,
  };
}
