/**
 * Timeline and triage probe: opens an existing SQLite store (such as the one `npm run bench -- --keep`
 * leaves behind, 1,000,000 synthetic incidents), brings it up to date (timing the migrations, which
 * fill the weekly summary), then times the situation room's routes in-process (`app.inject`). Prints
 * the machine and the command.
 *
 *   node_modules/.bin/node bench/timeline-probe.ts --db /tmp/liptako-bench-XXXX/bench.sqlite [--runs 40] [--queue 2000]
 *   node_modules/.bin/node bench/timeline-probe.ts --database-url postgres://127.0.0.1:5432/test --schema test_xxxx
 *
 * (the PostgreSQL schema as `node bench/store-probe.ts --postgres --keep` leaves it).
 *
 * `--queue N` first sets the N newest incidents back to machine-coded (through the store, so the
 * summaries follow), as a day of unprocessed reports in the triage queue; the probe ends with one bulk
 * verification of 500 of them and one merge, timed once each (they change the store).
 */
import { systemActor } from '../src/domain/audit/audit-entry.ts';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { createApp } from '../src/api/create-app.ts';
import { createUser } from '../src/commands/create-user.ts';
import { loadReference } from '../src/reference/load-reference.ts';
import { openStore } from '../src/store/open-store.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    'database-url': { type: 'string' },
    schema: { type: 'string' },
    runs: { type: 'string', default: '40' },
    queue: { type: 'string', default: '2000' },
  },
});
const url = values['database-url'];
if (values.db === undefined && url === undefined)
  throw new Error('--db PATH (SQLite) or --database-url URL [--schema S] (PostgreSQL): a store to read');
const RUNS = Number(values.runs);

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
console.log(`command: node bench/timeline-probe.ts ${process.argv.slice(2).join(' ')}`);

const store = await openStore(
  url === undefined
    ? { sqlitePath: values.db ?? '' }
    : { databaseUrl: url, ...(values.schema === undefined ? {} : { schema: values.schema }) },
);
try {
  let t0 = performance.now();
  await store.migrate();
  console.log(`migrate: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const QUEUE = Number(values.queue);
  const analyst = { classifications: ['PUBLIC', 'AES_RESTRICTED', 'NATIONAL'] as const, nationalOf: null };
  const queued = await store.countIncidents({ visibility: analyst, status: ['machine-coded'] });
  if (queued < QUEUE) {
    t0 = performance.now();
    let left = QUEUE - queued;
    while (left > 0) {
      const newest = await store.listIncidents({
        visibility: analyst,
        status: ['verified'],
        limit: Math.min(left, 1000),
      });
      if (newest.items.length === 0) break;
      for (const i of newest.items)
        await store.updateIncident(i.id, {
          actor: systemActor('bench'),
          status: 'machine-coded',
          changedBy: 'probe',
          reason: 'queue',
          at: new Date().toISOString(),
        });
      left -= newest.items.length;
    }
    console.log(
      `queued ${QUEUE - queued - left} incidents in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
  const name = `probe-${Date.now()}`;
  const created = await createUser(
    store,
    { name, role: 'analyst', party: null },
    new Date(),
    systemActor('bench'),
  );
  if (!created.ok) throw new Error(created.problems.join('; '));
  const app = await createApp({ store, reference: loadReference() });
  const headers = { authorization: `Bearer ${created.token}` };
  const every = (await import('../src/domain/acled-taxonomy.ts')).SUB_EVENT_TYPES;
  const allSubTypes = encodeURIComponent(Object.values(every).flat().join(','));
  const urls: [string, string][] = [
    ['timeline, Mali, 1 year', '/api/incidents/timeline?country=MLI&from=2023-01-01&to=2023-12-31'],
    ['timeline, Mali, 5 years', '/api/incidents/timeline?country=MLI&from=2019-01-01&to=2023-12-31'],
    ['timeline, Mali, 5 years, no bounds', '/api/incidents/timeline?country=MLI'],
    ['timeline, all, 5 years', '/api/incidents/timeline?from=2019-01-01&to=2023-12-31'],
    [
      'timeline, Mali, 1 year, plain GROUP BY (every sub-type listed: raw path)',
      `/api/incidents/timeline?country=MLI&from=2023-01-01&to=2023-12-31&sub_event_type=${allSubTypes}`,
    ],
    [
      'timeline, Mali, 5 years, plain GROUP BY (raw path)',
      `/api/incidents/timeline?country=MLI&from=2019-01-01&to=2023-12-31&sub_event_type=${allSubTypes}`,
    ],
    ['timeline, Mopti region (admin1, raw path), 5 years', '/api/incidents/timeline?admin1=mopti'],
    [
      'timeline, Mali box (bbox, raw path), 1 year',
      '/api/incidents/timeline?bbox=-12.3,10.1,4.3,25&from=2023-01-01&to=2023-12-31',
    ],
    [
      'list, queue: machine-coded, oldest first, 100',
      '/api/incidents?status=machine-coded,reported&sort=created_asc&limit=100',
    ],
    [
      'list, queue + count=true',
      '/api/incidents?status=machine-coded,reported&sort=created_asc&limit=100&count=true',
    ],
    ['list, every incident oldest first, 100', '/api/incidents?sort=created_asc&limit=100'],
    ['list, every incident + count=true (1,000,000)', '/api/incidents?limit=100&count=true'],
    [
      'list, count=true, Mali, mid-month window (summary + raw ends)',
      '/api/incidents?limit=100&count=true&country=MLI&from=2021-03-17&to=2023-08-09',
    ],
    ['list, admin1=Mopti, 100', '/api/incidents?admin1=Mopti&limit=100'],
    [
      'aggregate, Mali box, zoom 5, 1 year, admin1=Mopti',
      '/api/incidents/aggregate?bbox=-12.3,10.1,4.3,25&zoom=5&from=2023-01-01&to=2023-12-31&admin1=Mopti',
    ],
  ];
  console.log('| route | p50 ms | p95 ms |');
  console.log('| --- | ---: | ---: |');
  for (const [label, url] of urls) {
    const t = await time(async () => {
      const res = await app.inject({ method: 'GET', url, headers });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    });
    console.log(`| ${label} | ${t.p50.toFixed(1)} | ${t.p95.toFixed(1)} |`);
  }
  const queue = (
    await app.inject({
      method: 'GET',
      url: '/api/incidents?status=machine-coded&sort=created_asc&limit=502',
      headers,
    })
  ).json() as { items: { id: number }[] };
  const ids = queue.items.map((i) => i.id);
  t0 = performance.now();
  const bulk = await app.inject({
    method: 'POST',
    url: '/api/incidents/bulk',
    headers,
    payload: { ids: ids.slice(0, 500), action: 'verify' },
  });
  console.log(
    `bulk verify of 500 (once): ${(performance.now() - t0).toFixed(0)} ms, status ${bulk.statusCode}`,
  );
  t0 = performance.now();
  const merge = await app.inject({
    method: 'POST',
    url: `/api/incidents/${ids[500]}/merge`,
    headers,
    payload: { other_id: ids[501], reason: 'probe' },
  });
  console.log(`merge (once): ${(performance.now() - t0).toFixed(0)} ms, status ${merge.statusCode}`);
  await app.close();
} finally {
  await store.close();
}
