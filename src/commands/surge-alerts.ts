/**
 * Early warning's alerts: each surge a detection run raises is announced as a `surge` alert, written in
 * the run's transaction (detectSurges calls the publisher with the store bound to it), so that a surge and
 * its alert commit together. The alert carries the surge's marking: only who may read the surge hears of
 * it. The region's centroid, when the reference data has one, lets subscriptions by area take it too.
 */
import type { NewAlertEvent } from '../domain/alerts/alert-event.ts';
import { systemActor } from '../domain/audit/audit-entry.ts';
import { surgeRatio } from '../domain/early-warning/surge.ts';
import type { SurgeRule } from '../domain/early-warning/surge-rule.ts';
import type { AdminUnit } from '../domain/place.ts';
import type { StoredSurge } from '../store/surge-records.ts';
import type { SurgePublisher } from './detect-surges.ts';

/** Finds the reference admin-1 unit of a surge's region (null: none known). */
export type RegionLookup = (country: string, admin1: string) => AdminUnit | null;

/** The alert of one raised surge. */
export function surgeAlert(stored: StoredSurge, rule: SurgeRule, region: AdminUnit | null): NewAlertEvent {
  const s = stored.surge;
  return {
    kind: 'surge',
    incidentId: null,
    classification: s.classification,
    ownerParty: s.ownerParty,
    payload: {
      kind: 'surge',
      country: s.country,
      admin1: s.admin1,
      fatalities30d: s.fatalities30d,
      // What the 30-day total had to exceed: the year-before maximum, and never less than the floor.
      threshold: Math.max(s.baseline, rule.minFatalities),
      surgeId: stored.id,
      level: s.level,
      baseline: s.baseline,
      ratio: surgeRatio(s),
      window: s.window,
      baselineWindow: s.baselineWindow,
      openedOn: s.openedOn,
      events30d: s.events30d,
      regionCode: region?.code ?? null,
      latitude: region?.latitude ?? null,
      longitude: region?.longitude ?? null,
    },
  };
}

/** The publisher `detectSurges` takes: one alert per surge raised, by the system, at `now()`. */
export function publishSurgeAlerts(options: {
  readonly rule: SurgeRule;
  readonly now: () => Date;
  readonly region?: RegionLookup;
}): SurgePublisher {
  return async (store, opened) => {
    if (opened.length === 0) return;
    const events = opened.map((stored) =>
      surgeAlert(stored, options.rule, options.region?.(stored.surge.country, stored.surge.admin1) ?? null),
    );
    await store.publishAlerts(events, {
      actor: systemActor('early-warning'),
      at: options.now().toISOString(),
    });
  };
}
