/**
 * Two real `liptako serve` processes on one PostgreSQL schema, as a deployment behind a load balancer
 * runs them: started at once on an empty schema, they migrate it once and both serve; a session made
 * on one node works on the other and ends on both when signed out; an API token works on both; an
 * alert committed on node A reaches node B's stream by NOTIFY (the outbox poll is set to a minute, so
 * the poll cannot be what delivers it); the same report sent to both at once is stored and ingested
 * once; with the Charter tick every second on both, data that raises a surge raises one surge and one
 * alert; and a webhook receiver gets every alert exactly once, though both nodes run the worker.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { createUser } from '../../src/commands/create-user.ts';
import { SYSTEM_VISIBILITY } from '../../src/commands/charter-deps.ts';
import { openStore } from '../../src/store/open-store.ts';
import { connectionUrl } from '../../src/store/postgres/connection-url.ts';
import type { Store } from '../../src/store/store.ts';
import { freePort, startLiptako, stopLiptako, type LiptakoProcess } from '../cli/liptako-process.ts';
import { testDatabaseUrl } from '../support/databases.ts';
import { incidentInput, TEST_ACTOR } from '../support/factories.ts';
import { NIGER_REPORT, SOLHAN_REPORTS } from '../support/invented-reports.ts';
import { openSse, type SseConnection } from '../support/sse-client.ts';

/** Far longer than any NOTIFY takes: an alert that arrives sooner was not brought by the poll. */
const POLL_MS = 60_000;
/** Generous for a loaded 2-core machine: two nodes migrate, load the reference data and index it. */
const START_TIMEOUT_MS = 180_000;
const EVENT_TIMEOUT_MS = 45_000;
const PASSWORD = 'two nodes, one database';

interface Delivery {
  readonly id: string;
  readonly seq: number;
}

/** A local webhook endpoint that records what it is sent and answers 204. */
async function webhookReceiver() {
  const received: Delivery[] = [];
  let waiters: (() => void)[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const parsed = JSON.parse(body) as { alert: { seq: number } };
      received.push({ id: String(req.headers['x-liptako-delivery']), seq: parsed.alert.seq });
      res.writeHead(204).end();
      const w = waiters;
      waiters = [];
      for (const wake of w) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo; // listening on TCP: an AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    /** Resolves once deliveries of every seq given have arrived. */
    async waitForSeqs(seqs: readonly number[]): Promise<void> {
      const deadline = Date.now() + EVENT_TIMEOUT_MS;
      while (!seqs.every((s) => received.some((d) => d.seq === s))) {
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(`webhooks for ${seqs.join(', ')}: got ${received.map((d) => d.seq).join(', ')}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

describe('two liptako serve nodes on one PostgreSQL schema', { timeout: 600_000 }, () => {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const databaseUrl = new URL(testDatabaseUrl);
  databaseUrl.searchParams.set('options', `-c search_path=${schema}`);
  let cwd = '';
  const nodes: LiptakoProcess[] = [];
  let a = '';
  let b = '';
  let store: Store | null = null;
  let receiver: Awaited<ReturnType<typeof webhookReceiver>> | null = null;
  const streams: SseConnection[] = [];
  let token = '';

  const db = (): Store => {
    assert.ok(store !== null);
    return store;
  };
  const json = (extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', ...extra });
  const bearer = () => ({ authorization: `Bearer ${token}` });

  before(async () => {
    cwd = await mkdtemp(path.join(tmpdir(), 'liptako-multinode-'));
    receiver = await webhookReceiver();
    const env = {
      DATABASE_URL: databaseUrl.href,
      LIPTAKO_ALERT_POLL_MS: String(POLL_MS),
      LIPTAKO_CHARTER_TICK_SECONDS: '1',
      // One key for the deployment, as the README asks: here both nodes share a folder, and the one
      // that starts first creates it.
      LIPTAKO_AUDIT_KEY: path.join(cwd, 'audit-key.pem'),
      LIPTAKO_LOG_LEVEL: 'error',
    };
    const [portA, portB] = [await freePort(), await freePort()];
    // Both at once, on a schema that does not exist yet.
    for (const port of [portA, portB])
      nodes.push(startLiptako(['serve', '--port', String(port)], { cwd, env }));
    const [servingA, servingB] = await Promise.all(
      nodes.map((n) => n.waitFor(/serving on (\S+)/, START_TIMEOUT_MS)),
    );
    a = servingA?.[1] ?? '';
    b = servingB?.[1] ?? '';
    store = await openStore({ databaseUrl: testDatabaseUrl, schema });
  });

  after(async () => {
    for (const s of streams) s.close();
    await Promise.allSettled(nodes.map((n) => stopLiptako(n)));
    await store?.close();
    await receiver?.close();
    const admin = new pg.Client({ connectionString: connectionUrl(testDatabaseUrl) });
    await admin.connect();
    try {
      // Made above from hex digits: nothing to quote.
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await admin.end();
    }
    await rm(cwd, { recursive: true, force: true });
  });

  it('migrates the empty schema once when both nodes start at once, and both serve with one audit key', async () => {
    assert.notEqual(a, b);
    for (const node of [a, b]) assert.equal((await fetch(`${node}/healthz`)).status, 200);
    const admin = new pg.Client({ connectionString: connectionUrl(testDatabaseUrl) });
    await admin.connect();
    try {
      const runs = await admin.query<{ name: string; n: number }>(
        `SELECT name, count(*)::int AS n FROM ${schema}.kysely_migration GROUP BY name`,
      );
      assert.ok(runs.rows.length >= 12, `${runs.rows.length} migrations recorded`);
      assert.deepEqual(
        runs.rows.filter((r) => r.n !== 1),
        [],
      );
    } finally {
      await admin.end();
    }
    const keys = nodes.map((n) => /audit key:\s+(\S+)/.exec(n.stdout())?.[1]);
    assert.ok(keys[0] !== undefined);
    assert.equal(keys[1], keys[0]);
  });

  it('keeps a session made on A valid on B, ends it on both when signed out on A; a token works on both', async () => {
    const made = await createUser(
      db(),
      { name: 'amina', role: 'analyst', party: null, password: PASSWORD },
      new Date(),
      TEST_ACTOR,
    );
    assert.ok(made.ok);
    const signIn = await fetch(`${a}/api/session`, {
      method: 'POST',
      headers: json(),
      body: JSON.stringify({ username: 'amina', password: PASSWORD }),
    });
    assert.equal(signIn.status, 200);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    assert.match(cookie, /^liptako_session=/);
    const { csrf } = (await signIn.json()) as { csrf: string };

    const onB = await fetch(`${b}/api/session`, { headers: { cookie } });
    assert.equal(onB.status, 200);
    // A write on B with A's CSRF token: nothing about a session is kept in one process.
    const issued = await fetch(`${b}/api/me/tokens`, {
      method: 'POST',
      headers: json({ cookie, 'x-csrf-token': csrf }),
      body: JSON.stringify({ scope: 'write', label: 'multinode' }),
    });
    assert.equal(issued.status, 201);
    token = ((await issued.json()) as { token: string }).token;
    for (const node of [a, b]) {
      const me = await fetch(`${node}/api/me`, { headers: bearer() });
      assert.equal(me.status, 200, node);
      assert.equal(((await me.json()) as { name: string }).name, 'amina');
    }

    const out = await fetch(`${a}/api/session`, {
      method: 'DELETE',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    assert.ok(out.status < 300, String(out.status));
    assert.equal((await fetch(`${b}/api/session`, { headers: { cookie } })).status, 401);
    assert.equal((await fetch(`${a}/api/session`, { headers: { cookie } })).status, 401);
  });

  it("brings a report posted on A to B's stream by NOTIFY, long before the poll", async (t) => {
    const subscription = await fetch(`${a}/api/subscriptions`, {
      method: 'POST',
      headers: json(bearer()),
      body: JSON.stringify({ name: 'everything, by webhook', webhook: { url: receiver?.url } }),
    });
    assert.equal(subscription.status, 201, await subscription.clone().text());
    const stream = await openSse(`${b}/api/stream`, bearer());
    streams.push(stream);
    assert.equal(stream.status, 200);
    // The extractor indexes the gazetteer on its first report: a report without an event warms A's.
    const warm = await fetch(`${a}/api/reports`, {
      method: 'POST',
      headers: json(bearer()),
      body: JSON.stringify({ source: 'warm-up', text: 'Réunion de coordination sans incident.' }),
    });
    assert.equal(warm.status, 201);
    const r = SOLHAN_REPORTS[0];
    assert.ok(r);
    const res = await fetch(`${a}/api/reports`, {
      method: 'POST',
      headers: json(bearer()),
      body: JSON.stringify({
        kind: 'news',
        source: 'Journal',
        language: r.lang,
        text: r.text,
        published: r.published,
        classification: 'PUBLIC',
      }),
    });
    assert.equal(res.status, 201);
    // Committed before the answer was sent: from here on, only the NOTIFY (or the poll) can tell B.
    const committed = performance.now();
    const created = (await res.json()) as { incidents: { id: number }[] };
    const [alert] = await stream.waitFor(1, 'alert', EVENT_TIMEOUT_MS);
    assert.ok(alert);
    const latency = alert.at - committed;
    assert.ok(latency < POLL_MS / 4, `${Math.round(latency)} ms`);
    t.diagnostic(`A's commit to B's subscriber: ${Math.round(latency)} ms (poll: ${POLL_MS} ms)`);
    const body = JSON.parse(alert.data) as { kind: string; incident_id: number };
    assert.equal(body.kind, 'incident.created');
    assert.equal(body.incident_id, created.incidents[0]?.id);
  });

  it('stores and ingests once the same report sent to A and B at once: one report, one incident', async () => {
    const r = NIGER_REPORT;
    const payload = JSON.stringify({
      kind: 'field',
      source: 'Poste de Téra',
      language: r.lang,
      text: r.text,
      published: r.published,
      classification: 'PUBLIC',
      client_ref: 'tera-2026-0001',
    });
    // B's extractor is still cold: A's answer may come first, or not; either way, one of them stores.
    const answers = await Promise.all(
      [a, b].map((node) =>
        fetch(`${node}/api/reports`, { method: 'POST', headers: json(bearer()), body: payload }),
      ),
    );
    assert.deepEqual(answers.map((x) => x.status).sort(), [200, 201]);
    const bodies = (await Promise.all(answers.map((x) => x.json()))) as {
      id: number;
      incidents: { id: number }[];
    }[];
    assert.equal(bodies[0]?.id, bodies[1]?.id);
    const reports = await db().listReports({ visibility: SYSTEM_VISIBILITY, limit: 100 });
    assert.equal(reports.items.filter((x) => x.clientRef === 'tera-2026-0001').length, 1);
    const links = await db().listReportLinks(bodies[0]?.id ?? 0, SYSTEM_VISIBILITY);
    assert.equal(links.length, 1, JSON.stringify(links));
    assert.deepEqual(
      [...new Set(bodies.flatMap((x) => x.incidents.map((i) => i.id)))],
      [links[0]?.incidentId],
    );
    assert.equal(await db().countIncidents({ visibility: SYSTEM_VISIBILITY, country: ['NER'] }), 1);
  });

  it('raises one surge and one surge alert though both nodes detect every second', async () => {
    const stream = streams[0];
    assert.ok(stream);
    await db().upsertIncidents(
      [
        incidentInput({
          eventDate: today(),
          admin1: 'Mopti',
          fatalities: { low: null, best: 14, high: null },
        }),
      ],
      { actor: TEST_ACTOR, changedBy: 'import', at: new Date().toISOString() },
    );
    const surgeAlert = async () => {
      for (;;) {
        const hit = stream.events.find((e) => e.event === 'alert' && JSON.parse(e.data).kind === 'surge');
        if (hit !== undefined) return hit;
        await stream.waitFor(
          stream.events.filter((e) => e.event === 'alert').length + 1,
          'alert',
          EVENT_TIMEOUT_MS,
        );
      }
    };
    await surgeAlert();
    // Both nodes tick every second: two more ticks each would have raised a second surge by now.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const open = await db().listOpenSurges();
    assert.equal(open.length, 1);
    const all = await db().readAlertEvents(0, 1000);
    assert.equal(all.filter((e) => e.kind === 'surge').length, 1);
  });

  it('delivers every alert to the webhook exactly once, though both nodes run the worker', async () => {
    assert.ok(receiver !== null);
    const seqs = (await db().readAlertEvents(0, 1000)).map((e) => e.seq);
    assert.ok(seqs.length >= 2, `${seqs.length} alerts`);
    await receiver.waitForSeqs(seqs);
    // A second delivery would be made by the other node's worker at the same moment: let it come.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const bySeq = new Map<number, number>();
    for (const d of receiver.received) bySeq.set(d.seq, (bySeq.get(d.seq) ?? 0) + 1);
    assert.deepEqual(
      [...bySeq.entries()].filter(([, n]) => n !== 1),
      [],
    );
    assert.deepEqual(
      [...bySeq.keys()].sort((x, y) => x - y),
      seqs,
    );
  });
});
