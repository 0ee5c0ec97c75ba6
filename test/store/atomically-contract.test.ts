/**
 * Store.atomically on every implementation: what the bound store writes (reports, incidents with their
 * summaries and search index, links, updates) commits together, or not at all when the work fails.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Visibility } from '../../src/domain/classification.ts';
import type { Store } from '../../src/store/store.ts';
import { testStoreKinds, type TestStore } from '../support/databases.ts';
import { BY, incidentInput, reportInput, TEST_ACTOR } from '../support/factories.ts';

const ALL: Visibility = { classifications: ['PUBLIC', 'AES_RESTRICTED', 'NATIONAL'], nationalOf: null };
const META = { changedBy: 'test', at: '2025-01-01T00:00:00.000Z', actor: TEST_ACTOR };
const RECEIVED = { submittedBy: 'amadou', receivedAt: '2025-01-01T00:00:00.000Z', actor: TEST_ACTOR };

/** A report, an incident (twice: a batch within the work's transaction) and a link, then an update. */
async function writeAll(store: Store, ref: string, key: string): Promise<number> {
  const { report } = await store.insertReport(
    reportInput({ clientRef: ref, text: `Rapport ${ref}` }),
    RECEIVED,
  );
  await store.upsertIncidents([incidentInput({ sourceKey: key, notes: `atomiquement ${key}` })], META);
  const incident = await store.getIncidentBySourceKey(key, ALL);
  assert.ok(incident);
  await store.linkReport(
    {
      reportId: report.id,
      eventIndex: 0,
      incidentId: incident.id,
      confidence: 0.8,
      evidence: [],
      event: {
        eventDate: incident.eventDate,
        dateStated: true,
        country: incident.country,
        admin1: null,
        location: null,
        latitude: null,
        longitude: null,
        eventType: incident.eventType,
        subEventType: incident.subEventType,
        actor1: null,
        actor2: null,
        fatalities: 1,
      },
      needsReview: false,
      createdAt: META.at,
    },
    BY,
  );
  await store.updateIncident(incident.id, {
    status: 'reported',
    changedBy: 'test',
    reason: 'step',
    at: META.at,
    actor: TEST_ACTOR,
  });
  return incident.id;
}

for (const kind of testStoreKinds) {
  describe(`Store.atomically on ${kind.dialect}`, () => {
    let db: TestStore;
    let store: Store;
    before(async () => {
      db = await kind.open();
      store = db.store;
    });
    after(() => db.dispose());

    it('keeps nothing of a work that fails halfway: no report, incident, link, summary or search entry', async () => {
      const before = await store.timelineIncidents({ visibility: ALL });
      await assert.rejects(
        store.atomically(async (tx) => {
          await writeAll(tx, 'atomic-failed', 'atomic:failed');
          throw new Error('crash between two writes');
        }),
        /crash between two writes/,
      );
      assert.equal(await store.getIncidentBySourceKey('atomic:failed', ALL), null);
      const reports = await store.listReports({ visibility: ALL, limit: 100 });
      assert.deepEqual(
        reports.items.filter((r) => r.clientRef === 'atomic-failed'),
        [],
      );
      assert.equal(await store.countIncidents({ visibility: ALL, q: 'atomiquement' }), 0);
      assert.deepEqual(await store.timelineIncidents({ visibility: ALL }), before);
      assert.deepEqual(await store.aggregateIncidents({ visibility: ALL, zoom: 4 }), []);
    });

    it('runs the works of one lane one at a time, and concurrent changes of an incident one after the other', async () => {
      await store.upsertIncidents([incidentInput({ sourceKey: 'atomic:lane' })], META);
      const incident = await store.getIncidentBySourceKey('atomic:lane', ALL);
      assert.ok(incident);
      const order: string[] = [];
      const work = (name: string) => (tx: Store) =>
        (async () => {
          order.push(`${name} in`);
          await tx.updateIncident(incident.id, {
            status: 'reported',
            changedBy: name,
            reason: name,
            at: META.at,
            actor: TEST_ACTOR,
          });
          await new Promise((resolve) => setTimeout(resolve, 30));
          await tx.updateIncident(incident.id, {
            status: 'verified',
            changedBy: name,
            reason: name,
            at: META.at,
            actor: TEST_ACTOR,
          });
          order.push(`${name} out`);
        })();
      await Promise.all([store.atomically(work('a'), 'test-lane'), store.atomically(work('b'), 'test-lane')]);
      // Either may take the lane first; the other waits for its end.
      assert.ok(
        ['a in,a out,b in,b out', 'b in,b out,a in,a out'].includes(order.join()),
        `interleaved: ${order.join()}`,
      );
      const revisions = await store.listRevisions(incident.id);
      assert.deepEqual(
        revisions.map((r) => r.revision),
        [2, 3, 4, 5],
      );
    });

    it('commits the whole work, and a nested call joins the same transaction', async () => {
      const id = await store.atomically((tx) =>
        tx.atomically((inner) => writeAll(inner, 'atomic-ok', 'atomic:ok')),
      );
      const incident = await store.getIncident(id, ALL);
      assert.equal(incident?.status, 'reported');
      assert.equal((await store.listIncidentSources(id, ALL)).length, 1);
      assert.equal(await store.countIncidents({ visibility: ALL, q: 'atomiquement' }), 1);
      assert.equal((await store.aggregateIncidents({ visibility: ALL, zoom: 4 })).length, 1);
    });
  });
}
