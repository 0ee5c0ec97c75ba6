/**
 * Calendar days as whole numbers (days since 1970-01-01, UTC), so that date arithmetic is integer
 * arithmetic and needs no Date object per mention.
 */

const MS_PER_DAY = 86_400_000;

export function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function isValidDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

export interface CalendarDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function calendarDay(n: number): CalendarDay {
  const d = new Date(n * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** YYYY-MM-DD. */
export function isoDay(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

/** The same day k months later (clamped to the month's end: 31 March - 1 month = 28/29 February). */
export function addMonths(n: number, k: number): number {
  const { year, month, day } = calendarDay(n);
  const target = Date.UTC(year, month - 1 + k, 1) / MS_PER_DAY;
  const t = calendarDay(target);
  const last = calendarDay(Date.UTC(t.year, t.month, 0) / MS_PER_DAY).day;
  return dayNumber(t.year, t.month, Math.min(day, last));
}

/** A publication date: the day, or for "YYYY-MM"/"YYYY" the period's last day with a coarser precision. */
export interface Reference {
  readonly day: number;
  readonly precision: 'day' | 'month' | 'year';
}

const ISO_PREFIX = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/;

export function parseReference(published: string | null): Reference | null {
  if (published === null) return null;
  const m = ISO_PREFIX.exec(published.trim());
  if (m === null) return null;
  const year = Number(m[1]);
  if (m[2] === undefined) return { day: dayNumber(year, 12, 31), precision: 'year' };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  if (m[3] === undefined) return { day: dayNumber(year, month + 1, 0), precision: 'month' };
  const day = Number(m[3]);
  return isValidDay(year, month, day) ? { day: dayNumber(year, month, day), precision: 'day' } : null;
}
