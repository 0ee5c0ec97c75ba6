/**
 * The Store written once with Kysely for both dialects. The dialect's own SQL arrives as a DialectSql;
 * SqliteStore replaces the bulk import path with prepared statements, PostgresStore uses this one.
 */
import type { AdminUnitDayRow } from '../domain/early-warning/admin-unit-series.ts';
import * as surges from './surge-records.ts';
import type { StoredSurge, SurgeListQuery, SurgeWrite } from './surge-records.ts';
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SqlBool,
  type Transaction,
} from 'kysely';
import { Migrator } from 'kysely/migration';
import type { AuditActor, AuditChange } from '../domain/audit/audit-entry.ts';
import type { AssistanceLedger } from '../domain/assistance/assistance-ledger.ts';
import type { Visibility } from '../domain/classification.ts';
import {
  INCIDENT_STATUSES,
  type Incident,
  type IncidentRevision,
  type IncidentStatus,
} from '../domain/incident.ts';
import { mergeReasons, mergeRefusal } from '../domain/incident-merge.ts';
import { weekStart, type TimelineWeek } from '../domain/iso-week.ts';
import { distanceKm, shiftDay } from '../domain/fusion.ts';
import { foldName } from '../domain/place.ts';
import type { Report, ReportInput } from '../domain/report.ts';
import type { IncidentSource, ReportLink } from '../domain/report-link.ts';
import type { ApiToken, Session, User } from '../domain/user.ts';
import type { AssistanceCase } from '../domain/charter/workflow/assistance-case.ts';
import type { Consultation } from '../domain/charter/workflow/consultation.ts';
import type { Decision, DecisionState } from '../domain/charter/workflow/decision.ts';
import * as assistance from './assistance-records.ts';
import * as audit from './audit-records.ts';
import type { RebellionCase } from '../domain/charter/workflow/rebellion-case.ts';
import * as charter from './charter-records.ts';
import * as identity from './identity-records.ts';
import * as charterCases from './charter-case-records.ts';
import type { DialectSql } from './dialect-sql.ts';
import {
  latitudeRows,
  planAggregate,
  SMALL_BOX_DEGREES,
  type SummaryRead,
  type SummarySpan,
} from './aggregate-plan.ts';
import { cellSizeAt, mergeCellGroups, type CellGroup } from './grid-clusters.ts';
import {
  cellDelete,
  cellRecount,
  cellSelect,
  cellUpsert,
  MAX_CELL_LEVEL,
  needsRecount,
} from './incident-cells.ts';
import { editUpdate, importUpdate, type IncidentUpdate } from './incident-change.ts';
import { batchChanges, incidentUpdated, type WrittenIncident } from './incident-audit.ts';
import { WEEK_CHUNK, weekPrune, weekUpsert } from './incident-weeks.ts';
import { SummaryDeltas } from './summary-deltas.ts';
import { cellFilter, incidentFilter } from './incident-filter.ts';
import { planTimeline, TimelineSums } from './timeline-plan.ts';
import * as capImports from './cap-import-records.ts';
import { incidentPages } from './incident-export-records.ts';
import { INCIDENT_COLUMNS, newIncidentRow, rowToIncident } from './incident-row.ts';
import { rowToRevision } from './incident-revision-row.ts';
import { migrationProvider } from './migrations/migration-provider.ts';
import { InvalidCursorError } from './invalid-cursor-error.ts';
import { decodeCursor, encodeCursor } from './page-cursor.ts';
import { newReportLinkRow, rowToReportLink } from './report-link-row.ts';
import { newReportRow, rowToReport } from './report-row.ts';
import type { IncidentRow, NewIncidentRow, Schema } from './schema.ts';
import { searchTerms } from './search-terms.ts';
import type {
  AggregateQuery,
  AlertWatch,
  AssistanceLedgerWrite,
  AssistanceListQuery,
  AuditCheckpointInput,
  AuditContext,
  CapImportRecord,
  AuditPageQuery,
  CharterWrite,
  Cluster,
  Dialect,
  FusionQuery,
  ImportRunSummary,
  IncidentChange,
  IncidentFilter,
  IncidentInput,
  IncidentPage,
  ListQuery,
  MergeOutcome,
  MergeRequest,
  NewAssistanceRequest,
  NewImportRun,
  NewSession,
  NewToken,
  NewUser,
  SignInFailures,
  Store,
  Stored,
  StoredAuditEntry,
  StoredCheckpoint,
  StoredMembershipEvent,
  StoredProposal,
  UpsertOutcome,
  UserCredentials,
} from './store.ts';
import { inTransaction } from './in-transaction.ts';
import { rowToUser } from './user-row.ts';
import { visibleTo } from './visibility-filter.ts';
import * as alerts from './alert-records.ts';
import type { AlertEvent, NewAlertEvent } from '../domain/alerts/alert-event.ts';
import type { AlertSubscription } from '../domain/alerts/alert-subscription.ts';

/** The entry of one revoked token. */
const tokenRevoked = (id: number, at: string): AuditChange => ({
  action: 'api-token.revoke',
  subject: { type: 'api-token', id: String(id) },
  before: { revokedAt: null },
  after: { revokedAt: at },
});

/** Records the changes a write makes, for the audit log of its transaction. */
export type RecordChange = (change: AuditChange) => void;

/** Pages hold at most this many rows, whatever the caller asks. */
export const MAX_PAGE_SIZE = 1000;
/** Rows per multi-row INSERT: 37 columns × 1000 stays under PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 1000;
/**
 * Rows per INSERT where the dialect passes rows as one parameter (DialectSql.rowsOf): the look-up of
 * their stored keys binds one parameter per row, under PostgreSQL's 65,535.
 */
const BULK_CHUNK = 10_000;
/** Summary rows per upsert: 18 columns × 1000 stays under SQLite's 32,766 parameters. */
export const CELL_CHUNK = 1000;

/**
 * A full-text list whose terms match fewer incidents than this reads them all and sorts them; more,
 * and it walks the newest-first index until its page is full.
 */
const FEW_MATCHES = 2000;

export interface KyselyStoreOptions {
  readonly db: Kysely<Schema>;
  readonly dialectSql: DialectSql;
}

/** The one incident whose unique column holds the value, if the viewer may see it. */
async function incidentWhere(
  db: Kysely<Schema>,
  column: 'id' | 'source_key',
  value: number | string,
  visibility: Visibility,
): Promise<Incident | null> {
  const row = await db
    .selectFrom('incidents')
    .select(INCIDENT_COLUMNS)
    .where(column, '=', value)
    .where((eb) => visibleTo(eb, visibility))
    .executeTakeFirst();
  return row === undefined ? null : rowToIncident(row);
}

/** The lane of an import source (`acled` of `acled:123`): the batches of its keys take turns in it. */
function importLane(sourceKey: string): string {
  return `import:${sourceKey.split(':', 1)[0] ?? ''}`;
}

/** The level-8 latitude rows of a small box, to read it by place; null for a large box or none. */
function smallBox(query: AggregateQuery): number[] | null {
  const { bbox } = query;
  if (bbox === undefined || bbox.maxLat - bbox.minLat > SMALL_BOX_DEGREES) return null;
  return latitudeRows(bbox.minLat, bbox.maxLat);
}

function pageSize(limit: number): number {
  return Number.isFinite(limit) ? Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(limit))) : MAX_PAGE_SIZE;
}

export class KyselyStore implements Store {
  readonly dialect: Dialect;
  protected readonly db: Kysely<Schema>;
  protected readonly dialectSql: DialectSql;

  constructor(options: KyselyStoreOptions) {
    this.db = options.db;
    this.dialectSql = options.dialectSql;
    this.dialect = options.dialectSql.dialect;
  }

  async migrate(): Promise<void> {
    await this.runMigrations(undefined);
  }

  /**
   * Runs every pending migration. `migrationTableSchema` (PostgreSQL) names the schema of Kysely's own
   * tables: without it, Kysely takes a migration table found in any schema of the database for its own.
   */
  protected async runMigrations(migrationTableSchema: string | undefined): Promise<void> {
    const migrator = new Migrator({
      db: this.db,
      provider: migrationProvider(this.dialectSql),
      // Migrations are independent additions, numbered as they were planned: a database that ran a later
      // one first (a development branch) still takes an earlier one that arrived after it.
      allowUnorderedMigrations: true,
      ...(migrationTableSchema === undefined ? {} : { migrationTableSchema }),
    });
    const { error } = await migrator.migrateToLatest();
    if (error !== undefined) throw error;
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  /**
   * The one way a write opens a transaction: `work` records each change it makes, and the entries are
   * appended to the audit log in the same transaction, so that a change and its entry commit together.
   */
  protected audited<T>(
    by: AuditContext,
    work: (trx: Transaction<Schema>, record: RecordChange) => Promise<T>,
  ): Promise<T> {
    return inTransaction(this.db, async (trx) => {
      const changes: AuditChange[] = [];
      const result = await work(trx, (change) => changes.push(change));
      await audit.appendAudit(trx, by, changes);
      return result;
    });
  }

  async atomically<T>(work: (store: Store) => Promise<T>, lane?: string): Promise<T> {
    const lock = lane === undefined ? null : this.dialectSql.laneLock(lane);
    if (this.db.isTransaction) {
      if (lock !== null) await lock.execute(this.db);
      return work(this);
    }
    return this.db.transaction().execute(async (trx) => {
      if (lock !== null) await lock.execute(trx);
      return work(this.boundTo(trx));
    });
  }

  /** This store on a running transaction (see atomically); a dialect with its own write paths overrides it. */
  protected boundTo(trx: Transaction<Schema>): KyselyStore {
    return new KyselyStore({ db: trx, dialectSql: this.dialectSql });
  }

  // --- incidents -------------------------------------------------------------------------------

  async upsertIncidents(
    batch: readonly IncidentInput[],
    meta: { readonly changedBy: string; readonly at: string; readonly actor: AuditActor },
  ): Promise<UpsertOutcome[]> {
    const outcomes: UpsertOutcome[] = [];
    if (batch.length === 0) return outcomes;
    await this.audited(meta, async (trx, record) => {
      // Imports of one source on several nodes at once take turns per batch (lanes taken in one order,
      // so that two batches cannot deadlock): each batch reads its keys after the other's commit, and
      // finds the rows the other stored instead of failing on their unique keys.
      for (const source of [...new Set(batch.map((i) => importLane(i.sourceKey)))].sort())
        await this.dialectSql.laneLock(source)?.execute(trx);
      const cells = new SummaryDeltas();
      const written: WrittenIncident[] = [];
      const chunk = this.dialectSql.rowsOf === null ? INSERT_CHUNK : BULK_CHUNK;
      // A segment holds each source key once, so that a key repeated in the batch sees its first write.
      let segment: IncidentInput[] = [];
      let keys = new Set<string>();
      for (const input of batch) {
        if (keys.has(input.sourceKey) || segment.length === chunk) {
          outcomes.push(...(await this.#upsertSegment(trx, segment, meta, cells, written)));
          [segment, keys] = [[], new Set()];
        }
        segment.push(input);
        keys.add(input.sourceKey);
      }
      outcomes.push(...(await this.#upsertSegment(trx, segment, meta, cells, written)));
      await this.#applyCells(trx, cells);
      for (const change of batchChanges(batch, outcomes, written, meta.changedBy)) record(change);
    });
    return outcomes;
  }

  async #upsertSegment(
    trx: Transaction<Schema>,
    segment: readonly IncidentInput[],
    meta: { readonly changedBy: string; readonly at: string },
    cells: SummaryDeltas,
    written: WrittenIncident[],
  ): Promise<UpsertOutcome[]> {
    const existing = new Map(
      (
        await trx
          .selectFrom('incidents')
          .select(['id', 'source_key', 'content_hash'])
          .where(
            'source_key',
            'in',
            segment.map((i) => i.sourceKey),
          )
          .execute()
      ).map((r) => [r.source_key, r]),
    );
    const outcomes: UpsertOutcome[] = [];
    const inserts: IncidentInput[] = [];
    const changed: IncidentInput[] = [];
    for (const input of segment) {
      const found = existing.get(input.sourceKey);
      if (found === undefined) {
        inserts.push(input);
        outcomes.push('inserted');
      } else if (found.content_hash === input.contentHash) {
        outcomes.push('unchanged');
      } else {
        changed.push(input);
        outcomes.push('updated');
      }
    }
    if (inserts.length > 0) {
      const rows = inserts.map((i) => newIncidentRow(i, meta.at));
      const rowsOf = this.dialectSql.rowsOf;
      const insert = trx.insertInto('incidents');
      const columns = Object.keys(rows[0] ?? {}) as (keyof NewIncidentRow)[]; // newIncidentRow's keys
      const ids = new Map(
        (
          await (
            rowsOf === null
              ? insert.values(rows)
              : insert.columns(columns).expression(rowsOf('incidents', columns, rows))
          )
            .returning(['id', 'source_key'])
            .execute()
        ).map((r) => [r.source_key, r.id]),
      );
      for (const row of rows) cells.add({ ...row, id: Number(ids.get(row.source_key)) });
      for (const input of inserts)
        written.push({ kind: 'create', id: Number(ids.get(input.sourceKey)), input });
    }
    if (changed.length > 0) {
      const rows = new Map(
        (
          await trx
            .selectFrom('incidents')
            .select(INCIDENT_COLUMNS)
            .where(
              'source_key',
              'in',
              changed.map((i) => i.sourceKey),
            )
            .execute()
        ).map((r) => [r.source_key, r]),
      );
      for (const input of changed) {
        const current = rows.get(input.sourceKey);
        if (current === undefined) throw new Error(`incident ${input.sourceKey} vanished during its update`);
        const update = importUpdate(current, input, meta);
        if (update === null) {
          await trx
            .updateTable('incidents')
            .set({ content_hash: input.contentHash })
            .where('id', '=', current.id)
            .execute();
          outcomes[segment.indexOf(input)] = 'unchanged';
        } else {
          await this.#applyUpdate(trx, update);
          cells.move(current, { ...current, ...update.set });
          written.push({ kind: 'update', update });
        }
      }
    }
    return outcomes;
  }

  async #applyUpdate(trx: Transaction<Schema>, update: IncidentUpdate): Promise<void> {
    await trx.updateTable('incidents').set(update.set).where('id', '=', update.id).execute();
    await trx.insertInto('incident_revisions').values(update.revision).execute();
  }

  /**
   * Applies a batch's summary deltas: map cells (rows that lost an incident on their bounds are
   * recounted) and timeline weeks (emptied rows deleted).
   */
  async #applyCells(trx: Transaction<Schema>, summaries: SummaryDeltas): Promise<void> {
    const rowsOf = this.dialectSql.rowsOf;
    // Rows passed as one parameter need no chunks.
    const [weekChunk, cellChunk] = rowsOf === null ? [WEEK_CHUNK, CELL_CHUNK] : [Infinity, Infinity];
    const weeks = summaries.weeks.upserts();
    for (let i = 0; i < weeks.length; i += weekChunk)
      await weekUpsert(trx, weeks.slice(i, i + weekChunk), rowsOf).execute();
    const emptied = summaries.weeks.lossWeeks();
    if (emptied.length > 0) await weekPrune(trx, emptied).execute();
    const cells = summaries.cells;
    const rows = cells.upserts();
    for (let i = 0; i < rows.length; i += cellChunk)
      await cellUpsert(trx, rows.slice(i, i + cellChunk), rowsOf).execute();
    for (const lost of cells.losses()) {
      const row = await cellSelect(trx, lost.key).executeTakeFirst();
      if (row === undefined) continue;
      if (Number(row.count) > 0 && !needsRecount(row, lost)) continue;
      await cellDelete(trx, lost.key).execute();
      if (Number(row.count) > 0) await cellRecount(trx, this.dialectSql, lost.key).execute();
    }
  }

  async getIncident(id: number, visibility: Visibility): Promise<Incident | null> {
    return incidentWhere(this.db, 'id', id, visibility);
  }

  exportIncidents(filter: IncidentFilter, pageSize?: number): AsyncIterable<Incident[]> {
    return incidentPages(this.db, this.dialectSql, filter, pageSize);
  }

  async listIncidents(query: ListQuery): Promise<IncidentPage> {
    const limit = pageSize(query.limit);
    const terms = searchTerms(query.q);
    // Terms that match few incidents: read those and sort them. Many: walk newest first and stop.
    const many =
      terms.length > 0 &&
      (
        await this.db
          .selectFrom('incidents')
          .select('id')
          .where(this.dialectSql.incidentMatches(terms))
          .limit(FEW_MATCHES)
          .execute()
      ).length === FEW_MATCHES;
    // Each sort is keyset-paged on (its key, id), in one direction.
    const oldestFirst = query.sort === 'created_asc';
    const key = oldestFirst ? 'created_at' : 'event_date';
    const direction = oldestFirst ? 'asc' : 'desc';
    let after: readonly [string, number] | undefined;
    if (query.cursor !== undefined) {
      after = decodeCursor(query.cursor);
      // A date_desc cursor holds an event date (YYYY-MM-DD), a created_asc one a timestamp: a cursor
      // of the other sort would skip or repeat rows.
      if ((after[0].length === 10) === oldestFirst) throw new InvalidCursorError();
    }
    const read = (filter: ListQuery): Promise<IncidentRow[]> => {
      let select = this.db
        .selectFrom('incidents')
        .select(INCIDENT_COLUMNS)
        .where(incidentFilter(this.dialectSql, filter, { searchNewestFirst: many && !oldestFirst }))
        .orderBy(key, direction)
        .orderBy('id', direction)
        .limit(limit + 1);
      if (after !== undefined) {
        const [value, id] = after;
        select = select.where((eb) =>
          eb(eb.refTuple(key, 'id'), oldestFirst ? '>' : '<', eb.tuple(value, id)),
        );
      }
      return select.execute();
    };
    let rows: IncidentRow[];
    if (!oldestFirst) rows = await read(query);
    else {
      // Oldest first walks the queue index (status, created_at, id) once per status and merges the
      // walks: one index range in order, where a list of statuses would have every match sorted.
      const walks = await Promise.all(
        (query.status ?? INCIDENT_STATUSES).map((s) => read({ ...query, status: [s] })),
      );
      rows = walks
        .flat()
        .sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id - b.id))
        .slice(0, limit + 1);
    }
    const items = rows.slice(0, limit).map(rowToIncident);
    const last = items.at(-1);
    return {
      items,
      nextCursor:
        rows.length > limit && last !== undefined
          ? encodeCursor([oldestFirst ? last.createdAt : last.eventDate, last.id])
          : null,
    };
  }

  async aggregateIncidents(query: AggregateQuery): Promise<Cluster[]> {
    const size = cellSizeAt(query.zoom);
    const plan = planAggregate(query);
    if (plan === null) return mergeCellGroups(await this.#rawGroups(query, size, smallBox(query)));
    // An open end of a span is bounded by the stored rows: looked up once per level and end, not per read.
    const bounds = new Map<string, Promise<string | undefined>>();
    const reads: Promise<CellGroup[]>[] = plan.reads.flatMap((read) =>
      read.spans.map((span) => this.#summaryGroups(query, read, span, bounds)),
    );
    // The strips are read by place: their date bounds must not draw SQLite to the date-led index.
    const window = (eb: ExpressionBuilder<Schema, 'incidents'>): Expression<SqlBool> => {
      const date = this.dialectSql.unindexed(eb.ref('event_date'));
      return eb.and([
        ...(plan.fromMonth === undefined ? [] : [eb(date, '>=', `${plan.fromMonth}-01`)]),
        ...(plan.toMonth === undefined ? [] : [eb(date, '<=', `${plan.toMonth}-31`)]),
      ]);
    };
    if (plan.before !== undefined)
      reads.push(this.#rawGroups({ ...query, ...plan.before }, size, smallBox(query)));
    if (plan.after !== undefined)
      reads.push(this.#rawGroups({ ...query, ...plan.after }, size, smallBox(query)));
    const { gridCell } = this.dialectSql;
    const levelSize = cellSizeAt(MAX_CELL_LEVEL);
    for (const strip of plan.strips) {
      reads.push(
        this.#rawGroups({ ...query, bbox: strip.box }, size, strip.rows, (eb) => {
          const conditions: Expression<SqlBool>[] = [window(eb)];
          const cy = gridCell(eb.ref('latitude'), 90, levelSize);
          const cx = gridCell(eb.ref('longitude'), 180, levelSize);
          if (strip.cy?.lt !== undefined) conditions.push(eb(cy, '<', strip.cy.lt));
          if (strip.cy?.gt !== undefined) conditions.push(eb(cy, '>', strip.cy.gt));
          if (strip.cy?.between !== undefined)
            conditions.push(eb.between(cy, strip.cy.between[0], strip.cy.between[1]));
          if (strip.cx?.lt !== undefined) conditions.push(eb(cx, '<', strip.cx.lt));
          if (strip.cx?.gt !== undefined) conditions.push(eb(cx, '>', strip.cx.gt));
          return eb.and(conditions);
        }),
      );
    }
    // One connection in SQLite runs them in turn; a PostgreSQL pool runs them side by side.
    return mergeCellGroups((await Promise.all(reads)).flat());
  }

  /** The summary's part of a read: a span's rows (months or years) of the cells inside the box. */
  async #summaryGroups(
    query: AggregateQuery,
    read: SummaryRead,
    span: SummarySpan,
    bounds: Map<string, Promise<string | undefined>>,
  ): Promise<CellGroup[]> {
    let select = this.db
      .selectFrom('incident_cells')
      .where('level', '=', span.level)
      .where(cellFilter(query));
    const { cells } = read;
    if (cells === null) {
      if (span.from !== undefined) select = select.where('month', '>=', span.from);
      if (span.to !== undefined) select = select.where('month', '<=', span.to);
    } else {
      // The key is (level, month, cy, cx, …): over a range of months a band of a few cy would read
      // every row of those months, where each month named is one seek to its band.
      const periods = await this.#periods(span, bounds);
      if (periods.length === 0) return [];
      select = select
        .where('month', 'in', periods)
        .where('cy', '>=', cells.ay)
        .where('cy', '<=', cells.by)
        .where('cx', '>=', cells.ax)
        .where('cx', '<=', cells.bx);
    }
    // A stored cell lies in one zoom cell: its index divided by 2^shift (indexes are never negative).
    const factor = 2 ** read.shift;
    const rows = await select
      .select((eb) => [
        sql<number>`cx / ${sql.lit(factor)}`.as('gx'),
        sql<number>`cy / ${sql.lit(factor)}`.as('gy'),
        'event_type',
        eb.fn.sum<number>('count').as('count'),
        eb.fn.sum<number>('fatalities').as('fatalities'),
        eb.fn.sum<number>('sum_lat').as('sum_lat'),
        eb.fn.sum<number>('sum_lon').as('sum_lon'),
        eb.fn.min<number>('min_lat').as('min_lat'),
        eb.fn.max<number>('max_lat').as('max_lat'),
        eb.fn.min<number>('min_lon').as('min_lon'),
        eb.fn.max<number>('max_lon').as('max_lon'),
        eb.fn.sum<number>('sum_id').as('sum_id'),
      ])
      .groupBy([sql.ref('gx'), sql.ref('gy'), 'event_type'])
      .execute();
    return rows.map((r) => ({
      cx: Number(r.gx),
      cy: Number(r.gy),
      eventType: r.event_type,
      count: Number(r.count),
      fatalities: Number(r.fatalities),
      sumLat: Number(r.sum_lat),
      sumLon: Number(r.sum_lon),
      minLat: Number(r.min_lat),
      maxLat: Number(r.max_lat),
      minLon: Number(r.min_lon),
      maxLon: Number(r.max_lon),
      // The sum of the ids is the id when the group counts one incident, the only case that reads it.
      minId: Number(r.sum_id),
    }));
  }

  /** The months or years of a span (`month` values of its level), an open end bounded by the stored rows. */
  async #periods(span: SummarySpan, bounds: Map<string, Promise<string | undefined>>): Promise<string[]> {
    const bound = (end: 'first' | 'last'): Promise<string | undefined> => {
      const key = `${span.level}:${end}`;
      let found = bounds.get(key);
      if (found === undefined) {
        found = this.db
          .selectFrom('incident_cells')
          .select('month')
          .where('level', '=', span.level)
          .orderBy('month', end === 'first' ? 'asc' : 'desc')
          .limit(1)
          .executeTakeFirst()
          .then((row) => row?.month);
        bounds.set(key, found);
      }
      return found;
    };
    const from = span.from ?? (await bound('first'));
    const to = span.to ?? (await bound('last'));
    if (from === undefined || to === undefined) return [];
    const periods: string[] = [];
    if (from.length === 4)
      for (let y = Number(from); y <= Number(to); y++) periods.push(String(y).padStart(4, '0'));
    else
      for (let m = Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7)) - 1; ; m++) {
        const month = `${String(Math.floor(m / 12)).padStart(4, '0')}-${String((m % 12) + 1).padStart(2, '0')}`;
        if (month > to) break;
        periods.push(month);
      }
    return periods;
  }

  /**
   * Raw incidents grouped by cell and type. `rows`, level-8 latitude rows that hold every incident
   * wanted, steers the read to the incidents_cell index.
   */
  async #rawGroups(
    query: AggregateQuery,
    size: number,
    rows: readonly number[] | null,
    extra?: (eb: ExpressionBuilder<Schema, 'incidents'>) => Expression<SqlBool>,
  ): Promise<CellGroup[]> {
    const { gridCell } = this.dialectSql;
    let select = this.db
      .selectFrom('incidents')
      .where(incidentFilter(this.dialectSql, query, { byPlace: rows !== null }))
      .where('latitude', 'is not', null)
      .where('longitude', 'is not', null);
    if (rows !== null)
      select = select.where((eb) =>
        eb(gridCell(eb.ref('latitude'), 90, cellSizeAt(MAX_CELL_LEVEL)), 'in', [...rows]),
      );
    if (extra !== undefined) select = select.where(extra);
    const groups = await select
      .select((eb) => [
        gridCell(eb.ref('longitude'), 180, size).as('cx'),
        gridCell(eb.ref('latitude'), 90, size).as('cy'),
        'event_type',
        eb.fn.countAll<number>().as('count'),
        eb.fn.sum<number>('fatalities').as('fatalities'),
        eb.fn.sum<number>('latitude').as('sum_lat'),
        eb.fn.sum<number>('longitude').as('sum_lon'),
        eb.fn.min<number>('latitude').as('min_lat'),
        eb.fn.max<number>('latitude').as('max_lat'),
        eb.fn.min<number>('longitude').as('min_lon'),
        eb.fn.max<number>('longitude').as('max_lon'),
        eb.fn.min<number>('id').as('min_id'),
      ])
      // Grouped by the output names: PostgreSQL would not take the cell expressions, repeated, for the
      // same expression.
      .groupBy([sql.ref('cx'), sql.ref('cy'), 'event_type'])
      .execute();
    return groups.map((r) => ({
      cx: r.cx,
      cy: r.cy,
      eventType: r.event_type,
      count: Number(r.count),
      fatalities: Number(r.fatalities),
      sumLat: Number(r.sum_lat),
      sumLon: Number(r.sum_lon),
      minLat: Number(r.min_lat),
      maxLat: Number(r.max_lat),
      minLon: Number(r.min_lon),
      maxLon: Number(r.max_lon),
      minId: Number(r.min_id),
    }));
  }

  async countIncidents(filter: IncidentFilter): Promise<number> {
    // The weekly summary counts whole weeks; raw rows only the days at the window's ends.
    if (planTimeline(filter) !== null)
      return (await this.timelineIncidents(filter)).reduce((n, w) => n + w.count, 0);
    const row = await this.db
      .selectFrom('incidents')
      .where(incidentFilter(this.dialectSql, filter))
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async updateIncident(id: number, change: IncidentChange): Promise<Incident | null> {
    return this.audited(change, (trx, record) => this.#updateIn(trx, id, change, record));
  }

  /** updateIncident inside a running transaction. */
  async #updateIn(
    trx: Transaction<Schema>,
    id: number,
    change: IncidentChange,
    record: RecordChange,
  ): Promise<Incident | null> {
    // PostgreSQL: the row stays locked until the end, so that two concurrent changes of one incident
    // queue up and the second numbers its revision after the first's. SQLite runs one writer at a time.
    const current = await trx
      .selectFrom('incidents')
      .select(INCIDENT_COLUMNS)
      .where('id', '=', id)
      .$if(this.dialect === 'postgres', (qb) => qb.forUpdate())
      .executeTakeFirst();
    if (current === undefined) return null;
    const update = editUpdate(current, change);
    if (update === null) return rowToIncident(current);
    await this.#applyUpdate(trx, update);
    record(incidentUpdated(update));
    const after = await trx
      .selectFrom('incidents')
      .select(INCIDENT_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const cells = new SummaryDeltas();
    cells.move(current, after);
    await this.#applyCells(trx, cells);
    return rowToIncident(after);
  }

  async mergeIncidents(request: MergeRequest): Promise<MergeOutcome> {
    const { survivorId, otherId } = request;
    return this.audited(request, async (trx, record): Promise<MergeOutcome> => {
      // PostgreSQL: the two rows stay locked until the end, so that two merges of one incident queue
      // up and the second sees the first's merged_into. SQLite runs one writer at a time anyway.
      const rows = await trx
        .selectFrom('incidents')
        .select(['id', 'status', 'merged_into'])
        .where('id', 'in', [survivorId, otherId])
        .where((eb) => visibleTo(eb, request.visibility))
        .orderBy('id')
        .$if(this.dialect === 'postgres', (qb) => qb.forUpdate())
        .execute();
      const find = (id: number) => {
        const row = rows.find((r) => r.id === id);
        return (
          row && { id: row.id, status: row.status as IncidentStatus, mergedInto: row.merged_into ?? null }
        );
      };
      const survivor = find(survivorId);
      if (survivor === undefined) return { ok: false, error: 'not_found', id: survivorId };
      const other = find(otherId);
      if (other === undefined) return { ok: false, error: 'not_found', id: otherId };
      const refusal = mergeRefusal(survivor, other);
      if (refusal !== null) return { ok: false, error: 'refused', refusal };

      const sourcesOf = async (id: number): Promise<number[]> =>
        (
          await trx
            .selectFrom('report_incidents')
            .select('report_id')
            .distinct()
            .where('incident_id', '=', id)
            .orderBy('report_id')
            .execute()
        ).map((r) => r.report_id);
      const [kept, taken] = [await sourcesOf(survivorId), await sourcesOf(otherId)];
      const moved = await trx
        .updateTable('report_incidents')
        .set({ incident_id: survivorId })
        .where('incident_id', '=', otherId)
        .executeTakeFirst();
      const reasons = mergeReasons(survivorId, otherId, request.reason);
      const by = { changedBy: request.changedBy, at: request.at, actor: request.actor };
      const merged = await this.#updateIn(
        trx,
        otherId,
        {
          ...by,
          status: 'rejected',
          mergedInto: survivorId,
          sources: { before: taken, after: [] },
          reason: reasons.other,
        },
        record,
      );
      const after = await this.#updateIn(
        trx,
        survivorId,
        {
          ...by,
          absorbed: otherId,
          sources: { before: kept, after: [...new Set([...kept, ...taken])].sort((a, b) => a - b) },
          reason: reasons.survivor,
        },
        record,
      );
      if (merged === null || after === null) throw new Error('an incident vanished during a merge');
      return { ok: true, survivor: after, other: merged, moved: Number(moved.numUpdatedRows) };
    });
  }

  async timelineIncidents(filter: IncidentFilter): Promise<TimelineWeek[]> {
    const weeks = new TimelineSums();
    const plan = planTimeline(filter);
    const raw = async (window: { from?: string; to?: string }): Promise<void> => {
      const { from: _from, to: _to, ...rest } = filter;
      const rows = await this.db
        .selectFrom('incidents')
        .where(incidentFilter(this.dialectSql, { ...rest, ...window }))
        .select((eb) => [
          'event_date',
          'event_type',
          eb.fn.countAll<number>().as('count'),
          eb.fn.sum<number>('fatalities').as('fatalities'),
        ])
        .groupBy(['event_date', 'event_type'])
        .execute();
      for (const r of rows)
        weeks.add(weekStart(r.event_date), r.event_type, Number(r.count), Number(r.fatalities));
    };
    if (plan === null) {
      await raw({
        ...(filter.from === undefined ? {} : { from: filter.from }),
        ...(filter.to === undefined ? {} : { to: filter.to }),
      });
      return weeks.list();
    }
    let select = this.db.selectFrom('incident_weeks').where(cellFilter(filter));
    if (plan.fromWeek !== undefined) select = select.where('week', '>=', plan.fromWeek);
    if (plan.lastWeek !== undefined) select = select.where('week', '<=', plan.lastWeek);
    const rows = await select
      .select((eb) => [
        'week',
        'event_type',
        eb.fn.sum<number>('count').as('count'),
        eb.fn.sum<number>('fatalities').as('fatalities'),
      ])
      .groupBy(['week', 'event_type'])
      .execute();
    for (const r of rows) weeks.add(r.week, r.event_type, Number(r.count), Number(r.fatalities));
    for (const window of plan.raw) await raw(window);
    return weeks.list();
  }

  async listRevisions(incidentId: number): Promise<IncidentRevision[]> {
    const rows = await this.db
      .selectFrom('incident_revisions')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .orderBy('revision')
      .execute();
    return rows.map(rowToRevision);
  }

  // --- fusion of reports -----------------------------------------------------------------------

  async findFusionCandidates(query: FusionQuery): Promise<Incident[]> {
    const { latitude: lat, longitude: lon } = query;
    const name = query.location === null ? '' : foldName(query.location);
    const rows = await this.db
      .selectFrom('incidents')
      .select(INCIDENT_COLUMNS)
      .where((eb) => visibleTo(eb, query.visibility))
      .where('country', '=', query.country)
      .where('event_date', '>=', shiftDay(query.eventDate, -query.days))
      .where('event_date', '<=', shiftDay(query.eventDate, query.days))
      .where('status', '<>', 'rejected')
      .where((eb) => {
        const near: Expression<SqlBool>[] = [];
        if (lat !== null && lon !== null) {
          // A box a little larger than the circle; the exact distance is checked below.
          const dLat = (query.radiusKm / 111) * 1.01;
          const dLon = dLat / Math.max(0.01, Math.cos((Math.min(89, Math.abs(lat)) * Math.PI) / 180));
          near.push(
            eb.and([
              eb.between('latitude', lat - dLat, lat + dLat),
              eb.between('longitude', lon - dLon, lon + dLon),
            ]),
          );
        }
        // Case is folded in SQL, accents below (SQLite's lower() folds ASCII only).
        if (name !== '') near.push(eb('location', 'is not', null));
        return near.length === 0 ? sql<boolean>`1 = 0` : eb.or(near);
      })
      .orderBy('id')
      .limit(MAX_PAGE_SIZE)
      .execute();
    return rows.map(rowToIncident).filter((i) => {
      if (name !== '' && i.location !== null && foldName(i.location) === name) return true;
      return (
        lat !== null &&
        lon !== null &&
        i.latitude !== null &&
        i.longitude !== null &&
        distanceKm({ latitude: lat, longitude: lon }, { latitude: i.latitude, longitude: i.longitude }) <=
          query.radiusKm
      );
    });
  }

  async getIncidentBySourceKey(sourceKey: string, visibility: Visibility): Promise<Incident | null> {
    return incidentWhere(this.db, 'source_key', sourceKey, visibility);
  }

  async linkReport(link: ReportLink, by: AuditContext): Promise<boolean> {
    return this.audited(by, async (trx, record) => {
      const inserted = await trx
        .insertInto('report_incidents')
        .values(newReportLinkRow(link))
        .onConflict((oc) => oc.columns(['report_id', 'event_index']).doNothing())
        .returning('report_id')
        .executeTakeFirst();
      if (inserted === undefined) return false;
      record({
        action: 'report-link.create',
        subject: { type: 'report-link', id: `${link.reportId}:${link.eventIndex}` },
        before: null,
        after: link,
      });
      return true;
    });
  }

  async moveReportLink(
    reportId: number,
    eventIndex: number,
    to: { readonly incidentId: number; readonly needsReview: boolean },
    by: AuditContext,
  ): Promise<boolean> {
    return this.audited(by, async (trx, record) => {
      const current = await trx
        .selectFrom('report_incidents')
        .select(['incident_id', 'needs_review'])
        .where('report_id', '=', reportId)
        .where('event_index', '=', eventIndex)
        .executeTakeFirst();
      if (current === undefined) return false;
      await trx
        .updateTable('report_incidents')
        .set({ incident_id: to.incidentId, needs_review: to.needsReview ? 1 : 0 })
        .where('report_id', '=', reportId)
        .where('event_index', '=', eventIndex)
        .execute();
      record({
        action: 'report-link.move',
        subject: { type: 'report-link', id: `${reportId}:${eventIndex}` },
        before: { incidentId: current.incident_id, needsReview: current.needs_review !== 0 },
        after: { incidentId: to.incidentId, needsReview: to.needsReview },
      });
      return true;
    });
  }

  async listIncidentSources(incidentId: number, visibility: Visibility): Promise<IncidentSource[]> {
    const rows = await this.db
      .selectFrom('report_incidents')
      .innerJoin('reports', 'reports.id', 'report_incidents.report_id')
      .selectAll('reports')
      .select([
        'report_incidents.report_id',
        'report_incidents.event_index',
        'report_incidents.incident_id',
        'report_incidents.confidence',
        'report_incidents.evidence',
        'report_incidents.event',
        'report_incidents.needs_review',
        'report_incidents.created_at',
      ])
      .where('report_incidents.incident_id', '=', incidentId)
      // Of the joined tables only reports has classification and owner_party: the names are unambiguous.
      .where((eb) => visibleTo(eb as ExpressionBuilder<Schema, 'reports'>, visibility))
      .orderBy('report_incidents.created_at')
      .orderBy('report_incidents.report_id')
      .orderBy('report_incidents.event_index')
      .execute();
    // Each joined row holds every column of its report and of its link: each mapper reads its own.
    return rows.map((r) => ({ report: rowToReport(r), link: rowToReportLink(r) }));
  }

  async listReportLinks(reportId: number, visibility: Visibility): Promise<ReportLink[]> {
    const rows = await this.db
      .selectFrom('report_incidents')
      .selectAll()
      .where('report_id', '=', reportId)
      .where('incident_id', 'in', (qb) =>
        qb
          .selectFrom('incidents')
          .select('id')
          .where((eb) => visibleTo(eb, visibility)),
      )
      .orderBy('event_index')
      .execute();
    return rows.map(rowToReportLink);
  }

  // --- reports ---------------------------------------------------------------------------------

  async insertReport(
    input: ReportInput,
    meta: { readonly submittedBy: string; readonly receivedAt: string; readonly actor: AuditActor },
  ): Promise<{ report: Report; created: boolean }> {
    const inserted = await this.audited({ actor: meta.actor, at: meta.receivedAt }, async (trx, record) => {
      const row = await trx
        .insertInto('reports')
        .values(newReportRow(input, meta))
        .onConflict((oc) =>
          oc.columns(['submitted_by', 'client_ref']).where('client_ref', 'is not', null).doNothing(),
        )
        .returningAll()
        .executeTakeFirst();
      if (row === undefined) return undefined;
      const report = rowToReport(row);
      record({
        action: 'report.create',
        subject: { type: 'report', id: String(report.id) },
        before: null,
        after: report,
      });
      return report;
    });
    if (inserted !== undefined) return { report: inserted, created: true };
    // Only a clientRef already used by this submitter skips the insert.
    const earlier = await this.db
      .selectFrom('reports')
      .selectAll()
      .where('submitted_by', '=', meta.submittedBy)
      .where('client_ref', '=', input.clientRef)
      .executeTakeFirstOrThrow();
    return { report: rowToReport(earlier), created: false };
  }

  async getReport(id: number, visibility: Visibility): Promise<Report | null> {
    const row = await this.db
      .selectFrom('reports')
      .selectAll()
      .where('id', '=', id)
      .where((eb) => visibleTo(eb, visibility))
      .executeTakeFirst();
    return row === undefined ? null : rowToReport(row);
  }

  async listReports(query: {
    readonly visibility: Visibility;
    readonly q?: string;
    readonly limit: number;
    readonly cursor?: string;
  }): Promise<{ items: Report[]; nextCursor: string | null }> {
    const limit = pageSize(query.limit);
    const terms = searchTerms(query.q);
    let select = this.db
      .selectFrom('reports')
      .selectAll()
      .where((eb) => visibleTo(eb, query.visibility))
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1);
    if (terms.length > 0) select = select.where(this.dialectSql.reportMatches(terms));
    if (query.cursor !== undefined) {
      const [receivedAt, id] = decodeCursor(query.cursor);
      select = select.where((eb) => eb(eb.refTuple('received_at', 'id'), '<', eb.tuple(receivedAt, id)));
    }
    const rows = await select.execute();
    const items = rows.slice(0, limit).map(rowToReport);
    const last = items.at(-1);
    return {
      items,
      nextCursor: rows.length > limit && last !== undefined ? encodeCursor([last.receivedAt, last.id]) : null,
    };
  }

  // --- users and tokens ------------------------------------------------------------------------

  async createUser(user: NewUser, by: AuditContext): Promise<User> {
    return this.audited(by, async (trx, record) => {
      const row = await trx
        .insertInto('users')
        .values({ name: user.name, role: user.role, party: user.party, created_at: user.createdAt })
        .returningAll()
        .executeTakeFirstOrThrow();
      const created = rowToUser(row);
      record({
        action: 'user.create',
        subject: { type: 'user', id: String(created.id) },
        before: null,
        after: created,
      });
      return created;
    });
  }

  async findUserByName(name: string): Promise<User | null> {
    const row = await this.db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
    return row === undefined ? null : rowToUser(row);
  }

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  createToken(token: NewToken, by: AuditContext): Promise<ApiToken> {
    return this.audited(by, async (trx, record) => {
      const created = await identity.createToken(trx, token);
      // Not the token's hash: the log is read more widely than the tokens table.
      record({
        action: 'api-token.create',
        subject: { type: 'api-token', id: String(created.id) },
        before: null,
        after: {
          userId: token.userId,
          prefix: token.prefix,
          createdAt: token.createdAt,
          scope: created.scope,
          label: created.label,
          expiresAt: created.expiresAt,
        },
      });
      return created;
    });
  }

  async findUserByTokenHash(tokenHash: string): Promise<User | null> {
    // The interface passes no clock here; the store's clock decides expiry and last use.
    return (await identity.findToken(this.db, tokenHash, new Date().toISOString()))?.user ?? null;
  }

  findToken(tokenHash: string, now: string): Promise<{ user: User; token: ApiToken } | null> {
    return identity.findToken(this.db, tokenHash, now);
  }

  listTokens(userId: number): Promise<ApiToken[]> {
    return identity.listTokens(this.db, userId);
  }

  findTokensByPrefix(prefix: string): Promise<ApiToken[]> {
    return identity.findTokensByPrefix(this.db, prefix);
  }

  revokeToken(tokenId: number, by: AuditContext, userId?: number): Promise<boolean> {
    return this.audited(by, async (trx, record) => {
      const revoked = await identity.revokeToken(trx, tokenId, by.at, userId);
      if (revoked) record(tokenRevoked(tokenId, by.at));
      return revoked;
    });
  }

  revokeTokens(userId: number, by: AuditContext): Promise<number> {
    return this.audited(by, async (trx, record) => {
      const live = await trx
        .selectFrom('api_tokens')
        .select('id')
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .execute();
      const count = await identity.revokeTokens(trx, userId, by.at);
      for (const { id } of live) record(tokenRevoked(id, by.at));
      return count;
    });
  }

  findUserCredentials(name: string): Promise<UserCredentials | null> {
    return identity.findUserCredentials(this.db, name);
  }

  setPasswordHash(userId: number, passwordHash: string, by: AuditContext): Promise<boolean> {
    return this.audited(by, async (trx, record) => {
      const set = await identity.setPasswordHash(trx, userId, passwordHash, by.at);
      // That it changed, never the hash.
      if (set)
        record({
          action: 'user.password-set',
          subject: { type: 'user', id: String(userId) },
          before: null,
          after: { passwordChangedAt: by.at },
        });
      return set;
    });
  }

  createSession(session: NewSession): Promise<Session> {
    return identity.createSession(this.db, session);
  }

  findSession(idHash: string, now: string): Promise<{ session: Session; user: User } | null> {
    return identity.findSession(this.db, idHash, now);
  }

  touchSession(id: number, lastSeenAt: string, expiresAt: string): Promise<void> {
    return identity.touchSession(this.db, id, lastSeenAt, expiresAt);
  }

  deleteSession(idHash: string): Promise<boolean> {
    return identity.deleteSession(this.db, idHash);
  }

  deleteExpiredSessions(now: string): Promise<number> {
    return identity.deleteExpiredSessions(this.db, now);
  }

  signInFailures(keys: readonly string[]): Promise<SignInFailures[]> {
    return identity.signInFailures(this.db, keys);
  }

  recordSignInFailure(key: string, at: string, forgetBefore: string): Promise<number> {
    return identity.recordSignInFailure(this.db, key, at, forgetBefore);
  }

  lockSignIn(key: string, until: string): Promise<void> {
    return identity.lockSignIn(this.db, key, until);
  }

  clearSignInFailures(key: string): Promise<void> {
    return identity.clearSignInFailures(this.db, key);
  }

  // --- CAP imports -------------------------------------------------------------------------------

  findCapImports(
    keys: readonly { readonly sender: string; readonly identifier: string }[],
  ): Promise<CapImportRecord[]> {
    return capImports.findCapImports(this.db, keys);
  }

  recordCapImport(record: CapImportRecord, by: AuditContext): Promise<boolean> {
    return this.audited(by, async (trx, change) => {
      const inserted = await capImports.insertCapImport(trx, record);
      if (inserted)
        change({
          action: 'cap-import.record',
          subject: { type: 'cap-import', id: `${record.sender},${record.identifier}` },
          before: null,
          after: record,
        });
      return inserted;
    });
  }

  // --- import runs -----------------------------------------------------------------------------

  async startImportRun(run: NewImportRun, by: AuditContext): Promise<number> {
    return this.audited(by, async (trx, record) => {
      const row = await trx
        .insertInto('import_runs')
        .values({ kind: run.kind, file: run.file, started_at: run.startedAt })
        .returning('id')
        .executeTakeFirstOrThrow();
      record({
        action: 'import-run.start',
        subject: { type: 'import-run', id: String(row.id) },
        before: null,
        after: run,
      });
      return row.id;
    });
  }

  async finishImportRun(id: number, summary: ImportRunSummary, by: AuditContext): Promise<void> {
    await this.audited(by, async (trx, record) => {
      record({
        action: 'import-run.finish',
        subject: { type: 'import-run', id: String(id) },
        before: { finishedAt: null },
        after: summary,
      });
      await trx
        .updateTable('import_runs')
        .set({
          finished_at: summary.finishedAt,
          imported: summary.imported,
          updated: summary.updated,
          skipped: summary.skipped,
          rejected: summary.rejected,
        })
        .where('id', '=', id)
        .execute();
    });
  }

  // --- Charter workflow --------------------------------------------------------------------------

  writeCharter(writes: readonly CharterWrite[], by: AuditContext): Promise<boolean> {
    return charter.writeCharter((work) => this.audited(by, work), writes);
  }

  listCharterProposals(incidentId: number, visibility: Visibility): Promise<StoredProposal[]> {
    return charter.listCharterProposals(this.db, incidentId, visibility);
  }

  listOpenCharterProposals(visibility: Visibility, limit: number): Promise<StoredProposal[]> {
    return charter.listOpenCharterProposals(this.db, visibility, limit);
  }

  getCharterProposal(id: number, visibility: Visibility): Promise<StoredProposal | null> {
    return charter.getCharterProposal(this.db, id, visibility);
  }

  getCharterDecision(id: string, visibility: Visibility): Promise<Stored<Decision> | null> {
    return charter.getCharterDecision(this.db, id, visibility);
  }

  listCharterDecisions(query: {
    readonly visibility: Visibility;
    readonly state?: DecisionState;
  }): Promise<Stored<Decision>[]> {
    return charter.listCharterDecisions(this.db, query);
  }

  getAssistanceCase(id: string, visibility: Visibility): Promise<Stored<AssistanceCase> | null> {
    return charter.getAssistanceCase(this.db, id, visibility);
  }

  listAssistanceCases(visibility: Visibility): Promise<Stored<AssistanceCase>[]> {
    return charter.listAssistanceCases(this.db, visibility);
  }

  // --- assistance ledger (assistance-records.ts) ------------------------------------------------

  createAssistanceRequest(
    request: NewAssistanceRequest,
    by: AuditContext,
  ): Promise<Stored<AssistanceLedger>> {
    return assistance.createRequest((work) => this.audited(by, work), request);
  }

  writeAssistanceLedger(
    write: AssistanceLedgerWrite,
    by: AuditContext,
  ): Promise<{ readonly id: number; readonly version: number } | null> {
    return assistance.writeLedger((work) => this.audited(by, work), write);
  }

  getAssistanceLedger(id: number, visibility: Visibility): Promise<Stored<AssistanceLedger> | null> {
    return assistance.getLedger(this.db, id, visibility);
  }

  listAssistanceLedgers(query: AssistanceListQuery): Promise<Stored<AssistanceLedger>[]> {
    return assistance.listLedgers(this.db, query);
  }

  // --- early warning (surge-records.ts) ---------------------------------------------------------

  surgeDailyCounts(range: { readonly from: string; readonly to: string }): Promise<AdminUnitDayRow[]> {
    return surges.surgeDailyCounts(this.db, range);
  }

  listSurges(query: SurgeListQuery): Promise<StoredSurge[]> {
    return surges.listSurges(this.db, { ...query, limit: pageSize(query.limit) });
  }

  getSurge(id: number, visibility: Visibility): Promise<StoredSurge | null> {
    return surges.getSurge(this.db, id, visibility);
  }

  listOpenSurges(): Promise<StoredSurge[]> {
    return surges.listOpenSurges(this.db);
  }

  lastSurgeChange(): Promise<string | null> {
    return surges.lastSurgeChange(this.db);
  }

  writeSurges(writes: readonly SurgeWrite[], by: AuditContext): Promise<StoredSurge[] | null> {
    return surges.writeSurges((work) => this.audited(by, work), writes, by.at);
  }

  // --- audit log ---------------------------------------------------------------------------------

  listAuditEntries(query: AuditPageQuery): Promise<{ items: StoredAuditEntry[]; nextBefore: number | null }> {
    return audit.listAuditEntries(this.db, { ...query, limit: pageSize(query.limit) });
  }

  async auditHeadSize(): Promise<number> {
    const head = await this.db.selectFrom('audit_head').select('size').where('id', '=', 1).executeTakeFirst();
    return Number(head?.size ?? 0);
  }

  readAuditLog(from: number, limit: number): Promise<StoredAuditEntry[]> {
    return audit.readAuditLog(this.db, from, pageSize(limit));
  }

  addAuditCheckpoint(checkpoint: AuditCheckpointInput): Promise<void> {
    return audit.addAuditCheckpoint(this.db, checkpoint);
  }

  listAuditCheckpoints(): Promise<StoredCheckpoint[]> {
    return audit.listAuditCheckpoints(this.db);
  }

  listIncidentsToEvaluate(query: { readonly treaties: string; readonly limit: number }): Promise<number[]> {
    return charter.listIncidentsToEvaluate(this.db, query);
  }

  getRebellionCase(id: string, visibility: Visibility): Promise<Stored<RebellionCase> | null> {
    return charterCases.getRebellionCase(this.db, id, visibility);
  }

  listRebellionCases(query: {
    readonly visibility: Visibility;
    readonly treaty?: string;
    readonly party?: string;
    readonly open?: boolean;
  }): Promise<Stored<RebellionCase>[]> {
    return charterCases.listRebellionCases(this.db, query);
  }

  getConsultation(id: string, visibility: Visibility): Promise<Stored<Consultation> | null> {
    return charterCases.getConsultation(this.db, id, visibility);
  }

  listConsultations(visibility: Visibility): Promise<Stored<Consultation>[]> {
    return charterCases.listConsultations(this.db, visibility);
  }

  listMembershipEvents(treaty?: string): Promise<StoredMembershipEvent[]> {
    return charterCases.listMembershipEvents(this.db, treaty);
  }

  // --- alerts (SQL in alert-records.ts) --------------------------------------------------------

  publishAlerts(events: readonly NewAlertEvent[], by: AuditContext): Promise<AlertEvent[]> {
    return this.audited(by, async (trx, record) => {
      const written = await alerts.insertAlertEvents(trx, this.dialectSql, events, by.at);
      for (const e of written)
        record({
          action: 'alert.publish',
          subject: { type: 'alert', id: String(e.seq) },
          before: null,
          after: { kind: e.kind, incidentId: e.incidentId, classification: e.classification },
        });
      return written;
    });
  }

  /** Each dialect watches in its own way; a store bound to a transaction has nothing to watch. */
  watchAlerts(_onWake: () => void, _onError?: (error: unknown) => void): Promise<AlertWatch> {
    return Promise.reject(new Error('watch the alerts on the store itself, not on one of its transactions'));
  }

  readAlertEvents(afterSeq: number, limit: number): Promise<AlertEvent[]> {
    return alerts.readAlertEvents(this.db, afterSeq, pageSize(limit));
  }

  alertSeqRange(): Promise<{ first: number; last: number }> {
    return alerts.alertSeqRange(this.db);
  }

  listAlertEvents(query: {
    readonly visibility: Visibility;
    readonly limit: number;
    readonly before?: number;
  }): Promise<AlertEvent[]> {
    return alerts.listAlertEvents(this.db, { ...query, limit: pageSize(query.limit) });
  }

  createSubscription(
    userId: number,
    write: alerts.SubscriptionWrite,
    by: AuditContext,
  ): Promise<AlertSubscription> {
    return this.audited(by, async (trx, record) => {
      const created = await alerts.insertSubscription(trx, userId, write, by.at);
      // Never the webhook's secret.
      record({
        action: 'subscription.create',
        subject: { type: 'subscription', id: String(created.id) },
        before: null,
        after: { userId, name: created.name, filter: created.filter, webhook: created.webhook },
      });
      return created;
    });
  }

  async getSubscription(id: number, userId: number): Promise<AlertSubscription | null> {
    const row = await alerts.getSubscriptionRow(this.db, id);
    return row === null || Number(row.user_id) !== userId ? null : alerts.rowToSubscription(row);
  }

  listSubscriptions(userId: number): Promise<AlertSubscription[]> {
    return alerts.listSubscriptions(this.db, userId);
  }

  updateSubscription(
    id: number,
    userId: number,
    write: alerts.SubscriptionWrite,
    by: AuditContext,
  ): Promise<AlertSubscription | null> {
    return this.audited(by, async (trx, record) => {
      const row = await alerts.getSubscriptionRow(trx, id);
      if (row === null || Number(row.user_id) !== userId) return null;
      const before = alerts.rowToSubscription(row);
      const webhook =
        write.webhook === null
          ? null
          : { ...write.webhook, secret: write.webhook.secret ?? row.webhook_secret ?? '' };
      const updated = await alerts.updateSubscription(trx, id, { ...write, webhook }, by.at);
      record({
        action: 'subscription.update',
        subject: { type: 'subscription', id: String(id) },
        before: { name: before.name, filter: before.filter, webhook: before.webhook },
        after: {
          name: updated.name,
          filter: updated.filter,
          webhook: updated.webhook,
          secretRotated: write.webhook?.secret !== undefined,
        },
      });
      return updated;
    });
  }

  deleteSubscription(id: number, userId: number, by: AuditContext): Promise<boolean> {
    return this.audited(by, async (trx, record) => {
      const row = await alerts.getSubscriptionRow(trx, id);
      if (row === null || Number(row.user_id) !== userId) return false;
      await alerts.deleteSubscription(trx, id);
      const before = alerts.rowToSubscription(row);
      record({
        action: 'subscription.delete',
        subject: { type: 'subscription', id: String(id) },
        before: { name: before.name, filter: before.filter, webhook: before.webhook },
        after: null,
      });
      return true;
    });
  }

  listWebhookTargets(): Promise<alerts.WebhookTarget[]> {
    return alerts.listWebhookTargets(this.db);
  }

  readAlertCursor(name: string): Promise<number> {
    return alerts.readCursor(this.db, name);
  }

  recordWebhookDeliveries(
    cursor: { readonly name: string; readonly from: number; readonly to: number },
    deliveries: readonly {
      readonly eventSeq: number;
      readonly subscriptionId: number;
      readonly url: string;
    }[],
    at: string,
  ): Promise<boolean> {
    return inTransaction(this.db, (trx) =>
      alerts.advanceCursor(trx, this.dialectSql, cursor.name, cursor.from, cursor.to, deliveries, at),
    );
  }

  claimWebhookDeliveries(now: string, leaseUntil: string, limit: number): Promise<alerts.ClaimedDelivery[]> {
    return inTransaction(this.db, (trx) =>
      alerts.claimDeliveries(trx, this.dialectSql, now, leaseUntil, pageSize(limit)),
    );
  }

  finishWebhookDelivery(id: number, result: alerts.DeliveryResult, at: string): Promise<void> {
    return alerts.finishDelivery(this.db, id, result, at);
  }

  listWebhookDeliveries(subscriptionId: number, limit: number): Promise<alerts.AlertDelivery[]> {
    return alerts.listDeliveries(this.db, subscriptionId, pageSize(limit));
  }
}
