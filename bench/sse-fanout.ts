/**
 * Alerts benchmark: the real server (createApp, listening on a port, on a SQLite file) holds N SSE
 * subscribers (default 10,000) opened by a separate process (bench/sse-clients.ts). Two measures:
 *
 * 1. fan-out: an alert is written to the outbox and the hub woken, as a committed change does; each
 *    subscriber's delivery latency (from before the write to the frame read by the subscriber), p50 /
 *    p95 / p99 / max over all subscribers and rounds, and the alerts lost (expected − received);
 * 2. report → alert: a field report POSTed to /api/reports (extraction, fusion, the incident, its
 *    alert, in one transaction), timed until a subscriber holds the alert, with the N subscribers on.
 *
 * Aims (issue 6): fan-out p99 ≤ 250 ms losing none; report → alert p99 ≤ 1 s.
 *
 *   bash -c 'ulimit -n 20000 && npm run bench -- --only sse-fanout [--connections 10000] [--rounds 20] [--reports 50]'
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/api/create-app.ts';
import { createUser } from '../src/commands/create-user.ts';
import { systemActor } from '../src/domain/audit/audit-entry.ts';
import { incidentAlert } from '../src/domain/alerts/alert-event.ts';
import { loadReference } from '../src/reference/load-reference.ts';
import { openStore } from '../src/store/open-store.ts';

export interface SseFanoutOptions {
  readonly connections: number;
  readonly rounds: number;
  readonly reports: number;
}

export interface SseFanoutResult {
  readonly machine: string;
  readonly command: string;
  readonly connections: number;
  readonly fanout: { p50: number; p95: number; p99: number; max: number; lost: number; samples: number };
  readonly reportToAlert: {
    p50: number;
    p95: number;
    p99: number;
    max: number;
    missing: number;
    samples: number;
  };
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const wall = () => performance.timeOrigin + performance.now();
const round1 = (n: number) => Math.round(n * 10) / 10;

const PLACES = [
  ['Djibo', 'Burkina Faso'],
  ['Dori', 'Burkina Faso'],
  ['Kaya', 'Burkina Faso'],
  ['Gorom-Gorom', 'Burkina Faso'],
  ['Arbinda', 'Burkina Faso'],
  ['Sebba', 'Burkina Faso'],
  ['Gao', 'Mali'],
  ['Ménaka', 'Mali'],
  ['Mopti', 'Mali'],
  ['Tombouctou', 'Mali'],
  ['Bandiagara', 'Mali'],
  ['Ouallam', 'Niger'],
  ['Tillabéri', 'Niger'],
  ['Diffa', 'Niger'],
  ['Téra', 'Niger'],
] as const;

/** One subscriber in this process, for report → alert: the arrival time of each alert seq. */
function listen(url: string, token: string, onAlert: (seq: number, at: number) => void): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      url,
      { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } },
      (res) => {
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          const at = wall();
          buffer += chunk;
          for (const m of buffer.matchAll(/^id: (\d+)$/gm)) onAlert(Number(m[1]), at);
          buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
        });
        resolve(() => req.destroy());
      },
    );
    req.on('error', reject);
  });
}

export async function runSseFanout(
  options: SseFanoutOptions,
  say: (line: string) => void = console.log,
): Promise<SseFanoutResult> {
  const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
  const command = `bash -c 'ulimit -n 20000 && npm run bench -- --only sse-fanout --connections ${options.connections} --rounds ${options.rounds} --reports ${options.reports}'`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'liptako-sse-'));
  const store = await openStore({ sqlitePath: path.join(dir, 'bench.sqlite') });
  await store.migrate();
  const actor = systemActor('bench');
  const made = await createUser(store, { name: 'bench', role: 'analyst', party: null }, new Date(), actor);
  if (!made.ok) throw new Error(made.problems.join('; '));
  const app = await createApp({
    store,
    reference: loadReference(),
    alerts: { webhooks: false, hub: { maxBufferedBytes: 1024 * 1024 } },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  const hub = app.alerts.hub;
  const child = fork(
    path.join(import.meta.dirname, 'sse-clients.ts'),
    [String(port), made.token, String(options.connections)],
    {
      execPath: process.execPath,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const messages: { type: string; [k: string]: unknown }[] = [];
  const waiters: ((m: { type: string; [k: string]: unknown }) => void)[] = [];
  child.on('message', (m: { type: string; [k: string]: unknown }) => {
    if (m.type === 'progress') return;
    const w = waiters.shift();
    if (w !== undefined) w(m);
    else messages.push(m);
  });
  const next = () =>
    new Promise<{ type: string; [k: string]: unknown }>((resolve) => {
      const m = messages.shift();
      if (m !== undefined) resolve(m);
      else waiters.push(resolve);
    });
  try {
    const t0 = performance.now();
    const ready = await next();
    say(
      `${String(ready['open'])} subscribers connected (${String(ready['failed'])} failed) in ${((performance.now() - t0) / 1000).toFixed(1)} s; hub holds ${hub.clientCount}`,
    );

    // 1. Fan-out.
    const latencies: number[] = [];
    let lost = 0;
    for (let r = 0; r < options.rounds; r++) {
      const start = wall();
      const [event] = await store.publishAlerts(
        [
          incidentAlert('incident.created', {
            id: r + 1,
            eventType: 'Battles',
            subEventType: 'Armed clash',
            actor1: 'Military Forces of Mali (2021-)',
            actor2: null,
            assocActor1: null,
            assocActor2: null,
            country: 'MLI',
            admin1: 'Mopti',
            admin2: null,
            location: 'Boni',
            latitude: 15.05,
            longitude: -1.87,
            fatalities: { best: 3, low: null, high: null },
            eventDate: '2024-06-01',
            status: 'machine-coded',
            classification: 'PUBLIC',
            ownerParty: null,
            mergedInto: null,
          }),
        ],
        { actor, at: new Date().toISOString() },
      );
      if (event === undefined) throw new Error('no alert written');
      hub.wake();
      // Give every subscriber time to read it (a late one still counts, with its latency).
      await new Promise((resolve) => setTimeout(resolve, 1500));
      child.send({ type: 'report', seq: event.seq });
      const got = await next();
      const times = (got['times'] as number[]) ?? [];
      for (let i = 0; i < options.connections; i++) {
        const at = times[i] ?? 0;
        if (at === 0) lost += 1;
        else latencies.push(at - start);
      }
    }
    latencies.sort((a, b) => a - b);
    const fanout = {
      p50: round1(percentile(latencies, 50)),
      p95: round1(percentile(latencies, 95)),
      p99: round1(percentile(latencies, 99)),
      max: round1(latencies[latencies.length - 1] ?? NaN),
      lost,
      samples: latencies.length,
    };
    say(
      `fan-out to ${options.connections} subscribers × ${options.rounds} alerts: p50 ${fanout.p50} ms, p95 ${fanout.p95} ms, p99 ${fanout.p99} ms, max ${fanout.max} ms, lost ${lost}`,
    );

    // 2. Report → alert, with the subscribers still connected.
    const seen = new Map<number, number>();
    let waiting: { after: number; resolve: (at: number) => void } | null = null;
    const stop = await listen(`http://127.0.0.1:${port}/api/stream`, made.token, (seq, at) => {
      seen.set(seq, at);
      if (waiting !== null && seq > waiting.after) {
        waiting.resolve(at);
        waiting = null;
      }
    });
    const times: number[] = [];
    let missing = 0;
    for (let n = 0; n < options.reports + 2; n++) {
      const [place, country] = PLACES[n % PLACES.length] ?? PLACES[0];
      const day = new Date(Date.UTC(2024, 0, 1) + n * 3 * 86_400_000).toISOString().slice(0, 10);
      const text = `${country} : des hommes armés ont attaqué le ${day} la localité de ${place}. Au moins ${3 + (n % 20)} civils ont été tués, selon des sources locales.`;
      await hub.settle();
      const after = hub.lastSeq;
      const arrived = new Promise<number>((resolve) => {
        waiting = { after, resolve };
      });
      const start = wall();
      const res = await fetch(`http://127.0.0.1:${port}/api/reports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${made.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          kind: 'field',
          source: 'bench',
          language: 'fr',
          text,
          published: day,
          classification: 'PUBLIC',
        }),
      });
      if (res.status !== 201) throw new Error(`POST /api/reports: ${res.status} ${await res.text()}`);
      const at = await Promise.race([
        arrived,
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 5000)),
      ]);
      waiting = null;
      // The first two warm the extractor (it indexes the gazetteer once).
      if (n < 2) continue;
      if (at === null) missing += 1;
      else times.push(at - start);
    }
    stop();
    times.sort((a, b) => a - b);
    const reportToAlert = {
      p50: round1(percentile(times, 50)),
      p95: round1(percentile(times, 95)),
      p99: round1(percentile(times, 99)),
      max: round1(times[times.length - 1] ?? NaN),
      missing,
      samples: times.length,
    };
    say(
      `report → alert over ${options.reports} reports: p50 ${reportToAlert.p50} ms, p95 ${reportToAlert.p95} ms, p99 ${reportToAlert.p99} ms, max ${reportToAlert.max} ms, no alert ${missing}`,
    );
    say(`hub: ${hub.stats.delivered} frames written, ${hub.stats.dropped} slow clients dropped`);
    return { machine, command, connections: options.connections, fanout, reportToAlert };
  } finally {
    child.send({ type: 'exit' });
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({
    options: {
      connections: { type: 'string', default: '10000' },
      rounds: { type: 'string', default: '20' },
      reports: { type: 'string', default: '50' },
    },
  });
  const result = await runSseFanout({
    connections: Number(values.connections),
    rounds: Number(values.rounds),
    reports: Number(values.reports),
  });
  console.log(JSON.stringify(result, null, 2));
}
