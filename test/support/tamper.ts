/**
 * What an attacker with the database's credentials can do, for the audit log's tests: raw SQL on a test
 * store's own file or schema, past the store and its append-only triggers (dropped first).
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { connectionUrl } from '../../src/store/postgres/connection-url.ts';
import type { Dialect } from '../../src/store/store.ts';
import { testDatabaseUrl, type CommandDatabase, type TestStore } from './databases.ts';

const SQLITE_GUARDS = [
  'audit_log_no_update',
  'audit_log_no_delete',
  'audit_checkpoints_no_update',
  'audit_checkpoints_no_delete',
];
const POSTGRES_GUARDS = ['append_only', 'no_truncate'].flatMap((t) => [
  `audit_log_${t} ON audit_log`,
  `audit_checkpoints_${t} ON audit_checkpoints`,
]);

/** Runs statements (`?`-free SQL text) as an attacker would, on a store's database. */
export async function tamper(
  db: TestStore | CommandDatabase,
  dialect: Dialect,
  statements: readonly string[],
): Promise<void> {
  if (dialect === 'sqlite') {
    const database = new Database(db.location);
    try {
      for (const t of SQLITE_GUARDS) database.exec(`DROP TRIGGER IF EXISTS ${t}`);
      for (const s of statements) database.exec(s);
    } finally {
      database.close();
    }
    return;
  }
  const client = new pg.Client({
    connectionString: connectionUrl(testDatabaseUrl),
    options: `-c search_path=${db.location}`,
  });
  await client.connect();
  try {
    for (const t of POSTGRES_GUARDS) await client.query(`DROP TRIGGER IF EXISTS ${t}`);
    for (const s of statements) await client.query(s);
  } finally {
    await client.end();
  }
}

/** Rows of a query, read past the store. */
export async function rawRows(
  db: TestStore,
  dialect: Dialect,
  query: string,
): Promise<Record<string, unknown>[]> {
  if (dialect === 'sqlite') {
    const database = new Database(db.location, { readonly: true });
    try {
      return database.prepare(query).all() as Record<string, unknown>[]; // plain rows of the query
    } finally {
      database.close();
    }
  }
  const client = new pg.Client({
    connectionString: connectionUrl(testDatabaseUrl),
    options: `-c search_path=${db.location}`,
  });
  await client.connect();
  try {
    return (await client.query(query)).rows as Record<string, unknown>[]; // plain rows of the query
  } finally {
    await client.end();
  }
}
