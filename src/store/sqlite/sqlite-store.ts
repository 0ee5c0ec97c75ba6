/**
 * The SQLite store: a file opened with better-sqlite3 (the only importer of it), the shared Kysely
 * store on top, and the bulk import path in prepared statements, which SQLite runs several times
 * faster than Kysely can compile queries.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery, type Transaction } from 'kysely';
import type { AuditActor, AuditChange } from '../../domain/audit/audit-entry.ts';
import { auditRows, drawSequence, insertAuditRows } from '../audit-records.ts';
import { batchChanges, type WrittenIncident } from '../incident-audit.ts';
import {
  CELL_COLUMNS,
  cellDelete,
  cellRecount,
  cellSelect,
  cellUpsert,
  needsRecount,
} from '../incident-cells.ts';
import { importUpdate } from '../incident-change.ts';
import { WEEK_CHUNK, WEEK_COLUMNS, weekPrune, weekUpsert } from '../incident-weeks.ts';
import { SummaryDeltas } from '../summary-deltas.ts';
import { newIncidentRow } from '../incident-row.ts';
import { CELL_CHUNK, KyselyStore } from '../kysely-store.ts';
import type { IncidentCellRow, IncidentRevisionRow, IncidentRow, NewIncidentRow, Schema } from '../schema.ts';
import type { Incident } from '../../domain/incident.ts';
import { incidentPages } from '../incident-export-records.ts';
import type { AlertEvent, NewAlertEvent } from '../../domain/alerts/alert-event.ts';
import type {
  AlertWatch,
  AuditContext,
  IncidentFilter,
  IncidentInput,
  Store,
  UpsertOutcome,
} from '../store.ts';
import { INDEX_NEW_INCIDENTS, sqliteSql } from './sqlite-sql.ts';

/** How long a writer waits for another connection's lock before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

interface Statements {
  readonly findByKeys: Database.Statement<[string], { id: number; source_key: string; content_hash: string }>;
  readonly getById: Database.Statement<[number], IncidentRow>;
  readonly insertRevision: Database.Statement<[IncidentRevisionRow]>;
  readonly setHash: Database.Statement<[string, number]>;
  readonly indexNew: Database.Statement<[number, number]>;
}

/** The file's connection and what is prepared on it: shared by the store and its bound copies. */
interface Connection {
  readonly database: Database.Database;
  statements: Statements | undefined;
  insert: Database.Statement<unknown[]> | undefined;
  insertColumns: (keyof NewIncidentRow)[] | undefined;
  readonly cached: Map<string, Database.Statement<unknown[]>>;
  readonly cellUpserts: Map<number, string>;
  /** Store.watchAlerts: one writer process, so the watchers are woken here, after a commit. */
  readonly alertWatchers: Set<() => void>;
  /** Alert events were appended in the transaction under way: wake the watchers when it ends. */
  alertsPending: boolean;
}

/** A store bound to a running transaction (see Store.atomically). */
interface Bound {
  readonly trx: Transaction<Schema>;
  readonly connection: Connection;
}

/** Opens (and creates) the file and its folder: WAL, synchronous=NORMAL, foreign keys on. */
function openConnection(file: string): Connection {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  // In WAL mode NORMAL loses no committed data on a crash of the process, only on a power loss.
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // 64 MiB of page cache: the map index of a million incidents stays in memory.
  database.pragma('cache_size = -65536');
  database.pragma('temp_store = MEMORY');
  return {
    database,
    statements: undefined,
    insert: undefined,
    insertColumns: undefined,
    cached: new Map(),
    cellUpserts: new Map(),
    alertWatchers: new Set(),
    alertsPending: false,
  };
}

async function* exportPages(
  file: string,
  filter: IncidentFilter,
  pageSize: number | undefined,
): AsyncGenerator<Incident[], void, undefined> {
  const database = new Database(file, { readonly: true, fileMustExist: true });
  database.pragma('cache_size = -4096');
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database }) });
  try {
    yield* incidentPages(db, sqliteSql, filter, pageSize);
  } finally {
    await db.destroy();
  }
}

export class SqliteStore extends KyselyStore {
  readonly #c: Connection;
  /** The file, for connections of its own (exports); null for a store bound to a transaction. */
  readonly #file: string | null;

  /** Opens (and creates) the file; a Bound is the store on one transaction of an open one. */
  constructor(file: string | Bound) {
    const c = typeof file === 'string' ? openConnection(file) : file.connection;
    super({
      db:
        typeof file === 'string'
          ? new Kysely<Schema>({ dialect: new SqliteDialect({ database: c.database }) })
          : file.trx,
      dialectSql: sqliteSql,
    });
    this.#c = c;
    this.#file = typeof file === 'string' ? file : null;
  }

  /**
   * Exports read on a read-only connection of their own with a 4 MiB page cache: a full export scans
   * the whole table, which on the shared connection filled its 64 MiB cache (resident for good: +64 MB
   * on the first export of a server) and pushed the map's hot pages out of it. Each page is its own read.
   */
  override exportIncidents(filter: IncidentFilter, pageSize?: number): AsyncIterable<Incident[]> {
    if (this.#file === null || this.#file === ':memory:') return super.exportIncidents(filter, pageSize);
    return exportPages(this.#file, filter, pageSize);
  }

  /**
   * All pending migrations in one IMMEDIATE transaction: all of them or none. Kysely runs SQLite's
   * migrations statement by statement (its adapter says SQLite has no transactional DDL, which it has),
   * so a process killed between two statements left a table its migration had not recorded, and every
   * later start failed to create it again (test/crash/migrate-killed-sqlite.test.ts). IMMEDIATE: a second
   * process migrating the same file waits for the write lock, then finds nothing left to do.
   */
  override async migrate(): Promise<void> {
    const { database } = this.#c;
    database.exec('BEGIN IMMEDIATE');
    try {
      await super.migrate();
      database.exec('COMMIT');
    } catch (error) {
      if (database.inTransaction) database.exec('ROLLBACK');
      throw error;
    }
  }

  override async atomically<T>(work: (store: Store) => Promise<T>, lane?: string): Promise<T> {
    const outermost = !this.db.isTransaction;
    try {
      return await super.atomically(async (store) => {
        // Kysely begins a DEFERRED transaction, which takes the write lock at its first write: a read
        // before it could leave the transaction on a snapshot that another process (an import) has
        // since written past, and its first write would then fail at once with SQLITE_BUSY. A write
        // that changes nothing takes the lock first, waiting for it as every write does.
        if (!this.db.isTransaction) this.#c.database.prepare('DELETE FROM import_runs WHERE 0').run();
        return work(store);
      }, lane);
    } finally {
      // Committed or rolled back: a watcher woken after a rollback reads nothing new, which is harmless.
      if (outermost && this.#c.alertsPending) this.#wakeAlertWatchers();
    }
  }

  override async publishAlerts(events: readonly NewAlertEvent[], by: AuditContext): Promise<AlertEvent[]> {
    const written = await super.publishAlerts(events, by);
    if (written.length > 0) {
      // Inside Store.atomically the events are not committed yet: atomically wakes the watchers.
      if (this.db.isTransaction) this.#c.alertsPending = true;
      else this.#wakeAlertWatchers();
    }
    return written;
  }

  /** In-process only: SQLite is a one-node deployment, whose writers are all in this process. */
  override watchAlerts(onWake: () => void, _onError?: (error: unknown) => void): Promise<AlertWatch> {
    // A new function per watch, so that the same callback watched twice is two watches.
    const watcher = () => onWake();
    this.#c.alertWatchers.add(watcher);
    return Promise.resolve({
      close: () => {
        this.#c.alertWatchers.delete(watcher);
        return Promise.resolve();
      },
    });
  }

  #wakeAlertWatchers(): void {
    this.#c.alertsPending = false;
    for (const wake of this.#c.alertWatchers) wake();
  }

  protected override boundTo(trx: Transaction<Schema>): KyselyStore {
    return new SqliteStore({ trx, connection: this.#c });
  }

  override async upsertIncidents(
    batch: readonly IncidentInput[],
    meta: { readonly changedBy: string; readonly at: string; readonly actor: AuditActor },
  ): Promise<UpsertOutcome[]> {
    // Bound to a running transaction: it holds Kysely's one connection, and this batch joins it (as a
    // savepoint: better-sqlite3 nests transactions so).
    if (this.db.isTransaction) return this.#upsertNow(batch, meta);
    // Holding Kysely's one connection keeps its queries and transactions out of this transaction.
    return this.db.connection().execute(() => Promise.resolve(this.#upsertNow(batch, meta)));
  }

  #upsertNow(
    batch: readonly IncidentInput[],
    meta: { readonly changedBy: string; readonly at: string; readonly actor: AuditActor },
  ): UpsertOutcome[] {
    const s = this.#prepared();
    const run = this.#c.database.transaction((): UpsertOutcome[] => {
      // The batch's stored keys in one query; a key repeated in the batch sees its first write.
      const existing = new Map<string, { id: number; content_hash: string }>();
      for (const r of s.findByKeys.all(JSON.stringify(batch.map((i) => i.sourceKey))))
        existing.set(r.source_key, r);
      const cells = new SummaryDeltas();
      const written: WrittenIncident[] = [];
      // New incidents not yet in the full-text index: ids unindexed…lastId (see sqlite-sql.ts).
      let unindexed: number | null = null;
      let lastId = 0;
      const indexNew = (): void => {
        if (unindexed !== null) s.indexNew.run(unindexed, lastId);
        unindexed = null;
      };
      const outcomes = batch.map((input): UpsertOutcome => {
        const found = existing.get(input.sourceKey);
        if (found === undefined) {
          const row = newIncidentRow(input, meta.at);
          const columns = (this.#c.insertColumns ??= Object.keys(row) as (keyof NewIncidentRow)[]);
          // Positional parameters bind faster than named ones; every row lists its columns in one order.
          this.#c.insert ??= this.#c.database.prepare(
            `INSERT INTO incidents (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
          );
          const values: unknown[] = new Array<unknown>(columns.length);
          for (let c = 0; c < columns.length; c++) values[c] = row[columns[c] as keyof NewIncidentRow];
          const id = Number(this.#c.insert.run(values).lastInsertRowid);
          unindexed ??= id;
          lastId = id;
          existing.set(input.sourceKey, { id, content_hash: input.contentHash });
          cells.add({ ...row, id });
          written.push({ kind: 'create', id, input });
          return 'inserted';
        }
        if (found.content_hash === input.contentHash) return 'unchanged';
        found.content_hash = input.contentHash;
        const current = s.getById.get(found.id);
        if (current === undefined) throw new Error(`incident ${found.id} vanished during its update`);
        const update = importUpdate(current, input, meta);
        if (update === null) {
          s.setHash.run(input.contentHash, found.id);
          return 'unchanged';
        }
        // The update trigger takes the old text out of the index: it must be there first.
        if (unindexed !== null && found.id >= unindexed) indexNew();
        const columns = Object.keys(update.set);
        this.#c.database
          .prepare(`UPDATE incidents SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`)
          .run({ ...update.set, id: update.id });
        s.insertRevision.run(update.revision);
        cells.move(current, { ...current, ...update.set });
        written.push({ kind: 'update', update });
        return 'updated';
      });
      indexNew();
      this.#applyCells(cells);
      this.#appendAudit(meta, batchChanges(batch, outcomes, written, meta.changedBy));
      return outcomes;
    });
    // IMMEDIATE takes the write lock at once, so the transaction cannot fail halfway to upgrade it.
    return run.immediate();
  }

  /** The summary deltas, as KyselyStore applies them, through the same queries compiled once each. */
  #applyCells(summaries: SummaryDeltas): void {
    const weeks = summaries.weeks.upserts();
    for (let i = 0; i < weeks.length; i += WEEK_CHUNK) {
      const chunk = weeks.slice(i, i + WEEK_CHUNK);
      const values: unknown[] = [];
      for (const row of chunk) for (const c of WEEK_COLUMNS) values.push(row[c]);
      const key = -chunk.length; // week upserts share the cache with cell upserts: negative lengths
      let text = this.#c.cellUpserts.get(key);
      if (text === undefined) {
        const compiled = weekUpsert(this.db, chunk).compile();
        if (JSON.stringify(compiled.parameters) !== JSON.stringify(values))
          throw new Error('weekUpsert binds its values in another order than WEEK_COLUMNS');
        text = compiled.sql;
        this.#c.cellUpserts.set(key, text);
      }
      this.#statement(text).run(values);
    }
    const emptied = summaries.weeks.lossWeeks();
    if (emptied.length > 0) this.#runCompiled(weekPrune(this.db, emptied).compile());
    const cells = summaries.cells;
    const rows = cells.upserts();
    for (let i = 0; i < rows.length; i += CELL_CHUNK) {
      const chunk = rows.slice(i, i + CELL_CHUNK);
      const values: unknown[] = [];
      for (const row of chunk) for (const c of CELL_COLUMNS) values.push(row[c]);
      // Kysely compiles a chunk's upsert once per length; its parameters are the rows' values in
      // CELL_COLUMNS order, which the first compilation checks.
      let text = this.#c.cellUpserts.get(chunk.length);
      if (text === undefined) {
        const compiled = cellUpsert(this.db, chunk).compile();
        if (JSON.stringify(compiled.parameters) !== JSON.stringify(values))
          throw new Error('cellUpsert binds its values in another order than CELL_COLUMNS');
        text = compiled.sql;
        this.#c.cellUpserts.set(chunk.length, text);
      }
      this.#statement(text).run(values);
    }
    for (const lost of cells.losses()) {
      const compiled = cellSelect(this.db, lost.key).compile();
      const row = this.#statement(compiled.sql).get(compiled.parameters) as
        Pick<IncidentCellRow, 'count' | 'min_lat' | 'max_lat' | 'min_lon' | 'max_lon'> | undefined; // the columns cellSelect selects
      if (row === undefined) continue;
      if (row.count > 0 && !needsRecount(row, lost)) continue;
      this.#runCompiled(cellDelete(this.db, lost.key).compile());
      if (row.count > 0) this.#runCompiled(cellRecount(this.db, this.dialectSql, lost.key).compile());
    }
  }

  /** appendAudit of audit-records.ts, through the same queries, inside the running transaction. */
  #appendAudit(
    by: { readonly actor: AuditActor; readonly at: string },
    changes: readonly AuditChange[],
  ): void {
    if (changes.length === 0) return;
    const draw = drawSequence(this.db, changes.length).compile();
    const head = this.#statement(draw.sql).get(draw.parameters) as { size: number }; // RETURNING size
    const rows = auditRows(head.size - changes.length, by, changes);
    for (const row of rows) this.#runCompiled(insertAuditRows(this.db, [row]).compile());
  }

  #runCompiled(compiled: CompiledQuery): void {
    this.#statement(compiled.sql).run(compiled.parameters);
  }

  #statement(text: string): Database.Statement<unknown[]> {
    let statement = this.#c.cached.get(text);
    if (statement === undefined) {
      statement = this.#c.database.prepare(text);
      this.#c.cached.set(text, statement);
    }
    return statement;
  }

  #prepared(): Statements {
    this.#c.statements ??= {
      findByKeys: this.#c.database.prepare(
        'SELECT id, source_key, content_hash FROM incidents WHERE source_key IN (SELECT value FROM json_each(?))',
      ),
      getById: this.#c.database.prepare('SELECT * FROM incidents WHERE id = ?'),
      insertRevision: this.#c.database.prepare(
        `INSERT INTO incident_revisions (incident_id, revision, changed_at, changed_by, reason, changes)
         VALUES (@incident_id, @revision, @changed_at, @changed_by, @reason, @changes)`,
      ),
      setHash: this.#c.database.prepare('UPDATE incidents SET content_hash = ? WHERE id = ?'),
      indexNew: this.#c.database.prepare(INDEX_NEW_INCIDENTS),
    };
    return this.#c.statements;
  }
}
