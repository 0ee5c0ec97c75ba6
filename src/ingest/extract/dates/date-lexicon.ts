import type { Lang } from './find-dates.ts';

export type DateUnit = 'day' | 'week' | 'month' | 'year';

/** Named periods of the relative patterns ("la semaine dernière" is last-week). */
export type DatePeriod =
  'last-week' | 'this-week' | 'last-weekend' | 'this-weekend' | 'last-month' | 'last-year';

/**
 * One phrase pattern of a date lexicon. The template is compiled to a regular expression (see
 * phrase-template.ts); the other fields say how a match resolves. Slots: {weekday} {weekday2} {day}
 * {day2} {month} {year} {n} {unit} {part}.
 */
export interface DatePattern {
  readonly template: string;
  readonly kind: 'explicit' | 'weekday' | 'relative' | 'event-relative';
  /** Days from the publication date ("hier" = -1). */
  readonly days?: number;
  /** Days from the event date ("la veille" = -1). */
  readonly eventOffset?: number;
  /** Direction of "{n} {unit}": -1 for "il y a {n} {unit}" / "{n} {unit} plus tôt", +1 for "plus tard". */
  readonly sign?: -1 | 1;
  readonly period?: DatePeriod;
  /** "samedi prochain" looks forward; the default is the most recent such day on or before publication. */
  readonly direction?: 'next' | 'last';
  /** Which day of a two-day phrase is the event's: a night is coded on its second day, a span on its first. */
  readonly pick?: 'first' | 'second';
}

/** The date vocabulary of one language, as stored in data/extract/dates-<lang>.json. */
export interface DateLexicon {
  readonly months: Readonly<Record<string, number>>;
  /** Month names that are also common words ("may", "march"): they count only when capitalised. */
  readonly capitalisedMonths: readonly string[];
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekdays: Readonly<Record<string, number>>;
  readonly units: Readonly<Record<string, DateUnit>>;
  /** Articles read as one in "{n} {unit}" ("il y a un mois", "a week ago"). */
  readonly articles: Readonly<Record<string, number>>;
  /** Parts of a month and the day they start on ("début" 1, "mi" 11, "fin" 21). */
  readonly monthParts: Readonly<Record<string, number>>;
  /** Order of all-digit dates: 12/09/2021 is 12 September in French ("dmy"). */
  readonly numericOrder: 'dmy' | 'mdy';
  /** Years a weekday + day + month without a year may belong to when there is no publication date. */
  readonly undatedYears: { readonly from: number; readonly to: number };
  /** Tried in order: at one start position the first pattern that matches wins. */
  readonly patterns: readonly DatePattern[];
}

export type DateLexicons = Readonly<Record<Lang, DateLexicon>>;
