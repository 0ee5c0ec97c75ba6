/**
 * An incident, coded as ACLED codes events (one event = one place × one day × one type), with UCDP's
 * low / best / high fatality estimates and the platform's review status and classification.
 */
import {
  isEventType,
  isInterCode,
  isSubEventTypeOf,
  type EventType,
  type InterCode,
  type SubEventType,
} from './acled-taxonomy.ts';
import type { CharterFacts } from './charter/charter-facts.ts';
import { isClassification, type Classification } from './classification.ts';
import { isValidCoordinate } from './place.ts';

export const INCIDENT_STATUSES = ['machine-coded', 'reported', 'verified', 'rejected'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const INCIDENT_ORIGINS = ['acled', 'ucdp', 'report', 'manual', 'demo'] as const;
export type IncidentOrigin = (typeof INCIDENT_ORIGINS)[number];

/** ACLED's time precision: 1 the day is known, 2 the week, 3 the month. */
export type TimePrecision = 1 | 2 | 3;
/** ACLED's geo precision: 1 the place itself, 2 a nearby place or part of a region, 3 the region. */
export type GeoPrecision = 1 | 2 | 3;

export interface Fatalities {
  /** UCDP's low estimate; null when only one figure is known. */
  readonly low: number | null;
  /** The best estimate: ACLED's "fatalities" column. */
  readonly best: number;
  readonly high: number | null;
}

/** The coded fields of an incident: what an analyst edits and an import writes. */
export interface IncidentCoding {
  readonly eventIdCnty: string | null;
  /** YYYY-MM-DD. */
  readonly eventDate: string;
  readonly timePrecision: TimePrecision;
  readonly eventType: EventType;
  readonly subEventType: SubEventType;
  readonly actor1: string;
  readonly assocActor1: string | null;
  readonly inter1: InterCode | null;
  readonly actor2: string | null;
  readonly assocActor2: string | null;
  readonly inter2: InterCode | null;
  readonly interaction: number | null;
  readonly civilianTargeting: boolean;
  /** ISO3 of the country where it happened. */
  readonly country: string;
  readonly admin1: string | null;
  readonly admin2: string | null;
  readonly admin3: string | null;
  readonly location: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly geoPrecision: GeoPrecision | null;
  readonly fatalities: Fatalities;
  readonly source: string | null;
  readonly sourceScale: string | null;
  readonly notes: string | null;
  readonly tags: string | null;
}

/** What the platform records around the coding. */
export interface IncidentRecord {
  readonly status: IncidentStatus;
  readonly classification: Classification;
  /** The party that owns a NATIONAL record; null otherwise. */
  readonly ownerParty: string | null;
  readonly origin: IncidentOrigin;
}

export interface Incident extends IncidentCoding, IncidentRecord {
  readonly id: number;
  /** Key that makes imports idempotent: "acled:<event_id_cnty>", "ucdp:<id>" or "sha256:<hash of content>". */
  readonly sourceKey: string;
  readonly revision: number;
  /** The incident this one was merged into (its sources moved there); null for a live incident. */
  readonly mergedInto: number | null;
  /** What an analyst added for the Charter rules (target, launched_from…); each null when unknown. */
  readonly charterFacts: CharterFacts;
  /** ISO timestamps. */
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One entry of an incident's history: who changed which fields, when and why. */
export interface IncidentRevision {
  readonly incidentId: number;
  readonly revision: number;
  readonly changedAt: string;
  readonly changedBy: string;
  readonly reason: string;
  readonly changes: Readonly<Record<string, { readonly before: unknown; readonly after: unknown }>>;
}

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a string is a real calendar day written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Every problem with an incident's coding, or an empty list when it is valid. */
export function validateCoding(c: IncidentCoding): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const bad = (field: string, message: string): void => {
    problems.push({ field, message });
  };
  if (!isIsoDate(c.eventDate)) bad('event_date', `"${c.eventDate}" is not a date (YYYY-MM-DD)`);
  if (![1, 2, 3].includes(c.timePrecision)) bad('time_precision', 'must be 1, 2 or 3');
  if (!isEventType(c.eventType)) bad('event_type', `"${c.eventType}" is not an ACLED event type`);
  else if (!isSubEventTypeOf(c.eventType, c.subEventType))
    bad('sub_event_type', `"${c.subEventType}" is not a sub-event type of "${c.eventType}"`);
  if (c.actor1.trim() === '') bad('actor1', 'is required');
  if (c.inter1 !== null && !isInterCode(c.inter1)) bad('inter1', 'must be an ACLED inter code 1–8');
  if (c.inter2 !== null && !isInterCode(c.inter2)) bad('inter2', 'must be an ACLED inter code 1–8');
  if (!/^[A-Z]{3}$/.test(c.country)) bad('country', `"${c.country}" is not an ISO3 country code`);
  if ((c.latitude === null) !== (c.longitude === null))
    bad(c.latitude === null ? 'latitude' : 'longitude', 'latitude and longitude go together');
  if (c.latitude !== null && c.longitude !== null && !isValidCoordinate(c.latitude, c.longitude))
    bad('latitude', `(${c.latitude}, ${c.longitude}) is not a coordinate on Earth`);
  if (c.geoPrecision !== null && ![1, 2, 3].includes(c.geoPrecision))
    bad('geo_precision', 'must be 1, 2 or 3');
  const f = c.fatalities;
  if (!Number.isInteger(f.best) || f.best < 0) bad('fatalities', 'must be a whole number of 0 or more');
  if (f.low !== null && (!Number.isInteger(f.low) || f.low < 0 || f.low > f.best))
    bad('fatalities_low', 'must be a whole number between 0 and the best estimate');
  if (f.high !== null && (!Number.isInteger(f.high) || f.high < f.best))
    bad('fatalities_high', 'must be a whole number not below the best estimate');
  return problems;
}

export function validateRecord(r: IncidentRecord): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isClassification(r.classification))
    problems.push({ field: 'classification', message: `"${r.classification}" is not a classification` });
  if (r.classification === 'NATIONAL' && r.ownerParty === null)
    problems.push({ field: 'owner_party', message: 'a NATIONAL record must name the party that owns it' });
  return problems;
}

/** The fields of `after` that differ from `before`, for a revision entry. */
export function diffCoding(
  before: IncidentCoding & Partial<IncidentRecord>,
  after: IncidentCoding & Partial<IncidentRecord>,
): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of Object.keys(after) as (keyof typeof after)[]) {
    const a = after[key];
    const b = before[key];
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[key] = { before: b ?? null, after: a ?? null };
  }
  return changes;
}

/** Allowed review transitions: analysts verify or reject what machines and people reported. */
export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  if (from === to) return false;
  if (to === 'machine-coded') return false;
  return true;
}
