/**
 * The SQLite store: a file opened with better-sqlite3 (the only importer of it), the shared Kysely
 * store on top, and the bulk import path in prepared statements, which SQLite runs several times
 * faster than Kysely can compile queries.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { importUpdate } from '../incident-change.ts';
import { newIncidentRow } from '../incident-row.ts';
import { KyselyStore } from '../kysely-store.ts';
import type { IncidentRow, IncidentRevisionRow, Schema } from '../schema.ts';
import type { IncidentInput, UpsertOutcome } from '../store.ts';
import { sqliteSql } from './sqlite-sql.ts';

/** How long a writer waits for another connection's lock before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

interface Statements {
  readonly findByKey: Database.Statement<[string], { id: number; content_hash: string }>;
  readonly getById: Database.Statement<[number], IncidentRow>;
  readonly insertRevision: Database.Statement<[IncidentRevisionRow]>;
  readonly setHash: Database.Statement<[string, number]>;
}

export class SqliteStore extends KyselyStore {
  readonly #database: Database.Database;
  #statements: Statements | undefined;
  #insert: Database.Statement<unknown[]> | undefined;

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
    meta: { readonly changedBy: string; readonly at: string },
  ): Promise<UpsertOutcome[]> {
    // Holding Kysely's one connection keeps its queries and transactions out of this transaction.
    return this.db.connection().execute(() => Promise.resolve(this.#upsertNow(batch, meta)));
  }

  #upsertNow(
    batch: readonly IncidentInput[],
    meta: { readonly changedBy: string; readonly at: string },
  ): UpsertOutcome[] {
    const s = this.#prepared();
    const run = this.#database.transaction((): UpsertOutcome[] =>
      batch.map((input): UpsertOutcome => {
        const found = s.findByKey.get(input.sourceKey);
        if (found === undefined) {
          const row = newIncidentRow(input, meta.at);
          // Positional parameters bind faster than named ones; every row lists its columns in one order.
          this.#insert ??= this.#database.prepare(
            `INSERT INTO incidents (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row)
              .map(() => '?')
              .join(', ')})`,
          );
          this.#insert.run(Object.values(row));
          return 'inserted';
        }
        if (found.content_hash === input.contentHash) return 'unchanged';
        const current = s.getById.get(found.id);
        if (current === undefined) throw new Error(`incident ${found.id} vanished during its update`);
        const update = importUpdate(current, input, meta);
        if (update === null) {
          s.setHash.run(input.contentHash, found.id);
          return 'unchanged';
        }
        const columns = Object.keys(update.set);
        this.#database
          .prepare(`UPDATE incidents SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`)
          .run({ ...update.set, id: update.id });
        s.insertRevision.run(update.revision);
        return 'updated';
      }),
    );
    // IMMEDIATE takes the write lock at once, so the transaction cannot fail halfway to upgrade it.
    return run.immediate();
  }

  #prepared(): Statements {
    this.#statements ??= {
      findByKey: this.#database.prepare('SELECT id, content_hash FROM incidents WHERE source_key = ?'),
      getById: this.#database.prepare('SELECT * FROM incidents WHERE id = ?'),
      insertRevision: this.#database.prepare(
        `INSERT INTO incident_revisions (incident_id, revision, changed_at, changed_by, reason, changes)
         VALUES (@incident_id, @revision, @changed_at, @changed_by, @reason, @changes)`,
      ),
      setHash: this.#database.prepare('UPDATE incidents SET content_hash = ? WHERE id = ?'),
    };
    return this.#statements;
  }
}
