/**
 * Guard: every test that opens a SQLite store also runs on PostgreSQL. A test file that touches SQLite
 * (openSqliteTestStore, SqliteStore, a `sqlitePath`, the command's `--db`, a `.sqlite` file, better-sqlite3,
 * plainSqlite) must loop over `testStoreKinds` or `commandStoreKinds` (test/support/databases.ts), and
 * must not open a SQLite store past the loop, unless it is listed below with its reason; a listed file
 * that has a PostgreSQL counterpart names it, and the counterpart must exist and open PostgreSQL.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';

/** A test file allowed to touch SQLite without the loop, and why. */
interface SqliteOnly {
  /** Relative to the repository, with forward slashes. */
  readonly file: string;
  readonly reason: string;
  /** The test of the same behaviour on PostgreSQL, where the behaviour exists there. */
  readonly counterpart?: string;
}

const SQLITE_ONLY: readonly SqliteOnly[] = [
  {
    file: 'test/store/sqlite-store.test.ts',
    counterpart: 'test/store/postgres-store.test.ts',
    reason:
      "the SQLite file itself: its folder, WAL mode, FTS5's integrity check, the foreign-keys pragma; the store contract runs in both files",
  },
  {
    file: 'test/crash/import-killed-sqlite.test.ts',
    counterpart: 'test/crash/import-killed-postgres.test.ts',
    reason:
      'one crash trial per dialect (import-trial.ts), in files of their own so that they run side by side',
  },
  {
    file: 'test/crash/report-burst-killed-sqlite.test.ts',
    counterpart: 'test/crash/report-burst-killed-postgres.test.ts',
    reason: 'one crash trial per dialect (report-burst-trial.ts), in files of their own',
  },
  {
    file: 'test/crash/migrate-killed-sqlite.test.ts',
    counterpart: 'test/crash/migrate-killed-postgres.test.ts',
    reason: 'one crash trial per dialect (migrate-trial.ts), in files of their own',
  },
  {
    file: 'test/config/config.test.ts',
    reason: 'parses --db and LIPTAKO_DB into a file path and opens no store',
  },
];

const TOUCHES_SQLITE = [
  /\bopenSqliteTestStore\b/,
  /\bSqliteStore\b/,
  /\bsqlitePath\b/,
  /['"`]--db['"`]/,
  /\.sqlite['"`]/,
  /['"`]better-sqlite3['"`]/,
  /\bplainSqlite\b/,
];
/** Opens a SQLite store by itself, whatever else the file does. */
const OPENS_SQLITE = [/\bopenSqliteTestStore\s*\(/, /\bnew\s+SqliteStore\s*\(/];
const LOOPS_OVER_KINDS = /\b(testStoreKinds|commandStoreKinds)\b/;
const OPENS_POSTGRES =
  /\bopenPostgresTestStore\b|\bplainPostgres\b|['"`]--database-url['"`]|\bPostgresStore\b/;

/** The code of a file without its block comments and comment lines, which may name anything. */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('//'))
    .join('\n');
}

async function testFiles(root: string, dir = 'test'): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(path.join(root, dir), { withFileTypes: true })) {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) files.push(...(await testFiles(root, relative)));
    else if (entry.name.endsWith('.test.ts')) files.push(relative);
  }
  return files.sort();
}

/** Every breach of the rule in the test files under `root`/test, one message each. */
async function parityProblems(root: string, allowed: readonly SqliteOnly[]): Promise<string[]> {
  const problems: string[] = [];
  const files = await testFiles(root);
  const read = async (file: string) => code(await readFile(path.join(root, file), 'utf8'));
  const listed = new Map(allowed.map((entry) => [entry.file, entry]));
  for (const file of files) {
    // This file's own examples name every marker.
    if (file === 'test/store-parity.test.ts') continue;
    const text = await read(file);
    if (!TOUCHES_SQLITE.some((marker) => marker.test(text))) continue;
    if (listed.has(file)) continue;
    if (!LOOPS_OVER_KINDS.test(text))
      problems.push(
        `${file} opens SQLite without running on PostgreSQL: loop over testStoreKinds or commandStoreKinds`,
      );
    else if (OPENS_SQLITE.some((marker) => marker.test(text)))
      problems.push(`${file} opens a SQLite store outside its loop over the store kinds`);
  }
  for (const entry of allowed) {
    if (!files.includes(entry.file)) {
      problems.push(`${entry.file} is listed as SQLite-only but does not exist`);
      continue;
    }
    const listedText = await read(entry.file);
    if (!TOUCHES_SQLITE.some((marker) => marker.test(listedText)))
      problems.push(`${entry.file} is listed as SQLite-only but no longer touches SQLite: unlist it`);
    if (entry.counterpart === undefined) continue;
    if (!files.includes(entry.counterpart))
      problems.push(`${entry.file}: its PostgreSQL counterpart ${entry.counterpart} does not exist`);
    else if (!OPENS_POSTGRES.test(await read(entry.counterpart)))
      problems.push(`${entry.file}: its counterpart ${entry.counterpart} does not open PostgreSQL`);
  }
  return problems;
}

const ROOT = path.resolve(import.meta.dirname, '..');

describe('PostgreSQL parity of the test suite', () => {
  it('finds every test that opens SQLite also running on PostgreSQL, or listed with its reason', async () => {
    assert.deepEqual(await parityProblems(ROOT, SQLITE_ONLY), []);
  });

  it('names a test that runs on SQLite only, one that opens SQLite past its loop, and a stale listing', async (t) => {
    const root = await mkdtemp(path.join(tmpdir(), 'liptako-parity-'));
    t.after(() => rm(root, { recursive: true, force: true }));
    await mkdir(path.join(root, 'test', 'api'), { recursive: true });
    const write = (file: string, text: string) => writeFile(path.join(root, file), text);
    await write(
      'test/api/sqlite-only.test.ts',
      "import { openSqliteTestStore } from '../support/databases.ts';\nconst db = await openSqliteTestStore();\n",
    );
    await write(
      'test/api/cli-sqlite-only.test.ts',
      "// runs on PostgreSQL too: testStoreKinds (a comment proves nothing)\nawait liptako(['import', '--db', file]);\n",
    );
    await write(
      'test/api/both-and-more.test.ts',
      'for (const kind of testStoreKinds) await kind.open();\nawait openSqliteTestStore();\n',
    );
    await write(
      'test/api/both.test.ts',
      "for (const kind of commandStoreKinds) await liptako(['import', ...kind.place(dir).args]);\nconst db = path.join(dir, 'x.sqlite');\n",
    );
    await write('test/api/no-store.test.ts', "// '--db' in a comment\nassert.equal(1 + 1, 2);\n");
    await write('test/api/listed.test.ts', 'const db = await openSqliteTestStore();\n');
    await write('test/api/listed-pg.test.ts', 'const db = await openSqliteTestStore();\n');
    await write('test/api/no-pg.test.ts', 'assert.ok(true);\n');

    const problems = await parityProblems(root, [
      { file: 'test/api/listed.test.ts', reason: 'a reason' },
      { file: 'test/api/listed-pg.test.ts', reason: 'a reason', counterpart: 'test/api/no-pg.test.ts' },
      { file: 'test/api/no-store.test.ts', reason: 'stale' },
      { file: 'test/api/gone.test.ts', reason: 'gone' },
    ]);
    assert.deepEqual(problems, [
      'test/api/both-and-more.test.ts opens a SQLite store outside its loop over the store kinds',
      'test/api/cli-sqlite-only.test.ts opens SQLite without running on PostgreSQL: loop over testStoreKinds or commandStoreKinds',
      'test/api/sqlite-only.test.ts opens SQLite without running on PostgreSQL: loop over testStoreKinds or commandStoreKinds',
      'test/api/listed-pg.test.ts: its counterpart test/api/no-pg.test.ts does not open PostgreSQL',
      'test/api/no-store.test.ts is listed as SQLite-only but no longer touches SQLite: unlist it',
      'test/api/gone.test.ts is listed as SQLite-only but does not exist',
    ]);
  });
});
