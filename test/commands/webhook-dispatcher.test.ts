/**
 * Webhooks against real local HTTP servers: one that answers at once, one that never answers, one that
 * fails twice then succeeds. The fast one is delivered promptly while the hanging one times out; the
 * failing one is retried on the backoff schedule and delivered; a delivery that keeps failing ends
 * failed, visible to the subscription's owner. Deliveries are signed, matched once, and only for
 * alerts the owner may read.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createSubscription, webhookUrlProblems } from '../../src/commands/alert-subscriptions.ts';
import { createUser } from '../../src/commands/create-user.ts';
import { WebhookDispatcher } from '../../src/commands/webhook-dispatcher.ts';
import { verifyWebhook } from '../../src/commands/webhook-signature.ts';
import { incidentAlert, type NewAlertEvent } from '../../src/domain/alerts/alert-event.ts';
import { retryDelayMs } from '../../src/domain/alerts/retry-schedule.ts';
import type { Classification } from '../../src/domain/classification.ts';
import type { Store } from '../../src/store/store.ts';
import { testStoreKinds, type TestStore } from '../support/databases.ts';
import { BY, incidentInput, TEST_ACTOR } from '../support/factories.ts';

interface Received {
  readonly at: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

interface Endpoint {
  readonly url: string;
  readonly received: Received[];
  close(): Promise<void>;
}

/** A local server; `respond` decides each answer (null: never answer). */
async function endpoint(respond: (n: number) => number | null): Promise<Endpoint> {
  const received: Received[] = [];
  const hanging: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      received.push({ at: performance.now(), headers: req.headers, body });
      const status = respond(received.length);
      if (status === null) hanging.push(res);
      else res.writeHead(status).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address !== null && typeof address === 'object');
  return {
    url: `http://127.0.0.1:${address.port}/hook`,
    received,
    close: async () => {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function alert(classification: Classification, ownerParty: string | null, country = 'MLI'): NewAlertEvent {
  const i = incidentInput({ classification, ownerParty, country });
  return incidentAlert('incident.created', { ...i, id: 7, mergedInto: null });
}

for (const kind of testStoreKinds) {
  describe(`webhook delivery on ${kind.dialect}`, () => {
    let db: TestStore;
    let store: Store;
    let userId: number;
    let observerId: number;
    const endpoints: Endpoint[] = [];
    before(async () => {
      db = await kind.open();
      store = db.store;
      const made = await createUser(
        store,
        { name: 'awa', role: 'analyst', party: null },
        new Date(),
        TEST_ACTOR,
      );
      assert.ok(made.ok);
      userId = made.user.id;
      const obs = await createUser(
        store,
        { name: 'oumar', role: 'observer', party: null },
        new Date(),
        TEST_ACTOR,
      );
      assert.ok(obs.ok);
      observerId = obs.user.id;
    });
    after(async () => {
      for (const e of endpoints) await e.close();
      await db.dispose();
    });

    async function subscribe(url: string, owner = userId, filter: { country?: string } = {}) {
      const made = await createSubscription(
        store,
        owner,
        {
          name: url,
          ...(filter.country === undefined ? {} : { adminUnits: [{ country: filter.country }] }),
          webhook: { url },
        },
        BY,
        null,
      );
      assert.ok(made.ok);
      assert.ok(made.secret?.startsWith('whsec_'));
      return { id: made.subscription.id, secret: made.secret ?? '' };
    }

    it('delivers to a fast endpoint promptly while a hanging one times out, and retries a failing one until it succeeds', async () => {
      const fast = await endpoint(() => 204);
      const hang = await endpoint(() => null);
      const flaky = await endpoint((n) => (n <= 2 ? 503 : 200));
      endpoints.push(fast, hang, flaky);
      // A first run starts at the present: this earlier alert is not delivered to anyone.
      await store.publishAlerts([alert('PUBLIC', null)], BY);
      const worker = new WebhookDispatcher(store, {
        timeoutMs: 1500,
        retry: { maxAttempts: 5, baseMs: 200, capMs: 1000 },
        random: () => 0.5,
        pollMs: 50,
      });
      await worker.match();
      const hangSub = await subscribe(hang.url);
      const fastSub = await subscribe(fast.url);
      const flakySub = await subscribe(flaky.url);
      const [event] = await store.publishAlerts([alert('PUBLIC', null)], BY);
      assert.ok(event);
      const t0 = performance.now();
      worker.start();
      try {
        while (fast.received.length === 0 && performance.now() - t0 < 5000)
          await new Promise((r) => setTimeout(r, 10));
        assert.equal(fast.received.length, 1);
        const fastAfter = (fast.received[0]?.at ?? Infinity) - t0;
        assert.ok(fastAfter < 500, `the fast endpoint waited ${Math.round(fastAfter)} ms`);
        assert.equal(hang.received.length, 1, 'the hanging endpoint got its request too');

        const got = fast.received[0];
        assert.ok(got);
        const header = String(got.headers['x-liptako-signature']);
        assert.ok(verifyWebhook(fastSub.secret, header, got.body, Math.floor(Date.now() / 1000)));
        assert.ok(!verifyWebhook(hangSub.secret, header, got.body, Math.floor(Date.now() / 1000)));
        assert.ok(!verifyWebhook(fastSub.secret, header, `${got.body} `, Math.floor(Date.now() / 1000)));
        const json = JSON.parse(got.body);
        assert.equal(json.alert.seq, event.seq);
        assert.equal(json.subscription_id, fastSub.id);
        assert.equal(got.headers['x-liptako-event'], 'incident.created');

        // The flaky one: 503, 503 after the first backoff (100–200 ms), then 200 after the second.
        while (flaky.received.length < 3 && performance.now() - t0 < 8000)
          await new Promise((r) => setTimeout(r, 20));
        assert.equal(flaky.received.length, 3);
        const [a, b, c] = flaky.received.map((r) => r.at);
        assert.ok(a !== undefined && b !== undefined && c !== undefined);
        // random 0.5: delays of 150 ms then 300 ms (3/4 of 200·2^(n−1)); polls add up to 50 ms.
        assert.ok(b - a >= 140 && b - a < 600, `first retry after ${Math.round(b - a)} ms`);
        assert.ok(c - b >= 290 && c - b < 800, `second retry after ${Math.round(c - b)} ms`);

        // The hanging one times out, is retried (and times out again) while the others are done.
        while (performance.now() - t0 < 2500) await new Promise((r) => setTimeout(r, 50));
      } finally {
        await worker.stop();
      }
      const [fastD] = await store.listWebhookDeliveries(fastSub.id, 10);
      assert.equal(fastD?.status, 'delivered');
      assert.equal(fastD?.attempts, 1);
      const [flakyD] = await store.listWebhookDeliveries(flakySub.id, 10);
      assert.deepEqual([flakyD?.status, flakyD?.attempts, flakyD?.lastStatus], ['delivered', 3, 200]);
      const [hangD] = await store.listWebhookDeliveries(hangSub.id, 10);
      assert.equal(hangD?.status, 'pending');
      assert.ok((hangD?.attempts ?? 0) >= 1);
      assert.match(hangD?.lastError ?? '', /no answer within 1500 ms/);
      // Only the alert published after the subscriptions: the earlier one was before the worker began.
      assert.equal(fast.received.length, 1);
    });

    it('fails a delivery for good after the last attempt, and says why', async () => {
      const down = await endpoint(() => 500);
      endpoints.push(down);
      const sub = await subscribe(down.url);
      const worker = new WebhookDispatcher(store, {
        timeoutMs: 1000,
        retry: { maxAttempts: 3, baseMs: 20, capMs: 50 },
        pollMs: 20,
      });
      await worker.match();
      await store.publishAlerts([alert('PUBLIC', null)], BY);
      worker.start();
      const t0 = performance.now();
      try {
        while (performance.now() - t0 < 3000) {
          const [d] = await store.listWebhookDeliveries(sub.id, 1);
          if (d?.status === 'failed') break;
          await new Promise((r) => setTimeout(r, 20));
        }
      } finally {
        await worker.stop();
      }
      const [d] = await store.listWebhookDeliveries(sub.id, 1);
      assert.deepEqual([d?.status, d?.attempts, d?.lastStatus, d?.lastError], ['failed', 3, 500, 'HTTP 500']);
      assert.equal(down.received.length, 3);
    });

    it('matches each alert once against each subscription, only where the owner may read it', async () => {
      const sink = await endpoint(() => 200);
      endpoints.push(sink);
      const mali = await subscribe(sink.url, userId, { country: 'MLI' });
      const observers = await subscribe(sink.url, observerId);
      const a = new WebhookDispatcher(store);
      const b = new WebhookDispatcher(store);
      await a.match();
      const events = await store.publishAlerts(
        [alert('PUBLIC', null, 'MLI'), alert('NATIONAL', 'MLI', 'MLI'), alert('PUBLIC', null, 'NER')],
        BY,
      );
      // Two workers (two nodes) read the same alerts: the deliveries are written once.
      await Promise.all([a.match(), b.match()]);
      await a.match();
      const ofMali = await store.listWebhookDeliveries(mali.id, 10);
      assert.deepEqual(
        ofMali.map((d) => d.eventSeq).sort(),
        [events[0]?.seq, events[1]?.seq].sort(),
        'the analyst’s Mali subscription: both Mali alerts, the NATIONAL one too',
      );
      const ofObserver = await store.listWebhookDeliveries(observers.id, 10);
      assert.deepEqual(
        ofObserver.map((d) => d.eventSeq).sort(),
        [events[0]?.seq, events[2]?.seq].sort(),
        'the observer: every PUBLIC alert, never the NATIONAL one',
      );
    });

    it('claims a due delivery for one worker only until its lease ends', async () => {
      const now = new Date().toISOString();
      const lease = new Date(Date.now() + 60_000).toISOString();
      const [first, second] = await Promise.all([
        store.claimWebhookDeliveries(now, lease, 100),
        store.claimWebhookDeliveries(now, lease, 100),
      ]);
      const ids = [...(first ?? []), ...(second ?? [])].map((d) => d.id);
      assert.equal(new Set(ids).size, ids.length, 'no delivery handed to two workers');
      assert.ok(ids.length > 0);
      assert.deepEqual(
        await store.claimWebhookDeliveries(now, lease, 100),
        [],
        'leased rows are not handed out again',
      );
      const later = new Date(Date.now() + 120_000).toISOString();
      // Every leased delivery again (with any that came due since `now`, from a retry of another test).
      const again = new Set((await store.claimWebhookDeliveries(later, later, 100)).map((d) => d.id));
      assert.deepEqual(
        ids.filter((id) => !again.has(id)),
        [],
        'after the lease, they are',
      );
    });
  });
}

describe('the retry schedule', () => {
  it('doubles from the base, with jitter between half and all of it, capped, and stops after the last attempt', () => {
    const policy = { maxAttempts: 4, baseMs: 1000, capMs: 3000 };
    assert.deepEqual(
      [1, 2, 3].map((n) => retryDelayMs(policy, n, 0)),
      [500, 1000, 1500],
    );
    assert.deepEqual(
      [1, 2, 3].map((n) => retryDelayMs(policy, n, 0.999999)),
      [1000, 2000, 3000],
    );
    assert.equal(retryDelayMs(policy, 4, 0.5), null);
  });
});

describe('a webhook URL', () => {
  it('must be http(s) without credentials, and on the allow-list when one is set', () => {
    assert.deepEqual(webhookUrlProblems('https://hooks.example.org/x', null), []);
    assert.deepEqual(webhookUrlProblems('ftp://hooks.example.org/x', null), ['must be an http or https URL']);
    assert.deepEqual(webhookUrlProblems('https://u:p@hooks.example.org/x', null), [
      'must not carry a user name or password',
    ]);
    assert.deepEqual(webhookUrlProblems('not a url', null), ['is not a URL']);
    const allow = ['hooks.example.org', '*.partner.ne'];
    assert.deepEqual(webhookUrlProblems('https://HOOKS.example.org/x', allow), []);
    assert.deepEqual(webhookUrlProblems('https://a.partner.ne/x', allow), []);
    assert.match(
      webhookUrlProblems('http://169.254.169.254/latest', allow).join(),
      /not on the webhook allow-list/,
    );
    assert.match(
      webhookUrlProblems('https://partner.ne.evil.org/', allow).join(),
      /not on the webhook allow-list/,
    );
  });
});
