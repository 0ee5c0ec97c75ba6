/**
 * Early warning's store (surge-records.ts) on a real SQLite file and the real PostgreSQL: the daily
 * counts per admin-1 unit that detection reads, and the surges table — visibility by marking, open /
 * all / open-on-a-day lists, versioned audited writes, one open surge per unit.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Visibility } from '../../src/domain/classification.ts';
import type { Surge } from '../../src/domain/early-warning/surge.ts';
import type { IncidentInput } from '../../src/store/store.ts';
import { testStoreKinds, type TestStore } from '../support/databases.ts';
import { BY, incidentInput, TEST_ACTOR } from '../support/factories.ts';

const ALL: Visibility = { classifications: ['PUBLIC', 'AES_RESTRICTED', 'NATIONAL'], nationalOf: null };
const OBSERVER: Visibility = { classifications: ['PUBLIC'], nationalOf: null };
const LIAISON_MLI: Visibility = { classifications: ['PUBLIC', 'AES_RESTRICTED'], nationalOf: 'MLI' };
const LIAISON_BFA: Visibility = { classifications: ['PUBLIC', 'AES_RESTRICTED'], nationalOf: 'BFA' };

function surge(over: Partial<Surge> = {}): Surge {
  return {
    country: 'MLI',
    admin1Key: 'mopti',
    admin1: 'Mopti',
    classification: 'PUBLIC',
    ownerParty: null,
    state: 'open',
    level: 'elevated',
    openedOn: '2024-06-01',
    changedOn: '2024-06-01',
    lapsedSince: null,
    closedOn: null,
    window: { start: '2024-05-03', end: '2024-06-01' },
    fatalities30d: 14,
    events30d: 3,
    baseline: 9,
    baselineWindow: { start: '2023-09-01', end: '2023-09-30' },
    peakFatalities30d: 14,
    peakOn: '2024-06-01',
    history: [{ on: '2024-06-01', fatalities30d: 14, events30d: 3, baseline: 9, level: 'elevated' }],
    ...over,
  };
}

for (const kind of testStoreKinds) {
  describe(`surge records on ${kind.dialect}`, () => {
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
    const deaths = (best: number) => ({ low: null, best, high: null });

    it('counts incidents and fatalities per day, country, admin-1 spelling and marking, within the range', async () => {
      await add([
        { eventDate: '2024-06-10', admin1: 'Ségou', fatalities: deaths(3) },
        { eventDate: '2024-06-10', admin1: 'Ségou', fatalities: deaths(4) },
        { eventDate: '2024-06-10', admin1: 'SEGOU', fatalities: deaths(1) },
        {
          eventDate: '2024-06-10',
          admin1: 'Ségou',
          fatalities: deaths(5),
          classification: 'NATIONAL',
          ownerParty: 'MLI',
        },
        { eventDate: '2024-06-11', admin1: 'Ségou', fatalities: deaths(2), status: 'verified' },
        { eventDate: '2024-06-11', admin1: 'Ségou', fatalities: deaths(4), status: 'reported' },
        // Not counted: rejected, no admin-1, outside the range.
        { eventDate: '2024-06-11', admin1: 'Ségou', fatalities: deaths(50), status: 'rejected' },
        { eventDate: '2024-06-11', admin1: null, fatalities: deaths(50) },
        { eventDate: '2024-06-13', admin1: 'Ségou', fatalities: deaths(50) },
        { eventDate: '2024-06-09', admin1: 'Ségou', fatalities: deaths(50) },
      ]);
      const rows = await db.store.surgeDailyCounts({ from: '2024-06-10', to: '2024-06-12' });
      // Rows of one day, spelling and marking (one per status) added up.
      const sums = new Map<string, { events: number; fatalities: number }>();
      for (const r of rows) {
        const k = `${r.day} ${r.country} ${r.admin1} ${r.classification} ${r.ownerParty ?? '-'}`;
        const sum = sums.get(k) ?? { events: 0, fatalities: 0 };
        sum.events += r.events;
        sum.fatalities += r.fatalities;
        sums.set(k, sum);
      }
      assert.deepEqual([...sums].map(([k, v]) => `${k} ${v.events}/${v.fatalities}`).sort(), [
        '2024-06-10 MLI SEGOU PUBLIC - 1/1',
        '2024-06-10 MLI Ségou NATIONAL MLI 1/5',
        '2024-06-10 MLI Ségou PUBLIC - 2/7',
        '2024-06-11 MLI Ségou PUBLIC - 2/6',
      ]);
    });

    it('stops counting an incident once it is merged into another', async () => {
      await add([
        { eventDate: '2024-05-01', admin1: 'Gao', fatalities: deaths(6), sourceKey: 'merge:a' },
        { eventDate: '2024-05-01', admin1: 'Gao', fatalities: deaths(4), sourceKey: 'merge:b' },
      ]);
      const a = await db.store.getIncidentBySourceKey('merge:a', ALL);
      const b = await db.store.getIncidentBySourceKey('merge:b', ALL);
      assert.ok(a && b);
      const merged = await db.store.mergeIncidents({
        survivorId: a.id,
        otherId: b.id,
        visibility: ALL,
        changedBy: 'test',
        actor: TEST_ACTOR,
        at: '2024-07-02T00:00:00Z',
        reason: 'same event',
      });
      assert.equal(merged.ok, true, JSON.stringify(merged));
      const rows = await db.store.surgeDailyCounts({ from: '2024-05-01', to: '2024-05-01' });
      assert.deepEqual(
        rows.map((r) => [r.admin1, r.events, r.fatalities]),
        [['Gao', 1, 6]],
      );
    });

    it('writes surges with an audit entry each, lists them by marking and reads one by id', async () => {
      const written = await db.store.writeSurges(
        [
          { id: null, surge: surge() },
          {
            id: null,
            surge: surge({
              admin1Key: 'gao',
              admin1: 'Gao',
              classification: 'AES_RESTRICTED',
              fatalities30d: 30,
            }),
          },
          {
            id: null,
            surge: surge({
              admin1Key: 'kidal',
              admin1: 'Kidal',
              classification: 'NATIONAL',
              ownerParty: 'MLI',
            }),
          },
          {
            id: null,
            surge: surge({
              country: 'BFA',
              admin1Key: 'sahel',
              admin1: 'Sahel',
              classification: 'NATIONAL',
              ownerParty: null,
            }),
          },
        ],
        BY,
      );
      assert.ok(written);
      const [mopti, gao, kidal, sahel] = written;
      assert.ok(mopti && gao && kidal && sahel);
      assert.equal(mopti.version, 1);
      const names = async (v: Visibility) =>
        (await db.store.listSurges({ visibility: v, limit: 100 })).map((s) => s.surge.admin1);
      assert.deepEqual(await names(ALL), ['Gao', 'Sahel', 'Kidal', 'Mopti']);
      assert.deepEqual(await names(OBSERVER), ['Mopti']);
      assert.deepEqual(await names(LIAISON_MLI), ['Gao', 'Kidal', 'Mopti']);
      assert.deepEqual(await names(LIAISON_BFA), ['Gao', 'Mopti']);
      assert.equal(await db.store.getSurge(kidal.id, LIAISON_BFA), null);
      assert.equal((await db.store.getSurge(kidal.id, LIAISON_MLI))?.surge.admin1, 'Kidal');
      assert.equal(await db.store.getSurge(sahel.id, LIAISON_BFA), null);
      assert.deepEqual((await db.store.getSurge(mopti.id, OBSERVER))?.surge, surge());

      const entries = await db.store.listAuditEntries({
        limit: 10,
        subjectType: 'surge',
        subjectId: String(mopti.id),
      });
      assert.deepEqual(
        entries.items.map((e) => {
          const entry = JSON.parse(e.entry) as { action: string; actor: { name: string } };
          return [entry.action, entry.actor.name];
        }),
        [['surge.open', BY.actor.name]],
      );
    });

    it('updates at the version read, refuses a stale version whole, and closes', async () => {
      const [stored] =
        (await db.store.writeSurges(
          [{ id: null, surge: surge({ admin1Key: 'tombouctou', admin1: 'Tombouctou' }) }],
          BY,
        )) ?? [];
      assert.ok(stored);
      const moved = surge({
        admin1Key: 'tombouctou',
        admin1: 'Tombouctou',
        fatalities30d: 20,
        changedOn: '2024-06-02',
      });
      const updated = await db.store.writeSurges([{ id: stored.id, expectedVersion: 1, surge: moved }], BY);
      assert.equal(updated?.[0]?.version, 2);
      const stale = await db.store.writeSurges(
        [
          { id: null, surge: surge({ admin1Key: 'menaka', admin1: 'Menaka' }) },
          { id: stored.id, expectedVersion: 1, surge: { ...moved, fatalities30d: 99 } },
        ],
        BY,
      );
      assert.equal(stale, null);
      assert.equal((await db.store.getSurge(stored.id, ALL))?.surge.fatalities30d, 20);
      assert.equal(
        (await db.store.listSurges({ visibility: ALL, limit: 100 })).some((s) => s.surge.admin1 === 'Menaka'),
        false,
      );

      const closed = { ...moved, state: 'closed' as const, closedOn: '2024-07-10', changedOn: '2024-07-10' };
      await db.store.writeSurges([{ id: stored.id, expectedVersion: 2, surge: closed }], BY);
      const open = await db.store.listSurges({ visibility: ALL, limit: 100 });
      assert.equal(
        open.some((s) => s.id === stored.id),
        false,
        'closed: not in the default (open) list',
      );
      const all = await db.store.listSurges({ visibility: ALL, state: 'all', limit: 100 });
      assert.equal(
        all.some((s) => s.id === stored.id),
        true,
      );
      const onDay = async (on: string) =>
        (await db.store.listSurges({ visibility: ALL, on, limit: 100 })).some((s) => s.id === stored.id);
      assert.equal(await onDay('2024-05-31'), false);
      assert.equal(await onDay('2024-06-01'), true);
      assert.equal(await onDay('2024-07-09'), true);
      assert.equal(await onDay('2024-07-10'), false);
      assert.equal(await db.store.lastSurgeChange(), '2024-07-10');
      const actions = (
        await db.store.listAuditEntries({ limit: 10, subjectType: 'surge', subjectId: String(stored.id) })
      ).items.map((e) => (JSON.parse(e.entry) as { action: string }).action);
      assert.deepEqual(actions, ['surge.close', 'surge.update', 'surge.open']);
    });

    it('holds at most one open surge per admin unit', async () => {
      await db.store.writeSurges([{ id: null, surge: surge({ admin1Key: 'kayes', admin1: 'Kayes' }) }], BY);
      await assert.rejects(
        db.store.writeSurges([{ id: null, surge: surge({ admin1Key: 'kayes', admin1: 'KAYES' }) }], BY),
      );
      // A closed one does not count.
      await db.store.writeSurges(
        [{ id: null, surge: surge({ admin1Key: 'kayes', state: 'closed', closedOn: '2024-06-09' }) }],
        BY,
      );
      assert.equal((await db.store.listOpenSurges()).filter((s) => s.surge.admin1Key === 'kayes').length, 1);
    });
  });
}
