/**
 * The Store's report–incident links and fusion candidates, on every implementation (a real SQLite file
 * and the real PostgreSQL).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Visibility } from '../../src/domain/classification.ts';
import type { ReportEvent, ReportLink } from '../../src/domain/report-link.ts';
import type { FusionQuery, Store } from '../../src/store/store.ts';
import { testStoreKinds, type TestStore } from '../support/databases.ts';
import { incidentInput, reportInput, TEST_ACTOR, BY } from '../support/factories.ts';

const ALL: Visibility = { classifications: ['PUBLIC', 'AES_RESTRICTED', 'NATIONAL'], nationalOf: null };
const PUBLIC_ONLY: Visibility = { classifications: ['PUBLIC'], nationalOf: null };
const AT = '2025-01-01T00:00:00.000Z';
const META = { changedBy: 'test', at: AT, actor: TEST_ACTOR };

const event: ReportEvent = {
  eventDate: '2024-03-15',
  dateStated: true,
  country: 'MLI',
  admin1: 'Mopti',
  location: 'Boni',
  latitude: 15.05,
  longitude: -1.87,
  eventType: 'Battles',
  subEventType: 'Armed clash',
  actor1: null,
  actor2: null,
  fatalities: 4,
};

const query = (over: Partial<FusionQuery> = {}): FusionQuery => ({
  visibility: ALL,
  country: 'MLI',
  eventDate: '2024-03-15',
  days: 1,
  latitude: 15.05,
  longitude: -1.87,
  radiusKm: 25,
  location: null,
  ...over,
});

async function addIncident(store: Store, over: Parameters<typeof incidentInput>[0] = {}): Promise<number> {
  const input = incidentInput(over);
  await store.upsertIncidents([input], META);
  const found = await store.getIncidentBySourceKey(input.sourceKey, ALL);
  assert.ok(found);
  return found.id;
}

for (const kind of testStoreKinds) {
  describe(`report links and fusion candidates on ${kind.dialect}`, () => {
    let db: TestStore;
    let store: Store;
    before(async () => {
      db = await kind.open();
      store = db.store;
    });
    after(() => db.dispose());

    it('finds incidents of the country within a day and 25 km, and none further, later or rejected', async () => {
      const near = await addIncident(store, { latitude: 15.1, longitude: -1.8, eventDate: '2024-03-16' });
      const far = await addIncident(store, { latitude: 15.5, longitude: -1.87 }); // ~50 km north
      const late = await addIncident(store, { eventDate: '2024-03-17' });
      const rejected = await addIncident(store, { status: 'rejected' });
      const abroad = await addIncident(store, { country: 'BFA' });
      const ids = (await store.findFusionCandidates(query())).map((i) => i.id);
      assert.ok(ids.includes(near));
      for (const id of [far, late, rejected, abroad]) assert.ok(!ids.includes(id), `incident ${id}`);
    });

    it('finds an incident of the same place name, accents and case aside, wherever its point', async () => {
      const named = await addIncident(store, {
        location: 'Tillabéri',
        latitude: 14.2,
        longitude: 1.45,
        country: 'NER',
        eventDate: '2024-04-02',
      });
      const found = await store.findFusionCandidates(
        query({
          country: 'NER',
          eventDate: '2024-04-01',
          latitude: null,
          longitude: null,
          location: 'TILLABERI',
        }),
      );
      assert.deepEqual(
        found.map((i) => i.id),
        [named],
      );
    });

    it('keeps candidates to what the visibility sees', async () => {
      const restricted = await addIncident(store, {
        classification: 'AES_RESTRICTED',
        eventDate: '2024-05-01',
      });
      const seen = await store.findFusionCandidates(
        query({ eventDate: '2024-05-01', visibility: PUBLIC_ONLY }),
      );
      assert.ok(!seen.map((i) => i.id).includes(restricted));
      const all = await store.findFusionCandidates(query({ eventDate: '2024-05-01' }));
      assert.ok(all.map((i) => i.id).includes(restricted));
    });

    it('links a report to an incident once per event and lists the sources with their evidence', async () => {
      const incidentId = await addIncident(store, { eventDate: '2024-07-01' });
      const { report } = await store.insertReport(reportInput(), {
        actor: TEST_ACTOR,
        submittedBy: 'ana',
        receivedAt: AT,
      });
      const link: ReportLink = {
        reportId: report.id,
        eventIndex: 0,
        incidentId,
        confidence: 0.8,
        evidence: [{ start: 0, end: 12, text: 'Des hommes a' }],
        event,
        needsReview: false,
        createdAt: AT,
      };
      assert.equal(await store.linkReport(link, BY), true);
      assert.equal(await store.linkReport(link, BY), false);
      const sources = await store.listIncidentSources(incidentId, ALL);
      assert.equal(sources.length, 1);
      assert.equal(sources[0]?.report.id, report.id);
      assert.deepEqual(sources[0]?.link, link);
      assert.deepEqual(await store.listReportLinks(report.id, ALL), [link]);
    });

    it("hides a restricted report among an incident's sources, and links to a hidden incident", async () => {
      const incidentId = await addIncident(store, { eventDate: '2024-07-02' });
      const secret = await addIncident(store, { eventDate: '2024-07-02', classification: 'AES_RESTRICTED' });
      const { report } = await store.insertReport(reportInput({ classification: 'AES_RESTRICTED' }), {
        actor: TEST_ACTOR,
        submittedBy: 'ana',
        receivedAt: AT,
      });
      const base = {
        reportId: report.id,
        confidence: 1,
        evidence: [],
        event,
        needsReview: false,
        createdAt: AT,
      };
      await store.linkReport({ ...base, eventIndex: 0, incidentId }, BY);
      await store.linkReport({ ...base, eventIndex: 1, incidentId: secret }, BY);
      assert.deepEqual(await store.listIncidentSources(incidentId, PUBLIC_ONLY), []);
      assert.equal((await store.listIncidentSources(incidentId, ALL)).length, 1);
      assert.deepEqual(
        (await store.listReportLinks(report.id, PUBLIC_ONLY)).map((l) => l.incidentId),
        [incidentId],
      );
    });

    it('moves a link to another incident', async () => {
      const from = await addIncident(store, { eventDate: '2024-07-03' });
      const to = await addIncident(store, { eventDate: '2024-07-03' });
      const { report } = await store.insertReport(reportInput(), {
        actor: TEST_ACTOR,
        submittedBy: 'ana',
        receivedAt: AT,
      });
      await store.linkReport(
        {
          reportId: report.id,
          eventIndex: 0,
          incidentId: from,
          confidence: 1,
          evidence: [],
          event,
          needsReview: true,
          createdAt: AT,
        },
        BY,
      );
      assert.equal(
        await store.moveReportLink(report.id, 0, { incidentId: to, needsReview: false }, BY),
        true,
      );
      assert.equal(
        await store.moveReportLink(report.id, 5, { incidentId: to, needsReview: false }, BY),
        false,
      );
      assert.deepEqual(await store.listIncidentSources(from, ALL), []);
      const [moved] = await store.listIncidentSources(to, ALL);
      assert.equal(moved?.link.needsReview, false);
    });

    it('records the sources of a change in the revision, even when no field changes', async () => {
      const id = await addIncident(store, { eventDate: '2024-07-04' });
      const updated = await store.updateIncident(id, {
        actor: TEST_ACTOR,
        sources: { before: [1], after: [1, 2] },
        changedBy: 'ingest',
        reason: 'fusion of report 2',
        at: AT,
      });
      assert.equal(updated?.revision, 2);
      const revisions = await store.listRevisions(id);
      assert.deepEqual(revisions.at(-1)?.changes, { sources: { before: [1], after: [1, 2] } });
    });
  });
}
