import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openSqliteTestStore } from '../support/databases.ts';
import { openApi, type ApiHarness } from './api-harness.ts';

describe('documentation, reference data and the web page', () => {
  let api: ApiHarness;
  before(async () => {
    api = await openApi(await openSqliteTestStore());
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

  it('serves the documentation page and the first web page without a token', async () => {
    assert.equal((await api.app.inject({ method: 'GET', url: '/docs' })).statusCode, 200);
    const page = await api.app.inject({ method: 'GET', url: '/' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<html lang="fr">/);
    assert.match(page.body, /GeoNames/);
    assert.match(page.headers['content-security-policy'] as string, /default-src 'self'/);
    assert.equal((await api.app.inject({ method: 'GET', url: '/static/app.js' })).statusCode, 200);
    assert.equal((await api.app.inject({ method: 'GET', url: '/static/..%2Fpackage.json' })).statusCode, 404);
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
