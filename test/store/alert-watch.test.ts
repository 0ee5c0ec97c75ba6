/**
 * Store.watchAlerts on both stores: a watcher wakes once alerts are committed (not before, not for a
 * rollback); on PostgreSQL also for alerts another store (another node) commits on the same schema,
 * never for another schema's, and again after its connection was killed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { incidentAlert, type NewAlertEvent } from '../../src/domain/alerts/alert-event.ts';
import { openStore } from '../../src/store/open-store.ts';
import { connectionUrl, searchPathSchema } from '../../src/store/postgres/connection-url.ts';
import type { AlertWatch, Store } from '../../src/store/store.ts';
import {
  openPostgresTestStore,
  testDatabaseUrl,
  testStoreKinds,
  type TestStore,
} from '../support/databases.ts';
import { BY, incidentInput } from '../support/factories.ts';

const WAKE_TIMEOUT_MS = 20_000;

function alert(): NewAlertEvent {
  return incidentAlert('incident.created', { ...incidentInput(), id: 5, mergedInto: null });
}

/** Counts wake-ups; `next()` resolves at the next one. */
function wakeCounter() {
  let count = 0;
  let waiters: (() => void)[] = [];
  return {
    onWake: () => {
      count += 1;
      const w = waiters;
      waiters = [];
      for (const resolve of w) resolve();
    },
    get count() {
      return count;
    },
    next(): Promise<void> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no wake-up came')), WAKE_TIMEOUT_MS);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}

for (const kind of testStoreKinds) {
  describe(`watching the alert outbox on ${kind.dialect}`, () => {
    let db: TestStore;
    let store: Store;
    before(async () => {
      db = await kind.open();
      store = db.store;
    });
    after(() => db.dispose());

    it('wakes once alerts written in a transaction commit, and stops waking once closed', async () => {
      const wakes = wakeCounter();
      const watch = await store.watchAlerts(wakes.onWake);
      try {
        const woken = wakes.next();
        let countInside = -1;
        await store.atomically(async (tx) => {
          await tx.publishAlerts([alert()], BY);
          countInside = wakes.count;
        });
        await woken;
        assert.equal(countInside, 0, 'no wake-up before the commit');
        const plain = wakes.next();
        await store.publishAlerts([alert()], BY);
        await plain;
      } finally {
        await watch.close();
      }
      const before = wakes.count;
      await store.publishAlerts([alert()], BY);
      // A NOTIFY would arrive within milliseconds; give it ample time to show that none does.
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(wakes.count, before);
    });
  });
}

describe('watching the alert outbox across PostgreSQL nodes', () => {
  let db: TestStore;
  let other: TestStore;
  let nodeB: Store;
  before(async () => {
    db = await openPostgresTestStore();
    other = await openPostgresTestStore();
    // A second store on the same schema, named the way the CLI names it: in the URL.
    const url = new URL(testDatabaseUrl);
    url.searchParams.set('options', `-c search_path=${db.location}`);
    nodeB = await openStore({ databaseUrl: url.href });
  });
  after(async () => {
    await nodeB.close();
    await other.dispose();
    await db.dispose();
  });

  it('reads the schema from the URL options, and only a single plain name', () => {
    const url = (options: string) => `postgres://h/d?options=${encodeURIComponent(options)}`;
    assert.equal(searchPathSchema(url('-c search_path=liptako_a')), 'liptako_a');
    assert.equal(searchPathSchema(url('--search_path=b2')), 'b2');
    assert.equal(searchPathSchema(url('-c search_path=a,public')), undefined);
    assert.equal(searchPathSchema('postgres://h/d'), undefined);
  });

  it("wakes for alerts another node commits on its schema, never for another schema's", async () => {
    const wakes = wakeCounter();
    const watch = await db.store.watchAlerts(wakes.onWake);
    try {
      const woken = wakes.next();
      const [written] = await nodeB.publishAlerts([alert()], BY);
      await woken;
      assert.equal((await db.store.readAlertEvents(0, 100)).at(-1)?.seq, written?.seq);
      const count = wakes.count;
      await other.store.publishAlerts([alert()], BY);
      // Then one of its own schema: had the other schema's NOTIFY come, it came before this one.
      const again = wakes.next();
      await nodeB.publishAlerts([alert()], BY);
      await again;
      assert.equal(wakes.count, count + 1);
    } finally {
      await watch.close();
    }
  });

  it('listens again after its connection is killed, waking once to catch up', async () => {
    const wakes = wakeCounter();
    const errors: unknown[] = [];
    const watch: AlertWatch = await db.store.watchAlerts(wakes.onWake, (e) => errors.push(e));
    const admin = new pg.Client({ connectionString: connectionUrl(testDatabaseUrl) });
    await admin.connect();
    try {
      const caughtUp = wakes.next();
      const killed = await admin.query<{ n: number }>(
        // This schema's listener alone (its last statement names the channel): other suites share the database.
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
         WHERE query = 'LISTEN liptako_alerts_' || left(md5($1), 16)`,
        [db.location],
      );
      assert.ok((killed.rows[0]?.n ?? 0) >= 1, 'a listening connection was killed');
      await caughtUp;
      assert.ok(errors.length >= 1, 'the loss was reported');
      const woken = wakes.next();
      await nodeB.publishAlerts([alert()], BY);
      await woken;
    } finally {
      await admin.end();
      await watch.close();
    }
  });
});
