/**
 * Opens the configured store: a SQLite file or a PostgreSQL database. The schema is not touched:
 * call `migrate()` before use.
 */
import { PostgresStore } from './postgres/postgres-store.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';
import type { Store } from './store.ts';

export type StoreLocation =
  | {
      /** The SQLite file; its folder is created when missing. */
      readonly sqlitePath: string;
    }
  | {
      /** postgres://user@host:port/database */
      readonly databaseUrl: string;
      /** Keep every table in this schema (lower-case letters, digits, _), created by migrate(). */
      readonly schema?: string;
      /** Most pooled connections (10 by default); the alert watch holds one more of its own. */
      readonly maxConnections?: number;
    };

/** Rejects when the SQLite file cannot be opened or the schema name is not accepted. */
export async function openStore(location: StoreLocation): Promise<Store> {
  if ('sqlitePath' in location) return new SqliteStore(location.sqlitePath);
  return new PostgresStore({
    databaseUrl: location.databaseUrl,
    ...(location.schema === undefined ? {} : { schema: location.schema }),
    ...(location.maxConnections === undefined ? {} : { maxConnections: location.maxConnections }),
  });
}
