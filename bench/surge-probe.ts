/**
 * Early warning's probe: times surge detection (`detectSurges`, the command `serve` runs on every
 * Charter tick) and its one read (daily counts per admin-1 unit over 395 days) on a large store.
 * Either opens an existing store (migrating it, which builds the incidents_surge index: timed), or
 * generates and imports `--rows` synthetic ACLED-shaped rows first (bench/synthetic-acled.ts, five
 * years 2019–2023). Prints the machine and the command.
 *
 *   node_modules/.bin/node bench/surge-probe.ts --rows 2600000 [--runs 20] [--keep]
 *   node_modules/.bin/node bench/surge-probe.ts --rows 1000000 --postgres [--keep]   (a fresh schema of the test database)
 *   node_modules/.bin/node bench/surge-probe.ts --db /tmp/liptako-bench-XXXX/bench.sqlite
 *   node_modules/.bin/node bench/surge-probe.ts --database-url postgres://127.0.0.1:5432/test --schema test_xxxx
 *
 * The first detection on a day opens the surges of that day (a write); the timed runs then move
 * forward one day at a time, as the schedule does, each reading a full 395-day span.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { detectSurges } from '../src/commands/detect-surges.ts';
import { importEvents } from '../src/commands/import-events.ts';
import { addDays } from '../src/domain/iso-week.ts';
import { spanStart } from '../src/domain/early-warning/surge-measure.ts';
import { DEFAULT_SURGE_RULE } from '../src/domain/early-warning/surge-rule.ts';
import { loadReference } from '../src/reference/load-reference.ts';
import { openStore } from '../src/store/open-store.ts';
import type { Store } from '../src/store/store.ts';
import pg from 'pg';
import { connectionUrl } from '../src/store/postgres/connection-url.ts';
import { openPostgresTestStore, testDatabaseUrl } from '../test/support/databases.ts';
import { writeSyntheticCsv } from './synthetic-acled.ts';

export interface SurgeFigures {
  readonly firstRunMs: number;
  readonly opened: number;
  readonly units: number;
  readonly detect: { readonly p50: number; readonly p95: number };
  readonly dailyCounts: { readonly p50: number; readonly p95: number; readonly rows: number };
  /** What a scheduled tick costs when nothing was written since the last run: the log's size. */
  readonly idleTick: { readonly p50: number; readonly p95: number };
}

function quantiles(ms: number[]): { p50: number; p95: number } {
  ms.sort((a, b) => a - b);
  const at = (p: number): number => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95) };
}

/** Detection on `on`, then `runs` more days forward; the daily-count read alone `runs` times. */
export async function timeSurges(store: Store, on: string, runs: number): Promise<SurgeFigures> {
  let t0 = performance.now();
  const first = await detectSurges(store, { on, now: new Date(`${on}T12:00:00Z`) });
  const firstRunMs = performance.now() - t0;
  if (!first.ok) throw new Error(first.error.message);
  const detect: number[] = [];
  for (let i = 1; i <= runs; i++) {
    const day = addDays(on, i);
    t0 = performance.now();
    const r = await detectSurges(store, { on: day, now: new Date(`${day}T12:00:00Z`) });
    detect.push(performance.now() - t0);
    if (!r.ok) throw new Error(r.error.message);
  }
  const counts: number[] = [];
  let rows = 0;
  const range = { from: spanStart(on, DEFAULT_SURGE_RULE), to: on };
  for (let i = 0; i < runs; i++) {
    t0 = performance.now();
    rows = (await store.surgeDailyCounts(range)).length;
    counts.push(performance.now() - t0);
  }
  const idle: number[] = [];
  for (let i = 0; i < runs; i++) {
    t0 = performance.now();
    await store.auditHeadSize();
    idle.push(performance.now() - t0);
  }
  return {
    idleTick: quantiles(idle),
    firstRunMs,
    opened: first.value.opened.length,
    units: first.value.units,
    detect: quantiles(detect),
    dailyCounts: { ...quantiles(counts), rows },
  };
}

export function surgeLines(f: SurgeFigures, rows: string): string[] {
  return [
    `| surge detection (${rows} incidents) | p50 ms | p95 ms |`,
    '| --- | ---: | ---: |',
    `| first run of a day (${f.units} units, ${f.opened} surges opened) | ${f.firstRunMs.toFixed(1)} | |`,
    `| one run a day forward (read, measure, write what changed) | ${f.detect.p50.toFixed(1)} | ${f.detect.p95.toFixed(1)} |`,
    `| daily counts per admin-1, 395 days (${f.dailyCounts.rows} rows) | ${f.dailyCounts.p50.toFixed(1)} | ${f.dailyCounts.p95.toFixed(1)} |`,
    `| scheduled tick with nothing written since the last run (skipped) | ${f.idleTick.p50.toFixed(2)} | ${f.idleTick.p95.toFixed(2)} |`,
  ];
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      'database-url': { type: 'string' },
      schema: { type: 'string' },
      rows: { type: 'string' },
      runs: { type: 'string', default: '20' },
      on: { type: 'string', default: '2023-06-30' },
      keep: { type: 'boolean' },
      postgres: { type: 'boolean' },
    },
  });
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
  console.log(`command: node bench/surge-probe.ts ${process.argv.slice(2).join(' ')}`);
  const url = values['database-url'];
  let dir: string | null = null;
  let dispose: (() => Promise<void>) | null = null;
  let schema: string | null = null;
  let store: Store;
  if (values.rows !== undefined && values.postgres === true) {
    const db = await openPostgresTestStore();
    store = db.store;
    schema = db.location;
    dispose = () => db.dispose();
  } else {
    let sqlitePath = values.db;
    if (values.rows !== undefined) {
      dir = mkdtempSync(path.join(os.tmpdir(), 'liptako-surge-bench-'));
      sqlitePath = path.join(dir, 'bench.sqlite');
    } else if (sqlitePath === undefined && url === undefined)
      throw new Error(
        '--rows N [--postgres], --db PATH (SQLite) or --database-url URL [--schema S] (PostgreSQL)',
      );
    store = await openStore(
      url === undefined
        ? { sqlitePath: sqlitePath ?? '' }
        : { databaseUrl: url, ...(values.schema === undefined ? {} : { schema: values.schema }) },
    );
  }
  try {
    let t0 = performance.now();
    await store.migrate();
    console.log(
      `migrate (builds incidents_surge on a stored database): ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    if (values.rows !== undefined) {
      const rows = Number(values.rows);
      const csvDir = dir ?? mkdtempSync(path.join(os.tmpdir(), 'liptako-surge-bench-'));
      const csv = path.join(csvDir, 'synthetic.csv');
      await writeSyntheticCsv(csv, rows, '2019-01-01', 5 * 365);
      t0 = performance.now();
      const imported = await importEvents(store, loadReference(), csv, 'acled', { batchSize: 10_000 });
      console.log(
        `imported ${imported.imported.toLocaleString('en')} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      if (dir === null) rmSync(csvDir, { recursive: true, force: true });
      if (schema !== null) {
        // The test server runs without autovacuum: statistics and the visibility map (index-only
        // scans) as a deployment's autovacuum would leave them.
        const client = new pg.Client({ connectionString: connectionUrl(testDatabaseUrl) });
        await client.connect();
        await client.query(`VACUUM ANALYZE "${schema}".incidents`);
        await client.end();
        console.log(`VACUUM ANALYZE on schema ${schema}`);
      }
    }
    const total = await store.countIncidents({
      visibility: { classifications: ['PUBLIC', 'AES_RESTRICTED', 'NATIONAL'], nationalOf: null },
    });
    const figures = await timeSurges(store, values.on, Number(values.runs));
    for (const line of surgeLines(figures, total.toLocaleString('en'))) console.log(line);
  } finally {
    if (dispose !== null && values.keep !== true) await dispose();
    else await store.close();
    if (values.keep === true) console.log(`kept ${dir ?? schema ?? ''}`);
    else if (dir !== null) rmSync(dir, { recursive: true, force: true });
  }
}
