/** POST /api/reports ingests the report; GET /api/incidents/:id shows its sources; split undoes a fusion. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testStoreKinds } from '../support/databases.ts';
import { SOLHAN_REPORTS } from '../support/invented-reports.ts';
import { openApi, type ApiHarness } from './api-harness.ts';

interface Created {
  id: number;
  incidents: { id: number; event_index: number; outcome: string }[];
  extraction_error: string | null;
}

for (const kind of testStoreKinds) {
  describe(`report ingestion over the API on ${kind.dialect}`, () => {
    let api: ApiHarness;
    const sent: Created[] = [];
    before(async () => {
      api = await openApi(await kind.open(), { now: () => new Date('2024-06-12T08:00:00Z') });
    });
    after(() => api.close());

    const post = (r: (typeof SOLHAN_REPORTS)[number]) =>
      api.app.inject({
        method: 'POST',
        url: '/api/reports',
        headers: api.as('analyst'),
        payload: {
          kind: 'news',
          source: `Journal ${r.id}`,
          language: r.lang,
          text: r.text,
          published: r.published,
          classification: 'PUBLIC',
          client_ref: r.id,
        },
      });

    it('returns each report with the incident it created or fused into: five reports, one incident', async () => {
      for (const r of SOLHAN_REPORTS) {
        const res = await post(r);
        assert.equal(res.statusCode, 201, res.body);
        sent.push(res.json<Created>());
      }
      assert.deepEqual(
        sent.map((s) => s.incidents.map((i) => i.outcome)),
        [['created'], ['fused'], ['fused'], ['fused'], ['fused']],
      );
      assert.equal(new Set(sent.map((s) => s.incidents[0]?.id)).size, 1);
      assert.ok(sent.every((s) => s.extraction_error === null));
    });

    it('answers a retry with the same client_ref with the same incidents and extracts nothing again', async () => {
      const first = SOLHAN_REPORTS[0];
      assert.ok(first);
      const res = await post(first);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(
        res.json<Created>().incidents.map((i) => i.id),
        sent[0]?.incidents.map((i) => i.id),
      );
      const id = sent[0]?.incidents[0]?.id;
      const detail = await api.app.inject({
        method: 'GET',
        url: `/api/incidents/${id}`,
        headers: api.as('analyst'),
      });
      assert.equal(detail.json().sources.length, 5);
    });

    it('shows an incident with its sources and their evidence spans', async () => {
      const id = sent[0]?.incidents[0]?.id;
      const res = await api.app.inject({
        method: 'GET',
        url: `/api/incidents/${id}`,
        headers: api.as('observer'),
      });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.equal(body.incident.fatalities, 19);
      assert.deepEqual(
        body.sources.map((s: { report_id: number }) => s.report_id),
        sent.map((s) => s.id),
      );
      const [source] = body.sources;
      assert.equal(source.source, 'Journal solhan-1');
      assert.ok(source.evidence.length > 0);
      assert.equal(typeof source.evidence[0].text, 'string');
      assert.equal(source.event.fatalities, 12);
    });

    it('lets an analyst split a wrong fusion, and not an observer', async () => {
      const id = sent[0]?.incidents[0]?.id;
      const split = (user: 'analyst' | 'observer') =>
        api.app.inject({
          method: 'POST',
          url: `/api/incidents/${id}/split`,
          headers: api.as(user),
          payload: { report_id: sent[2]?.id, reason: 'the English wire describes a neighbouring village' },
        });
      assert.equal((await split('observer')).statusCode, 403);
      const res = await split('analyst');
      assert.equal(res.statusCode, 200, res.body);
      const { incident, detached } = res.json();
      assert.equal(incident.id, id);
      assert.notEqual(detached.id, id);
      assert.equal(detached.fatalities, 15);
      const again = await split('analyst');
      assert.equal(again.statusCode, 422);
      assert.equal(again.json().error, 'not_a_source');
      const detail = await api.app.inject({
        method: 'GET',
        url: `/api/incidents/${id}`,
        headers: api.as('analyst'),
      });
      assert.equal(detail.json().sources.length, 4);
      assert.match(detail.json().revisions.at(-1).reason, /^split: /);
    });
  });
}
