/**
 * Reads an event date as ACLED and UCDP files write it, to YYYY-MM-DD.
 *
 * Accepted: ISO ("2024-03-05", "2024/03/05", "2024-03-05 00:00:00.000" as in UCDP GED); ACLED's older
 * exports ("05 March 2024", "5-Mar-2024"); "March 5, 2024"; month names in English or French
 * ("5 mars 2024"). All-numeric dates (05/03/2024) are accepted when only one reading, day first or
 * month first, is a real day, or when the caller says which order the file uses; otherwise they are
 * rejected as ambiguous. Two-digit years are rejected: the century is a guess.
 */
import { isIsoDate } from '../domain/incident.ts';
import { foldName } from '../domain/place.ts';
import type { NumericDateOrder } from './mapping-context.ts';

export type EventDateParse =
  { readonly ok: true; readonly date: string } | { readonly ok: false; readonly reason: string };

const ISO =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const DAY_MONTH_YEAR = /^(\d{1,2})(?:er)?[\s./-]+(\p{L}+)\.?[\s./,-]+(\d+)$/u;
const MONTH_DAY_YEAR = /^(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d+)$/u;
const NUMERIC = /^(\d{1,2})([/.-])(\d{1,2})\2(\d+)$/;

const MONTH_NAMES: readonly (readonly string[])[] = [
  ['january', 'jan', 'janvier', 'janv'],
  ['february', 'feb', 'fevrier', 'fevr', 'fev'],
  ['march', 'mar', 'mars'],
  ['april', 'apr', 'avril', 'avr'],
  ['may', 'mai'],
  ['june', 'jun', 'juin'],
  ['july', 'jul', 'juillet', 'juil'],
  ['august', 'aug', 'aout'],
  ['september', 'sep', 'sept', 'septembre'],
  ['october', 'oct', 'octobre'],
  ['november', 'nov', 'novembre'],
  ['december', 'dec', 'decembre'],
];
const MONTHS: ReadonlyMap<string, number> = new Map(
  MONTH_NAMES.flatMap((names, i) => names.map((name) => [name, i + 1] as const)),
);
const MONTH_LABELS = MONTH_NAMES.map((names) => {
  const name = names[0] ?? '';
  return name.charAt(0).toUpperCase() + name.slice(1);
});

/** Parses an event date; the reason, when it fails, quotes the text and starts lower case. */
export function parseEventDate(text: string, order?: NumericDateOrder): EventDateParse {
  const t = text.trim();
  if (isPlainIsoDay(t)) return { ok: true, date: t };
  let m = ISO.exec(t);
  if (m !== null) return calendarDay(t, m[1], m[2], m[3]);
  m = DAY_MONTH_YEAR.exec(t);
  if (m !== null) return namedMonth(t, m[1], m[2], m[3]);
  m = MONTH_DAY_YEAR.exec(t);
  if (m !== null) return namedMonth(t, m[2], m[1], m[3]);
  m = NUMERIC.exec(t);
  if (m !== null) return numeric(t, Number(m[1]), Number(m[3]), m[4] ?? '', order);
  return { ok: false, reason: `"${t}" is not a date` };
}

/** "2024-03-05" and a real day: the common case, checked without a regex or a Date. */
function isPlainIsoDay(t: string): boolean {
  if (t.length !== 10 || t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45) return false;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const year = Number(t.slice(0, 4));
  const month = Number(t.slice(5, 7));
  const day = Number(t.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days =
    month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days;
}

function calendarDay(
  text: string,
  year: string | undefined,
  month: string | number | undefined,
  day: string | undefined,
): EventDateParse {
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isIsoDate(date) ? { ok: true, date } : { ok: false, reason: `"${text}" is not a calendar day` };
}

function namedMonth(
  text: string,
  day: string | undefined,
  monthName: string | undefined,
  year: string | undefined,
): EventDateParse {
  const month = MONTHS.get(foldName(monthName ?? ''));
  if (month === undefined) return { ok: false, reason: `"${text}" is not a date (unknown month)` };
  if (year?.length !== 4) return { ok: false, reason: `"${text}" does not give a four-digit year` };
  return calendarDay(text, year, month, day);
}

function numeric(
  text: string,
  first: number,
  second: number,
  year: string,
  order: NumericDateOrder | undefined,
): EventDateParse {
  if (year.length !== 4) return { ok: false, reason: `"${text}" does not give a four-digit year` };
  const dayFirst = calendarDay(text, year, second, String(first));
  const monthFirst = calendarDay(text, year, first, String(second));
  if (order === 'day-first') return dayFirst;
  if (order === 'month-first') return monthFirst;
  if (dayFirst.ok && monthFirst.ok && first !== second) {
    return {
      ok: false,
      reason:
        `"${text}" is ambiguous: ${first} ${MONTH_LABELS[second - 1]} or ${second} ${MONTH_LABELS[first - 1]} ${year}` +
        ' (write it as YYYY-MM-DD)',
    };
  }
  return dayFirst.ok ? dayFirst : monthFirst;
}
