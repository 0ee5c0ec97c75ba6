/**
 * `npm run bench`: imports N synthetic ACLED-shaped rows (default 1,000,000) into a fresh SQLite file,
 * then times /api/incidents/aggregate and /api/incidents in-process; DuckDB loads and queries the same
 * rows in the same run as the reference, then streams every row through each export over HTTP with the
 * server's RSS sampled (bench/export-memory.ts), then times surge detection (bench/surge-probe.ts). Prints the
 * machine, the command and the figures, and writes them to bench/results/.
 * Usage: npm run bench [-- --rows N] [-- --keep]
 * Then the alerts' SSE fan-out and report → alert (bench/sse-fanout.ts), with [-- --connections N]; only
 * the alerts benchmark: npm run bench -- --only sse-fanout (under `ulimit -n 20000` for 10,000 subscribers).
 * `npm run bench -- --only scale [options]` runs the scale benchmark instead: SQLite, PostgreSQL and DuckDB
 * on 1,000,000 and 2,600,000 rows (bench/scale.ts; `--rows 100000` for a quick run).
 * `npm run bench -- --assistance [options]` runs the assistance ledger probe instead (bench/assistance-probe.ts).
 */
import { mkdtempSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { createApp } from '../src/api/create-app.ts';
import { createUser } from '../src/commands/create-user.ts';
import { importEvents } from '../src/commands/import-events.ts';
import { systemActor } from '../src/domain/audit/audit-entry.ts';
import { loadReference } from '../src/reference/load-reference.ts';
import { openStore } from '../src/store/open-store.ts';
import { duckdbAggregateSql } from './duckdb-aggregate.ts';
import { exportTable, measureExports } from './export-memory.ts';
import { surgeLines, timeSurges } from './surge-probe.ts';
import { runSseFanout } from './sse-fanout.ts';
import { writeSyntheticCsv } from './synthetic-acled.ts';

// `--only scale`: SQLite, PostgreSQL and DuckDB on 1,000,000 and 2,600,000 rows (bench/scale.ts), its own options.
if (
  process.argv.some((a, i) => a === '--only=scale' || (a === '--only' && process.argv[i + 1] === 'scale'))
) {
  const { runScale } = await import('./scale.ts');
  await runScale(process.argv.slice(2));
  process.exit(0);
}

if (process.argv.includes('--assistance')) {
  await import('./assistance-probe.ts');
  process.exit(0);
}

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    keep: { type: 'boolean' },
    runs: { type: 'string', default: '60' },
    only: { type: 'string' },
    connections: { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '20' },
    reports: { type: 'string', default: '50' },
  },
});

const sseOptions = {
  connections: Number(values.connections),
  rounds: Number(values.rounds),
  reports: Number(values.reports),
};
if (values.only !== undefined) {
  if (values.only !== 'sse-fanout') throw new Error(`--only takes scale or sse-fanout, not "${values.only}"`);
  const result = await runSseFanout(sseOptions);
  const out = path.resolve(import.meta.dirname, 'results');
  mkdirSync(out, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  writeFileSync(path.join(out, `sse-fanout-${stamp}.json`), JSON.stringify(result, null, 2));
  console.log(`${result.machine}\n${result.command}\nwritten to bench/results/sse-fanout-${stamp}.json`);
  process.exit(0);
}
const ROWS = Number(values.rows);
const RUNS = Number(values.runs);
const START_DAY = '2019-01-01';
const DAYS = 5 * 365;

const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
const dir = mkdtempSync(path.join(os.tmpdir(), 'liptako-bench-'));
const csv = path.join(dir, 'synthetic.csv');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function time(runs: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 3; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

const QUERIES = [
  {
    name: 'country box (Mali), zoom 5, 1 year',
    bbox: [-12.3, 10.1, 4.3, 25.0],
    zoom: 5,
    from: '2023-01-01',
    to: '2023-12-31',
  },
  {
    name: 'country box (Mali), zoom 5, 5 years',
    bbox: [-12.3, 10.1, 4.3, 25.0],
    zoom: 5,
    from: '2019-01-01',
    to: '2023-12-31',
  },
  {
    name: 'region box (Mopti), zoom 8, 1 year',
    bbox: [-5.0, 13.5, -3.0, 15.5],
    zoom: 8,
    from: '2023-01-01',
    to: '2023-12-31',
  },
  {
    name: 'village box (Djibo), zoom 12, 5 years',
    bbox: [-1.73, 14.0, -1.53, 14.2],
    zoom: 12,
    from: '2019-01-01',
    to: '2023-12-31',
  },
] as const;

const results: Record<string, unknown> = {
  machine,
  rows: ROWS,
  command: `npm run bench -- --rows ${ROWS}`,
  at: new Date().toISOString(),
};
const lines: string[] = [];
const say = (line: string): void => {
  lines.push(line);
  console.log(line);
};

try {
  say(`Liptako benchmark — ${ROWS.toLocaleString('en')} synthetic ACLED-shaped rows`);
  say(`machine: ${machine}`);
  let t0 = performance.now();
  await writeSyntheticCsv(csv, ROWS, START_DAY, DAYS);
  say(`generated CSV in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // SQLite through the real import command.
  const store = await openStore({ sqlitePath: path.join(dir, 'bench.sqlite') });
  await store.migrate();
  const reference = loadReference();
  t0 = performance.now();
  const imported = await importEvents(store, reference, csv, 'acled', { batchSize: 10_000 });
  const importSeconds = (performance.now() - t0) / 1000;
  const rate = imported.imported / importSeconds;
  say(
    `SQLite import: ${imported.imported.toLocaleString('en')} rows in ${importSeconds.toFixed(1)} s = ${Math.round(rate).toLocaleString('en')} rows/s (rejected ${imported.rejected})`,
  );
  results['sqlite_import_rows_per_s'] = Math.round(rate);

  // DuckDB loads the same file.
  const duck = await (await DuckDBInstance.create(':memory:')).connect();
  t0 = performance.now();
  await duck.run(
    `CREATE TABLE incidents AS SELECT * FROM read_csv('${csv.replace(/'/g, "''")}', header = true)`,
  );
  const duckLoad = (performance.now() - t0) / 1000;
  say(`DuckDB load: ${Math.round(ROWS / duckLoad).toLocaleString('en')} rows/s (${duckLoad.toFixed(1)} s)`);
  results['duckdb_load_rows_per_s'] = Math.round(ROWS / duckLoad);

  const created = await createUser(
    store,
    { name: 'bench', role: 'analyst', party: null },
    new Date(),
    systemActor('bench'),
  );
  if (!created.ok) throw new Error(created.problems.join('; '));
  const app = await createApp({ store, reference });
  const headers = { authorization: `Bearer ${created.token}` };

  say('');
  say('| query | SQLite API p50 ms | SQLite API p95 ms | DuckDB p50 ms | DuckDB p95 ms | clusters |');
  say('| --- | ---: | ---: | ---: | ---: | ---: |');
  const rows: unknown[] = [];
  for (const q of QUERIES) {
    const url = `/api/incidents/aggregate?bbox=${q.bbox.join(',')}&zoom=${q.zoom}&from=${q.from}&to=${q.to}`;
    let clusters = 0;
    const api = await time(RUNS, async () => {
      const res = await app.inject({ method: 'GET', url, headers });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      clusters = (res.json() as { features: unknown[] }).features.length;
    });
    const sql = duckdbAggregateSql(q);
    const duckTimes = await time(RUNS, async () => duck.runAndReadAll(sql));
    say(
      `| ${q.name} | ${api.p50.toFixed(1)} | ${api.p95.toFixed(1)} | ${duckTimes.p50.toFixed(1)} | ${duckTimes.p95.toFixed(1)} | ${clusters} |`,
    );
    rows.push({ query: q.name, sqlite_api: api, duckdb: duckTimes, clusters });
  }
  results['aggregate'] = rows;

  const lists = [
    { name: 'newest 100, no filter', url: '/api/incidents?limit=100' },
    {
      name: 'newest 100 in Mali box, 1 year',
      url: '/api/incidents?limit=100&bbox=-12.3,10.1,4.3,25&from=2023-01-01&to=2023-12-31',
    },
    { name: 'newest 100, Battles in BFA', url: '/api/incidents?limit=100&country=BFA&event_type=Battles' },
    { name: 'full text "Djibo", 100', url: '/api/incidents?limit=100&q=Djibo' },
  ];
  say('');
  say('| list query | p50 ms | p95 ms |');
  say('| --- | ---: | ---: |');
  const listRows: unknown[] = [];
  for (const l of lists) {
    const t = await time(RUNS, async () => {
      const res = await app.inject({ method: 'GET', url: l.url, headers });
      if (res.statusCode !== 200) throw new Error(`${l.url}: ${res.statusCode} ${res.body}`);
    });
    say(`| ${l.name} | ${t.p50.toFixed(1)} | ${t.p95.toFixed(1)} |`);
    listRows.push({ query: l.name, ...t });
  }
  results['list'] = listRows;

  // Early warning: surge detection over the 395 days it reads (bench/surge-probe.ts).
  say('');
  const surges = await timeSurges(store, '2023-06-30', Math.min(RUNS, 20));
  for (const line of surgeLines(surges, ROWS.toLocaleString('en'))) say(line);
  results['surges'] = surges;
  await app.close();
  await store.close();

  // Streamed exports of every row over HTTP, from a server in a child process that samples its RSS.
  say('');
  const exports = await measureExports(path.join(dir, 'bench.sqlite'), created.token);
  for (const line of exportTable(exports)) say(line);
  results['exports'] = exports;
  say('');
  const sse = await runSseFanout(sseOptions, say);
  results['sse_fanout'] = sse;

  const out = path.resolve(import.meta.dirname, 'results');
  mkdirSync(out, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  writeFileSync(path.join(out, `bench-${stamp}.json`), JSON.stringify(results, null, 2));
  writeFileSync(path.join(out, `bench-${stamp}.md`), lines.join('\n') + '\n');
  console.log(`\nwritten to bench/results/bench-${stamp}.{json,md}`);
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}
