/**
 * Two nodes import the same file at the same moment (issue 8): two importEvents on two PostgreSQL
 * store instances of one schema. Both finish; each row is stored once, and the two runs' outcomes add
 * up to the file: every row inserted by one of them and found unchanged by the other.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importEvents } from '../../src/commands/import-events.ts';
import { loadReference } from '../../src/reference/load-reference.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';
import { openPostgresTestStore, testDatabaseUrl, type TestStore } from '../support/databases.ts';

const reference = loadReference();
const ROWS = 1200;
/** Small batches, so that the two runs' batches interleave many times. */
const BATCH = 50;
const HEADER =
  'event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp';

/** An ACLED file of `rows` distinct events around Boni, a day apart. */
function acledFile(rows: number): string {
  const lines = [HEADER];
  for (let n = 0; n < rows; n++) {
    const day = new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    lines.push(
      `MLI7${String(n).padStart(5, '0')},${day},${day.slice(0, 4)},1,Political violence,Battles,Armed clash,Military Forces of Mali (2021-),,State forces,JNIM: Jamaah Nusrat al-Islam wal Muslimin,,Rebel group,State forces-Rebel group,,466,Western Africa,Mali,Mopti,Douentza,Boni,Boni,${(15 + (n % 50) / 100).toFixed(4)},-2.2139,1,Studio Tamani,National,"Clash number ${n} near Boni.",${n % 7},,1710201600`,
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('two imports of one file at once, on two PostgreSQL store instances of one schema', () => {
  let test: TestStore;
  let second: Store;
  let dir: string;
  let file: string;

  before(async () => {
    test = await openPostgresTestStore();
    second = await openStore({ databaseUrl: testDatabaseUrl, schema: test.location });
    dir = await mkdtemp(path.join(tmpdir(), 'liptako-concurrent-import-'));
    file = path.join(dir, 'acled-sahel.csv');
    await writeFile(file, acledFile(ROWS));
  });

  after(async () => {
    await second.close();
    await test.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('finishes both, stores each row once, and the outcomes add up to the file', async () => {
    const [a, b] = await Promise.all([
      importEvents(test.store, reference, file, 'acled', { batchSize: BATCH }),
      importEvents(second, reference, file, 'acled', { batchSize: BATCH }),
    ]);
    for (const run of [a, b]) {
      assert.equal(run.rejected, 0);
      assert.equal(run.updated, 0);
      assert.equal(run.imported + run.skipped, ROWS, 'each run accounts for every row of the file');
    }
    assert.equal(a.imported + b.imported, ROWS, 'each row inserted by exactly one of the runs');

    const stored = test.store.exportIncidents({
      visibility: { classifications: ['PUBLIC', 'AES_RESTRICTED', 'NATIONAL'], nationalOf: null },
    });
    const keys: string[] = [];
    for await (const page of stored) for (const incident of page) keys.push(incident.sourceKey);
    assert.equal(keys.length, ROWS);
    assert.equal(new Set(keys).size, ROWS);
  });
});
