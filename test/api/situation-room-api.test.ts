/**
 * The routes the situation room's web UI calls, on SQLite and PostgreSQL: the weekly timeline, the
 * admin-1 and sub-type filters, merging two incidents, bulk triage, and the triage queue's order and
 * count.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Visibility } from '../../src/domain/classification.ts';
import type { IncidentInput } from '../../src/store/store.ts';
import { testStoreKinds } from '../support/databases.ts';
import { incidentInput, reportInput, TEST_ACTOR, BY } from '../support/factories.ts';
import { openApi, type ApiHarness, type UserName } from './api-harness.ts';

const ALL: Visibility = { classifications: ['PUBLIC', 'AES_RESTRICTED', 'NATIONAL'], nationalOf: null };

interface Timeline {
  weeks: {
    week: string;
    count: number;
    fatalities: number;
    by_event_type: Record<string, number>;
    fatalities_by_event_type: Record<string, number>;
  }[];
  from: string | null;
  to: string | null;
}

for (const kind of testStoreKinds) {
  describe(`situation-room routes on ${kind.dialect}`, () => {
    let api: ApiHarness;
    const ids: Record<string, number> = {};
    const id = (name: string): number => ids[name] ?? -1;
    const rows: Record<string, IncidentInput> = {
      // Monday 2024-01-01 and Sunday 2024-01-07: one week.
      mon: incidentInput({
        eventDate: '2024-01-01',
        admin1: 'Ségou',
        fatalities: { low: null, best: 2, high: null },
      }),
      sun: incidentInput({
        eventDate: '2024-01-07',
        admin1: 'Mopti',
        eventType: 'Violence against civilians',
        subEventType: 'Attack',
        fatalities: { low: null, best: 5, high: null },
      }),
      // Two empty weeks, then 2024-01-22.
      later: incidentInput({ eventDate: '2024-01-24', admin1: 'SEGOU', status: 'reported' }),
      hidden: incidentInput({
        eventDate: '2024-01-03',
        admin1: 'Gao',
        classification: 'NATIONAL',
        ownerParty: 'NER',
        fatalities: { low: null, best: 40, high: null },
      }),
      restricted: incidentInput({ eventDate: '2024-01-25', admin1: 'Gao', classification: 'AES_RESTRICTED' }),
    };
    const get = (url: string, user: UserName = 'analyst') =>
      api.app.inject({ method: 'GET', url, headers: api.as(user) });
    const post = (url: string, payload: unknown, user: UserName = 'analyst') =>
      api.app.inject({ method: 'POST', url, payload: payload as object, headers: api.as(user) });

    before(async () => {
      api = await openApi(await kind.open());
      await api.db.store.upsertIncidents(Object.values(rows), {
        actor: TEST_ACTOR,
        changedBy: 'test',
        at: '2024-06-01T00:00:00Z',
      });
      for (const [name, input] of Object.entries(rows)) {
        const found = await api.db.store.getIncidentBySourceKey(input.sourceKey, ALL);
        assert.ok(found);
        ids[name] = found.id;
      }
    });
    after(() => api.close());

    it('documents the new routes, their queries and bodies in the OpenAPI document', async () => {
      const doc = (await api.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
        paths: Record<
          string,
          Record<
            string,
            { parameters?: { name: string }[]; requestBody?: unknown; responses: Record<string, unknown> }
          >
        >;
      };
      const params = (path: string): string[] =>
        (doc.paths[path]?.['get']?.parameters ?? []).map((p) => p.name);
      for (const name of ['admin1', 'sub_event_type', 'country', 'from', 'to'])
        assert.ok(params('/api/incidents/timeline').includes(name), name);
      for (const name of ['sort', 'count', 'admin1', 'sub_event_type'])
        assert.ok(params('/api/incidents').includes(name), name);
      assert.ok(params('/api/incidents/aggregate').includes('admin1'));
      for (const path of ['/api/incidents/{id}/merge', '/api/incidents/bulk']) {
        assert.ok(doc.paths[path]?.['post']?.requestBody, path);
        assert.ok(doc.paths[path]?.['post']?.responses['200'], path);
      }
      assert.ok(doc.paths['/api/incidents/{id}/merge']?.['post']?.responses['409']);
    });

    describe('GET /api/incidents/timeline', () => {
      it('gives every week from the first to the last, empty weeks as zeros, stacked by type', async () => {
        const res = await get('/api/incidents/timeline?country=MLI');
        assert.equal(res.statusCode, 200, res.body);
        const body = res.json() as Timeline;
        assert.deepEqual(
          body.weeks.map((w) => [w.week, w.count, w.fatalities]),
          [
            ['2024-01-01', 3, 2 + 5 + 40],
            ['2024-01-08', 0, 0],
            ['2024-01-15', 0, 0],
            ['2024-01-22', 2, 6],
          ],
        );
        assert.deepEqual(body.weeks[0]?.by_event_type, { Battles: 2, 'Violence against civilians': 1 });
        assert.deepEqual(body.weeks[0]?.fatalities_by_event_type, {
          Battles: 42,
          'Violence against civilians': 5,
        });
        assert.deepEqual(body.weeks[1]?.by_event_type, {});
        assert.deepEqual([body.from, body.to], ['2024-01-01', '2024-01-28']);
      });

      it('counts no record the viewer may not see', async () => {
        const observer = (await get('/api/incidents/timeline', 'observer')).json() as Timeline;
        assert.deepEqual(
          observer.weeks.map((w) => [w.week, w.count, w.fatalities]),
          [
            ['2024-01-01', 2, 7],
            ['2024-01-08', 0, 0],
            ['2024-01-15', 0, 0],
            ['2024-01-22', 1, 3],
          ],
        );
        const liaison = (await get('/api/incidents/timeline', 'liaisonMli')).json() as Timeline;
        assert.equal(liaison.weeks[0]?.fatalities, 7);
        assert.equal(liaison.weeks[3]?.count, 2);
      });

      it('covers the requested window, zeros at both ends, and applies every list filter', async () => {
        const body = (
          await get(
            '/api/incidents/timeline?from=2023-12-20&to=2024-01-10&admin1=segou,MOPTI&status=machine-coded',
          )
        ).json() as Timeline;
        assert.deepEqual(
          body.weeks.map((w) => [w.week, w.count]),
          [
            ['2023-12-18', 0],
            ['2023-12-25', 0],
            ['2024-01-01', 2],
            ['2024-01-08', 0],
          ],
        );
        assert.deepEqual([body.from, body.to], ['2023-12-20', '2024-01-10']);
        const attacks = (await get('/api/incidents/timeline?sub_event_type=Attack')).json() as Timeline;
        assert.deepEqual(
          attacks.weeks.map((w) => w.count),
          [1],
        );
        const none = (await get('/api/incidents/timeline?country=BFA')).json() as Timeline;
        assert.deepEqual(none, { weeks: [], from: null, to: null });
      });

      it('refuses a window longer than 600 weeks with 422 and a message saying what to do', async () => {
        const res = await get('/api/incidents/timeline?from=2000-01-01&to=2024-01-01');
        assert.equal(res.statusCode, 422);
        assert.equal(res.json().error, 'timeline_too_long');
        assert.match(res.json().message, /at most 600.*from and to/);
      });

      it('answers an unknown sub-type, a bad date or an unknown field with 400 naming it', async () => {
        for (const [query, field] of [
          ['sub_event_type=Armed%20clash,Picnic', 'sub_event_type'],
          ['from=2024-02-30', 'from'],
          ['zoom=3', 'zoom'],
        ] as const) {
          const res = await get(`/api/incidents/timeline?${query}`);
          assert.equal(res.statusCode, 400, query);
          assert.match(res.json().message, new RegExp(field));
        }
      });
    });

    describe('filters on the list and the map', () => {
      it('matches admin-1 names whatever their accents and case, and sub-types', async () => {
        const page = (await get('/api/incidents?admin1=SEGOU')).json() as { items: { id: number }[] };
        assert.deepEqual(
          page.items.map((i) => i.id).sort((a, b) => a - b),
          [id('mon'), id('later')].sort((a, b) => a - b),
        );
        const map = (await get('/api/incidents/aggregate?zoom=2&sub_event_type=Attack')).json() as {
          properties: { total: number };
        };
        assert.equal(map.properties.total, 1);
      });
    });

    describe('GET /api/incidents sort and count', () => {
      it('lists the oldest records first with sort=created_asc and gives total only when asked', async () => {
        const page = (
          await get('/api/incidents?sort=created_asc&limit=2&count=true&status=machine-coded')
        ).json() as {
          items: { id: number }[];
          total?: number;
          next_cursor: string | null;
        };
        assert.equal(page.total, 4);
        assert.deepEqual(
          page.items.map((i) => i.id),
          [id('mon'), id('sun')],
        );
        assert.ok(page.next_cursor);
        const rest = (
          await get(`/api/incidents?sort=created_asc&limit=2&status=machine-coded&cursor=${page.next_cursor}`)
        ).json() as { items: { id: number }[]; total?: number };
        assert.deepEqual(
          rest.items.map((i) => i.id),
          [id('hidden'), id('restricted')],
        );
        assert.equal('total' in rest, false);
        assert.equal((await get('/api/incidents?sort=oldest')).statusCode, 400);
      });
    });

    describe('POST /api/incidents/:id/merge', () => {
      it('moves the sources, rejects the duplicate with merged_into and returns the survivor', async () => {
        const { report } = await api.db.store.insertReport(reportInput(), {
          actor: TEST_ACTOR,
          submittedBy: 'field',
          receivedAt: '2024-06-01T00:00:00Z',
        });
        await api.db.store.linkReport(
          {
            reportId: report.id,
            eventIndex: 0,
            incidentId: id('sun'),
            confidence: 0.9,
            evidence: [],
            event: {
              eventDate: '2024-01-07',
              dateStated: true,
              country: 'MLI',
              admin1: null,
              location: null,
              latitude: null,
              longitude: null,
              eventType: 'Violence against civilians',
              subEventType: 'Attack',
              actor1: null,
              actor2: null,
              fatalities: 5,
            },
            needsReview: false,
            createdAt: '2024-06-01T00:00:00Z',
          },
          BY,
        );
        const res = await post(`/api/incidents/${id('mon')}/merge`, {
          other_id: id('sun'),
          reason: 'one attack',
        });
        assert.equal(res.statusCode, 200, res.body);
        assert.equal(res.json().id, id('mon'));
        assert.equal(res.json().merged_into, null);
        const survivor = (await get(`/api/incidents/${id('mon')}`)).json() as {
          sources: { report_id: number }[];
          revisions: { reason: string }[];
        };
        assert.deepEqual(
          survivor.sources.map((s) => s.report_id),
          [report.id],
        );
        assert.equal(
          survivor.revisions.at(-1)?.reason,
          `merged #${id('sun')} into this incident: one attack`,
        );
        const merged = (await get(`/api/incidents/${id('sun')}`)).json() as {
          incident: { status: string; merged_into: number | null };
          sources: unknown[];
          revisions: { reason: string; changed_by: string }[];
        };
        assert.deepEqual(merged.incident, { ...merged.incident, status: 'rejected', merged_into: id('mon') });
        assert.deepEqual(merged.sources, []);
        assert.deepEqual(merged.revisions.at(-1), {
          ...merged.revisions.at(-1),
          reason: `merged into #${id('mon')}: one attack`,
          changed_by: 'analyst',
        });
        // A merged incident is changed through the one it was merged into.
        const edit = await api.app.inject({
          method: 'PATCH',
          url: `/api/incidents/${id('sun')}`,
          headers: api.as('analyst'),
          payload: { status: 'verified', reason: 'verify the duplicate by mistake' },
        });
        assert.equal(edit.statusCode, 409, edit.body);
        assert.match(edit.json().message, new RegExp(`merged into ${id('mon')}`));
      });

      it('refuses with 409 a merge of an incident merged already, with 422 one into itself, with 404 a hidden one', async () => {
        const again = await post(`/api/incidents/${id('later')}/merge`, {
          other_id: id('sun'),
          reason: 'again',
        });
        assert.equal(again.statusCode, 409);
        assert.equal(again.json().error, 'merge_conflict');
        const self = await post(`/api/incidents/${id('later')}/merge`, {
          other_id: id('later'),
          reason: 'self',
        });
        assert.equal(self.statusCode, 422);
        const missing = await post(`/api/incidents/${id('later')}/merge`, {
          other_id: 999999,
          reason: 'gone',
        });
        assert.equal(missing.statusCode, 404);
        assert.match(missing.json().message, /999999/);
      });

      it('is for analysts and admins only, and needs a reason', async () => {
        const liaison = await post(
          `/api/incidents/${id('later')}/merge`,
          { other_id: id('restricted'), reason: 'x y z' },
          'liaisonMli',
        );
        assert.equal(liaison.statusCode, 403);
        const noReason = await post(`/api/incidents/${id('later')}/merge`, { other_id: id('restricted') });
        assert.equal(noReason.statusCode, 400);
      });
    });

    describe('POST /api/incidents/bulk', () => {
      it('gives each id its own outcome: updated, unchanged, not found or conflict', async () => {
        const res = await post('/api/incidents/bulk', {
          ids: [id('later'), 999999, id('restricted'), id('sun'), id('later')],
          action: 'verify',
        });
        assert.equal(res.statusCode, 200, res.body);
        const { results } = res.json() as { results: { id: number; outcome: string; message?: string }[] };
        assert.deepEqual(
          results.map((r) => [r.id, r.outcome]),
          [
            [id('later'), 'updated'],
            [999999, 'not_found'],
            [id('restricted'), 'updated'],
            [id('sun'), 'conflict'],
            [id('later'), 'unchanged'],
          ],
        );
        const detail = (await get(`/api/incidents/${id('later')}`)).json() as {
          incident: { status: string };
          revisions: { reason: string }[];
        };
        assert.equal(detail.incident.status, 'verified');
        assert.equal(detail.revisions.at(-1)?.reason, 'verified in triage');
      });

      it('rejects with the reason kept in each revision', async () => {
        // Only analysts and admins triage, and they see every record: hidden ids are tested on the command.
        const res = await post(
          '/api/incidents/bulk',
          { ids: [id('hidden'), id('restricted')], action: 'reject', reason: 'duplicate feed' },
          'admin',
        );
        assert.deepEqual(
          (res.json() as { results: { outcome: string }[] }).results.map((r) => r.outcome),
          ['updated', 'updated'],
        );
        const detail = (await get(`/api/incidents/${id('hidden')}`)).json() as {
          revisions: { reason: string }[];
        };
        assert.equal(detail.revisions.at(-1)?.reason, 'duplicate feed');
      });

      it('refuses a rejection without a reason, more than 500 ids, and non-analysts', async () => {
        const noReason = await post('/api/incidents/bulk', { ids: [id('later')], action: 'reject' });
        assert.equal(noReason.statusCode, 422);
        assert.match(noReason.json().message, /reason/);
        const many = await post('/api/incidents/bulk', {
          ids: Array.from({ length: 501 }, (_, n) => n + 1),
          action: 'verify',
        });
        assert.equal(many.statusCode, 400);
        const observer = await post(
          '/api/incidents/bulk',
          { ids: [id('later')], action: 'verify' },
          'observer',
        );
        assert.equal(observer.statusCode, 403);
      });
    });
  });
}
