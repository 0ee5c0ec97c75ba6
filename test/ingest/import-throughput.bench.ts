/**
 * Throughput of CSV import without a database: parse only (and csv-parse for comparison), parse + map
 * (with the content hash), and importRows (adding the duplicate check and batching) with a writer that
 * stores nothing. The data is a synthetic ACLED-shaped CSV (31 columns, invented values, one note in
 * ten quoted over two lines) generated in a temporary directory and deleted after.
 *
 *   node_modules/.bin/node test/ingest/import-throughput.bench.ts [rows=200000]
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { parse } from 'csv-parse';
import { mapAcledRow } from '../../src/ingest/acled-row.ts';
import { readCsvChunks } from '../../src/ingest/csv/read-csv.ts';
import { importRows } from '../../src/ingest/import-file.ts';
import { testContext } from './test-context.ts';

const ROWS = Number(process.argv[2] ?? 200_000);

const HEADER =
  'event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,' +
  'inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,' +
  'location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp';

const PLACES = [
  ['Mali', '466', 'Mopti', 'Djenne', 'Djenne', 'Djenne', '13.9061', '-4.5536'],
  ['Mali', '466', 'Menaka', 'Menaka', 'Menaka', 'Menaka', '15.9182', '2.4022'],
  ['Burkina Faso', '854', 'Sahel', 'Soum', 'Djibo', 'Djibo', '14.1023', '-1.6306'],
  ['Niger', '562', 'Tillaberi', 'Tera', 'Tera', 'Tera', '14.0078', '0.7531'],
] as const;
const EVENTS = [
  [
    'Political violence',
    'Battles',
    'Armed clash',
    'Military Forces of Mali (2021-)',
    'State forces',
    'JNIM: Jamaah Nusrat al-Islam wal Muslimin',
    'Rebel group',
    '',
  ],
  [
    'Political violence',
    'Violence against civilians',
    'Attack',
    'Islamic State (Sahel)',
    'Rebel group',
    'Civilians (Niger)',
    'Civilians',
    'Civilian targeting',
  ],
  [
    'Political violence',
    'Explosions/Remote violence',
    'Remote explosive/landmine/IED',
    'JNIM: Jamaah Nusrat al-Islam wal Muslimin',
    'Rebel group',
    'Military Forces of Burkina Faso (2022-)',
    'State forces',
    '',
  ],
  ['Demonstrations', 'Protests', 'Peaceful protest', 'Protesters (Mali)', 'Protesters', '', '', ''],
] as const;

function row(i: number): string {
  const p = PLACES[i % PLACES.length] ?? PLACES[0];
  const e = EVENTS[(i >> 2) % EVENTS.length] ?? EVENTS[0];
  const day = String(1 + (i % 28)).padStart(2, '0');
  const month = String(1 + ((i >> 5) % 12)).padStart(2, '0');
  const year = 2015 + (i % 10);
  const notes =
    i % 10 === 0
      ? `"On ${year}-${month}-${day}, armed men attacked a market near ${p[5]}, burning shops; the ""local"" authorities said\nsome ${i % 7} people were killed."`
      : `"On ${year}-${month}-${day}, suspected militants clashed with forces near ${p[5]} (${p[3]}). Several were reported killed and others wounded. Property was looted."`;
  return [
    `XX${i}`,
    `${year}-${month}-${day}`,
    year,
    1,
    e[0],
    e[1],
    e[2],
    e[3],
    '',
    e[4],
    e[5],
    '',
    e[6],
    '',
    e[7],
    p[1],
    'Western Africa',
    p[0],
    p[2],
    p[3],
    '',
    p[5],
    p[6],
    p[7],
    1,
    'Radio Sahel; Whatsapp',
    'Local partner-National',
    notes,
    i % 9,
    '',
    1718000000,
  ].join(',');
}

async function generate(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${HEADER}\n`);
  for (let i = 0; i < ROWS; i++) {
    if (!out.write(`${row(i)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

interface Timing {
  wall: number;
  cpu: number;
}

/** Best of several rounds, in wall-clock and in process CPU time (less disturbed by other processes). */
async function measure(run: () => Promise<number>): Promise<Timing & { rows: number }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const rows = await run();
  const c = process.cpuUsage(c0);
  return { rows, wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

function report(label: string, bytes: number, t: Timing & { rows: number }): void {
  const rate = (s: number): string => Math.round(t.rows / s).toLocaleString('en');
  console.log(
    `${label.padEnd(36)} ${rate(t.wall).padStart(9)} rows/s wall (${t.wall.toFixed(2)} s, ` +
      `${(bytes / t.wall / 1e6).toFixed(0)} MB/s), ${rate(t.cpu).padStart(9)} rows/s of CPU time`,
  );
}

const ROUNDS = 3;
const dir = await mkdtemp(join(tmpdir(), 'liptako-bench-'));
try {
  const file = join(dir, 'acled.csv');
  await generate(file);
  const bytes = (await stat(file)).size;
  const context = testContext();
  const stream = (): ReturnType<typeof createReadStream> =>
    createReadStream(file, { highWaterMark: 256 * 1024 });
  const cases: [string, () => Promise<number>][] = [
    [
      'parse (readCsvChunks)',
      async () => {
        let n = 0;
        for await (const items of readCsvChunks(stream()))
          for (const item of items) if (item.kind === 'record') n++;
        return n;
      },
    ],
    [
      'parse (csv-parse, columns: true)',
      async () => {
        let n = 0;
        for await (const _ of stream().pipe(parse({ columns: true, bom: true }))) n++;
        return n;
      },
    ],
    [
      'parse + map (mapAcledRow, hash)',
      async () => {
        let n = 0;
        for await (const items of readCsvChunks(stream()))
          for (const item of items) if (item.kind === 'record' && mapAcledRow(item.fields, context).ok) n++;
        return n;
      },
    ],
    [
      'importRows, writer storing nothing',
      async () => {
        const s = await importRows(stream(), 'acled', context, (b) =>
          Promise.resolve(b.map(() => 'inserted' as const)),
        );
        if (s.rejected > 0 || s.stopped !== null)
          throw new Error(`unexpected: ${JSON.stringify(s.rejectedRows[0])}`);
        return s.imported;
      },
    ],
  ];
  console.log(
    `machine: ${cpus()[0]?.model ?? '?'} × ${cpus().length}, node ${process.version}, load ${loadavg()[0]?.toFixed(2)}`,
  );
  console.log(`command: node test/ingest/import-throughput.bench.ts ${ROWS}`);
  console.log(`input: ${ROWS} rows of 31 columns, ${(bytes / 1e6).toFixed(1)} MB; best of ${ROUNDS} rounds`);
  for (const [label, run] of cases) {
    let best: (Timing & { rows: number }) | null = null;
    for (let round = 0; round < ROUNDS; round++) {
      const t = await measure(run);
      if (t.rows !== ROWS) throw new Error(`${label}: ${t.rows} rows`);
      best =
        best === null
          ? t
          : { rows: t.rows, wall: Math.min(best.wall, t.wall), cpu: Math.min(best.cpu, t.cpu) };
    }
    if (best !== null) report(label, bytes, best);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
