/**
 * The PostgreSQL store: a pg pool (the only importer of pg) under the shared Kysely store.
 */
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { KyselyStore } from '../kysely-store.ts';
import { connectionUrl } from './connection-url.ts';
import type { Schema } from '../schema.ts';
import { postgresSql } from './postgres-sql.ts';

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

/** A schema name that needs no quoting in search_path or SQL. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PostgresStoreOptions {
  readonly databaseUrl: string;
  /** Keep every table in this schema (created by migrate) instead of the default search_path. */
  readonly schema?: string;
  /** Most connections the pool opens; 10 by default. */
  readonly maxConnections?: number;
}

export class PostgresStore extends KyselyStore {
  constructor(options: PostgresStoreOptions) {
    const { schema } = options;
    if (schema !== undefined && !SCHEMA_NAME.test(schema))
      throw new Error(
        `"${schema}" is not a schema name this store accepts: use lower-case letters, digits and _`,
      );
    const pool = new pg.Pool({
      connectionString: connectionUrl(options.databaseUrl),
      max: options.maxConnections ?? 10,
      types,
      ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
    });
    super({
      db: new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) }),
      dialectSql: postgresSql,
      ...(schema === undefined ? {} : { migrationTableSchema: schema }),
    });
  }
}
