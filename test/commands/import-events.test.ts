/**
 * importEvents through the real store, on a SQLite file and on PostgreSQL: what each fixture leaves in
 * the store, re-imports, updates with their revision, and geocoding from the shipped gazetteer.
 */
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importEvents } from '../../src/commands/import-events.ts';
import type { Visibility } from '../../src/domain/classification.ts';
import type { Incident } from '../../src/domain/incident.ts';
import type { ImportKind } from '../../src/ingest/import-file.ts';
import { loadReference } from '../../src/reference/load-reference.ts';
import type { Store } from '../../src/store/store.ts';
import { testStoreKinds } from '../support/databases.ts';

const SEE_ALL: Visibility = { classifications: ['PUBLIC', 'AES_RESTRICTED', 'NATIONAL'], nationalOf: null };
const reference = loadReference();
const FIRST_RUN = () => new Date('2025-03-01T10:00:00.000Z');
const SECOND_RUN = () => new Date('2025-03-02T10:00:00.000Z');

/** What one fixture must leave behind: its summary, the keys it stored and the rows it rejected. */
interface FixtureExpectation {
  readonly file: string;
  readonly kind: ImportKind;
  readonly counts: { imported: number; updated: number; skipped: number; rejected: number };
  /** Sorted; a content-hashed key (a row without id) is written "sha256:…". */
  readonly stored: readonly string[];
  readonly rejectedRows: readonly number[];
}

const FIXTURES: readonly FixtureExpectation[] = [
  {
    file: 'acled-31-columns.csv',
    kind: 'acled',
    counts: { imported: 5, updated: 0, skipped: 0, rejected: 0 },
    stored: ['acled:BFX20001', 'acled:MLI90001', 'acled:MLI90002', 'acled:NIG30001', 'acled:NIG30002'],
    rejectedRows: [],
  },
  {
    file: 'acled-17-columns.csv',
    kind: 'acled',
    counts: { imported: 4, updated: 0, skipped: 0, rejected: 0 },
    stored: ['acled:BFX20011', 'acled:MLI90011', 'acled:MLI90012', 'acled:NIG30011'],
    rejectedRows: [],
  },
  {
    file: 'acled-bom-crlf.csv',
    kind: 'acled',
    counts: { imported: 4, updated: 0, skipped: 0, rejected: 1 },
    stored: ['acled:MLI90021', 'acled:MLI90022', 'acled:MLI90023', 'acled:MLI90025'],
    rejectedRows: [5],
  },
  {
    file: 'acled-latin1.csv',
    kind: 'acled',
    counts: { imported: 3, updated: 0, skipped: 0, rejected: 0 },
    stored: ['acled:MLI90031', 'acled:MLI90032', 'acled:NIG30031'],
    rejectedRows: [],
  },
  {
    file: 'acled-quoted-notes.csv',
    kind: 'acled',
    counts: { imported: 4, updated: 0, skipped: 0, rejected: 0 },
    stored: ['acled:BFX20041', 'acled:BFX20042', 'acled:BFX20043', 'acled:BFX20044'],
    rejectedRows: [],
  },
  {
    file: 'acled-geocoding.csv',
    kind: 'acled',
    counts: { imported: 2, updated: 0, skipped: 0, rejected: 3 },
    stored: ['acled:BFX20051', 'acled:MLI90051'],
    rejectedRows: [3, 4, 6],
  },
  {
    file: 'acled-bad-values.csv',
    kind: 'acled',
    counts: { imported: 2, updated: 0, skipped: 0, rejected: 15 },
    stored: ['acled:MLI90101', 'acled:MLI90117'],
    rejectedRows: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17],
  },
  {
    file: 'acled-duplicates.csv',
    kind: 'acled',
    // Row 4 repeats row 2 and row 7 repeats row 6 identically (skipped); row 5 reuses row 3's id with
    // other content (rejected).
    counts: { imported: 4, updated: 0, skipped: 2, rejected: 1 },
    stored: ['acled:MLI90201', 'acled:MLI90202', 'acled:MLI90204', 'sha256:…'],
    rejectedRows: [5],
  },
  {
    file: 'acled-malformed.csv',
    kind: 'acled',
    counts: { imported: 4, updated: 0, skipped: 0, rejected: 3 },
    stored: ['acled:MLI90301', 'acled:MLI90303', 'acled:MLI90304', 'acled:MLI90307'],
    rejectedRows: [3, 6, 7],
  },
  {
    file: 'ucdp-ged.csv',
    kind: 'ucdp',
    counts: { imported: 3, updated: 0, skipped: 0, rejected: 2 },
    stored: ['ucdp:900001', 'ucdp:900002', 'ucdp:900003'],
    rejectedRows: [5, 6],
  },
];

/** A temporary folder for copies of the fixtures, so that rejects files are not written into the repo. */
function scratchFolder(): () => string {
  let dir: string | undefined;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'liptako-import-events-'));
  });
  after(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });
  return () => {
    if (dir === undefined) throw new Error('the folder is made in before()');
    return dir;
  };
}

/** Copies a fixture into `dir` (under `as`, default its own name) and returns the copy's path. */
async function copyFixture(dir: string, name: string, as: string = name): Promise<string> {
  const copy = path.join(dir, as);
  await copyFile(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)), copy);
  return copy;
}

async function allIncidents(store: Store): Promise<Incident[]> {
  const page = await store.listIncidents({ visibility: SEE_ALL, limit: 1000 });
  assert.equal(page.nextCursor, null, 'the test stores fewer than 1,000 incidents');
  return page.items;
}

async function incidentByKey(store: Store, sourceKey: string): Promise<Incident> {
  const found = (await allIncidents(store)).find((i) => i.sourceKey === sourceKey);
  assert.ok(found, `${sourceKey} is stored`);
  return found;
}

const shownKey = (key: string): string => (key.startsWith('sha256:') ? 'sha256:…' : key);

for (const { dialect, open } of testStoreKinds) {
  describe(`importEvents on ${dialect}`, () => {
    const scratch = scratchFolder();
    /** A fresh store for one test, disposed after it. */
    const fresh = async (t: TestContext): Promise<Store> => {
      const db = await open();
      t.after(() => db.dispose());
      return db.store;
    };

    it('stores the accepted rows of every fixture and rejects the others, row by row', async (t) => {
      const store = await fresh(t);
      let known = new Set<string>();
      let total = 0;
      for (const fixture of FIXTURES) {
        const file = await copyFixture(scratch(), fixture.file, `all-${fixture.file}`);
        const result = await importEvents(store, reference, file, fixture.kind, {}, FIRST_RUN);

        const { imported, updated, skipped, rejected } = result;
        assert.deepEqual({ imported, updated, skipped, rejected }, fixture.counts, fixture.file);
        assert.equal(result.stopped, null, fixture.file);
        assert.deepEqual(
          result.rejectedRows.map((r) => r.row),
          fixture.rejectedRows,
          fixture.file,
        );
        if (fixture.rejectedRows.length === 0) assert.equal(result.rejectsPath, null, fixture.file);
        else {
          assert.equal(result.rejectsPath, `${file}.rejects.csv`, fixture.file);
          assert.ok((await stat(`${file}.rejects.csv`)).size > 0, fixture.file);
        }

        const keys = (await allIncidents(store)).map((i) => i.sourceKey);
        const added = keys.filter((k) => !known.has(k));
        assert.deepEqual(added.map(shownKey).sort(), fixture.stored, fixture.file);
        known = new Set(keys);
        total += fixture.counts.imported;
        assert.equal(await store.countIncidents({ visibility: SEE_ALL }), total, fixture.file);
      }
      assert.equal(total, 35);
    });

    it('stores the imported values: dates, actors, fatalities, status and origin', async (t) => {
      const store = await fresh(t);
      await importEvents(store, reference, await copyFixture(scratch(), 'acled-31-columns.csv'), 'acled');
      await importEvents(store, reference, await copyFixture(scratch(), 'ucdp-ged.csv'), 'ucdp');
      const clash = await incidentByKey(store, 'acled:MLI90001');
      assert.deepEqual(
        [
          clash.eventDate,
          clash.country,
          clash.actor1,
          clash.fatalities.best,
          clash.latitude,
          clash.longitude,
        ],
        ['2024-03-05', 'MLI', 'Military Forces of Mali (2021-)', 4, 15.0719, -2.2139],
      );
      assert.deepEqual(
        [clash.status, clash.classification, clash.ownerParty, clash.origin, clash.revision],
        ['verified', 'PUBLIC', null, 'acled', 1],
      );
      const ucdp = await incidentByKey(store, 'ucdp:900001');
      assert.deepEqual([ucdp.origin, ucdp.country, ucdp.revision], ['ucdp', 'MLI', 1]);
    });

    it('skips every row when the same files are imported again, leaving each incident at revision 1', async (t) => {
      const store = await fresh(t);
      const files = await Promise.all(
        FIXTURES.map(async (f) => ({ ...f, path: await copyFixture(scratch(), f.file, `again-${f.file}`) })),
      );
      for (const f of files) await importEvents(store, reference, f.path, f.kind, {}, FIRST_RUN);
      const before = await allIncidents(store);

      for (const f of files) {
        const again = await importEvents(store, reference, f.path, f.kind, {}, SECOND_RUN);
        const { imported, updated, skipped, rejected } = again;
        assert.deepEqual(
          { imported, updated, skipped, rejected },
          {
            imported: 0,
            updated: 0,
            skipped: f.counts.imported + f.counts.skipped,
            rejected: f.counts.rejected,
          },
          f.file,
        );
      }
      const afterwards = await allIncidents(store);
      assert.equal(afterwards.length, 35);
      assert.deepEqual(afterwards, before);
      assert.ok(afterwards.every((i) => i.revision === 1 && i.updatedAt === FIRST_RUN().toISOString()));
      for (const incident of afterwards) assert.deepEqual(await store.listRevisions(incident.id), []);
    });

    it('updates the one incident whose fatalities changed and records the change as revision 2', async (t) => {
      const store = await fresh(t);
      const file = await copyFixture(scratch(), 'acled-31-columns.csv', 'changed-31-columns.csv');
      await importEvents(store, reference, file, 'acled', {}, FIRST_RUN);

      // MLI90001 ends "…were reported killed.",4,,1710201600: four fatalities become five.
      const text = await readFile(file, 'utf8');
      const changed = text.replace('reported killed.",4,,1710201600', 'reported killed.",5,,1710201600');
      assert.notEqual(changed, text);
      await writeFile(file, changed);
      const result = await importEvents(store, reference, file, 'acled', {}, SECOND_RUN);

      const { imported, updated, skipped, rejected } = result;
      assert.deepEqual(
        { imported, updated, skipped, rejected },
        {
          imported: 0,
          updated: 1,
          skipped: 4,
          rejected: 0,
        },
      );
      const incident = await incidentByKey(store, 'acled:MLI90001');
      assert.deepEqual(
        [incident.revision, incident.fatalities.best, incident.updatedAt],
        [2, 5, SECOND_RUN().toISOString()],
      );
      assert.deepEqual(await store.listRevisions(incident.id), [
        {
          incidentId: incident.id,
          revision: 2,
          changedAt: SECOND_RUN().toISOString(),
          changedBy: 'import:acled',
          reason: 'import',
          changes: {
            fatalities: {
              before: { low: null, best: 4, high: null },
              after: { low: null, best: 5, high: null },
            },
          },
        },
      ]);
      const others = (await allIncidents(store)).filter((i) => i.id !== incident.id);
      assert.deepEqual(
        others.map((i) => i.revision),
        [1, 1, 1, 1],
      );
      assert.equal(await store.countIncidents({ visibility: SEE_ALL }), 5);
    });

    it('stores rows without coordinates at the place the gazetteer gives for their location', async (t) => {
      const store = await fresh(t);
      await importEvents(store, reference, await copyFixture(scratch(), 'acled-geocoding.csv'), 'acled');

      // Arbinda (Burkina Faso, Sahel), written Aribinda in GeoNames; the row gives geo_precision 3.
      const arbinda = await incidentByKey(store, 'acled:BFX20051');
      assert.deepEqual(
        [arbinda.latitude, arbinda.longitude, arbinda.admin1, arbinda.geoPrecision, arbinda.location],
        [14.22963, -0.86537, 'Sahel', 3, 'Arbinda'],
      );

      // Boni (Mali), with no admin1 in the row: stored where the gazetteer's lookup puts it.
      const place = reference.gazetteer.lookup('Boni', { country: 'MLI' });
      assert.ok(place);
      const boni = await incidentByKey(store, 'acled:MLI90051');
      assert.deepEqual(
        [boni.latitude, boni.longitude, boni.geoPrecision],
        [place.latitude, place.longitude, 2],
      );
      assert.equal(
        boni.admin1,
        reference.gazetteer.adminFor(place.latitude, place.longitude)?.admin1.name.en,
      );
    });

    it('places "Boni" without an admin1 at Boni (Mopti), not at Bouani (Ségou) whose alternate name is Boni', async (t) => {
      const store = await fresh(t);
      const file = await copyFixture(scratch(), 'acled-geocoding.csv', 'boni-geocoding.csv');
      await importEvents(store, reference, file, 'acled');
      const boni = await incidentByKey(store, 'acled:MLI90051');
      assert.deepEqual([boni.latitude, boni.longitude, boni.admin1], [15.07658, -2.21976, 'Mopti']);
    });
  });
}
