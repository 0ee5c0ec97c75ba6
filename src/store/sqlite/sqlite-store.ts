/**
 * The SQLite store: a file opened with better-sqlite3 (the only importer of it), the shared Kysely
 * store on top, and the bulk import path in prepared statements, which SQLite runs several times
 * faster than Kysely can compile queries.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
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
import type { IncidentInput, UpsertOutcome } from '../store.ts';
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

export class SqliteStore extends KyselyStore {
  readonly #database: Database.Database;
  #statements: Statements | undefined;
  #insert: Database.Statement<unknown[]> | undefined;
  #insertColumns: (keyof NewIncidentRow)[] | undefined;
  readonly #cached = new Map<string, Database.Statement<unknown[]>>();
  readonly #cellUpserts = new Map<number, string>();

  /** Opens (and creates) the file and its folder: WAL, synchronous=NORMAL, foreign keys on. */
  constructor(file: string) {
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
    super({ db: new Kysely<Schema>({ dialect: new SqliteDialect({ database }) }), dialectSql: sqliteSql });
    this.#database = database;
  }

  override async upsertIncidents(
    batch: readonly IncidentInput[],
    meta: { readonly changedBy: string; readonly at: string; readonly actor: AuditActor },
  ): Promise<UpsertOutcome[]> {
    // Holding Kysely's one connection keeps its queries and transactions out of this transaction.
    return this.db.connection().execute(() => Promise.resolve(this.#upsertNow(batch, meta)));
  }

  #upsertNow(
    batch: readonly IncidentInput[],
    meta: { readonly changedBy: string; readonly at: string; readonly actor: AuditActor },
  ): UpsertOutcome[] {
    const s = this.#prepared();
    const run = this.#database.transaction((): UpsertOutcome[] => {
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
          const columns = (this.#insertColumns ??= Object.keys(row) as (keyof NewIncidentRow)[]);
          // Positional parameters bind faster than named ones; every row lists its columns in one order.
          this.#insert ??= this.#database.prepare(
            `INSERT INTO incidents (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
          );
          const values: unknown[] = new Array<unknown>(columns.length);
          for (let c = 0; c < columns.length; c++) values[c] = row[columns[c] as keyof NewIncidentRow];
          const id = Number(this.#insert.run(values).lastInsertRowid);
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
        this.#database
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
      let text = this.#cellUpserts.get(key);
      if (text === undefined) {
        const compiled = weekUpsert(this.db, chunk).compile();
        if (JSON.stringify(compiled.parameters) !== JSON.stringify(values))
          throw new Error('weekUpsert binds its values in another order than WEEK_COLUMNS');
        text = compiled.sql;
        this.#cellUpserts.set(key, text);
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
      let text = this.#cellUpserts.get(chunk.length);
      if (text === undefined) {
        const compiled = cellUpsert(this.db, chunk).compile();
        if (JSON.stringify(compiled.parameters) !== JSON.stringify(values))
          throw new Error('cellUpsert binds its values in another order than CELL_COLUMNS');
        text = compiled.sql;
        this.#cellUpserts.set(chunk.length, text);
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
    let statement = this.#cached.get(text);
    if (statement === undefined) {
      statement = this.#database.prepare(text);
      this.#cached.set(text, statement);
    }
    return statement;
  }

  #prepared(): Statements {
    this.#statements ??= {
      findByKeys: this.#database.prepare(
        'SELECT id, source_key, content_hash FROM incidents WHERE source_key IN (SELECT value FROM json_each(?))',
      ),
      getById: this.#database.prepare('SELECT * FROM incidents WHERE id = ?'),
      insertRevision: this.#database.prepare(
        `INSERT INTO incident_revisions (incident_id, revision, changed_at, changed_by, reason, changes)
         VALUES (@incident_id, @revision, @changed_at, @changed_by, @reason, @changes)`,
      ),
      setHash: this.#database.prepare('UPDATE incidents SET content_hash = ? WHERE id = ?'),
      indexNew: this.#database.prepare(INDEX_NEW_INCIDENTS),
    };
    return this.#statements;
  }
}
