import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testStoreKinds } from '../support/databases.ts';
import { openApi, type ApiHarness } from './api-harness.ts';

for (const kind of testStoreKinds) {
  describe(`documentation, reference data and the web page (${kind.dialect})`, () => {
    let api: ApiHarness;
    before(async () => {
      api = await openApi(await kind.open());
    });
    after(() => api.close());

    it('publishes an OpenAPI 3.1 document listing the incident, report and reference routes', async () => {
      const res = await api.app.inject({ method: 'GET', url: '/openapi.json' });
      assert.equal(res.statusCode, 200);
      const doc = res.json() as { openapi: string; paths: Record<string, unknown> };
      assert.equal(doc.openapi, '3.1.0');
      for (const path of [
        '/api/incidents',
        '/api/incidents/aggregate',
        '/api/incidents/{id}',
        '/api/reports',
        '/api/reference/places',
      ])
        assert.ok(path in doc.paths, path);
    });

    it('serves the documentation page without a token', async () => {
      assert.equal((await api.app.inject({ method: 'GET', url: '/docs' })).statusCode, 200);
    });

    it("gives the offline basemap's labels: admin-1 units and towns by population", async () => {
      const res = await api.app.inject({
        method: 'GET',
        url: '/api/reference/labels',
        headers: api.as('observer'),
      });
      assert.equal(res.statusCode, 200);
      const body = res.json() as {
        admin1: { code: string; name: { fr: string } }[];
        places: { name: string; population: number }[];
      };
      assert.equal(body.admin1.length, 32);
      assert.ok(body.places.length > 100);
      const populations = body.places.map((p) => p.population);
      assert.deepEqual(
        populations,
        [...populations].sort((a, b) => b - a),
      );
      assert.ok(
        ['Bamako', 'Niamey', 'Ouagadougou'].every((n) => body.places.slice(0, 5).some((p) => p.name === n)),
      );
      assert.equal((await api.app.inject({ method: 'GET', url: '/api/reference/labels' })).statusCode, 401);
    });

    it('answers an unknown route with a 404 in the error format', async () => {
      const res = await api.app.inject({ method: 'GET', url: '/api/nothing-here', headers: api.as('admin') });
      assert.equal(res.statusCode, 404);
      assert.equal(res.json().error, 'not_found');
    });

    it('finds places in the gazetteer ignoring accents and case', async () => {
      const res = await api.app.inject({
        method: 'GET',
        url: '/api/reference/places?q=TILLABERI&country=NER',
        headers: api.as('observer'),
      });
      assert.equal(res.statusCode, 200);
      const names = (res.json().items as { name: string }[]).map((p) => p.name);
      assert.ok(names.includes('Tillabéri'), names.join(', '));
    });

    it('resolves actors by their French press names', async () => {
      const res = await api.app.inject({
        method: 'GET',
        url: '/api/reference/actors?q=GSIM',
        headers: api.as('observer'),
      });
      const keys = (res.json().items as { key: string }[]).map((a) => a.key);
      assert.ok(keys.includes('JNIM'));
    });

    it('lists the three parties and the ACLED taxonomy with French labels', async () => {
      const parties = await api.app.inject({
        method: 'GET',
        url: '/api/reference/parties',
        headers: api.as('observer'),
      });
      assert.deepEqual((parties.json().items as { iso3: string }[]).map((p) => p.iso3).sort(), [
        'BFA',
        'MLI',
        'NER',
      ]);
      const taxonomy = await api.app.inject({
        method: 'GET',
        url: '/api/reference/taxonomy',
        headers: api.as('observer'),
      });
      const types = taxonomy.json().event_types as { name: string; fr: string; sub_event_types: unknown[] }[];
      assert.equal(types.length, 6);
      assert.equal(
        types.reduce((n, t) => n + t.sub_event_types.length, 0),
        25,
      );
      assert.equal(types.find((t) => t.name === 'Battles')?.fr, 'Combats');
    });

    it('tells the signed-in user who they are', async () => {
      const res = await api.app.inject({ method: 'GET', url: '/api/me', headers: api.as('liaisonBfa') });
      assert.deepEqual(res.json(), { name: 'liaisonBfa', role: 'liaison', party: 'BFA' });
    });
  });
}
