/**
 * The server side of bench/export-memory.ts, run as a child process: opens the SQLite file (or the
 * store location given as JSON, e.g. a PostgreSQL schema for bench/scale.ts), serves
 * the real app on a free port of 127.0.0.1, and samples its own resident memory every 10 ms, which it
 * reports to the parent over IPC ("measure" starts a window, "report" ends it).
 */
import { createApp } from '../src/api/create-app.ts';
import { loadReference } from '../src/reference/load-reference.ts';
import { openStore, type StoreLocation } from '../src/store/open-store.ts';

const argument = process.argv[2];
if (argument === undefined || process.send === undefined)
  throw new Error('usage: run by bench/export-memory.ts with the SQLite file (or a JSON store location)');
const send = process.send.bind(process);

// The parent wrote this JSON from a StoreLocation (bench/export-memory.ts).
const location: StoreLocation = argument.startsWith('{')
  ? (JSON.parse(argument) as StoreLocation)
  : { sqlitePath: argument };
const store = await openStore(location);
const app = await createApp({ store, reference: loadReference() });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (address === null || typeof address === 'string') throw new Error('no port');

let before = 0;
let peak = 0;
let heapPeak = 0;
let externalPeak = 0;
let tick = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage.rss());
  // The full breakdown costs more: every 10th sample.
  if (++tick % 10 === 0) {
    const m = process.memoryUsage();
    heapPeak = Math.max(heapPeak, m.heapTotal);
    externalPeak = Math.max(externalPeak, m.external + m.arrayBuffers);
  }
}, 10);

process.on('message', (message: string) => {
  if (message === 'measure') {
    globalThis.gc?.();
    before = process.memoryUsage.rss();
    peak = before;
    heapPeak = 0;
    externalPeak = 0;
    send({ kind: 'measuring', before });
  } else if (message === 'report') {
    const after = process.memoryUsage.rss();
    send({ kind: 'report', before, peak: Math.max(peak, after), after, heapPeak, externalPeak });
  } else if (message === 'stop') {
    clearInterval(sampler);
    void app.close().then(() => store.close());
  }
});
send({ kind: 'ready', port: address.port });
