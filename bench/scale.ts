/**
 * The scale benchmark (issue 8): SQLite, PostgreSQL and DuckDB side by side on 1,000,000 and 2,600,000
 * synthetic ACLED-shaped incidents, in one run.
 *
 *   npm run bench -- --only scale [--rows 1000000,2600000] [--runs 40] [--exports geojson,csv] [--keep]
 *   npm run bench -- --only scale --rows 100000              (quick mode, a few minutes)
 *
 * For each size: writes the CSV once (bench/synthetic-acled.ts: the rows spread evenly over the five
 * years 2019–2023, so 2,600,000 is ≈ 10,000 a week and 1,000,000 the same shape at ≈ 3,800 a week);
 * imports it through the real import path (`importEvents`, what `liptako import` runs) into a fresh
 * SQLite file and a fresh schema of the PostgreSQL test database (then VACUUM ANALYZE, timed apart:
 * the test server runs without autovacuum), and DuckDB `read_csv` loads the same file as the
 * reference; times the HTTP routes in-process (`createApp` + `inject`, after a warm-up) on both
 * stores and the equivalent DuckDB aggregate (bench/duckdb-aggregate.ts), query by query in turn;
 * then streams an export of ≈ 1,000,000 rows from a server process on each store, sampling its RSS
 * (bench/export-memory.ts). Prints the machine, the command, Markdown tables with ratios and each
 * target met or missed; writes JSON and Markdown to bench/results/; drops the schema and deletes
 * the files unless --keep. Only public functions and routes are called, so the figures follow the code.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createApp } from '../src/api/create-app.ts';
import { createUser } from '../src/commands/create-user.ts';
import { importEvents } from '../src/commands/import-events.ts';
import { systemActor } from '../src/domain/audit/audit-entry.ts';
import { visibilityOf } from '../src/domain/classification.ts';
import { loadReference } from '../src/reference/load-reference.ts';
import { openStore, type StoreLocation } from '../src/store/open-store.ts';
import { connectionUrl } from '../src/store/postgres/connection-url.ts';
import type { Store } from '../src/store/store.ts';
import { testDatabaseUrl } from '../test/support/databases.ts';
import { duckdbAggregateSql, type AggregateWindow } from './duckdb-aggregate.ts';
import { measureExports, type ExportFigures } from './export-memory.ts';
import { writeSyntheticCsv } from './synthetic-acled.ts';

export const START_DAY = '2019-01-01';
export const DAYS = 5 * 365;
/** The issue's export: 1,000,000 rows (`--export-rows` changes it, e.g. to try the window in quick mode). */
export const EXPORT_ROWS = 1_000_000;
const MB = 2 ** 20;

const EXPORT_FORMATS: Record<string, string> = {
  geojson: 'GeoJSON',
  csv: 'CSV + HXL',
  acled: 'ACLED CSV',
};

const MALI: AggregateWindow['bbox'] = [-12.3, 10.1, 4.3, 25.0];
const MOPTI: AggregateWindow['bbox'] = [-5.0, 13.5, -3.0, 15.5];
const DJIBO: AggregateWindow['bbox'] = [-1.73, 14.0, -1.53, 14.2];
const YEAR = { from: '2023-01-01', to: '2023-12-31' };
const FIVE_YEARS = { from: '2019-01-01', to: '2023-12-31' };

/** The map's boxes at the zoom the map shows them, over the last year and all five. */
const AGGREGATES: readonly { readonly name: string; readonly window: AggregateWindow }[] = [
  { name: 'country (Mali), zoom 5, 1 year', window: { bbox: MALI, zoom: 5, ...YEAR } },
  { name: 'country (Mali), zoom 5, 5 years', window: { bbox: MALI, zoom: 5, ...FIVE_YEARS } },
  { name: 'region (Mopti), zoom 8, 1 year', window: { bbox: MOPTI, zoom: 8, ...YEAR } },
  { name: 'region (Mopti), zoom 8, 5 years', window: { bbox: MOPTI, zoom: 8, ...FIVE_YEARS } },
  { name: 'village (Djibo), zoom 12, 1 year', window: { bbox: DJIBO, zoom: 12, ...YEAR } },
  { name: 'village (Djibo), zoom 12, 5 years', window: { bbox: DJIBO, zoom: 12, ...FIVE_YEARS } },
];

const LISTS: readonly { readonly name: string; readonly url: string }[] = [
  { name: 'newest 100, no filter', url: '/api/incidents?limit=100' },
  {
    name: 'newest 100 in the Mali box, 1 year',
    url: `/api/incidents?limit=100&bbox=${MALI.join(',')}&from=${YEAR.from}&to=${YEAR.to}`,
  },
  { name: 'newest 100, Battles in BFA', url: '/api/incidents?limit=100&country=BFA&event_type=Battles' },
  { name: 'full text `q=Djibo`, 100', url: '/api/incidents?limit=100&q=Djibo' },
  {
    name: 'full text `q=Djibo` in 1 year, 100',
    url: `/api/incidents?limit=100&q=Djibo&from=${YEAR.from}&to=${YEAR.to}`,
  },
  { name: 'full text `q=benchmark` (every row), 100', url: '/api/incidents?limit=100&q=benchmark' },
];

interface Quantiles {
  readonly p50: number;
  readonly p95: number;
}

interface Engines {
  readonly sqlite: Quantiles;
  readonly postgres: Quantiles;
}

interface SizeResult {
  readonly rows: number;
  readonly generateSeconds: number;
  readonly csvMegabytes: number;
  readonly import: {
    readonly sqlite: { readonly rows: number; readonly rejected: number; readonly seconds: number };
    readonly postgres: {
      readonly rows: number;
      readonly rejected: number;
      readonly seconds: number;
      readonly vacuumAnalyzeSeconds: number;
    };
    readonly duckdb: { readonly rows: number; readonly seconds: number };
  };
  readonly aggregate: readonly (Engines & {
    readonly query: string;
    readonly duckdb: Quantiles;
    readonly total: number;
    readonly duckdbTotal: number;
    readonly clusters: number;
  })[];
  readonly list: readonly (Engines & { readonly query: string })[];
  readonly export: {
    readonly query: string;
    readonly expectedRows: number;
    readonly sqlite: readonly ExportFigures[];
    readonly postgres: readonly ExportFigures[];
  };
  readonly phaseSeconds: Record<string, number>;
}

function quantiles(ms: number[]): Quantiles {
  ms.sort((a, b) => a - b);
  const at = (p: number): number => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95) };
}

async function timed(runs: number, fn: () => Promise<unknown>): Promise<Quantiles> {
  for (let i = 0; i < 3; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return quantiles(ms);
}

const fmt = (n: number, digits = 1): string =>
  Number.isFinite(n)
    ? n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '—';
const int = (n: number): string => Math.round(n).toLocaleString('en');
const verdict = (ok: boolean): string => (ok ? 'met' : '**missed**');
const seconds = (t0: number): number => (performance.now() - t0) / 1000;
const minutes = (s: number): string => (s < 90 ? `${Math.round(s)} s` : `${(s / 60).toFixed(0)} min`);
const load = (): string =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** Rates in rows/s (and seconds for the fixed parts) to estimate a run's length before it is made. */
interface Rates {
  generate: number;
  sqliteImport: number;
  postgresImport: number;
  duckdbLoad: number;
  /** Per exported row, over every format and both stores. */
  exportSecondsPerRow: number;
  /** The timed queries, per size (grows slowly with the rows: taken as linear, an upper bound). */
  querySecondsPerRow: number;
}

/** Earlier measurements on the 2-core development VM (BENCHMARKS.md), until this run measures its own. */
const PRIOR: Rates = {
  generate: 150_000,
  sqliteImport: 20_000,
  postgresImport: 3_400,
  duckdbLoad: 800_000,
  exportSecondsPerRow: (2 * 2) / 80_000,
  querySecondsPerRow: 120 / 1_000_000,
};

function estimateSeconds(rows: number, rates: Rates, exportRows = EXPORT_ROWS): number {
  return (
    rows / rates.generate +
    rows / rates.sqliteImport +
    rows / rates.postgresImport +
    rows / rates.duckdbLoad +
    Math.min(rows, exportRows) * rates.exportSecondsPerRow +
    rows * rates.querySecondsPerRow
  );
}

async function versions(databaseUrl: string): Promise<{ sqlite: string; postgres: string; duckdb: string }> {
  // Version strings only; the benchmark itself goes through the Store and the routes.
  const memory = new Database(':memory:');
  const sqlite = (memory.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  memory.close();
  const client = new pg.Client({ connectionString: connectionUrl(databaseUrl) });
  await client.connect();
  const postgres = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]
    ?.server_version;
  await client.end();
  const duck = await DuckDBInstance.create(':memory:');
  const connection = await duck.connect();
  const duckdb = String((await connection.runAndReadAll('SELECT version()')).getRows()[0]?.[0]);
  connection.closeSync();
  duck.closeSync();
  return { sqlite, postgres: postgres ?? 'unknown', duckdb };
}

/** Administration outside the store, as the tests do: statistics, and dropping the bench's schema. */
async function adminQuery(databaseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: connectionUrl(databaseUrl) });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** VACUUM ANALYZE on every table of `schema`, as autovacuum would after a bulk import. */
async function vacuumAnalyze(databaseUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: connectionUrl(databaseUrl) });
  await client.connect();
  try {
    const tables = await client.query<{ tablename: string }>(
      'SELECT tablename FROM pg_tables WHERE schemaname = $1',
      [schema],
    );
    for (const { tablename } of tables.rows)
      await client.query(`VACUUM ANALYZE "${schema}"."${tablename.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * The `to` day whose export holds the nearest to `exportRows` rows of the synthetic file of `rows` rows
 * (its rows are in date order, spread evenly), with that count; no filter when it holds no more.
 */
export function exportWindow(
  rows: number,
  exportRows = EXPORT_ROWS,
): { query: string; to: string | null; rows: number } {
  if (rows <= exportRows) return { query: '', to: null, rows };
  // Row n is on day floor(n / rows × DAYS) (bench/synthetic-acled.ts): days 0..d hold the rows n with
  // n / rows × DAYS < d + 1, so ceil((d + 1) × rows / DAYS) of them.
  const held = (d: number): number => Math.ceil(((d + 1) * rows) / DAYS);
  let d = Math.floor((exportRows * DAYS) / rows);
  while (d > 0 && held(d) > exportRows && held(d) - exportRows > exportRows - held(d - 1)) d -= 1;
  const to = new Date(Date.parse(`${START_DAY}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
  return { query: `to=${to}`, to, rows: held(d) };
}

/** Each target of issue 8, per size: met, or how many of its measures missed it. */
function targetTable(results: readonly SizeResult[]): string[] {
  const tally = (checks: readonly boolean[]): string => {
    const missed = checks.filter((ok) => !ok).length;
    return missed === 0
      ? `met (${checks.length} of ${checks.length})`
      : `**missed** by ${missed} of ${checks.length}`;
  };
  const rows = results.map((r) => {
    const sqliteRate = r.import.sqlite.rows / r.import.sqlite.seconds;
    const pgRate = r.import.postgres.rows / r.import.postgres.seconds;
    const exports = [...r.export.sqlite, ...r.export.postgres];
    return [
      int(r.rows),
      `${int(sqliteRate)}: ${verdict(sqliteRate >= 250_000)}`,
      tally(r.aggregate.map((a) => a.sqlite.p95 <= 30)),
      tally(r.aggregate.map((a) => a.sqlite.p95 <= 3 * a.duckdb.p95)),
      tally([
        pgRate * 2 >= sqliteRate,
        ...r.aggregate.map((a) => a.postgres.p95 <= 2 * a.sqlite.p95),
        ...r.list.map((l) => l.postgres.p95 <= 2 * l.sqlite.p95),
      ]),
      `${fmt(Math.max(...exports.map((f) => f.growthMb)))} MB max: ${tally(exports.map((f) => f.growthMb < 100))}`,
    ];
  });
  return [
    '| incidents | SQLite import ≥ 250,000 rows/s | aggregate p95 ≤ 30 ms (SQLite) | aggregate ≤ 3× DuckDB (p95) | PostgreSQL within 2× of SQLite (import rate, every p95) | export memory growth < 100 MB |',
    '| ---: | --- | --- | --- | --- | --- |',
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
  ];
}

/** Runs the whole benchmark on the command line's arguments (without `--only scale`'s own check). */
export async function runScale(args: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      only: { type: 'string' },
      rows: { type: 'string', default: '1000000,2600000' },
      runs: { type: 'string', default: '40' },
      exports: { type: 'string', default: 'geojson,csv' },
      'export-rows': { type: 'string', default: String(EXPORT_ROWS) },
      'database-url': { type: 'string', default: testDatabaseUrl },
      keep: { type: 'boolean', default: false },
    },
  });
  const sizes = values.rows.split(',').map((s) => Number(s.trim().replace(/_/g, '')));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1000))
    throw new Error(`--rows takes comma-separated row counts of at least 1,000, not "${values.rows}"`);
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs takes a positive integer, not "${values.runs}"`);
  const formats = values.exports.split(',').map((f) => {
    const name = EXPORT_FORMATS[f.trim()];
    if (name === undefined)
      throw new Error(`--exports takes ${Object.keys(EXPORT_FORMATS).join(', ')}; not "${f}"`);
    return name;
  });
  const databaseUrl = values['database-url'];
  const exportRows = Number(values['export-rows']);
  if (!Number.isInteger(exportRows) || exportRows < 1)
    throw new Error(`--export-rows takes a positive integer, not "${values['export-rows']}"`);

  const lines: string[] = [];
  const say = (line: string): void => {
    lines.push(line);
    console.log(line);
  };
  const note = (line: string): void => console.log(`  … ${line}`);

  const command = `npm run bench -- --only scale --rows ${sizes.join(',')} --runs ${runs} --exports ${values.exports}${exportRows === EXPORT_ROWS ? '' : ` --export-rows ${exportRows}`}${values.keep ? ' --keep' : ''}`;
  const v = await versions(databaseUrl);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const machine = `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}; Node ${process.version}, SQLite ${v.sqlite} (better-sqlite3), PostgreSQL ${v.postgres}, DuckDB ${v.duckdb}`;
  const loadStart = load();
  const startedAt = new Date().toISOString();
  say(
    `# Scale benchmark: ${sizes.map((n) => n.toLocaleString('en')).join(' and ')} incidents on SQLite, PostgreSQL and DuckDB`,
  );
  say('');
  say(`- command: \`${command}\``);
  say(`- machine: ${machine}`);
  say(`- load average (1, 5, 15 min) at start: ${loadStart}; started ${startedAt}`);
  say(`- PostgreSQL: ${databaseUrl}, a fresh schema per size`);
  const estimate = sizes.reduce((sum, n) => sum + estimateSeconds(n, PRIOR, exportRows), 0);
  say(
    `- estimated total time at the 1,000,000-row rates of BENCHMARKS.md (2-core VM under load): ${minutes(estimate)}`,
  );

  const rates: Rates = { ...PRIOR };
  const results: SizeResult[] = [];
  const reference = loadReference();
  const analyst = visibilityOf({ role: 'analyst', party: null });
  const cleanups: (() => Promise<void>)[] = [];
  let cleaned = false;
  const cleanUp = async (): Promise<void> => {
    if (cleaned) return;
    cleaned = true;
    for (const c of cleanups.reverse())
      await c().catch((e: unknown) => console.error(`cleanup: ${String(e)}`));
  };
  const onSignal = (): void => {
    console.error('\ninterrupted: cleaning up');
    void cleanUp().then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);

  try {
    for (const [index, rows] of sizes.entries()) {
      const phase: Record<string, number> = {};
      const sizeStart = performance.now();
      say('');
      say(
        `## ${rows.toLocaleString('en')} incidents (${fmt((rows / DAYS) * 7, 0)} a week over five years, 2019–2023)`,
      );
      say('');
      const dir = mkdtempSync(path.join(os.tmpdir(), 'liptako-scale-'));
      const schema = `bench_${randomBytes(6).toString('hex')}`;
      const pgLocation: StoreLocation = { databaseUrl, schema };
      const sqlitePath = path.join(dir, 'bench.sqlite');
      let schemaCreated = false;
      const open = new Set<Store>();
      cleanups.push(async () => {
        for (const store of open) await store.close();
        open.clear();
        if (values.keep) {
          console.log(`kept ${dir} and PostgreSQL schema ${schema}`);
          return;
        }
        rmSync(dir, { recursive: true, force: true });
        // The name was made above from hex digits: nothing to quote.
        if (schemaCreated) await adminQuery(databaseUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      });

      // One CSV for all three engines.
      const csv = path.join(dir, 'synthetic.csv');
      let t0 = performance.now();
      await writeSyntheticCsv(csv, rows, START_DAY, DAYS);
      const generateSeconds = seconds(t0);
      const csvMegabytes = statSync(csv).size / MB;
      note(`CSV written: ${fmt(csvMegabytes, 0)} MB in ${fmt(generateSeconds)} s`);
      phase['generate'] = generateSeconds;

      const importInto = async (
        store: Store,
        label: string,
      ): Promise<{ rows: number; rejected: number; seconds: number }> => {
        await store.migrate();
        let lastPrint = performance.now();
        const start = performance.now();
        const summary = await importEvents(store, reference, csv, 'acled', {
          batchSize: 10_000,
          onProgress: (p) => {
            const now = performance.now();
            if (now - lastPrint < 15_000) return;
            lastPrint = now;
            const rate = p.rowsRead / ((now - start) / 1000);
            note(
              `${label} import: ${int(p.rowsRead)} / ${int(rows)} rows, ${int(rate)} rows/s, ≈ ${minutes((rows - p.rowsRead) / rate)} left`,
            );
          },
        });
        return { rows: summary.imported, rejected: summary.rejected, seconds: seconds(start) };
      };

      const sqliteStore = await openStore({ sqlitePath });
      open.add(sqliteStore);
      const sqliteImport = await importInto(sqliteStore, 'SQLite');
      note(`SQLite import: ${int(sqliteImport.rows / sqliteImport.seconds)} rows/s`);
      phase['sqlite import'] = sqliteImport.seconds;

      const pgStore = await openStore(pgLocation);
      open.add(pgStore);
      schemaCreated = true;
      const pgImported = await importInto(pgStore, 'PostgreSQL');
      t0 = performance.now();
      // The test server runs without autovacuum: statistics and the visibility map as a deployment's
      // autovacuum would leave them (bench/surge-probe.ts does the same).
      await vacuumAnalyze(databaseUrl, schema);
      const pgImport = { ...pgImported, vacuumAnalyzeSeconds: seconds(t0) };
      note(
        `PostgreSQL import: ${int(pgImport.rows / pgImport.seconds)} rows/s, VACUUM ANALYZE ${fmt(pgImport.vacuumAnalyzeSeconds)} s`,
      );
      phase['postgres import'] = pgImport.seconds + pgImport.vacuumAnalyzeSeconds;

      const duckInstance = await DuckDBInstance.create(':memory:');
      const duck = await duckInstance.connect();
      t0 = performance.now();
      await duck.run(
        `CREATE TABLE incidents AS SELECT * FROM read_csv('${csv.replace(/'/g, "''")}', header = true)`,
      );
      const duckSeconds = seconds(t0);
      const duckRows = Number((await duck.runAndReadAll('SELECT count(*) FROM incidents')).getRows()[0]?.[0]);
      phase['duckdb load'] = duckSeconds;

      say('| import (same CSV) | rows | s | rows/s | target |');
      say('| --- | ---: | ---: | ---: | --- |');
      const sqliteRate = sqliteImport.rows / sqliteImport.seconds;
      const pgRate = pgImport.rows / pgImport.seconds;
      say(
        `| SQLite, \`importEvents\` (liptako import) | ${int(sqliteImport.rows)} | ${fmt(sqliteImport.seconds)} | ${int(sqliteRate)} | ≥ 250,000 rows/s: ${verdict(sqliteRate >= 250_000)} |`,
      );
      say(
        `| PostgreSQL, \`importEvents\` (+ VACUUM ANALYZE ${fmt(pgImport.vacuumAnalyzeSeconds)} s, not counted) | ${int(pgImport.rows)} | ${fmt(pgImport.seconds)} | ${int(pgRate)} | within 2× of SQLite (${fmt(sqliteRate / pgRate)}× slower): ${verdict(pgRate * 2 >= sqliteRate)} |`,
      );
      say(
        `| DuckDB \`read_csv\` (reference) | ${int(duckRows)} | ${fmt(duckSeconds)} | ${int(duckRows / duckSeconds)} | reference: ${fmt(duckRows / duckSeconds / sqliteRate)}× SQLite's rate |`,
      );
      if (sqliteImport.rejected + pgImport.rejected > 0)
        say(`(rejected rows: SQLite ${sqliteImport.rejected}, PostgreSQL ${pgImport.rejected})`);

      // The routes on both stores, in-process, as an analyst (who sees every synthetic row).
      const apps: { app: Awaited<ReturnType<typeof createApp>>; token: string }[] = [];
      for (const store of [sqliteStore, pgStore]) {
        const created = await createUser(
          store,
          { name: 'bench', role: 'analyst', party: null },
          new Date(),
          systemActor('bench'),
        );
        if (!created.ok) throw new Error(created.problems.join('; '));
        apps.push({ app: await createApp({ store, reference }), token: created.token });
      }
      const [sqliteApp, pgApp] = apps;
      if (sqliteApp === undefined || pgApp === undefined) throw new Error('no app');
      const get = async (
        target: typeof sqliteApp,
        url: string,
      ): Promise<{ features?: unknown[]; properties?: { total: number } }> => {
        const res = await target.app.inject({
          method: 'GET',
          url,
          headers: { authorization: `Bearer ${target.token}` },
        });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
        // Only the aggregate's feature count and total are read from it.
        return res.json() as { features?: unknown[]; properties?: { total: number } };
      };

      t0 = performance.now();
      const aggregate: SizeResult['aggregate'][number][] = [];
      for (const q of AGGREGATES) {
        const w = q.window;
        const url = `/api/incidents/aggregate?bbox=${w.bbox.join(',')}&zoom=${w.zoom}&from=${w.from}&to=${w.to}`;
        const first = await get(sqliteApp, url);
        const pgFirst = await get(pgApp, url);
        const total = first.properties?.total ?? NaN;
        if (pgFirst.properties?.total !== total)
          throw new Error(
            `${q.name}: SQLite counts ${total} incidents, PostgreSQL ${String(pgFirst.properties?.total)}`,
          );
        const sql = duckdbAggregateSql(w);
        const duckGroups = (await duck.runAndReadAll(sql)).getRows();
        const duckdbTotal = duckGroups.reduce((sum, row) => sum + Number(row[3]), 0);
        if (duckdbTotal !== total)
          throw new Error(`${q.name}: the API counts ${total} incidents, DuckDB ${duckdbTotal}`);
        const sqlite = await timed(runs, () => get(sqliteApp, url));
        const postgres = await timed(runs, () => get(pgApp, url));
        const duckdb = await timed(runs, () => duck.runAndReadAll(sql));
        aggregate.push({
          query: q.name,
          sqlite,
          postgres,
          duckdb,
          total,
          duckdbTotal,
          clusters: first.features?.length ?? 0,
        });
        note(
          `${q.name}: SQLite p95 ${fmt(sqlite.p95)} ms, PostgreSQL ${fmt(postgres.p95)}, DuckDB ${fmt(duckdb.p95)}`,
        );
      }
      const list: SizeResult['list'][number][] = [];
      for (const l of LISTS) {
        const sqlite = await timed(runs, () => get(sqliteApp, l.url));
        const postgres = await timed(runs, () => get(pgApp, l.url));
        list.push({ query: l.name, sqlite, postgres });
      }
      phase['queries'] = seconds(t0);

      say('');
      say(
        `| \`/api/incidents/aggregate\` | incidents in window (DuckDB) | clusters | SQLite p50 / p95 ms | PostgreSQL p50 / p95 ms | DuckDB p50 / p95 ms | SQLite / DuckDB (p95) | PG / SQLite (p95) | SQLite p95 ≤ 30 ms | ≤ 3× DuckDB | PG ≤ 2× SQLite |`,
      );
      say('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |');
      for (const a of aggregate) {
        const vsDuck = a.sqlite.p95 / a.duckdb.p95;
        const pgVs = a.postgres.p95 / a.sqlite.p95;
        say(
          `| ${a.query} | ${int(a.total)} (${int(a.duckdbTotal)}) | ${a.clusters} | ${fmt(a.sqlite.p50)} / ${fmt(a.sqlite.p95)} | ${fmt(a.postgres.p50)} / ${fmt(a.postgres.p95)} | ${fmt(a.duckdb.p50)} / ${fmt(a.duckdb.p95)} | ${fmt(vsDuck, 2)}× | ${fmt(pgVs, 2)}× | ${verdict(a.sqlite.p95 <= 30)} | ${verdict(vsDuck <= 3)} | ${verdict(pgVs <= 2)} |`,
        );
      }
      say('');
      say(
        '| `/api/incidents` | SQLite p50 / p95 ms | PostgreSQL p50 / p95 ms | PG / SQLite (p95) | PG ≤ 2× SQLite |',
      );
      say('| --- | ---: | ---: | ---: | --- |');
      for (const l of list) {
        const pgVs = l.postgres.p95 / l.sqlite.p95;
        say(
          `| ${l.query} | ${fmt(l.sqlite.p50)} / ${fmt(l.sqlite.p95)} | ${fmt(l.postgres.p50)} / ${fmt(l.postgres.p95)} | ${fmt(pgVs, 2)}× | ${verdict(pgVs <= 2)} |`,
        );
      }

      // Exports from a server process per store; the in-process apps and DuckDB are closed first.
      const window = exportWindow(rows, exportRows);
      const expectedRows = await sqliteStore.countIncidents({
        visibility: analyst,
        ...(window.to === null ? {} : { to: window.to }),
      });
      for (const a of apps) await a.app.close();
      duck.closeSync();
      duckInstance.closeSync();
      for (const store of open) await store.close();
      open.clear();
      t0 = performance.now();
      note(`exports of ${int(expectedRows)} rows (${formats.join(', ')}) from SQLite…`);
      const sqliteExports = await measureExports(sqlitePath, sqliteApp.token, {
        query: window.query,
        formats,
      });
      note('… and from PostgreSQL');
      const pgExports = await measureExports(pgLocation, pgApp.token, { query: window.query, formats });
      phase['exports'] = seconds(t0);
      say('');
      say(
        `Exports${window.to === null ? ' of every row' : ` of the rows to ${window.to}`} (${int(expectedRows)} incidents), streamed over HTTP by a server process (\`--max-semi-space-size=16\`, as \`npm start\`) sampling its RSS:`,
      );
      say('');
      say(
        '| export | store | rows | MB | s | rows/s | RSS before / peak / after MB | growth MB | < 100 MB | peak V8 heap / Buffers MB |',
      );
      say('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |');
      for (const [storeName, figures] of [
        ['SQLite', sqliteExports],
        ['PostgreSQL', pgExports],
      ] as const) {
        for (const f of figures) {
          if (f.rows !== expectedRows)
            throw new Error(`${storeName} ${f.format}: ${f.rows} rows exported, ${expectedRows} expected`);
          say(
            `| ${f.format} | ${storeName} | ${int(f.rows)} | ${fmt(f.megabytes, 0)} | ${fmt(f.seconds)} | ${int(f.rowsPerSecond)} | ${fmt(f.rssBeforeMb, 0)} / ${fmt(f.rssPeakMb, 0)} / ${fmt(f.rssAfterMb, 0)} | ${fmt(f.growthMb)} | ${verdict(f.growthMb < 100)} | ${fmt(f.heapPeakMb, 0)} / ${fmt(f.externalPeakMb, 0)} |`,
          );
        }
      }

      results.push({
        rows,
        generateSeconds,
        csvMegabytes,
        import: {
          sqlite: sqliteImport,
          postgres: pgImport,
          duckdb: { rows: duckRows, seconds: duckSeconds },
        },
        aggregate,
        list,
        export: { query: window.query, expectedRows, sqlite: sqliteExports, postgres: pgExports },
        phaseSeconds: phase,
      });

      // This size's cleanup now, not at the end: 2.6M rows hold gigabytes.
      const cleanup = cleanups.pop();
      if (cleanup !== undefined) await cleanup();

      rates.generate = rows / generateSeconds;
      rates.sqliteImport = sqliteRate;
      rates.postgresImport = pgImport.rows / phase['postgres import'];
      rates.duckdbLoad = duckRows / duckSeconds;
      rates.exportSecondsPerRow = (phase['exports'] ?? 0) / Math.min(rows, exportRows);
      rates.querySecondsPerRow = (phase['queries'] ?? 0) / rows;
      say('');
      say(
        `This size took ${minutes(seconds(sizeStart))} (${Object.entries(phase)
          .map(([k, s]) => `${k} ${minutes(s)}`)
          .join(', ')}); load average now ${load()}.`,
      );
      const rest = sizes.slice(index + 1);
      if (rest.length > 0)
        say(
          `Estimate for the rest (${rest.map(int).join(', ')}) at this run's rates: ${minutes(rest.reduce((s, n) => s + estimateSeconds(n, rates, exportRows), 0))}.`,
        );
      // What the default run would take on this machine: the rates just measured, taken as linear in
      // the rows (a lower bound: the imports and the raw reads slow down as the tables grow).
      const linear = estimateSeconds(1_000_000, rates) + estimateSeconds(2_600_000, rates);
      const prior = estimateSeconds(1_000_000, PRIOR) + estimateSeconds(2_600_000, PRIOR);
      say(
        `The default run (1,000,000 and 2,600,000) would take ≈ ${minutes(linear)} at this run's rates taken as linear (a lower bound), ≈ ${minutes(prior)} at the 1,000,000-row rates of BENCHMARKS.md.`,
      );
    }
  } finally {
    process.removeListener('SIGINT', onSignal);
    await cleanUp();
  }

  say('');
  say('## Targets');
  say('');
  for (const line of targetTable(results)) say(line);
  say('');
  say(`- load average (1, 5, 15 min) at end: ${load()}; finished ${new Date().toISOString()}`);
  const out = path.resolve(import.meta.dirname, 'results');
  mkdirSync(out, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  writeFileSync(
    path.join(out, `scale-${stamp}.json`),
    JSON.stringify({ command, machine, loadStart, loadEnd: load(), startedAt, sizes: results }, null, 2),
  );
  writeFileSync(path.join(out, `scale-${stamp}.md`), lines.join('\n') + '\n');
  console.log(`\nwritten to bench/results/scale-${stamp}.{json,md}`);
}

if (import.meta.main) await runScale(process.argv.slice(2));
