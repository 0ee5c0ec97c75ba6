/**
 * What differs between SQLite and PostgreSQL, gathered in one object per dialect
 * (`sqlite/sqlite-sql.ts`, `postgres/postgres-sql.ts`) and handed to the shared migrations and queries.
 * Everything else is written once, with Kysely.
 */
import type {
  ColumnDefinitionBuilder,
  CreateTableBuilder,
  Expression,
  Kysely,
  RawBuilder,
  SqlBool,
} from 'kysely';
import type { Dialect } from './store.ts';

export interface DialectSql {
  readonly dialect: Dialect;
  /** Column type of integer primary and foreign keys. */
  readonly idType: 'integer' | 'bigint';
  /** Makes an id column the table's generated primary key. */
  primaryKeyId(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** Creates the full-text search structures of incidents and reports (run by the first migration). */
  createSearch(db: Kysely<unknown>): Promise<void>;
  /**
   * The incident (table `incidents`) matches every term; the last term as a prefix. Terms are words of
   * letters, marks and digits only (see `searchTerms`), never empty.
   */
  incidentMatches(terms: readonly string[]): RawBuilder<SqlBool>;
  /**
   * The same test as incidentMatches, for a read that walks the newest-first index and stops at its
   * LIMIT because the terms match many incidents: SQLite's unary + keeps the planner from driving the
   * read from the match list (every match looked up, then sorted).
   */
  incidentMatchesNewestFirst(terms: readonly string[]): RawBuilder<SqlBool>;
  /** The report (table `reports`) matches every term; the last term as a prefix. */
  reportMatches(terms: readonly string[]): RawBuilder<SqlBool>;
  /** Case-insensitive substring test; `needle` is plain text, not a pattern. */
  containsInsensitive(column: Expression<string | null>, needle: string): RawBuilder<SqlBool>;
  /** floor((value + offset) / size) as an integer, for grid cells; value + offset is never negative. */
  gridCell(value: Expression<number | null>, offset: number, size: number): RawBuilder<number>;
  /**
   * The same value, hidden from the planner's choice of index (SQLite's unary +), so that a query
   * can steer SQLite, which has no statistics after a bulk import, to the index that fits it.
   */
  unindexed<T>(value: Expression<T>): RawBuilder<T>;
  /** Options of a table keyed by its primary key only (SQLite: WITHOUT ROWID, clustered on it). */
  tableOptions<T extends string, C extends string>(table: CreateTableBuilder<T, C>): CreateTableBuilder<T, C>;
  /**
   * Triggers that refuse every UPDATE and DELETE (and TRUNCATE) of a table: the audit log's tables are
   * append-only. A guard against mistakes, not against an administrator, who can drop the triggers:
   * what catches that is `liptako audit verify`.
   */
  createAppendOnlyGuard(db: Kysely<unknown>, table: string): Promise<void>;
  /**
   * A statement that makes the running transaction wait for, then hold until its end, the lock of a
   * lane (see Store.atomically); null where writers run one at a time anyway (SQLite).
   */
  laneLock(lane: string): RawBuilder<unknown> | null;
  /**
   * A statement that tells the other processes on the database, when the running transaction commits,
   * that the alert outbox has grown up to `seq` (PostgreSQL: NOTIFY, see postgres/alert-listener.ts);
   * null where only one process writes (SQLite: the store wakes its own watchers).
   */
  notifyAlerts(seq: number): RawBuilder<unknown> | null;
  /**
   * A SELECT of `columns` from `rows` read as rows of `table` out of one JSON parameter (PostgreSQL's
   * json_populate_recordset), so that a bulk write is one statement with one value to bind however
   * many rows it has; null where each value is bound (SQLite, whose bulk import runs prepared
   * statements). The table's own column types convert the values.
   */
  readonly rowsOf:
    ((table: string, columns: readonly string[], rows: readonly object[]) => RawBuilder<unknown>) | null;
}
