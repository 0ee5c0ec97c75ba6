/**
 * A start killed (SIGKILL) while it migrates a fresh database (a SQLite file or a PostgreSQL schema)
 * leaves a database that the next start opens and finishes: the migrations are all there or none is,
 * never a table made by a migration that was not recorded (which the next run would then fail to create
 * again). Shared by migrate-killed-sqlite.test.ts and migrate-killed-postgres.test.ts.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { openStore, type StoreLocation } from '../../src/store/open-store.ts';
import { seeded } from './crash-settings.ts';

const OPEN_AND_MIGRATE = `
import { openStore } from ${JSON.stringify(path.resolve('src/store/open-store.ts'))};
const store = await openStore(JSON.parse(process.argv[1]));
process.stdout.write('open\\n');
await store.migrate();
process.stdout.write('migrated\\n');
await store.close();
`;

/** A fresh database for one start, and how to remove it. */
export interface FreshDatabase {
  readonly location: StoreLocation;
  dispose(): Promise<void>;
}

const TRIALS = 12;

/**
 * Runs the migrating child, killing it `delay` ms after it has opened the store: whether it finished
 * first, and how long its migration took when it did.
 */
function migrateKilledAfter(
  location: StoreLocation,
  delay: number,
): Promise<{ finished: boolean; ms: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--input-type=module', '-e', OPEN_AND_MIGRATE, JSON.stringify(location)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    let opened = 0;
    let ms = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (opened === 0 && out.includes('open')) {
        opened = performance.now();
        setTimeout(() => child.kill('SIGKILL'), delay);
      }
      if (ms === 0 && out.includes('migrated')) ms = performance.now() - opened;
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve({ finished: out.includes('migrated'), ms });
      else reject(new Error(`the migrating child failed (${code}): ${err}`));
    });
  });
}

/**
 * 12 starts of fresh databases made by `fresh`, each killed at a seeded moment of its migration, each
 * followed by a start that must migrate it whole; `stream` keeps the test's kill moments apart.
 */
export async function migrateKilledTrials(
  t: TestContext,
  label: string,
  fresh: (name: string) => Promise<FreshDatabase>,
  stream: number,
): Promise<void> {
  const { rand, replay } = seeded(stream);
  // How long a whole migration takes here, so that the kills spread over it.
  const timingDatabase = await fresh('timing');
  t.after(() => timingDatabase.dispose());
  const timing = await migrateKilledAfter(timingDatabase.location, 60_000);
  assert.equal(timing.finished, true);
  const whole = Math.max(5, timing.ms);
  let killedMidway = 0;
  for (let trial = 0; trial < TRIALS; trial++) {
    const database = await fresh(`trial-${trial}`);
    t.after(() => database.dispose());
    const { finished } = await migrateKilledAfter(database.location, Math.floor(rand() * whole));
    if (!finished) killedMidway++;
    const store = await openStore(database.location);
    try {
      await store.migrate();
      // The schema is whole: a read that spans the summaries and the audit log answers.
      assert.equal(await store.auditHeadSize(), 0, `trial ${trial} ${replay}`);
    } catch (error) {
      assert.fail(`trial ${trial}: the next start could not migrate: ${String(error)} ${replay}`);
    } finally {
      await store.close();
    }
  }
  t.diagnostic(
    `${label}: ${killedMidway} of ${TRIALS} starts killed before their migration finished ${replay}`,
  );
  assert.ok(killedMidway > 0, `no kill landed during a migration ${replay}`);
}
