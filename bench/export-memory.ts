/**
 * Streamed exports of every incident over HTTP, with the server's resident memory: a real server
 * (bench/export-server.ts, a child process on the SQLite file) streams each format to a client that
 * reads and discards it; the server samples its RSS every 10 ms. The aim: each export completes with
 * RSS growing by less than 100 MB, however many rows.
 *
 * Part of `npm run bench` (bench/run.ts calls measureExports on its file); on its own it generates and
 * imports the rows first: node bench/export-memory.ts [--rows 1000000] [--sqlite FILE]; on PostgreSQL:
 * node bench/export-memory.ts --database-url postgres://127.0.0.1/test --schema NAME [--rows 1000000]
 * (a schema that already holds incidents is measured as it is; the schema is kept for later runs).
 */
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createUser } from '../src/commands/create-user.ts';
import { importEvents } from '../src/commands/import-events.ts';
import { systemActor } from '../src/domain/audit/audit-entry.ts';
import { SYSTEM_VISIBILITY } from '../src/commands/charter-deps.ts';
import { loadReference } from '../src/reference/load-reference.ts';
import { openStore, type StoreLocation } from '../src/store/open-store.ts';
import { writeSyntheticCsv } from './synthetic-acled.ts';

export interface ExportFigures {
  readonly format: string;
  readonly rows: number;
  readonly megabytes: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  readonly rssBeforeMb: number;
  readonly rssPeakMb: number;
  readonly rssAfterMb: number;
  readonly growthMb: number;
  /** Peak V8 heap (heapTotal) and peak Buffers (external + array buffers) during the export. */
  readonly heapPeakMb: number;
  readonly externalPeakMb: number;
}

const FORMATS = [
  { format: 'GeoJSON', url: '/api/exports/incidents.geojson', headerLines: 1, trailerLines: 1 },
  { format: 'CSV + HXL', url: '/api/exports/incidents.csv', headerLines: 2, trailerLines: 0 },
  { format: 'ACLED CSV', url: '/api/exports/incidents.acled.csv', headerLines: 1, trailerLines: 0 },
  // Again, on a server whose SQLite page cache (64 MB, src/store/sqlite) and V8 heap have been filled.
  { format: 'GeoJSON, again', url: '/api/exports/incidents.geojson', headerLines: 1, trailerLines: 1 },
] as const;

type ServerMessage =
  | { kind: 'ready'; port: number }
  | { kind: 'measuring'; before: number }
  | {
      kind: 'report';
      before: number;
      peak: number;
      after: number;
      heapPeak: number;
      externalPeak: number;
    };

const MB = 2 ** 20;
/** What `npm start` runs the server with (package.json "start"); `--default-heap` drops them. */
const SERVER_NODE_FLAGS = process.argv.includes('--default-heap') ? [] : ['--max-semi-space-size=16'];

export interface ExportOptions {
  /** The export's filters as a query string without `?` (e.g. `to=2020-12-01`); all rows when absent. */
  readonly query?: string;
  /** Only these formats (names as in the table: `GeoJSON`, `CSV + HXL`, …), in this order; all when absent. */
  readonly formats?: readonly string[];
}

/**
 * Runs each export once against a server on `location` (a SQLite file's path, or any store
 * location: bench/scale.ts passes a PostgreSQL schema), as the user of `token`.
 */
export async function measureExports(
  location: string | StoreLocation,
  token: string,
  options: ExportOptions = {},
): Promise<ExportFigures[]> {
  const argument = typeof location === 'string' ? location : JSON.stringify(location);
  const formats =
    options.formats === undefined
      ? FORMATS
      : options.formats.map((name) => {
          const f = FORMATS.find((candidate) => candidate.format === name);
          if (f === undefined) throw new Error(`no export format "${name}"`);
          return f;
        });
  const suffix = options.query === undefined || options.query === '' ? '' : `?${options.query}`;
  const child = fork(path.join(import.meta.dirname, 'export-server.ts'), [argument], {
    // The server's V8 flags as `npm start` gives them (package.json): the young generation capped at
    // 16 MB semi-spaces, where Node 24's default let it grow to ~190 MB under an export's allocation rate.
    execArgv: ['--expose-gc', ...SERVER_NODE_FLAGS],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting: ((m: ServerMessage) => void)[] = [];
  child.on('message', (m: ServerMessage) => waiting.shift()?.(m));
  const next = (): Promise<ServerMessage> => new Promise((resolve) => waiting.push(resolve));
  try {
    const ready = await next();
    if (ready.kind !== 'ready') throw new Error('the export server did not start');
    const figures: ExportFigures[] = [];
    for (const f of formats) {
      child.send('measure');
      await next();
      const t0 = performance.now();
      const res = await fetch(`http://127.0.0.1:${ready.port}${f.url}${suffix}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (res.status !== 200 || res.body === null) throw new Error(`${f.url}: ${res.status}`);
      let bytes = 0;
      let lines = 0;
      for await (const chunk of res.body) {
        bytes += chunk.length;
        for (const byte of chunk) if (byte === 10) lines += 1;
      }
      const seconds = (performance.now() - t0) / 1000;
      child.send('report');
      const report = await next();
      if (report.kind !== 'report') throw new Error('no memory report');
      // Synthetic notes hold no line break: one line per row.
      const rows = lines - f.headerLines - f.trailerLines;
      figures.push({
        format: f.format,
        rows,
        megabytes: bytes / MB,
        seconds,
        rowsPerSecond: rows / seconds,
        rssBeforeMb: report.before / MB,
        rssPeakMb: report.peak / MB,
        rssAfterMb: report.after / MB,
        growthMb: (report.peak - report.before) / MB,
        heapPeakMb: report.heapPeak / MB,
        externalPeakMb: report.externalPeak / MB,
      });
    }
    return figures;
  } finally {
    child.send('stop');
    child.disconnect();
  }
}

/** The figures as a Markdown table. */
export function exportTable(figures: readonly ExportFigures[]): string[] {
  return [
    '| export | rows | MB | s | rows/s | RSS before / peak / after MB | growth MB (aim < 100) | peak V8 heap / Buffers MB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...figures.map(
      (f) =>
        `| ${f.format} | ${f.rows.toLocaleString('en')} | ${f.megabytes.toFixed(0)} | ${f.seconds.toFixed(1)} | ${Math.round(f.rowsPerSecond).toLocaleString('en')} | ${f.rssBeforeMb.toFixed(0)} / ${f.rssPeakMb.toFixed(0)} / ${f.rssAfterMb.toFixed(0)} | ${f.growthMb.toFixed(1)} ${f.growthMb < 100 ? 'met' : '**missed**'} | ${f.heapPeakMb.toFixed(0)} / ${f.externalPeakMb.toFixed(0)} |`,
    ),
  ];
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000000' },
      sqlite: { type: 'string' },
      'database-url': { type: 'string' },
      schema: { type: 'string' },
      'default-heap': { type: 'boolean', default: false },
    },
  });
  const rows = Number(values.rows);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'liptako-export-bench-'));
  const reuse = values.sqlite !== undefined && existsSync(values.sqlite);
  try {
    console.log(
      `machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
    );
    console.log(`command: node ${process.argv.slice(1).join(' ')}`);
    // --sqlite FILE keeps the imported rows in FILE, and a later run on the same FILE reuses them;
    // --database-url (and --schema) measure a PostgreSQL schema, reused when it already holds incidents.
    const sqlitePath = values.sqlite ?? path.join(dir, 'bench.sqlite');
    const location: StoreLocation =
      values['database-url'] === undefined
        ? { sqlitePath }
        : {
            databaseUrl: values['database-url'],
            ...(values.schema === undefined ? {} : { schema: values.schema }),
          };
    const store = await openStore(location);
    await store.migrate();
    const held =
      'sqlitePath' in location
        ? reuse
          ? 1
          : 0
        : await store.countIncidents({ visibility: SYSTEM_VISIBILITY });
    if (held === 0) {
      const csv = path.join(dir, 'synthetic.csv');
      await writeSyntheticCsv(csv, rows, '2019-01-01', 5 * 365);
      const t0 = performance.now();
      const imported = await importEvents(store, loadReference(), csv, 'acled', { batchSize: 10_000 });
      console.log(
        `imported ${imported.imported.toLocaleString('en')} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
    }
    const user = await createUser(
      store,
      { name: `bench-${Date.now()}`, role: 'analyst', party: null },
      new Date(),
      systemActor('bench'),
    );
    if (!user.ok) throw new Error(user.problems.join('; '));
    await store.close();
    for (const line of exportTable(await measureExports(location, user.token))) console.log(line);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
