/**
 * Daily counts of incidents, as a store reads them (one row per day, admin-1 spelling and
 * classification), gathered into one series per admin unit: country + admin-1 name folded as place
 * names are (so "Ségou" and "SEGOU" are one unit), with the marking of everything that went into it.
 */
import type { Classification } from '../classification.ts';
import { foldName } from '../place.ts';
import type { DailyCount } from './surge-measure.ts';
import { higherMarking, PUBLIC_MARKING, type Marking } from './surge-marking.ts';

export interface AdminUnitDayRow {
  readonly day: string;
  /** ISO3. */
  readonly country: string;
  /** The admin-1 name as stored on the incidents. */
  readonly admin1: string;
  readonly classification: Classification;
  readonly ownerParty: string | null;
  readonly fatalities: number;
  readonly events: number;
}

export interface AdminUnitRef {
  readonly country: string;
  /** The folded admin-1 name. */
  readonly admin1Key: string;
  /** A spelling of it as stored: the one with the most incidents in the rows read. */
  readonly admin1: string;
}

export interface AdminUnitSeries extends AdminUnitRef {
  /** By day, oldest first; only days with incidents. */
  readonly days: readonly DailyCount[];
  readonly marking: Marking;
}

export const unitId = (u: { readonly country: string; readonly admin1Key: string }): string =>
  `${u.country}|${u.admin1Key}`;

export function groupByAdminUnit(rows: readonly AdminUnitDayRow[]): Map<string, AdminUnitSeries> {
  const units = new Map<
    string,
    {
      country: string;
      admin1Key: string;
      days: Map<string, { fatalities: number; events: number }>;
      spellings: Map<string, number>;
      marking: Marking;
    }
  >();
  for (const r of rows) {
    const admin1Key = foldName(r.admin1);
    if (admin1Key === '') continue;
    const id = unitId({ country: r.country, admin1Key });
    let u = units.get(id);
    if (u === undefined) {
      u = { country: r.country, admin1Key, days: new Map(), spellings: new Map(), marking: PUBLIC_MARKING };
      units.set(id, u);
    }
    const day = u.days.get(r.day) ?? { fatalities: 0, events: 0 };
    day.fatalities += r.fatalities;
    day.events += r.events;
    u.days.set(r.day, day);
    u.spellings.set(r.admin1, (u.spellings.get(r.admin1) ?? 0) + r.events);
    if (r.events > 0)
      u.marking = higherMarking(u.marking, { classification: r.classification, ownerParty: r.ownerParty });
  }
  const out = new Map<string, AdminUnitSeries>();
  for (const [id, u] of units) {
    let admin1 = '';
    let most = -1;
    for (const [name, n] of [...u.spellings].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      if (n > most) [admin1, most] = [name, n];
    out.set(id, {
      country: u.country,
      admin1Key: u.admin1Key,
      admin1,
      days: [...u.days].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, c]) => ({ day, ...c })),
      marking: u.marking,
    });
  }
  return out;
}
