/**
 * How a timeline read is split between the weekly summary (incident_weeks) and raw incidents, so that
 * the sum of the parts is exactly the raw computation: the summary answers the whole weeks inside the
 * window; raw rows answer the days of the partial weeks at its ends. Pure: no SQL here.
 */
import { addDays, weekStart, type TimelineWeek } from '../domain/iso-week.ts';
import { summaryCanAnswer } from './incident-filter.ts';
import type { IncidentFilter } from './store.ts';

export interface TimelinePlan {
  /** Inclusive Mondays of the whole weeks read from the summary; undefined is open. */
  readonly fromWeek: string | undefined;
  readonly lastWeek: string | undefined;
  /** Inclusive day windows read raw. */
  readonly raw: readonly { readonly from: string; readonly to: string }[];
}

/** The summary plan of a timeline read, or null when only raw incidents can answer it. */
export function planTimeline(filter: IncidentFilter): TimelinePlan | null {
  if (!summaryCanAnswer(filter) || filter.bbox !== undefined) return null;
  const { from, to } = filter;
  const fromWeek =
    from === undefined ? undefined : weekStart(from) === from ? from : addDays(weekStart(from), 7);
  const lastWeek =
    to === undefined
      ? undefined
      : addDays(weekStart(to), 6) === to
        ? weekStart(to)
        : addDays(weekStart(to), -7);
  if (fromWeek !== undefined && lastWeek !== undefined && fromWeek > lastWeek) return null;
  const raw: { from: string; to: string }[] = [];
  if (from !== undefined && fromWeek !== undefined && from < fromWeek)
    raw.push({ from, to: addDays(fromWeek, -1) });
  if (to !== undefined && lastWeek !== undefined && to > addDays(lastWeek, 6))
    raw.push({ from: addDays(lastWeek, 7), to });
  return { fromWeek, lastWeek, raw };
}

/** Sums of a timeline read's parts, week by week and type by type. */
export class TimelineSums {
  readonly #weeks = new Map<
    string,
    { count: number; fatalities: number; byType: Record<string, number>; fatalByType: Record<string, number> }
  >();

  add(week: string, eventType: string, count: number, fatalities: number): void {
    if (count === 0) return;
    let w = this.#weeks.get(week);
    if (w === undefined) {
      w = { count: 0, fatalities: 0, byType: {}, fatalByType: {} };
      this.#weeks.set(week, w);
    }
    w.count += count;
    w.fatalities += fatalities;
    w.byType[eventType] = (w.byType[eventType] ?? 0) + count;
    w.fatalByType[eventType] = (w.fatalByType[eventType] ?? 0) + fatalities;
  }

  /** The weeks with incidents, oldest first. */
  list(): TimelineWeek[] {
    return [...this.#weeks.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([week, w]) => ({
        week,
        count: w.count,
        fatalities: w.fatalities,
        byEventType: w.byType,
        fatalitiesByEventType: w.fatalByType,
      }));
  }
}
