import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testStoreKinds } from '../support/databases.ts';
import { incidentInput, TEST_ACTOR } from '../support/factories.ts';
import { openApi, type ApiHarness } from './api-harness.ts';

interface Page {
  items: {
    id: number;
    event_date: string;
    classification: string;
    owner_party: string | null;
    country: string;
  }[];
  next_cursor: string | null;
}
interface Clusters {
  features: { properties: { count: number; fatalities: number; dominant_event_type: string } }[];
  properties: { total: number };
}

for (const kind of testStoreKinds) {
  describe(`incident routes on ${kind.dialect}`, () => {
    let api: ApiHarness;
    before(async () => {
      api = await openApi(await kind.open());
      const at = { changedBy: 'test', at: '2024-06-01T00:00:00Z', actor: TEST_ACTOR };
      await api.db.store.upsertIncidents(
        [
          incidentInput({
            eventDate: '2024-01-10',
            country: 'MLI',
            latitude: 15.0,
            longitude: -1.9,
            location: 'Boni',
          }),
          incidentInput({
            eventDate: '2024-02-10',
            country: 'MLI',
            latitude: 14.5,
            longitude: -4.2,
            eventType: 'Violence against civilians',
            subEventType: 'Attack',
            notes: 'Attaque contre des civils à Mopti',
          }),
          incidentInput({
            eventDate: '2024-03-10',
            country: 'BFA',
            latitude: 14.1,
            longitude: -1.63,
            location: 'Djibo',
            classification: 'AES_RESTRICTED',
          }),
          incidentInput({
            eventDate: '2024-04-10',
            country: 'BFA',
            latitude: 14.09,
            longitude: -1.62,
            location: 'Djibo',
            classification: 'NATIONAL',
            ownerParty: 'BFA',
            fatalities: { low: null, best: 50, high: null },
          }),
          incidentInput({
            eventDate: '2024-05-10',
            country: 'MLI',
            latitude: 16.27,
            longitude: -0.04,
            location: 'Gao',
            classification: 'NATIONAL',
            ownerParty: 'MLI',
            fatalities: { low: null, best: 70, high: null },
          }),
          incidentInput({
            eventDate: '2024-05-20',
            country: 'NER',
            latitude: 14.21,
            longitude: 1.45,
            location: 'Tillabéri',
            notes: 'Embuscade près de Tillabéri',
          }),
        ],
        at,
      );
    });
    after(() => api.close());

    const get = async (url: string, user: Parameters<ApiHarness['as']>[0] = 'analyst') =>
      api.app.inject({ method: 'GET', url, headers: api.as(user) });

    it('serves /healthz to anonymous callers', async () => {
      const res = await api.app.inject({ method: 'GET', url: '/healthz' });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { status: 'ok', database: kind.dialect });
    });

    it('refuses incidents to anonymous callers with 401 when the deployment is not public', async () => {
      const res = await api.app.inject({ method: 'GET', url: '/api/incidents' });
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().error, 'unauthorised');
    });

    it('refuses an unknown token and a malformed Authorization header with 401', async () => {
      for (const authorization of ['Bearer lpk_thisTokenDoesNotExist1234', 'Basic abc', 'Bearer']) {
        const res = await api.app.inject({
          method: 'GET',
          url: '/api/incidents',
          headers: { authorization },
        });
        assert.equal(res.statusCode, 401, authorization);
      }
    });

    it('lists incidents newest first for an analyst, all classifications included', async () => {
      const page = (await get('/api/incidents')).json() as Page;
      assert.equal(page.items.length, 6);
      const dates = page.items.map((i) => i.event_date);
      assert.deepEqual(dates, [...dates].sort().reverse());
    });

    it('shows an observer only PUBLIC incidents, in lists, details and map counts', async () => {
      const page = (await get('/api/incidents', 'observer')).json() as Page;
      assert.ok(page.items.every((i) => i.classification === 'PUBLIC'));
      assert.equal(page.items.length, 3);
      const restricted = (await get('/api/incidents', 'analyst')).json() as Page;
      const hidden = restricted.items.find((i) => i.classification === 'NATIONAL');
      assert.ok(hidden);
      assert.equal((await get(`/api/incidents/${hidden.id}`, 'observer')).statusCode, 404);
      const clusters = (await get('/api/incidents/aggregate?zoom=3', 'observer')).json() as Clusters;
      assert.equal(clusters.properties.total, 3);
      assert.equal(
        clusters.features.reduce((n, f) => n + f.properties.fatalities, 0),
        9,
      );
    });

    it("shows a liaison officer its own party's NATIONAL incidents but not another party's", async () => {
      const page = (await get('/api/incidents', 'liaisonBfa')).json() as Page;
      const national = page.items.filter((i) => i.classification === 'NATIONAL');
      assert.deepEqual(
        national.map((i) => i.owner_party),
        ['BFA'],
      );
      assert.equal(page.items.length, 5);
      const clusters = (await get('/api/incidents/aggregate?zoom=2', 'liaisonBfa')).json() as Clusters;
      assert.equal(clusters.properties.total, 5);
    });

    it('filters by bbox, dates, country, event type and full text', async () => {
      const box = (await get('/api/incidents?bbox=-2,13.5,-1,15.5')).json() as Page;
      assert.equal(box.items.length, 3);
      const window = (await get('/api/incidents?from=2024-02-01&to=2024-04-30')).json() as Page;
      assert.equal(window.items.length, 3);
      const country = (await get('/api/incidents?country=NER,BFA')).json() as Page;
      assert.deepEqual(new Set(country.items.map((i) => i.country)), new Set(['NER', 'BFA']));
      const type = (
        await get(`/api/incidents?event_type=${encodeURIComponent('Violence against civilians')}`)
      ).json() as Page;
      assert.equal(type.items.length, 1);
      const text = (await get(`/api/incidents?q=${encodeURIComponent('tillaberi')}`)).json() as Page;
      assert.equal(text.items.length, 1);
    });

    it('pages through every incident with the cursor, once each', async () => {
      const seen: number[] = [];
      let url = '/api/incidents?limit=2';
      for (;;) {
        const page = (await get(url)).json() as Page;
        seen.push(...page.items.map((i) => i.id));
        if (page.next_cursor === null) break;
        url = `/api/incidents?limit=2&cursor=${encodeURIComponent(page.next_cursor)}`;
      }
      assert.equal(seen.length, 6);
      assert.equal(new Set(seen).size, 6);
    });

    it('answers bad filters with 400 and a message naming the field, never a stack trace', async () => {
      const cases: [string, RegExp][] = [
        ['/api/incidents?limit=5000', /limit/],
        ['/api/incidents?colour=red', /unknown field "colour"/],
        ['/api/incidents?bbox=1,2,3', /bbox/],
        ['/api/incidents?bbox=10,2,3,4', /bbox/],
        ['/api/incidents?bbox=-200,2,3,4', /bbox/],
        ['/api/incidents?from=2024-02-30', /from/],
        ['/api/incidents?from=2024-05-01&to=2024-01-01', /from/],
        ['/api/incidents?event_type=Picnic', /event_type/],
        ['/api/incidents?status=maybe', /status/],
        ['/api/incidents?cursor=not-a-cursor', /cursor/],
        ['/api/incidents/aggregate?zoom=40', /zoom/],
        ['/api/incidents/aggregate', /zoom/],
        ['/api/incidents/abc', /id/],
      ];
      for (const [url, message] of cases) {
        const res = await get(url);
        assert.equal(res.statusCode, 400, url);
        const body = res.json() as Record<string, unknown>;
        assert.deepEqual(Object.keys(body).sort(), ['error', 'message'], url);
        assert.match(String(body['message']), message, url);
        assert.doesNotMatch(res.body, /at .*\.ts:\d+/, url);
      }
    });

    it('returns map clusters that split as the zoom grows', async () => {
      const coarse = (await get('/api/incidents/aggregate?zoom=1')).json() as Clusters;
      const fine = (await get('/api/incidents/aggregate?zoom=12')).json() as Clusters;
      assert.ok(coarse.features.length < fine.features.length);
      assert.equal(coarse.properties.total, 6);
      assert.equal(fine.properties.total, 6);
    });

    it("records an analyst's edit with its reason in the revision history", async () => {
      const page = (await get('/api/incidents?country=NER')).json() as Page;
      const id = page.items[0]?.id;
      const res = await api.app.inject({
        method: 'PATCH',
        url: `/api/incidents/${id}`,
        headers: api.as('analyst'),
        payload: { status: 'verified', fatalities: 4, reason: 'Confirmed by the Tillabéri post' },
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().status, 'verified');
      const detail = (await get(`/api/incidents/${id}`)).json() as {
        revisions: { reason: string; changed_by: string; changes: Record<string, unknown> }[];
      };
      const last = detail.revisions.at(-1);
      assert.equal(last?.reason, 'Confirmed by the Tillabéri post');
      assert.equal(last?.changed_by, 'analyst');
      assert.ok(last && 'status' in last.changes);
    });

    it('forbids edits by observers and liaison officers and rejects an edit without a reason', async () => {
      const page = (await get('/api/incidents?country=NER')).json() as Page;
      const url = `/api/incidents/${page.items[0]?.id}`;
      for (const user of ['observer', 'liaisonBfa'] as const) {
        const res = await api.app.inject({
          method: 'PATCH',
          url,
          headers: api.as(user),
          payload: { status: 'rejected', reason: 'no' },
        });
        assert.equal(res.statusCode, 403, user);
      }
      const res = await api.app.inject({
        method: 'PATCH',
        url,
        headers: api.as('analyst'),
        payload: { status: 'rejected' },
      });
      assert.equal(res.statusCode, 400);
      assert.match(res.json().message, /reason/);
      const bad = await api.app.inject({
        method: 'PATCH',
        url,
        headers: api.as('analyst'),
        payload: { latitude: 95, reason: 'typo' },
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.json().message, /latitude/);
    });
  });
}

describe('a deployment that marks PUBLIC records public', () => {
  it('lets anonymous visitors read PUBLIC incidents only', async () => {
    const kind = testStoreKinds[0];
    assert.ok(kind);
    const api = await openApi(await kind.open(), { publicRead: true });
    try {
      await api.db.store.upsertIncidents(
        [incidentInput(), incidentInput({ classification: 'AES_RESTRICTED' })],
        { actor: TEST_ACTOR, changedBy: 'test', at: '2024-06-01T00:00:00Z' },
      );
      const res = await api.app.inject({ method: 'GET', url: '/api/incidents' });
      assert.equal(res.statusCode, 200);
      assert.equal((res.json() as Page).items.length, 1);
      const post = await api.app.inject({
        method: 'POST',
        url: '/api/reports',
        payload: { source: 'x', text: 'y' },
      });
      assert.equal(post.statusCode, 401);
    } finally {
      await api.close();
    }
  });
});
