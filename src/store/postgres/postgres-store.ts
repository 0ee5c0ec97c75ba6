/**
 * The PostgreSQL store: a pg pool (the only importer of pg) under the shared Kysely store.
 */
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { KyselyStore } from '../kysely-store.ts';
import { connectionUrl, searchPathSchema } from './connection-url.ts';
import { listenForAlerts } from './alert-listener.ts';
import type { Schema } from '../schema.ts';
import type { Incident } from '../../domain/incident.ts';
import { incidentPages } from '../incident-export-records.ts';
import type { AlertWatch, IncidentFilter, Store } from '../store.ts';
import { cursorPageReader } from './cursor-page-reader.ts';
import { currentSchema, postgresSql } from './postgres-sql.ts';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * Counts, sums and bigint ids arrive as JS numbers, not strings: ids and counts stay far below 2^53.
 * Set per pool, not on pg's global parsers, so that no other pg user in the process is affected.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid);
  }) as pg.CustomTypesConfig['getTypeParser'], // pg's overloads cannot be implemented by one signature
};

/** PostgreSQL's "schema does not exist" (invalid_schema_name). */
const INVALID_SCHEMA_NAME = '3F000';
const UNDEFINED_COLUMN = '42703';
const UNDEFINED_TABLE = '42P01';
const MIGRATE_ATTEMPTS = 5;
/** deadlock_detected and serialization_failure: PostgreSQL rolled the transaction back, try it again. */
const RETRIED_CODES = new Set(['40P01', '40001']);
const ATOMIC_ATTEMPTS = 5;

/**
 * Kysely's migrator looks for its tables by listing every table of the database. When another
 * client drops a schema at that moment (other tenants, parallel test suites), PostgreSQL can
 * report the vanishing schema as missing: a passing race, not a fault of this store.
 */
function isSchemaRace(error: unknown, ownSchema: string | undefined): boolean {
  if (!(error instanceof Error) || !('code' in error)) return false;
  // The listing also asks pg_get_serial_sequence for every column of every table: a table another
  // client is altering or dropping at that moment can make it report a column or table as missing.
  if (error.code === UNDEFINED_COLUMN || error.code === UNDEFINED_TABLE) {
    if ('routine' in error && error.routine === 'pg_get_serial_sequence') return true;
    // The same listing run by a parallel worker names the vanished relation itself (routine
    // RangeVarGetRelidExtended): a race when it is another schema's, a real error when it is ours.
    const schema = /relation "([^".]+)\./.exec(error.message)?.[1];
    return schema !== undefined && schema !== (ownSchema ?? 'public');
  }
  if (error.code !== INVALID_SCHEMA_NAME) return false;
  return ownSchema === undefined || !error.message.includes(`"${ownSchema}"`);
}

/** A schema name that needs no quoting in search_path or SQL. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PostgresStoreOptions {
  readonly databaseUrl: string;
  /**
   * Keep every table in this schema (created by migrate) instead of the default search_path; by
   * default the one schema the URL's `options=-c search_path=…` names, if any.
   */
  readonly schema?: string;
  /** Most connections the pool opens; 10 by default. */
  readonly maxConnections?: number;
}

export class PostgresStore extends KyselyStore {
  readonly #schema: string | undefined;
  /** How the pool connects: the alert listener's own connection connects the same way. */
  readonly #client: pg.ClientConfig;
  readonly #pool: pg.Pool;

  constructor(options: PostgresStoreOptions) {
    const schema = options.schema ?? searchPathSchema(options.databaseUrl);
    if (schema !== undefined && !SCHEMA_NAME.test(schema))
      throw new Error(
        `"${schema}" is not a schema name this store accepts: use lower-case letters, digits and _`,
      );
    const client: pg.ClientConfig = {
      connectionString: connectionUrl(options.databaseUrl),
      types,
      ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
    };
    const pool = new pg.Pool({ ...client, max: options.maxConnections ?? 10 });
    super({
      db: new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) }),
      dialectSql: postgresSql,
    });
    this.#schema = schema;
    this.#client = client;
    this.#pool = pool;
  }

  /**
   * Keyset pages as on SQLite, each read through a cursor (cursor-page-reader.ts says why). A store
   * bound to a transaction (atomically) is a plain KyselyStore and reads on its transaction.
   */
  override exportIncidents(filter: IncidentFilter, pageSize?: number): AsyncIterable<Incident[]> {
    return incidentPages(this.db, postgresSql, filter, pageSize, cursorPageReader(this.#pool));
  }

  /** LISTEN on a connection of its own (alert-listener.ts): wakes for alerts of every node. */
  override watchAlerts(onWake: () => void, onError?: (error: unknown) => void): Promise<AlertWatch> {
    return listenForAlerts({ client: this.#client, onWake, ...(onError === undefined ? {} : { onError }) });
  }

  /**
   * Concurrent transactions that touch the same summary rows and incidents in different orders (two
   * reports fusing into the same incidents) can deadlock; PostgreSQL then rolls one back, and it runs
   * again from the start: nothing of the failed attempt was kept.
   */
  override async atomically<T>(work: (store: Store) => Promise<T>, lane?: string): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await super.atomically(work, lane);
      } catch (error) {
        const code = error instanceof Error && 'code' in error ? error.code : undefined;
        if (attempt >= ATOMIC_ATTEMPTS || typeof code !== 'string' || !RETRIED_CODES.has(code)) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    }
  }

  /**
   * Migrates, trying again when a concurrent drop of another schema disturbed the look-up. Kysely's
   * migration tables are kept in this store's schema: the one given, else the connection's current
   * schema (the first of its search_path that exists), never one that another tenant or application
   * of the same database made.
   */
  override async migrate(): Promise<void> {
    const schema = this.#schema ?? (await currentSchema(this.db));
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.runMigrations(schema);
      } catch (error) {
        if (attempt >= MIGRATE_ATTEMPTS || !isSchemaRace(error, schema)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
      }
    }
  }
}
