/**
 * Early warning raises alerts: a surge detection run with the surge publisher writes one `surge` alert per
 * surge it raises, in its transaction, marked as the surge is (an observer never reads the alert of a
 * surge made of NATIONAL incidents), never twice for one surge; subscriptions by region, area and
 * fatalities take it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { detectSurges } from '../../src/commands/detect-surges.ts';
import { publishSurgeAlerts } from '../../src/commands/surge-alerts.ts';
import { matchesFilter } from '../../src/domain/alerts/alert-subscription.ts';
import type { Visibility } from '../../src/domain/classification.ts';
import { addDays } from '../../src/domain/iso-week.ts';
import { DEFAULT_SURGE_RULE } from '../../src/domain/early-warning/surge-rule.ts';
import type { AdminUnit } from '../../src/domain/place.ts';
import type { IncidentInput } from '../../src/store/store.ts';
import { testStoreKinds, type TestStore } from '../support/databases.ts';
import { incidentInput, TEST_ACTOR } from '../support/factories.ts';

const OBSERVER: Visibility = { classifications: ['PUBLIC'], nationalOf: null };
const ANALYST: Visibility = { classifications: ['PUBLIC', 'AES_RESTRICTED', 'NATIONAL'], nationalOf: null };
const NOW = new Date('2024-07-01T06:00:00Z');
const MOPTI: AdminUnit = {
  code: 'ML.04',
  level: 1,
  country: 'MLI',
  name: { en: 'Mopti', fr: 'Mopti' },
  geonameId: null,
  latitude: 14.5,
  longitude: -4.2,
};
const region = (country: string, admin1: string) =>
  country === 'MLI' && admin1.toLowerCase() === 'mopti' ? MOPTI : null;

for (const kind of testStoreKinds) {
  describe(`surge alerts on ${kind.dialect}`, () => {
    let db: TestStore;
    before(async () => {
      db = await kind.open();
    });
    after(() => db.dispose());

    const add = (rows: Partial<IncidentInput>[]) =>
      db.store.upsertIncidents(
        rows.map((r) => incidentInput(r)),
        { changedBy: 'test', at: '2024-07-01T00:00:00Z', actor: TEST_ACTOR },
      );
    const on = (day: string, fatalities: number, over: Partial<IncidentInput>): Partial<IncidentInput> => ({
      eventDate: day,
      fatalities: { low: null, best: fatalities, high: null },
      ...over,
    });
    const publish = publishSurgeAlerts({ rule: DEFAULT_SURGE_RULE, now: () => NOW, region });

    it('announces each surge raised once, with its figures, its region and its marking', async () => {
      await add([
        ...Array.from({ length: 12 }, (_, m) => on(addDays('2023-06-15', 30 * m), 8, { admin1: 'Mopti' })),
        on('2024-06-20', 25, { admin1: 'Mopti' }),
        // Sikasso's surge is made of a NATIONAL incident of Mali.
        on('2024-06-22', 40, { admin1: 'Sikasso', classification: 'NATIONAL', ownerParty: 'MLI' }),
      ]);
      const first = await detectSurges(db.store, { on: '2024-06-30', now: NOW, publish });
      assert.ok(first.ok);
      assert.equal(first.value.opened.length, 2);

      const alerts = await db.store.readAlertEvents(0, 100);
      const surges = alerts.filter((a) => a.kind === 'surge');
      assert.equal(surges.length, 2);
      const mopti = surges.find((a) => a.payload.kind === 'surge' && a.payload.admin1 === 'Mopti');
      assert.ok(mopti && mopti.payload.kind === 'surge');
      assert.equal(mopti.classification, 'PUBLIC');
      assert.equal(mopti.payload.fatalities30d, 25);
      assert.equal(mopti.payload.threshold, 10, 'the floor, above the baseline of 8');
      assert.equal(mopti.payload['regionCode'], 'ML.04');
      assert.equal(mopti.payload['latitude'], 14.5);
      const sikasso = surges.find((a) => a.payload.kind === 'surge' && a.payload.admin1 === 'Sikasso');
      assert.ok(sikasso && sikasso.payload.kind === 'surge');
      assert.deepEqual([sikasso.classification, sikasso.ownerParty], ['NATIONAL', 'MLI']);
      assert.equal(sikasso.payload['latitude'], null, 'no reference unit given for Sikasso');

      const seen = async (visibility: Visibility) =>
        (await db.store.listAlertEvents({ visibility, limit: 50 }))
          .filter((a) => a.kind === 'surge')
          .map((a) => (a.payload.kind === 'surge' ? a.payload.admin1 : ''))
          .sort();
      assert.deepEqual(await seen(OBSERVER), ['Mopti']);
      assert.deepEqual(await seen(ANALYST), ['Mopti', 'Sikasso']);

      // More deaths the next day update the surges: no new alert.
      await add([on('2024-07-01', 12, { admin1: 'Mopti' })]);
      const next = await detectSurges(db.store, { on: '2024-07-01', now: NOW, publish });
      assert.ok(next.ok);
      assert.equal(next.value.opened.length, 0);
      assert.equal((await db.store.readAlertEvents(0, 100)).filter((a) => a.kind === 'surge').length, 2);
    });

    it('takes back the surges of a run whose publisher fails: nothing raised, nothing announced', async () => {
      await add([on('2024-06-20', 60, { admin1: 'Tombouctou', country: 'MLI' })]);
      const before = (await db.store.readAlertEvents(0, 1000)).length;
      await assert.rejects(
        detectSurges(db.store, {
          on: '2024-07-02',
          now: NOW,
          publish: async (store, opened) => {
            await publish(store, opened);
            throw new Error('the publisher failed');
          },
        }),
        /the publisher failed/,
      );
      assert.equal((await db.store.readAlertEvents(0, 1000)).length, before);
      const open = await db.store.listSurges({ visibility: ANALYST, limit: 50 });
      assert.ok(!open.some((s) => s.surge.admin1 === 'Tombouctou'));
    });
  });
}

describe('a surge alert and subscriptions', () => {
  const alert = (latitude: number | null) => ({
    seq: 1,
    createdAt: '2024-07-01T00:00:00Z',
    kind: 'surge' as const,
    incidentId: null,
    classification: 'PUBLIC' as const,
    ownerParty: null,
    payload: {
      kind: 'surge' as const,
      country: 'MLI',
      admin1: 'Mopti',
      fatalities30d: 25,
      threshold: 10,
      latitude,
      longitude: latitude === null ? null : -4.2,
    },
  });
  const box = {
    type: 'Polygon' as const,
    coordinates: [
      [
        [-5, 14],
        [-3, 14],
        [-3, 15],
        [-5, 15],
        [-5, 14],
      ],
    ],
  };

  it('is taken by its region, by an area around its centroid and by a lower minimum of deaths', () => {
    assert.ok(matchesFilter(alert(14.5), { adminUnits: [{ country: 'MLI', admin1: 'Mopti' }] }));
    assert.ok(matchesFilter(alert(14.5), { area: box }));
    assert.ok(matchesFilter(alert(14.5), { minFatalities: 20 }));
  });

  it('is not taken by an area elsewhere, by an area when its region has no centroid, or by event types', () => {
    assert.ok(!matchesFilter(alert(16.5), { area: box }));
    assert.ok(!matchesFilter(alert(null), { area: box }));
    assert.ok(!matchesFilter(alert(14.5), { eventTypes: ['Battles'] }));
    assert.ok(!matchesFilter(alert(14.5), { minFatalities: 30 }));
  });
});
