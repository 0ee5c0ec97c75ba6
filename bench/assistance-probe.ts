/**
 * Assistance ledger probe: fills a fresh store (SQLite file, or a PostgreSQL schema of the test
 * database with --postgres) with N requests, each with pledges from the two other parties, a dispatch
 * of each and receipts of half of them, all through the store's audited writes; then times the board
 * (every request with its roll-up), a filtered board, one request's detail and the scorecards
 * in-process (`app.inject`), and finally W concurrent writers pledging one unit at a time on one
 * request (each pledge re-checked against the ledger when another came first). Prints the machine and
 * the command.
 *
 *   node_modules/.bin/node bench/assistance-probe.ts [--requests 1000] [--runs 30] [--writers 8] [--pledges 400] [--postgres]
 *   npm run bench -- --assistance [same options]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { createApp } from '../src/api/create-app.ts';
import { pledgeAssistance } from '../src/commands/assistance-ledger-write.ts';
import { createUser } from '../src/commands/create-user.ts';
import { systemActor } from '../src/domain/audit/audit-entry.ts';
import { openRequest } from '../src/domain/assistance/assistance-rules.ts';
import { ASSISTANCE_CATEGORIES, CATEGORY_UNITS } from '../src/domain/assistance/assistance-category.ts';
import { visibilityOf } from '../src/domain/classification.ts';
import { loadReference } from '../src/reference/load-reference.ts';
import { openPostgresTestStore, openSqliteTestStore } from '../test/support/databases.ts';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--assistance'),
  options: {
    requests: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '30' },
    writers: { type: 'string', default: '8' },
    pledges: { type: 'string', default: '400' },
    postgres: { type: 'boolean', default: false },
  },
});
const N = Number(values.requests);
const RUNS = Number(values.runs);
const WRITERS = Number(values.writers);
const PLEDGES = Number(values.pledges);
const PARTIES = ['BFA', 'MLI', 'NER'];
const ADMIN = { id: 1, role: 'admin', party: null } as const;
const BY = { actor: systemActor('probe'), at: '2025-01-01T00:00:00.000Z' };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
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
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load ${os.loadavg()[0]?.toFixed(1)}`,
);
console.log(`command: node bench/assistance-probe.ts ${process.argv.slice(2).join(' ')}`);

const db = values.postgres ? await openPostgresTestStore() : await openSqliteTestStore();
const store = db.store;
try {
  const t0 = performance.now();
  let writes = 0;
  for (let k = 0; k < N; k++) {
    const party = PARTIES[k % 3] ?? 'NER';
    const category = ASSISTANCE_CATEGORIES[k % ASSISTANCE_CATEGORIES.length] ?? 'fuel';
    const unit = CATEGORY_UNITS[category][0] ?? 'tonnes';
    const opened = openRequest(
      {
        party,
        caseId: null,
        category,
        unit,
        quantity: 1000,
        place: `place ${k}`,
        neededBy: `2025-0${1 + (Math.floor(k / 3) % 9)}-15`,
        priority: 'high',
        description: '',
        classification: k % 5 === 0 ? 'NATIONAL' : 'AES_RESTRICTED',
      },
      ADMIN,
      '2025-01-01T00:00:00.000Z',
    );
    if (!opened.ok) throw new Error(opened.error.message);
    const made = await store.createAssistanceRequest(opened.value, BY);
    const id = made.value.request.id;
    let version = 1;
    writes += 1;
    for (const [j, pledger] of PARTIES.filter((p) => p !== party).entries()) {
      const p = await store.writeAssistanceLedger(
        {
          kind: 'pledge',
          requestId: id,
          expectedVersion: version,
          pledge: {
            requestId: id,
            party: pledger,
            unit,
            quantity: 400,
            rate: 1,
            rateDate: null,
            counted: 400,
            availableFrom: '2025-01-02',
            note: null,
            pledgedAt: `2025-01-0${2 + j}T00:00:00.000Z`,
            pledgedBy: 1,
            withdrawn: null,
          },
        },
        BY,
      );
      if (p === null) throw new Error('lost a pledge');
      version = p.version;
      const d = await store.writeAssistanceLedger(
        {
          kind: 'dispatch',
          requestId: id,
          expectedVersion: version,
          dispatch: {
            pledgeId: p.id,
            quantity: 400,
            counted: 400,
            sentAt: '2025-01-05T00:00:00.000Z',
            sentBy: 1,
            expectedBy: '2025-01-09',
            reference: null,
          },
        },
        BY,
      );
      if (d === null) throw new Error('lost a dispatch');
      version = d.version;
      writes += 2;
      if ((k + j) % 2 === 0) {
        const r = await store.writeAssistanceLedger(
          {
            kind: 'receipt',
            requestId: id,
            expectedVersion: version,
            receipt: {
              dispatchId: d.id,
              quantity: 400,
              counted: 400,
              receivedAt: '2025-01-08T00:00:00.000Z',
              receivedBy: 1,
              note: null,
            },
          },
          BY,
        );
        if (r === null) throw new Error('lost a receipt');
        version = r.version;
        writes += 1;
      }
    }
  }
  const seedS = (performance.now() - t0) / 1000;
  console.log(
    `${store.dialect}: ${N.toLocaleString('en')} requests, ${writes.toLocaleString('en')} audited ledger writes in ${seedS.toFixed(1)} s = ${Math.round(writes / seedS).toLocaleString('en')} writes/s`,
  );

  const analyst = await createUser(
    store,
    { name: 'analyst', role: 'analyst', party: null },
    new Date(),
    BY.actor,
  );
  const liaison = await createUser(
    store,
    { name: 'liaison', role: 'liaison', party: 'MLI' },
    new Date(),
    BY.actor,
  );
  if (!analyst.ok || !liaison.ok) throw new Error('users');
  const app = await createApp({
    store,
    reference: loadReference(),
    now: () => new Date('2025-03-01T00:00:00Z'),
  });
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const probes: [string, string, string][] = [
    ['board, every request (analyst)', '/api/assistance/requests', analyst.token],
    ['board, every visible request (liaison MLI)', '/api/assistance/requests', liaison.token],
    ['board, party=NER&overdue=true', '/api/assistance/requests?party=NER&overdue=true', analyst.token],
    ['one request with its ledger', `/api/assistance/requests/${Math.ceil(N / 2)}`, analyst.token],
    ['scorecards', '/api/assistance/scorecards', analyst.token],
  ];
  console.log('');
  console.log(`| ${store.dialect} route | items | p50 ms | p95 ms |`);
  console.log('| --- | ---: | ---: | ---: |');
  for (const [name, url, token] of probes) {
    let items = 0;
    const t = await time(async () => {
      const res = await app.inject({ method: 'GET', url, headers: as(token) });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      const body = res.json<{ items?: unknown[] }>();
      items = body.items?.length ?? 1;
    });
    console.log(`| ${name} | ${items.toLocaleString('en')} | ${t.p50.toFixed(1)} | ${t.p95.toFixed(1)} |`);
  }

  // Contention: W writers pledge one unit at a time on one request of PLEDGES units, till it is full.
  const target = openRequest(
    {
      party: 'NER',
      caseId: null,
      category: 'fuel',
      unit: 'litres',
      quantity: PLEDGES,
      place: 'Gaya',
      neededBy: '2025-06-01',
      priority: 'critical',
      description: '',
      classification: 'AES_RESTRICTED',
    },
    ADMIN,
    '2025-01-01T00:00:00.000Z',
  );
  if (!target.ok) throw new Error(target.error.message);
  const hot = await store.createAssistanceRequest(target.value, BY);
  const all = visibilityOf({ role: 'admin', party: null });
  let ok = 0;
  let refused = 0;
  let conflicts = 0;
  const c0 = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      const party = w % 2 === 0 ? 'MLI' : 'BFA';
      for (;;) {
        const r = await pledgeAssistance(store, {
          requestId: hot.value.request.id,
          pledge: { party, unit: 'litres', quantity: 1, availableFrom: '2025-01-02' },
          actor: ADMIN,
          by: BY.actor,
          visibility: all,
          at: '2025-01-01T00:00:00.000Z',
        });
        if (r.ok) ok += 1;
        else if (r.error.code === 'conflict') conflicts += 1;
        else {
          refused += 1;
          return;
        }
      }
    }),
  );
  const cs = (performance.now() - c0) / 1000;
  const ledger = await store.getAssistanceLedger(hot.value.request.id, all);
  const committed = ledger?.value.pledges.reduce((s, p) => s + p.counted, 0) ?? NaN;
  console.log('');
  console.log(
    `${store.dialect} contention: ${WRITERS} writers, ${ok} pledges of 1 stored in ${cs.toFixed(1)} s (${Math.round(ok / cs)}/s), ${refused} refused over the request, ${conflicts} gave up after 5 lost attempts; committed ${committed} of ${PLEDGES}`,
  );
  if (committed > PLEDGES) throw new Error('a request was over-committed');
  await app.close();
} finally {
  await db.dispose();
}
