/**
 * ISO weeks (Monday to Sunday) of YYYY-MM-DD days, for the weekly timeline. Pure date arithmetic in
 * UTC: no time zone is involved in a calendar day.
 */

const DAY_MS = 86_400_000;

function toMs(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

function toDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The Monday of the ISO week of a day. */
export function weekStart(day: string): string {
  const ms = toMs(day);
  // getUTCDay: Sunday 0 … Saturday 6; days since Monday: (d + 6) % 7.
  return toDay(ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY_MS);
}

/** The day `days` after (or before, when negative) a day. */
export function addDays(day: string, days: number): string {
  return toDay(toMs(day) + days * DAY_MS);
}

/** The number of weeks from the week of `first` to the week of `last`, both included. */
export function weeksBetween(first: string, last: string): number {
  return Math.round((toMs(weekStart(last)) - toMs(weekStart(first))) / (7 * DAY_MS)) + 1;
}

/** One week of a timeline: incidents and fatalities, in all and by event type. */
export interface TimelineWeek {
  /** Its Monday, YYYY-MM-DD. */
  readonly week: string;
  readonly count: number;
  readonly fatalities: number;
  readonly byEventType: Readonly<Record<string, number>>;
  readonly fatalitiesByEventType: Readonly<Record<string, number>>;
}

/**
 * Every week from the week of `first` to the week of `last`, in order: the weeks given where there are,
 * zeros elsewhere. Weeks outside the range are dropped.
 */
export function fillWeeks(weeks: readonly TimelineWeek[], first: string, last: string): TimelineWeek[] {
  const byWeek = new Map(weeks.map((w) => [w.week, w]));
  const out: TimelineWeek[] = [];
  const end = weekStart(last);
  for (let w = weekStart(first); w <= end; w = addDays(w, 7))
    out.push(
      byWeek.get(w) ?? { week: w, count: 0, fatalities: 0, byEventType: {}, fatalitiesByEventType: {} },
    );
  return out;
}
