/**
 * The timeline's summary table `incident_weeks`: incidents counted per ISO week (its Monday) and filter
 * key (country, type, status, classification, owner party), with their fatalities. A timeline read
 * takes the whole weeks of its window from here and only the days at the window's ends from
 * `incidents` (see KyselyStore.timelineIncidents).
 *
 * Every write path turns the incidents it writes into deltas here and applies them in the same
 * transaction as the incidents, as it does for incident_cells. Counts and sums are exact under
 * additions and subtractions; a row whose count falls to zero is deleted.
 */
import type { Kysely } from 'kysely';
import type { DialectSql } from './dialect-sql.ts';
import { weekStart } from '../domain/iso-week.ts';
import type { IncidentWeekRow, Schema } from './schema.ts';

/** What the summary needs of an incident row. */
export interface WeekPoint {
  readonly event_date: string;
  readonly country: string;
  readonly event_type: string;
  readonly status: string;
  readonly classification: string;
  readonly owner_party?: string | null;
  readonly fatalities: number;
}

/** The key columns, in the order of the table's primary key. */
export const WEEK_KEY_COLUMNS = [
  'week',
  'country',
  'event_type',
  'status',
  'classification',
  'owner_party',
] as const satisfies readonly (keyof IncidentWeekRow)[];

/** Every column, in the order in which WeekDeltas builds its rows. */
export const WEEK_COLUMNS = [
  ...WEEK_KEY_COLUMNS,
  'count',
  'fatalities',
] as const satisfies readonly (keyof IncidentWeekRow)[];

/** Rows per upsert: 8 columns × 1000 stays under SQLite's 32,766 parameters. */
export const WEEK_CHUNK = 1000;

/** Net changes to the weekly summary, gathered over a batch and applied once per touched row. */
export class WeekDeltas {
  readonly #rows = new Map<string, IncidentWeekRow>();

  add(p: WeekPoint): void {
    this.addGroup(p, 1, p.fatalities);
  }

  remove(p: WeekPoint): void {
    this.addGroup(p, -1, -p.fatalities);
  }

  /** An incident rewritten from `before` to `after`. */
  move(before: WeekPoint, after: WeekPoint): void {
    this.remove(before);
    this.add(after);
  }

  /** `count` incidents of one day and key, with their fatalities (negative: taken away). */
  addGroup(p: Omit<WeekPoint, 'fatalities'>, count: number, fatalities: number): void {
    const week = weekStart(p.event_date);
    const owner = p.owner_party ?? '';
    const id = `${week}|${p.country}|${p.event_type}|${p.status}|${p.classification}|${owner}`;
    let row = this.#rows.get(id);
    if (row === undefined) {
      row = {
        week,
        country: p.country,
        event_type: p.event_type,
        status: p.status,
        classification: p.classification,
        owner_party: owner,
        count: 0,
        fatalities: 0,
      };
      this.#rows.set(id, row);
    }
    row.count += count;
    row.fatalities += fatalities;
  }

  /** The rows to add to the summary, leaving out those whose changes cancel out. */
  upserts(): IncidentWeekRow[] {
    return [...this.#rows.values()].filter((r) => r.count !== 0 || r.fatalities !== 0);
  }

  /** The weeks of rows that lost incidents: where a row may have fallen to zero. */
  lossWeeks(): string[] {
    return [...new Set([...this.#rows.values()].filter((r) => r.count < 0).map((r) => r.week))];
  }
}

/** The upsert of weekly deltas, as one statement: counts and fatalities add. */
export function weekUpsert(
  db: Kysely<Schema>,
  rows: readonly IncidentWeekRow[],
  rowsOf: DialectSql['rowsOf'] = null,
) {
  const insert = db.insertInto('incident_weeks');
  return (
    rowsOf === null
      ? insert.values(rows)
      : insert.columns([...WEEK_COLUMNS]).expression(rowsOf('incident_weeks', WEEK_COLUMNS, rows))
  ).onConflict((oc) =>
    oc.columns([...WEEK_KEY_COLUMNS]).doUpdateSet((eb) => ({
      count: eb('incident_weeks.count', '+', eb.ref('excluded.count')),
      fatalities: eb('incident_weeks.fatalities', '+', eb.ref('excluded.fatalities')),
    })),
  );
}

/** Deletes the emptied rows of some weeks. */
export function weekPrune(db: Kysely<Schema>, weeks: readonly string[]) {
  return db.deleteFrom('incident_weeks').where('week', 'in', weeks).where('count', '<=', 0);
}
