/**
 * The Store contract: one suite, run against every implementation (sqlite-store.test.ts,
 * postgres-store.test.ts) on a real database each time.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NO_CHARTER_FACTS } from '../../src/domain/charter/charter-facts.ts';
import type { EventType } from '../../src/domain/acled-taxonomy.ts';
import { visibilityOf, type Viewer, type Visibility } from '../../src/domain/classification.ts';
import type { Incident } from '../../src/domain/incident.ts';
import { InvalidCursorError } from '../../src/store/invalid-cursor-error.ts';
import { cellSizeAt, mergeCellGroups, type CellGroup } from '../../src/store/grid-clusters.ts';
import type { AggregateQuery, Cluster, IncidentFilter, IncidentInput, Store } from '../../src/store/store.ts';
import type { TestStore, TestStoreOptions } from '../support/databases.ts';
import { incidentInput, reportInput, TEST_ACTOR, BY } from '../support/factories.ts';

export type OpenTestStore = (options?: TestStoreOptions) => Promise<TestStore>;

const SEE_ALL: Visibility = visibilityOf({ role: 'analyst', party: null });
const AT = '2025-01-01T00:00:00.000Z';
const LATER = '2025-02-01T00:00:00.000Z';
const IMPORT = { changedBy: 'import:acled', at: AT, actor: TEST_ACTOR };

/** A fresh migrated store for the enclosing describe block, disposed after it. */
function freshStore(open: OpenTestStore): () => Store {
  let db: TestStore | undefined;
  before(async () => {
    db = await open();
  });
  after(async () => {
    await db?.dispose();
  });
  return () => {
    if (db === undefined) throw new Error('the store opens in before()');
    return db.store;
  };
}

const ids = (items: readonly Incident[]): number[] => items.map((i) => i.id).sort((a, b) => a - b);

async function allIds(store: Store, filter: IncidentFilter): Promise<number[]> {
  return ids((await store.listIncidents({ ...filter, limit: 1000 })).items);
}

/** Deterministic randomness, so that a failure repeats. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The map read computed in plain code from the incidents: the oracle of the store's SQL. */
function referenceClusters(incidents: readonly Incident[], q: AggregateQuery): Cluster[] {
  const size = cellSizeAt(q.zoom);
  const v = q.visibility;
  const groups = new Map<string, CellGroup & { count: number }>();
  for (const i of incidents) {
    const { latitude: lat, longitude: lon } = i;
    if (lat === null || lon === null) continue;
    const visible =
      v.classifications.includes(i.classification) ||
      (i.classification === 'NATIONAL' && v.nationalOf !== null && i.ownerParty === v.nationalOf);
    if (!visible) continue;
    const b = q.bbox;
    if (b !== undefined && (lat < b.minLat || lat > b.maxLat || lon < b.minLon || lon > b.maxLon)) continue;
    if (q.from !== undefined && i.eventDate < q.from) continue;
    if (q.to !== undefined && i.eventDate > q.to) continue;
    if (q.country !== undefined && !q.country.includes(i.country)) continue;
    if (q.eventType !== undefined && !q.eventType.includes(i.eventType)) continue;
    if (q.status !== undefined && !q.status.includes(i.status)) continue;
    const cx = Math.floor((lon + 180) / size);
    const cy = Math.floor((lat + 90) / size);
    const key = `${cx}:${cy}:${i.eventType}`;
    const g = groups.get(key);
    if (g === undefined)
      groups.set(key, {
        cx,
        cy,
        eventType: i.eventType,
        count: 1,
        fatalities: i.fatalities.best,
        sumLat: lat,
        sumLon: lon,
        minLat: lat,
        maxLat: lat,
        minLon: lon,
        maxLon: lon,
        minId: i.id,
      });
    else
      groups.set(key, {
        ...g,
        count: g.count + 1,
        fatalities: g.fatalities + i.fatalities.best,
        sumLat: g.sumLat + lat,
        sumLon: g.sumLon + lon,
        minLat: Math.min(g.minLat, lat),
        maxLat: Math.max(g.maxLat, lat),
        minLon: Math.min(g.minLon, lon),
        maxLon: Math.max(g.maxLon, lon),
        minId: Math.min(g.minId, i.id),
      });
  }
  return mergeCellGroups(groups.values());
}

function assertSameClusters(got: readonly Cluster[], want: readonly Cluster[], message: string): void {
  const order = (cs: readonly Cluster[]): Cluster[] =>
    [...cs].sort(
      (a, b) => b.count - a.count || a.bbox.minLat - b.bbox.minLat || a.bbox.minLon - b.bbox.minLon,
    );
  const [g, w] = [order(got), order(want)];
  assert.equal(g.length, w.length, message);
  g.forEach((c, n) => {
    const e = w[n];
    assert.ok(e, message);
    const { latitude, longitude, ...rest } = c;
    const { latitude: eLat, longitude: eLon, ...eRest } = e;
    assert.deepEqual(rest, eRest, message);
    assert.ok(Math.abs(latitude - eLat) < 1e-9 && Math.abs(longitude - eLon) < 1e-9, message);
  });
}

export function storeContract(open: OpenTestStore): void {
  describe('migrations', () => {
    it('migrating an up-to-date store again changes nothing and keeps the data', async () => {
      const db = await open();
      try {
        await db.store.upsertIncidents([incidentInput()], IMPORT);
        await db.store.migrate();
        await db.store.migrate();
        assert.equal(await db.store.countIncidents({ visibility: SEE_ALL }), 1);
      } finally {
        await db.dispose();
      }
    });
  });

  describe('upsertIncidents', () => {
    const store = freshStore(open);

    it('inserts new incidents at revision 1 and answers in input order', async () => {
      const a = incidentInput({ location: 'Djibo' });
      const b = incidentInput({ location: 'Boni' });
      assert.deepEqual(await store().upsertIncidents([a, b], IMPORT), ['inserted', 'inserted']);
      assert.equal(await store().countIncidents({ visibility: SEE_ALL }), 2);
      const page = await store().listIncidents({ visibility: SEE_ALL, limit: 10 });
      const stored = page.items.find((i) => i.sourceKey === a.sourceKey);
      assert.ok(stored);
      const { sourceKey: _k, contentHash: _h, ...fields } = a;
      assert.deepEqual(
        { ...stored, id: 0 },
        {
          ...fields,
          id: 0,
          sourceKey: a.sourceKey,
          revision: 1,
          mergedInto: null,
          charterFacts: NO_CHARTER_FACTS,
          createdAt: AT,
          updatedAt: AT,
        },
      );
    });

    it('leaves an incident whose content hash is unchanged alone', async () => {
      const a = incidentInput();
      await store().upsertIncidents([a], IMPORT);
      // Same hash, other notes: the hash decides, so nothing is written.
      const outcome = await store().upsertIncidents([{ ...a, notes: 'ignored' }], { ...IMPORT, at: LATER });
      assert.deepEqual(outcome, ['unchanged']);
      const [stored] = (await store().listIncidents({ visibility: SEE_ALL, limit: 1000 })).items.filter(
        (i) => i.sourceKey === a.sourceKey,
      );
      assert.equal(stored?.notes, a.notes);
      assert.equal(stored?.updatedAt, AT);
      assert.equal(stored?.revision, 1);
    });

    it('updates a changed incident, bumps its revision and records only the changed fields', async () => {
      const a = incidentInput({ fatalities: { low: null, best: 3, high: null } });
      await store().upsertIncidents([a], IMPORT);
      const changed = incidentInput({
        ...a,
        contentHash: undefined,
        fatalities: { low: 2, best: 5, high: 9 },
        notes: 'Revised toll.',
      });
      const outcome = await store().upsertIncidents([changed], {
        actor: TEST_ACTOR,
        changedBy: 'import:acled-2',
        at: LATER,
      });
      assert.deepEqual(outcome, ['updated']);
      const page = await store().listIncidents({ visibility: SEE_ALL, limit: 1000 });
      const stored = page.items.find((i) => i.sourceKey === a.sourceKey);
      assert.ok(stored);
      assert.equal(stored.revision, 2);
      assert.deepEqual(stored.fatalities, { low: 2, best: 5, high: 9 });
      assert.equal(stored.createdAt, AT);
      assert.equal(stored.updatedAt, LATER);
      const revisions = await store().listRevisions(stored.id);
      assert.deepEqual(revisions, [
        {
          incidentId: stored.id,
          revision: 2,
          changedAt: LATER,
          changedBy: 'import:acled-2',
          reason: 'import',
          changes: {
            fatalities: { before: { low: null, best: 3, high: null }, after: { low: 2, best: 5, high: 9 } },
            notes: { before: a.notes, after: 'Revised toll.' },
          },
        },
      ]);
      // The same content again is unchanged.
      assert.deepEqual(await store().upsertIncidents([changed], IMPORT), ['unchanged']);
    });

    it('treats a key repeated in one batch as a change of its first occurrence', async () => {
      const first = incidentInput();
      const second = incidentInput({ ...first, contentHash: undefined, location: 'Mondoro' });
      const outcome = await store().upsertIncidents([first, second, second], IMPORT);
      assert.deepEqual(outcome, ['inserted', 'updated', 'unchanged']);
      const page = await store().listIncidents({ visibility: SEE_ALL, limit: 1000 });
      const stored = page.items.find((i) => i.sourceKey === first.sourceKey);
      assert.equal(stored?.location, 'Mondoro');
      assert.equal(stored?.revision, 2);
    });

    it('writes nothing of a batch in which one row violates a constraint', async () => {
      const existing = incidentInput();
      await store().upsertIncidents([existing], IMPORT);
      const before = await store().countIncidents({ visibility: SEE_ALL });
      // 1,500 rows span more than one multi-row insert; the last breaks NOT NULL on actor1.
      const batch: IncidentInput[] = [
        incidentInput({ ...existing, contentHash: undefined, location: 'Changed' }),
      ];
      for (let n = 0; n < 1498; n++) batch.push(incidentInput());
      // Deliberately invalid: the store must refuse what the type system would have.
      batch.push({ ...incidentInput(), actor1: null as unknown as string });
      await assert.rejects(store().upsertIncidents(batch, IMPORT));
      assert.equal(await store().countIncidents({ visibility: SEE_ALL }), before);
      const page = await store().listIncidents({ visibility: SEE_ALL, limit: 1000 });
      assert.equal(page.items.find((i) => i.sourceKey === existing.sourceKey)?.location, existing.location);
      // The store is still usable after the rollback.
      assert.deepEqual(await store().upsertIncidents([incidentInput()], IMPORT), ['inserted']);
    });

    it('answers an empty batch with no outcomes', async () => {
      assert.deepEqual(await store().upsertIncidents([], IMPORT), []);
    });
  });

  describe('filters', () => {
    const store = freshStore(open);
    const seeded: Record<string, number> = {};
    const rows: Record<string, IncidentInput> = {
      mopti: incidentInput({
        eventDate: '2023-01-01',
        country: 'MLI',
        latitude: 14.5,
        longitude: -4.2,
        eventType: 'Battles',
        subEventType: 'Armed clash',
        actor1: 'JNIM: Group for Support of Islam and Muslims',
        actor2: 'Military Forces of Mali (2021-)',
        status: 'verified',
      }),
      djibo: incidentInput({
        eventDate: '2023-06-30',
        country: 'BFA',
        latitude: 14.1,
        longitude: -1.63,
        eventType: 'Violence against civilians',
        subEventType: 'Attack',
        actor1: 'Unidentified Armed Group (Burkina Faso)',
        actor2: 'Civilians (Burkina Faso)',
        assocActor2: 'Fulani Ethnic Group (Burkina Faso)',
        status: 'reported',
      }),
      tera: incidentInput({
        eventDate: '2023-12-31',
        country: 'NER',
        latitude: 14.0,
        longitude: 0.75,
        eventType: 'Explosions/Remote violence',
        subEventType: 'Remote explosive/landmine/IED',
        actor1: 'Islamic State (Sahel)',
        actor2: null,
        status: 'machine-coded',
      }),
      nowhere: incidentInput({
        eventDate: '2024-01-01',
        country: 'NER',
        latitude: null,
        longitude: null,
        geoPrecision: null,
        eventType: 'Protests',
        subEventType: 'Peaceful protest',
        actor1: 'Protesters (Niger) 100% peaceful',
        actor2: null,
        status: 'rejected',
      }),
    };
    before(async () => {
      await store().upsertIncidents(Object.values(rows), IMPORT);
      for (const i of (await store().listIncidents({ visibility: SEE_ALL, limit: 10 })).items)
        for (const [name, input] of Object.entries(rows))
          if (input.sourceKey === i.sourceKey) seeded[name] = i.id;
    });
    const expect = async (filter: Omit<IncidentFilter, 'visibility'>, names: string[]): Promise<void> => {
      const wanted = names.map((n) => seeded[n] ?? -1).sort((a, b) => a - b);
      assert.deepEqual(await allIds(store(), { visibility: SEE_ALL, ...filter }), wanted);
      assert.equal(await store().countIncidents({ visibility: SEE_ALL, ...filter }), names.length);
    };

    it('returns every incident without a filter', async () => {
      await expect({}, ['mopti', 'djibo', 'tera', 'nowhere']);
    });
    it('keeps incidents inside a bounding box, edges included, and drops those without coordinates', async () => {
      await expect({ bbox: { minLon: -4.2, minLat: 14.0, maxLon: -1.63, maxLat: 14.5 } }, ['mopti', 'djibo']);
      await expect({ bbox: { minLon: -1, minLat: 0, maxLon: 1, maxLat: 20 } }, ['tera']);
    });
    it('keeps a box that crosses the antimeridian', async () => {
      await expect({ bbox: { minLon: 170, minLat: 0, maxLon: -3, maxLat: 20 } }, ['mopti']);
    });
    it('includes both ends of a date window', async () => {
      await expect({ from: '2023-06-30', to: '2023-12-31' }, ['djibo', 'tera']);
      await expect({ from: '2024-01-01' }, ['nowhere']);
      await expect({ to: '2023-01-01' }, ['mopti']);
    });
    it('keeps the listed countries, event types and statuses; an empty list keeps nothing', async () => {
      await expect({ country: ['NER'] }, ['tera', 'nowhere']);
      await expect({ country: ['MLI', 'BFA'] }, ['mopti', 'djibo']);
      await expect({ eventType: ['Battles', 'Protests'] }, ['mopti', 'nowhere']);
      await expect({ status: ['reported', 'verified'] }, ['mopti', 'djibo']);
      await expect({ country: [] }, []);
    });
    it('matches an actor as a case-insensitive substring of either actor or an associated actor', async () => {
      await expect({ actor: 'jnim' }, ['mopti']);
      await expect({ actor: 'MILITARY FORCES' }, ['mopti']);
      await expect({ actor: 'fulani' }, ['djibo']);
      await expect({ actor: 'burkina' }, ['djibo']);
    });
    it('reads % and _ in an actor filter as plain characters', async () => {
      await expect({ actor: '100%' }, ['nowhere']);
      await expect({ actor: '%' }, ['nowhere']);
      await expect({ actor: 'State_(' }, []);
    });
    it('combines filters with AND', async () => {
      await expect({ country: ['NER'], from: '2023-01-01', to: '2023-12-31', status: ['machine-coded'] }, [
        'tera',
      ]);
      await expect({ country: ['NER'], eventType: ['Battles'] }, []);
    });
  });

  describe('paging', () => {
    const store = freshStore(open);
    before(async () => {
      // 25 incidents on 7 days: many share a date, so the id breaks ties.
      const batch = Array.from({ length: 25 }, (_, n) =>
        incidentInput({ eventDate: `2024-05-${String(10 + (n % 7)).padStart(2, '0')}` }),
      );
      await store().upsertIncidents(batch, IMPORT);
    });

    it('pages through every incident once, newest first, ties by descending id', async () => {
      const seen: Incident[] = [];
      let cursor: string | undefined;
      let pages = 0;
      for (;;) {
        const page = await store().listIncidents({
          visibility: SEE_ALL,
          limit: 4,
          ...(cursor ? { cursor } : {}),
        });
        seen.push(...page.items);
        pages += 1;
        if (page.nextCursor === null) break;
        cursor = page.nextCursor;
      }
      assert.equal(pages, 7);
      assert.equal(seen.length, 25);
      assert.equal(new Set(seen.map((i) => i.id)).size, 25);
      const sorted = [...seen].sort((a, b) =>
        a.eventDate === b.eventDate ? b.id - a.id : a.eventDate < b.eventDate ? 1 : -1,
      );
      assert.deepEqual(
        seen.map((i) => i.id),
        sorted.map((i) => i.id),
      );
    });

    it('gives no next cursor when the last page is exactly full', async () => {
      const page = await store().listIncidents({ visibility: SEE_ALL, limit: 25 });
      assert.equal(page.items.length, 25);
      assert.equal(page.nextCursor, null);
    });

    it('rejects a cursor it did not make with InvalidCursorError', async () => {
      for (const cursor of ['nonsense', Buffer.from('["x"]').toString('base64url'), '']) {
        await assert.rejects(
          store().listIncidents({ visibility: SEE_ALL, limit: 4, cursor }),
          InvalidCursorError,
          cursor,
        );
      }
    });
  });

  describe('visibility', () => {
    const store = freshStore(open);
    const records = {
      public: incidentInput({ classification: 'PUBLIC', ownerParty: null, notes: 'secret word' }),
      restricted: incidentInput({ classification: 'AES_RESTRICTED', ownerParty: null, notes: 'secret word' }),
      nationalMli: incidentInput({ classification: 'NATIONAL', ownerParty: 'MLI', notes: 'secret word' }),
      nationalNer: incidentInput({ classification: 'NATIONAL', ownerParty: 'NER', notes: 'secret word' }),
    };
    type Name = keyof typeof records;
    const idOf: Partial<Record<Name, number>> = {};
    const reportIdOf: Partial<Record<Name, number>> = {};
    const cases: { viewer: Viewer; sees: Name[] }[] = [
      {
        viewer: { role: 'admin', party: null },
        sees: ['public', 'restricted', 'nationalMli', 'nationalNer'],
      },
      {
        viewer: { role: 'analyst', party: null },
        sees: ['public', 'restricted', 'nationalMli', 'nationalNer'],
      },
      { viewer: { role: 'liaison', party: 'MLI' }, sees: ['public', 'restricted', 'nationalMli'] },
      { viewer: { role: 'decision-maker', party: 'NER' }, sees: ['public', 'restricted', 'nationalNer'] },
      { viewer: { role: 'liaison', party: 'BFA' }, sees: ['public', 'restricted'] },
      { viewer: { role: 'observer', party: null }, sees: ['public'] },
      { viewer: { role: 'anonymous', party: null }, sees: ['public'] },
    ];
    before(async () => {
      await store().upsertIncidents(Object.values(records), IMPORT);
      const all = (await store().listIncidents({ visibility: SEE_ALL, limit: 10 })).items;
      for (const [name, input] of Object.entries(records) as [Name, IncidentInput][]) {
        idOf[name] = all.find((i) => i.sourceKey === input.sourceKey)?.id;
        const { report } = await store().insertReport(
          reportInput({
            classification: input.classification,
            ownerParty: input.ownerParty,
            text: 'secret word',
          }),
          { actor: TEST_ACTOR, submittedBy: 'liaison-mli', receivedAt: AT },
        );
        reportIdOf[name] = report.id;
      }
    });

    for (const { viewer, sees } of cases) {
      const who = `${viewer.role}${viewer.party === null ? '' : ` of ${viewer.party}`}`;
      it(`shows a ${who} only ${sees.join(', ')} in every read`, async () => {
        const visibility = visibilityOf(viewer);
        const wanted = sees.map((n) => idOf[n] ?? -1).sort((a, b) => a - b);
        assert.deepEqual(await allIds(store(), { visibility }), wanted, 'list');
        assert.deepEqual(await allIds(store(), { visibility, q: 'secret' }), wanted, 'search');
        assert.equal(await store().countIncidents({ visibility }), sees.length, 'count');
        const clusters = await store().aggregateIncidents({ visibility, zoom: 2 });
        assert.equal(
          clusters.reduce((n, c) => n + c.count, 0),
          sees.length,
          'aggregate',
        );
        for (const name of Object.keys(records) as Name[]) {
          const visible = sees.includes(name);
          assert.equal(
            (await store().getIncident(idOf[name] ?? -1, visibility)) !== null,
            visible,
            `get ${name}`,
          );
          assert.equal(
            (await store().getReport(reportIdOf[name] ?? -1, visibility)) !== null,
            visible,
            `report ${name}`,
          );
        }
        const reports = await store().listReports({ visibility, limit: 100 });
        assert.equal(reports.items.length, sees.length, 'reports');
        const searched = await store().listReports({ visibility, q: 'secret', limit: 100 });
        assert.equal(searched.items.length, sees.length, 'report search');
      });
    }

    it('shows nothing to a visibility that allows nothing', async () => {
      assert.equal(
        await store().countIncidents({ visibility: { classifications: [], nationalOf: null } }),
        0,
      );
    });
  });

  describe('aggregateIncidents from the summary', () => {
    const store = freshStore(open);
    const rand = seeded(7);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T; // rand() < 1
    const TYPES: readonly EventType[] = ['Battles', 'Riots', 'Violence against civilians'];
    const day = (): string =>
      new Date(Date.UTC(2021, 0, 1) + Math.floor(rand() * 3 * 365) * 86_400_000).toISOString().slice(0, 10);
    const towns = Array.from({ length: 6 }, () => ({ lat: 11 + rand() * 8, lon: -6 + rand() * 10 }));
    const randomInput = (): IncidentInput => {
      const town = pick(towns);
      const classification = pick(['PUBLIC', 'PUBLIC', 'AES_RESTRICTED', 'NATIONAL'] as const);
      const placed = rand() > 0.05;
      return incidentInput({
        eventDate: day(),
        eventType: pick(TYPES),
        country: pick(['MLI', 'BFA', 'NER']),
        status: pick(['machine-coded', 'verified'] as const),
        classification,
        ownerParty: classification === 'NATIONAL' ? pick(['MLI', 'NER']) : null,
        latitude: placed ? Math.round((town.lat + (rand() - 0.5) * 2) * 1e4) / 1e4 : null,
        longitude: placed ? Math.round((town.lon + (rand() - 0.5) * 2) * 1e4) / 1e4 : null,
        fatalities: { low: null, best: Math.floor(rand() * 5), high: null },
      });
    };
    const viewers: Visibility[] = [
      SEE_ALL,
      visibilityOf({ role: 'liaison', party: 'MLI' }),
      visibilityOf({ role: 'observer', party: null }),
    ];

    before(async () => {
      const inputs = Array.from({ length: 600 }, randomInput);
      for (let i = 0; i < inputs.length; i += 150)
        await store().upsertIncidents(inputs.slice(i, i + 150), IMPORT);
      // Re-imports that move incidents between cells, months and keys, some twice in one batch.
      const moved = inputs.slice(0, 120).map((a) => ({ ...randomInput(), sourceKey: a.sourceKey }));
      await store().upsertIncidents([...moved.slice(0, 60), ...moved.slice(0, 20)], IMPORT);
      await store().upsertIncidents(moved.slice(60), { ...IMPORT, at: LATER });
      // Analysts' edits: status, classification and coding.
      const { items } = await store().listIncidents({ visibility: SEE_ALL, limit: 1000 });
      for (const incident of items.slice(0, 80)) {
        const other = randomInput();
        await store().updateIncident(incident.id, {
          actor: TEST_ACTOR,
          status: other.status,
          classification: other.classification,
          ownerParty: other.ownerParty,
          coding: pick([
            {},
            { latitude: other.latitude, longitude: other.longitude },
            { eventDate: other.eventDate, eventType: other.eventType, fatalities: other.fatalities },
          ]),
          changedBy: 'analyst',
          reason: 'review',
          at: LATER,
        });
      }
    });

    it('answers exactly as the incidents themselves, for random filters, boxes, windows and zooms', async () => {
      const all: Incident[] = [];
      let cursor: string | undefined;
      do {
        const page = await store().listIncidents({
          visibility: SEE_ALL,
          limit: 1000,
          ...(cursor === undefined ? {} : { cursor }),
        });
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      for (let n = 0; n < 60; n++) {
        const lat = 10 + rand() * 10;
        const lon = -7 + rand() * 12;
        const span = pick([0.05, 0.5, 3, 12]);
        const [d1, d2] = [day(), day()].sort();
        const query: AggregateQuery = {
          visibility: pick(viewers),
          zoom: Math.floor(rand() * 11),
          ...(rand() < 0.8
            ? { bbox: { minLat: lat, minLon: lon, maxLat: lat + span, maxLon: lon + span * 1.3 } }
            : {}),
          ...(rand() < 0.7 ? { from: rand() < 0.3 ? `${(d1 ?? '').slice(0, 7)}-01` : d1 } : {}),
          ...(rand() < 0.7 ? { to: rand() < 0.3 ? `${(d2 ?? '').slice(0, 7)}-31` : d2 } : {}),
          ...(rand() < 0.3 ? { country: [pick(['MLI', 'BFA', 'NER'])] } : {}),
          ...(rand() < 0.3 ? { eventType: [pick(TYPES), pick(TYPES)] } : {}),
          ...(rand() < 0.3 ? { status: ['verified' as const] } : {}),
        };
        const got = await store().aggregateIncidents(query);
        assertSameClusters(got, referenceClusters(all, query), JSON.stringify(query));
      }
    });
  });

  describe('aggregateIncidents', () => {
    const store = freshStore(open);
    // Two towns 2° apart, each with a few incidents within 0.01°, plus one far away and one unplaced.
    const boni = (
      n: number,
      eventType: EventType,
      subEventType: IncidentInput['subEventType'],
      best: number,
    ) =>
      incidentInput({
        latitude: 15.0 + n * 0.001,
        longitude: -1.9 + n * 0.001,
        eventType,
        subEventType,
        fatalities: { low: null, best, high: null },
      });
    before(async () => {
      await store().upsertIncidents(
        [
          boni(1, 'Battles', 'Armed clash', 2),
          boni(2, 'Battles', 'Armed clash', 3),
          boni(3, 'Violence against civilians', 'Attack', 4),
          incidentInput({ latitude: 13.0, longitude: -3.9, fatalities: { low: null, best: 1, high: null } }),
          incidentInput({ latitude: 13.5, longitude: 2.1, eventDate: '2020-01-01' }),
          incidentInput({ latitude: null, longitude: null, geoPrecision: null }),
          incidentInput({ latitude: 15.0, longitude: -1.9, classification: 'NATIONAL', ownerParty: 'NER' }),
        ],
        IMPORT,
      );
    });
    const liaisonMli = visibilityOf({ role: 'liaison', party: 'MLI' });

    it('counts every placed incident the filter keeps, and no unplaced one', async () => {
      for (const zoom of [0, 3, 6, 9, 14, 22]) {
        const clusters = await store().aggregateIncidents({ visibility: liaisonMli, zoom });
        const placed = await store().countIncidents({
          visibility: liaisonMli,
          bbox: { minLon: -180, minLat: -90, maxLon: 180, maxLat: 90 },
        });
        assert.equal(
          clusters.reduce((n, c) => n + c.count, 0),
          placed,
          `zoom ${zoom}`,
        );
        assert.equal(placed, 5);
      }
      const filtered = await store().aggregateIncidents({
        visibility: liaisonMli,
        zoom: 3,
        from: '2021-01-01',
      });
      assert.equal(
        filtered.reduce((n, c) => n + c.count, 0),
        4,
      );
    });

    it('never counts an incident the viewer may not see', async () => {
      const clusters = await store().aggregateIncidents({ visibility: liaisonMli, zoom: 14 });
      const atBoni = clusters.filter((c) => c.bbox.minLat >= 14.99 && c.bbox.maxLat <= 15.01);
      assert.equal(
        atBoni.reduce((n, c) => n + c.count, 0),
        3,
      );
      const ner = visibilityOf({ role: 'liaison', party: 'NER' });
      const theirs = await store().aggregateIncidents({ visibility: ner, zoom: 0 });
      assert.equal(
        theirs.reduce((n, c) => n + c.count, 0),
        6,
      );
    });

    it('merges a town into one cluster at low zoom and splits it as the zoom grows', async () => {
      const near = (zoom: number) =>
        store()
          .aggregateIncidents({
            visibility: liaisonMli,
            zoom,
            bbox: { minLon: -2, minLat: 14.9, maxLon: -1.8, maxLat: 15.1 },
          })
          .then((cs) => cs.length);
      assert.equal(await near(4), 1);
      assert.ok((await near(16)) > 1);
      const world = await store().aggregateIncidents({ visibility: liaisonMli, zoom: 0 });
      const fine = await store().aggregateIncidents({ visibility: liaisonMli, zoom: 8 });
      assert.ok(world.length < fine.length, `${world.length} < ${fine.length}`);
    });

    it('gives a cluster its count, fatalities, mean position, bounds and dominant type', async () => {
      const [town] = await store().aggregateIncidents({
        visibility: liaisonMli,
        zoom: 5,
        bbox: { minLon: -2, minLat: 14.9, maxLon: -1.8, maxLat: 15.1 },
      });
      assert.ok(town);
      assert.equal(town.count, 3);
      assert.equal(town.fatalities, 9);
      assert.ok(Math.abs(town.latitude - 15.002) < 1e-9);
      assert.ok(Math.abs(town.longitude - -1.898) < 1e-9);
      assert.deepEqual(town.byEventType, { Battles: 2, 'Violence against civilians': 1 });
      assert.equal(town.dominantEventType, 'Battles');
      assert.deepEqual(town.bbox, { minLon: -1.899, minLat: 15.001, maxLon: -1.897, maxLat: 15.003 });
      assert.equal(town.incidentId, null);
    });

    it('names the incident of a cluster that holds exactly one', async () => {
      const clusters = await store().aggregateIncidents({
        visibility: liaisonMli,
        zoom: 5,
        to: '2020-12-31',
      });
      assert.equal(clusters.length, 1);
      const [only] = clusters;
      const [incident] = (await store().listIncidents({ visibility: liaisonMli, to: '2020-12-31', limit: 5 }))
        .items;
      assert.equal(only?.incidentId, incident?.id);
      assert.equal(only?.latitude, 13.5);
    });
  });

  describe('full-text search', () => {
    const store = freshStore(open);
    let tillaberi = 0;
    before(async () => {
      await store().upsertIncidents(
        [
          incidentInput({
            notes: 'Des hommes armés ont attaqué un convoi près de Tillabéri.',
            location: 'Tillabéri',
          }),
          incidentInput({ notes: 'Clashes near Ménaka between armed groups.', location: 'Ménaka' }),
          incidentInput({ notes: null, location: 'Djibo', actor2: 'Koglweogo Militia' }),
        ],
        IMPORT,
      );
      tillaberi =
        (await store().listIncidents({ visibility: SEE_ALL, limit: 10, q: 'convoi' })).items[0]?.id ?? 0;
    });
    const hits = (q: string) => store().countIncidents({ visibility: SEE_ALL, q });

    it('finds words regardless of accents and case', async () => {
      assert.equal(await hits('tillaberi'), 1);
      assert.equal(await hits('TILLABÉRI'), 1);
      assert.equal(await hits('Tillabéri'), 1);
      assert.equal(await hits('menaka'), 1);
      assert.equal(await hits('armes'), 1);
    });
    it('searches notes, location and both actors', async () => {
      assert.equal(await hits('djibo'), 1);
      assert.equal(await hits('koglweogo'), 1);
      assert.equal(await hits('jnim'), 3);
    });
    it('requires every word and reads the last as a prefix', async () => {
      assert.equal(await hits('convoi tillab'), 1);
      assert.equal(await hits('convoi menaka'), 0);
      assert.equal(await hits('men'), 1);
      assert.deepEqual(
        (await store().listIncidents({ visibility: SEE_ALL, limit: 5, q: 'hommes convoi' })).items.map(
          (i) => i.id,
        ),
        [tillaberi],
      );
    });
    it('ignores a query with no word in it', async () => {
      assert.equal(await hits('  ***  '), 3);
      assert.equal(await hits(''), 3);
    });
    for (const q of [
      '"',
      "'",
      '"unterminated',
      'tillaberi)',
      '(convoi',
      'NEAR(convoi tillaberi)',
      'convoi NEAR tillaberi',
      '*',
      'tillab*',
      'convoi AND',
      'OR',
      'NOT convoi',
      '-convoi',
      "'; DROP TABLE incidents; --",
      'convoi & | ! <-> :* tillaberi',
      'col:convoi',
      '^convoi',
      '\\',
      '%_%',
      'e\u0301',
      '\u0301',
      '😀 emoji',
      'x'.repeat(5000),
      Array.from({ length: 100 }, (_, n) => `w${n}`).join(' '),
    ]) {
      it(`answers the hostile query ${JSON.stringify(q.slice(0, 40))} without an error`, async () => {
        const n = await hits(q);
        assert.ok(n >= 0 && n <= 3);
        const reports = await store().listReports({ visibility: SEE_ALL, q, limit: 5 });
        assert.ok(Array.isArray(reports.items));
      });
    }
    it('still has its incidents table after the hostile queries', async () => {
      assert.equal(await store().countIncidents({ visibility: SEE_ALL }), 3);
    });
  });

  describe('full-text search over many matches', () => {
    const store = freshStore(open);
    before(async () => {
      // More matches than the store reads and sorts (2000), in dates that do not follow the ids.
      const rand = seeded(11);
      const inputs = Array.from({ length: 2600 }, (_, n) =>
        incidentInput({
          notes: n % 5 === 0 ? 'embuscade sur la route' : 'convoi attaqué sur la route',
          eventDate: new Date(Date.UTC(2020, 0, 1) + Math.floor(rand() * 1500) * 86_400_000)
            .toISOString()
            .slice(0, 10),
        }),
      );
      await store().upsertIncidents(inputs, IMPORT);
    });

    it('pages the matches of a common word newest first, as a list without the word does', async () => {
      const all = await store().listIncidents({ visibility: SEE_ALL, limit: 1000 });
      const expected = [...all.items];
      let cursor = all.nextCursor;
      while (cursor !== null) {
        const page = await store().listIncidents({ visibility: SEE_ALL, limit: 1000, cursor });
        expected.push(...page.items);
        cursor = page.nextCursor;
      }
      const convoi = expected.filter((i) => (i.notes ?? '').includes('convoi')).map((i) => i.id);
      const got: number[] = [];
      let next: string | undefined;
      do {
        const page = await store().listIncidents({
          visibility: SEE_ALL,
          limit: 700,
          q: 'convoi rout',
          ...(next === undefined ? {} : { cursor: next }),
        });
        got.push(...page.items.map((i) => i.id));
        next = page.nextCursor ?? undefined;
      } while (next !== undefined);
      assert.equal(convoi.length > 2000, true);
      assert.deepEqual(got, convoi);
      assert.equal(await store().countIncidents({ visibility: SEE_ALL, q: 'route' }), 2600);
    });
  });

  describe('updateIncident', () => {
    const store = freshStore(open);

    it('applies coding, status and classification changes and records them as a revision', async () => {
      const input = incidentInput();
      await store().upsertIncidents([input], IMPORT);
      const [stored] = (await store().listIncidents({ visibility: SEE_ALL, limit: 1 })).items;
      assert.ok(stored);
      const updated = await store().updateIncident(stored.id, {
        actor: TEST_ACTOR,
        coding: { location: 'Boulkessi', fatalities: { low: 1, best: 4, high: 6 } },
        status: 'verified',
        classification: 'NATIONAL',
        ownerParty: 'MLI',
        changedBy: 'analyst-1',
        reason: 'confirmed by the liaison officer',
        at: LATER,
      });
      assert.ok(updated);
      assert.equal(updated.location, 'Boulkessi');
      assert.deepEqual(updated.fatalities, { low: 1, best: 4, high: 6 });
      assert.equal(updated.status, 'verified');
      assert.equal(updated.classification, 'NATIONAL');
      assert.equal(updated.ownerParty, 'MLI');
      assert.equal(updated.revision, 2);
      assert.equal(updated.updatedAt, LATER);
      assert.equal(updated.actor1, input.actor1);
      const [revision] = await store().listRevisions(stored.id);
      assert.deepEqual(revision, {
        incidentId: stored.id,
        revision: 2,
        changedAt: LATER,
        changedBy: 'analyst-1',
        reason: 'confirmed by the liaison officer',
        changes: {
          location: { before: 'Boni', after: 'Boulkessi' },
          fatalities: { before: { low: null, best: 3, high: null }, after: { low: 1, best: 4, high: 6 } },
          status: { before: 'machine-coded', after: 'verified' },
          classification: { before: 'PUBLIC', after: 'NATIONAL' },
          ownerParty: { before: null, after: 'MLI' },
        },
      });
      // The analyst's edit survives a re-import of the same source content.
      assert.deepEqual(await store().upsertIncidents([input], IMPORT), ['unchanged']);
      assert.equal((await store().getIncident(stored.id, SEE_ALL))?.location, 'Boulkessi');
    });

    it('keeps an incident and its revision when the change changes nothing', async () => {
      await store().upsertIncidents([incidentInput({ status: 'reported' })], IMPORT);
      const page = await store().listIncidents({ visibility: SEE_ALL, limit: 10, status: ['reported'] });
      const id = page.items[0]?.id ?? -1;
      const same = await store().updateIncident(id, {
        actor: TEST_ACTOR,
        status: 'reported',
        changedBy: 'a',
        reason: 'r',
        at: LATER,
      });
      assert.equal(same?.revision, 1);
      assert.deepEqual(await store().listRevisions(id), []);
    });

    it('answers null for an incident that does not exist', async () => {
      assert.equal(
        await store().updateIncident(999_999, {
          actor: TEST_ACTOR,
          status: 'verified',
          changedBy: 'a',
          reason: 'r',
          at: AT,
        }),
        null,
      );
      assert.equal(await store().getIncident(999_999, SEE_ALL), null);
    });
  });

  describe('reports', () => {
    const store = freshStore(open);
    const meta = { submittedBy: 'liaison-ner', receivedAt: AT, actor: TEST_ACTOR };

    it('stores a report and returns it with its id, sender and time of receipt', async () => {
      const input = reportInput();
      const { report, created } = await store().insertReport(input, meta);
      assert.equal(created, true);
      assert.deepEqual(report, { ...input, id: report.id, submittedBy: 'liaison-ner', receivedAt: AT });
      assert.deepEqual(await store().getReport(report.id, SEE_ALL), report);
    });

    it('returns the first report, not a copy, when a sender repeats a clientRef', async () => {
      const first = await store().insertReport(reportInput({ clientRef: 'phone-42' }), meta);
      const again = await store().insertReport(reportInput({ clientRef: 'phone-42', text: 'retry' }), {
        ...meta,
        receivedAt: LATER,
      });
      assert.equal(again.created, false);
      assert.deepEqual(again.report, first.report);
      const other = await store().insertReport(reportInput({ clientRef: 'phone-42' }), {
        ...meta,
        submittedBy: 'liaison-mli',
      });
      assert.equal(other.created, true);
    });

    it('stores every report that has no clientRef', async () => {
      const a = await store().insertReport(reportInput({ clientRef: null }), meta);
      const b = await store().insertReport(reportInput({ clientRef: null }), meta);
      assert.equal(a.created && b.created, true);
      assert.notEqual(a.report.id, b.report.id);
    });

    it('lists reports newest first in pages, and searches title and text without accents', async () => {
      const db = await open();
      try {
        for (let n = 0; n < 7; n++)
          await db.store.insertReport(
            reportInput({ title: n === 3 ? 'Embuscade à Ménaka' : `Report ${n}` }),
            { ...meta, receivedAt: `2025-01-0${n + 1}T00:00:00.000Z` },
          );
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await db.store.listReports({
            visibility: SEE_ALL,
            limit: 3,
            ...(cursor ? { cursor } : {}),
          });
          seen.push(...page.items.map((r) => r.receivedAt));
          cursor = page.nextCursor ?? undefined;
        } while (cursor !== undefined);
        assert.deepEqual(
          seen,
          Array.from({ length: 7 }, (_, n) => `2025-01-0${7 - n}T00:00:00.000Z`),
        );
        const found = await db.store.listReports({ visibility: SEE_ALL, q: 'MENAKA embusc', limit: 10 });
        assert.deepEqual(
          found.items.map((r) => r.title),
          ['Embuscade à Ménaka'],
        );
        assert.equal(
          (await db.store.listReports({ visibility: SEE_ALL, q: 'tillaberi', limit: 10 })).items.length,
          7,
        );
      } finally {
        await db.dispose();
      }
    });
  });

  describe('users and tokens', () => {
    const store = freshStore(open);

    it('creates users, finds them by name and counts them', async () => {
      assert.equal(await store().countUsers(), 0);
      const user = await store().createUser(
        { name: 'awa', role: 'liaison', party: 'MLI', createdAt: AT },
        BY,
      );
      assert.deepEqual(user, { id: user.id, name: 'awa', role: 'liaison', party: 'MLI', createdAt: AT });
      assert.equal(typeof user.id, 'number');
      assert.deepEqual(await store().findUserByName('awa'), user);
      assert.equal(await store().findUserByName('nobody'), null);
      assert.equal(await store().countUsers(), 1);
    });

    it('refuses a second user with the same name', async () => {
      await store().createUser({ name: 'moussa', role: 'analyst', party: null, createdAt: AT }, BY);
      await assert.rejects(
        store().createUser({ name: 'moussa', role: 'observer', party: null, createdAt: AT }, BY),
      );
    });

    it('finds the owner of a live token and nobody once it is revoked', async () => {
      const user = await store().createUser(
        {
          name: 'ibrahim',
          role: 'decision-maker',
          party: 'BFA',
          createdAt: AT,
        },
        BY,
      );
      await store().createToken(
        {
          userId: user.id,
          tokenHash: 'a'.repeat(64),
          prefix: 'lpk_aaaa',
          createdAt: AT,
        },
        BY,
      );
      await store().createToken(
        {
          userId: user.id,
          tokenHash: 'b'.repeat(64),
          prefix: 'lpk_bbbb',
          createdAt: AT,
        },
        BY,
      );
      assert.deepEqual(await store().findUserByTokenHash('a'.repeat(64)), user);
      assert.equal(await store().findUserByTokenHash('c'.repeat(64)), null);
      assert.equal(await store().revokeTokens(user.id, { actor: TEST_ACTOR, at: LATER }), 2);
      assert.equal(await store().findUserByTokenHash('a'.repeat(64)), null);
      assert.equal(await store().findUserByTokenHash('b'.repeat(64)), null);
      assert.equal(await store().revokeTokens(user.id, { actor: TEST_ACTOR, at: LATER }), 0);
    });
  });

  describe('import runs', () => {
    const store = freshStore(open);

    it('numbers import runs and records how they finished', async () => {
      const first = await store().startImportRun({ kind: 'acled', file: 'mli.csv', startedAt: AT }, BY);
      const second = await store().startImportRun({ kind: 'ucdp', file: 'ged.csv', startedAt: AT }, BY);
      assert.equal(typeof first, 'number');
      assert.ok(second > first);
      await store().finishImportRun(
        first,
        {
          imported: 10,
          updated: 2,
          skipped: 1,
          rejected: 0,
          finishedAt: LATER,
        },
        BY,
      );
    });
  });
}
