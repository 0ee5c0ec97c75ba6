/**
 * GET /api/surges and /api/surges/:id in-process on each store: surges raised by detection from real
 * incidents, presented with their figures and reference unit, filtered by state and day, hidden by
 * their marking (a hidden one is 404 by id), bad input a 400 naming its field.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { detectSurges } from '../../src/commands/detect-surges.ts';
import type { IncidentInput } from '../../src/store/store.ts';
import { testStoreKinds, type TestStore } from '../support/databases.ts';
import { incidentInput, TEST_ACTOR } from '../support/factories.ts';
import { openApi, type ApiHarness } from './api-harness.ts';

interface SurgeBody {
  id: number;
  admin1: string;
  state: string;
  level: string;
  fatalities_30d: number;
  baseline: number;
  ratio: number | null;
  opened_on: string;
  classification: string;
  unit: { code: string; name: { fr: string; en: string }; latitude: number | null } | null;
  history?: { on: string; fatalities_30d: number; level: string | null }[];
}

for (const kind of testStoreKinds) {
  describe(`surges API on ${kind.dialect}`, () => {
    let db: TestStore;
    let api: ApiHarness;
    before(async () => {
      db = await kind.open();
      api = await openApi(db);
      const deaths = (day: string, best: number, over: Partial<IncidentInput> = {}) =>
        incidentInput({ eventDate: day, fatalities: { low: null, best, high: null }, ...over });
      await db.store.upsertIncidents(
        [
          deaths('2023-11-10', 6, { admin1: 'Mopti' }),
          deaths('2024-06-10', 24, { admin1: 'Mopti' }),
          deaths('2024-06-12', 12, {
            country: 'BFA',
            admin1: 'Sahel',
            classification: 'NATIONAL',
            ownerParty: 'BFA',
          }),
          deaths('2024-06-01', 11, { country: 'NER', admin1: 'Tillabéri' }),
        ],
        { changedBy: 'test', at: '2024-06-30T00:00:00Z', actor: TEST_ACTOR },
      );
      // Daily, as serve runs it: 2024-06-15 to 2024-07-09.
      for (let d = Date.UTC(2024, 5, 15); d <= Date.UTC(2024, 6, 9); d += 86_400_000) {
        const on = new Date(d).toISOString().slice(0, 10);
        const r = await detectSurges(db.store, { on, now: new Date(d) });
        assert.ok(r.ok);
      }
    });
    after(async () => {
      await api.close();
      await db.dispose();
    });

    const get = async (url: string, user: Parameters<ApiHarness['as']>[0] = 'analyst') => {
      const res = await api.app.inject({ method: 'GET', url, headers: api.as(user) });
      return {
        status: res.statusCode,
        body: res.json<{ items: SurgeBody[] } & SurgeBody & { error: string; message: string }>(),
      };
    };

    it('lists the open surges with their figures and the reference unit for the map', async () => {
      const { status, body } = await get('/api/surges');
      assert.equal(status, 200);
      // On 2024-07-09 Mopti's 24 and Sahel's 12 are in their windows; Tillabéri's 11 left it on 07-01, and
      // its surge closed after the 7-day cool-down.
      assert.deepEqual(
        body.items.map((s) => [s.admin1, s.state, s.level, s.fatalities_30d, s.baseline, s.ratio]),
        [
          ['Mopti', 'open', 'high', 24, 6, 4],
          ['Sahel', 'open', 'elevated', 12, 0, null],
        ],
      );
      const mopti = body.items[0];
      assert.equal(mopti?.unit?.code, 'ML.04');
      assert.equal(mopti?.unit?.name.fr, 'Région de Mopti');
      assert.equal(typeof mopti?.unit?.latitude, 'number');
      assert.equal(mopti?.history, undefined, 'the list leaves the history out');
      assert.deepEqual((body as unknown as { rule: { min_fatalities: number; window_days: number } }).rule, {
        window_days: 30,
        baseline_days: 365,
        min_fatalities: 10,
        min_relative_increase: 0,
        high_ratio: 2,
        cool_down_days: 7,
      });
    });

    it('lists all surges, or those open on a day, and one with its history', async () => {
      const all = await get('/api/surges?state=all');
      assert.deepEqual(all.body.items.map((s) => s.admin1).sort(), ['Mopti', 'Sahel', 'Tillabéri']);
      const onDay = await get('/api/surges?on=2024-06-15&country=NER');
      assert.deepEqual(
        onDay.body.items.map((s) => [s.admin1, s.state]),
        [['Tillabéri', 'closed']],
      );
      const before = await get('/api/surges?on=2024-06-14');
      assert.deepEqual(before.body.items, []);
      const id = all.body.items.find((s) => s.admin1 === 'Mopti')?.id;
      const one = await get(`/api/surges/${id}`);
      assert.equal(one.status, 200);
      assert.deepEqual(
        one.body.history?.map((h) => [h.on, h.fatalities_30d, h.level]),
        [['2024-06-15', 24, 'high']],
      );
    });

    it('hides a surge from who may not see what went into it: absent from the list, 404 by id', async () => {
      const all = await get('/api/surges?state=all');
      const sahel = all.body.items.find((s) => s.admin1 === 'Sahel');
      assert.equal(sahel?.classification, 'NATIONAL');
      for (const user of ['observer', 'liaisonMli'] as const) {
        const list = await get('/api/surges?state=all', user);
        assert.equal(
          list.body.items.some((s) => s.admin1 === 'Sahel'),
          false,
          user,
        );
        const one = await get(`/api/surges/${sahel?.id}`, user);
        assert.deepEqual([one.status, one.body.error], [404, 'not_found'], user);
      }
      assert.equal((await get(`/api/surges/${sahel?.id}`, 'liaisonBfa')).status, 200);
    });

    it('answers bad input with a 400 naming the field, and an unknown id with 404', async () => {
      const bad = await get('/api/surges?on=2024-02-31');
      assert.equal(bad.status, 400);
      assert.match(bad.body.message, /query\.on/);
      const state = await get('/api/surges?state=closed');
      assert.equal(state.status, 400);
      assert.match(state.body.message, /state/);
      assert.equal((await get('/api/surges/999999')).status, 404);
      const anonymous = await api.app.inject({ method: 'GET', url: '/api/surges' });
      assert.equal(anonymous.statusCode, 401);
    });
  });
}
