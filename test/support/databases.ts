/**
 * Fresh, isolated stores for tests: a SQLite file in its own temporary folder, and a PostgreSQL
 * schema with a random name in database `test` (postgres://127.0.0.1:5432/test, trust auth; the
 * environment variable LIPTAKO_TEST_DATABASE_URL overrides). PostgreSQL tests fail, never skip, when
 * the server is down.
 *
 *   const db = await openSqliteTestStore();   // migrated
 *   after(() => db.dispose());                // closes the store and deletes the file or the schema
 *
 * Contract suites take a factory and run once per entry of `testStoreKinds`; tests of the `liptako`
 * command run once per entry of `commandStoreKinds`, which says how to point the command at each.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openStore, type StoreLocation } from '../../src/store/open-store.ts';
import { connectionUrl } from '../../src/store/postgres/connection-url.ts';
import type { Dialect, Store } from '../../src/store/store.ts';

export const testDatabaseUrl: string =
  process.env['LIPTAKO_TEST_DATABASE_URL'] ?? 'postgres://127.0.0.1:5432/test';

/** A store that belongs to one test (or suite) alone. */
export interface TestStore {
  readonly store: Store;
  /** The SQLite file, or the PostgreSQL schema. */
  readonly location: string;
  /** Closes the store and removes its file or schema; safe to call twice. */
  dispose(): Promise<void>;
}

export interface TestStoreOptions {
  /** Run the migrations before handing the store over; true by default. */
  readonly migrate?: boolean;
}

/** A store on a new SQLite file in a new temporary folder. */
export async function openSqliteTestStore(options: TestStoreOptions = {}): Promise<TestStore> {
  const dir = await mkdtemp(path.join(tmpdir(), 'liptako-test-'));
  const file = path.join(dir, 'liptako.sqlite');
  const store = await openStore({ sqlitePath: file });
  if (options.migrate ?? true) await store.migrate();
  let disposed = false;
  return {
    store,
    location: file,
    async dispose() {
      if (disposed) return;
      disposed = true;
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A store on a new schema (named test_<random>) of the test database, dropped by dispose(). */
export async function openPostgresTestStore(options: TestStoreOptions = {}): Promise<TestStore> {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const store = await openStore({ databaseUrl: testDatabaseUrl, schema });
  try {
    if (options.migrate ?? true) await store.migrate();
  } catch (error) {
    await store.close();
    await dropSchema(schema);
    throw error;
  }
  let disposed = false;
  return {
    store,
    location: schema,
    async dispose() {
      if (disposed) return;
      disposed = true;
      await store.close();
      await dropSchema(schema);
    },
  };
}

async function schemaExists(schema: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: connectionUrl(testDatabaseUrl) });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [
      schema,
    ]);
    return found.rowCount === 1;
  } finally {
    await client.end();
  }
}

/** Test administration, outside the store: the store never drops what it did not create itself. */
async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: connectionUrl(testDatabaseUrl) });
  await client.connect();
  try {
    // The name was made above from hex digits: nothing to quote.
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** Each store implementation, to run one contract suite against all of them. */
export const testStoreKinds: readonly {
  readonly dialect: Dialect;
  readonly open: (options?: TestStoreOptions) => Promise<TestStore>;
}[] = [
  { dialect: 'sqlite', open: openSqliteTestStore },
  { dialect: 'postgres', open: openPostgresTestStore },
];

/**
 * Where a test points the `liptako` command (a child process) for one store kind: `--db FILE`, a SQLite
 * file in the test's folder, or `--database-url URL` naming a new schema of the test database in
 * libpq's `options` (`-c search_path=test_…`), which the command creates on its first migration.
 */
export interface CommandDatabase {
  readonly dialect: Dialect;
  /** The SQLite file, or the PostgreSQL schema. */
  readonly location: string;
  /** The options that select the database, to append to the command's arguments. */
  readonly args: readonly string[];
  /** Whether the database was made: the SQLite file, or the PostgreSQL schema, exists. */
  exists(): Promise<boolean>;
  /** Opens a store on the same database (migrated: it may be the first to touch it), runs `work`, closes. */
  use<T>(work: (store: Store) => Promise<T>): Promise<T>;
  /** Drops the schema (PostgreSQL); the SQLite file goes with the test's folder. Safe to call twice. */
  dispose(): Promise<void>;
}

/** Each store kind for command tests, as `testStoreKinds` is for in-process tests. */
export const commandStoreKinds: readonly {
  readonly dialect: Dialect;
  /** A database for a command run in `dir`; `file` is the SQLite file's path inside `dir`. */
  readonly place: (dir: string, file?: string) => CommandDatabase;
}[] = [
  {
    dialect: 'sqlite',
    place(dir, file = 'liptako.sqlite') {
      const sqlitePath = path.join(dir, file);
      return {
        dialect: 'sqlite',
        location: sqlitePath,
        args: ['--db', sqlitePath],
        exists: async () => existsSync(sqlitePath),
        use: (work) => withStore({ sqlitePath }, work),
        dispose: async () => {},
      };
    },
  },
  {
    dialect: 'postgres',
    place() {
      const schema = `test_${randomBytes(6).toString('hex')}`;
      const url = new URL(testDatabaseUrl);
      url.searchParams.set('options', `-c search_path=${schema}`);
      let disposed = false;
      return {
        dialect: 'postgres',
        location: schema,
        args: ['--database-url', url.href],
        exists: () => schemaExists(schema),
        use: (work) => withStore({ databaseUrl: testDatabaseUrl, schema }, work),
        async dispose() {
          if (disposed) return;
          disposed = true;
          await dropSchema(schema);
        },
      };
    },
  },
];

async function withStore<T>(location: StoreLocation, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(location);
  try {
    await store.migrate();
    return await work(store);
  } finally {
    await store.close();
  }
}
