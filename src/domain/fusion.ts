/**
 * Fusion of reports: when an event read in a report is an incident the platform already holds, and
 * which values an incident takes from all the reports that describe it. Pure; the rules:
 *
 * **Same incident** when all of these hold:
 * - the same country;
 * - within {@link FUSION_RADIUS_KM} km of each other, or the same place name (accents and case folded);
 * - event dates at most {@link FUSION_DAYS} day apart (a night attack is dated either side of midnight);
 * - compatible event types: the same type, or two of Battles, Explosions/Remote violence and Violence
 *   against civilians (reports of one attack disagree on whether it was a clash, a massacre or a
 *   bombing: an IED in an ambush, villagers who fought back), or Protests and Riots. Strategic
 *   developments fuse only with themselves.
 * When several incidents qualify, the one of the same type wins, then the same place name, then the
 * nearest, then the nearest day, then the oldest (lowest id). An incident that an earlier event of the
 * same report went to is not a candidate: one report's distinct events stay distinct incidents.
 *
 * **Never silently into curated data.** Fusion re-derives the fields only of incidents that the
 * machine coded from reports (origin "report", status machine-coded). Any other incident — verified,
 * or coded by a person or a curated dataset (ACLED, UCDP) — keeps its fields: the report is linked to
 * it as a source flagged for review, and its history records the new source.
 *
 * **Best-supported values** ({@link fuseSources}): each field takes the value most sources give
 * (ties: the larger summed confidence, then the earliest source); the place is voted as a whole
 * (name, admin1, coordinates together). Fatalities: the best estimate is the toll of the latest
 * report (by publication day, then by arrival) that gives one, because tolls rise as the dead are
 * counted and the press's "several tolls → the latest" applies across reports as within one; the low
 * and high estimates are the smallest and largest tolls reported when they differ.
 */
import type { EventType } from './acled-taxonomy.ts';
import type { IncidentStatus, IncidentOrigin } from './incident.ts';
import { foldName } from './place.ts';
import type { ReportEvent } from './report-link.ts';

export const FUSION_RADIUS_KM = 25;
export const FUSION_DAYS = 1;

const EARTH_RADIUS_KM = 6371.0088;
const DAY_MS = 86_400_000;

/** Great-circle distance in km (haversine). */
export function distanceKm(
  a: { readonly latitude: number; readonly longitude: number },
  b: { readonly latitude: number; readonly longitude: number },
): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Whole days between two YYYY-MM-DD dates, always ≥ 0. */
export function daysApart(a: string, b: string): number {
  return Math.abs(Math.round((Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / DAY_MS));
}

/** The YYYY-MM-DD day `days` after (or before, when negative) `date`. */
export function shiftDay(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

const COMPATIBLE_GROUPS: readonly (readonly string[])[] = [
  ['Battles', 'Explosions/Remote violence', 'Violence against civilians'],
  ['Protests', 'Riots'],
];

/** Whether two reports' event types may describe one incident (see the module's rules). */
export function compatibleEventTypes(a: string, b: string): boolean {
  return a === b || COMPATIBLE_GROUPS.some((g) => g.includes(a) && g.includes(b));
}

/** What fusion needs to know of a stored incident. */
export interface FusionCandidate {
  readonly id: number;
  readonly country: string;
  readonly eventDate: string;
  readonly eventType: EventType | string;
  readonly location: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly status: IncidentStatus;
  readonly origin: IncidentOrigin;
}

export type FusionDecision =
  /** No incident matches: the event becomes a new machine-coded incident. */
  | { readonly kind: 'new' }
  /** Same incident, machine-coded from reports: link and re-derive its fields. */
  | { readonly kind: 'fuse'; readonly incidentId: number }
  /** Same incident, but verified or coded by a person or dataset: link for review, fields kept. */
  | { readonly kind: 'review'; readonly incidentId: number };

/** Whether the incident's fields are the machine's to re-derive from its sources. */
export function isMachineFusable(c: Pick<FusionCandidate, 'status' | 'origin'>): boolean {
  return c.origin === 'report' && c.status === 'machine-coded';
}

function sameName(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && foldName(a) !== '' && foldName(a) === foldName(b);
}

function distanceBetween(event: ReportEvent, c: FusionCandidate): number | null {
  if (event.latitude === null || event.longitude === null || c.latitude === null || c.longitude === null)
    return null;
  return distanceKm(
    { latitude: event.latitude, longitude: event.longitude },
    { latitude: c.latitude, longitude: c.longitude },
  );
}

/** Whether the event and the incident are one incident by the rules above (status aside). */
export function sameIncident(event: ReportEvent, c: FusionCandidate): boolean {
  if (c.status === 'rejected') return false;
  if (event.country !== c.country) return false;
  if (daysApart(event.eventDate, c.eventDate) > FUSION_DAYS) return false;
  if (!compatibleEventTypes(event.eventType, c.eventType)) return false;
  const km = distanceBetween(event, c);
  return (km !== null && km <= FUSION_RADIUS_KM) || sameName(event.location, c.location);
}

/**
 * Where an event read in a report goes: into the best matching candidate, or a new incident.
 * `taken` lists incidents that other events of the same report already went to.
 */
export function decideFusion(
  event: ReportEvent,
  candidates: readonly FusionCandidate[],
  taken: ReadonlySet<number> = new Set(),
): FusionDecision {
  const ranked = candidates
    .filter((c) => !taken.has(c.id) && sameIncident(event, c))
    .map((c) => ({
      c,
      key: [
        c.eventType === event.eventType ? 0 : 1,
        sameName(event.location, c.location) ? 0 : 1,
        distanceBetween(event, c) ?? Number.MAX_VALUE,
        daysApart(event.eventDate, c.eventDate),
        c.id,
      ],
    }))
    .sort((x, y) => {
      for (let i = 0; i < x.key.length; i++) {
        const d = (x.key[i] ?? 0) - (y.key[i] ?? 0);
        if (d !== 0) return d;
      }
      return 0;
    });
  const best = ranked[0]?.c;
  if (best === undefined) return { kind: 'new' };
  return isMachineFusable(best)
    ? { kind: 'fuse', incidentId: best.id }
    : { kind: 'review', incidentId: best.id };
}

/** One source of an incident, as fusion weighs it. */
export interface FusionSource {
  readonly event: ReportEvent;
  readonly confidence: number;
  /** YYYY-MM-DD the report was published; null when unknown (then it counts as the oldest). */
  readonly published: string | null;
  /** Order of arrival (the report's id will do): breaks ties, earlier first. */
  readonly order: number;
}

/** The fields an incident takes from its sources. */
export interface FusedFields {
  readonly eventDate: string;
  readonly dateStated: boolean;
  readonly eventType: string;
  readonly subEventType: string;
  readonly country: string;
  readonly admin1: string | null;
  readonly location: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly actor1: string | null;
  readonly actor2: string | null;
  readonly fatalities: { readonly low: number | null; readonly best: number; readonly high: number | null };
}

/** The value most sources give (nulls do not vote); ties: larger summed confidence, then earliest. */
function vote<T>(
  sources: readonly FusionSource[],
  valueOf: (e: ReportEvent) => T | null,
  keyOf: (v: T) => string = (v) => JSON.stringify(v),
): T | null {
  const tally = new Map<string, { value: T; count: number; confidence: number; first: number }>();
  for (const s of sources) {
    const value = valueOf(s.event);
    if (value === null) continue;
    const key = keyOf(value);
    const t = tally.get(key);
    if (t === undefined) tally.set(key, { value, count: 1, confidence: s.confidence, first: s.order });
    else {
      t.count += 1;
      t.confidence += s.confidence;
      t.first = Math.min(t.first, s.order);
    }
  }
  let best: { value: T; count: number; confidence: number; first: number } | undefined;
  for (const t of tally.values())
    if (
      best === undefined ||
      t.count > best.count ||
      (t.count === best.count && t.confidence > best.confidence) ||
      (t.count === best.count && t.confidence === best.confidence && t.first < best.first)
    )
      best = t;
  return best === undefined ? null : best.value;
}

/** The fields of an incident from its sources (at least one), by the rules of this module. */
export function fuseSources(sources: readonly FusionSource[]): FusedFields {
  const first = sources[0];
  if (first === undefined) throw new Error('fuseSources needs at least one source');
  // A stated day outvotes the publication days that stand in for missing ones.
  const stated = sources.filter((s) => s.event.dateStated);
  const eventDate = vote(stated.length > 0 ? stated : sources, (e) => e.eventDate) ?? first.event.eventDate;
  const eventType = vote(sources, (e) => e.eventType) ?? first.event.eventType;
  const ofType = sources.filter((s) => s.event.eventType === eventType);
  const subEventType = vote(ofType, (e) => e.subEventType) ?? first.event.subEventType;
  const country = vote(sources, (e) => e.country) ?? first.event.country;
  const place = vote(
    sources.filter((s) => s.event.country === country),
    (e) =>
      e.location === null && e.latitude === null
        ? null
        : { location: e.location, admin1: e.admin1, latitude: e.latitude, longitude: e.longitude },
    (p) => (p.location === null ? `@${p.latitude},${p.longitude}` : foldName(p.location)),
  ) ?? {
    location: first.event.location,
    admin1: first.event.admin1,
    latitude: first.event.latitude,
    longitude: first.event.longitude,
  };
  const tolls = sources
    .filter((s) => s.event.fatalities !== null)
    .sort((a, b) => (a.published ?? '').localeCompare(b.published ?? '') || a.order - b.order);
  const latest = tolls.at(-1)?.event.fatalities ?? null;
  const figures = tolls.map((s) => s.event.fatalities ?? 0);
  const low = figures.length > 0 ? Math.min(...figures) : null;
  const high = figures.length > 0 ? Math.max(...figures) : null;
  return {
    eventDate,
    dateStated: stated.length > 0,
    eventType,
    subEventType,
    country,
    ...place,
    actor1: vote(sources, (e) => e.actor1),
    actor2: vote(sources, (e) => e.actor2),
    fatalities:
      latest === null
        ? { low: null, best: 0, high: null }
        : low === high
          ? { low: null, best: latest, high: null }
          : { low, best: latest, high },
  };
}
