/** Reports → incidents with the real extractor, on a real SQLite file and the real PostgreSQL. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { extractorFor, ingestReport, SEE_ALL } from '../../src/commands/ingest-report.ts';
import { splitIncident } from '../../src/commands/split-incident.ts';
import type { Report } from '../../src/domain/report.ts';
import { loadReference } from '../../src/reference/load-reference.ts';
import type { Store } from '../../src/store/store.ts';
import { testStoreKinds, type TestStore } from '../support/databases.ts';
import { incidentInput, reportInput, TEST_ACTOR } from '../support/factories.ts';
import { NIGER_REPORT, SOLHAN_REPORTS, type InventedReport } from '../support/invented-reports.ts';

const NOW = new Date('2024-06-12T08:00:00Z');
const extractor = extractorFor(loadReference());

async function stored(
  store: Store,
  r: InventedReport,
  over: Partial<Parameters<typeof reportInput>[0]> = {},
) {
  const { report } = await store.insertReport(
    reportInput({
      kind: 'news',
      source: `Journal ${r.id}`,
      language: r.lang,
      title: null,
      text: r.text,
      published: r.published,
      placeText: null,
      latitude: null,
      longitude: null,
      clientRef: r.id,
      ...over,
    }),
    { actor: TEST_ACTOR, submittedBy: 'analyst', receivedAt: NOW.toISOString() },
  );
  return report;
}

for (const kind of testStoreKinds) {
  describe(`ingesting reports on ${kind.dialect}`, () => {
    let db: TestStore;
    let store: Store;
    const reports: Report[] = [];
    let solhanId = 0;
    let nigerReportId = 0;
    before(async () => {
      db = await kind.open();
      store = db.store;
    });
    after(() => db.dispose());

    it('makes five reports of one attack, in French and English, one incident with five sources', async () => {
      const outcomes: string[] = [];
      for (const r of SOLHAN_REPORTS) {
        const report = await stored(store, r);
        reports.push(report);
        const result = await ingestReport(store, extractor, report, NOW, TEST_ACTOR);
        assert.equal(result.error, null);
        assert.equal(result.events.length, 1, `${r.id}: ${JSON.stringify(result)}`);
        outcomes.push(result.events[0]?.outcome ?? '');
        solhanId ||= result.events[0]?.incidentId ?? 0;
        assert.equal(result.events[0]?.incidentId, solhanId);
      }
      assert.deepEqual(outcomes, ['created', 'fused', 'fused', 'fused', 'fused']);
      const sources = await store.listIncidentSources(solhanId, SEE_ALL);
      assert.deepEqual(
        sources.map((s) => s.report.id),
        reports.map((r) => r.id),
      );
      for (const s of sources) {
        assert.ok(s.link.evidence.length > 0);
        assert.ok(s.link.evidence.every((e) => s.report.text.slice(e.start, e.end) === e.text));
      }
    });

    it("gives the fused incident the best-supported values: the latest report's toll, the others as bounds", async () => {
      const incident = await store.getIncident(solhanId, SEE_ALL);
      assert.ok(incident);
      assert.equal(incident.status, 'machine-coded');
      assert.equal(incident.origin, 'report');
      assert.equal(incident.eventDate, '2024-06-08');
      assert.equal(incident.country, 'BFA');
      assert.equal(incident.eventType, 'Violence against civilians');
      assert.deepEqual(incident.fatalities, { low: 12, best: 19, high: 19 });
      assert.equal(incident.sourceKey, `report:${reports[0]?.id}:0`);
      assert.match(incident.source ?? '', /Journal solhan-1; Journal solhan-2/);
      const revisions = await store.listRevisions(solhanId);
      assert.deepEqual(
        revisions.map((r) => r.reason),
        reports.slice(1).map((r) => `fusion of report ${r.id}`),
      );
    });

    it('does not extract a report twice', async () => {
      const first = reports[0];
      assert.ok(first);
      const again = await ingestReport(store, extractor, first, NOW, TEST_ACTOR);
      assert.equal(again.alreadyIngested, true);
      assert.equal((await store.listIncidentSources(solhanId, SEE_ALL)).length, 5);
    });

    it('makes an attack elsewhere a separate incident', async () => {
      const report = await stored(store, NIGER_REPORT);
      nigerReportId = report.id;
      const result = await ingestReport(store, extractor, report, NOW, TEST_ACTOR);
      assert.equal(result.events.length, 1);
      assert.equal(result.events[0]?.outcome, 'created');
      assert.notEqual(result.events[0]?.incidentId, solhanId);
      const incident = await store.getIncident(result.events[0]?.incidentId ?? 0, SEE_ALL);
      assert.equal(incident?.country, 'NER');
      assert.equal(incident?.fatalities.best, 7);
    });

    it('does not fuse a report into an incident of another classification', async () => {
      const report = await stored(store, SOLHAN_REPORTS[0] as InventedReport, {
        classification: 'AES_RESTRICTED',
        clientRef: 'restricted-solhan',
      });
      const result = await ingestReport(store, extractor, report, NOW, TEST_ACTOR);
      assert.equal(result.events[0]?.outcome, 'created');
      const incident = await store.getIncident(result.events[0]?.incidentId ?? 0, SEE_ALL);
      assert.equal(incident?.classification, 'AES_RESTRICTED');
    });

    it('links a report to a verified incident for review without changing its fields', async () => {
      const verified = incidentInput({
        country: 'BFA',
        eventDate: '2024-06-08',
        eventType: 'Violence against civilians',
        subEventType: 'Attack',
        location: 'Solhan',
        latitude: 13.38,
        longitude: 0.45,
        fatalities: { low: null, best: 30, high: null },
        status: 'verified',
        classification: 'NATIONAL',
        ownerParty: 'BFA',
      });
      await store.upsertIncidents([verified], {
        actor: TEST_ACTOR,
        changedBy: 'import',
        at: NOW.toISOString(),
      });
      const before = await store.getIncidentBySourceKey(verified.sourceKey, SEE_ALL);
      assert.ok(before);
      const report = await stored(store, SOLHAN_REPORTS[1] as InventedReport, {
        classification: 'NATIONAL',
        ownerParty: 'BFA',
        clientRef: 'national-solhan',
      });
      const result = await ingestReport(store, extractor, report, NOW, TEST_ACTOR);
      assert.deepEqual(result.events[0], { eventIndex: 0, incidentId: before.id, outcome: 'review' });
      const afterwards = await store.getIncident(before.id, SEE_ALL);
      assert.deepEqual(afterwards?.fatalities, before.fatalities);
      assert.equal(afterwards?.status, 'verified');
      const [source] = await store.listIncidentSources(before.id, SEE_ALL);
      assert.equal(source?.link.needsReview, true);
      const revisions = await store.listRevisions(before.id);
      assert.deepEqual(Object.keys(revisions.at(-1)?.changes ?? {}), ['sources']);
      assert.match(revisions.at(-1)?.reason ?? '', /review/);
    });

    it('splits a wrongly fused report into its own incident and re-derives the one it leaves', async () => {
      const latest = reports[3]; // the 19-dead report published last
      assert.ok(latest);
      const result = await splitIncident(
        store,
        {
          actor: TEST_ACTOR,
          incidentId: solhanId,
          reportId: latest.id,
          reason: 'another village',
          by: 'ana',
          visibility: SEE_ALL,
        },
        NOW,
      );
      assert.ok(result.ok);
      assert.equal(result.detached.fatalities.best, 19);
      assert.equal(result.detached.status, 'machine-coded');
      assert.deepEqual(
        (await store.listIncidentSources(result.detached.id, SEE_ALL)).map((s) => s.report.id),
        [latest.id],
      );
      assert.equal((await store.listIncidentSources(solhanId, SEE_ALL)).length, 4);
      // The latest remaining tolls: 19 on 10 June (reports 2 and 5); 12 and 15 before.
      assert.deepEqual(result.incident.fatalities, { low: 12, best: 19, high: 19 });
      const revisions = await store.listRevisions(solhanId);
      assert.match(revisions.at(-1)?.reason ?? '', /^split: report \d+ detached .*: another village$/);
      assert.deepEqual(
        revisions.at(-1)?.changes['sources']?.after,
        reports.filter((r) => r !== latest).map((r) => r.id),
      );
    });

    it('refuses to split off the only source or a report that is not a source', async () => {
      const stranger = await splitIncident(
        store,
        {
          actor: TEST_ACTOR,
          incidentId: solhanId,
          reportId: 999_999,
          reason: 'nope',
          by: 'ana',
          visibility: SEE_ALL,
        },
        NOW,
      );
      assert.deepEqual(stranger.ok ? null : stranger.error, 'not_a_source');
      const [link] = await store.listReportLinks(nigerReportId, SEE_ALL);
      assert.ok(link);
      const result = await splitIncident(
        store,
        {
          actor: TEST_ACTOR,
          incidentId: link.incidentId,
          reportId: nigerReportId,
          reason: 'nope',
          by: 'ana',
          visibility: SEE_ALL,
        },
        NOW,
      );
      assert.deepEqual(result.ok ? null : result.error, 'only_source');
    });
  });
}
