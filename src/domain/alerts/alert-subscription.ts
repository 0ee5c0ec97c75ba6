/**
 * What a user watches: an area (a polygon, or admin units by name), event types and sub-types, actors,
 * a minimum of fatalities, Charter articles engaged, and the kinds of alert. Every criterion given must
 * hold (AND); within one criterion any value may (OR). An empty subscription receives every alert its
 * owner may read. Classification is not a criterion: it is checked, at delivery, against the owner's
 * current role (see mayReceive).
 */
import { stripPeriodSuffix } from '../actor.ts';
import { isEventType, isSubEventTypeOf, EVENT_TYPES } from '../acled-taxonomy.ts';
import { canSee, type Viewer } from '../classification.ts';
import type { FieldProblem } from '../incident.ts';
import { foldName } from '../place.ts';
import { areaContains, areaProblems, type AlertArea } from './alert-area.ts';
import { isAlertKind, type AlertEvent, type AlertKind } from './alert-event.ts';

export interface AdminUnitRef {
  /** ISO3. */
  readonly country: string;
  /** Admin-1 name as in the reference data; null: the whole country. */
  readonly admin1: string | null;
}

export interface AlertFilter {
  readonly kinds?: readonly AlertKind[];
  readonly area?: AlertArea;
  readonly adminUnits?: readonly AdminUnitRef[];
  readonly eventTypes?: readonly string[];
  readonly subEventTypes?: readonly string[];
  /** Actor names; matched without their period suffix, accents and case. */
  readonly actors?: readonly string[];
  readonly minFatalities?: number;
  /** "6" or "liptako-gourma-charter:6": the article engaged. */
  readonly articles?: readonly string[];
}

export interface AlertSubscription {
  readonly id: number;
  readonly userId: number;
  readonly name: string;
  readonly filter: AlertFilter;
  readonly webhook: {
    readonly url: string;
    readonly active: boolean;
  } | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** At most this many values per list criterion. */
export const MAX_FILTER_VALUES = 200;

/** Problems of a filter; empty when it may be stored. */
export function filterProblems(filter: AlertFilter): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const tooMany = (field: string, list: readonly unknown[] | undefined) => {
    if (list !== undefined && list.length > MAX_FILTER_VALUES)
      problems.push({ field, message: `at most ${MAX_FILTER_VALUES} values` });
  };
  tooMany('kinds', filter.kinds);
  tooMany('admin_units', filter.adminUnits);
  tooMany('event_types', filter.eventTypes);
  tooMany('sub_event_types', filter.subEventTypes);
  tooMany('actors', filter.actors);
  tooMany('articles', filter.articles);
  for (const k of filter.kinds ?? [])
    if (!isAlertKind(k)) problems.push({ field: 'kinds', message: `"${k}" is not a kind of alert` });
  for (const t of filter.eventTypes ?? [])
    if (!isEventType(t))
      problems.push({ field: 'event_types', message: `"${t}" is not one of ${EVENT_TYPES.join(', ')}` });
  for (const s of filter.subEventTypes ?? [])
    if (!EVENT_TYPES.some((t) => isSubEventTypeOf(t, s)))
      problems.push({ field: 'sub_event_types', message: `"${s}" is not an ACLED sub-event type` });
  for (const u of filter.adminUnits ?? [])
    if (!/^[A-Z]{3}$/.test(u.country))
      problems.push({ field: 'admin_units', message: `"${u.country}" is not an ISO3 country code` });
  if (
    filter.minFatalities !== undefined &&
    (!Number.isInteger(filter.minFatalities) || filter.minFatalities < 0)
  )
    problems.push({ field: 'min_fatalities', message: 'must be a whole number of 0 or more' });
  for (const a of filter.actors ?? [])
    if (a.trim() === '') problems.push({ field: 'actors', message: 'an actor name must not be empty' });
  if (filter.area !== undefined)
    for (const message of areaProblems(filter.area)) problems.push({ field: 'area', message });
  return problems;
}

/** An actor name as subscriptions compare it: "Military Forces of Mali (2021-)" → "military forces of mali". */
export function actorKey(name: string): string {
  return foldName(stripPeriodSuffix(name));
}

function articleMatches(wanted: string, engaged: string): boolean {
  // "6" matches the article of any treaty; "treaty:6" that treaty's only.
  return wanted.includes(':') ? wanted === engaged : engaged.split(':').pop() === wanted;
}

/** Whether the alert meets every criterion of the filter (classification aside: see mayReceive). */
export function matchesFilter(event: AlertEvent, filter: AlertFilter): boolean {
  if (filter.kinds !== undefined && filter.kinds.length > 0 && !filter.kinds.includes(event.kind))
    return false;
  const p = event.payload;
  if (p.kind === 'import.completed') {
    // A summary has no place, type or actor: only a filter without those criteria takes it.
    return (
      filter.area === undefined &&
      (filter.adminUnits ?? []).length === 0 &&
      (filter.eventTypes ?? []).length === 0 &&
      (filter.subEventTypes ?? []).length === 0 &&
      (filter.actors ?? []).length === 0 &&
      (filter.articles ?? []).length === 0 &&
      filter.minFatalities === undefined
    );
  }
  if (p.kind === 'surge') {
    if ((filter.eventTypes ?? []).length > 0) return false;
    // An area takes a surge whose region's centroid lies in it (surge-alerts.ts gives it when known).
    if (filter.area !== undefined) {
      const { latitude, longitude } = p;
      if (typeof latitude !== 'number' || typeof longitude !== 'number') return false;
      if (!areaContains(filter.area, longitude, latitude)) return false;
    }
    if ((filter.subEventTypes ?? []).length > 0 || (filter.actors ?? []).length > 0) return false;
    if ((filter.articles ?? []).length > 0) return false;
    if (filter.minFatalities !== undefined && p.fatalities30d < filter.minFatalities) return false;
    return unitMatches(filter.adminUnits, p.country, p.admin1);
  }
  if (filter.minFatalities !== undefined && p.fatalities < filter.minFatalities) return false;
  if ((filter.eventTypes ?? []).length > 0 && !(filter.eventTypes ?? []).includes(p.eventType)) return false;
  if ((filter.subEventTypes ?? []).length > 0 && !(filter.subEventTypes ?? []).includes(p.subEventType))
    return false;
  if (!unitMatches(filter.adminUnits, p.country, p.admin1)) return false;
  if (filter.area !== undefined) {
    if (p.latitude === null || p.longitude === null) return false;
    if (!areaContains(filter.area, p.longitude, p.latitude)) return false;
  }
  if ((filter.actors ?? []).length > 0) {
    const wanted = new Set((filter.actors ?? []).map(actorKey));
    if (!p.actors.some((a) => wanted.has(actorKey(a)))) return false;
  }
  if ((filter.articles ?? []).length > 0) {
    const wanted = filter.articles ?? [];
    if (!p.articles.some((e) => wanted.some((w) => articleMatches(w, e)))) return false;
  }
  return true;
}

function unitMatches(
  units: readonly AdminUnitRef[] | undefined,
  country: string,
  admin1: string | null,
): boolean {
  if (units === undefined || units.length === 0) return true;
  const folded = admin1 === null ? null : foldName(admin1);
  return units.some(
    (u) => u.country === country && (u.admin1 === null || (folded !== null && foldName(u.admin1) === folded)),
  );
}

/** Whether a user in this role may receive the alert: they may read what it is about. */
export function mayReceive(
  viewer: Viewer,
  event: Pick<AlertEvent, 'classification' | 'ownerParty'>,
): boolean {
  return canSee(viewer, event);
}
