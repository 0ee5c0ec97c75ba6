/**
 * Surge detection as a command on each store: a quiet year then a spike raises one surge, once; more
 * deaths update it; a lapse closes it after the cool-down; the marking of what went into a surge rules
 * who sees it; detection never goes back in time; the schedule runs it for today.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  detectSurges,
  scheduleSurgeDetection,
  type DetectSurgesOutcome,
} from '../../src/commands/detect-surges.ts';
import type { Visibility } from '../../src/domain/classification.ts';
import { addDays } from '../../src/domain/iso-week.ts';
import type { IncidentInput } from '../../src/store/store.ts';
import { testStoreKinds, type TestStore } from '../support/databases.ts';
import { incidentInput, TEST_ACTOR } from '../support/factories.ts';

const OBSERVER: Visibility = { classifications: ['PUBLIC'], nationalOf: null };
const ANALYST: Visibility = { classifications: ['PUBLIC', 'AES_RESTRICTED', 'NATIONAL'], nationalOf: null };
const LIAISON_MLI: Visibility = { classifications: ['PUBLIC', 'AES_RESTRICTED'], nationalOf: 'MLI' };
const LIAISON_BFA: Visibility = { classifications: ['PUBLIC', 'AES_RESTRICTED'], nationalOf: 'BFA' };
const NOW = new Date('2024-07-01T06:00:00Z');

function value(outcome: DetectSurgesOutcome) {
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}

for (const kind of testStoreKinds) {
  describe(`surge detection on ${kind.dialect}`, () => {
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
    const on = (
      day: string,
      fatalities: number,
      over: Partial<IncidentInput> = {},
    ): Partial<IncidentInput> => ({
      eventDate: day,
      fatalities: { low: null, best: fatalities, high: null },
      ...over,
    });
    const detect = async (day: string) => value(await detectSurges(db.store, { on: day, now: NOW }));

    it('raises one surge where 30-day deaths pass the highest 30-day level of the year before', async () => {
      // Mopti: 8 deaths a month for a year (baseline 8), then 25 in June 2024. Ségou: 3 deaths, below the floor.
      await add([
        ...Array.from({ length: 12 }, (_, m) => on(addDays('2023-06-15', 30 * m), 8, { admin1: 'Mopti' })),
        on('2024-06-20', 15, { admin1: 'Mopti' }),
        on('2024-06-25', 10, { admin1: 'MOPTI', status: 'verified' }),
        on('2024-06-26', 3, { admin1: 'Ségou' }),
        // A rejected incident counts for nothing.
        on('2024-06-26', 90, { admin1: 'Ségou', status: 'rejected' }),
      ]);
      const first = await detect('2024-06-30');
      assert.deepEqual(
        first.opened.map((s) => [s.surge.admin1Key, s.surge.fatalities30d, s.surge.baseline, s.surge.level]),
        [['mopti', 25, 8, 'high']],
      );
      assert.deepEqual([first.updated, first.closed], [[], []]);
      const mopti = first.opened[0];
      assert.ok(mopti);
      assert.equal(mopti.surge.admin1, 'Mopti');
      assert.equal(mopti.surge.openedOn, '2024-06-30');
      assert.deepEqual(mopti.surge.window, { start: '2024-06-01', end: '2024-06-30' });

      const again = await detect('2024-06-30');
      assert.deepEqual(
        [again.opened, again.updated, again.closed],
        [[], [], []],
        'a second run changes nothing',
      );
      const nextDay = await detect('2024-07-01');
      assert.deepEqual(
        [nextDay.opened.length, nextDay.updated.length],
        [0, 0],
        'same figures: nothing written',
      );

      await add([on('2024-07-02', 6, { admin1: 'Mopti' })]);
      const more = await detect('2024-07-02');
      assert.deepEqual(
        more.updated.map((s) => [s.id, s.surge.fatalities30d, s.surge.peakFatalities30d]),
        [[mopti.id, 31, 31]],
      );
      assert.equal(more.opened.length, 0, 'an open surge is never raised again');
    });

    it('closes a surge once it has lapsed for the whole cool-down', async () => {
      // 2024-07-20: the 15 of 06-20 leave the window (16 left, baseline 8: holds). 07-25: 6 left: lapses.
      const lapse = await detect('2024-07-25');
      assert.deepEqual(
        lapse.updated.map((s) => [s.surge.admin1Key, s.surge.lapsedSince, s.surge.state]),
        [['mopti', '2024-07-25', 'open']],
      );
      const stillOpen = await detect('2024-07-31');
      assert.equal(stillOpen.closed.length, 0);
      const closed = await detect('2024-08-01');
      assert.deepEqual(
        closed.closed.map((s) => [s.surge.admin1Key, s.surge.closedOn]),
        [['mopti', '2024-08-01']],
      );
      assert.equal((await db.store.listSurges({ visibility: ANALYST, limit: 10 })).length, 0);
      assert.equal((await db.store.listSurges({ visibility: ANALYST, state: 'all', limit: 10 })).length, 1);
    });

    it('refuses a day before the last change: detection runs forward only', async () => {
      const outcome = await detectSurges(db.store, { on: '2024-07-15', now: NOW });
      assert.equal(outcome.ok, false);
      assert.equal(!outcome.ok && outcome.error.code, 'before-last-run');
      const bad = await detectSurges(db.store, { on: '2024-02-30', now: NOW });
      assert.equal(!bad.ok && bad.error.code, 'invalid-day');
    });

    it('marks a surge with the highest classification that went into it, so no reader sees a hidden total; raises anew after a close', async () => {
      await add([
        // Gao: a NATIONAL (MLI) incident in the baseline year and a PUBLIC spike.
        on('2024-03-01', 2, { admin1: 'Gao', classification: 'NATIONAL', ownerParty: 'MLI' }),
        on('2024-08-05', 20, { admin1: 'Gao' }),
        // Kidal: NATIONAL incidents of two parties.
        on('2024-08-05', 9, { admin1: 'Kidal', classification: 'NATIONAL', ownerParty: 'MLI' }),
        on('2024-08-06', 9, { admin1: 'Kidal', classification: 'NATIONAL', ownerParty: 'BFA' }),
        // Dori (BFA): AES_RESTRICTED.
        on('2024-08-06', 12, { country: 'BFA', admin1: 'Sahel', classification: 'AES_RESTRICTED' }),
        // Mopti, whose surge closed: 35 deaths, above its new baseline (31, the June–July surge).
        on('2024-08-08', 35, { admin1: 'Mopti' }),
      ]);
      const result = await detect('2024-08-10');
      const marks = result.opened
        .map((s) => `${s.surge.admin1Key} ${s.surge.classification} ${s.surge.ownerParty ?? '-'}`)
        .sort();
      assert.deepEqual(marks, [
        'gao NATIONAL MLI',
        'kidal NATIONAL -',
        'mopti PUBLIC -',
        'sahel AES_RESTRICTED -',
      ]);
      const mopti = result.opened.find((s) => s.surge.admin1Key === 'mopti');
      assert.equal(mopti?.surge.baseline, 31);
      const all = await db.store.listSurges({ visibility: ANALYST, state: 'all', limit: 10 });
      assert.equal(
        all.filter((s) => s.surge.admin1Key === 'mopti').length,
        2,
        'a new surge after the closed one',
      );
      const seen = async (v: Visibility) =>
        (await db.store.listSurges({ visibility: v, limit: 10 })).map((s) => s.surge.admin1Key).sort();
      assert.deepEqual(await seen(OBSERVER), ['mopti']);
      assert.deepEqual(await seen(LIAISON_MLI), ['gao', 'mopti', 'sahel']);
      assert.deepEqual(await seen(LIAISON_BFA), ['mopti', 'sahel']);
      assert.deepEqual(await seen(ANALYST), ['gao', 'kidal', 'mopti', 'sahel']);
    });

    it('tells the publisher of the surges it opened, in its transaction: a failed publish writes nothing', async () => {
      await add([on('2024-08-15', 40, { country: 'NER', admin1: 'Diffa' })]);
      await assert.rejects(
        detectSurges(db.store, {
          on: '2024-08-16',
          now: NOW,
          publish: () => Promise.reject(new Error('the alert outbox is down')),
        }),
        /the alert outbox is down/,
      );
      const diffa = async () =>
        (await db.store.listSurges({ visibility: ANALYST, limit: 20 })).filter(
          (s) => s.surge.admin1Key === 'diffa',
        );
      assert.deepEqual(await diffa(), [], 'rolled back with the publish');
      const told: string[][] = [];
      const result = value(
        await detectSurges(db.store, {
          on: '2024-08-16',
          now: NOW,
          publish: async (bound, opened) => {
            // The bound store sees the surges just written, in the same transaction.
            assert.equal(
              (await bound.listOpenSurges()).some((s) => s.id === opened[0]?.id),
              true,
            );
            told.push(opened.map((s) => s.surge.admin1Key));
          },
        }),
      );
      assert.deepEqual(told, [['diffa']]);
      assert.deepEqual(
        result.opened.map((s) => s.surge.admin1Key),
        ['diffa'],
      );
      assert.equal((await diffa()).length, 1);
      const again = value(
        await detectSurges(db.store, {
          on: '2024-08-17',
          now: NOW,
          publish: async () => {
            told.push(['called again']);
          },
        }),
      );
      assert.equal(again.opened.length, 0);
      assert.deepEqual(told, [['diffa']], 'not told again of an open surge');
    });

    it('runs on a schedule for the day of the clock, again only after a write, and stops', async () => {
      const runs: DetectSurgesOutcome[] = [];
      const schedule = scheduleSurgeDetection(db.store, {
        intervalMs: 5,
        now: () => new Date('2024-08-20T10:00:00Z'),
        onRun: (r) => {
          runs.push(r);
        },
        onError: (e) => {
          throw e;
        },
      });
      const waitFor = async (done: () => boolean) => {
        const until = Date.now() + 10_000;
        while (!done() && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      };
      try {
        await waitFor(() => runs.length > 0);
        assert.equal(value(runs[0] as DetectSurgesOutcome).on, '2024-08-20');
        // A run that wrote surges moves the log: one more run finds nothing to change, then ticks skip.
        await new Promise((r) => setTimeout(r, 300));
        const settled = runs.length;
        assert.ok(settled <= 2, `${settled} runs without any write`);
        await new Promise((r) => setTimeout(r, 200));
        assert.equal(runs.length, settled, 'no run while nothing is written');
        await add([on('2024-08-19', 60, { country: 'NER', admin1: 'Agadez' })]);
        await waitFor(() => runs.length > settled);
        const after = runs.slice(settled).map((r) => value(r).opened.map((s) => s.surge.admin1Key));
        assert.deepEqual(after[0], ['agadez']);
      } finally {
        await schedule.stop();
      }
    });
  });
}
