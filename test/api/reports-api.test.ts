import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testStoreKinds } from '../support/databases.ts';
import { openApi, type ApiHarness } from './api-harness.ts';

const report = {
  source: 'Poste de Dori',
  language: 'fr',
  title: 'Attaque à Seytenga',
  text: 'Des hommes armés ont attaqué Seytenga dans la nuit ; bilan provisoire de 12 morts.',
  published: '2024-05-30',
  place_text: 'Seytenga',
  latitude: 14.18,
  longitude: 0.46,
};

for (const kind of testStoreKinds) {
  describe(`report routes on ${kind.dialect}`, () => {
    let api: ApiHarness;
    before(async () => {
      api = await openApi(await kind.open(), { bodyLimit: 64 * 1024 });
    });
    after(() => api.close());

    const post = (payload: unknown, user: Parameters<ApiHarness['as']>[0] = 'liaisonBfa') =>
      api.app.inject({
        method: 'POST',
        url: '/api/reports',
        headers: api.as(user),
        payload: payload as object,
      });

    it('stores a field report as AES RESTRICTED by default and returns 201', async () => {
      const res = await post(report);
      assert.equal(res.statusCode, 201, res.body);
      const body = res.json();
      assert.equal(body.classification, 'AES_RESTRICTED');
      assert.equal(body.submitted_by, 'liaisonBfa');
      assert.equal(body.received_at, '2024-06-01T12:00:00.000Z');
    });

    it('stores a retried report with the same client_ref once', async () => {
      const first = await post({ ...report, client_ref: 'phone-42-0001' });
      const again = await post({ ...report, client_ref: 'phone-42-0001' });
      assert.equal(first.statusCode, 201);
      assert.equal(again.statusCode, 200);
      assert.equal(again.json().id, first.json().id);
    });

    it("refuses a liaison officer's NATIONAL report in another party's name", async () => {
      const res = await post({ ...report, classification: 'NATIONAL', owner_party: 'MLI' });
      assert.equal(res.statusCode, 422);
      assert.match(res.json().message, /owner_party/);
      const own = await post({ ...report, classification: 'NATIONAL' });
      assert.equal(own.statusCode, 201);
      assert.equal(own.json().owner_party, 'BFA');
    });

    it("hides a party's NATIONAL report from another party's liaison officer", async () => {
      const own = await post({ ...report, classification: 'NATIONAL', client_ref: 'nat-1' });
      const id = own.json().id as number;
      const other = await api.app.inject({
        method: 'GET',
        url: `/api/reports/${id}`,
        headers: api.as('liaisonMli'),
      });
      assert.equal(other.statusCode, 404);
      const analyst = await api.app.inject({
        method: 'GET',
        url: `/api/reports/${id}`,
        headers: api.as('analyst'),
      });
      assert.equal(analyst.statusCode, 200);
    });

    it('finds reports by full text, ignoring accents', async () => {
      const res = await api.app.inject({
        method: 'GET',
        url: '/api/reports?q=provisoire',
        headers: api.as('analyst'),
      });
      assert.equal(res.statusCode, 200);
      assert.ok(res.json().items.length >= 1);
    });

    it('forbids observers to send reports', async () => {
      assert.equal((await post(report, 'observer')).statusCode, 403);
    });

    it('rejects bad reports with a 4xx naming the field, and stores nothing', async () => {
      const before = await api.app.inject({
        method: 'GET',
        url: '/api/reports?limit=1000',
        headers: api.as('admin'),
      });
      const cases: [unknown, number, RegExp][] = [
        [{ ...report, text: '' }, 400, /text/],
        [{ ...report, latitude: 91 }, 400, /latitude/],
        [{ ...report, longitude: 12 + 300 }, 400, /longitude/],
        [{ ...report, latitude: null }, 422, /latitude|longitude/],
        [{ ...report, published: '2024-13-01' }, 422, /published/],
        [{ ...report, published: '2030-01-01' }, 422, /published/],
        [{ ...report, url: 'javascript:alert(1)' }, 400, /url/],
        [{ ...report, mood: 'grim' }, 400, /unknown field "mood"/],
        [{ source: 'x' }, 400, /text/],
        [{ ...report, text: 'x'.repeat(70 * 1024) }, 413, /larger than the limit/],
      ];
      for (const [payload, status, message] of cases) {
        const res = await post(payload);
        assert.equal(res.statusCode, status, String(message));
        assert.match(res.json().message, message);
      }
      const broken = await api.app.inject({
        method: 'POST',
        url: '/api/reports',
        headers: { ...api.as('liaisonBfa'), 'content-type': 'application/json' },
        payload: '{"source": "x", "text": ',
      });
      assert.equal(broken.statusCode, 400);
      assert.deepEqual(Object.keys(broken.json()).sort(), ['error', 'message']);
      const afterwards = await api.app.inject({
        method: 'GET',
        url: '/api/reports?limit=1000',
        headers: api.as('admin'),
      });
      assert.equal(afterwards.json().items.length, before.json().items.length);
    });
  });
}
