/**
 * Alerts through the API (in-process, both stores): each incident change writes its alert (created
 * from a report, verified with the Charter articles it engages, re-coded, rejected in triage, merged,
 * split), none for a change that changes nothing, one summary for a bulk import; GET /api/alerts by
 * classification and subscription; subscriptions checked, owned, their webhook secret shown once.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SYSTEM_VISIBILITY } from '../../src/commands/charter-workflow.ts';
import { importEvents } from '../../src/commands/import-events.ts';
import type { AlertEvent } from '../../src/domain/alerts/alert-event.ts';
import { loadReference } from '../../src/reference/load-reference.ts';
import { testStoreKinds } from '../support/databases.ts';
import { incidentInput, TEST_ACTOR } from '../support/factories.ts';
import { SOLHAN_REPORTS } from '../support/invented-reports.ts';
import { openApi, type ApiHarness } from './api-harness.ts';

for (const kind of testStoreKinds) {
  describe(`alerts over the API on ${kind.dialect}`, () => {
    let api: ApiHarness;
    before(async () => {
      api = await openApi(await kind.open(), {
        now: () => new Date('2024-06-12T08:00:00Z'),
        alerts: { webhooks: false },
      });
    });
    after(() => api.close());

    /** Runs `change` and returns the alerts it wrote. */
    async function alertsOf(change: () => Promise<unknown>): Promise<AlertEvent[]> {
      const { last } = await api.db.store.alertSeqRange();
      await change();
      return api.db.store.readAlertEvents(last, 100);
    }

    async function addIncident(over: Parameters<typeof incidentInput>[0] = {}): Promise<number> {
      const input = incidentInput(over);
      await api.db.store.upsertIncidents([input], {
        actor: TEST_ACTOR,
        changedBy: 'test',
        at: '2024-05-11T00:00:00Z',
      });
      const found = await api.db.store.getIncidentBySourceKey(input.sourceKey, SYSTEM_VISIBILITY);
      assert.ok(found);
      return found.id;
    }

    const as = (user: Parameters<ApiHarness['as']>[0]) => api.as(user);

    it('announces the incident a report creates, with its classification, and nothing on a retry', async () => {
      const r = SOLHAN_REPORTS[0];
      assert.ok(r);
      const payload = {
        source: 'Poste',
        language: r.lang,
        text: r.text,
        published: r.published,
        classification: 'NATIONAL',
        client_ref: 'alerts-1',
      };
      let incidentId = 0;
      const first = await alertsOf(async () => {
        const res = await api.app.inject({
          method: 'POST',
          url: '/api/reports',
          headers: as('liaisonBfa'),
          payload,
        });
        assert.equal(res.statusCode, 201, res.body);
        incidentId = res.json<{ incidents: { id: number }[] }>().incidents[0]?.id ?? 0;
      });
      assert.deepEqual(
        first.map((e) => [e.kind, e.incidentId, e.classification, e.ownerParty]),
        [['incident.created', incidentId, 'NATIONAL', 'BFA']],
      );
      assert.equal(first[0]?.payload.kind === 'incident.created' && first[0].payload.country, 'BFA');
      const retry = await alertsOf(() =>
        api.app.inject({ method: 'POST', url: '/api/reports', headers: as('liaisonBfa'), payload }),
      );
      assert.deepEqual(retry, []);
    });

    it('announces a verification and the Charter articles it engages, a re-coding, and nothing for an empty change', async () => {
      const id = await addIncident({
        eventDate: '2024-05-10',
        country: 'NER',
        admin1: 'Dosso',
        admin2: null,
        admin3: null,
        location: 'Gaya',
        latitude: 11.88,
        longitude: 3.45,
        actor1: 'Military Forces of Benin (2016-)',
        actor2: 'Military Forces of Niger (2023-)',
        status: 'reported',
      });
      const patch = (payload: object) =>
        api.app.inject({ method: 'PATCH', url: `/api/incidents/${id}`, headers: as('analyst'), payload });
      const verified = await alertsOf(async () =>
        assert.equal((await patch({ status: 'verified', reason: 'seen' })).statusCode, 200),
      );
      assert.deepEqual(
        verified.map((e) => e.kind),
        ['incident.verified', 'incident.charter'],
      );
      const charter = verified[1]?.payload;
      assert.ok(charter !== undefined && charter.kind === 'incident.charter');
      assert.ok(charter.articles.includes('liptako-gourma-charter:6'), charter.articles.join());
      const recoded = await alertsOf(async () =>
        assert.equal((await patch({ fatalities: 14, reason: 'toll confirmed' })).statusCode, 200),
      );
      assert.equal(recoded[0]?.kind, 'incident.updated');
      assert.equal(recoded[0]?.payload.kind === 'incident.updated' && recoded[0].payload.fatalities, 14);
      assert.equal(
        recoded[0]?.payload.kind === 'incident.updated' && recoded[0].payload.reason,
        'toll confirmed',
      );
      const nothing = await alertsOf(async () =>
        assert.equal((await patch({ fatalities: 14, reason: 'same' })).statusCode, 200),
      );
      assert.deepEqual(nothing, []);
    });

    it('announces a rejection in triage and a merge (the merged one, naming the survivor)', async () => {
      const a = await addIncident({ status: 'machine-coded' });
      const rejected = await alertsOf(() =>
        api.app.inject({
          method: 'POST',
          url: '/api/incidents/bulk',
          headers: as('analyst'),
          payload: { ids: [a], action: 'reject', reason: 'duplicate' },
        }),
      );
      assert.deepEqual(
        rejected.map((e) => [e.kind, e.incidentId]),
        [['incident.rejected', a]],
      );
      const survivor = await addIncident({ location: 'Boni', eventDate: '2024-03-15' });
      const other = await addIncident({ location: 'Boni', eventDate: '2024-03-15' });
      const merged = await alertsOf(async () => {
        const res = await api.app.inject({
          method: 'POST',
          url: `/api/incidents/${survivor}/merge`,
          headers: as('analyst'),
          payload: { other_id: other, reason: 'same clash' },
        });
        assert.equal(res.statusCode, 200, res.body);
      });
      assert.deepEqual(
        merged.map((e) => [e.kind, e.incidentId]),
        [['incident.merged', other]],
      );
      assert.equal(merged[0]?.payload.kind === 'incident.merged' && merged[0].payload.mergedInto, survivor);
    });

    it('writes one summary for a bulk import, never one alert per row', async () => {
      const alerts = await alertsOf(() =>
        importEvents(
          api.db.store,
          loadReference(),
          path.resolve(import.meta.dirname, '../fixtures/acled-31-columns.csv'),
          'acled',
        ),
      );
      assert.deepEqual(
        alerts.map((e) => e.kind),
        ['import.completed'],
      );
      const p = alerts[0]?.payload;
      assert.ok(p !== undefined && p.kind === 'import.completed');
      assert.equal(p.file, 'acled-31-columns.csv');
      assert.ok(p.imported > 1);
    });

    it('lists the alerts a caller may read, newest first, and those of one subscription', async () => {
      const observer = await api.app.inject({
        method: 'GET',
        url: '/api/alerts?limit=500',
        headers: as('observer'),
      });
      assert.equal(observer.statusCode, 200);
      const items = observer.json<{ items: { seq: number; classification: string }[] }>().items;
      assert.ok(items.length > 0);
      assert.ok(items.every((i) => i.classification === 'PUBLIC'));
      assert.deepEqual(
        items.map((i) => i.seq),
        [...items.map((i) => i.seq)].sort((x, y) => y - x),
      );
      const made = await api.app.inject({
        method: 'POST',
        url: '/api/subscriptions',
        headers: as('analyst'),
        payload: { name: 'Imports', kinds: ['import.completed'] },
      });
      const id = made.json<{ id: number }>().id;
      const only = await api.app.inject({
        method: 'GET',
        url: `/api/alerts?subscription=${id}`,
        headers: as('analyst'),
      });
      assert.deepEqual(
        [...new Set(only.json<{ items: { kind: string }[] }>().items.map((i) => i.kind))],
        ['import.completed'],
      );
    });

    it('checks a subscription and names each problem; refuses a webhook that is not http(s)', async () => {
      const post = (payload: object) =>
        api.app.inject({ method: 'POST', url: '/api/subscriptions', headers: as('observer'), payload });
      const open = await post({
        name: 'x',
        area: {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 1],
            ],
          ],
        },
      });
      assert.equal(open.statusCode, 422);
      assert.match(open.json<{ message: string }>().message, /area: area.coordinates\[0\] is not closed/);
      const file = await post({ name: 'x', webhook: { url: 'file:///etc/passwd' } });
      assert.equal(file.statusCode, 422);
      assert.match(file.json<{ message: string }>().message, /webhook.url: must be an http or https URL/);
      const badType = await post({ name: 'x', event_types: ['Wars'] });
      assert.equal(badType.statusCode, 400);
      assert.equal(badType.json<{ error: string }>().error, 'invalid_request');
    });

    it('shows a webhook secret once: at creation and when rotated, never in reads', async () => {
      const made = await api.app.inject({
        method: 'POST',
        url: '/api/subscriptions',
        headers: as('liaisonMli'),
        payload: {
          name: 'Ménaka',
          admin_units: [{ country: 'MLI', admin1: 'Ménaka' }],
          webhook: { url: 'https://hooks.example.org/liptako' },
        },
      });
      assert.equal(made.statusCode, 201, made.body);
      const body = made.json<{ id: number; webhook_secret: string; webhook: { active: boolean } }>();
      assert.match(body.webhook_secret, /^whsec_[A-Za-z0-9_-]{43}$/);
      assert.equal(body.webhook.active, true);
      assert.equal(made.headers['cache-control'], 'no-store');
      const read = await api.app.inject({
        method: 'GET',
        url: `/api/subscriptions/${body.id}`,
        headers: as('liaisonMli'),
      });
      assert.ok(!read.body.includes(body.webhook_secret));
      assert.ok(!read.body.includes('webhook_secret'));
      const list = await api.app.inject({
        method: 'GET',
        url: '/api/subscriptions',
        headers: as('liaisonMli'),
      });
      assert.ok(!list.body.includes(body.webhook_secret));
      const same = await api.app.inject({
        method: 'PUT',
        url: `/api/subscriptions/${body.id}`,
        headers: as('liaisonMli'),
        payload: { name: 'Ménaka', webhook: { url: 'https://hooks.example.org/liptako', active: false } },
      });
      assert.equal(same.statusCode, 200);
      assert.equal(same.json<{ webhook_secret?: string }>().webhook_secret, undefined, 'kept, not shown');
      const rotated = await api.app.inject({
        method: 'PUT',
        url: `/api/subscriptions/${body.id}`,
        headers: as('liaisonMli'),
        payload: {
          name: 'Ménaka',
          webhook: { url: 'https://hooks.example.org/liptako', rotate_secret: true },
        },
      });
      const secret = rotated.json<{ webhook_secret: string }>().webhook_secret;
      assert.match(secret, /^whsec_/);
      assert.notEqual(secret, body.webhook_secret);
      const deliveries = await api.app.inject({
        method: 'GET',
        url: `/api/subscriptions/${body.id}/deliveries`,
        headers: as('liaisonMli'),
      });
      assert.deepEqual(deliveries.json(), { items: [] });
      const gone = await api.app.inject({
        method: 'DELETE',
        url: `/api/subscriptions/${body.id}`,
        headers: as('liaisonMli'),
      });
      assert.equal(gone.statusCode, 204);
      const again = await api.app.inject({
        method: 'GET',
        url: `/api/subscriptions/${body.id}`,
        headers: as('liaisonMli'),
      });
      assert.equal(again.statusCode, 404);
    });
  });
}
