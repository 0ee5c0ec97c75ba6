/**
 * A surge of violence in an admin unit, from the day it is raised to the day it closes, and how one
 * day's measure moves it. Raised once: while the condition holds it stays open and only its figures
 * change; when the condition lapses it stays open `coolDownDays` more days (lapsing) and closes if it
 * has not come back by then; after it closed, the unit may have a new surge.
 */
import { addDays } from '../iso-week.ts';
import type { AdminUnitRef } from './admin-unit-series.ts';
import type { DayWindow, SurgeLevel, SurgeMeasure } from './surge-measure.ts';
import { higherMarking, type Marking } from './surge-marking.ts';
import type { SurgeRule } from './surge-rule.ts';

export type SurgeState = 'open' | 'closed';

/** One day's figures of a surge, as its history keeps them. */
export interface SurgeHistoryEntry {
  readonly on: string;
  readonly fatalities30d: number;
  readonly events30d: number;
  readonly baseline: number;
  /** null: the condition did not hold that day (the surge was lapsing or closed). */
  readonly level: SurgeLevel | null;
}

export interface Surge extends AdminUnitRef, Marking {
  readonly state: SurgeState;
  /** The level of the last day the condition held. */
  readonly level: SurgeLevel;
  /** The day it was raised. */
  readonly openedOn: string;
  /** The last day a measure changed it (a measure that changes nothing is not written). */
  readonly changedOn: string;
  /** The first day of the current lapse; null while the condition holds. */
  readonly lapsedSince: string | null;
  readonly closedOn: string | null;
  /** The last measure's figures. */
  readonly window: DayWindow;
  readonly fatalities30d: number;
  readonly events30d: number;
  readonly baseline: number;
  readonly baselineWindow: DayWindow | null;
  /** The highest 30-day total while it was open, and the day of it. */
  readonly peakFatalities30d: number;
  readonly peakOn: string;
  /** One entry per day the figures, the level or the state changed (that day's last); oldest first. */
  readonly history: readonly SurgeHistoryEntry[];
}

/** What one day's measure does to a unit. */
export type SurgeStep =
  | { readonly kind: 'none' }
  | { readonly kind: 'open'; readonly surge: Surge }
  | { readonly kind: 'update'; readonly surge: Surge }
  | { readonly kind: 'close'; readonly surge: Surge };

const entryOf = (m: SurgeMeasure): SurgeHistoryEntry => ({
  on: m.on,
  fatalities30d: m.fatalities30d,
  events30d: m.events30d,
  baseline: m.baseline,
  level: m.level,
});

const sameEntry = (a: SurgeHistoryEntry, b: SurgeHistoryEntry): boolean =>
  a.fatalities30d === b.fatalities30d &&
  a.events30d === b.events30d &&
  a.baseline === b.baseline &&
  a.level === b.level;

/**
 * Moves a unit by one day's measure. `open` is the unit's open surge, if any, measured last on a day
 * before `measure.on` (the caller never goes back in time). `marking` is the marking of the incidents
 * the measure was read from. 'none' when nothing is to be written: no surge, or an open one whose
 * figures, level and state are what they were, or a measure of a day before its last change.
 */
export function stepSurge(
  open: Surge | null,
  unit: AdminUnitRef,
  measure: SurgeMeasure,
  marking: Marking,
  rule: SurgeRule,
): SurgeStep {
  const { on } = measure;
  const figures = {
    window: measure.window,
    fatalities30d: measure.fatalities30d,
    events30d: measure.events30d,
    baseline: measure.baseline,
    baselineWindow: measure.baselineWindow,
  };
  if (open === null) {
    if (measure.level === null) return { kind: 'none' };
    return {
      kind: 'open',
      surge: {
        country: unit.country,
        admin1Key: unit.admin1Key,
        admin1: unit.admin1,
        classification: marking.classification,
        ownerParty: marking.ownerParty,
        state: 'open',
        level: measure.level,
        openedOn: on,
        changedOn: on,
        lapsedSince: null,
        closedOn: null,
        ...figures,
        peakFatalities30d: measure.fatalities30d,
        peakOn: on,
        history: [entryOf(measure)],
      },
    };
  }
  if (on < open.changedOn) return { kind: 'none' };
  const lapsedSince = measure.level === null ? (open.lapsedSince ?? on) : null;
  const closing = lapsedSince !== null && on >= addDays(lapsedSince, rule.coolDownDays);
  const entry = entryOf(measure);
  const last = open.history[open.history.length - 1];
  const changed =
    closing ||
    lapsedSince !== open.lapsedSince ||
    last === undefined ||
    // The baseline's window alone moving (the most recent of equal maxima) is not news.
    !sameEntry(last, entry);
  if (!changed) return { kind: 'none' };
  const peak = measure.fatalities30d > open.peakFatalities30d;
  const surge: Surge = {
    ...open,
    ...higherMarking(open, marking),
    // A lapsing surge keeps the level of its last day above the baseline.
    level: measure.level ?? open.level,
    changedOn: on,
    lapsedSince: closing ? (open.lapsedSince ?? on) : lapsedSince,
    state: closing ? 'closed' : 'open',
    closedOn: closing ? on : null,
    ...figures,
    peakFatalities30d: peak ? measure.fatalities30d : open.peakFatalities30d,
    peakOn: peak ? on : open.peakOn,
    // Several measures of one day (incidents came in meanwhile) keep that day's last.
    history: [...(last?.on === on ? open.history.slice(0, -1) : open.history), entry],
  };
  return { kind: closing ? 'close' : 'update', surge };
}

/** fatalities30d / baseline, or null when the baseline is 0. */
export function surgeRatio(s: { readonly fatalities30d: number; readonly baseline: number }): number | null {
  return s.baseline === 0 ? null : s.fatalities30d / s.baseline;
}
