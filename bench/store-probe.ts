/**
 * Store probe: imports N synthetic incidents through Store.upsertIncidents into a fresh SQLite file
 * (or a fresh PostgreSQL schema) and times the map reads on them. Prints the machine and the command.
 *
 *   node_modules/.bin/node bench/store-probe.ts [--rows 1000000] [--order date|random] [--postgres] [--keep]
 *     [--import-only] [--db FILE]
 *
 * Rows: 5 years (2019–2023) of ACLED-shaped incidents around 40 places of Mali, Burkina Faso and
 * Niger, 20-word notes (`--keep` keeps the SQLite file for a closer look, `--db FILE` times the reads
 * again on such a file, without importing; `--import-only` stops after the import); `--order date` sends them in date order as ACLED exports are sorted,
 * `--order random` shuffles the dates (the worst case for the date-led indexes).
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { EVENT_TYPES, SUB_EVENT_TYPES } from '../src/domain/acled-taxonomy.ts';
import { systemActor } from '../src/domain/audit/audit-entry.ts';
import { visibilityOf } from '../src/domain/classification.ts';
import { AES_BBOX } from '../src/domain/place.ts';
import type { AggregateQuery, IncidentInput, Store } from '../src/store/store.ts';
import { openStore } from '../src/store/open-store.ts';
import pg from 'pg';
import { connectionUrl } from '../src/store/postgres/connection-url.ts';
import {
  openPostgresTestStore,
  openSqliteTestStore,
  testDatabaseUrl,
  type TestStore,
} from '../test/support/databases.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    order: { type: 'string', default: 'date' },
    postgres: { type: 'boolean', default: false },
    runs: { type: 'string', default: '40' },
    keep: { type: 'boolean', default: false },
    'import-only': { type: 'boolean', default: false },
    db: { type: 'string' },
  },
});
const ROWS = Number(values.rows);
const RUNS = Number(values.runs);
const BATCH = 10_000;
const DAYS = 5 * 365;

/** Deterministic randomness: the same rows on every run. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = seeded(42);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T; // rand() < 1
const COUNTRIES = ['MLI', 'BFA', 'NER'] as const;
const PLACES = Array.from({ length: 40 }, (_, n) => ({
  country: COUNTRIES[n % 3] ?? 'MLI',
  name: `Place ${n}`,
  lat: 11 + rand() * 12,
  lon: -11 + rand() * 24,
}));
const WORDS =
  'attaque village soldats tués Tillabéri Ménaka Djibo hommes armés non identifiés moto marché bétail enlèvement chef convoi embuscade engin explosif route gendarmerie poste'.split(
    ' ',
  );
const CLASSIFICATIONS = ['PUBLIC', 'PUBLIC', 'PUBLIC', 'AES_RESTRICTED', 'NATIONAL'] as const;

function incident(n: number): IncidentInput {
  const place = pick(PLACES);
  const eventType = pick(EVENT_TYPES);
  const day = values.order === 'random' ? Math.floor(rand() * DAYS) : Math.floor((n / ROWS) * DAYS);
  const classification = pick(CLASSIFICATIONS);
  return {
    sourceKey: `acled:SYN${n}`,
    contentHash: randomBytes(8).toString('hex'),
    eventIdCnty: `SYN${n}`,
    eventDate: new Date(Date.UTC(2019, 0, 1) + day * 86_400_000).toISOString().slice(0, 10),
    timePrecision: 1,
    eventType,
    subEventType: pick(SUB_EVENT_TYPES[eventType]),
    actor1: pick([
      'JNIM: Group for Support of Islam and Muslims',
      'Islamic State (Sahel)',
      'Military Forces of Mali (2021-)',
    ]),
    assocActor1: null,
    inter1: 2,
    actor2: eventType === 'Violence against civilians' ? 'Civilians (Mali)' : null,
    assocActor2: null,
    inter2: null,
    interaction: 20,
    civilianTargeting: eventType === 'Violence against civilians',
    country: place.country,
    admin1: 'Admin 1',
    admin2: 'Admin 2',
    admin3: null,
    location: place.name,
    latitude: Math.round((place.lat + (rand() - 0.5) * 0.6) * 1e4) / 1e4,
    longitude: Math.round((place.lon + (rand() - 0.5) * 0.6) * 1e4) / 1e4,
    geoPrecision: 1,
    fatalities: { low: null, best: Math.floor(-Math.log(1 - rand()) * 3), high: null },
    source: 'Synthetic',
    sourceScale: 'National',
    notes: Array.from({ length: 20 }, () => pick(WORDS)).join(' '),
    tags: null,
    status: 'machine-coded',
    classification,
    ownerParty: classification === 'NATIONAL' ? place.country : null,
    origin: 'acled',
  };
}

async function time(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 3; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number): number => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95) };
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
console.log(`command: node bench/store-probe.ts ${process.argv.slice(2).join(' ')}`);

// A fresh SQLite file in a temporary folder, or a fresh schema of the test database, as tests use.
/** A SQLite file a run with --keep left: migrated, read, kept. */
async function reopen(file: string): Promise<TestStore> {
  const store = await openStore({ sqlitePath: file });
  await store.migrate();
  return { store, location: file, dispose: () => store.close() };
}

const db =
  values.db !== undefined
    ? await reopen(values.db)
    : values.postgres
      ? await openPostgresTestStore()
      : await openSqliteTestStore();
const store: Store = db.store;
try {
  // --db: the reads only, on a file an earlier run kept.
  if (values.db === undefined) {
    let importMs = 0;
    // This process's CPU time too: SQLite writes on this thread, and CPU time is less disturbed than the
    // wall clock by the other processes of a shared machine (PostgreSQL's own work is not in it).
    let importCpuMs = 0;
    for (let start = 0; start < ROWS; start += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, ROWS - start) }, (_, i) => incident(start + i));
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      await store.upsertIncidents(batch, {
        actor: systemActor('probe'),
        changedBy: 'probe',
        at: '2025-01-01T00:00:00.000Z',
      });
      const c = process.cpuUsage(c0);
      importCpuMs += (c.user + c.system) / 1000;
      importMs += performance.now() - t0;
    }
    const rate = (ms: number): string => Math.round(ROWS / (ms / 1000)).toLocaleString('en');
    console.log(
      `${store.dialect} import (${values.order} order, batches of ${BATCH}): ${ROWS.toLocaleString('en')} rows in ${(importMs / 1000).toFixed(1)} s = ${rate(importMs)} rows/s (${rate(importCpuMs)} rows/s of CPU time; load ${os.loadavg()[0]?.toFixed(2)})`,
    );
    if (values.postgres) {
      // The test server runs without autovacuum: statistics and the visibility map (index-only scans)
      // as a deployment's autovacuum would leave them.
      const client = new pg.Client({ connectionString: connectionUrl(testDatabaseUrl) });
      await client.connect();
      for (const table of ['incidents', 'incident_cells', 'incident_weeks'])
        await client.query(`VACUUM ANALYZE "${db.location}".${table}`);
      await client.end();
      console.log(`VACUUM ANALYZE on schema ${db.location}`);
    }
    if (values['import-only']) {
      if (values.keep) {
        await store.close();
        console.log(`kept: ${db.location}`);
      } else await db.dispose();
      process.exit(0);
    }
  }

  const analyst = visibilityOf({ role: 'analyst', party: null });
  const liaison = visibilityOf({ role: 'liaison', party: 'MLI' });
  const year = { from: '2023-01-01', to: '2023-12-31' };
  // The boxes of bench/run.ts: Mali, Mopti region, a village-sized box (the probe's places are random).
  const MALI = { minLon: -12.3, minLat: 10.1, maxLon: 4.3, maxLat: 25.0 };
  const REGION = { minLon: -5, minLat: 13.5, maxLon: -3, maxLat: 15.5 };
  const village = PLACES[0] ?? { lat: 14.1, lon: -1.63 };
  const VILLAGE = {
    minLon: village.lon - 0.1,
    minLat: village.lat - 0.1,
    maxLon: village.lon + 0.1,
    maxLat: village.lat + 0.1,
  };
  const queries: [string, AggregateQuery][] = [
    [
      'aggregate: 3 countries, 1 year, zoom 5, analyst',
      { visibility: analyst, bbox: AES_BBOX, zoom: 5, ...year },
    ],
    [
      'aggregate: 3 countries, 1 year, zoom 5, liaison',
      { visibility: liaison, bbox: AES_BBOX, zoom: 5, ...year },
    ],
    [
      'aggregate: 3 countries, 1 year, zoom 8, analyst',
      { visibility: analyst, bbox: AES_BBOX, zoom: 8, ...year },
    ],
    [
      'aggregate: 3 countries listed, 1 year, zoom 5',
      { visibility: analyst, bbox: AES_BBOX, zoom: 5, country: ['MLI', 'BFA', 'NER'], ...year },
    ],
    [
      'aggregate: region box, 1 year, zoom 8',
      { visibility: analyst, bbox: { minLon: -5, minLat: 13.5, maxLon: -3, maxLat: 15.5 }, zoom: 8, ...year },
    ],
    ['aggregate: 3 countries, 5 years, zoom 5', { visibility: analyst, bbox: AES_BBOX, zoom: 5 }],
    [
      'aggregate: Mali box, 1 year (mid-month), zoom 5',
      { visibility: analyst, bbox: MALI, zoom: 5, from: '2023-01-15', to: '2023-12-20' },
    ],
    ['aggregate: Mali box, 5 years, zoom 5', { visibility: analyst, bbox: MALI, zoom: 5 }],
    ['aggregate: region box, 5 years, zoom 8', { visibility: analyst, bbox: REGION, zoom: 8 }],
    ['aggregate: village box, 1 year, zoom 12', { visibility: analyst, bbox: VILLAGE, zoom: 12, ...year }],
    ['aggregate: village box, 5 years, zoom 12', { visibility: analyst, bbox: VILLAGE, zoom: 12 }],
    ['aggregate: village box, 5 years, zoom 8', { visibility: analyst, bbox: VILLAGE, zoom: 8 }],
  ];
  console.log('| query | rows in window | p50 ms | p95 ms |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const [name, query] of queries) {
    const n = await store.countIncidents(query);
    const t = await time(() => store.aggregateIncidents(query));
    console.log(`| ${name} | ${n.toLocaleString('en')} | ${t.p50.toFixed(1)} | ${t.p95.toFixed(1)} |`);
  }
  const list = await time(() =>
    store.listIncidents({ visibility: liaison, limit: 100, country: ['NER'], ...year }),
  );
  console.log(
    `| list: first 100, NER, 1 year, liaison | | ${list.p50.toFixed(1)} | ${list.p95.toFixed(1)} |`,
  );
  const search = await time(() =>
    store.listIncidents({ visibility: analyst, limit: 100, q: 'tillaberi convoi' }),
  );
  console.log(
    `| list: first 100, q="tillaberi convoi" | | ${search.p50.toFixed(1)} | ${search.p95.toFixed(1)} |`,
  );
  const count = await time(() => store.countIncidents({ visibility: analyst, ...year }));
  console.log(`| count: 1 year | | ${count.p50.toFixed(1)} | ${count.p95.toFixed(1)} |`);
} finally {
  if (values.keep) {
    await store.close();
    console.log(`kept: ${db.location}`);
  } else await db.dispose();
}
