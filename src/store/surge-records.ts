/**
 * Early warning's SQL, shared by both dialects: the daily counts of incidents per admin-1 unit that
 * surge detection reads, and the `surges` table (migration 0012). A surge row holds the domain record
 * (domain/early-warning/surge.ts) as JSON text, with the columns its reads filter by; every write names
 * the version it read and is audited in the transaction of its change.
 *
 * Counted incidents: every incident that is not rejected (a merged incident is rejected, its
 * survivor counts), machine-coded, reported or verified alike — what ACLED-based signals count — with
 * an admin-1 name. The read is the system's: detection sees every classification, and a surge carries
 * the marking of what it was computed from (surge-marking.ts), which every read of surges applies.
 */
import type { ExpressionBuilder, Generated, Kysely, Transaction } from 'kysely';
import type { AdminUnitDayRow } from '../domain/early-warning/admin-unit-series.ts';
import type { Surge, SurgeState } from '../domain/early-warning/surge.ts';
import type { Classification, Visibility } from '../domain/classification.ts';
import type { RecordChange } from './kysely-store.ts';
import type { Schema } from './schema.ts';
import { visibleTo } from './visibility-filter.ts';

export interface SurgesTable {
  id: Generated<number>;
  country: string;
  admin1_key: string;
  state: string;
  level: string;
  opened_on: string;
  changed_on: string;
  closed_on: string | null;
  fatalities_30d: number;
  classification: string;
  owner_party: string;
  created_at: string;
  updated_at: string;
  version: number;
  surge: string;
}

type SurgeSchema = Schema & { surges: SurgesTable };

const withSurges = (db: Kysely<Schema>): Kysely<SurgeSchema> => db.withTables<{ surges: SurgesTable }>();

/** A stored surge: its row id and version, and the record. */
export interface StoredSurge {
  readonly id: number;
  readonly version: number;
  readonly updatedAt: string;
  readonly surge: Surge;
}

/** A surge to write: new (id null), or a stored one at the version it was read. */
export type SurgeWrite =
  | { readonly id: null; readonly surge: Surge }
  | { readonly id: number; readonly expectedVersion: number; readonly surge: Surge };

export interface SurgeListQuery {
  readonly visibility: Visibility;
  /** 'open' (the default): open now; 'all': open and closed. */
  readonly state?: 'open' | 'all';
  /** Surges open on this day (raised on or before it, not closed by then), whatever their state now. */
  readonly on?: string;
  readonly country?: string;
  readonly limit: number;
}

/** Thrown inside the write's transaction to roll it back when a version check fails. */
class LostSurgeWrite extends Error {}

// Classifications and the surge JSON are written only by this module, from the domain's values.
const classificationOf = (text: string): Classification => text as Classification;
const parseSurge = (text: string): Surge => JSON.parse(text) as Surge;

/** The visibility rule of every record, on the surges table (same two columns as incidents). */
function visible(eb: ExpressionBuilder<SurgeSchema, 'surges'>, visibility: Visibility) {
  // visibleTo reads only `classification` and `owner_party`, which surges has with the same meaning
  // ('' for no owner, which no party is): the SQL it builds is right for this table.
  return visibleTo(eb as unknown as ExpressionBuilder<Schema, 'incidents'>, visibility);
}

/**
 * Incidents and fatalities per day, country, admin-1 spelling and marking, over [from, to]: a range
 * of the index incidents_surge, grouped in SQL in the index's own column order (status included, the
 * caller adds the statuses up), so that SQLite groups as it reads instead of sorting first (2.7 times
 * faster on 563,000 incidents, BENCHMARKS.md).
 */
export async function surgeDailyCounts(
  db: Kysely<Schema>,
  range: { readonly from: string; readonly to: string },
): Promise<AdminUnitDayRow[]> {
  const rows = await db
    .selectFrom('incidents')
    .select((eb) => [
      'event_date',
      'status',
      'country',
      'admin1',
      'classification',
      'owner_party',
      eb.fn.countAll<number | string>().as('events'),
      eb.fn.sum<number | string>('fatalities').as('fatalities'),
    ])
    .where('event_date', '>=', range.from)
    .where('event_date', '<=', range.to)
    .where('status', '<>', 'rejected')
    .where('admin1', 'is not', null)
    .groupBy(['event_date', 'status', 'country', 'admin1', 'classification', 'owner_party'])
    .execute();
  return rows.map((r) => ({
    day: r.event_date,
    country: r.country,
    admin1: r.admin1 ?? '',
    classification: classificationOf(r.classification),
    ownerParty: r.owner_party,
    events: Number(r.events),
    fatalities: Number(r.fatalities),
  }));
}

function toStored(row: { id: number; version: number; updated_at: string; surge: string }): StoredSurge {
  return {
    id: Number(row.id),
    version: Number(row.version),
    updatedAt: row.updated_at,
    surge: parseSurge(row.surge),
  };
}

export async function listSurges(db: Kysely<Schema>, query: SurgeListQuery): Promise<StoredSurge[]> {
  let q = withSurges(db)
    .selectFrom('surges')
    .select(['id', 'version', 'updated_at', 'surge'])
    .where((eb) => visible(eb, query.visibility));
  if (query.on !== undefined) {
    const on = query.on;
    q = q
      .where('opened_on', '<=', on)
      .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>', on)]));
  } else if ((query.state ?? 'open') === 'open') q = q.where('state', '=', 'open');
  if (query.country !== undefined) q = q.where('country', '=', query.country);
  const rows = await q
    .orderBy('state', 'desc')
    .orderBy('level', 'desc')
    .orderBy('fatalities_30d', 'desc')
    .orderBy('opened_on', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit)
    .execute();
  return rows.map(toStored);
}

export async function getSurge(
  db: Kysely<Schema>,
  id: number,
  visibility: Visibility,
): Promise<StoredSurge | null> {
  const row = await withSurges(db)
    .selectFrom('surges')
    .select(['id', 'version', 'updated_at', 'surge'])
    .where('id', '=', id)
    .where((eb) => visible(eb, visibility))
    .executeTakeFirst();
  return row === undefined ? null : toStored(row);
}

/** The open surges, every marking: what detection moves forward. */
export async function listOpenSurges(db: Kysely<Schema>): Promise<StoredSurge[]> {
  const rows = await withSurges(db)
    .selectFrom('surges')
    .select(['id', 'version', 'updated_at', 'surge'])
    .where('state', '=', 'open')
    .orderBy('id')
    .execute();
  return rows.map(toStored);
}

/** The last day any surge was changed by a measure, or null when there is none. */
export async function lastSurgeChange(db: Kysely<Schema>): Promise<string | null> {
  const row = await withSurges(db)
    .selectFrom('surges')
    .select((eb) => eb.fn.max('changed_on').as('last'))
    .executeTakeFirst();
  return row?.last ?? null;
}

const columnsOf = (s: Surge) => ({
  country: s.country,
  admin1_key: s.admin1Key,
  state: s.state satisfies SurgeState,
  level: s.level,
  opened_on: s.openedOn,
  changed_on: s.changedOn,
  closed_on: s.closedOn,
  fatalities_30d: s.fatalities30d,
  classification: s.classification,
  owner_party: s.ownerParty ?? '',
  surge: JSON.stringify(s),
});

const actionOf = (s: Surge, isNew: boolean): string =>
  isNew ? 'surge.open' : s.state === 'closed' ? 'surge.close' : 'surge.update';

/**
 * Writes surges in one audited transaction (`audited` is the store's): all of them, or none (null)
 * when one was changed by another writer since it was read. Returns them as stored, in order.
 */
export async function writeSurges(
  audited: <T>(work: (trx: Transaction<Schema>, record: RecordChange) => Promise<T>) => Promise<T>,
  writes: readonly SurgeWrite[],
  at: string,
): Promise<StoredSurge[] | null> {
  try {
    return await audited(async (trx, record) => {
      const db = withSurges(trx);
      const stored: StoredSurge[] = [];
      for (const w of writes) {
        if (w.id === null) {
          const row = await db
            .insertInto('surges')
            .values({ ...columnsOf(w.surge), created_at: at, updated_at: at, version: 1 })
            .returning(['id', 'version', 'updated_at', 'surge'])
            .executeTakeFirstOrThrow();
          const s = toStored(row);
          record({
            action: actionOf(w.surge, true),
            subject: { type: 'surge', id: String(s.id) },
            before: null,
            after: w.surge,
          });
          stored.push(s);
          continue;
        }
        const before = await db
          .selectFrom('surges')
          .select(['surge'])
          .where('id', '=', w.id)
          .where('version', '=', w.expectedVersion)
          .executeTakeFirst();
        if (before === undefined) throw new LostSurgeWrite();
        const row = await db
          .updateTable('surges')
          .set({ ...columnsOf(w.surge), updated_at: at, version: w.expectedVersion + 1 })
          .where('id', '=', w.id)
          .where('version', '=', w.expectedVersion)
          .returning(['id', 'version', 'updated_at', 'surge'])
          .executeTakeFirst();
        if (row === undefined) throw new LostSurgeWrite();
        record({
          action: actionOf(w.surge, false),
          subject: { type: 'surge', id: String(w.id) },
          before: parseSurge(before.surge),
          after: w.surge,
        });
        stored.push(toStored(row));
      }
      return stored;
    });
  } catch (error) {
    if (error instanceof LostSurgeWrite) return null;
    throw error;
  }
}
