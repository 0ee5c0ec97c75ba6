/**
 * The figures of one admin unit on one day, and whether they make a surge (see surge-rule.ts).
 *
 * Precisely, for the day of detection D (all days UTC calendar days, YYYY-MM-DD):
 * - the current window is the `windowDays` days ending on D, D included: [D − 29, D] by default;
 * - the baseline is the highest total of any `windowDays`-day window lying wholly inside the
 *   `baselineDays` days before the current window, [D − 394, D − 30] by default: windows ending on
 *   D − 365 … D − 30 (336 windows). Of equal maxima, the most recent window is reported;
 * - the condition holds when the current total exceeds the baseline, reaches `minFatalities`, and is at
 *   least baseline × (1 + minRelativeIncrease);
 * - its level is 'high' when the total is at least `highRatio` × max(baseline, minFatalities), else
 *   'elevated'.
 * Days missing from the series count as zero: a unit with no incidents that day had no fatalities.
 */
import { addDays } from '../iso-week.ts';
import type { SurgeRule } from './surge-rule.ts';

export const SURGE_LEVELS = ['elevated', 'high'] as const;
export type SurgeLevel = (typeof SURGE_LEVELS)[number];

/** Incidents counted on one day in one admin unit. */
export interface DailyCount {
  readonly day: string;
  readonly fatalities: number;
  readonly events: number;
}

export interface DayWindow {
  readonly start: string;
  readonly end: string;
}

export interface SurgeMeasure {
  /** The day of detection: the current window's last day. */
  readonly on: string;
  readonly window: DayWindow;
  readonly fatalities30d: number;
  readonly events30d: number;
  /** The highest window total of the year before the current window (0 when it had none). */
  readonly baseline: number;
  /** That window; null when every window of the baseline year had no fatalities. */
  readonly baselineWindow: DayWindow | null;
  /** fatalities30d / baseline; null when the baseline is 0. */
  readonly ratio: number | null;
  /** null when the condition does not hold. */
  readonly level: SurgeLevel | null;
}

/** The first day of the data a measure on `on` reads: the baseline year's first window's first day. */
export function spanStart(on: string, rule: SurgeRule): string {
  return addDays(on, -(rule.windowDays + rule.baselineDays - 1));
}

/** The level the figures make, or null when they make no surge. */
export function surgeLevel(current: number, baseline: number, rule: SurgeRule): SurgeLevel | null {
  if (current < rule.minFatalities || current <= baseline) return null;
  if (current < baseline * (1 + rule.minRelativeIncrease)) return null;
  return current >= rule.highRatio * Math.max(baseline, rule.minFatalities) ? 'high' : 'elevated';
}

export function measureSurge(series: readonly DailyCount[], on: string, rule: SurgeRule): SurgeMeasure {
  const first = spanStart(on, rule);
  const length = rule.windowDays + rule.baselineDays;
  const fatalities = new Array<number>(length).fill(0);
  const events = new Array<number>(length).fill(0);
  const startMs = Date.parse(`${first}T00:00:00Z`);
  for (const d of series) {
    const i = Math.round((Date.parse(`${d.day}T00:00:00Z`) - startMs) / 86_400_000);
    if (!(i >= 0 && i < length)) continue;
    fatalities[i] = (fatalities[i] ?? 0) + d.fatalities;
    events[i] = (events[i] ?? 0) + d.events;
  }
  const sum = (values: number[], from: number, to: number): number => {
    let s = 0;
    for (let i = from; i <= to; i++) s += values[i] ?? 0;
    return s;
  };
  const current = sum(fatalities, rule.baselineDays, length - 1);
  const currentEvents = sum(events, rule.baselineDays, length - 1);

  // Windows wholly inside the baseline year: ending at index windowDays − 1 … baselineDays − 1.
  let running = sum(fatalities, 0, rule.windowDays - 1);
  let baseline = running;
  let baselineEnd = rule.windowDays - 1;
  for (let end = rule.windowDays; end < rule.baselineDays; end++) {
    running += (fatalities[end] ?? 0) - (fatalities[end - rule.windowDays] ?? 0);
    if (running >= baseline) {
      baseline = running;
      baselineEnd = end;
    }
  }
  return {
    on,
    window: { start: addDays(first, rule.baselineDays), end: on },
    fatalities30d: current,
    events30d: currentEvents,
    baseline,
    baselineWindow:
      baseline === 0
        ? null
        : { start: addDays(first, baselineEnd - rule.windowDays + 1), end: addDays(first, baselineEnd) },
    ratio: baseline === 0 ? null : current / baseline,
    level: surgeLevel(current, baseline, rule),
  };
}
