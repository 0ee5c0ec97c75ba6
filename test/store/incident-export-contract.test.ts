/**
 * Store.exportIncidents on every implementation (a real SQLite file and the real PostgreSQL): every
 * matching incident exactly once, by id, in pages no larger than asked, hidden records absent, the
 * list's filters applied, each incident as a single read gives it; on PostgreSQL (pages read through a
 * cursor) the pool's connection handed back after a finished and an abandoned export.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { visibilityOf, type Visibility } from '../../src/domain/classification.ts';
import type { Incident } from '../../src/domain/incident.ts';
import type { IncidentFilter, IncidentInput, Store } from '../../src/store/store.ts';
import { openStore } from '../../src/store/open-store.ts';
import { testDatabaseUrl, testStoreKinds, type TestStore } from '../support/databases.ts';
import { incidentInput, TEST_ACTOR } from '../support/factories.ts';

const SEE_ALL: Visibility = visibilityOf({ role: 'analyst', party: null });
const IMPORT = { changedBy: 'import', at: '2025-01-01T00:00:00.000Z', actor: TEST_ACTOR };

/** Rejects when `work` takes longer than `ms`: a leaked connection shows as a wait, not a hang. */
function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

async function collect(store: Store, filter: IncidentFilter, pageSize?: number): Promise<Incident[][]> {
  const pages: Incident[][] = [];
  for await (const page of store.exportIncidents(filter, pageSize)) pages.push(page);
  return pages;
}

for (const kind of testStoreKinds) {
  describe(`exportIncidents on ${kind.dialect}`, () => {
    let db: TestStore;
    let store: Store;
    const inputs: IncidentInput[] = [];
    before(async () => {
      db = await kind.open();
      store = db.store;
      const labels = [
        { classification: 'PUBLIC', ownerParty: null },
        { classification: 'AES_RESTRICTED', ownerParty: null },
        { classification: 'NATIONAL', ownerParty: 'MLI' },
        { classification: 'NATIONAL', ownerParty: 'BFA' },
      ] as const;
      for (let n = 0; n < 53; n++)
        inputs.push(
          incidentInput({
            ...labels[n % 4],
            country: n % 3 === 0 ? 'NER' : 'MLI',
            eventDate: `2024-03-${String((n % 28) + 1).padStart(2, '0')}`,
          }),
        );
      await store.upsertIncidents(inputs, IMPORT);
    });
    after(() => db.dispose());

    it('yields every visible incident once, ascending by id, in pages of the size asked', async () => {
      const pages = await collect(store, { visibility: SEE_ALL }, 10);
      assert.deepEqual(
        pages.map((p) => p.length),
        [10, 10, 10, 10, 10, 3],
      );
      const ids = pages.flat().map((i) => i.id);
      assert.equal(ids.length, 53);
      assert.deepEqual(
        ids,
        [...ids].sort((a, b) => a - b),
      );
      assert.equal(new Set(ids).size, 53);
    });

    it('leaves out what the viewer may not read', async () => {
      const liaison = visibilityOf({ role: 'liaison', party: 'MLI' });
      const seen = (await collect(store, { visibility: liaison }, 7)).flat();
      assert.ok(seen.length > 0);
      assert.ok(seen.every((i) => i.classification !== 'NATIONAL' || i.ownerParty === 'MLI'));
      assert.equal(
        seen.length,
        inputs.filter((i) => i.classification !== 'NATIONAL' || i.ownerParty === 'MLI').length,
      );
      const observer = (await collect(store, { visibility: visibilityOf({ role: 'observer', party: null }) }))
        .flat()
        .map((i) => i.classification);
      assert.ok(observer.length > 0 && observer.every((c) => c === 'PUBLIC'));
    });

    it('applies the list filters', async () => {
      const filter: IncidentFilter = { visibility: SEE_ALL, country: ['NER'], from: '2024-03-10' };
      const got = (await collect(store, filter, 5)).flat();
      const expected = inputs.filter((i) => i.country === 'NER' && i.eventDate >= '2024-03-10').length;
      assert.ok(expected > 0);
      assert.equal(got.length, expected);
      assert.ok(got.every((i) => i.country === 'NER' && i.eventDate >= '2024-03-10'));
    });

    it('yields nothing for a filter that matches nothing', async () => {
      assert.deepEqual(await collect(store, { visibility: SEE_ALL, country: ['TCD'] }), []);
    });

    it('yields each incident exactly as a single read gives it (numbers as numbers, every field)', async () => {
      const exported = (await collect(store, { visibility: SEE_ALL }, 20)).flat();
      assert.equal(exported.length, 53);
      for (const incident of exported) {
        assert.equal(typeof incident.id, 'number');
        assert.deepEqual(incident, await store.getIncident(incident.id, SEE_ALL));
      }
    });
  });

  describe(`exportIncidents on ${kind.dialect}, pages larger than a cursor's batch`, () => {
    let db: TestStore;
    const total = 620;
    before(async () => {
      db = await kind.open();
      const inputs = Array.from({ length: total }, () => incidentInput({ classification: 'PUBLIC' }));
      await db.store.upsertIncidents(inputs, IMPORT);
    });
    after(() => db.dispose());

    it('yields every row of pages read in several batches, once each', async () => {
      for (const [pageSize, sizes] of [
        [1000, [620]],
        [300, [300, 300, 20]],
        [310, [310, 310]],
      ] as const) {
        const pages = await collect(db.store, { visibility: SEE_ALL }, pageSize);
        assert.deepEqual(
          pages.map((p) => p.length),
          sizes,
        );
        assert.equal(new Set(pages.flat().map((i) => i.id)).size, total);
      }
    });

    if (kind.dialect === 'postgres')
      it('hands its connection back to the pool after each page, a finished export and an abandoned one', async () => {
        // One connection: a page that kept it would leave every later read waiting (within fails it).
        const single = await openStore({
          databaseUrl: testDatabaseUrl,
          schema: db.location,
          maxConnections: 1,
        });
        try {
          const pages = single.exportIncidents({ visibility: SEE_ALL }, 100);
          let seen = 0;
          for await (const page of pages) {
            seen += page.length;
            // Between two pages the export holds no connection: another read gets the only one.
            assert.ok((await within(5000, single.getIncident(page[0]?.id ?? 0, SEE_ALL))) !== null);
          }
          assert.equal(seen, total);
          for await (const page of single.exportIncidents({ visibility: SEE_ALL }, 50)) {
            assert.equal(page.length, 50);
            break;
          }
          assert.equal(await within(5000, single.countIncidents({ visibility: SEE_ALL })), total);
        } finally {
          // A pool with a connection out never finishes closing: give up on it rather than hang.
          await within(5000, single.close()).catch(() => undefined);
        }
      });
  });
}
