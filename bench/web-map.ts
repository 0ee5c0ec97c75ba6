/**
 * The situation map in Debian's Chromium on a large store: first map paint and each pan/zoom update,
 * read from the page's Performance API (marks the map sets when clusters are drawn), and the size of
 * the JavaScript the map screen loads, gzipped.
 *
 *   node bench/web-map.ts [--rows 1000000] [--db FILE] [--runs 10] [--steps 30]
 *
 * --db reuses a store built before (it is created, with --rows synthetic rows, when missing).
 */
import { systemActor } from '../src/domain/audit/audit-entry.ts';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { createApp } from '../src/api/create-app.ts';
import { createUser } from '../src/commands/create-user.ts';
import { importEvents } from '../src/commands/import-events.ts';
import { visibilityOf } from '../src/domain/classification.ts';
import { loadReference } from '../src/reference/load-reference.ts';
import { openStore } from '../src/store/open-store.ts';
import { launchChromium } from '../test/e2e/browser.ts';
import { writeSyntheticCsv } from './synthetic-acled.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    db: { type: 'string' },
    runs: { type: 'string', default: '10' },
    steps: { type: 'string', default: '30' },
  },
});
const ROWS = Number(values.rows);
const ALL = visibilityOf({ role: 'admin', party: null });
const RUNS = Number(values.runs);
const STEPS = Number(values.steps);
const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}, Chromium (Debian) headless`;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'liptako-web-bench-'));
const dbFile = values.db ?? path.join(scratch, 'bench.sqlite');

const lines: string[] = [];
const say = (line: string): void => {
  lines.push(line);
  console.log(line);
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const fmt = (xs: number[]) =>
  `p50 ${pct(xs, 50).toFixed(0)} ms, p95 ${pct(xs, 95).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms`;

const dist = path.resolve(import.meta.dirname, '../web/dist');
if (!existsSync(path.join(dist, 'index.html'))) throw new Error('build the web app first: npm run build:web');

const store = await openStore({ sqlitePath: dbFile });
await store.migrate();
const reference = loadReference();
try {
  say(`Liptako situation map benchmark`);
  say(`machine: ${machine}`);
  say(`command: node bench/web-map.ts ${process.argv.slice(2).join(' ')}`);
  const present = await store.countIncidents({ visibility: ALL });
  if (present === 0) {
    const csv = path.join(scratch, 'synthetic.csv');
    await writeSyntheticCsv(csv, ROWS, '2019-01-01', 5 * 365);
    const t0 = performance.now();
    const r = await importEvents(store, reference, csv, 'acled', { batchSize: 10_000 });
    say(
      `imported ${r.imported.toLocaleString('en')} rows in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
  }
  const total = await store.countIncidents({ visibility: ALL });
  say(`incidents in the store: ${total.toLocaleString('en')}`);

  // What the map screen loads: every script and style of the build (one bundle), gzipped.
  const assets = readdirSync(path.join(dist, 'assets')).filter((f) => /\.(js|css)$/.test(f));
  const gz = (f: string) => gzipSync(readFileSync(path.join(dist, 'assets', f)), { level: 9 }).length;
  const js = assets.filter((f) => f.endsWith('.js')).reduce((n, f) => n + gz(f), 0);
  const css = assets.filter((f) => f.endsWith('.css')).reduce((n, f) => n + gz(f), 0);
  say(`map screen JavaScript: ${(js / 1024).toFixed(1)} KB gzipped (CSS ${(css / 1024).toFixed(1)} KB)`);

  const user = await createUser(
    store,
    { name: `bench-${Date.now()}`, role: 'analyst', party: null },
    new Date(),
    systemActor('bench'),
  );
  if (!user.ok) throw new Error('could not create the bench user');
  const app = await createApp({ store, reference });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const signIn = await context.newPage();
    await signIn.goto(base);
    await signIn.getByRole('tab', { name: 'Avec un jeton' }).click();
    await signIn.fill('input[name=token]', user.token);
    await signIn.getByRole('button', { name: 'Se connecter' }).click();
    await signIn.waitForSelector('.map[data-clusters]');
    await signIn.close();

    // First paint: a new page with a one-year window over the three states, from navigation start
    // to the clusters drawn (page, scripts, session, outlines, labels and the aggregate).
    const view = `${base}/?lat=15.5&lon=-1.5&z=5&from=2023-01-01&to=2023-12-31`;
    const paints: number[] = [];
    const aggregates: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await context.newPage();
      await page.goto(view);
      await page.waitForSelector('.map[data-generation="1"]');
      const [paint, query] = await page.evaluate(() => [
        performance.getEntriesByName('liptako:clusters-drawn')[0]?.startTime ?? NaN,
        performance.getEntriesByName('liptako:clusters')[0]?.duration ?? NaN,
      ]);
      paints.push(paint ?? NaN);
      aggregates.push(query ?? NaN);
      await page.close();
    }
    say(`first map paint (navigation start → clusters drawn), ${RUNS} loads: ${fmt(paints)}`);
    say(`  of which the aggregate request and drawing: ${fmt(aggregates)}`);

    // Pan and zoom like a user: zoom in and out with the buttons, pan with the arrow keys.
    const page = await context.newPage();
    await page.goto(view);
    await page.waitForSelector('.map[data-generation="1"]');
    await page.click('.map');
    const fromInput: number[] = [];
    const fromMoveEnd: number[] = [];
    const byAction = new Map<string, number[]>();
    const actions = ['in', 'right', 'in', 'down', 'out', 'left', 'in', 'up', 'out', 'out'] as const;
    for (let i = 0; i < STEPS; i++) {
      const action = actions[i % actions.length] ?? 'in';
      const before = Number(await page.getAttribute('.map', 'data-generation'));
      const t0 = await page.evaluate(() => performance.now());
      if (action === 'in') await page.click('.leaflet-control-zoom-in');
      else if (action === 'out') await page.click('.leaflet-control-zoom-out');
      else await page.keyboard.press(`Arrow${action[0]?.toUpperCase()}${action.slice(1)}`);
      await page.waitForFunction(
        (g) => Number(document.querySelector('.map')?.getAttribute('data-generation') ?? 0) > g,
        before,
      );
      const [drawn, moved] = await page.evaluate(() => {
        const d = performance.getEntriesByName('liptako:clusters-drawn');
        const m = performance.getEntriesByName('liptako:moveend');
        return [d[d.length - 1]?.startTime ?? NaN, m[m.length - 1]?.startTime ?? NaN];
      });
      fromInput.push((drawn ?? NaN) - t0);
      fromMoveEnd.push((drawn ?? NaN) - (moved ?? NaN));
      const zoom = await page.getAttribute('.map', 'data-zoom');
      const key = `${action} (to zoom ${zoom})`;
      byAction.set(key, [...(byAction.get(key) ?? []), (drawn ?? NaN) - (moved ?? NaN)]);
    }
    say(`pan/zoom update (map settled → clusters drawn), ${STEPS} moves: ${fmt(fromMoveEnd)}`);
    say(`  from the click or key press, including Leaflet's 250 ms zoom animation: ${fmt(fromInput)}`);
    for (const [key, xs] of [...byAction].sort()) say(`  ${key}: ${fmt(xs)} (${xs.length} moves)`);
    say(
      `load average at the end: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')}`,
    );
  } finally {
    await browser.close();
    await app.close();
  }
  const out = path.resolve(import.meta.dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    path.join(out, `web-map-${new Date().toISOString().replace(/[:.]/g, '-')}.md`),
    lines.join('\n') + '\n',
  );
} finally {
  await store.close();
  if (values.db === undefined) rmSync(scratch, { recursive: true, force: true });
}
